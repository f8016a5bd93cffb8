import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { createDetectionContext, DEFAULT_DETECTION_INPUTS, type DetectionInputs } from '../../src/entities/detectEntities.js';
import type { DetectionContext } from '../../src/entities/detectionContext.js';
import type { EntityDeclaration, EntityKind } from '../../src/entities/entityDeclaration.js';
import { detectTypeormEntities } from '../../src/orm/typeorm/detectTypeormEntities.js';
import { typeormClosureJunctionTableName } from '../../src/orm/typeorm/typeormTreeNaming.js';
import { normaliseSchema, type TableRef } from '../../src/schema/tableRef.js';
import { detectIn, parseCode, table } from '../support/parseFixture.js';

const require = createRequire(import.meta.url);
const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'typeorm-extras');

function detect(code: string, inputs: DetectionInputs = DEFAULT_DETECTION_INPUTS): EntityDeclaration[] {
  return detectIn(detectTypeormEntities, code, inputs);
}

function fixture(relativePath: string): string {
  return readFileSync(path.join(FIXTURE, relativePath), 'utf8');
}

/** The exact location of the `nth` occurrence of a one-line `snippet` in `code` (0-based columns, as ESTree). */
function locOf(code: string, snippet: string, nth = 0): TSESTree.SourceLocation {
  let index = -1;
  for (let seen = 0; seen <= nth; seen++) {
    index = code.indexOf(snippet, index + 1);
    if (index === -1) throw new Error(`snippet #${nth} not found: ${snippet}`);
  }
  const position = (offset: number): TSESTree.Position => {
    const before = code.slice(0, offset);
    return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) };
  };
  return { start: position(index), end: position(index + snippet.length) };
}

/** The location of `part` inside the first occurrence of `around`: `locIn(code, 'class User', 'User')`. */
function locIn(code: string, around: string, part: string): TSESTree.SourceLocation {
  const start = code.indexOf(around);
  const offset = around.indexOf(part);
  if (start === -1 || offset === -1) throw new Error(`not found: ${part} in ${around}`);
  return locOf(code.slice(0, start + offset + part.length), part, code.slice(0, start + offset).split(part).length - 1);
}

interface Expected {
  readonly kind?: EntityKind;
  readonly name: string;
  /** A table, or the reason it is unresolved. */
  readonly table: TableRef | { readonly reason: string };
  readonly source?: 'explicit' | 'naming-strategy';
  readonly loc: TSESTree.SourceLocation;
  readonly tableNameLoc?: TSESTree.SourceLocation;
  readonly extraTables?: readonly { readonly table: TableRef; readonly role: string }[];
}

function entity(expected: Expected): EntityDeclaration {
  const tableName: EntityDeclaration['tableName'] =
    'reason' in expected.table
      ? { resolved: false, reason: expected.table.reason }
      : { resolved: true, table: expected.table, source: expected.source ?? 'explicit' };
  return {
    orm: 'typeorm',
    kind: expected.kind ?? 'table',
    name: expected.name,
    tableName,
    loc: expected.loc,
    tableNameLoc: expected.tableNameLoc ?? expected.loc,
    ...(expected.extraTables === undefined ? {} : { extraTables: expected.extraTables }),
  };
}

function closure(name: string, schema?: string): { table: TableRef; role: string } {
  return { table: table(name, schema), role: 'closure table' };
}

const ENTITY_IMPORT = "import { Entity } from 'typeorm';\n";

