/**
 * Text inputs: random strings, and mutations of the fixture corpus. Mutations are plain data
 * (not closures) so that a counterexample prints as "fixture X with these edits" and shrinks.
 */
import { parse } from '@typescript-eslint/typescript-estree';
import { AST_TOKEN_TYPES } from '@typescript-eslint/utils';
import fc from 'fast-check';
import { INTERPOLATION_MARK } from '../../../src/sql/scanSqlDdl.js';
import { fixtureCorpus, type CorpusFile } from './corpus.js';

/** Where an edit goes: any natural number, taken modulo the text length (+1), so it always fits. */
const position = fc.nat();

function at(text: string, index: number): number {
  return index % (text.length + 1);
}

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** What a broken editor buffer or a bad encoding leaves: U+FFFD runs, NULs, lone surrogates. */
export const invalidUtf8 = fc.uint8Array({ minLength: 1, maxLength: 24 }).map((bytes) => decoder.decode(bytes));
export const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** Fragments that open or close quotes, comments and nesting, or start statements and migrations. */
export const SPLICE_TOKENS = [
  "'", '"', '`', '/*', '*/', '--', '$$', '$tag$', '[', ']', '\0', '\\', '\uFEFF', '\r', '\n', '\u2028', "E'", '${', '}', '(', ')', '{',
  ';', ',', '.', ' CREATE ', ' DROP ', ' TABLE ', ' VIEW ', ' RENAME ', ' ALTER ', ' TO ', ' AS ', ' IF NOT EXISTS ', ' IF EXISTS ',
  ' MATERIALIZED ', ' TEMP ', INTERPOLATION_MARK, ' up ', '@Entity(', '@Table(', 'queryRunner.query(', 'this.addSql(',
  'knex.schema.createTable(', 'knex.raw(', 'queryInterface.createTable(', 'queryInterface.renameTable(', 'export async function up(knex) {',
  'async up(queryRunner) {', "import { Entity } from 'typeorm';\n", "import { Model } from 'sequelize';\n", 'extends Migration',
  'class ', '=> ', '@', 'const x = ', '...', '?.', '!', ' as const', '<', '>', '/', '#',
] as const;

export type Mutation =
  | { readonly op: 'truncate'; readonly at: number }
  | { readonly op: 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'delete'; readonly at: number; readonly length: number }
  | { readonly op: 'duplicate'; readonly at: number; readonly length: number }
  /** A very long identifier (or string content): `length` copies of `char`. */
  | { readonly op: 'long-name'; readonly at: number; readonly char: string; readonly length: number }
  /** `depth` copies of `open` (and of `close` after them, when `closed`). */
  | { readonly op: 'nest'; readonly at: number; readonly open: string; readonly close: string; readonly depth: number; readonly closed: boolean }
  /**
   * `text` escaped for the string after a quote character (chosen by `at` among them), so a script
   * usually still parses and the mutation reaches the SQL and names its readers take from strings.
   */
  | { readonly op: 'in-string'; readonly at: number; readonly text: string };

/** Nesting depths: mostly shallow, some near typescript-estree's own limit (~1000), a few up to 10,000. */
export const nestingDepth = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 100 }) },
  { weight: 3, arbitrary: fc.integer({ min: 100, max: 1_500 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_500, max: 10_000 }) },
);

const NESTINGS: readonly (readonly [string, string])[] = [
  ['(', ')'], ['`${', '}`'], ['[', ']'], ['{', '}'], ['{a:', '}'], ["'a' + (", ')'], ['f(', ')'], ['/*', '*/'], ['`CREATE TABLE ${', '}`'],
  ['() => (', ')'], ['!', ''], ['-', ''], ['a.', ''], ['<T>', ''],
];

const insertedText = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SPLICE_TOKENS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: invalidUtf8 },
  { weight: 1, arbitrary: loneSurrogate },
);

/** What goes into a string: SQL fragments, quotes and comments that are text there, long names. */
const stringText = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SPLICE_TOKENS) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...SPLICE_TOKENS), maxLength: 8 }) },
  { weight: 1, arbitrary: invalidUtf8 },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', '_', 'é', INTERPOLATION_MARK, '('), fc.integer({ min: 100, max: 20_000 })).map(([char, length]) => char.repeat(length)) },
);

