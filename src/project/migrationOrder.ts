/** What migration files are ordered by: the file name, and its leading number without leading zeros. */
interface MigrationSortKey {
  readonly path: string;
  readonly name: string;
  readonly number: string | undefined;
}

function migrationSortKey(path: string): MigrationSortKey {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return { path, name, number: /^\d+/u.exec(name)?.[0].replace(/^0+(?=\d)/u, '') };
}

function compareSortKeys(a: MigrationSortKey, b: MigrationSortKey): number {
  if (a.number !== undefined && b.number !== undefined) {
    // Digit strings without leading zeros compare as numbers by length, then character by character.
    if (a.number.length !== b.number.length) return a.number.length - b.number.length;
    if (a.number !== b.number) return a.number < b.number ? -1 : 1;
  }
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/**
 * Orders migration files the way their runners do for timestamp-named files: by the leading
 * number of the file name (`1700000000000-CreateUsers.ts`, `001_init.sql`), numerically, then by
 * name, then by path (Prisma's `<timestamp>_name/migration.sql` folders order by folder).
 */
export function compareMigrationPaths(a: string, b: string): number {
  return compareSortKeys(migrationSortKey(a), migrationSortKey(b));
}

export interface OrderSources {
  /** drizzle-kit: the tags of `<dir>/meta/_journal.json` in journal order, if that journal exists. */
  readonly journalTags: (directory: string) => readonly string[] | undefined;
  /** Root-relative files listed by a registry array, in its order (the `migrationOrder` setting). */
  readonly registry: readonly string[] | undefined;
}

export interface OrderedMigrations {
  readonly files: readonly string[];
  /** Files left out because their drizzle-kit journal does not list them (drizzle-kit would not run them). */
  readonly notInJournal: readonly string[];
}

function directoryOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash === -1 ? '' : file.slice(0, slash);
}

function baseNameWithoutExtension(file: string): string {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot === -1 ? name : name.slice(0, dot);
}

/**
 * Replay order: a registry's order first when one is configured (unlisted files follow by name);
 * else by name, with each drizzle-kit folder in its journal's order.
 */
export function orderMigrationFiles(files: readonly string[], sources: OrderSources): OrderedMigrations {
  const byName = sortMigrationPaths(files);
  if (sources.registry !== undefined) {
    const position = new Map(sources.registry.map((file, index) => [file, index]));
    const listed = byName.filter((file) => position.has(file)).sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
    return { files: [...listed, ...byName.filter((file) => !position.has(file))], notInJournal: [] };
  }
  const notInJournal = new Set<string>();
  const journalPosition = new Map<string, number>();
  // One journal lookup per directory, and tag positions by name (a journal lists every migration).
  const tagPositions = new Map<string, ReadonlyMap<string, number> | undefined>();
  for (const file of byName) {
    const directory = directoryOf(file);
    if (!tagPositions.has(directory)) tagPositions.set(directory, positionsOf(sources.journalTags(directory)));
    const positions = tagPositions.get(directory);
    if (positions === undefined) continue;
    const index = positions.get(baseNameWithoutExtension(file));
    if (index === undefined) notInJournal.add(file);
    else journalPosition.set(file, index);
  }
  const kept = byName.filter((file) => !notInJournal.has(file));
  // Each journal folder's files take the slots its files hold in name order, refilled in journal
  // order, so other files keep their places and the result does not depend on a comparator.
  const ordered = [...kept];
  const slotsByDirectory = new Map<string, number[]>();
  kept.forEach((file, slot) => {
    if (!journalPosition.has(file)) return;
    const directory = directoryOf(file);
    const slots = slotsByDirectory.get(directory);
    if (slots === undefined) slotsByDirectory.set(directory, [slot]);
    else slots.push(slot);
  });
  for (const slots of slotsByDirectory.values()) {
    const inJournalOrder = slots.map((slot) => kept[slot] ?? '').sort((a, b) => (journalPosition.get(a) ?? 0) - (journalPosition.get(b) ?? 0));
    slots.forEach((slot, index) => {
      ordered[slot] = inJournalOrder[index] ?? '';
    });
  }
  return { files: ordered, notInJournal: [...notInJournal] };
}

/** A tag's first position in its journal (what `indexOf` would find). */
function positionsOf(tags: readonly string[] | undefined): ReadonlyMap<string, number> | undefined {
  if (tags === undefined) return undefined;
  const positions = new Map<string, number>();
  tags.forEach((tag, index) => {
    if (!positions.has(tag)) positions.set(tag, index);
  });
  return positions;
}

/** `files` sorted by `compareMigrationPaths`, with each path's sort key taken once. */
function sortMigrationPaths(files: readonly string[]): string[] {
  return files
    .map(migrationSortKey)
    .sort(compareSortKeys)
    .map((key) => key.path);
}
