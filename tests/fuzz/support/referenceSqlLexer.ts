/**
 * An independent reference lexer for checking the DDL scanner's output. It implements the same
 * dialect union as src/sql/scanSqlDdl.ts (Postgres, MySQL, SQLite, SQL Server quoting; nested
 * block comments; E-strings; dollar quotes) but differently: sticky regular expressions and
 * indexOf instead of a character state machine. It only has to say which parts of the text are
 * comments, literals, words and quoted identifiers.
 */
import { INTERPOLATION_MARK } from '../../../src/sql/scanSqlDdl.js';
import type { DdlEvent } from '../../../src/schema/ddlEvent.js';
import type { SkippedDdlStatement } from '../../../src/sql/scanSqlDdl.js';

export type RefTokenKind = 'word' | 'quoted' | 'literal' | 'comment' | 'other';

export interface RefToken {
  readonly kind: RefTokenKind;
  readonly start: number;
  readonly end: number;
  /** word: as written; quoted: the unescaped content; otherwise ''. */
  readonly text: string;
}

const WHITESPACE = /[\s\u0085]+/uy;
const WORD = /[\p{L}\p{N}\p{M}_\uE000][\p{L}\p{N}\p{M}_\uE000$]*/uy;
// A dollar-quote tag: ASCII letters/underscore or any non-ASCII word character, then digits too.
const DOLLAR_DELIMITER = /\$(?:(?:[A-Za-z_]|(?![\0-\x7f])[\p{L}\p{N}\p{M}])(?:[A-Za-z0-9_]|(?![\0-\x7f])[\p{L}\p{N}\p{M}])*)?\$/uy;
const LINE_COMMENT = /--[^\r\n]*/y;
const PLAIN_STRING = /'(?:[^']|'')*(?:'|$)/y;
const E_STRING = /[Ee]'(?:\\[\s\S]|[^'\\]|'')*(?:'|\\?$)/y;
const ANY_CHARACTER = /[\s\S]/uy;

function matchAt(pattern: RegExp, text: string, start: number): number | undefined {
  pattern.lastIndex = start;
  const match = pattern.exec(text);
  return match === null ? undefined : start + match[0].length;
}

/** End of a nested block comment opened at `start` (runs to the end when unclosed). */
function blockCommentEnd(text: string, start: number): number {
  let depth = 1;
  let i = start + 2;
  while (depth > 0) {
    const open = text.indexOf('/*', i);
    const close = text.indexOf('*/', i);
    if (close < 0) return text.length;
    if (open >= 0 && open < close) {
      depth++;
      i = open + 2;
    } else {
      depth--;
      i = close + 2;
    }
  }
  return i;
}

/** A quoted identifier whose closing character is escaped by doubling it. */
function quotedIdentifier(text: string, start: number, close: string): RefToken {
  const doubled = close + close;
  let i = start + 1;
  for (;;) {
    const at = text.indexOf(close, i);
    if (at < 0) return { kind: 'quoted', start, end: text.length, text: text.slice(start + 1).split(doubled).join(close) };
    if (text.startsWith(doubled, at)) {
      i = at + 2;
      continue;
    }
    return { kind: 'quoted', start, end: at + 1, text: text.slice(start + 1, at).split(doubled).join(close) };
  }
}

function tokenAt(text: string, start: number): RefToken | number {
  const spaceEnd = matchAt(WHITESPACE, text, start);
  if (spaceEnd !== undefined) return spaceEnd;
  const two = text.slice(start, start + 2);
  if (two === '--') return { kind: 'comment', start, end: matchAt(LINE_COMMENT, text, start) ?? text.length, text: '' };
  if (two === '/*') return { kind: 'comment', start, end: blockCommentEnd(text, start), text: '' };
  const first = text[start];
  if (first === "'") return { kind: 'literal', start, end: matchAt(PLAIN_STRING, text, start) ?? text.length, text: '' };
  if (first === '"') return quotedIdentifier(text, start, '"');
  if (first === '`') return quotedIdentifier(text, start, '`');
  if (first === '[') return quotedIdentifier(text, start, ']');
  if ((first === 'E' || first === 'e') && text[start + 1] === "'") {
    return { kind: 'literal', start, end: matchAt(E_STRING, text, start) ?? text.length, text: '' };
  }
  if (first === '$') {
    const delimiterEnd = matchAt(DOLLAR_DELIMITER, text, start);
    if (delimiterEnd !== undefined) {
      const delimiter = text.slice(start, delimiterEnd);
      const close = text.indexOf(delimiter, delimiterEnd);
      return { kind: 'literal', start, end: close < 0 ? text.length : close + delimiter.length, text: '' };
    }
  }
  const wordEnd = matchAt(WORD, text, start);
  if (wordEnd !== undefined) return { kind: 'word', start, end: wordEnd, text: text.slice(start, wordEnd) };
  return { kind: 'other', start, end: matchAt(ANY_CHARACTER, text, start) ?? start + 1, text: '' };
}

export function referenceTokens(text: string): RefToken[] {
  const tokens: RefToken[] = [];
  let i = 0;
  while (i < text.length) {
    const next = tokenAt(text, i);
    if (typeof next === 'number') {
      i = next;
    } else {
      tokens.push(next);
      i = next.end;
    }
  }
  return tokens;
}

const STATEMENT_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  'create-table': ['CREATE'],
  'create-view': ['CREATE'],
  'drop-table': ['DROP'],
  'drop-view': ['DROP'],
  'rename-table': ['ALTER', 'RENAME'],
  'rename-view': ['ALTER'],
};

