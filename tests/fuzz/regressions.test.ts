/** Failures the fuzz suite found and that are fixed: each stays as a named test. */
import { describe, expect, it } from 'vitest';
import { validateSettings } from '../../src/settings/validateSettings.js';

const P = "settings['orm-guard']";

function problemOf(raw: unknown): { path: string; message: string } | undefined {
  const result = validateSettings(raw);
  return result.ok ? undefined : result.problem;
}

describe('fuzz regressions: validateSettings', () => {
  // Found by "edited valid settings" (seed 20251104): Array.prototype.map skips holes, so a
  // stray comma in a config file (`['a', , 'b']`) passed validation and left a hole in the list.
  it('rejects a hole in a glob list instead of returning a list with a hole', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(problemOf({ models: ['src/models/**', , 'src/entities/**'] })).toEqual({
      path: `${P}.models[1]`,
      message: `${P}.models[1] must be a non-empty glob string (got undefined).`,
    });
  });

  it('rejects a hole in a named migration set', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(problemOf({ migrations: { postgres: [, 'db/*.sql'] } })?.path).toBe(`${P}.migrations.postgres[0]`);
  });

  it('rejects a hole in markers, orm lists and scopes', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(problemOf({ markers: [, { package: '@acme/db', name: 'Model' }] })?.path).toBe(`${P}.markers[0]`);
    // eslint-disable-next-line no-sparse-arrays
    expect(problemOf({ orm: ['typeorm', , 'knex'] })?.path).toBe(`${P}.orm[1]`);
    // eslint-disable-next-line no-sparse-arrays
    expect(problemOf({ scopes: [{ name: 'api', root: 'api' }, ,] })?.path).toBe(`${P}.scopes[1]`);
  });

  it('still accepts the same lists without holes', () => {
    const result = validateSettings({ models: ['src/models/**', 'src/entities/**'], orm: ['typeorm', 'knex'] });
    expect(result.ok && result.settings.topLevel.models).toEqual(['src/models/**', 'src/entities/**']);
    expect(result.ok && result.settings.topLevel.orms).toEqual(['typeorm', 'knex']);
  });
});
