import type { UnreadMappings } from '../project/lintedMigration.js';

const MAX_FILES_NAMED = 3;

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

/**
 * The part of a report that owns up to what was not compared: entities whose table names, and
 * relations whose join/pivot table names, cannot be read statically might map the table reported.
 * Empty when everything was read.
 */
export function describeUnreadMappings({ tableNames, relationTables, modelFiles }: UnreadMappings): string {
  const parts: string[] = [];
  if (modelFiles.length > 0) parts.push(describeUnreadableModelFiles(modelFiles));
  if (tableNames > 0) parts.push(`${plural(tableNames, 'entity there has a table name', 'entities there have table names')} that cannot be read statically`);
  if (relationTables > 0) parts.push(`${plural(relationTables, 'relation there has a join table name', 'relations there have join table names')} that cannot be read statically`);
  return parts.length === 0 ? '' : ` (${parts.join(', and ')}; not compared.)`;
}

/** Names the files (the first few) and, for a single one, why: a syntax error is what the user fixes. */
function describeUnreadableModelFiles(files: UnreadMappings['modelFiles']): string {
  const [first] = files;
  if (files.length === 1 && first !== undefined) return `model file ${first.file} ${first.reason}, so its entities are unknown`;
  const shown = files.slice(0, MAX_FILES_NAMED).map((entry) => entry.file);
  const more = files.length > MAX_FILES_NAMED ? ` and ${files.length - MAX_FILES_NAMED} more` : '';
  return `${files.length} model files (${shown.join(', ')}${more}) could not be read, so their entities are unknown`;
}