describe('decorated classes (forms supported before)', () => {
  it('reads @Entity(name)', () => {
    const code = `${ENTITY_IMPORT}@Entity('users')\nexport class User {}\n`;
    expect(detect(code)).toEqual([entity({ name: 'User', table: table('users'), loc: locIn(code, 'class User', 'User'), tableNameLoc: locOf(code, "'users'") })]);
    // Columns are 0-based: `User` starts after `export class `, `'users'` after `@Entity(`.
    expect(detect(code)[0]).toMatchObject({ loc: { start: { line: 3, column: 13 }, end: { line: 3, column: 17 } }, tableNameLoc: { start: { line: 2, column: 8 }, end: { line: 2, column: 15 } } });
  });

  it('reads @Entity({ name, schema }) and reports the table at the name', () => {
    const code = `${ENTITY_IMPORT}@Entity({ name: 'orders', schema: 'billing' })\nexport class Order {}\n`;
    expect(detect(code)).toEqual([
      entity({ name: 'Order', table: table('orders', 'billing'), loc: locOf(code, 'Order'), tableNameLoc: locOf(code, "'orders'") }),
    ]);
  });

  it('reads @Entity(name, { schema }) and treats the public schema as the default', () => {
    const code = `${ENTITY_IMPORT}@Entity('payments', { schema: 'billing' })\nexport class Payment {}\n@Entity('users', { schema: 'public' })\nexport class User {}\n`;
    expect(detect(code)).toEqual([
      entity({ name: 'Payment', table: table('payments', 'billing'), loc: locOf(code, 'Payment'), tableNameLoc: locOf(code, "'payments'") }),
      entity({ name: 'User', table: table('users'), loc: locIn(code, 'class User', 'User'), tableNameLoc: locOf(code, "'users'") }),
    ]);
  });

  it('names an unnamed entity with the default naming strategy and reports it at the class', () => {
    const code = "import * as orm from 'typeorm';\n@orm.Entity()\nexport class HTTPRequestLog {}\n";
    expect(detect(code)).toEqual([entity({ name: 'HTTPRequestLog', table: table('http_request_log'), source: 'naming-strategy', loc: locOf(code, 'HTTPRequestLog') })]);
  });

  it('follows aliased imports and requires', () => {
    const code = [
      "import { Entity as Table } from 'typeorm';",
      "const { ViewEntity } = require('typeorm');",
      "const typeorm = require('typeorm');",
      "@Table('aliased') class Aliased {}",
      "@typeorm.Entity('required') class Required {}",
      "@ViewEntity('viewed') class Viewed {}",
    ].join('\n');
    expect(detect(code)).toEqual([
      entity({ name: 'Aliased', table: table('aliased'), loc: locOf(code, 'Aliased'), tableNameLoc: locOf(code, "'aliased'") }),
      entity({ name: 'Required', table: table('required'), loc: locOf(code, 'Required'), tableNameLoc: locOf(code, "'required'") }),
      entity({ kind: 'view', name: 'Viewed', table: table('viewed'), loc: locOf(code, 'Viewed'), tableNameLoc: locOf(code, "'viewed'") }),
    ]);
  });

  it('reads configured markers like @Entity', () => {
    const code = "import { AuditedEntity } from '@acme/db';\n@AuditedEntity({ name: 'audit_log', schema: 'ops' })\nexport class AuditLog {}\n";
    const inputs: DetectionInputs = { ...DEFAULT_DETECTION_INPUTS, markers: [{ package: '@acme/db', name: 'AuditedEntity', kind: 'entity', orm: 'typeorm' }] };
    expect(detect(code, inputs)).toEqual([
      entity({ name: 'AuditLog', table: table('audit_log', 'ops'), loc: locOf(code, 'AuditLog'), tableNameLoc: locOf(code, "'audit_log'") }),
    ]);
  });

  it('reads @ViewEntity({ name, expression }) as a view', () => {
    const code = "import { ViewEntity } from 'typeorm';\n@ViewEntity({ name: 'order_totals', expression: 'SELECT 1' })\nexport class OrderTotals {}\n";
    expect(detect(code)).toEqual([
      entity({ kind: 'view', name: 'OrderTotals', table: table('order_totals'), loc: locOf(code, 'OrderTotals'), tableNameLoc: locOf(code, "'order_totals'") }),
    ]);
  });

  it('gives @ChildEntity no table of its own', () => {
    const code = "import { ChildEntity } from 'typeorm';\n@ChildEntity('special')\nexport class SpecialOrder {}\n";
    expect(detect(code)).toEqual([entity({ kind: 'child', name: 'SpecialOrder', table: { reason: 'it has no table of its own' }, loc: locOf(code, 'SpecialOrder') })]);
  });

  it('skips abstract classes, other packages’ @Entity and undecorated classes', () => {
    expect(detect(`${ENTITY_IMPORT}@Entity()\nexport abstract class Base {}\nexport class Plain {}\n`)).toEqual([]);
    expect(detect("import { Entity } from '@my/registry';\n@Entity('widgets')\nexport class Widget {}\n")).toEqual([]);
    expect(detect("import { Column } from 'typeorm';\nexport class Dto { @Column() id!: number }\n")).toEqual([]);
  });

  it('reads names from constants, `as const` objects and shorthand options', () => {
    const code = [
      ENTITY_IMPORT.trimEnd(),
      "const NAME = 'users';",
      "const TABLES = { orders: 'orders' } as const;",
      "const name = 'items';",
      '@Entity(NAME) class User {}',
      '@Entity(TABLES.orders) class Order {}',
      '@Entity({ name }) class Item {}',
      "@Entity(`${NAME}_archive`) class UserArchive {}",
    ].join('\n');
    expect(detect(code)).toEqual([
      entity({ name: 'User', table: table('users'), loc: locIn(code, 'class User', 'User'), tableNameLoc: locIn(code, '@Entity(NAME)', 'NAME') }),
      entity({ name: 'Order', table: table('orders'), loc: locIn(code, 'class Order', 'Order'), tableNameLoc: locOf(code, 'TABLES.orders') }),
      entity({ name: 'Item', table: table('items'), loc: locOf(code, 'Item'), tableNameLoc: locIn(code, '{ name }', 'name') }),
      entity({ name: 'UserArchive', table: table('users_archive'), loc: locOf(code, 'UserArchive'), tableNameLoc: locOf(code, '`${NAME}_archive`') }),
    ]);
    expect(detect(code)[0]?.loc).toEqual({ start: { line: 5, column: 20 }, end: { line: 5, column: 24 } });
  });

  it('never guesses: unresolved names carry their reason', () => {
    const code = [
      "import { Entity } from 'typeorm';",
      "import { OPTIONS } from './options';",
      '@Entity(process.env.TABLE) class FromEnv {}',
      '@Entity(OPTIONS) class FromImport {}',
      "@Entity({ name: 'x', schema: process.env.SCHEMA }) class RuntimeSchema {}",
      "@Entity({ name: 'y', ...OPTIONS }) class SpreadAfter {}",
      "@Entity('') class Empty {}",
      'export default @Entity() class {}',
    ].join('\n');
    expect(detect(code)).toEqual([
      entity({ name: 'FromEnv', table: { reason: 'its table name is computed at runtime' }, loc: locOf(code, 'FromEnv'), tableNameLoc: locOf(code, 'process.env.TABLE') }),
      entity({ name: 'FromImport', table: { reason: 'its table name is computed at runtime' }, loc: locOf(code, 'FromImport'), tableNameLoc: locIn(code, '@Entity(OPTIONS)', 'OPTIONS') }),
      entity({ name: 'RuntimeSchema', table: { reason: 'its schema is computed at runtime' }, loc: locOf(code, 'RuntimeSchema'), tableNameLoc: locOf(code, 'process.env.SCHEMA') }),
      entity({ name: 'SpreadAfter', table: { reason: 'its options are spread from another object' }, loc: locOf(code, 'SpreadAfter') }),
      entity({ name: 'Empty', table: { reason: 'its table name is empty, which TypeORM 0.3 and 1.x read differently' }, loc: locOf(code, 'Empty'), tableNameLoc: locOf(code, "''") }),
      entity({ name: '(anonymous class)', table: { reason: 'the class is anonymous' }, loc: locOf(code, '@Entity() class {}') }),
    ]);
  });
});

