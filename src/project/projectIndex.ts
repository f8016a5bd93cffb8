import type { MigrationEvent, MigrationFileFacts, SkippedStatement } from '../schema/ddlEvent.js';
import { replayMigrations, type ReplayedSchema } from '../schema/replayMigrations.js';
import type { ProjectSettings } from '../settings/settingsShape.js';
import { readMigrationFile } from '../migrations/readMigrationFile.js';
import { debugLog, isDebugEnabled } from './debugLog.js';
import { DirectoryListingCache, FileFactsCache } from './fileStateCache.js';
import { createGlobMatcher } from './globMatcher.js';
import { listProjectFiles } from './listProjectFiles.js';
import { compareMigrationPaths } from './migrationOrder.js';
import { inferSingleRun } from './singleRun.js';

/** A migrations-glob file that could not be read: named in the messages it could affect. */
export interface UnreadableFile {
  readonly file: string;
  readonly reason: string;
}

export interface SkippedInFile extends SkippedStatement {
  readonly file: string;
}

/** The migrations side of the project as of the last revalidation. */
export interface MigrationsSnapshot {
  readonly schema: ReplayedSchema;
  /** Root-relative paths of the files read as migrations, in replay order. */
  readonly migrationFiles: readonly string[];
  readonly unreadable: readonly UnreadableFile[];
  readonly skipped: readonly SkippedInFile[];
}

interface ReadMigration {
  readonly file: string;
  readonly facts: MigrationFileFacts;
}

/**
 * Everything the rules need to know about files other than the one being linted, built once per
 * process and revalidated cheaply: directory listings by directory mtime, files by mtime + size.
 * Keeps facts only, never ASTs.
 */
export class ProjectIndex {
  readonly #listings = new DirectoryListingCache();
  readonly #migrationFacts = new FileFactsCache<MigrationFileFacts>(
    (absolutePath, text) => readMigrationFile(absolutePath, text),
    (reason) => ({ kind: 'unreadable', reason }),
  );
  readonly #lifetimeMs: number;
  #checkedAt = -Infinity;
  #lastRead: readonly ReadMigration[] = [];
  #snapshot: MigrationsSnapshot | undefined;

  constructor(readonly settings: ProjectSettings) {
    this.#lifetimeMs = settings.cacheLifetime ?? (inferSingleRun() ? Infinity : 0);
  }

  /** The replayed migrations, revalidated against the disk when the cache lifetime has passed. */
  migrations(): MigrationsSnapshot {
    const now = Date.now();
    if (this.#snapshot !== undefined && now - this.#checkedAt < this.#lifetimeMs) return this.#snapshot;
    this.#checkedAt = now;
    const read = this.#readMigrations();
    if (this.#snapshot === undefined || !sameReads(read, this.#lastRead)) {
      this.#lastRead = read;
      this.#snapshot = buildSnapshot(read);
      if (isDebugEnabled(this.settings)) logSnapshot(this.settings, read, this.#snapshot);
    }
    return this.#snapshot;
  }

  #readMigrations(): ReadMigration[] {
    const { rootDir, migrations, ignore } = this.settings;
    const files = listProjectFiles({
      rootDir,
      globs: migrations,
      include: createGlobMatcher(migrations),
      ignore: createGlobMatcher(ignore),
      listings: this.#listings,
    }).sort(compareMigrationPaths);
    const read: ReadMigration[] = [];
    const seen = new Set<string>();
    for (const file of files) {
      const absolutePath = `${rootDir}/${file}`;
      seen.add(absolutePath);
      const facts = this.#migrationFacts.get(absolutePath);
      if (facts !== undefined) read.push({ file, facts });
    }
    this.#migrationFacts.retainOnly(seen);
    return read;
  }
}

/** Facts objects are reused from the cache when a file is unchanged, so identity means "unchanged". */
function sameReads(a: readonly ReadMigration[], b: readonly ReadMigration[]): boolean {
  return a.length === b.length && a.every((entry, index) => entry.file === b[index]?.file && entry.facts === b[index]?.facts);
}

function buildSnapshot(read: readonly ReadMigration[]): MigrationsSnapshot {
  const replayInputs: { file: string; events: readonly MigrationEvent[] }[] = [];
  const unreadable: UnreadableFile[] = [];
  const skipped: SkippedInFile[] = [];
  for (const { file, facts } of read) {
    if (facts.kind === 'unreadable') unreadable.push({ file, reason: facts.reason });
    if (facts.kind !== 'migration') continue;
    replayInputs.push({ file, events: facts.events });
    for (const skip of facts.skipped) skipped.push({ file, ...skip });
  }
  return {
    schema: replayMigrations(replayInputs),
    migrationFiles: replayInputs.map((input) => input.file),
    unreadable,
    skipped,
  };
}

function logSnapshot(settings: ProjectSettings, read: readonly ReadMigration[], snapshot: MigrationsSnapshot): void {
  debugLog(`project ${settings.rootDir}: migrations globs ${settings.migrations.join(', ') || '(none)'}`);
  for (const { file, facts } of read) {
    const detail = facts.kind === 'migration' ? `${facts.events.length} DDL events` : facts.kind === 'unreadable' ? facts.reason : '';
    debugLog(`  ${facts.kind.padEnd(15)} ${file}${detail === '' ? '' : ` (${detail})`}`);
  }
  const tables = snapshot.schema.tables.map((table) => (table.ref.schema === undefined ? table.ref.name : `${table.ref.schema}.${table.ref.name}`));
  debugLog(`  tables after replay (${tables.length}): ${tables.sort().join(', ')}`);
}

// One index per (root, settings, plugin version): the settings are part of the key because two
// configs may point the same root at different migrations.
const indexes = new Map<string, ProjectIndex>();

export function getProjectIndex(settings: ProjectSettings, pluginVersion: string): ProjectIndex {
  const key = `${pluginVersion}\u0000${JSON.stringify(settings)}`;
  let index = indexes.get(key);
  if (index === undefined) {
    index = new ProjectIndex(settings);
    indexes.set(key, index);
  }
  return index;
}

/** Drops every cached index, listing and file fact (for tests and tools that embed ESLint). */
export function clearProjectIndexes(): void {
  indexes.clear();
}
