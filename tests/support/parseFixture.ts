/**
 * Setup shared by the unit tests of migration readers and entity detectors: parse code as the
 * plugin does, run one reader or detector on it, and name what the assertions compare.
 */
import { parse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/utils';
import type { EntityDetector } from '../../src/entities/detectionContext.js';
import { createDetectionContext, DEFAULT_DETECTION_INPUTS, type DetectionInputs } from '../../src/entities/detectEntities.js';
import type { EntityDeclaration } from '../../src/entities/entityDeclaration.js';
import { NO_GLOBALS, type MigrationReadContext, type MigrationReader } from '../../src/migrations/migrationReader.js';
import type { MigrationEvent, MigrationFileFacts, SkippedStatement } from '../../src/schema/ddlEvent.js';
import type { TableRef } from '../../src/schema/tableRef.js';

/** Parses code with locations and ranges, as the readers and detectors get it. */
export function parseCode(code: string): TSESTree.Program {
  return parse(code, { loc: true, range: true });
}

/** What one script migration reader makes of `code`. */
export function readMigrationCode(reader: MigrationReader, code: string, context: MigrationReadContext = NO_GLOBALS): MigrationFileFacts {
  return reader(parseCode(code), context);
}

/** The statements read from a file that must be a migration; throws when it is not one. */
export function migrationStatements(facts: MigrationFileFacts): { events: readonly MigrationEvent[]; skipped: readonly SkippedStatement[] } {
  if (facts.kind !== 'migration') throw new Error(`expected a migration, got ${JSON.stringify(facts)}`);
  return { events: facts.events, skipped: facts.skipped };
}

/** 1-based line of the only occurrence of `fragment` in `source`, so assertions survive edits. */
export function lineOf(source: string, fragment: string): number {
  const index = source.indexOf(fragment);
  if (index === -1 || source.indexOf(fragment, index + 1) !== -1) throw new Error(`fragment must occur exactly once: ${fragment}`);
  return source.slice(0, index).split('\n').length;
}

/** What one entity detector finds in `code`. */
export function detectIn(detector: EntityDetector, code: string, inputs: DetectionInputs = DEFAULT_DETECTION_INPUTS): EntityDeclaration[] {
  return detector(createDetectionContext(parseCode(code), inputs));
}

/** Name, kind and table (or why it is unresolved) of each declaration. */
export function tableSummaries(entities: readonly EntityDeclaration[]): { name: string; kind: string; table: unknown }[] {
  return entities.map((entity) => ({
    name: entity.name,
    kind: entity.kind,
    table: entity.tableName.resolved ? entity.tableName.table : { unresolved: entity.tableName.reason },
  }));
}

/** A table as the readers and detectors report it; ORM-generated names are quoted. */
export function table(name: string, schema?: string, quoted = true): TableRef {
  return { name, schema, quoted };
}
