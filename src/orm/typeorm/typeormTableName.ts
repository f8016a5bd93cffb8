import type { TSESTree } from '@typescript-eslint/utils';
import type { DetectionContext } from '../../entities/detectionContext.js';
import type { EntityTableName } from '../../entities/entityDeclaration.js';
import { createTableRef, type TableRef } from '../../schema/tableRef.js';
import { readOption, readTextOption, type OptionsObject } from './typeormOptions.js';
import { typeormDefaultTableName } from './typeormNaming.js';
import { typeormClosureJunctionTableName } from './typeormTreeNaming.js';

/** An entity's table, with where its name was written (when that is in the linted file). */
export interface TableNameResult {
  readonly tableName: EntityTableName;
  readonly nameLoc: TSESTree.SourceLocation | undefined;
}

export const SPREAD_REASON = 'its options are spread from another object';

export function unresolvedTable(reason: string, nameLoc?: TSESTree.SourceLocation): TableNameResult {
  return { tableName: { resolved: false, reason }, nameLoc };
}

/** The `schema` option: `undefined` is the default schema. `database` (MySQL, SQL Server) is not a schema. */
export function readSchemaOption(
  options: OptionsObject | undefined,
  context: DetectionContext,
): { readonly schema: string | undefined } | { readonly reason: string; readonly loc?: TSESTree.SourceLocation | undefined } {
  if (options === undefined) return { schema: undefined };
  const option = readOption(options, 'schema', context);
  if (!option.found) return option.unknown ? { reason: SPREAD_REASON } : { schema: undefined };
  if (option.value === undefined) return { reason: 'its schema is computed at runtime', loc: option.local ? option.node.loc : undefined };
  return { schema: option.value };
}

/**
 * A table name given explicitly: `undefined` when it is not static. An empty name means the
 * default name in TypeORM 0.3 (`userSpecifiedName ? ... : snakeCase`) but an empty name in 1.x (`??`).
 */
export function explicitTableName(name: string | undefined, schema: string | undefined, nameLoc: TSESTree.SourceLocation | undefined): TableNameResult {
  if (name === undefined) return unresolvedTable('its table name is computed at runtime', nameLoc);
  if (name === '') return unresolvedTable('its table name is empty, which TypeORM 0.3 and 1.x read differently', nameLoc);
  return { tableName: { resolved: true, table: createTableRef(name, { schema }), source: 'explicit' }, nameLoc };
}

/** TypeORM's `DefaultNamingStrategy.tableName(targetName, undefined)`. */
export function defaultTableName(targetName: string, schema: string | undefined, nameLoc: TSESTree.SourceLocation | undefined): TableNameResult {
  return { tableName: { resolved: true, table: createTableRef(typeormDefaultTableName(targetName), { schema }), source: 'naming-strategy' }, nameLoc };
}

/**
 * The closure junction table of a `closure-table` tree, as ClosureJunctionEntityMetadataBuilder
 * builds it (0.3 and 1.x): `closureJunctionTableName(closureTableName ?? <entity table>)` in
 * `closureTableSchema ?? <entity schema>`. `undefined` when any part cannot be read.
 */
export function closureTableFor(entityTable: EntityTableName, treeOptions: OptionsObject | undefined, context: DetectionContext): TableRef | undefined {
  const base = readTextOption(treeOptions, 'closureTableName', context);
  const schemaOption = readTextOption(treeOptions, 'closureTableSchema', context);
  // 1.x keeps an empty closureTableName (`??`), 0.3 falls back to the entity table (`? :`).
  if (base === null || base === '' || schemaOption === null) return undefined;
  if (!entityTable.resolved && (base === undefined || schemaOption === undefined)) return undefined;
  const name = base ?? (entityTable.resolved ? entityTable.table.name : '');
  // An empty closureTableSchema falls through to the data source's schema (`if (schema)`), the default.
  const schema = schemaOption ?? (entityTable.resolved ? entityTable.table.schema : undefined);
  return createTableRef(typeormClosureJunctionTableName(name), { schema });
}
