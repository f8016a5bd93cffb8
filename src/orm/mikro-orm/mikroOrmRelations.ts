import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { resolveImportedName, type ImportBinding } from '../../ast/importBindings.js';
import { unwrapExpression } from '../../ast/staticString.js';
import type { DetectionContext } from '../../entities/detectionContext.js';
import type { EntityTableName } from '../../entities/entityDeclaration.js';
import type { RelationTable } from '../../entities/relationTables.js';
import { createTableRef, type TableRef } from '../../schema/tableRef.js';
import type { ClassNode } from '../topLevelClasses.js';
import { mikroOrmDefaultPivotTableName } from './mikroOrmNaming.js';
import { isSet, NO_OPTIONS, readEntityOptions, resolveObjectLiteral, type EntityOptions } from './mikroOrmOptions.js';

/** Where a many-to-many relation keeps its pairs. */
type PivotSpec =
  /** The naming strategy's `joinTableName(owner table, target table, property)`. */
  | { readonly kind: 'default' }
  | { readonly kind: 'named'; readonly node: TSESTree.Node }
  /** `pivotEntity`: that entity maps the table itself. */
  | { readonly kind: 'entity' }
  | { readonly kind: 'unknown'; readonly reason: string };

/** A `@ManyToMany` property (or its EntitySchema / defineEntity equivalent) of a declaration. */
export interface ManyToManySpec {
  readonly property: string;
  /** Only the owning side has a pivot table of its own. */
  readonly owner: boolean | 'unknown';
  readonly pivot: PivotSpec;
}

const REASONS = {
  options: 'its @ManyToMany options are not a literal object in this file',
  spread: 'its relation options are spread from another object',
  owner: 'whether it is the owning side is decided at runtime',
  pivotName: 'its pivot table name is computed at runtime',
  ownerSchema: "its pivot table is in the owning entity's schema, which cannot be read statically",
  ownerTable: "its pivot table is named after the owning entity's table, which cannot be read statically",
} as const;

/**
 * The owning side, as EntitySchema.addManyToMany decides it: `owner` when set, and whenever
 * `mappedBy` is not (`if (!options.owner && !options.mappedBy) options.owner = true`).
 */
function owningSide(owner: boolean | 'unknown' | undefined, mappedBy: boolean | 'unknown'): boolean | 'unknown' {
  if (owner === true || mappedBy === false) return true;
  if (owner === 'unknown' || mappedBy === 'unknown') return 'unknown';
  return false;
}

function pivotOf(options: EntityOptions): PivotSpec {
  const entity = isSet(options, 'pivotEntity');
  if (entity === true) return { kind: 'entity' };
  const table = options.slot('pivotTable');
  if (entity === 'unknown' || table.kind === 'unknown') return { kind: 'unknown', reason: REASONS.spread };
  return table.kind === 'present' ? { kind: 'named', node: table.node } : { kind: 'default' };
}

