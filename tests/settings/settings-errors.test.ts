/**
 * Every settings key path with a wrong type, an unknown key at every object level (with and without
 * a "did you mean"), and every path that could lead outside rootDir: one exact message each.
 */
import { describe, expect, it } from 'vitest';
import { validateSettings } from '../../src/settings/validateSettings.js';

const P = "settings['orm-guard']";
const S = `${P}.scopes[0]`;
/** A valid scope, so each case breaks exactly one key. */
const scope = (extra: Record<string, unknown>): Record<string, unknown> => ({ scopes: [{ name: 'api', root: 'services/api', ...extra }] });

const ORMS = "'auto', or one or a list of 'typeorm', 'mikro-orm', 'sequelize', 'sequelize-typescript', 'drizzle', 'objection', 'knex', 'prisma'";
const GLOBS = 'a glob string or an array of glob strings';
const MARKER = "an object like { package: '@acme/typeorm', name: 'Entity' }";
const MARKER_ORMS = "one of 'typeorm', 'mikro-orm', 'sequelize-typescript' (the ORM whose decorator it wraps)";
const SEQUELIZE = 'an object like { freezeTableName: true, underscored: false }';
const INTERPOLATIONS = "an object of names to static values, like { 'process.env.TABLE_PREFIX': 'app_' }";
const ORDER = "'auto', or { registry: 'path/to/migrations/index.ts' } (a file whose array lists the migrations in order)";
const REGISTRY = "a file path string, like 'src/migrations/index.ts'";
const SCOPE = "an object like { name: 'api', root: 'services/api', models: [...], migrations: [...] }";

/** [key path, settings, expected shape, what the value is described as]. */
const wrongTypes: [string, Record<string, unknown>, string, string][] = [
  [`${P}.rootDir`, { rootDir: 5 }, 'a directory path string (e.g. import.meta.dirname)', 'a number'],
  [`${P}.cacheLifetime`, { cacheLifetime: '5s' }, 'a number of milliseconds ≥ 0 (Infinity never revalidates)', 'the string "5s"'],
  [`${P}.cacheFingerprint`, { cacheFingerprint: 1 }, 'the string returned by cacheFingerprint()', 'a number'],
  [`${P}.debug`, { debug: 'yes' }, 'a boolean', 'the string "yes"'],
  [`${P}.scopes`, { scopes: {} }, 'an array of { name, root, models?, migrations?, ... } objects', 'an object'],
  [`${P}.orm`, { orm: 3 }, ORMS, 'a number'],
  [`${P}.orm[1]`, { orm: ['typeorm', 'hibernate'] }, ORMS, 'the string "hibernate"'],
  [`${P}.models`, { models: 1 }, GLOBS, 'a number'],
  [`${P}.models`, { models: '' }, 'a non-empty glob string', 'the string ""'],
  [`${P}.models[1]`, { models: ['src/models', 2] }, 'a non-empty glob string', 'a number'],
  [`${P}.migrations`, { migrations: true }, GLOBS, 'a boolean'],
  [`${P}.migrations`, { migrations: {} }, 'globs, or an object of named glob lists like { postgres: [...], sqlite: [...] }', 'an object'],
  [`${P}.migrations[0]`, { migrations: [null] }, 'a non-empty glob string', 'null'],
  [`${P}.migrations.postgres`, { migrations: { postgres: 3 } }, GLOBS, 'a number'],
  [`${P}.migrations.postgres[1]`, { migrations: { postgres: ['db/pg/*.sql', ' '] } }, 'a non-empty glob string', 'the string " "'],
  [`${P}.ignore`, { ignore: { glob: '**' } }, GLOBS, 'an object'],
  [`${P}.markers`, { markers: { package: 'x', name: 'Y' } }, 'an array of { package, name, kind? } objects', 'an object'],
  [`${P}.markers[0]`, { markers: ['Entity'] }, MARKER, 'the string "Entity"'],
  [`${P}.markers[0].package`, { markers: [{ package: 1, name: 'Y' }] }, 'a package name string', 'a number'],
  [`${P}.markers[0].name`, { markers: [{ package: 'x' }] }, 'an exported decorator name string', 'undefined'],
  [`${P}.markers[0].kind`, { markers: [{ package: 'x', name: 'Y', kind: 'table' }] }, "one of 'entity', 'view', 'child'", 'the string "table"'],
  [`${P}.markers[0].orm`, { markers: [{ package: 'x', name: 'Y', orm: 'drizzle' }] }, MARKER_ORMS, 'the string "drizzle"'],
  [`${P}.tablePrefix`, { tablePrefix: 1 }, 'a string', 'a number'],
  [`${P}.interpolations`, { interpolations: ['a'] }, INTERPOLATIONS, 'an array'],
  [`${P}.interpolations.schema`, { interpolations: { schema: 1 } }, 'a string', 'a number'],
  [`${P}.sequelize`, { sequelize: true }, SEQUELIZE, 'a boolean'],
  [`${P}.sequelize.freezeTableName`, { sequelize: { freezeTableName: 'yes' } }, 'a boolean', 'the string "yes"'],
  [`${P}.sequelize.underscored`, { sequelize: { underscored: 1 } }, 'a boolean', 'a number'],
  [`${P}.migrationOrder`, { migrationOrder: 'date' }, ORDER, 'the string "date"'],
  [`${P}.migrationOrder.registry`, { migrationOrder: { registry: 1 } }, REGISTRY, 'a number'],
  [`${P}.migrationOrder.registry`, { migrationOrder: {} }, REGISTRY, 'undefined'],
  [`${P}.scopes[0]`, { scopes: ['api'] }, SCOPE, 'the string "api"'],
  [`${S}.name`, { scopes: [{ name: '', root: 'a' }] }, 'a non-empty string naming the scope', 'the string ""'],
  [`${S}.root`, { scopes: [{ name: 'api', root: 1 }] }, "a directory relative to rootDir ('' or '.' for the root itself)", 'a number'],
  [`${S}.orm`, scope({ orm: false }), ORMS, 'a boolean'],
  [`${S}.models`, scope({ models: 1 }), GLOBS, 'a number'],
  [`${S}.migrations.sqlite`, scope({ migrations: { sqlite: 1 } }), GLOBS, 'a number'],
  [`${S}.ignore[0]`, scope({ ignore: [''] }), 'a non-empty glob string', 'the string ""'],
  [`${S}.markers[0].kind`, scope({ markers: [{ package: 'x', name: 'Y', kind: 1 }] }), "one of 'entity', 'view', 'child'", 'a number'],
  [`${S}.tablePrefix`, scope({ tablePrefix: null }), 'a string', 'null'],
  [`${S}.interpolations.x`, scope({ interpolations: { x: true } }), 'a string', 'a boolean'],
  [`${S}.sequelize.underscored`, scope({ sequelize: { underscored: 'no' } }), 'a boolean', 'the string "no"'],
  [`${S}.migrationOrder.registry`, scope({ migrationOrder: { registry: '' } }), REGISTRY, 'the string ""'],
  [`${P}.scopes[1].name`, { scopes: [{ name: 'a', root: 'a' }, { name: 'a', root: 'b' }] }, 'unique among scopes', 'the string "a"'],
];