describe('decorator options: database and spreads', () => {
  it('ignores `database` (a MySQL / SQL Server database, not a schema)', () => {
    const code = `${ENTITY_IMPORT}@Entity({ name: 'users', database: 'crm' })\nclass User {}\n@Entity({ database: 'crm', schema: 'auth' })\nclass Session {}\n`;
    expect(detect(code)).toEqual([
      entity({ name: 'User', table: table('users'), loc: locIn(code, 'class User', 'User'), tableNameLoc: locOf(code, "'users'") }),
      entity({ name: 'Session', table: table('session', 'auth'), source: 'naming-strategy', loc: locOf(code, 'Session') }),
    ]);
  });

  it('reads a name written after a spread of a known object, the spread giving the schema', () => {
    const code = [
      ENTITY_IMPORT.trimEnd(),
      "const COMMON = { synchronize: false } as const;",
      "const IN_APP = { schema: 'app', name: 'overridden' };",
      "@Entity({ ...COMMON, name: 'accounts' }) class Account {}",
      "@Entity({ ...IN_APP, name: 'profiles' }) class Profile {}",
      '@Entity({ ...IN_APP }) class FromSpread {}',
    ].join('\n');
    expect(detect(code)).toEqual([
      entity({ name: 'Account', table: table('accounts'), loc: locOf(code, 'Account'), tableNameLoc: locOf(code, "'accounts'") }),
      entity({ name: 'Profile', table: table('profiles', 'app'), loc: locOf(code, 'Profile'), tableNameLoc: locOf(code, "'profiles'") }),
      entity({ name: 'FromSpread', table: table('overridden', 'app'), loc: locOf(code, 'FromSpread'), tableNameLoc: locOf(code, "'overridden'") }),
    ]);
  });

  it('lets a later spread override the name, and gives up when that spread is unknown', () => {
    const code = [
      "import { Entity } from 'typeorm';",
      "import { BASE } from './base';",
      "const RENAME = { name: 'renamed' };",
      "@Entity({ name: 'first', ...RENAME }) class Renamed {}",
      "@Entity({ name: 'first', ...BASE }) class Unknown {}",
      "@Entity({ ...BASE, name: 'named' }) class SchemaUnknown {}",
      "@Entity({ name: 'kept', ...null, ...undefined }) class Kept {}",
    ].join('\n');
    expect(detect(code)).toEqual([
      entity({ name: 'Renamed', table: table('renamed'), loc: locOf(code, 'Renamed'), tableNameLoc: locOf(code, "'renamed'") }),
      entity({ name: 'Unknown', table: { reason: 'its options are spread from another object' }, loc: locOf(code, 'Unknown') }),
      // The name is certain, but BASE may set a schema: the table is not claimed.
      entity({ name: 'SchemaUnknown', table: { reason: 'its options are spread from another object' }, loc: locOf(code, 'SchemaUnknown') }),
      entity({ name: 'Kept', table: table('kept'), loc: locOf(code, 'Kept'), tableNameLoc: locOf(code, "'kept'") }),
    ]);
  });

  it('reads spreads of constants imported from other project modules (outer lookup)', () => {
    const other = parseCode("export const BASE = { schema: 'shared' };");
    const baseInit = (other.body[0] as TSESTree.ExportNamedDeclaration).declaration as TSESTree.VariableDeclaration;
    const init = baseInit.declarations[0]?.init ?? undefined;
    const inputs: DetectionInputs = { ...DEFAULT_DETECTION_INPUTS, outerLookup: (name) => (name === 'BASE' ? init : undefined) };
    const code = "import { Entity } from 'typeorm';\nimport { BASE } from './base';\n@Entity({ ...BASE, name: 'named' }) class Named {}\n";
    expect(detect(code, inputs)).toEqual([
      entity({ name: 'Named', table: table('named', 'shared'), loc: locOf(code, 'Named'), tableNameLoc: locOf(code, "'named'") }),
    ]);
  });

  it('treats `name: undefined` as no name and a computed key it cannot read as unknown', () => {
    const code = `${ENTITY_IMPORT}@Entity({ name: undefined, schema: 'app' }) class AppUser {}\n@Entity({ name: 'a', [process.env.KEY as string]: 'b' }) class Keyed {}\n`;
    expect(detect(code)).toEqual([
      entity({ name: 'AppUser', table: table('app_user', 'app'), source: 'naming-strategy', loc: locOf(code, 'AppUser') }),
      entity({ name: 'Keyed', table: { reason: 'its options are spread from another object' }, loc: locOf(code, 'Keyed') }),
    ]);
  });
});

