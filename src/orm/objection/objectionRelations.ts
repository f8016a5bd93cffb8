import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { resolveConstExpression, unwrapExpression } from '../../ast/staticString.js';
import type { DetectionContext } from '../../entities/detectionContext.js';
import type { RelationTable } from '../../entities/relationTables.js';
import { createTableRef, type TableRef } from '../../schema/tableRef.js';

/** Relation classes whose `join.through` names a table between the two models. */
const THROUGH_RELATIONS = new Set(['ManyToManyRelation', 'HasOneThroughRelation']);

const THROUGH_REASON = 'its join.through table is computed at runtime';

/** An object literal, also through a module `const`. */
function objectLiteral(node: TSESTree.Node, context: DetectionContext): TSESTree.ObjectExpression | undefined {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.ObjectExpression) return value;
  const resolved = resolveConstExpression(value, context.lookup);
  const target = resolved === undefined ? undefined : unwrapExpression(resolved.node);
  return target?.type === AST_NODE_TYPES.ObjectExpression ? target : undefined;
}

function propertyKey(property: TSESTree.Property): string | undefined {
  if (property.computed) return undefined;
  if (property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  return property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === 'string' ? property.key.value : undefined;
}

/** The value of `key` in an object literal (the last one wins); `undefined` when absent or only spread in. */
function valueOf(object: TSESTree.ObjectExpression, key: string): TSESTree.Node | undefined {
  let found: TSESTree.Node | undefined;
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && propertyKey(property) === key) found = property.value;
  }
  return found;
}

/**
 * What a function returns: its expression body, or the argument of the only `return` among its
 * top-level statements (`const Movie = require('./Movie'); return { ... };` is the usual getter).
 */
function returned(fn: TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | TSESTree.TSEmptyBodyFunctionExpression): TSESTree.Node | undefined {
  if (fn.body === null) return undefined;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const returns = fn.body.body.filter((statement): statement is TSESTree.ReturnStatement => statement.type === AST_NODE_TYPES.ReturnStatement);
  const [only] = returns;
  return returns.length === 1 && only !== undefined && only.argument !== null ? only.argument : undefined;
}

function memberName(member: TSESTree.ClassElement): string | undefined {
  if (member.type !== AST_NODE_TYPES.PropertyDefinition && member.type !== AST_NODE_TYPES.MethodDefinition) return undefined;
  if (!member.static || member.computed) return undefined;
  if (member.key.type === AST_NODE_TYPES.Identifier) return member.key.name;
  return member.key.type === AST_NODE_TYPES.Literal && typeof member.key.value === 'string' ? member.key.value : undefined;
}

/**
 * The object of `static relationMappings = { ... }`, `= () => ({ ... })`, `static get
 * relationMappings() { return { ... }; }` or `static relationMappings() { ... }` (Objection calls
 * it when it is a function). The last definition wins.
 */
function relationMappingsObject(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression, context: DetectionContext): TSESTree.ObjectExpression | undefined {
  let found: TSESTree.Node | undefined;
  for (const member of classNode.body.body) {
    if (memberName(member) !== 'relationMappings') continue;
    if (member.type === AST_NODE_TYPES.PropertyDefinition) {
      const value = member.value === null ? undefined : unwrapExpression(member.value);
      found = value !== undefined && (value.type === AST_NODE_TYPES.ArrowFunctionExpression || value.type === AST_NODE_TYPES.FunctionExpression) ? returned(value) : value;
    } else if (member.type === AST_NODE_TYPES.MethodDefinition && (member.kind === 'get' || member.kind === 'method')) {
      found = returned(member.value);
    }
  }
  return found === undefined ? undefined : objectLiteral(found, context);
}

/** `Model.ManyToManyRelation`, `ManyToManyRelation` (imported), `Person.HasOneThroughRelation`, ... */
function isThroughRelation(node: TSESTree.Node | undefined): boolean {
  if (node === undefined) return false;
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.Identifier) return THROUGH_RELATIONS.has(value.name);
  return value.type === AST_NODE_TYPES.MemberExpression && !value.computed && value.property.type === AST_NODE_TYPES.Identifier && THROUGH_RELATIONS.has(value.property.name);
}

/**
 * `'persons_movies.personId'` (or the first of an array of them) -> the table; the join model
 * gets `tableName = 'schema.table'` for `'schema.table.column'`, which knex reads as schema-qualified.
 */
function tableOfReference(node: TSESTree.Node, context: DetectionContext): TableRef | undefined {
  let value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.ArrayExpression) {
    const [first] = value.elements;
    if (first === undefined || first === null || first.type === AST_NODE_TYPES.SpreadElement) return undefined;
    value = unwrapExpression(first);
  }
  const text = context.readString(value);
  if (text === undefined) return undefined;
  // Objection's ReferenceBuilder: `table.column:json.path`, the table is all before the column's dot.
  const [columnReference = ''] = text.split(':');
  const parts = columnReference.split('.');
  if (parts.length < 2) return undefined;
  const name = parts[parts.length - 2];
  const schema = parts.length > 2 ? parts[parts.length - 3] : undefined;
  return name === undefined || name === '' ? undefined : createTableRef(name, { schema });
}

/**
 * The `join.through` tables of a model's many-to-many (and has-one-through) relations:
 * `through: { from: 'persons_movies.personId', to: 'persons_movies.movieId' }` names the table
 * before the column. A `through.modelClass` maps the table itself: nothing is implied then.
 */
export function objectionRelationTables(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression, context: DetectionContext): RelationTable[] {
  const mappings = relationMappingsObject(classNode, context);
  if (mappings === undefined) return [];
  const tables: RelationTable[] = [];
  for (const property of mappings.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const name = propertyKey(property);
    const relation = objectLiteral(property.value, context);
    if (name === undefined || relation === undefined || !isThroughRelation(valueOf(relation, 'relation'))) continue;
    const joinNode = valueOf(relation, 'join');
    const join = joinNode === undefined ? undefined : objectLiteral(joinNode, context);
    const throughNode = join === undefined ? undefined : valueOf(join, 'through');
    const through = throughNode === undefined ? undefined : objectLiteral(throughNode, context);
    if (through === undefined) {
      if (throughNode !== undefined) tables.push({ kind: 'unresolved', property: name, reason: THROUGH_REASON });
      continue;
    }
    if (valueOf(through, 'modelClass') !== undefined) continue;
    const from = valueOf(through, 'from');
    const table = from === undefined ? undefined : tableOfReference(from, context);
    tables.push(table === undefined ? { kind: 'unresolved', property: name, reason: THROUGH_REASON } : { kind: 'named', property: name, table });
  }
  return tables;
}