describe('a wrong type names the key path and the expected shape', () => {
  for (const [keyPath, raw, shape, got] of wrongTypes) {
    it(keyPath, () => {
      expect(validateSettings(raw)).toEqual({ ok: false, problem: { path: keyPath, message: `${keyPath} must be ${shape} (got ${got}).` } });
    });
  }
  it(P, () => {
    expect(validateSettings(['models'])).toEqual({ ok: false, problem: { path: P, message: `${P} must be an object (got an array).` } });
  });
});

const TOP_KEYS = 'rootDir, cacheLifetime, cacheFingerprint, debug, scopes, orm, models, migrations, ignore, markers, tablePrefix, interpolations, sequelize, migrationOrder';
const SCOPE_KEYS = 'name, root, orm, models, migrations, ignore, markers, tablePrefix, interpolations, sequelize, migrationOrder';

/** [object path, settings with the unknown key, the key, "did you mean" or the known keys]. */
const unknownKeys: [string, Record<string, unknown>, string, string][] = [
  [P, { migration: [] }, 'migration', "Did you mean 'migrations'?"],
  [P, { rootdir: '.' }, 'rootdir', "Did you mean 'rootDir'?"],
  [P, { colour: 'red' }, 'colour', `Known keys: ${TOP_KEYS}.`],
  [S, scope({ model: 'src' }), 'model', "Did you mean 'models'?"],
  [S, scope({ rootDir: '.' }), 'rootDir', "Did you mean 'root'?"],
  [S, scope({ owner: 'team-a' }), 'owner', `Known keys: ${SCOPE_KEYS}.`],
  [`${P}.markers[0]`, { markers: [{ pakage: 'x', name: 'Y' }] }, 'pakage', "Did you mean 'package'?"],
  [`${P}.markers[0]`, { markers: [{ package: 'x', name: 'Y', table: 'z' }] }, 'table', 'Known keys: package, name, kind, orm.'],
  [`${S}.markers[0]`, scope({ markers: [{ package: 'x', name: 'Y', knd: 'view' }] }), 'knd', "Did you mean 'kind'?"],
  [`${P}.sequelize`, { sequelize: { underscore: true } }, 'underscore', "Did you mean 'underscored'?"],
  [`${P}.sequelize`, { sequelize: { timestamps: true } }, 'timestamps', 'Known keys: freezeTableName, underscored.'],
  [`${S}.sequelize`, scope({ sequelize: { freeze: true } }), 'freeze', "Did you mean 'freezeTableName'?"],
  [`${P}.migrationOrder`, { migrationOrder: { registery: 'src/migrations/index.ts' } }, 'registery', "Did you mean 'registry'?"],
  [`${P}.migrationOrder`, { migrationOrder: { registry: 'src/migrations/index.ts', sort: 'name' } }, 'sort', 'Known keys: registry.'],
  [`${S}.migrationOrder`, scope({ migrationOrder: { regsitry: 'index.ts' } }), 'regsitry', "Did you mean 'registry'?"],
];