const stringMutation: fc.Arbitrary<Mutation> = fc.record({ op: fc.constant('in-string' as const), at: fc.nat(), text: stringText });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: stringMutation },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: position }) },
  { weight: 8, arbitrary: fc.record({ op: fc.constant('insert' as const), at: position, text: insertedText }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 200 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: position, length: fc.integer({ min: 1, max: 400 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('long-name' as const),
      at: position,
      char: fc.constantFrom('a', '_', 'é', '1', INTERPOLATION_MARK, ' ', "'", '\n'),
      length: fc.integer({ min: 1_000, max: 100_000 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ at: position, pair: fc.constantFrom(...NESTINGS), depth: nestingDepth, closed: fc.boolean() })
      .map(({ at: where, pair, depth, closed }) => ({ op: 'nest' as const, at: where, open: pair[0], close: pair[1], depth, closed })),
  },
);

export function applyMutation(text: string, edit: Mutation): string {
  const i = at(text, edit.at);
  switch (edit.op) {
    case 'truncate':
      return text.slice(0, i);
    case 'insert':
      return text.slice(0, i) + edit.text + text.slice(i);
    case 'delete':
      return text.slice(0, i) + text.slice(i + edit.length);
    case 'duplicate':
      return text.slice(0, i + edit.length) + text.slice(i);
    case 'long-name':
      return text.slice(0, i) + edit.char.repeat(edit.length) + text.slice(i);
    case 'nest':
      return text.slice(0, i) + edit.open.repeat(edit.depth) + (edit.closed ? edit.close.repeat(edit.depth) : '') + text.slice(i);
    case 'in-string':
      return insertInString(text, edit.at, edit.text);
  }
}

const QUOTE = /['"`]/gu;

/** Escapes `text` for a string opened by `quote`: it stays string content (a template's `${` too). */
function escapeFor(quote: string, text: string): string {
  let escaped = text.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`);
  if (quote === '`') return escaped.replaceAll('${', '\\${');
  for (const [raw, escape] of [['\n', '\\n'], ['\r', '\\r'], ['\u2028', '\\u2028'], ['\u2029', '\\u2029']] as const) escaped = escaped.replaceAll(raw, escape);
  return escaped;
}

function insertInString(text: string, index: number, inserted: string): string {
  const quotes = [...text.matchAll(QUOTE)];
  const quote = quotes[index % Math.max(1, quotes.length)];
  if (quote === undefined) return text + inserted;
  const after = quote.index + 1;
  return text.slice(0, after) + escapeFor(quote[0], inserted) + text.slice(after);
}

/** Where each string literal or template text of a script starts, and its quote (`}` continues a template). */
function stringStarts(text: string): readonly { readonly at: number; readonly quote: string }[] {
  try {
    const { tokens } = parse(text, { tokens: true, range: true, jsx: true });
    return tokens
      .filter((token) => token.type === AST_TOKEN_TYPES.String || token.type === AST_TOKEN_TYPES.Template)
      .map((token) => ({ at: token.range[0] + 1, quote: token.value.startsWith('}') ? '`' : (token.value[0] ?? "'") }));
  } catch {
    return [];
  }
}

const startsByPath = new Map<string, ReturnType<typeof stringStarts>>();

/** Edits of string contents: `at` picks a string (modulo their number), `text` goes at its start. */
export interface StringEdit {
  readonly at: number;
  readonly text: string;
}

/**
 * Fixture scripts whose strings (only) are edited: they keep parsing, so the edits reach the SQL
 * and the names the readers and detectors take from strings. Files without strings are left out.
 */
export function fixtureWithMutatedStrings(files: readonly CorpusFile[]): fc.Arbitrary<MutatedFixture & { readonly edits: readonly StringEdit[] }> {
  const withStrings = files.filter((file) => {
    const starts = startsByPath.get(file.path) ?? stringStarts(file.text);
    startsByPath.set(file.path, starts);
    return starts.length > 0;
  });
  return fc.tuple(fc.constantFrom(...withStrings), fc.array(fc.record({ at: fc.nat(), text: stringText }), { minLength: 1, maxLength: 5 })).map(([file, edits]) => {
    const starts = startsByPath.get(file.path) ?? [];
    // Last position first, so that earlier positions stay where they were.
    const placed = edits
      .map((edit) => ({ start: starts[edit.at % starts.length] ?? { at: 0, quote: "'" }, text: edit.text }))
      .sort((a, b) => b.start.at - a.start.at);
    const text = placed.reduce((current, { start, text: inserted }) => current.slice(0, start.at) + escapeFor(start.quote, inserted) + current.slice(start.at), file.text);
    return { path: file.path, mutations: [], edits, text };
  });
}

/** A fixture file with a few edits applied; `text` is computed, the rest says how to rebuild it. */
export interface MutatedFixture {
  readonly path: string;
  readonly mutations: readonly Mutation[];
  readonly text: string;
}

export function mutatedFixture(files: readonly CorpusFile[] = fixtureCorpus(), edit: fc.Arbitrary<Mutation> = mutation): fc.Arbitrary<MutatedFixture> {
  return fc
    .tuple(fc.constantFrom(...files), fc.array(edit, { minLength: 1, maxLength: 5 }))
    .map(([file, mutations]) => ({ path: file.path, mutations, text: mutations.reduce(applyMutation, file.text) }));
}

/** Characters that matter to a SQL lexer, so random strings hit its states often. */
const SQL_CHARS = [
  "'", '"', '`', '[', ']', '$', '-', '/', '*', ';', '(', ')', ',', '.', ' ', '\n', '\r', '\t', 'E', 'e', '\\', 'a', 'T', '_', '1',
  'é', '\u0085', '\u00a0', '\uFEFF', INTERPOLATION_MARK, '\0', '\u{1F600}', '\u0301',
] as const;

/** Unstructured text: any code points, or a soup of lexically interesting characters. */
export const randomText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: fc.constantFrom(...SQL_CHARS), maxLength: 400 }),
  fc.string({ unit: fc.oneof(fc.constantFrom(...SQL_CHARS), loneSurrogate), maxLength: 100 }),
  invalidUtf8,
);
