import { describe, expect, it } from 'vitest';
import { validateSettings } from '../../src/settings/validateSettings.js';

const P = "settings['orm-guard']";

describe('validateSettings', () => {
  it('accepts no settings at all, with defaults', () => {
    expect(validateSettings(undefined)).toEqual({
      ok: true,
      settings: { rootDir: undefined, orm: 'typeorm', models: [], migrations: [], ignore: [], markers: [], cacheLifetime: undefined, debug: false },
    });
  });

  it('accepts a single glob string as a list of one', () => {
    const result = validateSettings({ models: 'src/models/**', migrations: ['db/*.sql'] });
    expect(result.ok && result.settings.models).toEqual(['src/models/**']);
  });

  it('defaults marker kind to entity', () => {
    const result = validateSettings({ markers: [{ package: '@acme/typeorm', name: 'Entity' }] });
    expect(result.ok && result.settings.markers).toEqual([{ package: '@acme/typeorm', name: 'Entity', kind: 'entity' }]);
  });

  it('validates each settings object once', () => {
    const raw = { models: ['src/models/**'] };
    expect(validateSettings(raw)).toBe(validateSettings(raw));
  });

  const invalid: [string, unknown, string, string][] = [
    ['a non-object', 'src', P, `${P} must be an object (got the string "src").`],
    ['models of the wrong type', { models: 1 }, `${P}.models`, `${P}.models must be a glob string or an array of glob strings (got a number).`],
    ['an empty glob', { migrations: ['db/*.sql', ''] }, `${P}.migrations[1]`, `${P}.migrations[1] must be a non-empty glob string (got the string "").`],
    ['an unknown orm', { orm: 'prisma' }, `${P}.orm`, `${P}.orm must be one of 'typeorm' (got the string "prisma").`],
    ['a near-miss key', { migration: [] }, `${P}.migration`, `${P}.migration is not a known setting. Did you mean 'migrations'?`],
    [
      'an unrelated key',
      { colour: 'red' },
      `${P}.colour`,
      `${P}.colour is not a known setting. Known keys: rootDir, orm, models, migrations, ignore, markers, cacheLifetime, debug.`,
    ],
    ['a marker without a name', { markers: [{ package: 'x' }] }, `${P}.markers[0].name`, `${P}.markers[0].name must be an exported decorator name string (got a undefined).`],
    ['a marker of an unknown kind', { markers: [{ package: 'x', name: 'Y', kind: 'table' }] }, `${P}.markers[0].kind`, `${P}.markers[0].kind must be one of 'entity', 'view', 'child' (got the string "table").`],
    ['a negative cache lifetime', { cacheLifetime: -1 }, `${P}.cacheLifetime`, `${P}.cacheLifetime must be a number of milliseconds ≥ 0 (Infinity never revalidates) (got a number).`],
    ['an empty rootDir', { rootDir: '' }, `${P}.rootDir`, `${P}.rootDir must be a directory path string (e.g. import.meta.dirname) (got the string "").`],
    ['a non-boolean debug', { debug: 'yes' }, `${P}.debug`, `${P}.debug must be a boolean (got the string "yes").`],
  ];
  for (const [what, raw, path, message] of invalid) {
    it(`rejects ${what}, naming the key path`, () => {
      expect(validateSettings(raw)).toEqual({ ok: false, problem: { path, message } });
    });
  }
});
