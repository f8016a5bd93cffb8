import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectEntities } from '../../src/entities/detectEntities.js';
import type { EntityDeclaration } from '../../src/entities/entityDeclaration.js';
import {
  detectDrizzleTables,
  RUNTIME_CREATOR_REASON,
  RUNTIME_NAME_REASON,
  RUNTIME_SCHEMA_REASON,
  UNREADABLE_CREATOR_REASON,
} from '../../src/orm/drizzle/detectDrizzleTables.js';
import { detectIn, parseCode, table, tableSummaries } from '../support/parseFixture.js';
import { fixturePath } from '../support/ruleTester.js';

const detect = (source: string): EntityDeclaration[] => detectIn(detectDrizzleTables, source);
const summary = (source: string) => tableSummaries(detect(source));

const PG = "import { pgTable, pgSchema, pgTableCreator, pgView, pgMaterializedView, serial, text } from 'drizzle-orm/pg-core';\n";

describe('detectDrizzleTables: table functions', () => {
  it.each([
    ['pgTable', 'drizzle-orm/pg-core'],
    ['mysqlTable', 'drizzle-orm/mysql-core'],
    ['sqliteTable', 'drizzle-orm/sqlite-core'],
    ['singlestoreTable', 'drizzle-orm/singlestore-core'],
  ])('%s from %s, with the name used verbatim', (fn, source) => {
    expect(summary(`import { ${fn} } from '${source}';\nexport const userAccounts = ${fn}('UserAccounts', {});\n`)).toEqual([
      { name: 'userAccounts', kind: 'table', table: table('UserAccounts') },
    ]);
  });

  it('reports the const name and the name argument positions', () => {
    const [entity] = detect(`${PG}export const users = pgTable('users', { id: serial('id').primaryKey() });\n`);
    expect(entity).toEqual({
      orm: 'drizzle',
      kind: 'table',
      name: 'users',
      tableName: { resolved: true, table: table('users'), source: 'explicit' },
      loc: { start: { line: 2, column: 13 }, end: { line: 2, column: 18 } },
      tableNameLoc: { start: { line: 2, column: 29 }, end: { line: 2, column: 36 } },
    });
  });

  it('leaves a type annotation out of the declaration position', () => {
    const [entity] = detect(`${PG}import type { AnyPgTable } from 'drizzle-orm/pg-core';\nexport const users: AnyPgTable = pgTable('users', {});\n`);
    expect(entity?.loc).toEqual({ start: { line: 3, column: 13 }, end: { line: 3, column: 18 } });
  });

  it('takes top-level declarations, exported or not, and ignores those inside functions', () => {
    const source = `${PG}const users = pgTable('users', {});\nlet posts = pgTable('posts', {});\nexport function make() {\n  const tmp = pgTable('tmp', {});\n  return tmp;\n}\n`;
    expect(summary(source)).toEqual([
      { name: 'users', kind: 'table', table: table('users') },
      { name: 'posts', kind: 'table', table: table('posts') },
    ]);
  });

  it('reads namespace imports and CommonJS requires', () => {
    expect(summary("import * as pg from 'drizzle-orm/pg-core';\nexport const users = pg.pgTable('users', {});\n")).toEqual([
      { name: 'users', kind: 'table', table: table('users') },
    ]);
    expect(summary("const { sqliteTable } = require('drizzle-orm/sqlite-core');\nconst notes = sqliteTable('notes', {});\nmodule.exports = { notes };\n")).toEqual([
      { name: 'notes', kind: 'table', table: table('notes') },
    ]);
  });

  it('reads names from constants and reports names built at runtime as unresolved', () => {
    const source = `${PG}const TABLES = { users: 'users' } as const;\nexport const users = pgTable(TABLES.users, {});\nexport const audit = pgTable(\`audit_\${process.env.TENANT}\`, {});\n`;
    expect(summary(source)).toEqual([
      { name: 'users', kind: 'table', table: table('users') },
      { name: 'audit', kind: 'table', table: { unresolved: RUNTIME_NAME_REASON } },
    ]);
  });

  it('sees through enableRLS() and pgTable.withRLS()', () => {
    const source = `${PG}export const a = pgTable('a', {}).enableRLS();\nexport const b = pgTable.withRLS('b', {});\n`;
    expect(summary(source)).toEqual([
      { name: 'a', kind: 'table', table: table('a') },
      { name: 'b', kind: 'table', table: table('b') },
    ]);
  });

  it('ignores what is not a table: relations, enums, same-named functions of other packages, commented-out code', () => {
    const source = [
      "import { relations } from 'drizzle-orm';",
      "import { pgEnum, pgTable as coreTable } from 'drizzle-orm/pg-core';",
      "import { pgTable } from './my-table-helpers';",
      "export const role = pgEnum('role', ['admin', 'user']);",
      "export const widgets = pgTable('widgets', {});",
      "// export const legacy = coreTable('legacy', {});",
      '/* export const old = coreTable("old", {}); */',
      'export const usersRelations = relations(widgets, () => ({}));',
      "export const users = coreTable('users', {}).id;",
    ].join('\n');
    expect(summary(source)).toEqual([]);
  });

  it('returns nothing for a module that does not import drizzle', () => {
    expect(summary("export const users = pgTable('users', {});\n")).toEqual([]);
  });
});

