import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  KNEX_RUNTIME_SCHEMA_REASON,
  KNEX_RUNTIME_SQL_REASON,
  KNEX_RUNTIME_TABLE_REASON,
  readKnexMigration,
} from '../../src/migrations/readKnexMigration.js';
import { readMigrationFile } from '../../src/migrations/readMigrationFile.js';
import type { MigrationFileFacts } from '../../src/schema/ddlEvent.js';
import { lineOf, migrationStatements, readMigrationCode, table } from '../support/parseFixture.js';
import { fixturePath } from '../support/ruleTester.js';

const read = (source: string): MigrationFileFacts => readMigrationCode(readKnexMigration, source);
const readMigration = (source: string) => migrationStatements(read(source));

describe('readKnexMigration: how up is exported', () => {
  const body = "knex.schema.createTable('users', (t) => { t.increments('id'); })";

  it.each([
    ['exports.up = function', `exports.up = function (knex) {\n  return ${body};\n};\n`],
    ['exports.up = async arrow', `exports.up = async (knex) => {\n  await ${body};\n};\n`],
    ['exports.up = expression-bodied arrow', `exports.up = (knex) =>\n  ${body};\n`],
    ['module.exports.up = function', `module.exports.up = function up(knex) {\n  return ${body};\n};\n`],
    ['export async function up(knex: Knex)', `import type { Knex } from 'knex';\nexport async function up(knex: Knex): Promise<void> {\n  await ${body};\n}\n`],
    ['export const up = async arrow', `import { Knex } from 'knex';\nexport const up = async (knex: Knex) => {\n  await ${body};\n};\n`],
    ['module.exports = { up, down } with a top-level function', `async function up(knex) {\n  await ${body};\n}\nasync function down() {}\nmodule.exports = { up, down };\n`],
    ['module.exports = { up } with a top-level const arrow', `const up = (knex) => {\n  return ${body};\n};\nmodule.exports = { up };\n`],
    ['module.exports = { async up(knex) {} }', `module.exports = {\n  async up(knex) {\n    await ${body};\n  },\n};\n`],
    ['export { up } of a local function', `function up(knex) {\n  return ${body};\n}\nexport { up };\n`],
    ['exports.up = a named top-level function', `function createUsers(knex) {\n  return ${body};\n}\nexports.up = createUsers;\n`],
    ['export default { async up(knex) {} } (ESM migrations)', `export default {\n  async up(knex) {\n    await ${body};\n  },\n  async down() {},\n};\n`],
    ['export default { up } of a local function', `async function up(knex) {\n  await ${body};\n}\nexport default { up };\n`],
    ['export = { up } (TypeScript CommonJS)', `import type { Knex } from 'knex';\nexport = {\n  async up(knex: Knex) {\n    await ${body};\n  },\n};\n`],
  ])('%s', (_name, source) => {
    expect(readMigration(source)).toEqual({
      events: [{ kind: 'create-table', table: table('users'), line: lineOf(source, 'createTable') }],
      skipped: [],
    });
  });

  it('tells an ESM knex migration (export default { up }) from a Sequelize one by what up does with its parameter', () => {
    const source = `export default {\n  async up(knex) {\n    await ${body};\n  },\n};\n`;
    expect(migrationStatements(readMigrationFile('migrations/20240101120000_users.mjs', source))).toEqual({
      events: [{ kind: 'create-table', table: table('users'), line: 3 }],
      skipped: [],
    });
  });

  it('reads only up, never down', () => {
    const source = [
      'exports.up = function (knex) {',
      "  return knex.schema.createTable('users', () => {});",
      '};',
      'exports.down = function (knex) {',
      "  return knex.schema.dropTable('users');",
      '};',
    ].join('\n');
    expect(readMigration(source)).toEqual({ events: [{ kind: 'create-table', table: table('users'), line: 2 }], skipped: [] });
  });
});

