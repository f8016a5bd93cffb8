import { readFileSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@typescript-eslint/typescript-estree';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { afterEach, describe, expect, it } from 'vitest';
import { walkAst } from '../../src/ast/walkAst.js';
import { readMigrationFile } from '../../src/migrations/readMigrationFile.js';
import { scanSqlDdlWithSkips } from '../../src/sql/scanSqlDdl.js';
import { lintProject, typeormEntity, typeormMigration, writeTempProject, type TempProject } from './support/adversarialProject.js';

// Big inputs are generated here, at test time, into the OS temp directory: never committed.
// "Linear in size" is shown by construction, not by timing: the SQL scanner is a hand-written lexer
// (one forward pass, no recursion, no regex but a one-code-point test, guarded below), and each
// input here is shaped to make a backtracking or recursive scanner blow up, yet must be read whole.

const MB = 1024 * 1024;

/** `count` CREATE TABLE statements padded with the bulky, quote-heavy SQL of real dumps, about `bytes` long. */
function bulkySql(bytes: number): { text: string; tables: string[] } {
  const chunks: string[] = [];
  const tables: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const table = `t_${i}`;
    tables.push(table);
    const chunk = [
      `CREATE TABLE "${table}" (id serial PRIMARY KEY, body text DEFAULT '${'x'.repeat(120)}', CHECK (((id > 0))));`,
      `INSERT INTO "${table}" VALUES (1, 'it''s', E'\\'q\\\\', $$ a ; b $$, $fn$ DROP TABLE ${table}; $fn$); -- DROP TABLE ${table};`,
      `/* DROP TABLE ${table}; /* nested */ still comment */`,
      '',
    ].join('\n');
    chunks.push(chunk);
    size += chunk.length;
  }
  return { text: chunks.join(''), tables };
}

function createdTables(text: string): string[] {
  return scanSqlDdlWithSkips(text).events.map((event) => `${event.kind} ${event.table.name}`);
}

describe('a 50 MB .sql migration', () => {
  it('is scanned to its last statement, every table found and nothing inside strings or comments misread', () => {
    const { text, tables } = bulkySql(50 * MB);
    expect(text.length).toBeGreaterThanOrEqual(50 * MB);
    const scan = scanSqlDdlWithSkips(text);
    expect(scan.skipped).toEqual([]);
    expect(scan.events.length).toBe(tables.length);
    expect(scan.events.every((event, index) => event.kind === 'create-table' && event.table.name === tables[index])).toBe(true);
  });

  // Each is the shape that makes a regex-based or recursive scanner go quadratic or overflow.
  const FIVE_MB = 5 * MB;
  const pathological: Record<string, { body: string; tablesAfter: boolean }> = {
    'doubled quotes in one string literal': { body: `SELECT '${"''".repeat(FIVE_MB / 2)}';`, tablesAfter: true },
    'doubled quotes in one quoted identifier': { body: `SELECT "${'""'.repeat(FIVE_MB / 2)}";`, tablesAfter: true },
    'backslashes in one E-string': { body: `SELECT E'${'\\\\'.repeat(FIVE_MB / 2)}';`, tablesAfter: true },
    'dollar signs that never open a dollar quote': { body: `SELECT ${'$1 $a '.repeat(FIVE_MB / 5)};`, tablesAfter: true },
    'one dollar-quoted body of 5 MB': { body: `SELECT $body$${'$ $b$ '.repeat(FIVE_MB / 6)}$body$;`, tablesAfter: true },
    'five million open parentheses': { body: `SELECT ${'('.repeat(FIVE_MB)};`, tablesAfter: true },
    'block comments nested five hundred thousand deep': { body: `${'/*'.repeat(FIVE_MB / 10)}${'*/'.repeat(FIVE_MB / 10)}`, tablesAfter: true },
    'a million-part dotted name': { body: `DROP TABLE ${'a.'.repeat(FIVE_MB / 2)}b;`, tablesAfter: true },
    'statement separators only': { body: ';'.repeat(FIVE_MB), tablesAfter: true },
    'an unterminated string running to the end': { body: `SELECT '${'x'.repeat(FIVE_MB)}`, tablesAfter: false },
    'an unterminated block comment running to the end': { body: `/*${'x /* '.repeat(FIVE_MB / 6)}`, tablesAfter: false },
  };

  it.each(Object.entries(pathological))('reads past %s', (_name, { body, tablesAfter }) => {
    const text = `CREATE TABLE before_it (id int);\n${body}\nCREATE TABLE after_it (id int);\n`;
    const tables = createdTables(text).filter((entry) => entry.startsWith('create-table'));
    expect(tables).toEqual(tablesAfter ? ['create-table before_it', 'create-table after_it'] : ['create-table before_it']);
  });

  it("keeps the scanner's only regular expression a one-code-point test, which cannot backtrack", () => {
    const source = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../src/sql/scanSqlDdl.ts'), 'utf8');
    const patterns: string[] = [];
    walkAst(parse(source, { range: true }), (node: TSESTree.Node) => {
      if (node.type === AST_NODE_TYPES.Literal && 'regex' in node) patterns.push(node.regex.pattern);
      const isRegExpCall = (node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.CallExpression) && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'RegExp';
      if (isRegExpCall) patterns.push('RegExp(...)');
    });
    expect(patterns).toEqual(['^[\\p{L}\\p{N}\\p{M}]$']);
  });
});

