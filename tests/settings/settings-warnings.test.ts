/**
 * Settings that validate but cannot work on disk: a rootDir that is not a directory (an error), a
 * configured models/migrations glob that matches nothing (one settings warning per entity instead
 * of a report for every entity), and absolute paths outside rootDir (allowed: the user wrote them).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import entityHasMigration from '../../rules/entity-has-migration.js';
import entityLocation from '../../rules/entity-location.js';
import noOrphanTable from '../../rules/no-orphan-table.js';
import { toPosixPath } from '../../src/settings/resolveRootDir.js';
import { FIXTURES_DIR, RuleTester, fixtureFile, fixturePath, fixtureSettings } from '../support/ruleTester.js';

const ruleTester = new RuleTester();
const P = "settings['orm-guard']";
const PROJECT = 'typeorm-basic';
const projectRoot = toPosixPath(path.join(FIXTURES_DIR, PROJECT));
const USER_FILE = fixtureFile(PROJECT, 'src/models/User.ts');
const NOT_CHECKED = 'was not checked against these migrations';

function entity(table: string, className: string): string {
  return `import { Entity } from 'typeorm';\n\n@Entity('${table}')\nexport class ${className} {}\n`;
}

// A project whose migrations live outside its rootDir, reached by an absolute glob.
const sandbox = mkdtempSync(path.join(os.tmpdir(), 'orm-guard-outside-'));
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));
const appRoot = path.join(sandbox, 'app');
mkdirSync(path.join(appRoot, 'src/models'), { recursive: true });
writeFileSync(path.join(appRoot, 'package.json'), '{ "name": "app" }\n');
mkdirSync(path.join(sandbox, 'shared-db'), { recursive: true });
writeFileSync(path.join(sandbox, 'shared-db/001_users.sql'), 'CREATE TABLE users (id int);\n');
const APP_USER = path.join(appRoot, 'src/models/User.ts');
// A zero-config project whose DataSource names a migrations folder that does not exist yet.
const inferredRoot = path.join(sandbox, 'inferred');
mkdirSync(path.join(inferredRoot, 'src/entity'), { recursive: true });
writeFileSync(path.join(inferredRoot, 'package.json'), '{ "name": "inferred", "dependencies": { "typeorm": "^0.3.20" } }\n');
writeFileSync(
  path.join(inferredRoot, 'src/data-source.ts'),
  "import { DataSource } from 'typeorm';\nexport const db = new DataSource({ type: 'postgres', entities: ['src/entity/*.ts'], migrations: ['src/migrations/*.ts'] });\n",
);
const sharedMigrations = `${toPosixPath(path.join(sandbox, 'shared-db'))}/*.sql`;

const missingRoot = path.join(sandbox, 'does-not-exist');
const missingRootMessage = (written: string, resolved: string, problem: string): string =>
  `${P}.rootDir must be an existing directory (got the string ${JSON.stringify(written)}, which resolves to ${resolved}, which ${problem}). Relative paths are resolved against ESLint's cwd; import.meta.dirname is the usual value.`;

const MONOREPO = 'monorepo';
const monorepoRoot = toPosixPath(path.join(FIXTURES_DIR, MONOREPO));
const monorepoSettings = (sqlite: string) => ({
  'orm-guard': {
    rootDir: monorepoRoot,
    scopes: [
      { name: 'api', root: 'services/api', models: ['src/entities/**/*.ts'], migrations: { postgres: 'db/migrations/postgres/*.sql', sqlite } },
    ],
  },
});

ruleTester.run('entity-has-migration: settings errors and warnings', entityHasMigration, {
  valid: [
    {
      name: 'an absolute migrations glob outside rootDir is read (it was configured explicitly)',
      filename: APP_USER,
      code: entity('users', 'User'),
      settings: { 'orm-guard': { rootDir: appRoot, models: ['src/models/**/*.ts'], migrations: [sharedMigrations] } },
    },
    {
      name: 'an absolute glob inside rootDir works like the relative one',
      ...USER_FILE,
      settings: fixtureSettings(PROJECT, { migrations: [`${projectRoot}/src/migrations/*.{ts,sql}`] }),
    },
  ],
  invalid: [
    {
      name: 'inferred (zero-config) globs that match nothing keep the usual report, which says 0 files were read',
      filename: path.join(inferredRoot, 'src/entity/Account.ts'),
      code: entity('accounts', 'Account'),
      settings: { 'orm-guard': { rootDir: inferredRoot } },
      errors: [
        {
          messageId: 'tableNeverCreated',
          data: { entity: 'Account', relation: 'maps to table', table: 'accounts', migrations: 'read 0 migration files matching src/migrations/*.ts', nearMiss: '', blindSpots: '' },
        },
      ],
    },
    {
      name: 'a rootDir that does not exist is an error naming the key path and the resolved path',
      ...USER_FILE,
      settings: fixtureSettings(PROJECT, { rootDir: missingRoot }),
      errors: [{ messageId: 'invalidSettings', data: { message: missingRootMessage(missingRoot, toPosixPath(missingRoot), 'does not exist') } }],
    },
    {
      name: 'a rootDir that is a file is an error too',
      ...USER_FILE,
      settings: fixtureSettings(PROJECT, { rootDir: path.join(FIXTURES_DIR, PROJECT, 'package.json') }),
      errors: [
        {
          messageId: 'invalidSettings',
          data: { message: missingRootMessage(path.join(FIXTURES_DIR, PROJECT, 'package.json'), `${projectRoot}/package.json`, 'is a file, not a directory') },
        },
      ],
    },
    {
      name: "a declared scope's root that does not exist under rootDir is an error naming the scope",
      ...USER_FILE,
      settings: fixtureSettings(PROJECT, { scopes: [{ name: 'api', root: './services/apii' }] }),
      errors: [
        {
          messageId: 'invalidSettings',
          data: {
            message: `${P}.scopes[0].root must be an existing directory (got the string "services/apii", which resolves to ${projectRoot}/services/apii, which does not exist). It is relative to rootDir.`,
          },
        },
      ],
    },
    {
      name: 'a migrations glob that matches nothing: one settings warning, not "no migration creates it"',
      ...USER_FILE,
      settings: fixtureSettings(PROJECT, { migrations: ['src/migratons/*.ts'] }),
      errors: [
        {
          messageId: 'migrationsGlobMatchesNothing',
          data: { warning: `Settings warning: ${P}.migrations glob 'src/migratons/*.ts' matches no file under ${projectRoot}`, entity: 'User', consequence: NOT_CHECKED },
        },
      ],
    },
    {
      name: 'a glob whose only files are ignored matches nothing',
      ...USER_FILE,
      settings: fixtureSettings(PROJECT, { migrations: ['src/migrations/*.sql'], ignore: ['**/*.sql'] }),
      errors: [
        {
          messageId: 'migrationsGlobMatchesNothing',
          data: { warning: `Settings warning: ${P}.migrations glob 'src/migrations/*.sql' matches no file under ${projectRoot}`, entity: 'User', consequence: NOT_CHECKED },
        },
      ],
    },
    {
      name: 'one dead glob among live ones: the warning, and the entity still checked against the others',
      filename: fixturePath(PROJECT, 'src/models/Nope.ts'),
      code: entity('nope', 'Nope'),
      settings: fixtureSettings(PROJECT, { migrations: ['src/migrations/*.{ts,sql}', 'db/old/*.sql', 'db/older/*.sql'] }),
      errors: [
        {
          messageId: 'migrationsGlobMatchesNothing',
          data: {
            warning: `Settings warning: ${P}.migrations globs 'db/old/*.sql', 'db/older/*.sql' match no file under ${projectRoot}`,
            entity: 'Nope',
            consequence: 'was checked only against the files its other globs match',
          },
        },
        { messageId: 'tableNeverCreated' },
      ],
    },
    {
      name: 'a named migration set of a scope that matches nothing names the set; the other set is still checked',
      ...fixtureFile(MONOREPO, 'services/api/src/entities/Account.ts'),
      settings: monorepoSettings('db/migrations/sqlit/*.sql'),
      errors: [
        {
          messageId: 'migrationsGlobMatchesNothing',
          data: {
            warning: `Settings warning: ${P}.scopes[0].migrations.sqlite glob 'db/migrations/sqlit/*.sql' matches no file under ${monorepoRoot}/services/api`,
            entity: 'Account',
            consequence: NOT_CHECKED,
          },
        },
      ],
    },
    {
      name: "a relative '..' glob is refused even where an absolute one is allowed",
      filename: APP_USER,
      code: entity('users', 'User'),
      settings: { 'orm-guard': { rootDir: appRoot, migrations: ['../shared-db/*.sql'] } },
      errors: [
        {
          messageId: 'invalidSettings',
          data: {
            message: `${P}.migrations[0] must be a glob that stays inside rootDir (got the string "../shared-db/*.sql", whose '..' leads outside it). Write it relative to rootDir, or as an absolute path if reading outside rootDir is intended.`,
          },
        },
      ],
    },
  ],
});

