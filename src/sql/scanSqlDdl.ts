/**
 * A tolerant scanner that finds the table-level DDL (create, drop, rename) in SQL text.
 *
 * It is not a parser: it tokenizes with a single forward character loop (no backtracking regex,
 * no recursion), splits statements at `;`, and recognises a handful of statement shapes by their
 * leading keywords. Anything it does not recognise produces nothing. It never throws, so it can be
 * pointed at arbitrary strings from migration files, including half-typed ones in an editor.
 */
import type { DdlEvent } from '../schema/ddlEvent.js';
import { createTableRef, type TableRef } from '../schema/tableRef.js';

/**
 * Stands in for each `${...}` of a template literal. It is a word character, so an interpolation
 * glued to a name (`users_${suffix}`) makes the whole name unreadable instead of misread.
 */
export const INTERPOLATION_MARK = '\uE000';

/** A DDL statement that was recognised but whose table name could not be read statically. */
export interface SkippedDdlStatement {
  /** Offset of the statement's first keyword in the scanned text. */
  readonly offset: number;
  readonly reason: string;
}

export interface SqlDdlScan {
  readonly events: DdlEvent[];
  readonly skipped: SkippedDdlStatement[];
}

export function scanSqlDdl(text: string): DdlEvent[] {
  return scanSqlDdlWithSkips(text).events;
}

export function scanSqlDdlWithSkips(text: string): SqlDdlScan {
  const scan: SqlDdlScan = { events: [], skipped: [] };
  const stream = new TokenStream(new SqlLexer(text));
  do {
    scanStatement(stream, scan);
  } while (stream.endStatement());
  return scan;
}

// ---------------------------------------------------------------------------------------------
// Tokens

type TokenKind =
  /** An unquoted word: keyword or identifier, exactly as written. */
  | 'word'
  /** A `"quoted"`, `` `quoted` `` or `[quoted]` identifier; `text` is the unescaped inner text. */
  | 'quoted'
  /** A string or dollar-quoted literal; its content is irrelevant and not kept. */
  | 'literal'
  /** Any other single character. */
  | 'punct';

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** False for a quote or literal still open at the end of the text. */
  readonly terminated: boolean;
}

const MARK_CODE = INTERPOLATION_MARK.charCodeAt(0);
const STATEMENT_BREAKPOINT = '--> statement-breakpoint';

const CH = {
  tab: 0x09,
  lineFeed: 0x0a,
  carriageReturn: 0x0d,
  space: 0x20,
  doubleQuote: 0x22,
  dollar: 0x24,
  singleQuote: 0x27,
  star: 0x2a,
  dash: 0x2d,
  slash: 0x2f,
  backslash: 0x5c,
  underscore: 0x5f,
  backtick: 0x60,
  openBracket: 0x5b,
} as const;

