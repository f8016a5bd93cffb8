import { describe, expect, it } from 'vitest';
import { readMigrationFile } from '../../src/migrations/readMigrationFile.js';
import { DROP_ALL_TABLES_REASON, readSequelizeMigration } from '../../src/migrations/readSequelizeMigration.js';
import { RUNTIME_SQL_REASON, RUNTIME_TABLE_REASON } from '../../src/migrations/readTypeormMigration.js';
import type { MigrationFileFacts } from '../../src/schema/ddlEvent.js';
import { lineOf, migrationStatements, readMigrationCode, table } from '../support/parseFixture.js';

const read = (source: string): MigrationFileFacts => readMigrationCode(readSequelizeMigration, source);
const readMigration = (source: string) => migrationStatements(read(source));

describe('readSequelizeMigration: sequelize-cli migrations', () => {
  it('reads createTable, dropTable and renameTable in up() only, in source order', () => {
    const source = `'use strict';
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('Users', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      email: { type: Sequelize.STRING },
    });
    await queryInterface.createTable({ tableName: 'invoices', schema: 'billing' }, {});
    await queryInterface.renameTable({ tableName: 'invoices', schema: 'billing' }, 'bills');
    await queryInterface.dropTable('LegacyItems');
  },
  async down(queryInterface) {
    await queryInterface.dropTable('Users');
  },
};
`;
    expect(readMigration(source)).toEqual({
      events: [
        { kind: 'create-table', table: table('Users'), line: lineOf(source, "createTable('Users'") },
        { kind: 'create-table', table: table('invoices', 'billing'), line: lineOf(source, "createTable({ tableName: 'invoices'") },
        { kind: 'rename-table', table: table('invoices', 'billing'), to: table('bills', 'billing'), line: lineOf(source, 'renameTable(') },
        { kind: 'drop-table', table: table('LegacyItems'), line: lineOf(source, "dropTable('LegacyItems')") },
      ],
      skipped: [],
    });
  });

  it('reads arrow-function up properties, promise chains and the createTable schema option', () => {
    const source = `module.exports = {
  up: (queryInterface, Sequelize) => queryInterface
    .createTable('Orders', { id: Sequelize.INTEGER }, { schema: 'shop' })
    .then(() => queryInterface.createTable('Order.Lines', {})),
  down: (queryInterface) => queryInterface.dropTable('Orders'),
};
`;
    expect(readMigration(source)).toEqual({
      events: [
        { kind: 'create-table', table: table('Orders', 'shop'), line: 2 },
        // Sequelize quotes a string table name as one identifier: the dot is part of the name.
        { kind: 'create-table', table: table('Order.Lines'), line: 4 },
      ],
      skipped: [],
    });
  });

  it('reads raw SQL through queryInterface.sequelize.query with the right lines, inside transactions', () => {
    const source = `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.sequelize.query(\`
        CREATE TABLE accounts (id serial PRIMARY KEY);
        DROP TABLE old_accounts;
      \`, { transaction });
      const { sequelize } = queryInterface;
      await sequelize.query({ query: 'ALTER TABLE ledger RENAME TO ledgers', values: [] });
      await sequelize.query(buildSql());
    });
  },
};
`;
    expect(readMigration(source)).toEqual({
      events: [
        { kind: 'create-table', table: table('accounts', undefined, false), line: lineOf(source, 'CREATE TABLE accounts') },
        { kind: 'drop-table', table: table('old_accounts', undefined, false), line: lineOf(source, 'DROP TABLE old_accounts') },
        { kind: 'rename-table', table: table('ledger', undefined, false), to: table('ledgers', undefined, false), line: lineOf(source, 'ALTER TABLE ledger') },
      ],
      skipped: [{ line: lineOf(source, 'buildSql()'), reason: RUNTIME_SQL_REASON }],
    });
  });

  it('follows top-level helpers and this.* members called with the query interface, aliases included', () => {
    const source = `const TABLE = 'audit_logs';
async function createAudit(qi, name = TABLE) {
  await qi.createTable(name, {});
}
const dropOld = (db, table) => db.query('DROP TABLE ' + table);
module.exports = {
  async up(queryInterface) {
    const qi = queryInterface;
    await createAudit(qi);
    await this.createTags(qi, 'tags');
    await dropOld(qi.sequelize, 'legacy_tags');
    await qi.createTable(tableFor(qi), {});
  },
  async createTags(queryInterface, name) {
    await queryInterface.createTable(name, {});
  },
};
`;
    expect(readMigration(source)).toEqual({
      events: [
        { kind: 'create-table', table: table('audit_logs'), line: lineOf(source, 'qi.createTable(name') },
        { kind: 'create-table', table: table('tags'), line: lineOf(source, 'queryInterface.createTable(name') },
        { kind: 'drop-table', table: table('legacy_tags', undefined, false), line: lineOf(source, "db.query('DROP TABLE '") },
      ],
      skipped: [{ line: lineOf(source, 'tableFor(qi)'), reason: RUNTIME_TABLE_REASON }],
    });
  });

  it('records dropAllTables and runtime table names as skipped statements', () => {
    const source = `module.exports = {
  async up(queryInterface) {
    await queryInterface.dropAllTables();
    await queryInterface.dropTable(process.env.TABLE);
  },
};
`;
    expect(readMigration(source)).toEqual({
      events: [],
      skipped: [
        { line: 3, reason: DROP_ALL_TABLES_REASON },
        { line: 4, reason: RUNTIME_TABLE_REASON },
      ],
    });
  });
});

