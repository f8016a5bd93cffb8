import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { collectImportBindings, resolveImportedName } from '../ast/importBindings.js';
import type { ImportBinding } from '../ast/importBindings.js';
import { buildLocalConstLookup, buildModuleConstLookup, resolveConstExpression, resolveStaticString, unwrapExpression } from '../ast/staticString.js';
import type { ConstLookup, ScopeEntry } from '../ast/staticString.js';
import { walkAst } from '../ast/walkAst.js';
import type { MigrationEvent, MigrationFileFacts, SkippedStatement } from '../schema/ddlEvent.js';
import { createTableRef } from '../schema/tableRef.js';
import type { TableRef } from '../schema/tableRef.js';
import { INTERPOLATION_MARK } from '../sql/scanSqlDdl.js';
import {
  bindHelperParameters,
  classMemberFunctions,
  findTopLevelClasses,
  readSqlArgument,
  RUNTIME_TABLE_REASON,
  staticPropertyName,
  topLevelFunctions,
  type ClassNode,
  type FunctionNode,
  type ReadStatements,
} from './classMigrationWalk.js';
import type { MigrationReadContext } from './migrationReader.js';

const NO_GLOBALS: MigrationReadContext = { globals: () => undefined };

const SQL_MIGRATIONS_PACKAGE = '@mikro-orm/migrations';
const MONGO_MIGRATIONS_PACKAGE = '@mikro-orm/migrations-mongodb';
const MIKRO_ORM_SCOPE = '@mikro-orm/';

/** Knex schema-builder methods that change the set of tables (MikroORM 6 exposes knex via `getKnex()`). */
const KNEX_TABLE_METHODS = new Set(['createTable', 'createTableIfNotExists', 'createTableLike', 'dropTable', 'dropTableIfExists', 'renameTable']);
/** Calls on a builder that give its SQL text for `addSql`. */
const TO_SQL_TEXT = new Set(['toQuery', 'toString']);

/** State shared by the whole read of one file. */
interface Reader {
  readonly moduleScope: ConstLookup;
  readonly moduleFunctions: ReadonlyMap<string, FunctionNode>;
  readonly bindings: ReadonlyMap<string, ImportBinding>;
  readonly events: MigrationEvent[];
  readonly skipped: SkippedStatement[];
  /** `addSql` only queues: the runner executes the queue after `up()` returns. */
  readonly queued: MigrationEvent[];
  /** Functions being walked; one already here is not re-entered (recursion guard). */
  readonly callStack: Set<FunctionNode>;
}

/** What is known inside the function being walked. */
interface Frame {
  readonly scope: ConstLookup;
  /** `this.*` helpers: the migration's members (empty in a top-level function). */
  readonly members: ReadonlyMap<string, FunctionNode>;
  /** Whether `this` is the migration (in its members, not in top-level helpers). */
  readonly thisIsMigration: boolean;
  /** Names holding the migration: `const self = this`, a helper's parameter given `this`. */
  readonly migrations: Set<string>;
  /** Names holding `this.getKnex()`. */
  readonly knexes: Set<string>;
  /** Names holding `knex.schema`. */
  readonly schemaBuilders: Set<string>;
}

/**
 * Reads what a MikroORM migration's `up()` does to tables, statically: SQL given to
 * `this.addSql(...)` (run after `up()` returns, in order) and `this.execute(...)` (run at once),
 * knex schema-builder calls on `this.getKnex()`, and the same inside helpers `up` calls. Only
 * classes extending `Migration` from `@mikro-orm/migrations` are read; MongoDB migrations have no
 * tables. Never executes the file and never throws.
 */
export function readMikroOrmMigration(program: TSESTree.Program, context: MigrationReadContext = NO_GLOBALS): MigrationFileFacts {
  try {
    return readProgram(program, context);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { kind: 'unreadable', reason: `unexpected syntax while reading the migration: ${detail}` };
  }
}

