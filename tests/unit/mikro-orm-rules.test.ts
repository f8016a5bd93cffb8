import entityHasMigration from '../../rules/entity-has-migration.js';
import entityLocation from '../../rules/entity-location.js';
import { RuleTester, fixtureFile, fixturePath, fixtureSettings } from '../support/ruleTester.js';

const ruleTester = new RuleTester();
const PROJECT = 'mikro-orm-basic';
const settings = fixtureSettings(PROJECT, { orm: 'mikro-orm', models: ['src/entities/**/*.ts'], migrations: ['src/migrations/*.ts'] });
const READ = 'read 2 migration files matching src/migrations/*.ts';
const FIRST = 'src/migrations/Migration20240101000000.ts';
const SECOND = 'src/migrations/Migration20240201000000_tags.ts';

const entityPath = (name: string): string => fixturePath(PROJECT, `src/entities/${name}.ts`);

function entity(options: string, className: string, importLine = "import { Entity } from '@mikro-orm/core';"): string {
  return `${importLine}\n\n@Entity(${options})\nexport class ${className} {}\n`;
}

ruleTester.run('entity-has-migration (MikroORM)', entityHasMigration, {
  valid: [
    { name: 'default naming, table created by addSql', ...fixtureFile(PROJECT, 'src/entities/User.ts'), settings },
    { name: 'schema-qualified table', ...fixtureFile(PROJECT, 'src/entities/Invoice.ts'), settings },
    { name: 'EntitySchema named by its name, created by a later migration', ...fixtureFile(PROJECT, 'src/entities/BookTag.ts'), settings },
    { name: 'defineEntity, table created by a knex builder in a helper', ...fixtureFile(PROJECT, 'src/entities/Publisher.ts'), settings },
    { name: 'abstract single-table-inheritance root', ...fixtureFile(PROJECT, 'src/entities/Person.ts'), settings },
    { name: 'single-table-inheritance child shares the root table', ...fixtureFile(PROJECT, 'src/entities/Employee.ts'), settings },
    { name: 'virtual entity has no table', ...fixtureFile(PROJECT, 'src/entities/AuthorStats.ts'), settings },
    { name: 'mapped superclass is not an entity', ...fixtureFile(PROJECT, 'src/entities/BaseEntity.ts'), settings },
    { name: 'table that exists under its new name', filename: entityPath('Writer'), code: entity("{ tableName: 'writer' }", 'Writer'), settings },
    {
      name: 'MongoDB collections are not checked against SQL migrations',
      filename: entityPath('Event'),
      code: entity('', 'Event', "import { Entity } from '@mikro-orm/mongodb';"),
      settings,
    },
  ],
  invalid: [
    {
      name: 'default-named table that no migration creates',
      filename: entityPath('HTTPRequestLog'),
      code: entity('', 'HTTPRequestLog'),
      settings,
      errors: [
        {
          messageId: 'tableNeverCreated',
          data: { entity: 'HTTPRequestLog', relation: 'maps to table', table: 'httprequest_log', migrations: READ, nearMiss: '', blindSpots: '' },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 28,
        },
      ],
    },
    {
      name: 'a near-miss table name is pointed out',
      filename: entityPath('Account'),
      code: entity("{ tableName: 'users' }", 'Account'),
      settings,
      errors: [
        {
          messageId: 'tableNeverCreated',
          data: {
            entity: 'Account',
            relation: 'maps to table',
            table: 'users',
            migrations: READ,
            nearMiss: ` A similar table 'user' exists (created at ${FIRST}:7): is the entity's table name wrong?`,
            blindSpots: '',
          },
          line: 3,
          column: 22,
          endLine: 3,
          endColumn: 29,
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
          data: { entity: 'LegacyItem', relation: 'maps to table', table: 'legacy_item', site: `${SECOND}:9`, migrations: READ, blindSpots: '' },
          line: 3,
          column: 22,
          endLine: 3,
          endColumn: 35,
        },
      ],
    },
    {
      name: 'table renamed away by a later migration',
      filename: entityPath('Author'),
      code: entity('', 'Author'),
      settings,
      errors: [
        {
          messageId: 'tableRenamed',
          data: {
            entity: 'Author',
            relation: 'maps to table',
            table: 'author',
            site: `${SECOND}:10`,
            newName: 'writer',
            migrations: READ,
            blindSpots: '',
          },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 20,
        },
      ],
    },
    {
      name: 'an EntitySchema table that no migration creates is reported at its name',
      filename: entityPath('Coupon'),
      code: "import { EntitySchema } from '@mikro-orm/core';\n\nexport const Coupon = new EntitySchema({ name: 'Coupon', properties: {} });\n",
      settings,
      errors: [
        {
          messageId: 'tableNeverCreated',
          data: { entity: 'Coupon', relation: 'maps to table', table: 'coupon', migrations: READ, nearMiss: '', blindSpots: '' },
          line: 3,
          column: 48,
          endLine: 3,
          endColumn: 56,
        },
      ],
    },
  ],
});

ruleTester.run('entity-location (MikroORM)', entityLocation, {
  valid: [
    { name: 'decorated entity inside the models location', ...fixtureFile(PROJECT, 'src/entities/User.ts'), settings },
    { name: 'EntitySchema inside the models location', ...fixtureFile(PROJECT, 'src/entities/BookTag.ts'), settings },
    {
      name: 'a mapped superclass outside the models location is not an entity',
      filename: fixturePath(PROJECT, 'src/legacy/Base.ts'),
      code: "import { Entity } from '@mikro-orm/core';\n@Entity({ abstract: true })\nexport class Base {}\n",
      settings,
    },
  ],
  invalid: [
    {
      name: 'decorated entity declared outside the models location',
      ...fixtureFile(PROJECT, 'src/legacy/LegacyItem.ts'),
      settings,
      errors: [
        {
          messageId: 'entityOutsideModels',
          data: { entity: 'LegacyItem', file: 'src/legacy/LegacyItem.ts', models: 'src/entities/**/*.ts', destination: 'src/entities/**/*.ts' },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 24,
        },
      ],
    },
    {
      name: 'defineEntity declared outside the models location',
      filename: fixturePath(PROJECT, 'src/legacy/Tag.ts'),
      code: "import { defineEntity } from '@mikro-orm/core';\n\nexport const Tag = defineEntity({ name: 'Tag', properties: {} });\n",
      settings,
      errors: [
        {
          messageId: 'entityOutsideModels',
          data: { entity: 'Tag', file: 'src/legacy/Tag.ts', models: 'src/entities/**/*.ts', destination: 'src/entities/**/*.ts' },
          line: 3,
          column: 41,
          endLine: 3,
          endColumn: 46,
        },
      ],
    },
  ],
});