describe("@Tree('closure-table')", () => {
  const TREE_IMPORT = "import { ChildEntity, Entity, Tree } from 'typeorm';\n";

  it('adds <table>_closure in the entity schema', () => {
    const code = `${TREE_IMPORT}@Entity()\n@Tree('closure-table')\nexport class ProductCategory {}\n@Tree('closure-table')\n@Entity({ name: 'nodes', schema: 'graph' })\nexport class Node {}\n`;
    expect(detect(code)).toEqual([
      entity({ name: 'ProductCategory', table: table('product_category'), source: 'naming-strategy', loc: locOf(code, 'ProductCategory'), extraTables: [closure('product_category_closure')] }),
      entity({ name: 'Node', table: table('nodes', 'graph'), loc: locOf(code, 'Node'), tableNameLoc: locOf(code, "'nodes'"), extraTables: [closure('nodes_closure', 'graph')] }),
    ]);
  });

  it('honours closureTableName and closureTableSchema', () => {
    const code = [
      TREE_IMPORT.trimEnd(),
      "const TREE = { closureTableName: 'cat_paths' } as const;",
      "@Entity({ name: 'cats', schema: 'shop' }) @Tree('closure-table', TREE) class Cat {}",
      "@Entity('dogs') @Tree('closure-table', { closureTableSchema: 'trees' }) class Dog {}",
      "@Entity(process.env.T) @Tree('closure-table', { closureTableName: 'fish_paths', closureTableSchema: 'trees' }) class Fish {}",
      "@Entity({ name: 'birds', schema: 'zoo' }) @Tree('closure-table', { closureTableSchema: '' }) class Bird {}",
    ].join('\n');
    expect(detect(code)).toEqual([
      entity({ name: 'Cat', table: table('cats', 'shop'), loc: locIn(code, 'class Cat', 'Cat'), tableNameLoc: locOf(code, "'cats'"), extraTables: [closure('cat_paths_closure', 'shop')] }),
      entity({ name: 'Dog', table: table('dogs'), loc: locOf(code, 'Dog'), tableNameLoc: locOf(code, "'dogs'"), extraTables: [closure('dogs_closure', 'trees')] }),
      entity({
        name: 'Fish',
        table: { reason: 'its table name is computed at runtime' },
        loc: locOf(code, 'Fish'),
        tableNameLoc: locOf(code, 'process.env.T'),
        extraTables: [closure('fish_paths_closure', 'trees')],
      }),
      // An empty closureTableSchema falls through to the data source's (default) schema.
      entity({ name: 'Bird', table: table('birds', 'zoo'), loc: locOf(code, 'Bird'), tableNameLoc: locOf(code, "'birds'"), extraTables: [closure('birds_closure')] }),
    ]);
  });

  it('claims no closure table for other tree types, unreadable options, children or another package’s Tree', () => {
    const code = [
      "import { ChildEntity, Entity, Tree } from 'typeorm';",
      "import { Tree as OtherTree } from 'some-tree-lib';",
      "import { TREE_OPTIONS } from './tree';",
      "@Entity('menus') @Tree('nested-set') class Menu {}",
      "@Entity('threads') @Tree('materialized-path') class Thread {}",
      "@Entity('folders') @Tree('closure-table', TREE_OPTIONS) class Folder {}",
      "@Entity('tags') @Tree(process.env.TREE as 'closure-table') class Tag {}",
      "@Entity('labels') @Tree('closure-table', { closureTableName: '' }) class Label {}",
      "@Entity('others') @OtherTree('closure-table') class Other {}",
      "@ChildEntity() @Tree('closure-table') class Special {}",
    ].join('\n');
    const found = detect(code);
    expect(found.map((declaration) => [declaration.name, declaration.extraTables])).toEqual([
      ['Menu', undefined],
      ['Thread', undefined],
      ['Folder', undefined],
      ['Tag', undefined],
      ['Label', undefined],
      ['Other', undefined],
      ['Special', undefined],
    ]);
    expect(found[0]).toEqual(entity({ name: 'Menu', table: table('menus'), loc: locIn(code, 'class Menu', 'Menu'), tableNameLoc: locOf(code, "'menus'") }));
  });

  it('reads the fixture models', () => {
    const category = fixture('src/models/Category.ts');
    const comment = fixture('src/models/Comment.ts');
    expect(detect(category)).toEqual([
      entity({ name: 'Category', table: table('category'), source: 'naming-strategy', loc: locIn(category, 'class Category', 'Category'), extraTables: [closure('category_closure')] }),
    ]);
    expect(detect(comment)).toEqual([
      entity({
        name: 'Comment',
        table: table('comments', 'forum'),
        loc: { start: { line: 6, column: 13 }, end: { line: 6, column: 20 } },
        tableNameLoc: locOf(comment, "'comments'"),
        extraTables: [closure('comment_tree_closure', 'forum')],
      }),
    ]);
  });
});

