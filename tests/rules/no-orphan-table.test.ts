import rule from '../../rules/no-orphan-table.js';
import { typeormMigrationSource } from '../support/typeormMigrationSource.js';
import { RuleTester, fixtureFile, fixturePath, fixtureSettings } from '../support/ruleTester.js';

const ruleTester = new RuleTester();
const PROJECT = 'typeorm-basic';
const settings = fixtureSettings(PROJECT);
const NEW_MIGRATION = fixturePath(PROJECT, 'src/migrations/1700000000400-AddFlags.ts');

function migration(...statements: string[]): string {
  return typeormMigrationSource('AddFlags1700000000400', statements);
}

ruleTester.run('no-orphan-table', rule, {
  valid: [
    { name: 'every table the migration creates is mapped or later dropped or renamed', ...fixtureFile(PROJECT, 'src/migrations/1700000000000-CreateUsers.ts'), settings },
    { name: 'a table created by a helper and mapped by default naming', ...fixtureFile(PROJECT, 'src/migrations/1700000000100-CreateOrders.ts'), settings },
    { name: 'a rename whose new name is mapped', ...fixtureFile(PROJECT, 'src/migrations/1700000000200-DropLegacyAndRenameInvoices.ts'), settings },
    {
      name: "the ORMs' bookkeeping tables are never orphans",
      filename: NEW_MIGRATION,
      code: migration('await queryRunner.query(`CREATE TABLE "typeorm_metadata" ("type" varchar); CREATE TABLE knex_migrations (id int)`);'),
      settings,
    },
    {
      name: 'allowTables admits tables kept on purpose',
      filename: NEW_MIGRATION,
      code: migration('await queryRunner.query(`CREATE TABLE "feature_flags" (id int)`);'),
      options: [{ allowTables: ['feature_flags'] }],
      settings,
    },
    {
      name: 'a table a later statement drops is not an orphan',
      filename: NEW_MIGRATION,
      code: migration('await queryRunner.query(`CREATE TABLE "scratch" (id int)`);', "await queryRunner.dropTable('scratch');"),
      settings,
    },
    {
      name: 'without a models location there is nothing to compare with',
      filename: NEW_MIGRATION,
      code: migration('await queryRunner.query(`CREATE TABLE "feature_flags" (id int)`);'),
      settings: fixtureSettings(PROJECT, { models: [] }),
    },
  ],
  invalid: [
    {
      name: 'a table no entity maps, reported at the statement that creates it',
      filename: NEW_MIGRATION,
      code: migration('await queryRunner.query(`CREATE TABLE "feature_flags" (id int)`);'),
      settings,
      errors: [
        {
          messageId: 'orphanTable',
          data: { table: 'feature_flags', migrations: '5 migration files replayed', models: 'src/models/**/*.ts', blindSpots: '' },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 70,
        },
      ],
    },
    {
      name: 'a builder-API table no entity maps',
      filename: NEW_MIGRATION,
      code: migration("await queryRunner.createTable(new Table({ name: 'audit_trail' }));"),
      settings,
      errors: [
        {
          messageId: 'orphanTable',
          data: { table: 'audit_trail', migrations: '5 migration files replayed', models: 'src/models/**/*.ts', blindSpots: '' },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 71,
        },
      ],
    },
  ],
});
