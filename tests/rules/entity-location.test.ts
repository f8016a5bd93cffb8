import rule from '../../rules/entity-location.js';
import { RuleTester, fixtureFile, fixturePath, fixtureSettings } from '../support/ruleTester.js';

const ruleTester = new RuleTester();
const PROJECT = 'typeorm-basic';
const settings = fixtureSettings(PROJECT);
const MODELS = 'src/models/**/*.ts';

const strayEntity = `import { Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('legacy_items')
export class LegacyItem {
  @PrimaryGeneratedColumn()
  id!: number;
}
`;

ruleTester.run('entity-location', rule, {
  valid: [
    { name: 'entity inside the models location', ...fixtureFile(PROJECT, 'src/models/User.ts'), settings },
    {
      name: 'a plain class outside the models location is not an entity',
      filename: fixturePath(PROJECT, 'src/legacy/helpers.ts'),
      code: 'export class Helper { run(): void {} }',
      settings,
    },
    {
      name: 'an abstract base class is not an entity',
      filename: fixturePath(PROJECT, 'src/legacy/Base.ts'),
      code: "import { Entity } from 'typeorm';\n@Entity()\nexport abstract class Base {}\n",
      settings,
    },
    {
      name: 'a same-named decorator from another package is not TypeORM',
      filename: fixturePath(PROJECT, 'src/legacy/Widget.ts'),
      code: "import { Entity } from './my-registry';\n@Entity('widgets')\nexport class Widget {}\n",
      settings,
    },
    {
      name: 'an undeclared global Entity decorator is not TypeORM',
      filename: fixturePath(PROJECT, 'src/legacy/Widget.ts'),
      code: "@Entity('widgets')\nexport class Widget {}\n",
      settings,
    },
    {
      name: 'the allow option admits extra locations',
      ...fixtureFile(PROJECT, 'src/legacy/LegacyItem.ts'),
      options: [{ allow: ['src/legacy/**'] }],
      settings,
    },
    {
      name: 'files matched by the ignore setting are never considered',
      ...fixtureFile(PROJECT, 'src/legacy/LegacyItem.ts'),
      settings: fixtureSettings(PROJECT, { ignore: ['src/legacy/**'] }),
    },
    {
      name: 'without a models setting there is nothing to check',
      ...fixtureFile(PROJECT, 'src/legacy/LegacyItem.ts'),
      settings: fixtureSettings(PROJECT, { models: undefined }),
    },
    {
      name: 'a file outside the project root is not considered',
      filename: fixturePath('typeorm-unreadable', 'src/models/Team.ts'),
      code: strayEntity,
      settings,
    },
    {
      name: 'a models entry that names a directory covers everything under it',
      ...fixtureFile(PROJECT, 'src/legacy/LegacyItem.ts'),
      settings: fixtureSettings(PROJECT, { models: ['src/models', 'src/legacy'] }),
    },
  ],
  invalid: [
    {
      name: 'entity declared outside the models location',
      ...fixtureFile(PROJECT, 'src/legacy/LegacyItem.ts'),
      settings,
      errors: [
        {
          messageId: 'entityOutsideModels',
          data: { entity: 'LegacyItem', file: 'src/legacy/LegacyItem.ts', models: MODELS, destination: MODELS },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 24,
        },
      ],
    },
    {
      name: 'aliased named import of Entity',
      filename: fixturePath(PROJECT, 'src/billing/Invoice.ts'),
      code: "import { Entity as Table } from 'typeorm';\n\n@Table()\nexport class Invoice {}\n",
      settings,
      errors: [
        {
          messageId: 'entityOutsideModels',
          data: { entity: 'Invoice', file: 'src/billing/Invoice.ts', models: MODELS, destination: MODELS },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 21,
        },
      ],
    },
    {
      name: 'view entities and child entities are entity declarations too',
      filename: fixturePath(PROJECT, 'src/reports/Reports.ts'),
      code: [
        "import { ChildEntity, ViewEntity } from 'typeorm';",
        "@ViewEntity({ name: 'order_totals', expression: 'SELECT 1' })",
        'export class OrderTotal {}',
        '@ChildEntity()',
        'export class SpecialOrder {}',
      ].join('\n'),
      settings,
      errors: [
        { messageId: 'entityOutsideModels', data: { entity: 'OrderTotal', file: 'src/reports/Reports.ts', models: MODELS, destination: MODELS }, line: 3, column: 14, endLine: 3, endColumn: 24 },
        { messageId: 'entityOutsideModels', data: { entity: 'SpecialOrder', file: 'src/reports/Reports.ts', models: MODELS, destination: MODELS }, line: 5, column: 14, endLine: 5, endColumn: 26 },
      ],
    },
    {
      name: 'a wrapper decorator configured as a marker',
      filename: fixturePath(PROJECT, 'src/audit/AuditEvent.ts'),
      code: "import { AuditedEntity } from '@acme/db';\n@AuditedEntity('audit_events')\nexport class AuditEvent {}\n",
      settings: fixtureSettings(PROJECT, { markers: [{ package: '@acme/db', name: 'AuditedEntity' }] }),
      errors: [
        { messageId: 'entityOutsideModels', data: { entity: 'AuditEvent', file: 'src/audit/AuditEvent.ts', models: MODELS, destination: MODELS }, line: 3, column: 14, endLine: 3, endColumn: 24 },
      ],
    },
    {
      name: 'settings of the wrong shape are reported on the entity, naming the key',
      ...fixtureFile(PROJECT, 'src/legacy/LegacyItem.ts'),
      settings: fixtureSettings(PROJECT, { models: 42 }),
      errors: [
        {
          messageId: 'invalidSettings',
          data: { message: "settings['orm-guard'].models must be a glob string or an array of glob strings (got a number)." },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 24,
        },
      ],
    },
    {
      name: 'an unknown setting key gets a did-you-mean',
      ...fixtureFile(PROJECT, 'src/legacy/LegacyItem.ts'),
      settings: fixtureSettings(PROJECT, { model: ['src/models/**'] }),
      errors: [
        {
          messageId: 'invalidSettings',
          data: { message: "settings['orm-guard'].model is not a known setting. Did you mean 'models'?" },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 24,
        },
      ],
    },
  ],
});