describe('new EntitySchema()', () => {
  it('takes tableName, else the default naming of name, and reports at name', () => {
    const code = [
      "import { EntitySchema } from 'typeorm';",
      "export const PostSchema = new EntitySchema({ name: 'Post', tableName: 'posts', columns: {} });",
      "export const TagSchema = new EntitySchema({ name: 'BlogTag', schema: 'blog', columns: {} });",
    ].join('\n');
    expect(detect(code)).toEqual([
      entity({ name: 'Post', table: table('posts'), loc: locOf(code, "'Post'"), tableNameLoc: locOf(code, "'posts'") }),
      entity({ name: 'BlogTag', table: table('blog_tag', 'blog'), source: 'naming-strategy', loc: locOf(code, "'BlogTag'") }),
    ]);
  });

  it('follows namespace imports, requires and option constants', () => {
    const code = [
      "import * as orm from 'typeorm';",
      "const { EntitySchema: Schema } = require('typeorm');",
      "const OPTIONS = { name: 'Invoice', tableName: 'invoices', columns: {} };",
      'export const A = new orm.EntitySchema(OPTIONS);',
      "export const B = new Schema<{ id: number }>({ name: 'LineItem', columns: {} } as const);",
    ].join('\n');
    expect(detect(code)).toEqual([
      entity({ name: 'Invoice', table: table('invoices'), loc: locOf(code, "'Invoice'"), tableNameLoc: locOf(code, "'invoices'") }),
      entity({ name: 'LineItem', table: table('line_item'), source: 'naming-strategy', loc: locOf(code, "'LineItem'") }),
    ]);
  });

  it('reads compiled CommonJS schemas', () => {
    const code = '"use strict";\nconst typeorm_1 = require("typeorm");\nexports.S = new typeorm_1.EntitySchema({ name: "Setting", tableName: "settings", columns: {} });\n';
    expect(detect(code)).toEqual([entity({ name: 'Setting', table: table('settings'), loc: locOf(code, '"Setting"'), tableNameLoc: locOf(code, '"settings"') })]);
  });

  it('reads the type: view, entity-child, closure; junction tables are TypeORM’s own', () => {
    const code = [
      "import { EntitySchema } from 'typeorm';",
      "new EntitySchema({ name: 'PostStats', type: 'view', expression: 'SELECT 1', columns: {} });",
      "new EntitySchema({ name: 'SpecialPost', type: 'entity-child', columns: {} });",
      "new EntitySchema({ name: 'Region', type: 'closure', columns: {} });",
      "new EntitySchema({ name: 'PostTag', type: 'junction', columns: {} });",
      "new EntitySchema({ name: 'Dyn', type: process.env.KIND, columns: {} });",
    ].join('\n');
    expect(detect(code)).toEqual([
      entity({ kind: 'view', name: 'PostStats', table: table('post_stats'), source: 'naming-strategy', loc: locOf(code, "'PostStats'") }),
      entity({ kind: 'child', name: 'SpecialPost', table: { reason: 'it has no table of its own' }, loc: locOf(code, "'SpecialPost'") }),
      entity({ name: 'Region', table: table('region'), source: 'naming-strategy', loc: locOf(code, "'Region'") }),
      entity({ name: 'Dyn', table: { reason: 'its type is computed at runtime' }, loc: locOf(code, "'Dyn'") }),
    ]);
  });

  it('names the table after a target class declared in the module, never after an imported one', () => {
    const code = [
      "import { EntitySchema } from 'typeorm';",
      "import { Imported } from './Imported';",
      'export class ApiKey {}',
      "new EntitySchema({ name: 'key', target: ApiKey, columns: {} });",
      "new EntitySchema({ name: 'imported', target: Imported, columns: {} });",
    ].join('\n');
    expect(detect(code)).toEqual([
      entity({ name: 'key', table: table('api_key'), source: 'naming-strategy', loc: locOf(code, "'key'"), tableNameLoc: locOf(code, 'ApiKey', 1) }),
      entity({
        name: 'imported',
        table: { reason: 'its table is named after its target class, which is not declared in this file' },
        loc: locOf(code, "'imported'"),
        tableNameLoc: locOf(code, 'Imported', 2),
      }),
    ]);
  });

  it('adds the closure table of trees[0]', () => {
    const code = [
      "import { EntitySchema } from 'typeorm';",
      "new EntitySchema({ name: 'Folder', schema: 'files', trees: [{ type: 'closure-table' }], columns: {} });",
      "new EntitySchema({ name: 'Cat', tableName: 'cats', trees: [{ type: 'closure-table', options: { closureTableName: 'cat_paths' } }], columns: {} });",
      "new EntitySchema({ name: 'Menu', trees: [{ type: 'nested-set' }, { type: 'closure-table' }], columns: {} });",
    ].join('\n');
    expect(detect(code)).toEqual([
      entity({ name: 'Folder', table: table('folder', 'files'), source: 'naming-strategy', loc: locOf(code, "'Folder'"), extraTables: [closure('folder_closure', 'files')] }),
      entity({ name: 'Cat', table: table('cats'), loc: locOf(code, "'Cat'"), tableNameLoc: locOf(code, "'cats'"), extraTables: [closure('cat_paths_closure')] }),
      entity({ name: 'Menu', table: table('menu'), source: 'naming-strategy', loc: locOf(code, "'Menu'") }),
    ]);
  });

  it('reports options it cannot read at the new expression, and ignores other packages’ EntitySchema', () => {
    const code = [
      "import { EntitySchema } from 'typeorm';",
      "import { EntitySchema as Other } from 'other-orm';",
      "import { schemaOptions } from './options';",
      'export const A = new EntitySchema(schemaOptions);',
      "export const B = new Other({ name: 'B', columns: {} });",
      "export const C = new EntitySchema({ name: process.env.NAME, columns: {} });",
      "export const D = new EntitySchema({ name: 'D', tableName: process.env.TABLE, columns: {} });",
    ].join('\n');
    expect(detect(code)).toEqual([
      entity({ name: '(entity schema)', table: { reason: 'its options are not a literal object in this file' }, loc: locOf(code, 'new EntitySchema(schemaOptions)') }),
      entity({ name: '(entity schema)', table: { reason: 'its name is not a static string' }, loc: locOf(code, 'process.env.NAME') }),
      entity({ name: 'D', table: { reason: 'its table name is computed at runtime' }, loc: locOf(code, "'D'"), tableNameLoc: locOf(code, 'process.env.TABLE') }),
    ]);
  });

  it('reads the fixture schemas', () => {
    const post = fixture('src/models/schemas/Post.schema.ts');
    const tag = fixture('src/models/schemas/BlogTag.schema.js');
    const stats = fixture('src/models/schemas/PostStats.schema.ts');
    const folder = fixture('src/models/schemas/Folder.schema.ts');
    expect(detect(post)).toEqual([entity({ name: 'Post', table: table('posts'), loc: locOf(post, "'Post'"), tableNameLoc: locOf(post, "'posts'") })]);
    expect(detect(tag)).toEqual([entity({ name: 'BlogTag', table: table('blog_tag'), source: 'naming-strategy', loc: locOf(tag, "'BlogTag'") })]);
    expect(detect(stats)).toEqual([
      entity({ kind: 'view', name: 'PostStats', table: table('post_stats'), loc: locOf(stats, "'PostStats'"), tableNameLoc: locOf(stats, "'post_stats'") }),
    ]);
    expect(detect(folder)).toEqual([
      entity({ name: 'Folder', table: table('folder', 'files'), source: 'naming-strategy', loc: locOf(folder, "'Folder'", 0), extraTables: [closure('folder_closure', 'files')] }),
    ]);
  });
});