/** Single-character test only: the pattern is anchored to one code point, so it cannot backtrack. */
const UNICODE_WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isAsciiDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isWhitespace(code: number): boolean {
  if (code === CH.space || (code >= CH.tab && code <= CH.carriageReturn)) return true;
  if (code < 0x80) return false;
  // A BOM or non-breaking space pasted before a statement must not hide it.
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function isUnicodeWordChar(codePoint: number): boolean {
  return codePoint >= 0x80 && UNICODE_WORD_CHAR.test(String.fromCodePoint(codePoint));
}

function isWordStart(codePoint: number): boolean {
  return (
    isAsciiLetter(codePoint) ||
    isAsciiDigit(codePoint) ||
    codePoint === CH.underscore ||
    codePoint === MARK_CODE ||
    isUnicodeWordChar(codePoint)
  );
}

function isWordPart(codePoint: number): boolean {
  return codePoint === CH.dollar || isWordStart(codePoint);
}

/** Dollar-quote tags are identifiers without `$`; they cannot start with a digit (`$1` is a parameter). */
function isDollarTagStart(codePoint: number): boolean {
  return isAsciiLetter(codePoint) || codePoint === CH.underscore || isUnicodeWordChar(codePoint);
}

function isDollarTagPart(codePoint: number): boolean {
  return isDollarTagStart(codePoint) || isAsciiDigit(codePoint);
}

function codePointLength(codePoint: number): number {
  return codePoint > 0xffff ? 2 : 1;
}

/** Turns SQL text into tokens, one at a time; comments and whitespace are dropped. */
class SqlLexer {
  private pos = 0;

  constructor(private readonly text: string) {}

  next(): Token | undefined {
    const { text } = this;
    while (this.pos < text.length) {
      const start = this.pos;
      const code = text.charCodeAt(start);
      const following = text.charCodeAt(start + 1);

      if (isWhitespace(code)) {
        this.pos++;
      } else if (code === CH.dash && following === CH.dash) {
        // Drizzle splits its migrations at this comment, so it ends a statement even without `;`.
        const end = this.lineEnd(start + 2);
        if (text.startsWith(STATEMENT_BREAKPOINT, start)) return this.token('punct', ';', start, end);
        this.pos = end;
      } else if (code === CH.slash && following === CH.star) {
        this.skipBlockComment(start + 2);
      } else {
        return this.readToken(start, code, following);
      }
    }
    return undefined;
  }

  private readToken(start: number, code: number, following: number): Token {
    switch (code) {
      case CH.singleQuote:
        return this.readString(start, start, false);
      case CH.doubleQuote:
        return this.readQuotedIdentifier(start, '"');
      case CH.backtick:
        return this.readQuotedIdentifier(start, '`');
      case CH.openBracket:
        return this.readQuotedIdentifier(start, ']');
      case CH.dollar:
        return this.readDollarQuoted(start) ?? this.readPunct(start);
      default:
        break;
    }
    if ((code === 0x45 || code === 0x65) && following === CH.singleQuote) {
      return this.readString(start, start + 1, true); // E'...' allows backslash escapes
    }
    const codePoint = this.text.codePointAt(start) ?? code;
    return isWordStart(codePoint) ? this.readWord(start) : this.readPunct(start);
  }

  private token(kind: TokenKind, text: string, start: number, end: number, terminated = true): Token {
    this.pos = end;
    return { kind, text, start, end, terminated };
  }

  /** Where a line comment ends: at a line break; `\r` counts too, as it does for Postgres. */
  private lineEnd(from: number): number {
    const { text } = this;
    let i = from;
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (code === CH.lineFeed || code === CH.carriageReturn) break;
      i++;
    }
    return i;
  }

  /** Postgres nests block comments; an unclosed one runs to the end of the text. */
  private skipBlockComment(from: number): void {
    const { text } = this;
    let depth = 1;
    let i = from;
    while (i < text.length && depth > 0) {
      const code = text.charCodeAt(i);
      const following = text.charCodeAt(i + 1);
      if (code === CH.slash && following === CH.star) {
        depth++;
        i += 2;
      } else if (code === CH.star && following === CH.slash) {
        depth--;
        i += 2;
      } else {
        i++;
      }
    }
    this.pos = Math.min(i, text.length);
  }

  /** `'...'` with `''` escapes; with `backslashEscapes` (E-strings) `\'` escapes too. */
  private readString(start: number, quote: number, backslashEscapes: boolean): Token {
    const { text } = this;
    let i = quote + 1;
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (backslashEscapes && code === CH.backslash) {
        i += 2;
      } else if (code !== CH.singleQuote) {
        i++;
      } else if (text.charCodeAt(i + 1) === CH.singleQuote) {
        i += 2;
      } else {
        return this.token('literal', '', start, i + 1);
      }
    }
    return this.token('literal', '', start, text.length, false);
  }

  /** The closing character is escaped by doubling it: `""`, ` `` `, `]]`. */
  private readQuotedIdentifier(start: number, close: string): Token {
    const { text } = this;
    let name = '';
    let from = start + 1;
    for (;;) {
      const at = text.indexOf(close, from);
      if (at < 0) return this.token('quoted', name + text.slice(from), start, text.length, false);
      if (text[at + 1] !== close) return this.token('quoted', name + text.slice(from, at), start, at + 1);
      name += text.slice(from, at + 1);
      from = at + 2;
    }
  }

  /** `$$...$$` or `$tag$...$tag$`; undefined when the `$` does not open one (e.g. `$1`). */
  private readDollarQuoted(start: number): Token | undefined {
    const { text } = this;
    let i = start + 1;
    const first = text.codePointAt(i);
    if (first === undefined) return undefined;
    if (first !== CH.dollar) {
      if (!isDollarTagStart(first)) return undefined;
      for (;;) {
        const codePoint = text.codePointAt(i);
        if (codePoint === CH.dollar) break;
        if (codePoint === undefined || !isDollarTagPart(codePoint)) return undefined;
        i += codePointLength(codePoint);
      }
    }
    const delimiter = text.slice(start, i + 1);
    const close = text.indexOf(delimiter, i + 1);
    if (close < 0) return this.token('literal', '', start, text.length, false);
    return this.token('literal', '', start, close + delimiter.length);
  }

  private readWord(start: number): Token {
    const { text } = this;
    let i = start;
    while (i < text.length) {
      const codePoint = text.codePointAt(i) ?? 0;
      if (!isWordPart(codePoint)) break;
      i += codePointLength(codePoint);
    }
    return this.token('word', text.slice(start, i), start, i);
  }

  private readPunct(start: number): Token {
    const codePoint = this.text.codePointAt(start) ?? 0;
    const end = start + codePointLength(codePoint);
    return this.token('punct', this.text.slice(start, end), start, end);
  }
}

