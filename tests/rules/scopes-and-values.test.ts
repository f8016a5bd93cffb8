import path from 'node:path';
import entityHasMigration from '../../rules/entity-has-migration.js';
import entityLocation from '../../rules/entity-location.js';
import { FIXTURES_DIR, RuleTester, fixtureFile, fixtureSettings } from '../support/ruleTester.js';

// Cross-file features of entity-has-migration and entity-location: scopes, per-dialect migration
// sets, constants imported from other modules, and configured interpolation values.
const ruleTester = new RuleTester();
const MONOREPO = 'monorepo';
const monorepoSettings = {
  'orm-guard': {
    rootDir: path.join(FIXTURES_DIR, MONOREPO),
    scopes: [
      {
        name: 'api',
        root: 'services/api',
        models: ['src/entities/**/*.ts'],
        migrations: { postgres: 'db/migrations/postgres/*.sql', sqlite: 'db/migrations/sqlite/*.sql' },
      },
      { name: 'billing', root: 'services/billing', models: ['src/schema.ts'], migrations: ['drizzle/*.sql'] },
    ],
  },
};
const NO_HINTS = { nearMiss: '', blindSpots: '' };

ruleTester.run('entity-has-migration (scopes and values)', entityHasMigration, {
  valid: [
    {
      name: 'a table name from a constant object imported from another package of the monorepo',
      ...fixtureFile(MONOREPO, 'services/api/src/entities/Account.ts'),
      settings: monorepoSettings,
    },
    {
      name: 'a table name from a string enum imported from another module',
      filename: path.join(FIXTURES_DIR, MONOREPO, 'services/api/src/entities/Session.ts'),
      code: "import { Entity } from 'typeorm';\nimport { LegacyTables } from '../../../../shared/tables';\n@Entity(LegacyTables.Sessions)\nexport class Session {}\n",
      settings: monorepoSettings,
      options: [{ ignoreTables: ['sessions'], reportUnresolved: true }],
    },
    {
      name: 'a tablePrefix setting maps ${tablePrefix} interpolations in migrations',
      ...fixtureFile('typeorm-prefix', 'src/models/User.ts'),
      settings: fixtureSettings('typeorm-prefix', { tablePrefix: 'app_' }),
    },
    {
      name: 'an interpolations setting maps dotted paths such as process.env values',
      ...fixtureFile('typeorm-prefix', 'src/models/Audit.ts'),
      settings: fixtureSettings('typeorm-prefix', { interpolations: { 'process.env.DB_SCHEMA': 'tenant' } }),
    },
  ],
  invalid: [
    {
      name: 'a table missing from one migration set is reported naming that set',
      ...fixtureFile(MONOREPO, 'services/api/src/entities/AuditEvent.ts'),
      settings: monorepoSettings,
      errors: [
        {
          messageId: 'tableNeverCreated',
          data: {
            entity: 'AuditEvent',
            relation: 'maps to table',
            table: 'audit_events',
            migrations: "read 1 migration file matching db/migrations/sqlite/*.sql (migration set 'sqlite')",
            ...NO_HINTS,
          },
          line: 4,
          column: 17,
          endLine: 4,
          endColumn: 42,
        },
      ],
    },
    {
      name: "each scope is checked only against its own migrations: another service's table does not count",
      ...fixtureFile(MONOREPO, 'services/billing/src/schema.ts'),
      settings: monorepoSettings,
      errors: [
        {
          messageId: 'tableNeverCreated',
          data: { entity: 'accounts', relation: 'maps to table', table: 'accounts', migrations: 'read 1 migration file matching drizzle/*.sql', ...NO_HINTS },
          line: 9,
          column: 33,
          endLine: 9,
          endColumn: 43,
        },
      ],
    },
    {
      name: 'without the tablePrefix setting an interpolated name is skipped, never misread',
      ...fixtureFile('typeorm-prefix', 'src/models/User.ts'),
      settings: fixtureSettings('typeorm-prefix'),
      errors: [
        {
          messageId: 'tableNeverCreated',
          data: {
            entity: 'User',
            relation: 'maps to table',
            table: 'app_users',
            migrations: 'read 1 migration file matching src/migrations/*.{ts,sql}',
            nearMiss: '',
            blindSpots: ' 2 migration statements were not read because table name is built at runtime (first at src/migrations/1700000000000-CreateUsers.ts:6).',
          },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 20,
        },
      ],
    },
  ],
});

ruleTester.run('entity-location (scopes)', entityLocation, {
  valid: [
    { name: "an entity inside its scope's models location", ...fixtureFile(MONOREPO, 'services/api/src/entities/Account.ts'), settings: monorepoSettings },
    { name: 'a Drizzle table file named as a scope models glob', ...fixtureFile(MONOREPO, 'services/billing/src/schema.ts'), settings: monorepoSettings },
  ],
  invalid: [
    {
      name: "an entity outside its scope's models location, with paths relative to the scope",
      filename: path.join(FIXTURES_DIR, MONOREPO, 'services/api/src/legacy/Old.ts'),
      code: "import { Entity } from 'typeorm';\n@Entity('old')\nexport class Old {}\n",
      settings: monorepoSettings,
      errors: [
        {
          messageId: 'entityOutsideModels',
          data: { entity: 'Old', file: 'src/legacy/Old.ts', models: 'src/entities/**/*.ts', destination: 'src/entities/**/*.ts' },
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 17,
        },
      ],
    },
  ],
});

ruleTester.run('entity-has-migration (migration order)', entityHasMigration, {
  valid: [
    {
      name: 'in file-name order the drop comes first and the create wins',
      ...fixtureFile('typeorm-registry', 'src/models/Report.ts'),
      settings: fixtureSettings('typeorm-registry'),
    },
  ],
  invalid: [
    {
      name: 'a registry order puts the create first, so the later drop removes the table',
      ...fixtureFile('typeorm-registry', 'src/models/Report.ts'),
      settings: fixtureSettings('typeorm-registry', { migrationOrder: { registry: 'src/migrations/index.ts' } }),
      errors: [
        {
          messageId: 'tableDropped',
          data: {
            entity: 'Report',
            relation: 'maps to table',
            table: 'reports',
            site: 'src/migrations/ArchiveReports.ts:6',
            migrations: 'read 2 migration files matching src/migrations/*.{ts,sql}',
            blindSpots: '',
          },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 18,
        },
      ],
    },
  ],
});
