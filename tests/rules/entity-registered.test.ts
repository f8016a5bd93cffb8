import rule from '../../rules/entity-registered.js';
import { RuleTester, fixtureFile, fixturePath, fixtureSettings } from '../support/ruleTester.js';

// No settings in most cases: the root is the fixture's package.json, and the registrations are read
// from the project's own ORM configuration, statically.
const ruleTester = new RuleTester();

const BARREL = 'registration-typeorm-barrel';
const GLOB = 'registration-typeorm-glob';
const NEST = 'registration-nest-autoload';
const MIKRO = 'registration-mikro-orm';
const SEQUELIZE_TS = 'registration-sequelize-typescript';
const OUTAGE = 'registration-outage';
const UNREADABLE = 'registration-typeorm-unreadable';

const BARREL_LOADS = 'src/data-source.ts:8 (new DataSource({ entities })) lists only Customer and Invoice';
const GLOB_LOADS = (file: string): string => `src/data-source.ts:6 (new DataSource({ entities })) loads only src/models/*.entity.{ts,js}, which does not match ${file}`;
const GLOB_REMEDY = (file: string): string => `Move it to a file that src/models/*.entity.{ts,js} matches, or add ${file} to the list at src/data-source.ts:6`;
const OUTAGE_LOADS = 'src/data-source.ts:11 (new DataSource({ entities })) lists only User, Organization and ApiKey';
const SEQUELIZE_LOADS = (file: string): string =>
  `src/database.ts:8 (new Sequelize({ models })) loads only src/models/*.{ts,js}, which does not match ${file}; src/database.ts:11 (addModels([...])) lists only Tag`;

const viewAndChild = `import { ChildEntity, Entity, PrimaryGeneratedColumn, TableInheritance, ViewEntity } from 'typeorm';

@ViewEntity({ name: 'active_users', expression: 'SELECT * FROM users WHERE active' })
export class ActiveUser {}

@Entity('payments')
@TableInheritance({ column: 'kind' })
export class Payment {
  @PrimaryGeneratedColumn()
  id!: number;
}

@ChildEntity('card')
export class CardPayment extends Payment {}
`;

