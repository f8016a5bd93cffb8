import entityHasMigration from '../../rules/entity-has-migration.js';
import entityLocation from '../../rules/entity-location.js';
import { RuleTester, fixtureFile, fixturePath, fixtureSettings } from '../support/ruleTester.js';

const ruleTester = new RuleTester();

const BASIC = 'sequelize-basic';
const basicSettings = fixtureSettings(BASIC, { models: ['src/models/**/*.{js,ts}'], migrations: ['migrations/*.js'] });
const BASIC_READ = 'read 3 migration files matching migrations/*.js';
const CATALOG = 'migrations/20240102000000-create-catalog.js';
const DROP_AND_RENAME = 'migrations/20240103000000-drop-legacy-rename-invoices.js';

const TYPESCRIPT = 'sequelize-typescript-basic';
const typescriptSettings = fixtureSettings(TYPESCRIPT, { models: ['src/models/**/*.ts'], migrations: ['src/migrations/*.ts'] });
const TYPESCRIPT_READ = 'read 2 migration files matching src/migrations/*.ts';

const basicModel = (name: string): string => fixturePath(BASIC, `src/models/${name}`);

ruleTester.run('entity-has-migration (Sequelize)', entityHasMigration, {
  valid: [
    { name: 'Model.init in a sequelize-cli factory, default pluralised name', ...fixtureFile(BASIC, 'src/models/user.js'), settings: basicSettings },
    { name: 'TypeScript Model.init with tableName', ...fixtureFile(BASIC, 'src/models/Order.ts'), settings: basicSettings },
    { name: 'sequelize.define created by a helper inside a transaction', ...fixtureFile(BASIC, 'src/models/category.js'), settings: basicSettings },
    { name: 'underscored define created by raw SQL', ...fixtureFile(BASIC, 'src/models/auditLog.js'), settings: basicSettings },
    { name: 'freezeTableName in a static initModel method', ...fixtureFile(BASIC, 'src/models/setting.js'), settings: basicSettings },
    { name: 'a table that exists under its new name after renameTable', ...fixtureFile(BASIC, 'src/models/bill.js'), settings: basicSettings },
    { name: 'the sequelize-cli model loader declares no model', ...fixtureFile(BASIC, 'src/models/index.js'), settings: basicSettings },
    { name: 'sequelize-typescript @Table with the default name', ...fixtureFile(TYPESCRIPT, 'src/models/Author.ts'), settings: typescriptSettings },
    { name: 'sequelize-typescript @Table with tableName', ...fixtureFile(TYPESCRIPT, 'src/models/Post.ts'), settings: typescriptSettings },
    { name: 'sequelize-typescript underscored table created by raw SQL', ...fixtureFile(TYPESCRIPT, 'src/models/PostTag.ts'), settings: typescriptSettings },
    {
      name: 'a model name that cannot be read statically is skipped',
      filename: basicModel('dynamic.js'),
      code: "const { Model } = require('sequelize');\nclass Dynamic extends Model {}\nDynamic.init({}, { sequelize, tableName: process.env.TABLE });\n",
      settings: basicSettings,
    },
  ],
  invalid: [
    {
      name: 'a model whose table no migration creates',
      ...fixtureFile(BASIC, 'src/models/subscription.js'),
      settings: basicSettings,
      errors: [
        {
          messageId: 'tableNeverCreated',
          data: { entity: 'Subscription', relation: 'maps to table', table: 'Subscriptions', migrations: BASIC_READ, nearMiss: '', blindSpots: '' },
          line: 7,
          column: 73,
          endLine: 7,
          endColumn: 87,
        },
      ],
    },
    {
      name: 'a define model whose table a later migration drops',
      ...fixtureFile(BASIC, 'src/models/legacyItem.js'),
      settings: basicSettings,
      errors: [
        {
          messageId: 'tableDropped',
          data: { entity: 'LegacyItem', relation: 'maps to table', table: 'LegacyItems', site: `${DROP_AND_RENAME}:6`, migrations: BASIC_READ, blindSpots: '' },
          line: 5,
          column: 50,
          endLine: 5,
          endColumn: 62,
        },
      ],
    },
    {
      name: 'a model whose table a later migration renames away',
      ...fixtureFile(BASIC, 'src/models/invoice.js'),
      settings: basicSettings,
      errors: [
        {
          messageId: 'tableRenamed',
          data: { entity: 'Invoice', relation: 'maps to table', table: 'invoices', site: `${DROP_AND_RENAME}:7`, newName: 'bills', migrations: BASIC_READ, blindSpots: '' },
          line: 7,
          column: 70,
          endLine: 7,
          endColumn: 80,
        },
      ],
    },
    {
      name: 'underscored: false leaves a different table than the migration created',
      filename: basicModel('auditLog.js'),
      code: "const { DataTypes } = require('sequelize');\nmodule.exports = (sequelize) => sequelize.define('AuditLog', { action: DataTypes.STRING });\n",
      settings: basicSettings,
      errors: [
        {
          messageId: 'tableNeverCreated',
          data: { entity: 'AuditLog', relation: 'maps to table', table: 'AuditLogs', migrations: BASIC_READ, nearMiss: ` A similar table 'audit_logs' exists (created at ${CATALOG}:29): is the entity's table name wrong?`, blindSpots: '' },
          line: 2,
          column: 50,
          endLine: 2,
          endColumn: 60,
        },
      ],
    },
    {
      name: 'a sequelize-typescript model whose modelName table no migration creates',
      ...fixtureFile(TYPESCRIPT, 'src/models/Comment.ts'),
      settings: typescriptSettings,
      errors: [
        {
          messageId: 'tableNeverCreated',
          data: { entity: 'Comment', relation: 'maps to table', table: 'PostComments', migrations: TYPESCRIPT_READ, nearMiss: '', blindSpots: '' },
          line: 4,
          column: 21,
          endLine: 4,
          endColumn: 34,
        },
      ],
    },
  ],
});