describe('readSequelizeMigration: umzug and ESM migrations', () => {
  it('reads export const up = async ({ context: queryInterface }) => ...', () => {
    const source = `import type { MigrationFn } from 'umzug';
import { DataTypes, type QueryInterface } from 'sequelize';

export const up: MigrationFn<QueryInterface> = async ({ context: queryInterface }) => {
  await queryInterface.createTable('users', { id: { type: DataTypes.INTEGER, primaryKey: true } });
};

export const down: MigrationFn<QueryInterface> = async ({ context: queryInterface }) => {
  await queryInterface.dropTable('users');
};
`;
    expect(readMigration(source)).toEqual({ events: [{ kind: 'create-table', table: table('users'), line: 5 }], skipped: [] });
  });

  it("reads umzug's context as a Sequelize instance: getQueryInterface() and query()", () => {
    const source = `export async function up({ context: sequelize }) {
  await sequelize.getQueryInterface().createTable('sessions', {});
  const queryInterface = sequelize.getQueryInterface();
  await queryInterface.renameTable('sessions', 'user_sessions');
  await sequelize.query('CREATE TABLE tokens (id int)');
}
`;
    expect(readMigration(source)).toEqual({
      events: [
        { kind: 'create-table', table: table('sessions'), line: 2 },
        { kind: 'rename-table', table: table('sessions'), to: table('user_sessions'), line: 4 },
        { kind: 'create-table', table: table('tokens', undefined, false), line: 5 },
      ],
      skipped: [],
    });
  });

  it('reads export default { up, down } and export { run as up } forms', () => {
    const withDefault = `async function up(queryInterface) {
  await queryInterface.createTable('carts', {});
}
async function down(queryInterface) {
  await queryInterface.dropTable('carts');
}
export default { up, down };
`;
    const withSpecifier = `const run = async (qi) => {
  await qi.createTable('wishlists', {});
};
export { run as up };
`;
    expect([readMigration(withDefault), readMigration(withSpecifier)]).toEqual([
      { events: [{ kind: 'create-table', table: table('carts'), line: 2 }], skipped: [] },
      { events: [{ kind: 'create-table', table: table('wishlists'), line: 2 }], skipped: [] },
    ]);
  });

  it('reads { context: { sequelize } } destructuring', () => {
    const source = `exports.up = async ({ context: { sequelize } }) => {
  await sequelize.query('DROP TABLE carts');
};
`;
    expect(readMigration(source)).toEqual({ events: [{ kind: 'drop-table', table: table('carts', undefined, false), line: 2 }], skipped: [] });
  });
});

describe('readSequelizeMigration: files that are not Sequelize migrations', () => {
  it('answers not-a-migration for a Knex migration', () => {
    const source = `exports.up = function (knex) {
  return knex.schema.createTable('users', (t) => { t.increments(); });
};
exports.down = async (knex) => { await knex.raw('DROP TABLE users'); };
`;
    expect(read(source)).toEqual({ kind: 'not-a-migration' });
  });

  it('answers not-a-migration without an up export or when up never uses its handle', () => {
    expect(read('module.exports = { helper() {} };\n')).toEqual({ kind: 'not-a-migration' });
    expect(read('module.exports = { async up(queryInterface) { /* nothing yet */ } };\n')).toEqual({ kind: 'not-a-migration' });
    expect(read('export const up = async () => { await fetch("x"); };\n')).toEqual({ kind: 'not-a-migration' });
  });

  it('is tried by readMigrationFile after the TypeORM reader', () => {
    const source = "module.exports = { up: async (qi) => { await qi.createTable('Carts', {}); } };\n";
    expect(readMigrationFile('migrations/20240101000000-create-carts.js', source)).toEqual({
      kind: 'migration',
      events: [{ kind: 'create-table', table: table('Carts'), line: 1 }],
      skipped: [],
    });
  });
});