ruleTester.run('entity-location: a models glob that matches nothing', entityLocation, {
  valid: [
    { name: 'an absolute models glob inside rootDir', ...USER_FILE, settings: fixtureSettings(PROJECT, { models: [`${projectRoot}/src/models/**/*.ts`] }) },
    {
      name: 'the linted file counts as a match before it is saved (the first entity of a new models folder)',
      filename: fixturePath(PROJECT, 'src/entities/Invoice.ts'),
      code: entity('invoices', 'Invoice'),
      settings: fixtureSettings(PROJECT, { models: ['src/entities/**/*.ts'] }),
    },
  ],
  invalid: [
    {
      name: 'one settings warning instead of "outside the models location"',
      ...USER_FILE,
      settings: fixtureSettings(PROJECT, { models: ['src/modles/**/*.ts'] }),
      errors: [
        {
          messageId: 'modelsGlobMatchesNothing',
          data: {
            warning: `Settings warning: ${P}.models glob 'src/modles/**/*.ts' matches no file under ${projectRoot}`,
            entity: 'User',
            consequence: 'was not checked against the models location',
          },
        },
      ],
    },
    {
      name: 'a dead glob among live ones is reported; the entity is still checked against the others',
      ...fixtureFile(PROJECT, 'src/legacy/LegacyItem.ts'),
      settings: fixtureSettings(PROJECT, { models: ['src/models/**/*.ts', 'src/entities/**/*.ts'] }),
      errors: [
        {
          messageId: 'modelsGlobMatchesNothing',
          data: {
            warning: `Settings warning: ${P}.models glob 'src/entities/**/*.ts' matches no file under ${projectRoot}`,
            entity: 'LegacyItem',
            consequence: 'was checked only against the other models globs',
          },
        },
        { messageId: 'entityOutsideModels' },
      ],
    },
  ],
});

ruleTester.run('no-orphan-table: a models glob that matches nothing', noOrphanTable, {
  valid: [
    {
      name: 'does not report every table as an orphan (entity-location reports the settings warning)',
      ...fixtureFile(PROJECT, 'src/migrations/1700000000000-CreateUsers.ts'),
      settings: fixtureSettings(PROJECT, { models: ['src/modles/**/*.ts'] }),
    },
  ],
  invalid: [],
});
