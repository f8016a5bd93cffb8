import type { UnreadMappings } from '../project/lintedMigration.js';

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

/**
 * The part of a report that owns up to what was not compared: entities whose table names, and
 * relations whose join/pivot table names, cannot be read statically might map the table reported.
 * Empty when everything was read.
 */
export function describeUnreadMappings({ tableNames, relationTables }: UnreadMappings): string {
  const parts: string[] = [];
  if (tableNames > 0) parts.push(`${plural(tableNames, 'entity there has a table name', 'entities there have table names')} that cannot be read statically`);
  if (relationTables > 0) parts.push(`${plural(relationTables, 'relation there has a join table name', 'relations there have join table names')} that cannot be read statically`);
  return parts.length === 0 ? '' : ` (${parts.join(', and ')}; not compared.)`;
}
