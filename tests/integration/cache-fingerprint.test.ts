import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheFingerprint } from '../../src/index.js';
import { copyFixtureToTemp } from '../support/tempProject.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUILT_PLUGIN = pathToFileURL(path.join(ROOT, 'dist/src/index.js')).href;
const ESLINT_BIN = path.join(path.dirname(createRequire(import.meta.url).resolve('eslint/package.json')), 'bin/eslint.js');

const SUBSCRIPTION = "import { Entity } from 'typeorm';\n\n@Entity('subscriptions')\nexport class Subscription {}\n";
const CREATE_SUBSCRIPTIONS = [
  "import type { MigrationInterface, QueryRunner } from 'typeorm';",
  'export class CreateSubscriptions1800000000000 implements MigrationInterface {',
  '  public async up(queryRunner: QueryRunner): Promise<void> {',
  "    await queryRunner.query('CREATE TABLE \"subscriptions\" (id int)');",
  '  }',
  '}',
  '',
].join('\n');

/** A flat config using the built plugin, with or without the fingerprint in its settings. */
function eslintConfig(withFingerprint: boolean): string {
  return [
    `import ormGuard, { cacheFingerprint } from ${JSON.stringify(BUILT_PLUGIN)};`,
    "const settings = { rootDir: import.meta.dirname, models: ['src/models/**/*.ts'], migrations: ['src/migrations/*.{ts,sql}'] };",
    'export default [',
    '  ormGuard.configs.recommended,',
    withFingerprint ? "  { settings: { 'orm-guard': { ...settings, cacheFingerprint: cacheFingerprint(settings) } } }," : "  { settings: { 'orm-guard': settings } },",
    '];',
    '',
  ].join('\n');
}

function lintWithCache(root: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [ESLINT_BIN, '--cache', '--cache-location', path.join(root, '.eslintcache'), 'src/models/Subscription.ts'], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("ESLint's --cache and cross-file results", () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  function projectWithSubscription(withFingerprint: boolean): { root: string; migration: string } {
    const project = copyFixtureToTemp('typeorm-basic');
    cleanup = project.remove;
    writeFileSync(path.join(project.root, 'src/models/Subscription.ts'), SUBSCRIPTION);
    const migration = path.join(project.root, 'src/migrations/1800000000000-CreateSubscriptions.ts');
    writeFileSync(migration, CREATE_SUBSCRIPTIONS);
    writeFileSync(path.join(project.root, 'eslint.config.mjs'), eslintConfig(withFingerprint));
    return { root: project.root, migration };
  }

  it('with cacheFingerprint, deleting a migration makes the entity error appear on the next cached run', () => {
    const { root, migration } = projectWithSubscription(true);
    expect(lintWithCache(root)).toMatchObject({ status: 0 });
    rmSync(migration);
    const second = lintWithCache(root);
    expect(second.status).toBe(1);
    expect(second.output).toContain("Entity 'Subscription' maps to table 'subscriptions', but no migration creates it");
  });

  it('without it, the cached green result survives the deletion (the limit the fingerprint exists for)', () => {
    const { root, migration } = projectWithSubscription(false);
    expect(lintWithCache(root)).toMatchObject({ status: 0 });
    rmSync(migration);
    expect(lintWithCache(root)).toMatchObject({ status: 0 });
  });
});

describe('cacheFingerprint', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('changes when a migration or model is added, edited or deleted, and only then', () => {
    const project = copyFixtureToTemp('typeorm-basic');
    cleanup = project.remove;
    const settings = { rootDir: project.root, models: ['src/models/**/*.ts'], migrations: ['src/migrations/*.{ts,sql}'] };
    const fingerprints = [cacheFingerprint(settings)];
    expect(cacheFingerprint(settings)).toBe(fingerprints[0]);
    const migration = path.join(project.root, 'src/migrations/1800000000000-X.sql');
    writeFileSync(migration, 'CREATE TABLE x (id int);');
    fingerprints.push(cacheFingerprint(settings));
    writeFileSync(migration, 'CREATE TABLE y (id int, name text);');
    fingerprints.push(cacheFingerprint(settings));
    rmSync(migration);
    fingerprints.push(cacheFingerprint(settings));
    writeFileSync(path.join(project.root, 'src/models/Extra.ts'), SUBSCRIPTION);
    fingerprints.push(cacheFingerprint(settings));
    writeFileSync(path.join(project.root, 'README.md'), 'not an input');
    fingerprints.push(cacheFingerprint(settings));
    const [initial, added, edited, deleted, modelAdded, unrelated] = fingerprints;
    expect(added).not.toBe(initial);
    expect(edited).not.toBe(added);
    // The same inputs as at first: the same fingerprint, so ESLint's cache entries are valid again.
    expect(deleted).toBe(initial);
    expect(modelAdded).not.toBe(deleted);
    expect(unrelated).toBe(modelAdded);
  });

  it('returns a fingerprint of the problem for invalid settings instead of throwing', () => {
    expect(cacheFingerprint({ models: 42 })).toMatch(/^[0-9a-f]{32}$/u);
  });
});