function isPunct(token: Token | undefined, char: string): boolean {
  return token?.kind === 'punct' && token.text === char;
}

function isKeyword(token: Token | undefined, keyword: string): boolean {
  return token?.kind === 'word' && token.text.length === keyword.length && token.text.toUpperCase() === keyword;
}

function isAnyKeyword(token: Token | undefined, keywords: readonly string[]): boolean {
  return keywords.some((keyword) => isKeyword(token, keyword));
}

function isIdentifier(token: Token | undefined): token is Token {
  return token?.kind === 'word' || token?.kind === 'quoted';
}

/**
 * Tokens of the current statement with a little lookahead. `peek` and `next` stop at the
 * statement's `;`, so the statement readers cannot run into the next statement.
 */
class TokenStream {
  private readonly buffer: Token[] = [];

  constructor(private readonly lexer: SqlLexer) {}

  peek(ahead = 0): Token | undefined {
    for (let i = 0; i <= ahead; i++) {
      const token = this.buffered(i);
      if (token === undefined || isPunct(token, ';')) return undefined;
    }
    return this.buffered(ahead);
  }

  next(): Token | undefined {
    const token = this.peek();
    if (token !== undefined) this.buffer.shift();
    return token;
  }

  /** Skips what is left of the statement and its `;`; false once the text is exhausted. */
  endStatement(): boolean {
    while (this.next() !== undefined);
    const terminator = this.buffered(0);
    if (terminator === undefined) return false;
    this.buffer.shift();
    return true;
  }

  private buffered(index: number): Token | undefined {
    while (this.buffer.length <= index) {
      const token = this.lexer.next();
      if (token === undefined) return undefined;
      this.buffer.push(token);
    }
    return this.buffer[index];
  }
}

// ---------------------------------------------------------------------------------------------
// Statements

const REASON = {
  runtime: 'table name is built at runtime',
  missing: 'table name is missing',
  cutOff: 'table name is cut off',
  unreadable: 'table name could not be read',
} as const;

type NameRead =
  | { readonly ok: true; readonly ref: TableRef; readonly qualified: boolean }
  | { readonly ok: false; readonly reason: string };

function scanStatement(stream: TokenStream, scan: SqlDdlScan): void {
  const first = stream.next();
  if (first === undefined) return;
  const statement = new StatementScan(stream, scan, first.start);
  if (isKeyword(first, 'CREATE')) statement.create();
  else if (isKeyword(first, 'DROP')) statement.drop();
  else if (isKeyword(first, 'ALTER')) statement.alter();
  else if (isKeyword(first, 'RENAME')) statement.renameTable();
}

/** Reads one statement whose first keyword has been consumed; records what it finds. */
class StatementScan {
  /** `ALTER VIEW … RENAME TO` renames a view; every other rename form renames a table. */
  private renameKind: 'rename-table' | 'rename-view' = 'rename-table';

  constructor(
    private readonly stream: TokenStream,
    private readonly scan: SqlDdlScan,
    private readonly offset: number,
  ) {}

