import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { resolveImportedName } from '../../ast/importBindings.js';
import {
  buildLocalConstLookup,
  resolveConstExpression,
  resolveStaticString,
  unwrapExpression,
  type ConstLookup,
} from '../../ast/staticString.js';
import type { DetectionContext } from '../../entities/detectionContext.js';
import type { EntityDeclaration, EntityKind, EntityTableName } from '../../entities/entityDeclaration.js';
import { createTableRef } from '../../schema/tableRef.js';
import { INTERPOLATION_MARK } from '../../sql/scanSqlDdl.js';

/** `drizzle-orm/pg-core`, `drizzle-orm/mysql-core`, ...: the dialect packages that declare tables. */
const CORE_SOURCE = /^drizzle-orm\/(?:pg|mysql|sqlite|singlestore|gel)-core$/u;

const TABLE_FUNCTIONS = new Set(['pgTable', 'mysqlTable', 'sqliteTable', 'singlestoreTable', 'gelTable']);
const VIEW_FUNCTIONS = new Set(['pgView', 'pgMaterializedView', 'mysqlView', 'sqliteView', 'singlestoreView', 'gelView', 'gelMaterializedView']);
/** `mysqlDatabase` is drizzle's alias of `mysqlSchema`. */
const SCHEMA_FUNCTIONS = new Set(['pgSchema', 'mysqlSchema', 'mysqlDatabase', 'singlestoreSchema', 'gelSchema']);
const CREATOR_FUNCTIONS = new Set(['pgTableCreator', 'mysqlTableCreator', 'sqliteTableCreator', 'singlestoreTableCreator', 'gelTableCreator']);
/** What a schema object's methods declare: `billing.table(...)`, `billing.view(...)`. */
const SCHEMA_METHOD_KINDS: ReadonlyMap<string, EntityKind> = new Map([
  ['table', 'table'],
  ['view', 'view'],
  ['materializedView', 'view'],
]);
/** `pgTable.withRLS('name', ...)` (drizzle 0.36–0.38) declares a table like `pgTable` itself. */
const TABLE_FUNCTION_VARIANTS = new Set(['withRLS']);

export const RUNTIME_NAME_REASON = 'its table name is computed at runtime';
export const RUNTIME_SCHEMA_REASON = 'its schema name is computed at runtime';
export const UNREADABLE_CREATOR_REASON = "its table creator's name function cannot be read statically";
export const RUNTIME_CREATOR_REASON = 'its table creator builds the name at runtime';

type FunctionNode = TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** A `pgSchema('billing')` const: its name, or `undefined` when it is not static. */
interface SchemaObject {
  readonly schema: string | undefined;
}

/** A `pgTableCreator(fn)` const: the name function when it can be read, else why not. */
type TableCreator = { readonly fn: FunctionNode; readonly scope: ConstLookup } | { readonly reason: string };

interface ModuleFacts {
  readonly schemas: ReadonlyMap<string, SchemaObject>;
  readonly creators: ReadonlyMap<string, TableCreator>;
}

/** How a declaration's root call declares its table. */
type TableSource =
  | { readonly via: 'function'; readonly kind: EntityKind }
  | { readonly via: 'schema'; readonly kind: EntityKind; readonly schema: SchemaObject }
  | { readonly via: 'creator'; readonly creator: TableCreator };

/**
 * Drizzle tables and views declared at the top level of a module (exported or not):
 * `pgTable('users', ...)` and its MySQL/SQLite/SingleStore/Gel twins imported from
 * `drizzle-orm/<dialect>-core`, `pgSchema('billing').table(...)`, tables of a
 * `pgTableCreator((name) => ...)` whose name function can be read statically, and
 * `pgView`/`pgMaterializedView` (kind `view`). Drizzle uses table names verbatim: its `casing`
 * option renames columns only. Declarations inside functions are not what drizzle-kit reads
 * from the schema module's exports, so they are ignored.
 */
export function detectDrizzleTables(context: DetectionContext): EntityDeclaration[] {
  try {
    if (![...context.bindings.values()].some((binding) => CORE_SOURCE.test(binding.source))) return [];
    return detectInModule(context);
  } catch {
    return [];
  }
}

function detectInModule(context: DetectionContext): EntityDeclaration[] {
  const declarators = topLevelDeclarators(context.program);
  const facts = collectModuleFacts(context, declarators);
  const entities: EntityDeclaration[] = [];
  for (const declarator of declarators) {
    if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.init === null) continue;
    for (const call of chainCalls(declarator.init)) {
      const source = classifyCall(context, facts, call);
      if (source === undefined) continue;
      entities.push(toEntity(context, declarator.id, call, source));
      break;
    }
  }
  return entities;
}

