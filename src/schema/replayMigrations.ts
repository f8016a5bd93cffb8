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

/**
 * Applies create/drop/rename events in migration order, then statement order, so that
 * drop-and-recreate and rebuild-and-rename sequences end with the table present.
 */
export function replayMigrations(migrations: readonly ReplayInput[]): ReplayedSchema {
  const present = new MultiMap<PresentTable>();
  const removals = new MultiMap<Removal>();

  for (const migration of migrations) {
    for (const event of migration.events) {
      if (event.temporary === true) continue; // gone when the migration's session ends
      const at: MigrationSite = { file: migration.file, line: event.line };
      switch (event.kind) {
        case 'create-table':
          if (present.matching(event.table).length === 0) present.add({ ref: event.table, createdAt: at });
          break;
        case 'drop-table':
          present.removeMatching(event.table);
          removals.add({ ref: event.table, absence: { kind: 'dropped', at } });
          break;
        case 'rename-table': {
          const to = event.to;
          if (to === undefined) break;
          present.removeMatching(event.table);
          removals.add({ ref: event.table, absence: { kind: 'renamed', to, at } });
          // Added even if the source table is unknown (created by a file that could not be read):
          // a missed create must not turn into a false report.
          if (present.matching(to).length === 0) present.add({ ref: to, createdAt: at });
          break;
        }
      }
    }
  }

  return {
    tables: present.values(),
    findTable: (ref) => present.matching(ref)[0],
    explainAbsence: (ref) => removals.matching(ref).at(-1)?.absence ?? { kind: 'never-created' },
  };
}