function readProgram(program: TSESTree.Program, context: MigrationReadContext): MigrationFileFacts {
  const bindings = collectImportBindings(program);
  const migrations = findTopLevelClasses(program).flatMap((classNode) => {
    const base = migrationBase(classNode, bindings);
    const members = classMemberFunctions(classNode);
    const up = members.get('up');
    return base === undefined || up === undefined ? [] : [{ base, up, members }];
  });
  if (migrations.length === 0) return { kind: 'not-a-migration' };

  const reader: Reader = {
    moduleScope: buildModuleConstLookup(program, context.globals),
    moduleFunctions: topLevelFunctions(program),
    bindings,
    events: [],
    skipped: [],
    queued: [],
    callStack: new Set(),
  };
  for (const { base, up, members } of migrations) {
    // A MongoDB migration creates collections, not SQL tables: nothing to replay.
    if (base === 'mongo') continue;
    walkFunction(reader, up, { members, thisIsMigration: true, migrations: new Set(), knexes: new Set(), schemaBuilders: new Set() }, new Map());
    reader.events.push(...reader.queued.splice(0));
  }
  return { kind: 'migration', events: reader.events, skipped: reader.skipped };
}

/** `extends Migration` from MikroORM's migrations packages (also compiled: `migrations_1.Migration`). */
function migrationBase(classNode: ClassNode, bindings: ReadonlyMap<string, ImportBinding>): 'sql' | 'mongo' | undefined {
  if (classNode.superClass === null) return undefined;
  const binding = resolveImportedName(unwrapExpression(classNode.superClass) as TSESTree.Expression, bindings);
  if (binding?.imported !== 'Migration') return undefined;
  if (binding.source === SQL_MIGRATIONS_PACKAGE) return 'sql';
  return binding.source === MONGO_MIGRATIONS_PACKAGE ? 'mongo' : undefined;
}

type FrameShape = Omit<Frame, 'scope'>;

/** Walks one function body in source order, unless it is already being walked (recursion). */
function walkFunction(reader: Reader, fn: FunctionNode, shape: FrameShape, params: ReadonlyMap<string, ScopeEntry>): void {
  if (reader.callStack.has(fn)) return;
  reader.callStack.add(fn);
  try {
    const frame: Frame = { ...shape, scope: buildLocalConstLookup(fn, reader.moduleScope, params) };
    walkNode(reader, frame, fn.body);
  } finally {
    reader.callStack.delete(fn);
  }
}

function walkNode(reader: Reader, frame: Frame, root: TSESTree.Node): void {
  walkAst(root, (node) => {
    if (node.type === AST_NODE_TYPES.VariableDeclarator) noteAlias(frame, node);
    if (node.type === AST_NODE_TYPES.AwaitExpression) return visitAwait(reader, frame, node);
    if (node.type === AST_NODE_TYPES.CallExpression) return visitCall(reader, frame, node);
    return true;
  });
}

/** `const self = this`, `const knex = this.getKnex()`, `const { schema } = knex`, `const schema = knex.schema`. */
function noteAlias(frame: Frame, declarator: TSESTree.VariableDeclarator): void {
  if (declarator.init === null) return;
  if (declarator.id.type === AST_NODE_TYPES.Identifier) {
    if (isMigration(frame, declarator.init)) frame.migrations.add(declarator.id.name);
    else if (isKnex(frame, declarator.init)) frame.knexes.add(declarator.id.name);
    else if (isPlainSchemaBuilder(frame, declarator.init)) frame.schemaBuilders.add(declarator.id.name);
    return;
  }
  if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern || !isKnex(frame, declarator.init)) return;
  for (const property of declarator.id.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier) continue;
    if (property.key.name === 'schema' && property.value.type === AST_NODE_TYPES.Identifier) frame.schemaBuilders.add(property.value.name);
  }
}

function isMigration(frame: Frame, node: TSESTree.Node): boolean {
  const expression = unwrapExpression(node);
  if (expression.type === AST_NODE_TYPES.ThisExpression) return frame.thisIsMigration;
  return expression.type === AST_NODE_TYPES.Identifier && frame.migrations.has(expression.name);
}

/** `migration.method`: the callee's method name when it is called on the migration. */
function migrationMethod(frame: Frame, callee: TSESTree.Node): string | undefined {
  const expression = unwrapExpression(callee);
  if (expression.type !== AST_NODE_TYPES.MemberExpression || !isMigration(frame, expression.object)) return undefined;
  return staticPropertyName(expression);
}

