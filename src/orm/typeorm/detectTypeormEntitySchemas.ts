import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { resolveImportedName } from '../../ast/importBindings.js';
import { resolveConstExpression, unwrapExpression } from '../../ast/staticString.js';
import { walkAst } from '../../ast/walkAst.js';
import type { DetectionContext } from '../../entities/detectionContext.js';
import type { EntityDeclaration, EntityKind } from '../../entities/entityDeclaration.js';
import { withRelationTables } from '../../entities/relationTables.js';
import { readOption, resolveOptionsObject, type OptionsObject } from './typeormOptions.js';
import { schemaRelationTables } from './typeormRelations.js';
import {
  closureTableFor,
  defaultTableName,
  explicitTableName,
  readSchemaOption,
  SPREAD_REASON,
  unresolvedTable,
  type TableNameResult,
} from './typeormTableName.js';

const UNNAMED = '(entity schema)';

/**
 * What each `type` makes of a schema. EntityMetadataBuilder.build only builds `regular`,
 * `closure`, `entity-child` and `view` tables; `junction` and `closure-junction` are TypeORM's
 * own (`null`: not an entity). An absent type is `regular`.
 */
const KIND_BY_TYPE: ReadonlyMap<string, EntityKind | null> = new Map([
  ['regular', 'table'],
  ['closure', 'table'],
  ['view', 'view'],
  ['entity-child', 'child'],
  ['junction', null],
  ['closure-junction', null],
]);

type SchemaKind = { readonly kind: EntityKind } | { readonly kind: 'table'; readonly unknownReason: string } | null;

/** The entity kind from `type`; `null` when TypeORM builds no entity from it. */
function schemaKind(options: OptionsObject, context: DetectionContext): SchemaKind {
  const option = readOption(options, 'type', context);
  if (!option.found) return option.unknown ? { kind: 'table', unknownReason: SPREAD_REASON } : { kind: 'table' };
  if (option.value === undefined) return { kind: 'table', unknownReason: 'its type is computed at runtime' };
  // 0.3 reads `type || "regular"`, 1.x `type ?? "regular"`: an empty type is a table in one only.
  if (option.value === '') return { kind: 'table', unknownReason: 'its type is empty, which TypeORM 0.3 and 1.x read differently' };
  const kind = KIND_BY_TYPE.get(option.value);
  return kind === undefined || kind === null ? null : { kind };
}

function isEntitySchemaConstructor(node: TSESTree.NewExpression, context: DetectionContext): boolean {
  if (node.callee.type === AST_NODE_TYPES.Super) return false;
  const binding = resolveImportedName(node.callee, context.bindings);
  return binding?.source === 'typeorm' && binding.imported === 'EntitySchema';
}

/** A top-level class's runtime name, for `target: User` when User is declared in this module. */
function localClassName(node: TSESTree.Node, program: TSESTree.Program): string | undefined {
  const target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.ClassExpression) return target.id?.name;
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
  for (const statement of program.body) {
    const declaration =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration
        ? statement.declaration
        : statement;
    if (declaration?.type === AST_NODE_TYPES.ClassDeclaration && declaration.id?.name === target.name) return target.name;
  }
  return undefined;
}

/**
 * The table of a schema: `tableName`, else `DefaultNamingStrategy.tableName(targetName)` where the
 * target name is `target.name` when a class is given, else `name` (EntitySchemaTransformer sets the
 * table args' target to `options.target ?? options.name` and their name to `options.tableName`).
 */
function schemaTableName(options: OptionsObject, name: { value: string | undefined; loc: TSESTree.SourceLocation | undefined }, context: DetectionContext): TableNameResult {
  const schemaResult = readSchemaOption(options, context);
  if ('reason' in schemaResult) return unresolvedTable(schemaResult.reason, schemaResult.loc);
  const { schema } = schemaResult;
  const tableName = readOption(options, 'tableName', context);
  if (tableName.found) return explicitTableName(tableName.value, schema, tableName.local ? tableName.node.loc : undefined);
  if (tableName.unknown) return unresolvedTable(SPREAD_REASON);
  const target = readOption(options, 'target', context);
  if (!target.found && target.unknown) return unresolvedTable(SPREAD_REASON);
  if (target.found) {
    const className = target.local ? localClassName(target.node, context.program) : undefined;
    const targetLoc = target.local ? target.node.loc : undefined;
    if (className === undefined) return unresolvedTable('its table is named after its target class, which is not declared in this file', targetLoc);
    return defaultTableName(className, schema, targetLoc);
  }
  if (name.value === undefined || name.value === '') return unresolvedTable('its name is not a static string', name.loc);
  return defaultTableName(name.value, schema, name.loc);
}