describe('readKnexMigration: schema builder calls', () => {
  it('reads create, create-if-not-exists, create-like, drops and renames with their lines', () => {
    const source = [
      'exports.up = async function (knex) {',
      "  await knex.schema.createTable('a', (t) => t.increments());",
      "  await knex.schema.createTableIfNotExists('b', (t) => t.increments());",
      "  await knex.schema.createTableLike('c', 'a');",
      "  await knex.schema.dropTable('a');",
      "  await knex.schema.dropTableIfExists('b');",
      "  await knex.schema.renameTable('c', 'd');",
      "  await knex.schema.alterTable('d', (t) => t.string('name'));",
      "  await knex.schema.hasTable('d');",
      '};',
    ].join('\n');
    expect(readMigration(source)).toEqual({
      events: [
        { kind: 'create-table', table: table('a'), line: 2 },
        { kind: 'create-table', table: table('b'), line: 3 },
        { kind: 'create-table', table: table('c'), line: 4 },
        { kind: 'drop-table', table: table('a'), line: 5 },
        { kind: 'drop-table', table: table('b'), line: 6 },
        { kind: 'rename-table', table: table('c'), to: table('d'), line: 7 },
      ],
      skipped: [],
    });
  });

  it('reads chained calls in execution order, each on the line of its method', () => {
    const source = [
      'exports.up = function (knex) {',
      '  return knex.schema',
      "    .createTable('persons', (table) => {",
      "      table.increments('id');",
      '    })',
      "    .createTable('animals', (table) => {",
      "      table.integer('owner_id').references('persons.id');",
      '    })',
      "    .dropTableIfExists('pets');",
      '};',
    ].join('\n');
    expect(readMigration(source)).toEqual({
      events: [
        { kind: 'create-table', table: table('persons'), line: 3 },
        { kind: 'create-table', table: table('animals'), line: 6 },
        { kind: 'drop-table', table: table('pets'), line: 9 },
      ],
      skipped: [],
    });
  });

  it('puts every table of a builder in its withSchema schema, which knex applies at compile time', () => {
    const source = [
      'exports.up = async (knex) => {',
      "  await knex.schema.withSchema('billing').createTable('invoices', () => {}).createTable('payments', () => {});",
      "  await knex.schema.createTable('refunds', () => {}).withSchema('billing');",
      "  await knex.schema.withSchema('billing').renameTable('payments', 'charges');",
      "  await knex.schema.withSchema('public').createTable('users', () => {});",
      '};',
    ].join('\n');
    expect(readMigration(source).events).toEqual([
      { kind: 'create-table', table: table('invoices', 'billing'), line: 2 },
      { kind: 'create-table', table: table('payments', 'billing'), line: 2 },
      { kind: 'create-table', table: table('refunds', 'billing'), line: 3 },
      { kind: 'rename-table', table: table('payments', 'billing'), to: table('charges', 'billing'), line: 4 },
      { kind: 'create-table', table: table('users'), line: 5 },
    ]);
  });

  it('splits a dotted table name into schema and table, as knex quotes it', () => {
    const source = "exports.up = (knex) => knex.schema.createTable('billing.invoices', () => {}).renameTable('billing.invoices', 'bills');\n";
    expect(readMigration(source).events).toEqual([
      { kind: 'create-table', table: table('invoices', 'billing'), line: 1 },
      { kind: 'rename-table', table: table('invoices', 'billing'), to: table('bills', 'billing'), line: 1 },
    ]);
  });

  it('resolves names from module and local constants', () => {
    const source = [
      "const TABLES = { users: 'users' };",
      "const SCHEMA = 'auth';",
      'exports.up = async (knex) => {',
      "  const sessions = 'sessions';",
      '  await knex.schema.withSchema(SCHEMA).createTable(TABLES.users, () => {});',
      '  await knex.schema.createTable(sessions, () => {});',
      '};',
    ].join('\n');
    expect(readMigration(source).events).toEqual([
      { kind: 'create-table', table: table('users', 'auth'), line: 5 },
      { kind: 'create-table', table: table('sessions'), line: 6 },
    ]);
  });

  it('skips names and schemas built at runtime, with the reason', () => {
    const source = [
      'exports.up = async (knex) => {',
      '  await knex.schema.createTable(process.env.TABLE, () => {});',
      "  await knex.schema.withSchema(process.env.SCHEMA).createTable('users', () => {});",
      "  await knex.schema.renameTable('users', `users_${Date.now()}`);",
      '};',
    ].join('\n');
    expect(readMigration(source)).toEqual({
      events: [],
      skipped: [
        { line: 2, reason: KNEX_RUNTIME_TABLE_REASON },
        { line: 3, reason: KNEX_RUNTIME_SCHEMA_REASON },
        { line: 4, reason: KNEX_RUNTIME_TABLE_REASON },
      ],
    });
  });

  it('follows builder aliases, including one bound to a schema', () => {
    const source = [
      'exports.up = async (knex) => {',
      '  const schema = knex.schema;',
      "  const app = knex.schema.withSchema('app');",
      "  await schema.createTable('a', () => {});",
      "  await app.createTable('b', () => {});",
      '};',
    ].join('\n');
    expect(readMigration(source).events).toEqual([
      { kind: 'create-table', table: table('a'), line: 4 },
      { kind: 'create-table', table: table('b', 'app'), line: 5 },
    ]);
  });

  it('reads calls inside then callbacks after the builder they follow', () => {
    const source = [
      'exports.up = function (knex) {',
      "  return knex.schema.createTable('a', () => {}).then(() => knex.schema.dropTable('old_a'));",
      '};',
    ].join('\n');
    expect(readMigration(source).events).toEqual([
      { kind: 'create-table', table: table('a'), line: 2 },
      { kind: 'drop-table', table: table('old_a'), line: 2 },
    ]);
  });

  it('reads every builder of a Promise.all, in source order', () => {
    const source = [
      'exports.up = async (knex) => {',
      '  await Promise.all([',
      "    knex.schema.createTable('a', () => {}),",
      "    knex.schema.createTable('b', () => {}),",
      '  ]);',
      '};',
    ].join('\n');
    expect(readMigration(source).events).toEqual([
      { kind: 'create-table', table: table('a'), line: 3 },
      { kind: 'create-table', table: table('b'), line: 4 },
    ]);
  });
});

