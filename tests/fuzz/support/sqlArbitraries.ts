/** SQL-shaped inputs: token soups for the scanner's statement readers, and well-formed scripts with known DDL. */
import fc from 'fast-check';
import type { DdlEvent } from '../../../src/schema/ddlEvent.js';
import { createTableRef, type TableRef } from '../../../src/schema/tableRef.js';
import { INTERPOLATION_MARK } from '../../../src/sql/scanSqlDdl.js';

const KEYWORDS = [
  'CREATE', 'create', 'DROP', 'TABLE', 'table', 'VIEW', 'RENAME', 'ALTER', 'TO', 'AS', 'IF', 'NOT', 'EXISTS', 'OR', 'REPLACE', 'TEMP',
  'TEMPORARY', 'UNLOGGED', 'GLOBAL', 'MATERIALIZED', 'RECURSIVE', 'ONLY', 'COLUMN', 'CONSTRAINT', 'INDEX', 'ALGORITHM', 'DEFINER', 'SQL',
  'SECURITY', 'CASCADE', 'ADD', 'SELECT', 'INSERT', 'INTO', 'VALUES', 'public',
] as const;
const PUNCT = [';', '(', ')', ',', '.', '=', '*', '${', '}', INTERPOLATION_MARK, '--> statement-breakpoint\n'] as const;
const NOISE = [
  "'it''s'", "E'a\\'b'", '$$ CREATE TABLE hidden $$', '$fn$ DROP TABLE hidden $fn$', '/* CREATE TABLE c */', '/* a /* nested */ b */',
  '-- DROP TABLE d\n', "'", '"', '`', '[', '/*', '$$', '\n', '\r', '\0', '\uFEFF',
] as const;
const NAMES = [
  'users', 'Users', 'public', 'app', 'x', '"Quoted"', '"a""b"', '`back``tick`', '[br]]acket]', '"public"', '"with space"', '""', 'é', 't$1',
  `t_${INTERPOLATION_MARK}`, '"unterminated', '1abc', '_',
] as const;

const SEPARATORS = ['', ' ', ' ', ' ', '\n', '\t', '/**/', '--c\n'] as const;

/** Statement heads, so that soups often reach the statement readers (not only the lexer). */
const DDL_HEADS = [
  'CREATE TABLE', 'CREATE TEMP TABLE', 'CREATE TABLE IF NOT EXISTS', 'DROP TABLE', 'DROP TABLE IF EXISTS', 'ALTER TABLE', 'ALTER TABLE ONLY',
  'RENAME TABLE', 'CREATE VIEW', 'CREATE OR REPLACE VIEW', 'CREATE MATERIALIZED VIEW', 'DROP VIEW IF EXISTS', 'ALTER VIEW', 'CREATE UNLOGGED TABLE',
  'ALTER TABLE IF EXISTS', 'DROP MATERIALIZED VIEW',
] as const;

/** Statement keywords, punctuation, names and noise in random order, joined by random separators. */
export const sqlTokenSoup = fc
  .array(
    fc.tuple(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...KEYWORDS) },
        { weight: 2, arbitrary: fc.constantFrom(...DDL_HEADS) },
        { weight: 2, arbitrary: fc.constantFrom(...PUNCT) },
        { weight: 3, arbitrary: fc.constantFrom(...NAMES) },
        { weight: 1, arbitrary: fc.constantFrom(...NOISE) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 4 }) },
      ),
      fc.constantFrom(...SEPARATORS),
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.map(([token, separator]) => token + separator).join(''));

// ---------------------------------------------------------------------------------------------
// Well-formed scripts whose DDL is known exactly (an oracle, not only soundness)

interface WrittenName {
  readonly sql: string;
  readonly name: string;
  readonly quoted: boolean;
}

/** `tb_` keeps generated names clear of every keyword the scanner looks at (`to`, `if`, `only`, ...). */
const plainName: fc.Arbitrary<WrittenName> = fc
  .string({ unit: fc.constantFrom('a', 'b', 'z', 'Q', '0', '9', '_', '$', 'é', 'ß'), maxLength: 10 })
  .map((rest) => ({ sql: `tb_${rest}`, name: `tb_${rest}`, quoted: false }));

const QUOTE_CONTENT = fc.string({
  unit: fc.constantFrom('a', 'B', ' ', '.', ';', ',', '(', ')', "'", '"', '`', ']', '[', '-', '/', '*', '$', 'é', '\n'),
  minLength: 1,
  maxLength: 10,
});

const quotedName: fc.Arbitrary<WrittenName> = fc
  .tuple(QUOTE_CONTENT, fc.constantFrom(['"', '"'], ['`', '`'], ['[', ']']))
  .map(([content, [open, close]]) => ({ sql: open + content.split(close).join(close + close) + close, name: content, quoted: true }));

const writtenName = fc.oneof(plainName, quotedName);

interface QualifiedName {
  readonly sql: string;
  readonly ref: TableRef;
  readonly qualified: boolean;
}

const qualifiedName: fc.Arbitrary<QualifiedName> = fc.tuple(fc.option(writtenName, { nil: undefined }), writtenName).map(([schema, name]) => ({
  sql: schema === undefined ? name.sql : `${schema.sql}.${name.sql}`,
  ref: createTableRef(name.name, { schema: schema?.name, quoted: name.quoted }),
  qualified: schema !== undefined,
}));

