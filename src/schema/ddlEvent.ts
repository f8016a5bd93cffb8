import type { TableRef } from './tableRef.js';

/** What a migration statement does to the set of tables and views. */
export type DdlEventKind = 'create-table' | 'drop-table' | 'rename-table' | 'create-view' | 'drop-view' | 'rename-view';

/** One DDL effect found in a piece of SQL text, located by character offset in that text. */
export interface DdlEvent {
  readonly kind: DdlEventKind;
  readonly table: TableRef;
  /** The new name, for `rename-table`. */
  readonly to?: TableRef | undefined;
  /** `CREATE TEMP TABLE`: gone when the migration's session ends, so replay ignores it. */
  readonly temporary?: boolean | undefined;
  /** Offset of the statement's first keyword in the scanned text. */
  readonly offset: number;
}

/** A DDL effect located in a migration file (1-based line). */
export interface MigrationEvent {
  readonly kind: DdlEventKind;
  readonly table: TableRef;
  readonly to?: TableRef | undefined;
  readonly temporary?: boolean | undefined;
  readonly line: number;
}

/** A statement the reader saw but could not read statically, e.g. a table name built at runtime. */
export interface SkippedStatement {
  readonly line: number;
  readonly reason: string;
}

/** What reading one file in the migrations globs produced. */
export type MigrationFileFacts =
  | { readonly kind: 'migration'; readonly events: readonly MigrationEvent[]; readonly skipped: readonly SkippedStatement[] }
  /** Not a migration (an index.ts registry, a helper, a README): ignored without noise. */
  | { readonly kind: 'not-a-migration' }
  /** The file looked like a migration but could not be read or parsed. */
  | { readonly kind: 'unreadable'; readonly reason: string };
