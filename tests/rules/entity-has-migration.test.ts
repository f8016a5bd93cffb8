import rule from '../../rules/entity-has-migration.js';
import { RuleTester, fixtureFile, fixturePath, fixtureSettings } from '../support/ruleTester.js';

const ruleTester = new RuleTester();
const PROJECT = 'typeorm-basic';
const settings = fixtureSettings(PROJECT);
const READ = 'read 4 migration files matching src/migrations/*.{ts,sql}';
const CREATE_USERS = 'src/migrations/1700000000000-CreateUsers.ts';
const DROP_AND_RENAME = 'src/migrations/1700000000200-DropLegacyAndRenameInvoices.ts';

function entity(decorator: string, className: string, importLine = "import { Entity } from 'typeorm';"): string {
  return `${importLine}\n\n${decorator}\nexport class ${className} {}\n`;
}

const modelPath = (name: string): string => fixturePath(PROJECT, `src/models/${name}.ts`);

ruleTester.run('entity-has-migration', rule, {
  valid: [
    { name: 'table created by a raw SQL migration', ...fixtureFile(PROJECT, 'src/models/User.ts'), settings },
    { name: 'table created by createTable(new Table) and rebuilt by a later .sql migration', ...fixtureFile(PROJECT, 'src/models/Order.ts'), settings },
    { name: 'default naming, table created by a helper method called from up()', ...fixtureFile(PROJECT, 'src/models/OrderAuditLog.ts'), settings },
    { name: 'schema-qualified table', ...fixtureFile(PROJECT, 'src/models/Payment.ts'), settings },
    { name: 'table that exists under its new name after a rename', ...fixtureFile(PROJECT, 'src/models/Bill.ts'), settings },
    {
      name: "the 'public' schema is the default schema",
      filename: modelPath('User'),
      code: entity("@Entity({ name: 'users', schema: 'public' })", 'User'),
      settings,
    },
    {
      name: 'an unquoted table in SQL matches case-insensitively',
      filename: modelPath('OrderAuditLog'),
      code: entity("@Entity('ORDER_AUDIT_LOG')", 'OrderAuditLog'),
      settings,
    },
    {
      name: 'table name from a same-file constant object member',
      filename: modelPath('User'),
      code: "import { Entity } from 'typeorm';\nconst TABLES = { users: 'users' } as const;\n@Entity(TABLES.users)\nexport class User {}\n",
      settings,
    },
    {
      name: 'table name from a same-file constant in shorthand options',
      filename: modelPath('User'),
      code: "import { Entity } from 'typeorm';\nconst name = 'users';\n@Entity({ name })\nexport class User {}\n",
      settings,
    },
    {
      name: 'a child entity has no table of its own',
      filename: modelPath('SpecialOrder'),
      code: entity('@ChildEntity()', 'SpecialOrder', "import { ChildEntity } from 'typeorm';"),
      settings,
    },
    {
      name: 'an abstract base class is not checked',
      filename: modelPath('Base'),
      code: entity('@Entity()', 'Base').replace('export class', 'export abstract class'),
      settings,
    },
    {
      name: 'a decorator named Entity from another package is not checked',
      filename: modelPath('Widget'),
      code: entity("@Entity('widgets')", 'Widget', "import { Entity } from '@my/registry';"),
      settings,
    },
    {
      name: 'ignoreTables skips tables created outside migrations',
      filename: modelPath('Session'),
      code: entity("@Entity('sessions')", 'Session'),
      options: [{ ignoreTables: ['sessions'], reportUnresolved: false }],
      settings,
    },
    {
      name: 'a table name that cannot be read statically is skipped by default',
      filename: modelPath('Dynamic'),
      code: entity('@Entity(process.env.TABLE_NAME)', 'Dynamic'),
      settings,
    },
    {
      name: 'without a migrations setting there is nothing to check',
      filename: modelPath('Subscription'),
      code: entity("@Entity('subscriptions')", 'Subscription'),
      settings: fixtureSettings(PROJECT, { migrations: [] }),
    },
    {
      name: 'files matched by the ignore setting are never considered',
      filename: modelPath('Subscription'),
      code: entity("@Entity('subscriptions')", 'Subscription'),
      settings: fixtureSettings(PROJECT, { ignore: ['src/models/Subscription.ts'] }),
    },
  ],
  invalid: [
    {
      name: 'table that no migration creates',
      filename: modelPath('Subscription'),
      code: entity("@Entity('subscriptions')", 'Subscription'),
      settings,
      errors: [
        {
          messageId: 'tableNeverCreated',
          data: { entity: 'Subscription', relation: 'maps to table', table: 'subscriptions', migrations: READ, nearMiss: '', blindSpots: '' },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 24,
        },
      ],
    },
    {
      name: 'default snake_case name that no migration creates is reported at the class name',
      filename: modelPath('CreditTransaction'),
      code: entity('@Entity()', 'CreditTransaction'),
      settings,
      errors: [
        {
          messageId: 'tableNeverCreated',
          data: { entity: 'CreditTransaction', relation: 'maps to table', table: 'credit_transaction', migrations: READ, nearMiss: '', blindSpots: '' },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 31,
        },
      ],
    },
    {
      name: 'table dropped by a later migration',
      ...fixtureFile(PROJECT, 'src/legacy/LegacyItem.ts'),
      settings,
      errors: [
        {
          messageId: 'tableDropped',
          data: { entity: 'LegacyItem', relation: 'maps to table', table: 'legacy_items', site: `${DROP_AND_RENAME}:5`, migrations: READ, blindSpots: '' },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 23,
        },
      ],
    },
    {
      name: 'table renamed away by a later migration',
      filename: modelPath('Invoice'),
      code: entity("@Entity({ name: 'invoices' })", 'Invoice'),
      settings,
      errors: [
        {
          messageId: 'tableRenamed',
          data: { entity: 'Invoice', relation: 'maps to table', table: 'invoices', site: `${DROP_AND_RENAME}:6`, newName: 'bills', migrations: READ, blindSpots: '' },
          line: 3,
          column: 17,
          endLine: 3,
          endColumn: 27,
        },
      ],
    },
    {
      name: 'a near-miss table name is pointed out',
      filename: modelPath('User'),
      code: entity("@Entity('user')", 'User'),
      settings,
      errors: [
        {
          messageId: 'tableNeverCreated',
          data: {
            entity: 'User',
            relation: 'maps to table',
            table: 'user',
            migrations: READ,
            nearMiss: ` A similar table 'users' exists (created at ${CREATE_USERS}:7): is the entity's table name wrong?`,
            blindSpots: '',
          },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 15,
        },
      ],
    },
    {
      name: 'a table that exists only in another schema',
      filename: modelPath('Payment'),
      code: entity("@Entity({ name: 'payments' })", 'Payment'),
      settings,
      errors: [
        {
          messageId: 'tableNeverCreated',
          data: {
            entity: 'Payment',
            relation: 'maps to table',
            table: 'payments',
            migrations: READ,
            nearMiss: ` A table 'billing.payments' exists in schema 'billing' (created at ${CREATE_USERS}:10): does the entity name the right schema?`,
            blindSpots: '',
          },
          line: 3,
          column: 17,
          endLine: 3,
          endColumn: 27,
        },
      ],
    },
    {
      name: 'a quoted table in SQL does not match a different case',
      filename: modelPath('Users'),
      code: entity("@Entity('Users')", 'Users'),
      settings,
      errors: [
        {
          messageId: 'tableNeverCreated',
          data: {
            entity: 'Users',
            relation: 'maps to table',
            table: 'Users',
            migrations: READ,
            nearMiss: ` A similar table 'users' exists (created at ${CREATE_USERS}:7): is the entity's table name wrong?`,
            blindSpots: '',
          },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 16,
        },
      ],
    },
    {
      name: 'reportUnresolved reports names that cannot be read statically',
      filename: modelPath('Dynamic'),
      code: entity('@Entity(process.env.TABLE_NAME)', 'Dynamic'),
      options: [{ ignoreTables: [], reportUnresolved: true }],
      settings,
      errors: [
        {
          messageId: 'unresolvedTableName',
          data: { entity: 'Dynamic', reason: 'its table name is computed at runtime' },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 21,
        },
      ],
    },
    {
      name: 'unreadable migrations and runtime-built names are named in the message',
      ...fixtureFile('typeorm-unreadable', 'src/models/Team.ts'),
      settings: fixtureSettings('typeorm-unreadable'),
      errors: [
        {
          messageId: 'tableNeverCreated',
          data: {
            entity: 'Team',
            relation: 'maps to table',
            table: 'teams',
            migrations: 'read 2 migration files matching src/migrations/*.{ts,sql}',
            nearMiss: '',
            blindSpots:
              " src/migrations/1700000000100-Broken.ts could not be parsed (line 5:74: ')' expected.); tables created there are not counted. 1 migration statement was not read because table name is built at runtime (first at src/migrations/1700000000200-Prefixed.ts:6).",
          },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 16,
        },
      ],
    },
    {
      name: 'invalid settings are reported on the entity',
      filename: modelPath('Subscription'),
      code: entity("@Entity('subscriptions')", 'Subscription'),
      settings: fixtureSettings(PROJECT, { orm: 'hibernate' }),
      errors: [
        {
          messageId: 'invalidSettings',
          data: {
            message:
              "settings['orm-guard'].orm must be 'auto', or one or a list of 'typeorm', 'mikro-orm', 'sequelize', 'sequelize-typescript', 'drizzle', 'objection', 'knex', 'prisma' (got the string \"hibernate\").",
          },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 26,
        },
      ],
    },
  ],
});