/** Declarators of top-level `const`/`let`/`var` statements, exported or not, in source order. */
function topLevelDeclarators(program: TSESTree.Program): TSESTree.VariableDeclarator[] {
  const declarators: TSESTree.VariableDeclarator[] = [];
  for (const statement of program.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) declarators.push(...declaration.declarations);
  }
  return declarators;
}

/** The module's schema objects and table creators, by const name. */
function collectModuleFacts(context: DetectionContext, declarators: readonly TSESTree.VariableDeclarator[]): ModuleFacts {
  const schemas = new Map<string, SchemaObject>();
  const creators = new Map<string, TableCreator>();
  for (const declarator of declarators) {
    if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.init === null) continue;
    const init = unwrapExpression(declarator.init);
    if (init.type !== AST_NODE_TYPES.CallExpression) continue;
    const schema = readSchemaCall(context, init);
    if (schema !== undefined) schemas.set(declarator.id.name, schema);
    const creator = readCreatorCall(context, init);
    if (creator !== undefined) creators.set(declarator.id.name, creator);
  }
  return { schemas, creators };
}

/** The drizzle core export a callee names (`pgTable`, `pg.pgTable`), if it is one. */
function coreExport(context: DetectionContext, callee: TSESTree.Node): string | undefined {
  const expression = unwrapExpression(callee);
  if (expression.type !== AST_NODE_TYPES.Identifier && expression.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const binding = resolveImportedName(expression, context.bindings);
  return binding !== undefined && CORE_SOURCE.test(binding.source) ? binding.imported : undefined;
}

function firstArgument(call: TSESTree.CallExpression): TSESTree.Expression | undefined {
  const first = call.arguments[0];
  return first === undefined || first.type === AST_NODE_TYPES.SpreadElement ? undefined : first;
}

/** `pgSchema('billing')`. */
function readSchemaCall(context: DetectionContext, call: TSESTree.CallExpression): SchemaObject | undefined {
  const name = coreExport(context, call.callee);
  if (name === undefined || !SCHEMA_FUNCTIONS.has(name)) return undefined;
  const argument = firstArgument(call);
  return { schema: argument === undefined ? undefined : context.readString(argument) };
}

/** `pgTableCreator((name) => \`app_${name}\`)`, also with the function in a const. */
function readCreatorCall(context: DetectionContext, call: TSESTree.CallExpression): TableCreator | undefined {
  const name = coreExport(context, call.callee);
  if (name === undefined || !CREATOR_FUNCTIONS.has(name)) return undefined;
  const argument = firstArgument(call);
  const resolved = argument === undefined ? undefined : resolveConstExpression(argument, context.lookup);
  if (resolved === undefined) return { reason: UNREADABLE_CREATOR_REASON };
  const fn = resolved.node;
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression) {
    return { reason: UNREADABLE_CREATOR_REASON };
  }
  if (fn.async || fn.generator || returnedExpression(fn) === undefined) return { reason: UNREADABLE_CREATOR_REASON };
  if (fn.params.length > 1 || (fn.params[0] !== undefined && fn.params[0].type !== AST_NODE_TYPES.Identifier)) {
    return { reason: UNREADABLE_CREATOR_REASON };
  }
  return { fn, scope: resolved.scope };
}

/** `(name) => expr` or a body that is a single `return expr;`. */
function returnedExpression(fn: FunctionNode): TSESTree.Expression | undefined {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const [only, ...rest] = fn.body.body;
  if (rest.length > 0 || only?.type !== AST_NODE_TYPES.ReturnStatement || only.argument === null) return undefined;
  return only.argument;
}

/**
 * The calls of an initializer's chain, outermost first: the declaring call may sit under chained
 * calls such as `.enableRLS()` or a view's `.as(qb => ...)`, `.with({...}).as(...)`, `.existing()`.
 */
function chainCalls(init: TSESTree.Expression): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  let node = unwrapExpression(init);
  while (node.type === AST_NODE_TYPES.CallExpression) {
    calls.push(node);
    const callee = unwrapExpression(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
    node = unwrapExpression(callee.object);
  }
  return calls;
}

function memberName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed) return member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
  return member.property.type === AST_NODE_TYPES.Literal && typeof member.property.value === 'string' ? member.property.value : undefined;
}