describe('a 5 MB TypeScript migration', () => {
  /** A TypeORM migration of `count` CREATE TABLE + INSERT pairs, as a generated initial migration looks. */
  function bigTypeormMigration(bytes: number): { text: string; tables: string[] } {
    const statements: string[] = [];
    const tables: string[] = [];
    let size = 0;
    for (let i = 0; size < bytes; i++) {
      const table = `t_${i}`;
      tables.push(table);
      const create = `\`CREATE TABLE "${table}" ("id" SERIAL NOT NULL, "name" character varying NOT NULL, CONSTRAINT "PK_${i}" PRIMARY KEY ("id"))\``;
      const insert = `\`INSERT INTO "${table}" ("name") VALUES ('${'n'.repeat(100)}')\``;
      statements.push(create, insert);
      size += create.length + insert.length + 60;
    }
    return { text: typeormMigration('Initial1700000000000', statements), tables };
  }

  it('is read whole: one create-table per statement, in order', () => {
    const { text, tables } = bigTypeormMigration(5 * MB);
    expect(text.length).toBeGreaterThanOrEqual(5 * MB);
    const facts = readMigrationFile('/project/src/migrations/1700000000000-Initial.ts', text);
    expect(facts.kind).toBe('migration');
    if (facts.kind !== 'migration') return;
    expect(facts.skipped).toEqual([]);
    expect(facts.events.map((event) => (event.kind === 'create-table' ? event.table.name : event.kind))).toEqual(tables);
  });
});

describe('big migrations, end to end through the rules', () => {
  let project: TempProject | undefined;
  afterEach(() => project?.remove());

  it('counts the tables a 50 MB .sql file and a 5 MB TypeScript migration create at their very ends', async () => {
    const sql = bulkySql(50 * MB);
    const filler = Array.from({ length: 25_000 }, (_, i) => `\`INSERT INTO "t_0" ("name") VALUES ('${'n'.repeat(180)}${i}')\``);
    project = writeTempProject({
      'src/migrations/0001_dump.sql': `${sql.text}CREATE TABLE "accounts" (id int);\n`,
      'src/migrations/0002_Fill.ts': typeormMigration('Fill1700000000000', [...filler, '`CREATE TABLE "invoices" (id int)`']),
      'src/models/Account.ts': typeormEntity('Account', 'accounts'),
      'src/models/Invoice.ts': typeormEntity('Invoice', 'invoices'),
      'src/models/Ghost.ts': typeormEntity('Ghost', 'ghosts'),
    });
    expect(readFileSync(project.file('src/migrations/0002_Fill.ts'), 'utf8').length).toBeGreaterThan(5 * MB);
    const findings = await lintProject(project, ['src/models']);
    expect(findings.map(({ file, rule }) => `${file} ${rule}`)).toEqual(['src/models/Ghost.ts orm-guard/entity-has-migration']);
    expect(findings[0]?.message).toContain('read 2 migration files matching src/migrations/**/*.{ts,sql}');
  });

  it('names a migration too large to load (a sparse 300 MB file) without reading it, and reads the rest', async () => {
    project = writeTempProject({
      'src/migrations/0001_users.sql': 'CREATE TABLE users (id int);\n',
      'src/migrations/0002_huge.sql': 'CREATE TABLE teams (id int);\n',
      'src/models/User.ts': typeormEntity('User', 'users'),
      'src/models/Team.ts': typeormEntity('Team', 'teams'),
    });
    // Extending the file leaves a hole: no disk space is used and nothing is written.
    truncateSync(project.file('src/migrations/0002_huge.sql'), 300 * MB);
    const findings = await lintProject(project, ['src/models']);
    expect(findings.map(({ file, rule }) => `${file} ${rule}`)).toEqual(['src/models/Team.ts orm-guard/entity-has-migration']);
    expect(findings[0]?.message).toContain(
      '(read 1 migration file matching src/migrations/**/*.{ts,sql}). src/migrations/0002_huge.sql is larger than 256 MB, so it was not read; tables created there are not counted.',
    );
  });
});