/** The tree of a schema: TypeORM applies the first entry of `trees` (MetadataArgsStorage.findTree). */
function firstTree(options: OptionsObject, context: DetectionContext): OptionsObject | undefined {
  const trees = readOption(options, 'trees', context);
  if (!trees.found) return undefined;
  const list = unwrapExpression(trees.node);
  const array = list.type === AST_NODE_TYPES.ArrayExpression ? list : resolveConstExpression(list, options.scope)?.node;
  if (array?.type !== AST_NODE_TYPES.ArrayExpression) return undefined;
  const first = array.elements[0];
  if (first === undefined || first === null || first.type === AST_NODE_TYPES.SpreadElement) return undefined;
  return resolveOptionsObject(first, context, options.scope);
}

/** `trees: [{ type: 'closure-table', options? }]`: the closure junction table, as for `@Tree`. */
function schemaExtraTables(options: OptionsObject, tableName: TableNameResult, context: DetectionContext): EntityDeclaration['extraTables'] {
  const tree = firstTree(options, context);
  if (tree === undefined) return undefined;
  const type = readOption(tree, 'type', context);
  if (!type.found || type.value !== 'closure-table') return undefined;
  const treeOptionsNode = readOption(tree, 'options', context);
  if (!treeOptionsNode.found && treeOptionsNode.unknown) return undefined;
  const treeOptions = treeOptionsNode.found ? resolveOptionsObject(treeOptionsNode.node, context, tree.scope) : undefined;
  if (treeOptionsNode.found && treeOptions === undefined) return undefined;
  const closure = closureTableFor(tableName.tableName, treeOptions, context);
  return closure === undefined ? undefined : [{ table: closure, role: 'closure table' }];
}

function entityFromSchema(node: TSESTree.NewExpression, context: DetectionContext): EntityDeclaration | undefined {
  const [first] = node.arguments;
  const options = first === undefined || first.type === AST_NODE_TYPES.SpreadElement ? undefined : resolveOptionsObject(first, context);
  if (options === undefined) {
    const reason = 'its options are not a literal object in this file';
    return { orm: 'typeorm', kind: 'table', name: UNNAMED, tableName: { resolved: false, reason }, loc: node.loc, tableNameLoc: node.loc };
  }
  const nameOption = readOption(options, 'name', context);
  const nameValue = nameOption.found ? nameOption.value : undefined;
  const nameLoc = nameOption.found && nameOption.local ? nameOption.node.loc : undefined;
  const loc = nameLoc ?? node.loc;
  const name = nameValue === undefined || nameValue === '' ? UNNAMED : nameValue;
  const kind = schemaKind(options, context);
  if (kind === null) return undefined;
  if (kind.kind === 'child') {
    return { orm: 'typeorm', kind: 'child', name, tableName: { resolved: false, reason: 'it has no table of its own' }, loc, tableNameLoc: loc };
  }
  if ('unknownReason' in kind) {
    return { orm: 'typeorm', kind: 'table', name, tableName: { resolved: false, reason: kind.unknownReason }, loc, tableNameLoc: loc };
  }
  const tableName = schemaTableName(options, { value: nameValue, loc: nameLoc }, context);
  const entity: EntityDeclaration = { orm: 'typeorm', kind: kind.kind, name, tableName: tableName.tableName, loc, tableNameLoc: tableName.nameLoc ?? loc };
  if (kind.kind !== 'table') return entity;
  const extraTables = schemaExtraTables(options, tableName, context);
  const withExtras: EntityDeclaration = extraTables === undefined ? entity : { ...entity, extraTables };
  return { ...withExtras, ...withRelationTables(schemaRelationTables(options, { tableName: tableName.tableName }, context)) };
}

/**
 * TypeORM entities declared without decorators: `new EntitySchema({ name, tableName?, schema?,
 * type?, target?, trees? })` anywhere in the module, `EntitySchema` imported or required from
 * `typeorm`. Reported at the `name` option (else the `new` expression).
 */
export function detectTypeormEntitySchemas(context: DetectionContext): EntityDeclaration[] {
  const entities: EntityDeclaration[] = [];
  walkAst(context.program, (node) => {
    if (node.type !== AST_NODE_TYPES.NewExpression || !isEntitySchemaConstructor(node, context)) return;
    const entity = entityFromSchema(node, context);
    if (entity !== undefined) entities.push(entity);
  });
  return entities;
}