describe('compiled JavaScript (__decorate)', () => {
  const STYLES = ['commonjs', 'esm', 'es5'] as const;

  for (const style of STYLES) {
    it(`reads tsc ${style} output of the fixture models`, () => {
      const account = fixture(`compiled/${style}/models/Account.js`);
      const category = fixture(`compiled/${style}/models/Category.js`);
      const comment = fixture(`compiled/${style}/models/Comment.js`);
      // ES5 classes are constructor functions: `function Account() {}` inside an IIFE.
      const classAt = (code: string, name: string): TSESTree.SourceLocation => locIn(code, `${style === 'es5' ? 'function' : 'class'} ${name}`, name);
      expect(detect(account)).toEqual([entity({ name: 'Account', table: table('accounts'), loc: classAt(account, 'Account'), tableNameLoc: locOf(account, "'accounts'") })]);
      expect(detect(category)).toEqual([
        entity({ name: 'Category', table: table('category'), source: 'naming-strategy', loc: classAt(category, 'Category'), extraTables: [closure('category_closure')] }),
      ]);
      expect(detect(comment)).toEqual([
        entity({
          name: 'Comment',
          table: table('comments', 'forum'),
          loc: classAt(comment, 'Comment'),
          tableNameLoc: locOf(comment, "'comments'"),
          extraTables: [closure('comment_tree_closure', 'forum')],
        }),
      ]);
    });
  }

  it('reads the exact class positions of the CommonJS output', () => {
    const account = fixture('compiled/commonjs/models/Account.js');
    expect(detect(account).map((declaration) => declaration.loc)).toEqual([{ start: { line: 15, column: 32 }, end: { line: 15, column: 39 } }]);
    expect(account.split('\n')[14]).toBe('let Account = Account_1 = class Account {');
  });

  it('reads tslib, SWC and esbuild helpers, and older `typeorm_1.Entity(...)` calls', () => {
    const code = [
      '"use strict";',
      'const tslib_1 = require("tslib");',
      'const typeorm_1 = require("typeorm");',
      'let A = class A {};',
      'A = tslib_1.__decorate([(0, typeorm_1.Entity)("a_table")], A);',
      'class B {}',
      'B = _ts_decorate([typeorm_1.Entity()], B);',
      'let C = class {};',
      'C = __decorateClass([typeorm_1.Entity({ name: "c_table", schema: "s" })], C);',
      'class D {}',
      'D = (0, _ts_decorate._)([typeorm_1.ViewEntity("d_view")], D);',
    ].join('\n');
    expect(detect(code)).toEqual([
      entity({ name: 'A', table: table('a_table'), loc: locIn(code, 'class A', 'A'), tableNameLoc: locOf(code, '"a_table"') }),
      entity({ name: 'B', table: table('b'), source: 'naming-strategy', loc: locIn(code, 'class B', 'B') }),
      // An anonymous class expression takes its binding's name.
      entity({ name: 'C', table: table('c_table', 's'), loc: locIn(code, 'let C', 'C'), tableNameLoc: locOf(code, '"c_table"') }),
      entity({ kind: 'view', name: 'D', table: table('d_view'), loc: locIn(code, 'class D', 'D'), tableNameLoc: locOf(code, '"d_view"') }),
    ]);
  });

  it('ignores member decorators, unknown targets and non-typeorm decorators', () => {
    const code = [
      'const typeorm_1 = require("typeorm");',
      'const other_1 = require("other");',
      'let A = class A {};',
      '__decorate([(0, typeorm_1.Column)()], A.prototype, "id", void 0);',
      'A = __decorate([(0, other_1.Entity)("a")], A);',
      'Unknown = __decorate([(0, typeorm_1.Entity)("u")], Unknown);',
    ].join('\n');
    expect(detect(code)).toEqual([]);
  });
});