describe('detectDrizzleTables: schemas', () => {
  it('puts tables and views of a pgSchema const in that schema', () => {
    const source = `${PG}export const billing = pgSchema('billing');\nexport const invoices = billing.table('invoices', {});\nexport const totals = billing.view('totals').as((qb) => qb.select().from(invoices));\nexport const daily = billing.materializedView('daily').as((qb) => qb.select().from(invoices));\n`;
    expect(summary(source)).toEqual([
      { name: 'invoices', kind: 'table', table: table('invoices', 'billing') },
      { name: 'totals', kind: 'view', table: table('totals', 'billing') },
      { name: 'daily', kind: 'view', table: table('daily', 'billing') },
    ]);
  });

  it('reads an inline schema and mysqlSchema', () => {
    expect(summary(`${PG}export const logs = pgSchema('audit').table('logs', {});\n`)).toEqual([
      { name: 'logs', kind: 'table', table: table('logs', 'audit') },
    ]);
    expect(summary("import { mysqlSchema } from 'drizzle-orm/mysql-core';\nconst shop = mysqlSchema('shop');\nexport const orders = shop.table('orders', {});\n")).toEqual([
      { name: 'orders', kind: 'table', table: table('orders', 'shop') },
    ]);
  });

  it('reports a runtime schema name as unresolved, and ignores .table() of objects that are not drizzle schemas', () => {
    const source = `${PG}import { tenant } from './tenant';\nconst dynamic = pgSchema(process.env.SCHEMA!);\nexport const a = dynamic.table('a', {});\nexport const b = tenant.table('b', {});\n`;
    expect(summary(source)).toEqual([{ name: 'a', kind: 'table', table: { unresolved: RUNTIME_SCHEMA_REASON } }]);
  });
});