describe('readKnexMigration: raw SQL', () => {
  it('scans knex.raw and knex.schema.raw SQL, with lines inside multi-line templates', () => {
    const source = [
      'exports.up = async (knex) => {',
      '  await knex.raw(`',
      '    CREATE TABLE audit_log (id serial primary key);',
      '    ALTER TABLE "audit_log" RENAME TO "audit_entries";',
      '  `);',
      "  await knex.schema.raw('DROP TABLE legacy').createTable('b', () => {});",
      '};',
    ].join('\n');
    expect(readMigration(source)).toEqual({
      events: [
        { kind: 'create-table', table: table('audit_log', undefined, false), line: 3 },
        { kind: 'rename-table', table: table('audit_log'), to: table('audit_entries'), line: 4 },
        { kind: 'drop-table', table: table('legacy', undefined, false), line: 6 },
        { kind: 'create-table', table: table('b'), line: 6 },
      ],
      skipped: [],
    });
  });

  it('fills ?? identifier bindings, skipping ? value bindings', () => {
    const source = [
      'exports.up = async (knex) => {',
      "  await knex.raw('INSERT INTO ?? VALUES (?); ALTER TABLE ?? RENAME TO ??', ['log', 1, 'billing.items', 'lines']);",
      "  await knex.raw('DROP TABLE ??', [process.env.T]);",
      '};',
    ].join('\n');
    expect(readMigration(source)).toEqual({
      // An unqualified new name stays in the renamed table's schema.
      events: [{ kind: 'rename-table', table: table('items', 'billing'), to: table('lines', 'billing'), line: 2 }],
      skipped: [{ line: 3, reason: 'table name is built at runtime' }],
    });
  });

  it('skips SQL built at runtime', () => {
    const source = ['exports.up = async (knex) => {', '  await knex.raw(buildSql());', '};', 'function buildSql() { return "x"; }'].join('\n');
    expect(readMigration(source)).toEqual({ events: [], skipped: [{ line: 2, reason: KNEX_RUNTIME_SQL_REASON }] });
  });
});

