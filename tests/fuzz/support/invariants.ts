/** Invariants shared by the fuzz properties: results are well-formed, whatever the input. */
import type { TSESTree } from '@typescript-eslint/utils';
import type { EntityDeclaration } from '../../../src/entities/entityDeclaration.js';
import type { DdlEventKind, MigrationFileFacts } from '../../../src/schema/ddlEvent.js';
import type { TableRef } from '../../../src/schema/tableRef.js';
import { SUPPORTED_ORMS } from '../../../src/settings/settingsShape.js';
import { INTERPOLATION_MARK } from '../../../src/sql/scanSqlDdl.js';

export class InvariantError extends Error {
  override name = 'InvariantError';
}

export function ensure(condition: boolean, message: () => string): asserts condition {
  if (!condition) throw new InvariantError(message());
}

/** Lines a location may name: every line terminator TypeScript counts starts a line. */
export function lineCount(text: string): number {
  let lines = 1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || code === 0x2028 || code === 0x2029 || (code === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) lines++;
  }
  return lines;
}

/** The reason readSafely (src/migrations/migrationReader.ts) gives when a reader threw. */
const READER_THREW = 'unexpected syntax while reading the migration';

const EVENT_KINDS: readonly DdlEventKind[] = ['create-table', 'drop-table', 'rename-table', 'create-view', 'drop-view', 'rename-view'];

/**
 * Whether `value` is an array, without narrowing its static type: `Array.isArray` narrows a
 * `readonly T[]` to `any[]`, which would turn every element below into `any`.
 */
function isList(value: unknown): boolean {
  return Array.isArray(value);
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

export function checkTableRef(what: string, ref: TableRef | undefined): void {
  ensure(typeof ref === 'object' && ref !== null, () => `${what} is not a table reference: ${show(ref)}`);
  ensure(typeof ref.name === 'string' && ref.name !== '', () => `${what} has no name: ${show(ref)}`);
  ensure(!ref.name.includes(INTERPOLATION_MARK), () => `${what} was guessed from a runtime value: ${show(ref)}`);
  ensure(typeof ref.quoted === 'boolean', () => `${what} has no quoted flag: ${show(ref)}`);
  ensure(
    ref.schema === undefined || (typeof ref.schema === 'string' && ref.schema !== '' && !ref.schema.includes(INTERPOLATION_MARK)),
    () => `${what} has a bad schema: ${show(ref)}`,
  );
}

function checkLine(what: string, line: number, lines: number): void {
  ensure(Number.isInteger(line) && line >= 1 && line <= lines, () => `${what} line ${line} is outside 1..${lines}`);
}

/** A reader's answer is one of the three kinds, with in-range lines and readable names only. */
export function checkMigrationFacts(text: string, facts: MigrationFileFacts): string {
  const lines = lineCount(text);
  switch (facts.kind) {
    case 'not-a-migration':
      return 'not-a-migration';
    case 'unreadable':
      ensure(typeof facts.reason === 'string' && facts.reason !== '', () => `unreadable without a reason: ${show(facts)}`);
      // readSafely's safety net caught an exception: readers never throw on purpose, so it is a bug
      // (a stack overflow from recursion over flat code, a property read on null, ...).
      ensure(!facts.reason.startsWith(READER_THREW), () => `a reader threw (caught by readSafely): ${facts.reason.slice(0, 300)}`);
      return facts.reason.startsWith('could not be parsed') ? 'unparsable' : 'unreadable';
    case 'migration':
      ensure(isList(facts.events) && isList(facts.skipped), () => `migration without event lists: ${show(facts)}`);
      facts.events.forEach((event, index) => {
        const what = `event ${index} (${event.kind})`;
        ensure(EVENT_KINDS.includes(event.kind), () => `${what} has an unknown kind`);
        checkTableRef(`${what} table`, event.table);
        ensure(event.kind.startsWith('rename-') === (event.to !== undefined), () => `${what}: 'to' must be set exactly for renames: ${show(event)}`);
        if (event.to !== undefined) checkTableRef(`${what} new name`, event.to);
        checkLine(what, event.line, lines);
      });
      facts.skipped.forEach((skip, index) => {
        ensure(typeof skip.reason === 'string' && skip.reason !== '', () => `skipped ${index} has no reason`);
        checkLine(`skipped ${index}`, skip.line, lines);
      });
      return facts.events.length > 0 ? 'migration with events' : 'migration without events';
    default:
      throw new InvariantError(`unknown facts kind: ${show(facts)}`);
  }
}

function checkLocation(what: string, loc: TSESTree.SourceLocation | undefined, lines: number): void {
  ensure(typeof loc === 'object' && loc !== null, () => `${what} has no location`);
  checkLine(`${what} start`, loc.start.line, lines);
  checkLine(`${what} end`, loc.end.line, lines);
  ensure(loc.start.column >= 0 && loc.end.column >= 0, () => `${what} has a negative column: ${show(loc)}`);
}

/** Detected entities are plain, well-formed data: a known ORM and kind, names read or skipped with a reason. */
export function checkEntities(text: string, entities: readonly EntityDeclaration[]): string {
  ensure(isList(entities), () => `detectEntities returned ${show(entities)}`);
  const lines = lineCount(text);
  entities.forEach((entity, index) => {
    const what = `entity ${index} (${entity.orm} ${entity.name})`;
    ensure((SUPPORTED_ORMS as readonly string[]).includes(entity.orm), () => `${what} has an unknown ORM`);
    ensure(['table', 'view', 'child'].includes(entity.kind), () => `${what} has an unknown kind ${entity.kind}`);
    ensure(typeof entity.name === 'string', () => `${what} has no name`);
    checkLocation(`${what} loc`, entity.loc, lines);
    checkLocation(`${what} tableNameLoc`, entity.tableNameLoc, lines);
    const { tableName } = entity;
    if (tableName.resolved) {
      checkTableRef(`${what} table`, tableName.table);
      ensure(['explicit', 'naming-strategy'].includes(tableName.source), () => `${what} has an unknown source`);
    } else {
      ensure(typeof tableName.reason === 'string' && tableName.reason !== '', () => `${what} is unresolved without a reason`);
    }
    entity.extraTables?.forEach((extra, extraIndex) => checkTableRef(`${what} extra table ${extraIndex}`, extra.table));
    entity.relationTables?.forEach((relation, relationIndex) => {
      const relationWhat = `${what} relation table ${relationIndex} (${relation.property})`;
      if (relation.kind === 'named') checkTableRef(relationWhat, relation.table);
      else if (relation.kind === 'unresolved') ensure(typeof relation.reason === 'string' && relation.reason !== '', () => `${relationWhat} is unresolved without a reason`);
    });
  });
  if (entities.length === 0) return 'no entities';
  return entities.some((entity) => entity.tableName.resolved) ? 'entities with tables' : 'entities, names unresolved';
}
