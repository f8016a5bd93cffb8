import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { resolveImportedName, type ImportBinding } from '../../ast/importBindings.js';
import type { DetectionContext } from '../../entities/detectionContext.js';
import type { EntityDeclaration, EntityKind, EntityTableName } from '../../entities/entityDeclaration.js';
import { withRelationTables } from '../../entities/relationTables.js';
import type { TableRef } from '../../schema/tableRef.js';
import type { EntityMarker, MarkerKind } from '../../settings/settingsShape.js';
import { isUndefinedLiteral, readOption, resolveOptionsObject, type OptionsObject } from './typeormOptions.js';
import {
  closureTableFor,
  defaultTableName,
  explicitTableName,
  readSchemaOption,
  SPREAD_REASON,
  unresolvedTable,
  type TableNameResult,
} from './typeormTableName.js';
import { decoratedRelationTables, type DecoratedMember } from './typeormRelations.js';

/**
 * A class with its class decorators, whichever way it was written: a TypeScript class with
 * `@Entity()`, or compiled JavaScript calling `__decorate([Entity()], User)`.
 */
export interface DecoratedClass {
  /** The class's runtime name (`User.name`), which TypeORM's default naming reads; `undefined` when anonymous. */
  readonly name: string | undefined;
  /** Where to report the entity: the class name. */
  readonly loc: TSESTree.SourceLocation;
  /** The decorator expressions, `Entity('users')` or `(0, typeorm_1.Entity)('users')`. */
  readonly decorators: readonly TSESTree.Expression[];
  /** Only TypeScript can say; compiled JavaScript classes are never abstract. */
  readonly abstract: boolean;
  /** Its own decorated members (relations are read from them). */
  readonly members: readonly DecoratedMember[];
}

const KIND_BY_MARKER: Record<MarkerKind, EntityKind> = { entity: 'table', view: 'view', child: 'child' };

type CallArguments = readonly TSESTree.CallExpressionArgument[];

interface DecoratorMatch {
  readonly marker: EntityMarker;
  readonly args: CallArguments;
}

function decoratorParts(expression: TSESTree.Expression): { callee: TSESTree.Expression; args: CallArguments } {
  if (expression.type === AST_NODE_TYPES.CallExpression) return { callee: expression.callee, args: expression.arguments };
  return { callee: expression, args: [] };
}

function resolveDecorator(expression: TSESTree.Expression, bindings: ReadonlyMap<string, ImportBinding>): { binding: ImportBinding; args: CallArguments } | undefined {
  const { callee, args } = decoratorParts(expression);
  const binding = resolveImportedName(callee, bindings);
  return binding === undefined ? undefined : { binding, args };
}

function findMarker(decorators: readonly TSESTree.Expression[], context: DetectionContext, markers: readonly EntityMarker[]): DecoratorMatch | undefined {
  for (const decorator of decorators) {
    const resolved = resolveDecorator(decorator, context.bindings);
    if (resolved === undefined) continue;
    const marker = markers.find((candidate) => candidate.package === resolved.binding.source && candidate.name === resolved.binding.imported);
    if (marker !== undefined) return { marker, args: resolved.args };
  }
  return undefined;
}

interface NameArguments {
  readonly nameNode: TSESTree.Node | undefined;
  readonly options: OptionsObject | undefined;
  readonly unreadableOptions: boolean;
}

/**
 * `@Entity('name', options?)` or `@Entity(options)`: like TypeORM's Entity(), the first argument
 * is the options when it is an object, else the name with the options second.
 */
function splitNameArguments(args: CallArguments, context: DetectionContext): NameArguments {
  const [first, second] = args;
  if (first === undefined) return { nameNode: undefined, options: undefined, unreadableOptions: false };
  if (first.type === AST_NODE_TYPES.SpreadElement) return { nameNode: undefined, options: undefined, unreadableOptions: true };
  // `@Entity(undefined, options)`: TypeORM takes the name from the options then.
  if (isUndefinedLiteral(first)) return second === undefined ? splitNameArguments([], context) : splitNameArguments([second], context);
  const firstOptions = resolveOptionsObject(first, context);
  if (firstOptions !== undefined) return { nameNode: undefined, options: firstOptions, unreadableOptions: false };
  if (second === undefined || isUndefinedLiteral(second)) return { nameNode: first, options: undefined, unreadableOptions: false };
  const options = second.type === AST_NODE_TYPES.SpreadElement ? undefined : resolveOptionsObject(second, context);
  return { nameNode: first, options, unreadableOptions: options === undefined };
}