describe('detectDrizzleTables: table creators', () => {
  it.each([
    ['a template', '(name) => `myapp_${name}`', 'myapp_users'],
    ['a concatenation', "(name) => 'myapp_' + name", 'myapp_users'],
    ['a module constant prefix', '(name) => `${PREFIX}${name}`', 'pre_users'],
    ['a block with a single return', 'function (name) { return `t_${name}`; }', 't_users'],
    ['the identity', '(name) => name', 'users'],
    ['a function held in a const', 'prefixed', 'fn_users'],
  ])('with %s', (_name, fn, expected) => {
    const source = `${PG}const PREFIX = 'pre_';\nconst prefixed = (n: string) => \`fn_\${n}\`;\nconst createTable = pgTableCreator(${fn});\nexport const users = createTable('users', {});\n`;
    const [entity] = detect(source);
    expect(entity?.tableName).toEqual({ resolved: true, table: table(expected), source: 'naming-strategy' });
    expect(entity?.tableNameLoc).toEqual({ start: { line: 5, column: 33 }, end: { line: 5, column: 40 } });
  });

  it('reads mysqlTableCreator, sqliteTableCreator and withRLS on a creator', () => {
    const mysql = "import { mysqlTableCreator } from 'drizzle-orm/mysql-core';\nconst t = mysqlTableCreator((name) => `app_${name}`);\nexport const a = t('a', {});\n";
    const sqlite = "import { sqliteTableCreator } from 'drizzle-orm/sqlite-core';\nconst t = sqliteTableCreator((name) => `app_${name}`);\nexport const b = t('b', {});\n";
    const rls = `${PG}const t = pgTableCreator((name) => \`app_\${name}\`);\nexport const c = t.withRLS('c', {});\n`;
    expect([...summary(mysql), ...summary(sqlite), ...summary(rls)]).toEqual([
      { name: 'a', kind: 'table', table: table('app_a') },
      { name: 'b', kind: 'table', table: table('app_b') },
      { name: 'c', kind: 'table', table: table('app_c') },
    ]);
  });

  it.each([
    ['an imported name function', "import { prefix } from './naming';\nconst createTable = pgTableCreator(prefix);", UNREADABLE_CREATOR_REASON],
    ['a name function with two statements', 'const createTable = pgTableCreator((name) => { const p = "a_"; return p + name; });', UNREADABLE_CREATOR_REASON],
    ['a method call on the name', 'const createTable = pgTableCreator((name) => name.toUpperCase());', RUNTIME_CREATOR_REASON],
    ['an environment prefix', 'const createTable = pgTableCreator((name) => `${process.env.PREFIX}_${name}`);', RUNTIME_CREATOR_REASON],
  ])('reports %s as unresolved', (_name, creator, reason) => {
    expect(summary(`${PG}${creator}\nexport const users = createTable('users', {});\n`)).toEqual([
      { name: 'users', kind: 'table', table: { unresolved: reason } },
    ]);
  });

  it('does not treat a creator imported from another module as drizzle', () => {
    expect(summary(`${PG}import { createTable } from './creator';\nexport const users = createTable('users', {});\n`)).toEqual([]);
  });
});

describe('detectDrizzleTables: views', () => {
  it('reads pgView and pgMaterializedView through their builder chains as views', () => {
    const source = [
      PG,
      "export const active = pgView('active_users').as((qb) => qb.select().from(users));",
      "export const existing = pgView('legacy_view', { id: serial('id') }).existing();",
      "export const stats = pgMaterializedView('stats').with({ fillfactor: 90 }).as((qb) => qb.select().from(users));",
      "import { sqliteView } from 'drizzle-orm/sqlite-core';",
      "export const recent = sqliteView('recent').as((qb) => qb.select().from(users));",
    ].join('\n');
    expect(summary(source)).toEqual([
      { name: 'active', kind: 'view', table: table('active_users') },
      { name: 'existing', kind: 'view', table: table('legacy_view') },
      { name: 'stats', kind: 'view', table: table('stats') },
      { name: 'recent', kind: 'view', table: table('recent') },
    ]);
  });
});

describe('detectDrizzleTables: the drizzle-basic fixture', () => {
  it('detects every table and view of src/db/schema.ts through detectEntities', () => {
    const program = parseCode(readFileSync(fixturePath('drizzle-basic', 'src/db/schema.ts'), 'utf8'));
    expect(detectEntities(program).map((entity) => [entity.orm, entity.name, entity.kind, entity.tableName])).toEqual([
      ['drizzle', 'users', 'table', { resolved: true, table: table('users'), source: 'explicit' }],
      ['drizzle', 'posts', 'table', { resolved: true, table: table('posts'), source: 'explicit' }],
      ['drizzle', 'organizations', 'table', { resolved: true, table: table('organizations'), source: 'explicit' }],
      ['drizzle', 'invoices', 'table', { resolved: true, table: table('invoices', 'billing'), source: 'explicit' }],
      ['drizzle', 'sessions', 'table', { resolved: true, table: table('app_sessions'), source: 'naming-strategy' }],
      ['drizzle', 'activeUsers', 'view', { resolved: true, table: table('active_users'), source: 'explicit' }],
    ]);
  });
});