  /**
   * `CREATE [OR REPLACE] [GLOBAL|LOCAL] [TEMP|TEMPORARY|UNLOGGED] TABLE [IF NOT EXISTS] name`, or
   * `CREATE [OR REPLACE] [TEMP] [RECURSIVE] [MATERIALIZED] VIEW [IF NOT EXISTS] name` (MySQL's
   * `ALGORITHM=… DEFINER=… SQL SECURITY …` prefixes skipped).
   */
  create(): void {
    this.acceptKeywords('OR', 'REPLACE');
    this.acceptAnyKeyword(['GLOBAL', 'LOCAL']);
    const temporary = this.acceptAnyKeyword(['TEMP', 'TEMPORARY']);
    if (!temporary) this.acceptAnyKeyword(['UNLOGGED']);
    if (this.acceptViewKeyword()) return this.createView(temporary);
    if (!this.acceptKeywords('TABLE')) return;
    this.acceptKeywords('IF', 'NOT', 'EXISTS');
    const name = this.readTableName();
    if (!name.ok) return this.skip(name.reason);
    // Whatever follows (columns, AS SELECT, LIKE, PARTITION OF) does not change which table exists.
    this.scan.events.push({
      kind: 'create-table',
      table: name.ref,
      ...(temporary ? { temporary: true } : {}),
      offset: this.offset,
    });
  }

  private createView(temporary: boolean): void {
    this.acceptKeywords('IF', 'NOT', 'EXISTS');
    const name = this.readTableName();
    if (!name.ok) return this.skip(name.reason);
    this.scan.events.push({ kind: 'create-view', table: name.ref, ...(temporary ? { temporary: true } : {}), offset: this.offset });
  }

  /** `VIEW`, `MATERIALIZED VIEW`, `RECURSIVE VIEW`, or MySQL's options before `VIEW`. */
  private acceptViewKeyword(): boolean {
    this.acceptAnyKeyword(['RECURSIVE', 'MATERIALIZED']);
    if (this.acceptKeywords('VIEW')) return true;
    if (!isAnyKeyword(this.stream.peek(), ['ALGORITHM', 'DEFINER', 'SQL'])) return false;
    // MySQL view options are a handful of tokens; a bounded look keeps this linear.
    for (let i = 0; i < 24; i++) {
      const token = this.stream.peek(i);
      if (token === undefined || isPunct(token, ';') || isPunct(token, '(')) return false;
      if (isKeyword(token, 'VIEW')) {
        for (let j = 0; j <= i; j++) this.stream.next();
        return true;
      }
    }
    return false;
  }

  /** `DROP [MATERIALIZED] TABLE|VIEW [IF EXISTS] a, b, c [CASCADE|RESTRICT]`: one event per readable name. */
  drop(): void {
    const isView = this.acceptKeywords('MATERIALIZED', 'VIEW') || this.acceptKeywords('VIEW');
    if (!isView && !this.acceptKeywords('TABLE')) return;
    this.acceptKeywords('IF', 'EXISTS');
    for (;;) {
      const name = this.readTableName();
      if (name.ok) this.scan.events.push({ kind: isView ? 'drop-view' : 'drop-table', table: name.ref, offset: this.offset });
      else this.skip(name.reason);
      if (!this.acceptPunct(',')) return;
    }
  }

  /** `ALTER [MATERIALIZED] TABLE|VIEW [IF EXISTS] [ONLY] name <actions>`: only a `RENAME` action renames it. */
  alter(): void {
    const isView = this.acceptKeywords('MATERIALIZED', 'VIEW') || this.acceptKeywords('VIEW');
    if (!isView && !this.acceptKeywords('TABLE')) return;
    this.acceptKeywords('IF', 'EXISTS');
    this.acceptKeywords('ONLY');
    const from = this.readTableName();
    if (!from.ok && from.reason === REASON.missing) return;
    this.renameKind = isView ? 'rename-view' : 'rename-table';
    this.findRenameAction(from);
  }

  /** MySQL `RENAME TABLE a TO b [, c TO d]`: one event per pair. */
  renameTable(): void {
    if (!this.acceptKeywords('TABLE')) return;
    for (;;) {
      const from = this.readTableName();
      if (!from.ok && from.reason === REASON.missing) return this.skip(from.reason);
      if (!this.acceptKeywords('TO')) {
        if (!from.ok) this.skip(from.reason);
        return;
      }
      const to = this.readTableName();
      this.recordRename(from, to);
      if (!to.ok && to.reason === REASON.missing) return;
      if (!this.acceptPunct(',')) return;
    }
  }

  /**
   * MySQL lets a rename be any action of the comma-separated list (`ADD c INT, RENAME TO b`), so
   * look at the start of each top-level action, not only right after the name.
   */
  private findRenameAction(from: NameRead): void {
    let depth = 0;
    let atActionStart = true;
    for (let token = this.stream.peek(); token !== undefined; token = this.stream.peek()) {
      if (atActionStart && isKeyword(token, 'RENAME')) {
        this.stream.next();
        if (this.renameAction(from)) return;
        atActionStart = false;
        continue;
      }
      this.stream.next();
      if (isPunct(token, '(')) depth++;
      else if (isPunct(token, ')')) depth = Math.max(0, depth - 1);
      atActionStart = depth === 0 && isPunct(token, ',');
    }
  }