/**
 * The table of an `@Entity`/`@ViewEntity` (or marker) from its arguments, else TypeORM's default
 * naming of the class name. `database` (MySQL/SQL Server database) is not a schema and is ignored.
 */
export function resolveDecoratorTableName(className: string | undefined, args: CallArguments, context: DetectionContext): TableNameResult {
  const { nameNode, options, unreadableOptions } = splitNameArguments(args, context);
  if (unreadableOptions) return unresolvedTable('its decorator options are not a literal object in this file');
  const schemaResult = readSchemaOption(options, context);
  if ('reason' in schemaResult) return unresolvedTable(schemaResult.reason, schemaResult.loc);
  const { schema } = schemaResult;
  if (nameNode !== undefined) return explicitTableName(context.readString(nameNode), schema, nameNode.loc);
  if (options !== undefined) {
    const nameOption = readOption(options, 'name', context);
    if (nameOption.found) return explicitTableName(nameOption.value, schema, nameOption.local ? nameOption.node.loc : undefined);
    if (nameOption.unknown) return unresolvedTable(SPREAD_REASON);
  }
  if (className === undefined) return unresolvedTable('the class is anonymous');
  return defaultTableName(className, schema, undefined);
}

/** The closure table of `@Tree('closure-table', options?)` among the class decorators, if any. */
function closureTableOfTree(decorators: readonly TSESTree.Expression[], entityTable: EntityTableName, context: DetectionContext): TableRef | undefined {
  for (const decorator of decorators) {
    const resolved = resolveDecorator(decorator, context.bindings);
    if (resolved?.binding.source !== 'typeorm' || resolved.binding.imported !== 'Tree') continue;
    const [type, options] = resolved.args;
    if (type === undefined || type.type === AST_NODE_TYPES.SpreadElement || context.readString(type) !== 'closure-table') return undefined;
    if (options === undefined || isUndefinedLiteral(options)) return closureTableFor(entityTable, undefined, context);
    // Options that cannot be read may rename the closure table: nothing is claimed then.
    const treeOptions = options.type === AST_NODE_TYPES.SpreadElement ? undefined : resolveOptionsObject(options, context);
    return treeOptions === undefined ? undefined : closureTableFor(entityTable, treeOptions, context);
  }
  return undefined;
}

/**
 * The entity a decorated class declares, when one of its decorators is a TypeORM entity
 * decorator (or a configured marker). Abstract classes are skipped: they are base classes.
 */
export function entityFromDecoratedClass(target: DecoratedClass, context: DetectionContext, markers: readonly EntityMarker[]): EntityDeclaration | undefined {
  if (target.abstract) return undefined;
  const match = findMarker(target.decorators, context, markers);
  if (match === undefined) return undefined;
  const kind = KIND_BY_MARKER[match.marker.kind];
  const name = target.name ?? '(anonymous class)';
  if (kind === 'child') {
    const tableName: EntityTableName = { resolved: false, reason: 'it has no table of its own' };
    // The owner of a child's relations is its parent's table: not known here.
    const relationTables = withRelationTables(decoratedRelationTables(target.members, { tableName }, context));
    return { orm: 'typeorm', kind, name, tableName, loc: target.loc, tableNameLoc: target.loc, ...relationTables };
  }
  const { tableName, nameLoc } = resolveDecoratorTableName(target.name, match.args, context);
  const entity: EntityDeclaration = { orm: 'typeorm', kind, name, tableName, loc: target.loc, tableNameLoc: nameLoc ?? target.loc };
  if (kind !== 'table') return entity;
  const closure = closureTableOfTree(target.decorators, tableName, context);
  const withExtras: EntityDeclaration = closure === undefined ? entity : { ...entity, extraTables: [{ table: closure, role: 'closure table' }] };
  return { ...withExtras, ...withRelationTables(decoratedRelationTables(target.members, { tableName }, context)) };
}
