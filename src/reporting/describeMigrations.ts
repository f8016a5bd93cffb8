import type { MigrationsSnapshot } from '../project/projectIndex.js';
import type { MigrationSite } from '../schema/replayMigrations.js';
import { formatTableRef, type TableRef } from '../schema/tableRef.js';
import { closestName } from '../settings/closestName.js';

export function formatSite(site: MigrationSite): string {
  return `${site.file}:${site.line}`;
}

/** "read 4 migration files matching src/migrations/*.ts" — tells the user what was looked at. */
export function describeMigrationsRead(snapshot: MigrationsSnapshot): string {
  const count = snapshot.migrationFiles.length;
  const { name, globs } = snapshot.set;
  const set = name === undefined ? '' : ` (migration set '${name}')`;
  return `read ${count} migration file${count === 1 ? '' : 's'} matching ${globs.join(', ')}${set}`;
}

/** Files that could not be read, and statements whose table names are built at runtime. */
export function describeBlindSpots(snapshot: MigrationsSnapshot): string {
  const parts: string[] = [];
  const [firstUnreadable] = snapshot.unreadable;
  if (firstUnreadable !== undefined) {
    const others = snapshot.unreadable.length - 1;
    parts.push(
      ` ${firstUnreadable.file} ${firstUnreadable.reason}${others > 0 ? ` (and ${others} more unreadable file${others === 1 ? '' : 's'})` : ''}; tables created there are not counted.`,
    );
  }
  const [firstSkipped] = snapshot.skipped;
  if (firstSkipped !== undefined) {
    const count = snapshot.skipped.length;
    parts.push(
      ` ${count} migration statement${count === 1 ? ' was' : 's were'} not read because ${firstSkipped.reason} (first at ${formatSite(firstSkipped)}).`,
    );
  }
  return parts.join('');
}

/** Points at a present table whose name is a near miss (`credit_transaction` for `credit_transactions`). */
export function describeNearMiss(snapshot: MigrationsSnapshot, wanted: TableRef): string {
  const inOtherSchema = snapshot.schema.tables.find(
    (table) => table.ref.schema !== wanted.schema && table.ref.name.toLowerCase() === wanted.name.toLowerCase(),
  );
  if (inOtherSchema !== undefined) {
    return ` A table '${formatTableRef(inOtherSchema.ref)}' exists in ${inOtherSchema.ref.schema === undefined ? 'the default schema' : `schema '${inOtherSchema.ref.schema}'`} (created at ${formatSite(inOtherSchema.createdAt)}): does the entity name the right schema?`;
  }
  const candidates = snapshot.schema.tables.filter((table) => table.ref.schema === wanted.schema);
  // Names that differ only in digits (`catalog_item_07`, `catalog_item_01`) are siblings, not typos.
  const withoutDigits = (name: string): string => name.replace(/\d+/gu, '');
  const nearest = closestName(
    wanted.name,
    candidates.map((table) => table.ref.name).filter((name) => withoutDigits(name) !== withoutDigits(wanted.name)),
  );
  const match = candidates.find((table) => table.ref.name === nearest);
  if (match === undefined) return '';
  return ` A similar table '${formatTableRef(match.ref)}' exists (created at ${formatSite(match.createdAt)}): is the entity's table name wrong?`;
}
