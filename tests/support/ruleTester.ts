import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

export { RuleTester };

export const FIXTURES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** Absolute path of a file in a fixture project (it need not exist: the text may be given inline). */
export function fixturePath(project: string, relativePath: string): string {
  return path.join(FIXTURES_DIR, project, relativePath);
}

/** A test case that lints a fixture file as it is on disk. */
export function fixtureFile(project: string, relativePath: string): { filename: string; code: string } {
  const filename = fixturePath(project, relativePath);
  return { filename, code: readFileSync(filename, 'utf8') };
}

/** The usual settings of a fixture project: models in src/models, migrations in src/migrations. */
export function fixtureSettings(project: string, overrides: Record<string, unknown> = {}): { 'orm-guard': Record<string, unknown> } {
  return {
    'orm-guard': {
      rootDir: path.join(FIXTURES_DIR, project),
      orm: 'typeorm',
      models: ['src/models/**/*.ts'],
      migrations: ['src/migrations/*.{ts,sql}'],
      ...overrides,
    },
  };
}