  /**
   * After `RENAME`: `TO b` and `AS b` rename the table; a bare `b` does too (MySQL) but only when it
   * ends the statement, since `RENAME x TO y` renames a column in Postgres. True when handled.
   */
  private renameAction(from: NameRead): boolean {
    if (this.acceptAnyKeyword(['TO', 'AS'])) {
      this.recordRename(from, this.readTableName());
      return true;
    }
    if (!isIdentifier(this.stream.peek())) return false;
    if (isAnyKeyword(this.stream.peek(), ['COLUMN', 'CONSTRAINT', 'INDEX', 'KEY'])) return false;
    const to = this.readTableName();
    if (this.stream.peek() !== undefined) return false;
    this.recordRename(from, to);
    return true;
  }

  /** An unqualified new name stays in the old table's schema. */
  private recordRename(from: NameRead, to: NameRead): void {
    if (!from.ok) return this.skip(from.reason);
    if (!to.ok) return this.skip(to.reason);
    const target = to.qualified ? to.ref : { ...to.ref, schema: from.ref.schema };
    this.scan.events.push({ kind: this.renameKind, table: from.ref, to: target, offset: this.offset });
  }

  /**
   * `name`, `schema.name` or `db.schema.name`: the last part is the table, the one before it the
   * schema. Refuses rather than guesses when any part is interpolated, truncated or glued to more.
   */
  private readTableName(): NameRead {
    const parts: Token[] = [];
    let part = this.stream.peek();
    for (;;) {
      if (!isIdentifier(part)) return { ok: false, reason: parts.length === 0 ? REASON.missing : REASON.cutOff };
      this.stream.next();
      parts.push(part);
      if (!this.acceptPunct('.')) break;
      part = this.stream.peek();
    }
    const name = part;
    const glued = this.consumeGluedTokens(name);
    const reason = unreadableReason(parts) ?? (glued.length > 0 ? (unreadableReason(glued) ?? REASON.unreadable) : undefined);
    if (reason !== undefined) return { ok: false, reason };

    const schema = parts.length > 1 ? parts[parts.length - 2] : undefined;
    const ref = createTableRef(name.text, { schema: schema?.text, quoted: name.kind === 'quoted' });
    return { ok: true, ref, qualified: schema !== undefined };
  }

  /**
   * Tokens touching the end of a name (`"users"${suffix}`, `U&"d\0061ta"`) mean the name goes on
   * in a form we cannot read. `(` `,` `)` may legitimately touch it: `CREATE TABLE t(id int)`.
   */
  private consumeGluedTokens(last: Token): Token[] {
    const glued: Token[] = [];
    let end = last.end;
    for (let token = this.stream.peek(); token !== undefined && token.start === end; token = this.stream.peek()) {
      if (isPunct(token, '(') || isPunct(token, ')') || isPunct(token, ',')) break;
      this.stream.next();
      glued.push(token);
      end = token.end;
    }
    return glued;
  }

  private skip(reason: string): void {
    this.scan.skipped.push({ offset: this.offset, reason });
  }

  /** Consumes the keyword sequence only if all of it is there. */
  private acceptKeywords(...keywords: string[]): boolean {
    if (!keywords.every((keyword, i) => isKeyword(this.stream.peek(i), keyword))) return false;
    for (let i = 0; i < keywords.length; i++) this.stream.next();
    return true;
  }

  private acceptAnyKeyword(keywords: readonly string[]): boolean {
    if (!isAnyKeyword(this.stream.peek(), keywords)) return false;
    this.stream.next();
    return true;
  }

  private acceptPunct(char: string): boolean {
    if (!isPunct(this.stream.peek(), char)) return false;
    this.stream.next();
    return true;
  }
}

/** Why these tokens do not spell a name we can trust, or undefined when they do. */
function unreadableReason(tokens: readonly Token[]): string | undefined {
  if (tokens.some((token) => token.text.includes(INTERPOLATION_MARK))) return REASON.runtime;
  if (tokens.some((token) => !token.terminated)) return REASON.cutOff;
  if (tokens.some((token) => token.text === '')) return REASON.unreadable; // `""` names nothing
  return undefined;
}