ruleTester.run('entity-location (Sequelize)', entityLocation, {
  valid: [
    { name: 'a model inside the models location', ...fixtureFile(BASIC, 'src/models/user.js'), settings: basicSettings },
    { name: 'the Sequelize setup module declares no model', ...fixtureFile(BASIC, 'src/db.js'), settings: basicSettings },
    {
      name: 'a generic define helper outside the models location is not a model',
      filename: fixturePath(BASIC, 'src/lib/define.js'),
      code: "const Sequelize = require('sequelize');\nmodule.exports = (sequelize, name, attributes) => sequelize.define(name, attributes, { freezeTableName: true });\n",
      settings: basicSettings,
    },
    { name: 'a sequelize-typescript model inside the models location', ...fixtureFile(TYPESCRIPT, 'src/models/Post.ts'), settings: typescriptSettings },
  ],
  invalid: [
    {
      name: 'a Model.init model outside the models location',
      ...fixtureFile(BASIC, 'src/legacy/coupon.js'),
      settings: basicSettings,
      errors: [
        {
          messageId: 'entityOutsideModels',
          data: { entity: 'Coupon', file: 'src/legacy/coupon.js', models: 'src/models/**/*.{js,ts}', destination: 'src/models/**/*.{js,ts}' },
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 15,
        },
      ],
    },
    {
      name: 'a sequelize-typescript model outside the models location',
      filename: fixturePath(TYPESCRIPT, 'src/features/Draft.ts'),
      code: "import { Model, Table } from 'sequelize-typescript';\n\n@Table\nexport class Draft extends Model {}\n",
      settings: typescriptSettings,
      errors: [
        {
          messageId: 'entityOutsideModels',
          data: { entity: 'Draft', file: 'src/features/Draft.ts', models: 'src/models/**/*.ts', destination: 'src/models/**/*.ts' },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 19,
        },
      ],
    },
  ],
});