function classifyCall(context: DetectionContext, facts: ModuleFacts, call: TSESTree.CallExpression): TableSource | undefined {
  const direct = classifyCallee(context, facts, call.callee);
  if (direct !== undefined) return direct;
  // `pgTable.withRLS(...)`, `billing.table.withRLS(...)`, `createTable.withRLS(...)`.
  const callee = unwrapExpression(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const variant = memberName(callee);
  if (variant === undefined || !TABLE_FUNCTION_VARIANTS.has(variant)) return undefined;
  const base = classifyCallee(context, facts, callee.object);
  return base !== undefined && (base.via === 'creator' || base.kind === 'table') ? base : undefined;
}

function classifyCallee(context: DetectionContext, facts: ModuleFacts, calleeNode: TSESTree.Node): TableSource | undefined {
  const exported = coreExport(context, calleeNode);
  if (exported !== undefined) {
    if (TABLE_FUNCTIONS.has(exported)) return { via: 'function', kind: 'table' };
    if (VIEW_FUNCTIONS.has(exported)) return { via: 'function', kind: 'view' };
    return undefined;
  }
  const callee = unwrapExpression(calleeNode);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const creator = facts.creators.get(callee.name);
    return creator === undefined ? undefined : { via: 'creator', creator };
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = memberName(callee);
  const kind = method === undefined ? undefined : SCHEMA_METHOD_KINDS.get(method);
  if (kind === undefined) return undefined;
  const schema = schemaObject(context, facts, callee.object);
  return schema === undefined ? undefined : { via: 'schema', kind, schema };
}

/** `billing` (a module const holding `pgSchema(...)`) or an inline `pgSchema('billing')`. */
function schemaObject(context: DetectionContext, facts: ModuleFacts, node: TSESTree.Node): SchemaObject | undefined {
  const expression = unwrapExpression(node);
  if (expression.type === AST_NODE_TYPES.Identifier) return facts.schemas.get(expression.name);
  return expression.type === AST_NODE_TYPES.CallExpression ? readSchemaCall(context, expression) : undefined;
}

function toEntity(
  context: DetectionContext,
  id: TSESTree.Identifier,
  call: TSESTree.CallExpression,
  source: TableSource,
): EntityDeclaration {
  const nameNode = firstArgument(call);
  const loc = identifierLoc(id);
  const kind = source.via === 'creator' ? 'table' : source.kind;
  return {
    orm: 'drizzle',
    kind,
    name: id.name,
    tableName: resolveTableName(context, nameNode, source),
    loc,
    tableNameLoc: nameNode?.loc ?? loc,
  };
}

/** The identifier without its type annotation (`users: PgTable` reports at `users`). */
function identifierLoc(id: TSESTree.Identifier): TSESTree.SourceLocation {
  if (id.typeAnnotation === undefined) return id.loc;
  return { start: id.loc.start, end: { line: id.loc.start.line, column: id.loc.start.column + id.name.length } };
}

function resolveTableName(context: DetectionContext, nameNode: TSESTree.Expression | undefined, source: TableSource): EntityTableName {
  if (nameNode === undefined) return { resolved: false, reason: RUNTIME_NAME_REASON };
  if (source.via === 'creator') return creatorTableName(context, nameNode, source.creator);
  const name = context.readString(nameNode);
  if (name === undefined) return { resolved: false, reason: RUNTIME_NAME_REASON };
  if (source.via === 'schema' && source.schema.schema === undefined) return { resolved: false, reason: RUNTIME_SCHEMA_REASON };
  const schema = source.via === 'schema' ? source.schema.schema : undefined;
  return { resolved: true, table: createTableRef(name, { schema }), source: 'explicit' };
}

/** Evaluates the creator's name function statically with its parameter bound to the table name. */
function creatorTableName(context: DetectionContext, nameNode: TSESTree.Expression, creator: TableCreator): EntityTableName {
  if ('reason' in creator) return { resolved: false, reason: creator.reason };
  if (context.readString(nameNode) === undefined) return { resolved: false, reason: RUNTIME_NAME_REASON };
  const param = creator.fn.params[0];
  const params = new Map(param?.type === AST_NODE_TYPES.Identifier ? [[param.name, { init: nameNode, scope: context.lookup }]] : []);
  const scope = buildLocalConstLookup(creator.fn, creator.scope, params);
  const body = returnedExpression(creator.fn);
  const name = body === undefined ? undefined : resolveStaticString(body, scope);
  if (name === undefined || name.includes(INTERPOLATION_MARK)) return { resolved: false, reason: RUNTIME_CREATOR_REASON };
  return { resolved: true, table: createTableRef(name), source: 'naming-strategy' };
}
