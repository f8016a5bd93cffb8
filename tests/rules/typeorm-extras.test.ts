import entityHasMigration from '../../rules/entity-has-migration.js';
import { RuleTester, fixtureFile, fixtureSettings } from '../support/ruleTester.js';

// TypeORM forms beyond plain decorated classes: closure-table trees, EntitySchema, compiled JS.
const ruleTester = new RuleTester();
const PROJECT = 'typeorm-extras';
const settings = fixtureSettings(PROJECT, { models: ['src/models/**', 'compiled/**'], migrations: ['src/migrations/*.ts'] });

ruleTester.run('entity-has-migration (TypeORM extras)', entityHasMigration, {
  valid: [
    { name: 'a closure-table tree whose table and closure table are both created', ...fixtureFile(PROJECT, 'src/models/Category.ts'), settings },
    { name: 'a tree with a custom closure table name in a schema', ...fixtureFile(PROJECT, 'src/models/Comment.ts'), settings },
    { name: 'an EntitySchema with a tableName', ...fixtureFile(PROJECT, 'src/models/schemas/Post.schema.ts'), settings },
    { name: 'a compiled CommonJS entity', ...fixtureFile(PROJECT, 'compiled/commonjs/models/Category.js'), settings },
    { name: 'a compiled ES module entity', ...fixtureFile(PROJECT, 'compiled/esm/models/Account.js'), settings },
  ],
  invalid: [
    {
      name: 'a closure-table tree whose closure table no migration creates',
      ...fixtureFile(PROJECT, 'src/models/schemas/Folder.schema.ts'),
      settings,
      errors: [
        {
          messageId: 'tableNeverCreated',
          data: {
            entity: 'Folder',
            relation: 'needs its closure table',
            table: 'files.folder_closure',
            migrations: 'read 1 migration file matching src/migrations/*.ts',
            nearMiss: '',
            blindSpots: '',
          },
          line: 11,
          column: 9,
          endLine: 11,
          endColumn: 17,
        },
      ],
    },
  ],
});