/** Whitespace or a comment between two tokens (comment bodies cannot end or nest the comment). */
const gap = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(' ', '  ', '\n', '\t', '\r\n', '\u00a0') },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('a', ' ', "'", '"', ';', 'CREATE TABLE x', '-'), maxLength: 12 }).map((body) => ` /* ${body} */ `) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('a', ' ', "'", '"', ';', 'DROP TABLE y', '*/'), maxLength: 12 }).map((body) => ` --${body}\n`) },
);

/** One statement: its text as tokens (joined with gaps) and the events the scanner must report. */
interface StatementPlan {
  readonly tokens: readonly string[];
  readonly events: readonly Omit<DdlEvent, 'offset'>[];
}

const createTable = fc
  .record({ temporary: fc.boolean(), ifNotExists: fc.boolean(), name: qualifiedName, body: fc.constantFrom(['(', 'id', 'int', ')'], ['(id int, name text)'], ['AS', 'SELECT', '1'], []) })
  .map(({ temporary, ifNotExists, name, body }): StatementPlan => ({
    tokens: ['CREATE', ...(temporary ? ['TEMP'] : []), 'TABLE', ...(ifNotExists ? ['IF', 'NOT', 'EXISTS'] : []), name.sql, ...body],
    events: [{ kind: 'create-table', table: name.ref, ...(temporary ? { temporary: true } : {}) }],
  }));

const createView = fc.record({ orReplace: fc.boolean(), materialized: fc.boolean(), name: qualifiedName }).map(
  ({ orReplace, materialized, name }): StatementPlan => ({
    tokens: ['CREATE', ...(orReplace ? ['OR', 'REPLACE'] : []), ...(materialized ? ['MATERIALIZED'] : []), 'VIEW', name.sql, 'AS', 'SELECT', "'x'"],
    events: [{ kind: 'create-view', table: name.ref }],
  }),
);

const dropTables = fc
  .record({ view: fc.boolean(), ifExists: fc.boolean(), names: fc.array(qualifiedName, { minLength: 1, maxLength: 4 }), cascade: fc.boolean() })
  .map(({ view, ifExists, names, cascade }): StatementPlan => ({
    tokens: [
      'DROP',
      view ? 'VIEW' : 'TABLE',
      ...(ifExists ? ['IF', 'EXISTS'] : []),
      ...names.flatMap((name, index) => (index === 0 ? [name.sql] : [',', name.sql])),
      ...(cascade ? ['CASCADE'] : []),
    ],
    events: names.map((name) => ({ kind: view ? 'drop-view' : 'drop-table', table: name.ref })),
  }));

const alterRename = fc.record({ from: qualifiedName, to: writtenName, ifExists: fc.boolean() }).map(
  ({ from, to, ifExists }): StatementPlan => ({
    tokens: ['ALTER', 'TABLE', ...(ifExists ? ['IF', 'EXISTS'] : []), from.sql, 'RENAME', 'TO', to.sql],
    // An unqualified new name stays in the old table's schema.
    events: [{ kind: 'rename-table', table: from.ref, to: createTableRef(to.name, { schema: from.ref.schema, quoted: to.quoted }) }],
  }),
);

const renameTables = fc.array(fc.tuple(qualifiedName, qualifiedName), { minLength: 1, maxLength: 3 }).map(
  (pairs): StatementPlan => ({
    tokens: ['RENAME', 'TABLE', ...pairs.flatMap(([from, to], index) => [...(index === 0 ? [] : [',']), from.sql, 'TO', to.sql])],
    events: pairs.map(([from, to]) => ({
      kind: 'rename-table',
      table: from.ref,
      to: to.qualified ? to.ref : createTableRef(to.ref.name, { schema: from.ref.schema, quoted: to.ref.quoted }),
    })),
  }),
);

/** Statements that must produce nothing, though they mention tables or DDL words. */
const inert = fc.constantFrom<StatementPlan>(
  { tokens: ['ALTER', 'TABLE', 'tb_a', 'ADD', 'COLUMN', 'c', 'int'], events: [] },
  { tokens: ['ALTER', 'TABLE', 'tb_a', 'RENAME', 'COLUMN', 'a', 'TO', 'b'], events: [] },
  { tokens: ['INSERT', 'INTO', 'tb_a', 'VALUES', "('CREATE TABLE fake (id int)')"], events: [] },
  { tokens: ['SELECT', '$$DROP TABLE fake$$'], events: [] },
  { tokens: ['CREATE', 'INDEX', 'i', 'ON', 'tb_a', '(c)'], events: [] },
  { tokens: ['DROP', 'INDEX', 'i'], events: [] },
);

const statement = fc.oneof(createTable, createView, dropTables, alterRename, renameTables, inert);

export interface PlannedScript {
  readonly text: string;
  readonly events: readonly DdlEvent[];
}

/** Statements separated by `;` (and gaps), with the exact events and offsets the scanner must find. */
export const plannedScript: fc.Arbitrary<PlannedScript> = fc
  .array(fc.tuple(statement, fc.array(gap, { minLength: 32, maxLength: 32 })), { maxLength: 6 })
  .map((statements) => {
    let text = '';
    const events: DdlEvent[] = [];
    for (const [plan, gaps] of statements) {
      const offset = text.length;
      plan.tokens.forEach((token, index) => {
        text += token + (index === plan.tokens.length - 1 ? '' : (gaps[index % gaps.length] ?? ' '));
      });
      for (const event of plan.events) events.push({ ...event, offset });
      text += `;${gaps[31] ?? '\n'}`;
    }
    return { text, events };
  });