describe('readKnexMigration: transactions and helpers', () => {
  it('reads a transaction callback and a transaction object', () => {
    const source = [
      'exports.up = async (knex) => {',
      '  await knex.transaction(async (trx) => {',
      "    await trx.schema.createTable('a', () => {});",
      "    await trx.raw('DROP TABLE b');",
      '  });',
      '  const tx = await knex.transaction();',
      "  await tx.schema.createTable('c', () => {});",
      '  await tx.commit();',
      '};',
    ].join('\n');
    expect(readMigration(source).events).toEqual([
      { kind: 'create-table', table: table('a'), line: 3 },
      { kind: 'drop-table', table: table('b', undefined, false), line: 4 },
      { kind: 'create-table', table: table('c'), line: 7 },
    ]);
  });

  it('follows top-level helpers called with knex, its schema builder and static arguments', () => {
    const source = [
      "const AUDITED = ['orders', 'invoices'];",
      'function createAuditTable(knex, name, schema = "audit") {',
      '  return knex.schema.withSchema(schema).createTable(`${name}_audit`, (t) => t.increments());',
      '}',
      'const dropLegacy = (builder) => builder.dropTableIfExists("legacy");',
      'exports.up = async function (knex) {',
      "  await createAuditTable(knex, 'orders');",
      '  await dropLegacy(knex.schema);',
      '  await createAuditTable(knex, AUDITED[1]);',
      '};',
    ].join('\n');
    expect(readMigration(source)).toEqual({
      events: [
        { kind: 'create-table', table: table('orders_audit', 'audit'), line: 3 },
        { kind: 'drop-table', table: table('legacy'), line: 5 },
      ],
      // Array elements are not constants the resolver follows: that call is skipped, not guessed.
      skipped: [{ line: 3, reason: KNEX_RUNTIME_TABLE_REASON }],
    });
  });

  it('does not loop on recursive helpers', () => {
    const source = [
      "function again(knex) { again(knex); return knex.schema.createTable('a', () => {}); }",
      'exports.up = (knex) => again(knex);',
    ].join('\n');
    expect(readMigration(source).events).toEqual([{ kind: 'create-table', table: table('a'), line: 1 }]);
  });

  it('answers migration with no events for a data-only knex migration', () => {
    expect(read("exports.up = (knex) => knex('users').update({ active: true });\n")).toEqual({ kind: 'migration', events: [], skipped: [] });
  });
});

describe('readKnexMigration: not a Knex migration', () => {
  it.each([
    [
      'a Sequelize migration',
      "'use strict';\nmodule.exports = {\n  async up(queryInterface, Sequelize) {\n    await queryInterface.createTable('Users', { id: { type: Sequelize.INTEGER } });\n    await queryInterface.sequelize.query('DROP TABLE x');\n  },\n  async down(queryInterface) {\n    await queryInterface.dropTable('Users');\n  },\n};\n",
    ],
    ['a module without up', "export const config = { transaction: false };\nexport function helper(knex) { return knex.schema.createTable('a'); }\n"],
    ['an up without a parameter', "import db from './db';\nexports.up = async () => { await db.schema.createTable('a', () => {}); };\n"],
    ['a TypeORM migration class', "export class Init { async up(queryRunner) { await queryRunner.query('CREATE TABLE a (id int)'); } }\n"],
    ['an up that is not a function', 'exports.up = 42;\n'],
  ])('%s', (_name, source) => {
    expect(read(source)).toEqual({ kind: 'not-a-migration' });
  });
});

describe('readMigrationFile dispatch to the Knex reader', () => {
  it('reads the objection-basic fixture migrations', () => {
    const files = ['20240101120000_create_people.js', '20240115090000_create_movies.ts', '20240301100000_drop_pets_rename_reviews.js'];
    const facts = files.map((file) => {
      const filePath = fixturePath('objection-basic', `migrations/${file}`);
      return readMigrationFile(filePath, readFileSync(filePath, 'utf8'));
    });
    expect(facts).toEqual([
      {
        kind: 'migration',
        events: [
          { kind: 'create-table', table: table('persons'), line: 7 },
          { kind: 'create-table', table: table('animals'), line: 14 },
          { kind: 'create-table', table: table('pets'), line: 19 },
        ],
        skipped: [],
      },
      {
        kind: 'migration',
        events: [
          { kind: 'create-table', table: table('movies'), line: 4 },
          { kind: 'create-table', table: table('reviews'), line: 8 },
          { kind: 'create-table', table: table('invoices', 'billing'), line: 14 },
        ],
        skipped: [],
      },
      {
        kind: 'migration',
        events: [
          { kind: 'drop-table', table: table('pets'), line: 7 },
          { kind: 'rename-table', table: table('reviews'), to: table('movie_reviews'), line: 9 },
        ],
        skipped: [],
      },
    ]);
  });
});
