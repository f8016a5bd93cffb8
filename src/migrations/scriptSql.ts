/**
 * SQL text written inside migration scripts (`queryRunner.query(sql)`, `this.addSql(sql)`,
 * `knex.raw(sql)`, ...): resolved statically and scanned, each statement on its own line.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { resolveStaticTextWithinLimits } from '../ast/staticString.js';
import type { ConstLookup, StaticText } from '../ast/staticString.js';
import type { MigrationEvent, SkippedStatement } from '../schema/ddlEvent.js';
import { INTERPOLATION_MARK } from '../sql/scanSqlDdl.js';
import { RUNTIME_SQL_REASON, TOO_DEEP_SQL_REASON } from './readerReasons.js';
import { readSqlText } from './readSqlMigration.js';

/** Events and unreadable statements found by one read, in source order. */
export interface ReadStatements {
  readonly events: MigrationEvent[];
  readonly skipped: SkippedStatement[];
}

/** Adds what one read found to what a walk has collected so far. */
export function appendRead(into: ReadStatements, read: ReadStatements): void {
  into.events.push(...read.events);
  into.skipped.push(...read.skipped);
}

/**
 * Scans SQL text read from the source, located where that text starts. `rewrite` adjusts the text
 * first (e.g. filling knex's identifier bindings). Text that is unknown, or nothing but
 * interpolations (`${sql}`, as unknown as a bare variable), is one skipped statement at `line`.
 */
export function readStaticSql(resolved: StaticText | undefined, line: number, rewrite?: (text: string) => string, unresolvedReason = RUNTIME_SQL_REASON): ReadStatements {
  if (resolved === undefined || resolved.text.replaceAll(INTERPOLATION_MARK, '').trim() === '') {
    return { events: [], skipped: [{ line, reason: resolved === undefined ? unresolvedReason : RUNTIME_SQL_REASON }] };
  }
  const text = rewrite === undefined ? resolved.text : rewrite(resolved.text);
  return readSqlText(text, resolved.origin.loc.start.line);
}

/** The DDL in a SQL argument: a string, template, concatenation or const; skipped at `line` when not static. */
export function readSqlArgument(sql: TSESTree.Node | undefined, scope: ConstLookup, line: number): ReadStatements {
  if (sql === undefined || sql.type === AST_NODE_TYPES.SpreadElement) return readStaticSql(undefined, line);
  const { resolved, exhausted } = resolveStaticTextWithinLimits(sql, scope);
  return readStaticSql(resolved, line, undefined, exhausted ? TOO_DEEP_SQL_REASON : RUNTIME_SQL_REASON);
}
