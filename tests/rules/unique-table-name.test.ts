import path from 'node:path';
import rule from '../../rules/unique-table-name.js';
import { FIXTURES_DIR, RuleTester, fixtureFile, fixturePath, fixtureSettings } from '../support/ruleTester.js';

const ruleTester = new RuleTester();
const PROJECT = 'typeorm-basic';
const settings = fixtureSettings(PROJECT);

ruleTester.run('unique-table-name', rule, {
  valid: [
    { name: 'an entity whose table no other entity maps', ...fixtureFile(PROJECT, 'src/models/User.ts'), settings },
    {
      name: 'the same name in another schema is another table',
      filename: fixturePath(PROJECT, 'src/models/AuditUser.ts'),
      code: "import { Entity } from 'typeorm';\n@Entity({ name: 'users', schema: 'audit' })\nexport class AuditUser {}\n",
      settings,
    },
    {
      name: 'a child entity shares its parent table by design',
      filename: fixturePath(PROJECT, 'src/models/Admin.ts'),
      code: "import { ChildEntity } from 'typeorm';\n@ChildEntity()\nexport class Admin {}\n",
      settings,
    },
    {
      name: 'the allow option admits a table shared on purpose',
      filename: fixturePath(PROJECT, 'src/models/Member.ts'),
      code: "import { Entity } from 'typeorm';\n@Entity('users')\nexport class Member {}\n",
      options: [{ allow: ['users'] }],
      settings,
    },
    {
      name: 'different scopes may reuse a table name',
      ...fixtureFile('monorepo', 'services/billing/src/schema.ts'),
      settings: {
        'orm-guard': {
          rootDir: path.join(FIXTURES_DIR, 'monorepo'),
          scopes: [
            { name: 'api', root: 'services/api', models: ['src/entities/**/*.ts'], migrations: [] },
            { name: 'billing', root: 'services/billing', models: ['src/schema.ts'], migrations: [] },
          ],
        },
      },
    },
  ],
  invalid: [
    {
      name: 'a second entity on a table another file maps',
      filename: fixturePath(PROJECT, 'src/models/Member.ts'),
      code: "import { Entity } from 'typeorm';\n@Entity('users')\nexport class Member {}\n",
      settings,
      errors: [
        {
          messageId: 'duplicateTable',
          data: { entity: 'Member', table: 'users', other: 'User', otherSite: 'src/models/User.ts:4' },
          line: 2,
          column: 9,
          endLine: 2,
          endColumn: 16,
        },
      ],
    },
    {
      name: 'two entities of one file on one table point at each other',
      filename: fixturePath(PROJECT, 'src/models/Flags.ts'),
      code: "import { Entity } from 'typeorm';\n@Entity('flags')\nexport class Flag {}\n@Entity({ name: 'flags' })\nexport class FeatureFlag {}\n",
      settings,
      errors: [
        { messageId: 'duplicateTable', data: { entity: 'Flag', table: 'flags', other: 'FeatureFlag', otherSite: 'src/models/Flags.ts:5' }, line: 2, column: 9, endLine: 2, endColumn: 16 },
        { messageId: 'duplicateTable', data: { entity: 'FeatureFlag', table: 'flags', other: 'Flag', otherSite: 'src/models/Flags.ts:3' }, line: 4, column: 17, endLine: 4, endColumn: 24 },
      ],
    },
    {
      name: 'a default-named entity colliding with an explicit name',
      filename: fixturePath(PROJECT, 'src/models/Orders.ts'),
      code: "import { Entity } from 'typeorm';\n@Entity()\nexport class OrderAuditLog {}\n",
      settings,
      errors: [
        {
          messageId: 'duplicateTable',
          data: { entity: 'OrderAuditLog', table: 'order_audit_log', other: 'OrderAuditLog', otherSite: 'src/models/OrderAuditLog.ts:5' },
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 27,
        },
      ],
    },
  ],
});