describe('robustness', () => {
  it('returns no entities when reading fails instead of throwing', () => {
    const program = parseCode("import { Entity } from 'typeorm';\n@Entity(NAME) class A {}\n");
    const context = createDetectionContext(program, DEFAULT_DETECTION_INPUTS);
    const failing: DetectionContext = {
      ...context,
      readString: () => {
        throw new Error('boom');
      },
    };
    expect(detectTypeormEntities(failing)).toEqual([]);
  });

  it('gives up on spreads that branch out instead of reading them all', () => {
    const levels = Array.from({ length: 30 }, (_, level) => `const L${level} = { ...L${level + 1}, ...L${level + 1}, other: ${level} };`);
    const code = `import { Entity } from 'typeorm';\n${levels.join('\n')}\nconst L30 = { schema: 'deep' };\n@Entity({ ...L0, name: 'x' }) class X {}\n`;
    expect(detect(code)).toEqual([entity({ name: 'X', table: { reason: 'its options are spread from another object' }, loc: locIn(code, 'class X', 'X') })]);
  });

  it('does not loop on self-referencing spreads', () => {
    const code = "import { Entity } from 'typeorm';\nconst A: object = { ...B };\nconst B: object = { ...A };\n@Entity({ ...A, name: 'x' }) class X {}\n";
    expect(detect(code)).toEqual([entity({ name: 'X', table: { reason: 'its options are spread from another object' }, loc: locIn(code, 'class X', 'X') })]);
  });
});

// ---------------------------------------------------------------------------------------------
// Parity with TypeORM's own metadata builder: the same declarations, built by TypeORM 0.3 and 1.x.

interface TypeormMetadata {
  readonly tableName: string;
  readonly schema?: string | undefined;
  readonly tableType: string;
}
interface TypeormDataSource {
  buildMetadatas(): Promise<void>;
  readonly entityMetadatas: readonly TypeormMetadata[];
}
type Decorate = (...args: unknown[]) => (target: object, propertyName?: string) => void;
interface TypeormModule {
  readonly DataSource: new (options: Record<string, unknown>) => TypeormDataSource;
  readonly EntitySchema: new (options: Record<string, unknown>) => object;
  readonly Entity: Decorate;
  readonly Tree: Decorate;
  readonly PrimaryColumn: Decorate;
}
interface NamingStrategy {
  closureJunctionTableName(originalClosureTableName: string): string;
}

const VERSIONS: Record<string, string> = { 'typeorm 1.x': 'typeorm', 'typeorm 0.3': 'typeorm-0.3' };

/**
 * Tables TypeORM builds for `declare`'s entities. Metadata is built without connecting (the
 * Capacitor driver takes its SQLite client as an option); decorators register into a global
 * storage both versions share, so each build gets a fresh one.
 */
async function typeormTables(packageName: string, declare: (orm: TypeormModule) => object[]): Promise<[string, string | undefined][]> {
  const orm = require(packageName) as TypeormModule;
  const globalScope = globalThis as { typeormMetadataArgsStorage?: unknown };
  const saved = globalScope.typeormMetadataArgsStorage;
  delete globalScope.typeormMetadataArgsStorage;
  try {
    const dataSource = new orm.DataSource({ type: 'capacitor', driver: {}, database: 'parity', entities: declare(orm) });
    await dataSource.buildMetadatas();
    return dataSource.entityMetadatas.filter((metadata) => metadata.tableType !== 'entity-child').map((metadata) => [metadata.tableName, normaliseSchema(metadata.schema)]);
  } finally {
    globalScope.typeormMetadataArgsStorage = saved;
  }
}

function ourTables(code: string): [string, string | undefined][] {
  return detect(code).flatMap((declaration) => {
    if (!declaration.tableName.resolved) throw new Error(`${declaration.name}: ${declaration.tableName.reason}`);
    return [declaration.tableName.table, ...(declaration.extraTables ?? []).map((extra) => extra.table)].map((ref): [string, string | undefined] => [ref.name, ref.schema]);
  });
}

const sorted = (tables: [string, string | undefined][]): [string, string | undefined][] => [...tables].sort((a, b) => a[0].localeCompare(b[0]));

interface DecoratorCase {
  readonly className: string;
  readonly entity: readonly unknown[];
  readonly tree?: readonly unknown[];
}

