import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { collectImportBindings, resolveImportedName } from '../ast/importBindings.js';
import type { ImportBinding } from '../ast/importBindings.js';
import { buildModuleConstLookup, resolveConstExpression, resolveStaticString, unwrapExpression } from '../ast/staticString.js';
import type { ConstLookup } from '../ast/staticString.js';
import type { MigrationEvent, MigrationFileFacts } from '../schema/ddlEvent.js';
import { createTableRef } from '../schema/tableRef.js';
import type { TableRef } from '../schema/tableRef.js';
import { INTERPOLATION_MARK } from '../sql/scanSqlDdl.js';
import { classMemberFunctions, findTopLevelClasses, type ClassNode } from './classMigrationWalk.js';
import {
  callEffect,
  claimByRole,
  followHelper,
  startWalk,
  staticPropertyName,
  topLevelFunctions,
  walkFunction,
  type FunctionNode,
  type FunctionWalker,
  type NodeEffect,
} from './functionWalk.js';
import { NO_GLOBALS, readSafely, type MigrationReadContext } from './migrationReader.js';
import { RUNTIME_TABLE_REASON } from './readerReasons.js';
import { appendRead, readSqlArgument, type ReadStatements } from './scriptSql.js';

const SQL_MIGRATIONS_PACKAGE = '@mikro-orm/migrations';
const MONGO_MIGRATIONS_PACKAGE = '@mikro-orm/migrations-mongodb';
const MIKRO_ORM_SCOPE = '@mikro-orm/';

/** Knex schema-builder methods that change the set of tables (MikroORM 6 exposes knex via `getKnex()`). */
const KNEX_TABLE_METHODS = new Set(['createTable', 'createTableIfNotExists', 'createTableLike', 'dropTable', 'dropTableIfExists', 'renameTable']);
/** Calls on a builder that give its SQL text for `addSql`. */
const TO_SQL_TEXT = new Set(['toQuery', 'toString']);

/** State shared by the whole read of one file. */
interface Reader extends FunctionWalker<Frame> {
  readonly bindings: ReadonlyMap<string, ImportBinding>;
  /** `addSql` only queues: the runner executes the queue after `up()` returns. */
  readonly queued: MigrationEvent[];
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

type FrameShape = Omit<Frame, 'scope'>;

/** A frame knowing no names yet, but which members `this.x()` reaches and whether `this` is the migration. */
function newFrameShape(members: ReadonlyMap<string, FunctionNode>, thisIsMigration: boolean): FrameShape {
  return { members, thisIsMigration, migrations: new Set(), knexes: new Set(), schemaBuilders: new Set() };
}

/**
 * Reads what a MikroORM migration's `up()` does to tables, statically: SQL given to
 * `this.addSql(...)` (run after `up()` returns, in order) and `this.execute(...)` (run at once),
 * knex schema-builder calls on `this.getKnex()`, and the same inside helpers `up` calls. Only
 * classes extending `Migration` from `@mikro-orm/migrations` are read; MongoDB migrations have no
 * tables. Never executes the file and never throws.
 */
export function readMikroOrmMigration(program: TSESTree.Program, context: MigrationReadContext = NO_GLOBALS): MigrationFileFacts {
  return readSafely(() => readProgram(program, context));
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
    ...startWalk(buildModuleConstLookup(program, context.globals), topLevelFunctions(program)),
    bindings,
    queued: [],
    visit: (frame, node) => visit(reader, frame, node),
  };
  for (const { base, up, members } of migrations) {
    // A MongoDB migration creates collections, not SQL tables: nothing to replay.
    if (base === 'mongo') continue;
    const shape = newFrameShape(members, true);
    walkFunction(reader, up, new Map(), (scope) => ({ ...shape, scope }));
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

function visit(reader: Reader, frame: Frame, node: TSESTree.Node): NodeEffect | undefined {
  if (node.type === AST_NODE_TYPES.VariableDeclarator) noteAlias(frame, node);
  if (node.type === AST_NODE_TYPES.AwaitExpression) return awaitEffect(reader, frame, node);
  if (node.type === AST_NODE_TYPES.CallExpression) return callEffect(node, classifyCall(reader, frame, node));
  return undefined;
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
function awaitEffect(reader: Reader, frame: Frame, node: TSESTree.AwaitExpression): NodeEffect | undefined {
  const builder = knexTableCall(frame, node.argument);
  if (builder === undefined) return undefined;
  return { operands: builder.call.arguments, apply: () => appendRead(reader, readKnexCall(frame, builder.method, builder.call, builder.schema)) };
}

/** What a call the reader understands does, applied after its arguments are walked (they run first). */
function classifyCall(reader: Reader, frame: Frame, call: TSESTree.CallExpression): (() => void) | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const helper = reader.moduleFunctions.get(callee.name);
    // `this` in a top-level function is not the migration; a parameter given `this` is.
    return helper === undefined ? undefined : () => followMigrationHelper(reader, frame, helper, new Map(), false, call);
  }
  const method = migrationMethod(frame, callee);
  if (method === undefined) return undefined;
  if (method === 'addSql') return () => appendRead({ events: reader.queued, skipped: reader.skipped }, readQuery(reader, frame, call));
  if (method === 'execute') return () => appendRead(reader, readQuery(reader, frame, call));
  const helper = frame.members.get(method);
  return helper === undefined ? undefined : () => followMigrationHelper(reader, frame, helper, frame.members, true, call);
}

/**
 * Walks a helper at its call position. Parameters given the migration, knex or its schema
 * builder keep that meaning; the others are bound to the caller's arguments.
 */
function followMigrationHelper(
  reader: Reader,
  frame: Frame,
  helper: FunctionNode,
  members: ReadonlyMap<string, FunctionNode>,
  thisIsMigration: boolean,
  call: TSESTree.CallExpression,
): void {
  const shape = newFrameShape(members, thisIsMigration);
  const classify = claimByRole([
    [(argument) => isMigration(frame, argument), shape.migrations],
    [(argument) => isKnex(frame, argument), shape.knexes],
    [(argument) => isPlainSchemaBuilder(frame, argument), shape.schemaBuilders],
  ]);
  followHelper(reader, helper, call, frame.scope, classify, (scope) => ({ ...shape, scope }));
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