/** `this.getKnex()`, `this.getEntityManager().getKnex()` or a name holding one. */
function isKnex(frame: Frame, node: TSESTree.Node): boolean {
  const expression = unwrapExpression(node);
  if (expression.type === AST_NODE_TYPES.Identifier) return frame.knexes.has(expression.name);
  if (expression.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrapExpression(expression.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(callee) !== 'getKnex') return false;
  if (isMigration(frame, callee.object)) return true;
  const inner = unwrapExpression(callee.object);
  return inner.type === AST_NODE_TYPES.CallExpression && migrationMethod(frame, inner.callee) === 'getEntityManager';
}

function isPlainSchemaBuilder(frame: Frame, node: TSESTree.Node): boolean {
  const expression = unwrapExpression(node);
  if (expression.type === AST_NODE_TYPES.Identifier) return frame.schemaBuilders.has(expression.name);
  return expression.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(expression) === 'schema' && isKnex(frame, expression.object);
}

/** The schema a builder puts tables in: `knex.schema` (default) or `knex.schema.withSchema('s')`; null when unreadable. */
function builderSchema(frame: Frame, node: TSESTree.Node): { schema: string | undefined } | null | undefined {
  if (isPlainSchemaBuilder(frame, node)) return { schema: undefined };
  const expression = unwrapExpression(node);
  if (expression.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = unwrapExpression(expression.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(callee) !== 'withSchema') return undefined;
  if (builderSchema(frame, callee.object) === undefined) return undefined;
  const argument = expression.arguments[0];
  const schema = argument === undefined ? undefined : resolveStaticString(argument, frame.scope);
  return schema === undefined || schema.includes(INTERPOLATION_MARK) ? null : { schema };
}

/** A knex schema-builder call that changes tables: `knex.schema.createTable('users', ...)`, with its schema. */
function knexTableCall(
  frame: Frame,
  node: TSESTree.Node,
): { call: TSESTree.CallExpression; method: string; schema: { schema: string | undefined } | null } | undefined {
  const expression = unwrapExpression(node);
  if (expression.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = unwrapExpression(expression.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = staticPropertyName(callee);
  if (method === undefined) return undefined;
  // `builder.toQuery()` gives the builder's SQL: the builder is what counts.
  if (TO_SQL_TEXT.has(method)) return knexTableCall(frame, callee.object);
  if (!KNEX_TABLE_METHODS.has(method)) return undefined;
  const schema = builderSchema(frame, callee.object);
  return schema === undefined ? undefined : { call: expression, method, schema };
}

/** `await knex.schema.createTable(...)` runs the builder at once. */
function visitAwait(reader: Reader, frame: Frame, node: TSESTree.AwaitExpression): boolean {
  const builder = knexTableCall(frame, node.argument);
  if (builder === undefined) return true;
  for (const argument of builder.call.arguments) walkNode(reader, frame, argument);
  append(reader.events, reader.skipped, readKnexCall(frame, builder.method, builder.call, builder.schema));
  return false;
}

/**
 * Handles a call the reader understands and returns false (its arguments are walked first, as
 * they run first); other calls are walked into normally.
 */
function visitCall(reader: Reader, frame: Frame, call: TSESTree.CallExpression): boolean {
  const action = classifyCall(reader, frame, call);
  if (action === undefined) return true;
  for (const argument of call.arguments) walkNode(reader, frame, argument);
  action();
  return false;
}

function classifyCall(reader: Reader, frame: Frame, call: TSESTree.CallExpression): (() => void) | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const helper = reader.moduleFunctions.get(callee.name);
    // `this` in a top-level function is not the migration; a parameter given `this` is.
    return helper === undefined ? undefined : () => followHelper(reader, frame, helper, new Map(), false, call);
  }
  const method = migrationMethod(frame, callee);
  if (method === undefined) return undefined;
  if (method === 'addSql') return () => append(reader.queued, reader.skipped, readQuery(reader, frame, call));
  if (method === 'execute') return () => append(reader.events, reader.skipped, readQuery(reader, frame, call));
  const helper = frame.members.get(method);
  return helper === undefined ? undefined : () => followHelper(reader, frame, helper, frame.members, true, call);
}

function append(events: MigrationEvent[], skipped: SkippedStatement[], read: ReadStatements): void {
  events.push(...read.events);
  skipped.push(...read.skipped);
}

/**
 * Walks a helper at its call position. Parameters given the migration, knex or its schema
 * builder keep that meaning; the others are bound to the caller's arguments.
 */
function followHelper(
  reader: Reader,
  frame: Frame,
  helper: FunctionNode,
  members: ReadonlyMap<string, FunctionNode>,
  thisIsMigration: boolean,
  call: TSESTree.CallExpression,
): void {
  const shape: FrameShape = { members, thisIsMigration, migrations: new Set(), knexes: new Set(), schemaBuilders: new Set() };
  const params = bindHelperParameters(helper, call, frame.scope, reader.moduleScope, (name, argument) => {
    if (isMigration(frame, argument)) shape.migrations.add(name);
    else if (isKnex(frame, argument)) shape.knexes.add(name);
    else if (isPlainSchemaBuilder(frame, argument)) shape.schemaBuilders.add(name);
    else return false;
    return true;
  });
  walkFunction(reader, helper, shape, params);
}

/**
 * The argument of `addSql`/`execute`: SQL text (also through `knex.raw(sql)` or MikroORM's
 * `raw(sql)`), or a knex schema builder (directly, via `.toQuery()`, or a const holding one).
 */
function readQuery(reader: Reader, frame: Frame, call: TSESTree.CallExpression): ReadStatements {
  const line = call.loc.start.line;
  const argument = call.arguments[0];
  if (argument === undefined || argument.type === AST_NODE_TYPES.SpreadElement) return readSqlArgument(argument, frame.scope, line);
  const value = resolveConstExpression(argument, frame.scope)?.node ?? argument;
  const builder = knexTableCall(frame, value);
  if (builder !== undefined) return readKnexCall(frame, builder.method, builder.call, builder.schema);
  const rawText = rawSqlArgument(reader, frame, value);
  return readSqlArgument(rawText ?? argument, frame.scope, line);
}

/** The SQL of `knex.raw(sql)` or `raw(sql)` imported from a MikroORM package. */
function rawSqlArgument(reader: Reader, frame: Frame, node: TSESTree.Node): TSESTree.Node | undefined {
  const expression = unwrapExpression(node);
  if (expression.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = unwrapExpression(expression.callee);
  const isRaw =
    (callee.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(callee) === 'raw' && isKnex(frame, callee.object)) ||
    isMikroOrmRaw(reader, callee);
  return isRaw ? expression.arguments[0] : undefined;
}

function isMikroOrmRaw(reader: Reader, callee: TSESTree.Node): boolean {
  const binding = resolveImportedName(callee as TSESTree.Expression, reader.bindings);
  return binding !== undefined && binding.imported === 'raw' && binding.source.startsWith(MIKRO_ORM_SCOPE);
}

/** `createTable('users')`, `dropTable('billing.users')`, `renameTable('a', 'b')`: knex quotes, so names are quoted. */
function readKnexCall(
  frame: Frame,
  method: string,
  call: TSESTree.CallExpression,
  schema: { schema: string | undefined } | null,
): ReadStatements {
  const line = call.loc.start.line;
  const skip: ReadStatements = { events: [], skipped: [{ line, reason: RUNTIME_TABLE_REASON }] };
  const [first, second] = call.arguments;
  const table = schema === null ? undefined : knexTable(first, schema.schema, frame.scope);
  if (table === undefined) return skip;
  if (method === 'renameTable') {
    const to = knexTable(second, table.schema, frame.scope);
    return to === undefined ? skip : { events: [{ kind: 'rename-table', table, to, line }], skipped: [] };
  }
  const kind = method.startsWith('drop') ? 'drop-table' : 'create-table';
  return { events: [{ kind, table, line }], skipped: [] };
}

/** A knex table name: `users` in the builder's schema, or `schema.users`. */
function knexTable(argument: TSESTree.CallExpressionArgument | undefined, schema: string | undefined, scope: ConstLookup): TableRef | undefined {
  if (argument === undefined || argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const path = resolveStaticString(argument, scope);
  if (path === undefined || path === '' || path.includes(INTERPOLATION_MARK)) return undefined;
  const parts = path.split('.');
  const name = parts[parts.length - 1];
  if (name === undefined || name === '') return undefined;
  return createTableRef(name, { schema: parts.length > 1 ? parts[parts.length - 2] : schema, quoted: true });
}