const DECORATOR_CASES: readonly DecoratorCase[] = [
  { className: 'ProductCategory', entity: [], tree: ['closure-table'] },
  { className: 'Category', entity: ['cats'], tree: ['closure-table'] },
  { className: 'Category', entity: [{ name: 'cats', schema: 'shop' }], tree: ['closure-table'] },
  { className: 'HTTPNode', entity: [{ schema: 'graph' }], tree: ['closure-table', { closureTableName: 'node_paths' }] },
  { className: 'Category', entity: [{ name: 'cats', schema: 'shop' }], tree: ['closure-table', { closureTableSchema: 'trees' }] },
  { className: 'Category', entity: ['cats', { schema: 'shop' }], tree: ['closure-table', { closureTableName: 'cat_tree', closureTableSchema: 'public' }] },
  { className: 'Bird', entity: [{ name: 'birds', schema: 'zoo' }], tree: ['closure-table', { closureTableSchema: '' }] },
  { className: 'Menu', entity: [], tree: ['nested-set'] },
  { className: 'Thread', entity: [{ name: 'threads', database: 'forum' }], tree: ['materialized-path'] },
  { className: 'UserAccount', entity: [{ name: 'accounts', database: 'crm', schema: 'auth' }] },
];

function decoratorSource(testCase: DecoratorCase): string {
  const args = (values: readonly unknown[]): string => values.map((value) => JSON.stringify(value)).join(', ');
  const tree = testCase.tree === undefined ? '' : `@Tree(${args(testCase.tree)})\n`;
  return `import { Entity, Tree } from 'typeorm';\n@Entity(${args(testCase.entity)})\n${tree}export class ${testCase.className} {}\n`;
}

function declareDecorated(orm: TypeormModule, testCase: DecoratorCase): object {
  const target = { [testCase.className]: class {} }[testCase.className];
  if (target === undefined) throw new Error('unreachable');
  orm.PrimaryColumn({ type: 'int' })(target.prototype, 'id');
  orm.Entity(...testCase.entity)(target);
  if (testCase.tree !== undefined) orm.Tree(...testCase.tree)(target);
  return target;
}

interface SchemaCase {
  readonly options: Record<string, unknown>;
  /** A class declared next to the schema and given as its `target`. */
  readonly targetClass?: string;
}

const SCHEMA_CASES: readonly SchemaCase[] = [
  { options: { name: 'UserProfile' } },
  { options: { name: 'User', tableName: 'users', schema: 'auth', database: 'crm' } },
  { options: { name: 'Category', trees: [{ type: 'closure-table' }] } },
  { options: { name: 'Category', tableName: 'cats', schema: 'shop', trees: [{ type: 'closure-table', options: { closureTableName: 'cat_paths' } }] } },
  { options: { name: 'Region', type: 'closure', schema: 'geo', trees: [{ type: 'closure-table', options: { closureTableSchema: 'trees' } }] } },
  { options: { name: 'PostStats', type: 'view', expression: 'SELECT 1 AS "id"' } },
  { options: { name: 'PostTag', type: 'junction' } },
  { options: { name: 'key', schema: 'vault' }, targetClass: 'APIKey' },
];

function schemaSource(testCase: SchemaCase): string {
  const options = JSON.stringify(testCase.options);
  if (testCase.targetClass === undefined) return `import { EntitySchema } from 'typeorm';\nnew EntitySchema(${options});\n`;
  return `import { EntitySchema } from 'typeorm';\nclass ${testCase.targetClass} {}\nnew EntitySchema(${options.replace(/^\{/u, `{ "target": ${testCase.targetClass}, `)});\n`;
}

function declareSchema(orm: TypeormModule, testCase: SchemaCase): object {
  const target = testCase.targetClass === undefined ? undefined : { [testCase.targetClass]: class {} }[testCase.targetClass];
  return new orm.EntitySchema({ ...testCase.options, ...(target === undefined ? {} : { target }), columns: { id: { type: Number, primary: true } } });
}

describe('parity with TypeORM', () => {
  const NAMES = ['category', 'cats', 'product_category', 'Category', 'node_paths', 'HTTPNode', 'a', 'x_closure', 'tree table'];

  for (const [version, packageName] of Object.entries(VERSIONS)) {
    it(`closure junction names equal ${version}'s DefaultNamingStrategy.closureJunctionTableName`, () => {
      const { DefaultNamingStrategy } = require(`${packageName}/naming-strategy/DefaultNamingStrategy.js`) as { DefaultNamingStrategy: new () => NamingStrategy };
      const strategy = new DefaultNamingStrategy();
      expect(NAMES.map(typeormClosureJunctionTableName)).toEqual(NAMES.map((name) => strategy.closureJunctionTableName(name)));
    });

    it(`decorated entities and their closure tables equal ${version}'s metadata`, async () => {
      for (const testCase of DECORATOR_CASES) {
        const theirs = await typeormTables(packageName, (orm) => [declareDecorated(orm, testCase)]);
        expect({ source: decoratorSource(testCase), tables: sorted(ourTables(decoratorSource(testCase))) }).toEqual({ source: decoratorSource(testCase), tables: sorted(theirs) });
      }
    });

    it(`entity schemas and their closure tables equal ${version}'s metadata`, async () => {
      for (const testCase of SCHEMA_CASES) {
        const theirs = await typeormTables(packageName, (orm) => [declareSchema(orm, testCase)]);
        expect({ source: schemaSource(testCase), tables: sorted(ourTables(schemaSource(testCase))) }).toEqual({ source: schemaSource(testCase), tables: sorted(theirs) });
      }
    });
  }
});
