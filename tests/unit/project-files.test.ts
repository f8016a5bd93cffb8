import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DirectoryListingCache } from '../../src/project/fileStateCache.js';
import { createGlobMatcher } from '../../src/project/globMatcher.js';
import { listProjectFiles } from '../../src/project/listProjectFiles.js';
import { compareMigrationPaths } from '../../src/project/migrationOrder.js';
import { inferSingleRun } from '../../src/project/singleRun.js';
import { copyFixtureToTemp } from '../support/tempProject.js';

function list(root: string, globs: string[], ignore: string[] = []): string[] {
  return listProjectFiles({
    rootDir: root.replaceAll('\\', '/'),
    globs,
    include: createGlobMatcher(globs),
    ignore: createGlobMatcher(ignore),
    listings: new DirectoryListingCache(),
  }).sort();
}

describe('listProjectFiles', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('answers a repeated listing from its last walk only while every directory it walked is unchanged', () => {
    const project = copyFixtureToTemp('typeorm-basic');
    cleanup = project.remove;
    const listings = new DirectoryListingCache();
    const globs = ['src/models/**/*.ts'];
    const again = (): string[] =>
      listProjectFiles({ rootDir: project.root.replaceAll('\\', '/'), globs, include: createGlobMatcher(globs), ignore: createGlobMatcher([]), listings }).sort();
    const first = again();
    expect(again()).toEqual(first);
    mkdirSync(path.join(project.root, 'src/models/billing/deep'), { recursive: true });
    writeFileSync(path.join(project.root, 'src/models/billing/deep/Invoice.ts'), '');
    expect(again()).toEqual([...first, 'src/models/billing/deep/Invoice.ts'].sort());
    rmSync(path.join(project.root, 'src/models/billing'), { recursive: true });
    expect(again()).toEqual(first);
    rmSync(path.join(project.root, 'src/models'), { recursive: true });
    expect(again()).toEqual([]);
    mkdirSync(path.join(project.root, 'src/models'));
    writeFileSync(path.join(project.root, 'src/models/User.ts'), '');
    expect(again()).toEqual(['src/models/User.ts']);
  });

  it('lists only files the globs match, below the glob base', () => {
    const project = copyFixtureToTemp('typeorm-basic');
    cleanup = project.remove;
    expect(list(project.root, ['src/migrations/*.sql'])).toEqual(['src/migrations/1700000000300-rebuild-orders.sql']);
    expect(list(project.root, ['src/models/**/*.ts'], ['src/models/Bill.ts'])).toEqual([
      'src/models/Order.ts',
      'src/models/OrderAuditLog.ts',
      'src/models/Payment.ts',
      'src/models/User.ts',
    ]);
  });

  it('treats a plain directory path as everything under it', () => {
    const project = copyFixtureToTemp('typeorm-basic');
    cleanup = project.remove;
    expect(list(project.root, ['src/legacy'])).toEqual(['src/legacy/LegacyItem.ts']);
  });

  it('returns nothing for a base that does not exist', () => {
    const project = copyFixtureToTemp('typeorm-basic');
    cleanup = project.remove;
    expect(list(project.root, ['db/migrations/**/*.sql'])).toEqual([]);
  });

  it('skips node_modules and survives a symlink loop, listing each file once', () => {
    const project = copyFixtureToTemp('typeorm-basic');
    cleanup = project.remove;
    const nested = path.join(project.root, 'db/a');
    mkdirSync(path.join(project.root, 'db/node_modules/pkg'), { recursive: true });
    mkdirSync(nested, { recursive: true });
    writeFileSync(path.join(project.root, 'db/node_modules/pkg/x.sql'), 'CREATE TABLE x (id int);');
    writeFileSync(path.join(nested, '001.sql'), 'CREATE TABLE y (id int);');
    symlinkSync(path.join(project.root, 'db'), path.join(nested, 'loop'));
    expect(list(project.root, ['db/**/*.sql'])).toEqual(['db/a/001.sql']);
  });
});

describe('compareMigrationPaths', () => {
  it('orders by the leading number numerically, then by name', () => {
    const files = ['m/10_c.sql', 'm/2_b.sql', 'm/0001_a.sql', 'm/1700000000000-B.ts', 'm/999-x.ts', 'm/README.sql'];
    expect([...files].sort(compareMigrationPaths)).toEqual([
      'm/0001_a.sql',
      'm/2_b.sql',
      'm/10_c.sql',
      'm/999-x.ts',
      'm/1700000000000-B.ts',
      'm/README.sql',
    ]);
  });
});

describe('inferSingleRun', () => {
  it('follows ORM_GUARD_SINGLE_RUN, then TSESTREE_SINGLE_RUN', () => {
    expect(inferSingleRun({ ORM_GUARD_SINGLE_RUN: 'false', CI: 'true' }, ['node', 'x'])).toBe(false);
    expect(inferSingleRun({ TSESTREE_SINGLE_RUN: 'true' }, ['node', 'x'])).toBe(true);
  });

  it('treats CI and the eslint binary as single runs, except with --fix', () => {
    expect(inferSingleRun({ CI: 'true' }, ['node', 'vitest'])).toBe(true);
    expect(inferSingleRun({}, ['node', '/p/node_modules/.bin/eslint', '.'])).toBe(true);
    expect(inferSingleRun({}, ['node', '/p/node_modules/.bin/eslint', '--fix'])).toBe(false);
  });

  it("treats a worker thread of ESLint's --concurrency as a single run", () => {
    expect(inferSingleRun({}, ['node', '/p/node_modules/eslint/lib/eslint/worker.js'])).toBe(true);
  });

  it('assumes a long-lived process otherwise (editor, daemon)', () => {
    expect(inferSingleRun({}, ['node', '/ext/eslintServer.js'])).toBe(false);
  });
});