describe('an unknown key names its path, with a "did you mean" only for a near miss', () => {
  for (const [objectPath, raw, key, hint] of unknownKeys) {
    it(`${objectPath}.${key}`, () => {
      const keyPath = `${objectPath}.${key}`;
      expect(validateSettings(raw)).toEqual({ ok: false, problem: { path: keyPath, message: `${keyPath} is not a known setting. ${hint}` } });
    });
  }

  it('takes any key of migrations (set names) and interpolations (value names)', () => {
    expect(validateSettings({ migrations: { postgres: 'db/pg/*.sql', 'any name': 'db/x/*.sql' }, interpolations: { 'process.env.X': 'x' } }).ok).toBe(true);
  });
});

const OUTSIDE =
  "whose '..' leads outside it). Write it relative to rootDir, or as an absolute path if reading outside rootDir is intended.";

/** [key path, settings, what it must be, where it must stay, the value]. */
const escapes: [string, Record<string, unknown>, string, string, string][] = [
  [`${P}.models`, { models: '../shared/models/**/*.ts' }, 'a glob', 'rootDir', '../shared/models/**/*.ts'],
  [`${P}.models[1]`, { models: ['src/models', 'src/../../elsewhere/*.ts'] }, 'a glob', 'rootDir', 'src/../../elsewhere/*.ts'],
  [`${P}.models[0]`, { models: ['src/**/../../x/*.ts'] }, 'a glob', 'rootDir', 'src/**/../../x/*.ts'],
  [`${P}.migrations[0]`, { migrations: ['..\\db\\*.sql'] }, 'a glob', 'rootDir', '..\\db\\*.sql'],
  [`${P}.migrations.postgres`, { migrations: { postgres: '../db/pg/*.sql' } }, 'a glob', 'rootDir', '../db/pg/*.sql'],
  [`${P}.ignore[0]`, { ignore: ['{src,..}/**'] }, 'a glob', 'rootDir', '{src,..}/**'],
  [`${P}.migrationOrder.registry`, { migrationOrder: { registry: '../registry.ts' } }, 'a file path', 'rootDir', '../registry.ts'],
  [`${S}.root`, { scopes: [{ name: 'api', root: '../api' }] }, 'a directory', 'rootDir', '../api'],
  [`${S}.models`, scope({ models: '../../../models/*.ts' }), 'a glob', 'rootDir', '../../../models/*.ts'],
  [`${S}.migrations.sqlite[0]`, scope({ migrations: { sqlite: ['../../../db/*.sql'] } }), 'a glob', 'rootDir', '../../../db/*.sql'],
  [`${S}.ignore`, scope({ ignore: '../../../**' }), 'a glob', 'rootDir', '../../../**'],
  [`${S}.migrationOrder.registry`, scope({ migrationOrder: { registry: '../../../index.ts' } }), 'a file path', 'rootDir', '../../../index.ts'],
  [`${S}.models`, { scopes: [{ name: 'api', root: '/srv/api', models: '../models/*.ts' }] }, 'a glob', "this scope's root", '../models/*.ts'],
];

describe("a '..' that leads outside rootDir is refused, naming the key path", () => {
  for (const [keyPath, raw, what, inside, value] of escapes) {
    it(`${keyPath}: ${value}`, () => {
      expect(validateSettings(raw)).toEqual({
        ok: false,
        problem: { path: keyPath, message: `${keyPath} must be ${what} that stays inside ${inside} (got the string ${JSON.stringify(value)}, ${OUTSIDE}` },
      });
    });
  }

  it("accepts a '..' that stays inside rootDir (a scope reaching a shared folder) and explicit absolute paths", () => {
    const result = validateSettings({
      models: ['/srv/shared/models/**/*.ts', 'C:\\work\\models\\*.ts'],
      migrations: { postgres: '/srv/db/pg/*.sql' },
      migrationOrder: { registry: '/srv/db/index.ts' },
      scopes: [{ name: 'api', root: 'services/api', migrations: ['../../shared/db/*.sql'], ignore: ['../billing/**'] }, { name: 'ops', root: '/srv/ops' }],
    });
    expect(result.ok).toBe(true);
  });

  it('does not take brace ranges ({1..3}) for a parent directory', () => {
    expect(validateSettings({ migrations: ['db/v{1..3}/*.sql'] }).ok).toBe(true);
  });
});
