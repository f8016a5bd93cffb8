import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { resolveRelationTables, type ResolvedRelationTables } from '../entities/relationTables.js';
import { readMigrationProgram } from '../migrations/readMigrationFile.js';
import { readSqlMigration } from '../migrations/readSqlMigration.js';
import type { MigrationEvent } from '../schema/ddlEvent.js';
import { tableRefsMatch, type TableRef } from '../schema/tableRef.js';
import type { MigrationSetConfig } from '../settings/settingsShape.js';
import { createGlobMatcher } from './globMatcher.js';
import type { ProjectFile } from './lintedFile.js';
import type { IndexedEntity, MigrationsSnapshot, UnreadableFile } from './projectIndex.js';

/** The linted file as a migration of one set: its own events, and the set replayed with them. */
export interface LintedMigration {
  readonly set: MigrationSetConfig;
  readonly events: readonly MigrationEvent[];
  readonly snapshot: MigrationsSnapshot;
}

const analysisByProgram = new WeakMap<TSESTree.Program, readonly LintedMigration[]>();

/**
 * The sets the linted file is a migration of (usually one). Its events are read from ESLint's text
 * of the file, so an unsaved edit counts; the rest of the set comes from the project index.
 */
export function analyseLintedMigration(file: ProjectFile, sourceCode: Readonly<TSESLint.SourceCode>, physicalFilename: string): readonly LintedMigration[] {
  const program = sourceCode.ast;
  const cached = analysisByProgram.get(program);
  if (cached !== undefined) return cached;
  const sets = file.scope.migrationSets.filter((set) => createGlobMatcher(set.globs).matches(file.relativePath));
  let result: readonly LintedMigration[] = [];
  const [firstSet] = sets;
  if (firstSet !== undefined) {
    const facts =
      file.index.savedMigrationFacts(firstSet, file.relativePath, sourceCode.text) ??
      (physicalFilename.endsWith('.sql') ? readSqlMigration(sourceCode.text) : readMigrationProgram(program, { globals: file.index.configuredValues }));
    if (facts.kind === 'migration') {
      result = sets.map((set) => ({ set, events: facts.events, snapshot: file.index.migrationsWith(set, file.relativePath, facts) }));
    }
  }
  analysisByProgram.set(program, result);
  return result;
}

// The relation tables of each entity of a list, resolved against the whole list (the index keeps a list while it is current).
const relationTablesByList = new WeakMap<readonly IndexedEntity[], Map<IndexedEntity, ResolvedRelationTables>>();

function relationTablesOf(entities: readonly IndexedEntity[]): Map<IndexedEntity, ResolvedRelationTables> {
  const cached = relationTablesByList.get(entities);
  if (cached !== undefined) return cached;
  const resolved = new Map<IndexedEntity, ResolvedRelationTables>();
  for (const entity of entities) {
    if (entity.relationTables !== undefined) resolved.set(entity, resolveRelationTables(entities, entity));
  }
  relationTablesByList.set(entities, resolved);
  return resolved;
}

/** What the entities map that cannot be read statically, so could be any table: a report says so rather than guess. */
export interface UnreadMappings {
  /** Entities (not single-table children) whose own table name is not static. */
  readonly tableNames: number;
  /** Join/pivot tables of relations whose name is not static. */
  readonly relationTables: number;
  /** Files of the models location that could not be read or parsed: their entities are unknown. */
  readonly modelFiles: readonly UnreadableFile[];
}

export function unreadMappings(entities: readonly IndexedEntity[], modelFiles: readonly UnreadableFile[]): UnreadMappings {
  let relationTables = 0;
  for (const resolved of relationTablesOf(entities).values()) relationTables += resolved.skipped.length;
  return { tableNames: entities.filter((entity) => entity.kind !== 'child' && !entity.tableName.resolved).length, relationTables, modelFiles };
}

/**
 * Entities of the scope whose table (or view, or closure table) is `table`, or whose relations
 * use it as their join/pivot table (whatever the entity's own kind or table).
 */
export function entitiesMapping(entities: readonly IndexedEntity[], table: TableRef, kind: 'table' | 'view'): IndexedEntity[] {
  const relationTables = kind === 'table' ? relationTablesOf(entities) : undefined;
  return entities.filter((entity) => {
    if (relationTables?.get(entity)?.tables.some((relationTable) => tableRefsMatch(relationTable, table)) === true) return true;
    if (!entity.tableName.resolved || entity.kind === 'child') return false;
    if (entity.kind === 'view') return kind === 'view' && tableRefsMatch(entity.tableName.table, table);
    if (kind !== 'table') return false;
    return tableRefsMatch(entity.tableName.table, table) || (entity.extraTables ?? []).some((extra) => tableRefsMatch(extra.table, table));
  });
}

/** A whole source line, from its first non-blank character: where a statement on that line is reported. */
export function lineLoc(sourceCode: Readonly<TSESLint.SourceCode>, line: number): TSESTree.SourceLocation {
  const text = sourceCode.lines[line - 1] ?? '';
  const start = text.length - text.trimStart().length;
  return { start: { line, column: start }, end: { line, column: Math.max(start, text.trimEnd().length) } };
}
