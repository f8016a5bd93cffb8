import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { resolveImportedName } from '../../ast/importBindings.js';
import { unwrapExpression } from '../../ast/staticString.js';
import type { DetectionContext } from '../../entities/detectionContext.js';
import type { EntityTableName } from '../../entities/entityDeclaration.js';
import type { RelationTable, TypeormRelationTarget } from '../../entities/relationTables.js';
import { isUndefinedLiteral, readOption, readTextOption, resolveOptionsObject, type OptionsObject } from './typeormOptions.js';

/** A decorated class member: `@ManyToMany(() => Tag) @JoinTable() tags` or compiled `__decorate([...], Post.prototype, "tags")`. */
export interface DecoratedMember {
  readonly name: string;
  readonly decorators: readonly TSESTree.Expression[];
}

/** The owning entity, as the detector read it (table without the DataSource's `entityPrefix`). */
interface Owner {
  readonly tableName: EntityTableName;
}

const REASONS = {
  joinTableOptions: 'its @JoinTable options are not a literal object in this file',
  joinTableName: 'its join table name is computed at runtime',
  emptyName: 'its join table name is empty, which TypeORM 0.3 and 1.x read differently',
  joinTableSchema: 'its join table schema is computed at runtime',
  emptySchema: 'its join table schema is empty, which TypeORM 0.3 and 1.x read differently',
  ownerSchema: "its join table is in the owning entity's schema, which cannot be read statically",
} as const;

type CallArguments = readonly TSESTree.CallExpressionArgument[];

/** `Name(args)` or `(0, typeorm_1.Name)(args)` imported from `typeorm`: its arguments, else `undefined`. */
function typeormDecoratorArguments(decorator: TSESTree.Expression, name: string, context: DetectionContext): CallArguments | undefined {
  const callee = decorator.type === AST_NODE_TYPES.CallExpression ? decorator.callee : decorator;
  const binding = resolveImportedName(callee, context.bindings);
  if (binding?.source !== 'typeorm' || binding.imported !== name) return undefined;
  return decorator.type === AST_NODE_TYPES.CallExpression ? decorator.arguments : [];
}

function findDecorator(member: DecoratedMember, name: string, context: DetectionContext): CallArguments | undefined {
  for (const decorator of member.decorators) {
    const args = typeormDecoratorArguments(decorator, name, context);
    if (args !== undefined) return args;
  }
  return undefined;
}

/** The runtime name of a class declared at the top level of the module (`class Tag`, compiled `let Tag = class Tag`). */
function localClassName(name: string, program: TSESTree.Program): string | undefined {
  for (const statement of program.body) {
    const declaration =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration
        ? statement.declaration
        : statement;
    if (declaration?.type === AST_NODE_TYPES.ClassDeclaration && declaration.id?.name === name) return name;
    if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of declaration.declarations) {
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.id.name !== name || declarator.init === null) continue;
      const init = unwrapExpression(declarator.init);
      if (init.type === AST_NODE_TYPES.ClassExpression) return init.id?.name ?? name;
    }
  }
  return undefined;
}

/**
 * The class a reference names: a same-module class, or a named import (`import { Tag }`, compiled
 * `tag_entity_1.Tag`) whose export name is taken for the class name. Default imports and anything
 * else are not read (their runtime name is not known here).
 */