ruleTester.run('entity-registered', rule, {
  valid: [
    { name: 'an entity re-exported by name from the barrel behind Object.values(entities)', ...fixtureFile(BARREL, 'src/entities/Customer.ts') },
    { name: 'an entity re-exported by export * from the barrel', ...fixtureFile(BARREL, 'src/entities/Invoice.ts') },
    { name: "an entity in a file the DataSource's glob matches", ...fixtureFile(GLOB, 'src/models/account.entity.ts') },
    { name: 'an entity listed in a forFeature of a NestJS module, with autoLoadEntities', ...fixtureFile(NEST, 'src/users/user.entity.ts') },
    { name: 'an entity listed in forFeature through a const array', ...fixtureFile(NEST, 'src/orders/order-line.entity.ts') },
    { name: "an entity in MikroORM's entitiesTs folder", ...fixtureFile(MIKRO, 'src/entities/Author.ts') },
    { name: 'a MikroORM entity outside the config, reached through a relation of a registered entity', ...fixtureFile(MIKRO, 'src/catalog/Publisher.ts') },
    { name: 'a sequelize-typescript model in the models folder', ...fixtureFile(SEQUELIZE_TS, 'src/models/Post.ts') },
    { name: 'a sequelize-typescript model added by class with addModels', ...fixtureFile(SEQUELIZE_TS, 'src/tags/Tag.ts') },
    { name: 'an entity the DataSource lists by class', ...fixtureFile(OUTAGE, 'src/models/User.ts') },
    {
      name: 'the same, with explicit settings instead of zero-config',
      ...fixtureFile(OUTAGE, 'src/models/User.ts'),
      settings: fixtureSettings(OUTAGE, { migrations: ['src/migrations/*.ts'] }),
    },
    {
      name: 'an entity named in the ignore option',
      ...fixtureFile(OUTAGE, 'src/billing/models/CreditTransaction.ts'),
      options: [{ ignore: ['CreditTransaction'] }],
    },
    {
      name: 'a file matched by the ignore setting is never considered',
      ...fixtureFile(OUTAGE, 'src/billing/models/CreditTransaction.ts'),
      settings: fixtureSettings(OUTAGE, { ignore: ['src/billing/**'] }),
    },
    {
      name: 'while an entry of the config cannot be read, an entity the readable entries miss may be registered',
      ...fixtureFile(UNREADABLE, 'src/plugins/LoyaltyPoints.ts'),
    },
    {
      name: 'a Sequelize Model.init model registers itself',
      filename: fixturePath(SEQUELIZE_TS, 'src/legacy/Legacy.ts'),
      code: "import { DataTypes, Model } from 'sequelize';\nimport { sequelize } from '../database';\n\nexport class Legacy extends Model {}\nLegacy.init({ name: DataTypes.STRING }, { sequelize, tableName: 'legacy' });\n",
    },
    {
      name: 'an entity of an ORM the project has no configuration for',
      filename: fixturePath(GLOB, 'src/billing/Voucher.ts'),
      code: "import { Entity, PrimaryKey } from '@mikro-orm/core';\n\n@Entity()\nexport class Voucher {\n  @PrimaryKey()\n  id!: number;\n}\n",
    },
    {
      name: 'an entity registered by a data source in the same file (a test)',
      filename: fixturePath(GLOB, 'src/billing/credit.spec.ts'),
      code: "import { DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';\n\n@Entity()\nclass TestCredit {\n  @PrimaryGeneratedColumn()\n  id!: number;\n}\n\nconst dataSource = new DataSource({ type: 'sqlite', database: ':memory:', entities: [TestCredit] });\n",
    },
    {
      name: 'a plain class is not an entity',
      filename: fixturePath(OUTAGE, 'src/billing/models/Money.ts'),
      code: 'export class Money {\n  constructor(readonly cents: number) {}\n}\n',
    },
  ],
  invalid: [
    {
      name: 'the outage: an entity in a second directory that the DataSource class list does not import',
      ...fixtureFile(OUTAGE, 'src/billing/models/CreditTransaction.ts'),
      errors: [
        {
          messageId: 'entityNotRegistered',
          data: { entity: 'CreditTransaction', orm: 'TypeORM', loads: OUTAGE_LOADS, remedy: "Add 'CreditTransaction' to the list at src/data-source.ts:11" },
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 31,
        },
      ],
    },
    {
      name: 'the outage, with explicit settings',
      ...fixtureFile(OUTAGE, 'src/billing/models/CreditTransaction.ts'),
      settings: fixtureSettings(OUTAGE, { migrations: ['src/migrations/*.ts'] }),
      errors: [
        {
          messageId: 'entityNotRegistered',
          data: { entity: 'CreditTransaction', orm: 'TypeORM', loads: OUTAGE_LOADS, remedy: "Add 'CreditTransaction' to the list at src/data-source.ts:11" },
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 31,
        },
      ],
    },
    {
      name: 'a second entity in a listed file: listing one class does not register its neighbour',
      filename: fixturePath(OUTAGE, 'src/models/User.ts'),
      code: "import { Entity, PrimaryGeneratedColumn } from 'typeorm';\n\n@Entity('users')\nexport class User {\n  @PrimaryGeneratedColumn('uuid')\n  id!: string;\n}\n\n@Entity('user_settings')\nexport class UserSettings {\n  @PrimaryGeneratedColumn('uuid')\n  id!: string;\n}\n",
      errors: [
        {
          messageId: 'entityNotRegistered',
          data: { entity: 'UserSettings', orm: 'TypeORM', loads: OUTAGE_LOADS, remedy: "Add 'UserSettings' to the list at src/data-source.ts:11" },
          line: 10,
          column: 14,
          endLine: 10,
          endColumn: 26,
        },
      ],
    },
    {
      name: 'a class named like a listed one, declared in another file, is another class',
      filename: fixturePath(OUTAGE, 'src/billing/models/User.ts'),
      code: "import { Entity, PrimaryGeneratedColumn } from 'typeorm';\n\n@Entity('billing_users')\nexport class User {\n  @PrimaryGeneratedColumn('uuid')\n  id!: string;\n}\n",
      errors: [
        {
          messageId: 'entityNotRegistered',
          data: {
            entity: 'User',
            orm: 'TypeORM',
            loads: 'src/data-source.ts:11 (new DataSource({ entities })) lists only User (the one in src/models/User.ts), Organization and ApiKey',
            remedy: "Add 'User' to the list at src/data-source.ts:11",
          },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 18,
        },
      ],
    },
    {
      name: 'views and single-table-inheritance children need registering too',
      filename: fixturePath(OUTAGE, 'src/reporting/views.ts'),
      code: viewAndChild,
      errors: [
        {
          messageId: 'entityNotRegistered',
          data: { entity: 'ActiveUser', orm: 'TypeORM', loads: OUTAGE_LOADS, remedy: "Add 'ActiveUser' to the list at src/data-source.ts:11" },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 24,
        },
        {
          messageId: 'entityNotRegistered',
          data: { entity: 'Payment', orm: 'TypeORM', loads: OUTAGE_LOADS, remedy: "Add 'Payment' to the list at src/data-source.ts:11" },
          line: 8,
          column: 14,
          endLine: 8,
          endColumn: 21,
        },
        {
          messageId: 'entityNotRegistered',
          data: { entity: 'CardPayment', orm: 'TypeORM', loads: OUTAGE_LOADS, remedy: "Add 'CardPayment' to the list at src/data-source.ts:11" },
          line: 14,
          column: 14,
          endLine: 14,
          endColumn: 25,
        },
      ],
    },
    {
      name: 'an entity next to the barrel that the barrel does not export',
      ...fixtureFile(BARREL, 'src/entities/CreditNote.ts'),
      errors: [
        {
          messageId: 'entityNotRegistered',
          data: { entity: 'CreditNote', orm: 'TypeORM', loads: BARREL_LOADS, remedy: "Add 'CreditNote' to the list at src/data-source.ts:8" },
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 24,
        },
      ],
    },
    {
      name: 'an entity in another directory, not exported by the barrel',
      ...fixtureFile(BARREL, 'src/reports/MonthlyRevenue.ts'),
      errors: [
        {
          messageId: 'entityNotRegistered',
          data: { entity: 'MonthlyRevenue', orm: 'TypeORM', loads: BARREL_LOADS, remedy: "Add 'MonthlyRevenue' to the list at src/data-source.ts:8" },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 28,
        },
      ],
    },
    {
      name: "an entity in a directory the DataSource's glob does not look in",
      ...fixtureFile(GLOB, 'src/billing/Credit.ts'),
      errors: [
        {
          messageId: 'entityNotRegistered',
          data: { entity: 'Credit', orm: 'TypeORM', loads: GLOB_LOADS('src/billing/Credit.ts'), remedy: GLOB_REMEDY('src/billing/Credit.ts') },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 20,
        },
      ],
    },
    {
      name: "an entity in the models directory whose file name the glob does not match",
      ...fixtureFile(GLOB, 'src/models/ledger.ts'),
      errors: [
        {
          messageId: 'entityNotRegistered',
          data: { entity: 'LedgerLine', orm: 'TypeORM', loads: GLOB_LOADS('src/models/ledger.ts'), remedy: GLOB_REMEDY('src/models/ledger.ts') },
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 24,
        },
      ],
    },
    {
      name: 'a NestJS entity that no TypeOrmModule.forFeature lists, with autoLoadEntities',
      ...fixtureFile(NEST, 'src/audit/audit-event.entity.ts'),
      errors: [
        {
          messageId: 'entityNotRegistered',
          data: {
            entity: 'AuditEvent',
            orm: 'TypeORM',
            loads:
              'src/database/database.module.ts:12 (TypeOrmModule.forRoot with autoLoadEntities) auto-loads only the TypeOrmModule.forFeature entities Order, OrderLine and User',
            remedy: "Add 'AuditEvent' to TypeOrmModule.forFeature([...]) in the module that uses it, or to the entities at src/database/database.module.ts:12",
          },
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 24,
        },
      ],
    },
    {
      name: 'a MikroORM entity outside entities/entitiesTs that no registered entity refers to',
      ...fixtureFile(MIKRO, 'src/legacy/Coupon.ts'),
      errors: [
        {
          messageId: 'entityNotRegistered',
          data: {
            entity: 'Coupon',
            orm: 'MikroORM',
            loads:
              'src/mikro-orm.config.ts:6 (MikroORM config) loads only dist/entities/**/*.{js,ts,mjs,mts,cjs,cts} and src/entities/**/*.{js,ts,mjs,mts,cjs,cts}, which do not match src/legacy/Coupon.ts, and reaches Publisher through relations',
            remedy: 'Move it to a file that src/entities/**/*.{js,ts,mjs,mts,cjs,cts} matches, or add src/legacy/Coupon.ts to the list at src/mikro-orm.config.ts:6',
          },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 20,
        },
      ],
    },
    {
      name: "a sequelize-typescript model in a subfolder: a folder path loads only the folder's own files",
      ...fixtureFile(SEQUELIZE_TS, 'src/models/archive/ArchivedPost.ts'),
      errors: [
        {
          messageId: 'entityNotRegistered',
          data: {
            entity: 'ArchivedPost',
            orm: 'sequelize-typescript',
            loads: SEQUELIZE_LOADS('src/models/archive/ArchivedPost.ts'),
            remedy: 'Move it to a file that src/models/*.{ts,js} matches, or add src/models/archive/ArchivedPost.ts to the list at src/database.ts:8',
          },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 26,
        },
      ],
    },
    {
      name: 'a sequelize-typescript model that neither models nor addModels names',
      ...fixtureFile(SEQUELIZE_TS, 'src/tags/TagAlias.ts'),
      errors: [
        {
          messageId: 'entityNotRegistered',
          data: {
            entity: 'TagAlias',
            orm: 'sequelize-typescript',
            loads: SEQUELIZE_LOADS('src/tags/TagAlias.ts'),
            remedy: 'Move it to a file that src/models/*.{ts,js} matches, or add src/tags/TagAlias.ts to the list at src/database.ts:8',
          },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 22,
        },
      ],
    },
    {
      name: 'invalid settings are reported on each entity instead of checking it',
      ...fixtureFile(OUTAGE, 'src/billing/models/CreditTransaction.ts'),
      settings: fixtureSettings(OUTAGE, { models: 42 }),
      errors: [
        {
          messageId: 'invalidSettings',
          data: { message: "settings['orm-guard'].models must be a glob string or an array of glob strings (got a number)." },
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 31,
        },
      ],
    },
  ],
});