/**
 * Soundness of a scan: every name it reports was written in the text as a word (or a quoted
 * identifier, compared unescaped) outside comments and literals, after the statement's first
 * keyword, which itself is a real keyword token; offsets are in range and ascending.
 * Returns the problems found (empty when the scan is sound).
 */
export function checkScanAgainstReference(text: string, scan: { events: readonly DdlEvent[]; skipped: readonly SkippedDdlStatement[] }): string[] {
  const problems: string[] = [];
  const tokens = referenceTokens(text);
  const wordStarts = new Map<number, RefToken>();
  for (const token of tokens) if (token.kind === 'word') wordStarts.set(token.start, token);

  const written = (name: string, quoted: boolean | undefined, after: number): boolean =>
    tokens.some(
      (token) =>
        token.start > after &&
        token.text === name &&
        (quoted === undefined ? token.kind === 'word' || token.kind === 'quoted' : token.kind === (quoted ? 'quoted' : 'word')),
    );
  const checkName = (what: string, name: string | undefined, quoted: boolean | undefined, after: number): void => {
    if (name === undefined) return;
    if (name === '') problems.push(`${what} is empty`);
    if (name.includes(INTERPOLATION_MARK)) problems.push(`${what} ${JSON.stringify(name)} contains an interpolation`);
    if (!written(name, quoted, after)) {
      problems.push(`${what} ${JSON.stringify(name.slice(0, 80))} (quoted: ${String(quoted)}) is not a ${quoted === true ? 'quoted identifier' : 'word'} outside comments and literals after offset ${after}`);
    }
  };
  const checkOffset = (what: string, offset: number, previous: number, keywords: readonly string[]): void => {
    if (!Number.isInteger(offset) || offset < 0 || offset >= text.length) problems.push(`${what} offset ${offset} out of range 0..${text.length - 1}`);
    if (offset < previous) problems.push(`${what} offset ${offset} before the previous one (${previous})`);
    const keyword = wordStarts.get(offset)?.text.toUpperCase();
    if (keyword === undefined || !keywords.includes(keyword)) {
      problems.push(`${what} offset ${offset} is not at a ${keywords.join('/')} keyword token (found ${JSON.stringify(text.slice(offset, offset + 12))})`);
    }
  };

  let previous = 0;
  scan.events.forEach((event, index) => {
    const what = `event ${index} (${event.kind})`;
    checkOffset(what, event.offset, previous, STATEMENT_KEYWORDS[event.kind] ?? []);
    previous = event.offset;
    checkName(`${what} table`, event.table.name, event.table.quoted, event.offset);
    // Schemas keep no quoting flag of their own: either form will do.
    checkName(`${what} schema`, event.table.schema, undefined, event.offset);
    if (event.kind.startsWith('rename-') !== (event.to !== undefined)) problems.push(`${what} has a 'to' iff it is a rename: ${JSON.stringify(event.to)}`);
    if (event.to !== undefined) {
      checkName(`${what} new name`, event.to.name, event.to.quoted, event.offset);
      checkName(`${what} new schema`, event.to.schema, undefined, event.offset);
    }
  });
  previous = 0;
  scan.skipped.forEach((skip, index) => {
    checkOffset(`skipped ${index}`, skip.offset, previous, ['CREATE', 'DROP', 'ALTER', 'RENAME']);
    previous = skip.offset;
    if (typeof skip.reason !== 'string' || skip.reason === '') problems.push(`skipped ${index} has no reason`);
  });
  return problems;
}
