import { describe, expect, it } from 'vitest';
import type { ScopeConfig } from '../../src/settings/settingsShape.js';
import { validateSettings } from '../../src/settings/validateSettings.js';

const P = "settings['orm-guard']";

const EMPTY_SCOPE: ScopeConfig = {
  name: undefined,
  settingsPath: P,
  root: '',
  orms: [],
  models: undefined,
  migrationSets: undefined,
  ignore: [],
  markers: [],
  tablePrefix: undefined,
  interpolations: {},
  sequelize: {},
  migrationOrder: { kind: 'auto' },
};

function settingsOf(raw: unknown) {
  const result = validateSettings(raw);
  if (!result.ok) throw new Error(result.problem.message);
  return result.settings;
}

describe('validateSettings', () => {
  it('accepts no settings at all: everything is inferred', () => {
    expect(settingsOf(undefined)).toEqual({ rootDir: undefined, cacheLifetime: undefined, debug: false, topLevel: EMPTY_SCOPE, scopes: [] });
  });

  it('reads a single glob string as a list of one, and migrations as one unnamed set', () => {
    const { topLevel } = settingsOf({ models: 'src/models/**', migrations: ['db/*.sql'] });
    expect(topLevel.models).toEqual(['src/models/**']);
    expect(topLevel.migrationSets).toEqual([{ name: undefined, globs: ['db/*.sql'] }]);
  });

  it('reads an object of glob lists as named migration sets', () => {
    const { topLevel } = settingsOf({ migrations: { sqlite: 'db/sqlite/*.sql', postgres: ['db/pg/*.sql'] } });
    expect(topLevel.migrationSets).toEqual([
      { name: 'sqlite', globs: ['db/sqlite/*.sql'] },
      { name: 'postgres', globs: ['db/pg/*.sql'] },
    ]);
  });

  it('reads an empty migrations list as "no migrations", not "infer them"', () => {
    expect(settingsOf({ migrations: [] }).topLevel.migrationSets).toEqual([]);
  });

  it('defaults marker kind to entity', () => {
    expect(settingsOf({ markers: [{ package: '@acme/typeorm', name: 'Entity' }] }).topLevel.markers).toEqual([
      { package: '@acme/typeorm', name: 'Entity', kind: 'entity', orm: 'typeorm' },
    ]);
  });

  it('lets scopes inherit shared keys from the top level but not models or migrations', () => {
    const settings = settingsOf({
      models: ['src/models/**'],
      ignore: ['**/fixtures/**'],
      markers: [{ package: '@acme/db', name: 'Model' }],
      tablePrefix: 'app_',
      interpolations: { 'process.env.SCHEMA': 'app' },
      sequelize: { freezeTableName: true },
      scopes: [{ name: 'billing', root: './services/billing/', ignore: ['legacy/**'], sequelize: { underscored: true } }],
    });
    expect(settings.scopes).toEqual([
      {
        ...EMPTY_SCOPE,
        name: 'billing',
        settingsPath: `${P}.scopes[0]`,
        root: 'services/billing',
        ignore: ['**/fixtures/**', 'legacy/**'],
        markers: [{ package: '@acme/db', name: 'Model', kind: 'entity', orm: 'typeorm' }],
        tablePrefix: 'app_',
        interpolations: { 'process.env.SCHEMA': 'app' },
        sequelize: { freezeTableName: true, underscored: true },
      },
    ]);
  });

  it('reads orm as auto, one ORM or a list', () => {
    expect(settingsOf({ orm: 'auto' }).topLevel.orms).toEqual([]);
    expect(settingsOf({ orm: 'drizzle' }).topLevel.orms).toEqual(['drizzle']);
    expect(settingsOf({ orm: ['typeorm', 'knex'] }).topLevel.orms).toEqual(['typeorm', 'knex']);
  });

  it('reads a registry migration order', () => {
    expect(settingsOf({ migrationOrder: { registry: 'src/migrations/index.ts' } }).topLevel.migrationOrder).toEqual({
      kind: 'registry',
      file: 'src/migrations/index.ts',
    });
  });

  it('validates each settings object once', () => {
    const raw = { models: ['src/models/**'] };
    expect(validateSettings(raw)).toBe(validateSettings(raw));
  });

  const ORMS = "'auto', or one or a list of 'typeorm', 'mikro-orm', 'sequelize', 'sequelize-typescript', 'drizzle', 'objection', 'knex', 'prisma'";
  const invalid: [string, unknown, string, string][] = [
    ['a non-object', 'src', P, `${P} must be an object (got the string "src").`],
    ['models of the wrong type', { models: 1 }, `${P}.models`, `${P}.models must be a glob string or an array of glob strings (got a number).`],
    ['an empty glob', { migrations: ['db/*.sql', ''] }, `${P}.migrations[1]`, `${P}.migrations[1] must be a non-empty glob string (got the string "").`],
    ['a migration set of the wrong type', { migrations: { pg: 3 } }, `${P}.migrations.pg`, `${P}.migrations.pg must be a glob string or an array of glob strings (got a number).`],
    ['an unknown orm', { orm: 'hibernate' }, `${P}.orm`, `${P}.orm must be ${ORMS} (got the string "hibernate").`],
    ['an unknown orm in a list', { orm: ['typeorm', 'ef'] }, `${P}.orm[1]`, `${P}.orm[1] must be ${ORMS} (got the string "ef").`],
    ['a near-miss key', { migration: [] }, `${P}.migration`, `${P}.migration is not a known setting. Did you mean 'migrations'?`],
    [
      'an unrelated key',
      { colour: 'red' },
      `${P}.colour`,
      `${P}.colour is not a known setting. Known keys: rootDir, cacheLifetime, cacheFingerprint, debug, scopes, orm, models, migrations, ignore, markers, tablePrefix, interpolations, sequelize, migrationOrder.`,
    ],
    ['a marker without a name', { markers: [{ package: 'x' }] }, `${P}.markers[0].name`, `${P}.markers[0].name must be an exported decorator name string (got undefined).`],
    ['a marker of an unknown kind', { markers: [{ package: 'x', name: 'Y', kind: 'table' }] }, `${P}.markers[0].kind`, `${P}.markers[0].kind must be one of 'entity', 'view', 'child' (got the string "table").`],
    ['a negative cache lifetime', { cacheLifetime: -1 }, `${P}.cacheLifetime`, `${P}.cacheLifetime must be a number of milliseconds ≥ 0 (Infinity never revalidates) (got a number).`],
    ['an empty rootDir', { rootDir: '' }, `${P}.rootDir`, `${P}.rootDir must be a directory path string (e.g. import.meta.dirname) (got the string "").`],
    ['a non-boolean debug', { debug: 'yes' }, `${P}.debug`, `${P}.debug must be a boolean (got the string "yes").`],
    ['a non-string interpolation value', { interpolations: { prefix: 1 } }, `${P}.interpolations.prefix`, `${P}.interpolations.prefix must be a string (got a number).`],
    ['an unknown sequelize key', { sequelize: { freeze: true } }, `${P}.sequelize.freeze`, `${P}.sequelize.freeze is not a known setting. Did you mean 'freezeTableName'?`],
    [
      'a migration order that is not a registry',
      { migrationOrder: 'date' },
      `${P}.migrationOrder`,
      `${P}.migrationOrder must be 'auto', or { registry: 'path/to/migrations/index.ts' } (a file whose array lists the migrations in order) (got the string "date").`,
    ],
    ['a scope without a name', { scopes: [{ root: 'a' }] }, `${P}.scopes[0].name`, `${P}.scopes[0].name must be a non-empty string naming the scope (got undefined).`],
    ['a scope without a root', { scopes: [{ name: 'a' }] }, `${P}.scopes[0].root`, `${P}.scopes[0].root must be a directory relative to rootDir ('' or '.' for the root itself) (got undefined).`],
    ['a scope with an unknown key', { scopes: [{ name: 'a', root: 'a', rootDir: 'x' }] }, `${P}.scopes[0].rootDir`, `${P}.scopes[0].rootDir is not a known setting. Did you mean 'root'?`],
    ['two scopes with one name', { scopes: [{ name: 'a', root: 'a' }, { name: 'a', root: 'b' }] }, `${P}.scopes[1].name`, `${P}.scopes[1].name must be unique among scopes (got the string "a").`],
  ];
  for (const [what, raw, path, message] of invalid) {
    it(`rejects ${what}, naming the key path`, () => {
      expect(validateSettings(raw)).toEqual({ ok: false, problem: { path, message } });
    });
  }
});