function isAbsentArgument(node: TSESTree.Node | undefined): boolean {
  if (node === undefined) return true;
  const value = unwrapExpression(node);
  return (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') || (value.type === AST_NODE_TYPES.Literal && value.value === null);
}

/**
 * `@ManyToMany(options)` or `@ManyToMany(entity, mappedBy?, options?)`. Like
 * Utils.processDecoratorParameters, positional `entity` and `mappedBy` override the options'.
 */
function decoratorSpec(property: string, args: readonly TSESTree.CallExpressionArgument[], context: DetectionContext): ManyToManySpec {
  const unknown = (reason: string): ManyToManySpec => ({ property, owner: 'unknown', pivot: { kind: 'unknown', reason } });
  if (args.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return unknown(REASONS.options);
  const [first, second, third] = args;
  const firstObject = first === undefined ? undefined : resolveObjectLiteral(first, context.lookup);
  if (firstObject !== undefined) {
    const options = readEntityOptions(firstObject);
    return { property, owner: owningSide(options.flag('owner'), isSet(options, 'mappedBy')), pivot: pivotOf(options) };
  }
  let options: EntityOptions = NO_OPTIONS;
  if (third !== undefined && !isAbsentArgument(third)) {
    const thirdObject = resolveObjectLiteral(third, context.lookup);
    if (thirdObject === undefined) return unknown(REASONS.options);
    options = readEntityOptions(thirdObject);
  }
  return { property, owner: owningSide(options.flag('owner'), !isAbsentArgument(second)), pivot: pivotOf(options) };
}

/** `tags` or `'tags'`; `undefined` for computed and private keys. */
function staticKey(node: TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.AccessorProperty): string | undefined {
  if (node.computed) return undefined;
  if (node.key.type === AST_NODE_TYPES.Identifier) return node.key.name;
  return node.key.type === AST_NODE_TYPES.Literal && typeof node.key.value === 'string' ? node.key.value : undefined;
}

/** The `@ManyToMany` properties of a decorated class; `isManyToMany` tells MikroORM's decorator by its import. */
export function decoratedManyToMany(classNode: ClassNode, context: DetectionContext, isManyToMany: (binding: ImportBinding) => boolean): ManyToManySpec[] {
  const specs: ManyToManySpec[] = [];
  for (const member of classNode.body.body) {
    if (member.type !== AST_NODE_TYPES.PropertyDefinition && member.type !== AST_NODE_TYPES.AccessorProperty) continue;
    const name = member.static ? undefined : staticKey(member);
    if (name === undefined) continue;
    for (const decorator of member.decorators) {
      const expression = decorator.expression;
      const callee = expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression;
      const binding = resolveImportedName(callee, context.bindings);
      if (binding === undefined || !isManyToMany(binding)) continue;
      specs.push(decoratorSpec(name, expression.type === AST_NODE_TYPES.CallExpression ? expression.arguments : [], context));
    }
  }
  return specs;
}

/** `kind: 'm:n'`, `kind: ReferenceKind.MANY_TO_MANY`, or MikroORM 5's `reference: 'm:n'`. */
function isManyToManyKind(options: EntityOptions, context: DetectionContext): boolean {
  const slot = options.slot('kind', 'reference');
  if (slot.kind !== 'present') return false;
  const value = unwrapExpression(slot.node);
  if (value.type === AST_NODE_TYPES.MemberExpression && !value.computed && value.property.type === AST_NODE_TYPES.Identifier) {
    return value.property.name === 'MANY_TO_MANY';
  }
  return context.readString(value) === 'm:n';
}

function literalBoolean(node: TSESTree.Node): boolean | 'unknown' {
  const value = unwrapExpression(node);
  return value.type === AST_NODE_TYPES.Literal && typeof value.value === 'boolean' ? value.value : 'unknown';
}

/**
 * A defineEntity property builder: `p.manyToMany(Tag).owner().pivotTable('tags')`, maybe wrapped
 * in `() => ...`. `undefined` when it is not a many-to-many builder chain.
 */
function builderSpec(property: string, node: TSESTree.Node): ManyToManySpec | undefined {
  let expression = unwrapExpression(node);
  if (expression.type === AST_NODE_TYPES.ArrowFunctionExpression && expression.body.type !== AST_NODE_TYPES.BlockStatement) expression = unwrapExpression(expression.body);
  const calls: { method: string; args: readonly TSESTree.CallExpressionArgument[] }[] = [];
  for (let depth = 0; depth < 100 && expression.type === AST_NODE_TYPES.CallExpression; depth++) {
    const callee = unwrapExpression(expression.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
    calls.push({ method: callee.property.name, args: expression.arguments });
    expression = unwrapExpression(callee.object);
  }
  // The innermost call is `p.manyToMany(target)`; the others apply in order from there.
  if (calls.at(-1)?.method !== 'manyToMany') return undefined;
  let owner: boolean | 'unknown' | undefined;
  let mappedBy: boolean | 'unknown' = false;
  let pivot: PivotSpec = { kind: 'default' };
  for (const { method, args } of calls.slice(0, -1).reverse()) {
    const [argument] = args;
    if (method === 'owner') {
      // `owner(owner = true)`.
      owner = argument === undefined ? true : literalBoolean(argument);
    } else if (method === 'mappedBy') {
      mappedBy = !isAbsentArgument(argument);
    } else if (method === 'pivotEntity') {
      pivot = { kind: 'entity' };
    } else if (method === 'pivotTable') {
      pivot = argument === undefined || argument.type === AST_NODE_TYPES.SpreadElement ? { kind: 'unknown', reason: REASONS.pivotName } : { kind: 'named', node: argument };
    }
  }
  return { property, owner: owningSide(owner, mappedBy), pivot };
}

/** The object of `properties: { ... }` or `properties: (p) => ({ ... })`. */
function propertiesObject(node: TSESTree.Node, context: DetectionContext): TSESTree.ObjectExpression | undefined {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.ArrowFunctionExpression && value.body.type !== AST_NODE_TYPES.BlockStatement) {
    return resolveObjectLiteral(value.body, context.lookup);
  }
  return resolveObjectLiteral(value, context.lookup);
}

/** The many-to-many `properties` of an EntitySchema or defineEntity definition. */
export function schemaManyToMany(options: EntityOptions, context: DetectionContext): ManyToManySpec[] {
  const slot = options.slot('properties');
  if (slot.kind !== 'present') return [];
  const object = propertiesObject(slot.node, context);
  if (object === undefined) return [];
  const specs: ManyToManySpec[] = [];
  for (const property of object.properties) {
    const name = property.type === AST_NODE_TYPES.Property ? staticKey(property) : undefined;
    if (name === undefined || property.type !== AST_NODE_TYPES.Property) continue;
    const propertyOptions = resolveObjectLiteral(property.value, context.lookup);
    if (propertyOptions === undefined) {
      const spec = builderSpec(name, property.value);
      if (spec !== undefined) specs.push(spec);
      continue;
    }
    const read = readEntityOptions(propertyOptions);
    if (!isManyToManyKind(read, context)) continue;
    specs.push({ property: name, owner: owningSide(read.flag('owner'), isSet(read, 'mappedBy')), pivot: pivotOf(read) });
  }
  return specs;
}

/** `pivotTable: 'tags'` in the owner's schema, or `'schema.tags'`; a reason when it cannot be told. */
function namedPivotTable(text: string | undefined, ownerTable: TableRef | undefined): TableRef | string {
  if (text === undefined || text === '') return REASONS.pivotName;
  if (!text.includes('.')) return ownerTable === undefined ? REASONS.ownerSchema : createTableRef(text, { schema: ownerTable.schema });
  // MikroORM keeps the first two parts: `[schemaName, tableName] = pivotTable.split('.')`.
  const [schema, name] = text.split('.');
  return name === undefined || name === '' ? REASONS.pivotName : createTableRef(name, { schema });
}

/**
 * The pivot table of each owning many-to-many relation, as MetadataDiscovery names it:
 * `pivotTable` (a dotted `schema.table` is split, `[schema, table] = pivotTable.split('.')`),
 * else `namingStrategy.joinTableName(meta.tableName, ...)`, in the owner's schema unless given.
 */
export function pivotRelationTables(specs: readonly ManyToManySpec[], owner: EntityTableName, context: DetectionContext): RelationTable[] {
  const ownerTable = owner.resolved ? owner.table : undefined;
  const tables: RelationTable[] = [];
  for (const { property, owner: owning, pivot } of specs) {
    if (owning === false || pivot.kind === 'entity') continue;
    const unresolved = (reason: string): void => {
      tables.push({ kind: 'unresolved', property, reason });
    };
    if (pivot.kind === 'unknown') {
      unresolved(pivot.reason);
    } else if (owning === 'unknown') {
      unresolved(REASONS.owner);
    } else if (pivot.kind === 'named') {
      const table = namedPivotTable(context.readString(pivot.node), ownerTable);
      if (typeof table === 'string') unresolved(table);
      else tables.push({ kind: 'named', property, table });
    } else if (ownerTable === undefined) {
      unresolved(REASONS.ownerTable);
    } else {
      tables.push({ kind: 'named', property, table: createTableRef(mikroOrmDefaultPivotTableName(ownerTable.name, property), { schema: ownerTable.schema }) });
    }
  }
  return tables;
}
