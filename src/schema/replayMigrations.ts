import type { MigrationEvent } from './ddlEvent.js';
import { tableRefsMatch, type TableRef } from './tableRef.js';

/** Where in the migrations something happened: root-relative file and 1-based line. */
export interface MigrationSite {
  readonly file: string;
  readonly line: number;
}

export interface ReplayInput {
  readonly file: string;
  readonly events: readonly MigrationEvent[];
}

export interface PresentTable {
  readonly ref: TableRef;
  /** The statement that created it (or renamed it into place). */
  readonly createdAt: MigrationSite;
}

/** Why a table is absent at the end of the replay. */
export type TableAbsence =
  | { readonly kind: 'never-created' }
  | { readonly kind: 'dropped'; readonly at: MigrationSite }
  | { readonly kind: 'renamed'; readonly to: TableRef; readonly at: MigrationSite };

export interface ReplayedSchema {
  findTable(ref: TableRef): PresentTable | undefined;
  explainAbsence(ref: TableRef): TableAbsence;
  readonly tables: readonly PresentTable[];
  /** Views live in their own namespace here: `DROP VIEW` never removes a table, nor the reverse. */
  findView(ref: TableRef): PresentTable | undefined;
  explainViewAbsence(ref: TableRef): TableAbsence;
  readonly views: readonly PresentTable[];
}

interface Removal {
  readonly ref: TableRef;
  readonly absence: Exclude<TableAbsence, { kind: 'never-created' }>;
}

/** Tables are bucketed by a case-folded key; `tableRefsMatch` then applies the quoting rules. */
function bucketKey(ref: TableRef): string {
  return `${ref.schema?.toLowerCase() ?? ''}\u0000${ref.name.toLowerCase()}`;
}

class MultiMap<T extends { ref: TableRef }> {
  readonly #buckets = new Map<string, T[]>();

  add(item: T): void {
    const key = bucketKey(item.ref);
    const bucket = this.#buckets.get(key);
    if (bucket === undefined) this.#buckets.set(key, [item]);
    else bucket.push(item);
  }

  matching(ref: TableRef): T[] {
    return (this.#buckets.get(bucketKey(ref)) ?? []).filter((item) => tableRefsMatch(item.ref, ref));
  }

  removeMatching(ref: TableRef): T[] {
    const key = bucketKey(ref);
    const bucket = this.#buckets.get(key);
    if (bucket === undefined) return [];
    const removed = bucket.filter((item) => tableRefsMatch(item.ref, ref));
    const kept = bucket.filter((item) => !tableRefsMatch(item.ref, ref));
    if (kept.length === 0) this.#buckets.delete(key);
    else this.#buckets.set(key, kept);
    return removed;
  }

  values(): T[] {
    return [...this.#buckets.values()].flat();
  }
}

/** The live objects of one kind (tables, or views) and how each absent one went away. */
class ObjectSpace {
  readonly present = new MultiMap<PresentTable>();
  readonly removals = new MultiMap<Removal>();

  create(ref: TableRef, at: MigrationSite): void {
    if (this.present.matching(ref).length === 0) this.present.add({ ref, createdAt: at });
  }

  drop(ref: TableRef, at: MigrationSite): void {
    this.present.removeMatching(ref);
    this.removals.add({ ref, absence: { kind: 'dropped', at } });
  }

  rename(ref: TableRef, to: TableRef, at: MigrationSite): void {
    this.present.removeMatching(ref);
    this.removals.add({ ref, absence: { kind: 'renamed', to, at } });
    // Added even if the source is unknown (created by a file that could not be read):
    // a missed create must not turn into a false report.
    this.create(to, at);
  }

  explain(ref: TableRef): TableAbsence {
    return this.removals.matching(ref).at(-1)?.absence ?? { kind: 'never-created' };
  }
}

/**
 * Applies create/drop/rename events in migration order, then statement order, so that
 * drop-and-recreate and rebuild-and-rename sequences end with the table present.
 */
export function replayMigrations(migrations: readonly ReplayInput[]): ReplayedSchema {
  const tables = new ObjectSpace();
  const views = new ObjectSpace();

  for (const migration of migrations) {
    for (const event of migration.events) {
      if (event.temporary === true) continue; // gone when the migration's session ends
      const at: MigrationSite = { file: migration.file, line: event.line };
      switch (event.kind) {
        case 'create-table':
          tables.create(event.table, at);
          break;
        case 'drop-table':
          tables.drop(event.table, at);
          break;
        case 'rename-table':
          if (event.to !== undefined) tables.rename(event.table, event.to, at);
          break;
        case 'create-view':
          views.create(event.table, at);
          break;
        case 'drop-view':
          views.drop(event.table, at);
          break;
        case 'rename-view':
          if (event.to !== undefined) views.rename(event.table, event.to, at);
          break;
      }
    }
  }

  return {
    tables: tables.present.values(),
    findTable: (ref) => tables.present.matching(ref)[0],
    explainAbsence: (ref) => tables.explain(ref),
    views: views.present.values(),
    findView: (ref) => views.present.matching(ref)[0],
    explainViewAbsence: (ref) => views.explain(ref),
  };
}
