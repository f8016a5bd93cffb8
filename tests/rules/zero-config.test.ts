import entityHasMigration from '../../rules/entity-has-migration.js';
import entityLocation from '../../rules/entity-location.js';
import { RuleTester, fixtureFile, fixturePath } from '../support/ruleTester.js';

// No `orm-guard` settings at all: the root is the nearest package.json, models and migrations come
// from the project's own TypeORM DataSource (src/data-source.ts), read statically.
const ruleTester = new RuleTester();
const PROJECT = 'zero-config-rules-typeorm';
const READ = 'read 4 migration files matching src/migrations/*.{ts,sql}';
const DROP_AND_RENAME = 'src/migrations/1700000000200-DropLegacyAndRenameInvoices.ts';

ruleTester.run('entity-has-migration (zero-config)', entityHasMigration, {
  valid: [
    { name: 'a table created by a migration found through the DataSource', ...fixtureFile(PROJECT, 'src/models/User.ts') },
    { name: 'a default-named table created by a helper method', ...fixtureFile(PROJECT, 'src/models/OrderAuditLog.ts') },
  ],
  invalid: [
    {
      name: 'a table no migration creates',
      filename: fixturePath(PROJECT, 'src/models/Subscription.ts'),
      code: "import { Entity } from 'typeorm';\n\n@Entity('subscriptions')\nexport class Subscription {}\n",
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
      name: 'a table dropped by a later migration',
      ...fixtureFile(PROJECT, 'src/legacy/LegacyItem.ts'),
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
  ],
});

ruleTester.run('entity-location (zero-config)', entityLocation, {
  valid: [{ name: "an entity matched by the DataSource's entities glob", ...fixtureFile(PROJECT, 'src/models/User.ts') }],
  invalid: [
    {
      name: "an entity outside the DataSource's entities glob",
      ...fixtureFile(PROJECT, 'src/legacy/LegacyItem.ts'),
      errors: [
        {
          messageId: 'entityOutsideModels',
          data: { entity: 'LegacyItem', file: 'src/legacy/LegacyItem.ts', models: 'src/models/**/*.ts', destination: 'src/models/**/*.ts' },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 24,
        },
      ],
    },
    {
      name: 'a MikroORM entity outside entities/entitiesTs is told to move where a .ts file can be loaded (entitiesTs), not into dist',
      filename: fixturePath('zero-config-mikro-orm', 'src/legacy/order.entity.ts'),
      code: "import { Entity, PrimaryKey } from '@mikro-orm/core';\n\n@Entity()\nexport class Order {\n  @PrimaryKey()\n  id!: number;\n}\n",
      errors: [
        {
          messageId: 'entityOutsideModels',
          data: {
            entity: 'Order',
            file: 'src/legacy/order.entity.ts',
            models: 'dist/modules/**/*.entity.js, src/modules/**/*.entity.ts',
            destination: 'src/modules/**/*.entity.ts',
          },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 19,
        },
      ],
    },
  ],
});