function referencedClassName(node: TSESTree.Node, context: DetectionContext): string | undefined {
  const expression = unwrapExpression(node);
  if (expression.type !== AST_NODE_TYPES.Identifier && expression.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const binding = resolveImportedName(expression, context.bindings);
  if (binding !== undefined) return binding.imported === 'default' || binding.imported === '*' ? undefined : binding.imported;
  return expression.type === AST_NODE_TYPES.Identifier ? localClassName(expression.name, context.program) : undefined;
}

/** What `() => Target` (or `function () { return Target; }`) returns. */
function returnedExpression(fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression): TSESTree.Node | undefined {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const [only, ...rest] = fn.body.body;
  return rest.length === 0 && only?.type === AST_NODE_TYPES.ReturnStatement && only.argument !== null ? only.argument : undefined;
}

/**
 * A relation's target: `'Tag'`, `() => Tag`, `type => Tag`, or (EntitySchema) `Tag`. `undefined`
 * when it cannot be read.
 */
export function readTypeormTarget(node: TSESTree.Node | undefined, context: DetectionContext): TypeormRelationTarget | undefined {
  if (node === undefined || node.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const expression = unwrapExpression(node);
  if (expression.type === AST_NODE_TYPES.ArrowFunctionExpression || expression.type === AST_NODE_TYPES.FunctionExpression) {
    const returned = returnedExpression(expression);
    const name = returned === undefined ? undefined : referencedClassName(returned, context);
    return name === undefined ? undefined : { name, byString: false };
  }
  const text = context.readString(expression);
  if (text !== undefined) return text === '' ? undefined : { name: text, byString: true };
  const name = referencedClassName(expression, context);
  return name === undefined ? undefined : { name, byString: false };
}

/** The given name and schema of a join table's options (`undefined` options: `@JoinTable()`, `joinTable: true`). */
function joinTableOptions(options: OptionsObject | undefined, context: DetectionContext): { name: string | undefined; schema: string | undefined } | { reason: string } {
  const name = readTextOption(options, 'name', context);
  if (name === null) return { reason: REASONS.joinTableName };
  if (name === '') return { reason: REASONS.emptyName };
  const schema = readTextOption(options, 'schema', context);
  if (schema === null) return { reason: REASONS.joinTableSchema };
  if (schema === '') return { reason: REASONS.emptySchema };
  return { name, schema };
}

/** One owning many-to-many relation's junction table, from its join table options. */
function joinTable(
  property: string,
  options: OptionsObject | undefined,
  target: TypeormRelationTarget | undefined,
  owner: Owner,
  context: DetectionContext,
): RelationTable {
  const given = joinTableOptions(options, context);
  if ('reason' in given) return { kind: 'unresolved', property, reason: given.reason };
  const ownerTable = owner.tableName.resolved ? owner.tableName.table : undefined;
  if (given.schema === undefined && ownerTable === undefined) return { kind: 'unresolved', property, reason: REASONS.ownerSchema };
  return {
    kind: 'typeorm-join',
    property,
    name: given.name,
    ownerTable: ownerTable?.name,
    target,
    schema: given.schema ?? ownerTable?.schema,
    entityPrefix: context.naming.typeorm.entityPrefix,
  };
}

/**
 * The junction tables of a decorated entity: members with both `@ManyToMany` and `@JoinTable`
 * (the owning side; JunctionEntityMetadataBuilder builds nothing for the inverse side). Members
 * inherited from base classes and embedded entities are not read.
 */
export function decoratedRelationTables(members: readonly DecoratedMember[], owner: Owner, context: DetectionContext): RelationTable[] {
  const tables: RelationTable[] = [];
  for (const member of members) {
    const manyToMany = findDecorator(member, 'ManyToMany', context);
    const joinTableArgs = manyToMany === undefined ? undefined : findDecorator(member, 'JoinTable', context);
    if (manyToMany === undefined || joinTableArgs === undefined) continue;
    const [first] = joinTableArgs;
    let options: OptionsObject | undefined;
    if (first !== undefined && first.type !== AST_NODE_TYPES.SpreadElement && !isUndefinedLiteral(first)) {
      options = resolveOptionsObject(first, context);
      if (options === undefined) {
        tables.push({ kind: 'unresolved', property: member.name, reason: REASONS.joinTableOptions });
        continue;
      }
    } else if (first?.type === AST_NODE_TYPES.SpreadElement) {
      tables.push({ kind: 'unresolved', property: member.name, reason: REASONS.joinTableOptions });
      continue;
    }
    tables.push(joinTable(member.name, options, readTypeormTarget(manyToMany[0], context), owner, context));
  }
  return tables;
}

/** A literal `true`/`false`, else `undefined`. */
function literalBoolean(node: TSESTree.Node): boolean | undefined {
  const value = unwrapExpression(node);
  return value.type === AST_NODE_TYPES.Literal && typeof value.value === 'boolean' ? value.value : undefined;
}

/** Static keys of an object literal, with their values (spreads and computed keys are not read). */
function staticEntries(options: OptionsObject): { key: string; value: TSESTree.Node }[] {
  return options.object.properties.flatMap((property) => {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || property.kind !== 'init') return [];
    const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : property.key.type === AST_NODE_TYPES.Literal ? String(property.key.value) : undefined;
    return key === undefined ? [] : [{ key, value: property.value }];
  });
}

/**
 * The junction tables of an EntitySchema: `relations: { tags: { type: 'many-to-many', target,
 * joinTable: true | { name, schema } } }` (EntitySchemaTransformer registers a join table when
 * `joinTable` is truthy).
 */
export function schemaRelationTables(schemaOptions: OptionsObject, owner: Owner, context: DetectionContext): RelationTable[] {
  const relationsOption = readOption(schemaOptions, 'relations', context);
  if (!relationsOption.found) return [];
  const relations = resolveOptionsObject(relationsOption.node, context, schemaOptions.scope);
  if (relations === undefined) return [];
  const tables: RelationTable[] = [];
  for (const { key, value } of staticEntries(relations)) {
    const relation = resolveOptionsObject(value, context, relations.scope);
    if (relation === undefined) continue;
    const type = readOption(relation, 'type', context);
    const joinTableOption = readOption(relation, 'joinTable', context);
    if (!type.found || type.value !== 'many-to-many' || !joinTableOption.found) continue;
    const flag = literalBoolean(joinTableOption.node);
    if (flag === false) continue;
    const options = flag === true ? undefined : resolveOptionsObject(joinTableOption.node, context, relation.scope);
    if (flag === undefined && options === undefined) {
      tables.push({ kind: 'unresolved', property: key, reason: REASONS.joinTableOptions });
      continue;
    }
    const targetOption = readOption(relation, 'target', context);
    const target = targetOption.found && targetOption.local ? readTypeormTarget(targetOption.node, context) : targetOption.found && targetOption.value ? { name: targetOption.value, byString: true } : undefined;
    tables.push(joinTable(key, options, target, owner, context));
  }
  return tables;
}
