import rule from '../../rules/no-drop-mapped-table.js';
import { typeormMigrationSource } from '../support/typeormMigrationSource.js';
import { RuleTester, fixtureFile, fixturePath, fixtureSettings } from '../support/ruleTester.js';

const ruleTester = new RuleTester();
const PROJECT = 'typeorm-basic';
const settings = fixtureSettings(PROJECT);
const NEW_MIGRATION = fixturePath(PROJECT, 'src/migrations/1700000000400-Cleanup.ts');
const READ_WITH_NEW = 'read 5 migration files matching src/migrations/*.{ts,sql}';

/** A TypeORM migration whose up() runs the given statements. */
function migration(...statements: string[]): string {
  return typeormMigrationSource('Cleanup1700000000400', statements, ["await queryRunner.query('DROP TABLE \"orders\"');"]);
}

ruleTester.run('no-drop-mapped-table', rule, {
  valid: [
    { name: 'dropping a table no entity in the models location maps', ...fixtureFile(PROJECT, 'src/migrations/1700000000200-DropLegacyAndRenameInvoices.ts'), settings },
    { name: 'a drop in down() never counts', filename: NEW_MIGRATION, code: migration(), settings },
    {
      name: 'a drop followed by a re-create in the same migration',
      filename: NEW_MIGRATION,
      code: migration('await queryRunner.query(`DROP TABLE "users"`);', 'await queryRunner.query(`CREATE TABLE "users" ("id" SERIAL NOT NULL)`);'),
      settings,
    },
    {
      name: 'a rebuild-and-rename ends with the table present',
      filename: NEW_MIGRATION,
      code: migration('await queryRunner.query(`CREATE TABLE "__new_users" (id int); DROP TABLE "users"; ALTER TABLE "__new_users" RENAME TO "users";`);'),
      settings,
    },
    {
      name: 'ignoreTables skips a table being retired',
      filename: NEW_MIGRATION,
      code: migration("await queryRunner.dropTable('users');"),
      options: [{ ignoreTables: ['users'] }],
      settings,
    },
    { name: 'a file that is not a migration of the project', filename: fixturePath(PROJECT, 'src/models/Helper.ts'), code: "import { x } from 'y';\nexport const up = 1;\n", settings },
  ],
  invalid: [
    {
      name: 'dropping a mapped table in a new (unsaved) migration',
      filename: NEW_MIGRATION,
      code: migration('await queryRunner.query(`DROP TABLE "users"`);'),
      settings,
      errors: [
        {
          messageId: 'mappedTableDropped',
          data: { objectKind: 'table', table: 'users', entity: 'User', entitySite: 'src/models/User.ts:4', others: '', migrations: READ_WITH_NEW },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 51,
        },
      ],
    },
    {
      name: 'dropping a mapped table through the builder API',
      filename: NEW_MIGRATION,
      code: migration("await queryRunner.dropTable('orders');"),
      settings,
      errors: [
        {
          messageId: 'mappedTableDropped',
          data: { objectKind: 'table', table: 'orders', entity: 'Order', entitySite: 'src/models/Order.ts:4', others: '', migrations: READ_WITH_NEW },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 43,
        },
      ],
    },
    {
      name: 'renaming a mapped table away',
      filename: NEW_MIGRATION,
      code: migration("await queryRunner.renameTable('users', 'members');"),
      settings,
      errors: [
        {
          messageId: 'mappedTableRenamed',
          data: { objectKind: 'table', table: 'users', newName: 'members', entity: 'User', entitySite: 'src/models/User.ts:4', others: '', migrations: READ_WITH_NEW },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 55,
        },
      ],
    },
    {
      name: 'dropping a schema-qualified mapped table',
      filename: NEW_MIGRATION,
      code: migration('await queryRunner.query(`DROP TABLE billing.payments CASCADE`);'),
      settings,
      errors: [
        {
          messageId: 'mappedTableDropped',
          data: { objectKind: 'table', table: 'billing.payments', entity: 'Payment', entitySite: 'src/models/Payment.ts:4', others: '', migrations: READ_WITH_NEW },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 68,
        },
      ],
    },
    {
      name: 'dropping a view a view entity maps',
      filename: fixturePath('typeorm-views', 'src/migrations/1700000000200-DropActive.ts'),
      code: migration('await queryRunner.query(`DROP VIEW "active_users"`);'),
      settings: fixtureSettings('typeorm-views'),
      errors: [
        {
          messageId: 'mappedTableDropped',
          data: {
            objectKind: 'view',
            table: 'active_users',
            entity: 'ActiveUser',
            entitySite: 'src/models/ActiveUser.ts:4',
            others: '',
            migrations: 'read 3 migration files matching src/migrations/*.{ts,sql}',
          },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 57,
        },
      ],
    },
  ],
});
