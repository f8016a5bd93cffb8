import { mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  changeCount,
  enableDirectoryWatch,
  isWatching,
  observeDirectory,
  observeParentOf,
  resetDirectoryWatch,
  watchedDirectoryCount,
} from '../../src/project/directoryWatch.js';
import { ScopeIndex } from '../../src/project/projectIndex.js';
import { toPosixPath } from '../../src/settings/resolveRootDir.js';
import { validateSettings } from '../../src/settings/validateSettings.js';
import { copyFixtureToTemp } from '../support/tempProject.js';

/**
 * Turns of the event loop until the counter moves: events arrive asynchronously, and how many
 * turns that takes is the kernel's business. No time is asserted; the bound only ends a broken run.
 */
async function turnsUntilChanged(before: number): Promise<number> {
  for (let turn = 1; turn <= 10_000; turn++) {
    await nextTurn();
    if (changeCount() !== before) return turn;
  }
  return Infinity;
}

const supported = process.platform !== 'win32';

describe.runIf(supported)('directory watching (long-lived processes)', () => {
  let project: { root: string; remove: () => void };

  beforeEach(() => {
    project = copyFixtureToTemp('typeorm-basic');
    enableDirectoryWatch();
  });

  afterEach(() => {
    resetDirectoryWatch();
    project.remove();
  });

  it('counts a change to a file in a watched directory, then forgets the watcher until asked again', async () => {
    const migrations = path.join(project.root, 'src/migrations');
    observeParentOf(path.join(migrations, '1700000000000-CreateUsers.ts'));
    expect(isWatching()).toBe(true);
    expect(watchedDirectoryCount()).toBe(1);
    const before = changeCount();
    writeFileSync(path.join(migrations, '1700000000000-CreateUsers.ts'), '// edited\n');
    expect(await turnsUntilChanged(before)).toBeLessThan(Infinity);
    // One-shot: the revalidation that follows watches again whatever it still looks at.
    expect(watchedDirectoryCount()).toBe(0);
    observeDirectory(migrations);
    expect(watchedDirectoryCount()).toBe(1);
  });

  it('watches the nearest existing parent of a missing directory, so creating it is a change', async () => {
    const missing = path.join(project.root, 'src/later/deeper');
    observeDirectory(missing);
    expect(watchedDirectoryCount()).toBe(1);
    const before = changeCount();
    mkdirSync(path.join(project.root, 'src/later'));
    expect(await turnsUntilChanged(before)).toBeLessThan(Infinity);
    observeDirectory(missing);
    // `src/later` now exists and is watched; `deeper` is still missing.
    expect(watchedDirectoryCount()).toBe(1);
    const again = changeCount();
    mkdirSync(missing);
    expect(await turnsUntilChanged(again)).toBeLessThan(Infinity);
  });

  it('counts the deletion of a watched directory', async () => {
    const models = path.join(project.root, 'src/models');
    observeDirectory(models);
    const before = changeCount();
    rmSync(models, { recursive: true });
    expect(await turnsUntilChanged(before)).toBeLessThan(Infinity);
  });

  it('watches nothing until enabled, and nothing after a reset', () => {
    resetDirectoryWatch();
    observeDirectory(project.root);
    expect(watchedDirectoryCount()).toBe(0);
    expect(isWatching()).toBe(false);
  });
});

describe.runIf(supported)('a long-lived index with the default lifetime', () => {
  const previousSingleRun = process.env.ORM_GUARD_SINGLE_RUN;
  let project: { root: string; remove: () => void };

  beforeEach(() => {
    process.env.ORM_GUARD_SINGLE_RUN = 'false';
    project = copyFixtureToTemp('typeorm-basic');
  });

  afterEach(() => {
    if (previousSingleRun === undefined) delete process.env.ORM_GUARD_SINGLE_RUN;
    else process.env.ORM_GUARD_SINGLE_RUN = previousSingleRun;
    resetDirectoryWatch();
    project.remove();
  });

  function createIndex(cacheLifetime: number | undefined): ScopeIndex {
    const root = toPosixPath(realpathSync(project.root));
    const validated = validateSettings({ rootDir: root, models: ['src/models/**/*.ts'], migrations: ['src/migrations/*'], cacheLifetime });
    if (!validated.ok) throw new Error(validated.problem.message);
    return new ScopeIndex(root, validated.settings.topLevel, { projectRoot: root, cacheLifetime, debug: false });
  }

  function tableNames(index: ScopeIndex): string[] {
    index.refresh();
    const [set] = index.scope().migrationSets;
    if (set === undefined) throw new Error('no migration set');
    return index.migrations(set).schema.tables.map((table) => table.ref.name);
  }

  const addMigration = (root: string): void => {
    writeFileSync(path.join(root, 'src/migrations/1800000000000-add-audit.sql'), 'CREATE TABLE audit (id int);\n');
  };

  it('skips the stats while nothing changed, and sees a change once the event loop has delivered it', async () => {
    const index = createIndex(undefined);
    expect(tableNames(index)).not.toContain('audit');
    expect(watchedDirectoryCount()).toBeGreaterThan(0);
    const before = changeCount();
    addMigration(project.root);
    // Same tick, no event delivered yet: the index trusts its watchers and does not stat. This is
    // the documented limit; an editor's next lint request always arrives after the event.
    expect(tableNames(index)).not.toContain('audit');
    expect(await turnsUntilChanged(before)).toBeLessThan(Infinity);
    expect(tableNames(index)).toContain('audit');
  });

  it('with cacheLifetime 0 stats before every lint and sees the change in the same tick', () => {
    const index = createIndex(0);
    expect(tableNames(index)).not.toContain('audit');
    expect(watchedDirectoryCount()).toBe(0);
    addMigration(project.root);
    expect(tableNames(index)).toContain('audit');
  });
});
