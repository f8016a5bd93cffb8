import rule from '../../rules/entity-has-migration.js';
import { RuleTester, fixtureFile, fixturePath, fixtureSettings } from '../support/ruleTester.js';

const ruleTester = new RuleTester();
const PROJECT = 'typeorm-views';
const settings = fixtureSettings(PROJECT);
const READ = 'read 2 migration files matching src/migrations/*.{ts,sql}';

ruleTester.run('entity-has-migration (views)', rule, {
  valid: [
    { name: 'a view entity whose view a migration creates', ...fixtureFile(PROJECT, 'src/models/ActiveUser.ts'), settings },
    {
      name: 'a table of the same name does not stand in for a view',
      filename: fixturePath(PROJECT, 'src/models/UserTable.ts'),
      code: "import { Entity } from 'typeorm';\n@Entity('users')\nexport class UserTable {}\n",
      settings,
    },
  ],
  invalid: [
    {
      name: 'a view no migration creates gets the view message',
      filename: fixturePath(PROJECT, 'src/models/Missing.ts'),
      code: "import { ViewEntity } from 'typeorm';\n@ViewEntity('users')\nexport class UsersView {}\n",
      settings,
      errors: [{ messageId: 'viewNeverCreated', data: { entity: 'UsersView', table: 'users', migrations: READ, blindSpots: '' }, line: 2, column: 13, endLine: 2, endColumn: 20 }],
    },
    {
      name: 'a materialized view dropped by a later migration',
      filename: fixturePath(PROJECT, 'src/models/UserCount.ts'),
      code: "import { ViewEntity } from 'typeorm';\n@ViewEntity({ name: 'user_counts', materialized: true })\nexport class UserCount {}\n",
      settings,
      errors: [
        {
          messageId: 'viewDropped',
          data: { entity: 'UserCount', table: 'user_counts', site: 'src/migrations/1700000000100-DropCounts.ts:5', migrations: READ, blindSpots: '' },
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 34,
        },
      ],
    },
  ],
});
