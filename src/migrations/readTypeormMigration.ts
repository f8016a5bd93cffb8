import type { MigrationReadContext } from './migrationReader.js';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { walkAst } from '../ast/walkAst.js';
import type { MigrationEvent, MigrationFileFacts, SkippedStatement } from '../schema/ddlEvent.js';
import { createTableRef } from '../schema/tableRef.js';
import type { TableRef } from '../schema/tableRef.js';
import { INTERPOLATION_MARK } from '../sql/scanSqlDdl.js';
import {
  buildLocalConstLookup,
  buildModuleConstLookup,
  patternNames,
  resolveConstExpression,
  resolveConstProperty,
  resolveStaticString,
  unwrapExpression,
} from '../ast/staticString.js';
import type { ConstLookup, ScopeEntry } from '../ast/staticString.js';
import {
  bindHelperParameters,
  classMemberFunctions,
  findTopLevelClasses,
  parameterName,
  readSqlArgument,
  RUNTIME_TABLE_REASON,
  staticPropertyName,
  topLevelFunctions,
  type FunctionNode,
} from './classMigrationWalk.js';

export { RUNTIME_SQL_REASON, RUNTIME_TABLE_REASON } from './classMigrationWalk.js';

const NO_GLOBALS: MigrationReadContext = { globals: () => undefined };

/** State shared by the whole read of one file. */
interface Reader {
  readonly moduleScope: ConstLookup;
  /** Top-level functions, followed when `up` calls them by name. */
  readonly moduleFunctions: ReadonlyMap<string, FunctionNode>;
  readonly events: MigrationEvent[];
  readonly skipped: SkippedStatement[];
  /** Functions being walked; one already here is not re-entered (recursion guard). */
  readonly callStack: Set<FunctionNode>;
}

/** What is known inside the function being walked. */
interface Frame {
  /** Names holding the query runner (its parameter and aliases such as `const qr = queryRunner`). */
  readonly runners: Set<string>;
  /** Names holding something with `.query(sql)` from the runner: `const { manager } = queryRunner`. */
  readonly queryTargets: Set<string>;
  readonly scope: ConstLookup;
  /** `this.*` helpers: the members of the migration class (empty in a top-level function). */
  readonly members: ReadonlyMap<string, FunctionNode>;
}

/** Runner methods that change the set of tables. */
const BUILDER_METHODS = new Set(['createTable', 'dropTable', 'renameTable']);
/** Runner properties that also run raw SQL: `queryRunner.manager.query(sql)`. */
const QUERYING_PROPERTIES = new Set(['manager', 'connection']);

/**
 * Reads what a TypeORM migration's `up()` does to tables, statically: raw SQL passed to
 * `queryRunner.query`, `createTable`/`dropTable`/`renameTable` builder calls, and the same
 * inside helpers `up` calls (class members via `this`, top-level functions). Never executes
 * the file and never throws.
 */
export function readTypeormMigration(program: TSESTree.Program, context: MigrationReadContext = NO_GLOBALS): MigrationFileFacts {
  try {
    return readProgram(program, context);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { kind: 'unreadable', reason: `unexpected syntax while reading the migration: ${detail}` };
  }
}

function readProgram(program: TSESTree.Program, context: MigrationReadContext): MigrationFileFacts {
  const migrations = findTopLevelClasses(program).flatMap((classNode) => {
    const members = classMemberFunctions(classNode);
    const up = members.get('up');
    return up === undefined ? [] : [{ up, members }];
  });
  if (migrations.length === 0) return { kind: 'not-a-migration' };

  const reader: Reader = {
    moduleScope: buildModuleConstLookup(program, context.globals),
    moduleFunctions: topLevelFunctions(program),
    events: [],
    skipped: [],
    callStack: new Set(),
  };
  for (const { up, members } of migrations) {
    // TypeORM passes the query runner as up's first argument.
    const runner = up.params[0] === undefined ? undefined : parameterName(up.params[0]);
    const runners = new Set(runner === undefined ? [] : [runner]);
    walkFunction(reader, up, members, { runners, queryTargets: new Set(), params: new Map() });
  }
  return { kind: 'migration', events: reader.events, skipped: reader.skipped };
}

interface FunctionEntry {
  readonly runners: Set<string>;
  readonly queryTargets: Set<string>;
  /** Parameters bound to the caller's arguments. */
  readonly params: ReadonlyMap<string, ScopeEntry>;
}

/** Walks one function body in source order, unless it is already being walked (recursion). */
function walkFunction(reader: Reader, fn: FunctionNode, members: ReadonlyMap<string, FunctionNode>, entry: FunctionEntry): void {
  if (reader.callStack.has(fn)) return;
  reader.callStack.add(fn);
  try {
    const scope = buildLocalConstLookup(fn, reader.moduleScope, entry.params);
    walkNode(reader, { runners: entry.runners, queryTargets: entry.queryTargets, scope, members }, fn.body);
  } finally {
    reader.callStack.delete(fn);
  }
}

function walkNode(reader: Reader, frame: Frame, root: TSESTree.Node): void {
  walkAst(root, (node) => {
    if (node.type === AST_NODE_TYPES.VariableDeclarator) noteRunnerAlias(frame, node);
    if (node.type === AST_NODE_TYPES.CallExpression) return visitCall(reader, frame, node);
    return true;
  });
}

/** `const qr = queryRunner`, `const m = queryRunner.manager`, `const { manager } = queryRunner`. */
function noteRunnerAlias(frame: Frame, declarator: TSESTree.VariableDeclarator): void {
  if (declarator.init === null) return;
  if (declarator.id.type === AST_NODE_TYPES.Identifier) {
    if (isRunner(frame, declarator.init)) frame.runners.add(declarator.id.name);
    else if (isQueryTarget(frame, declarator.init)) frame.queryTargets.add(declarator.id.name);
    return;
  }
  if (declarator.id.type === AST_NODE_TYPES.ObjectPattern && isRunner(frame, declarator.init)) {
    for (const property of declarator.id.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier) continue;
      if (!QUERYING_PROPERTIES.has(property.key.name)) continue;
      for (const name of patternNames(property.value)) frame.queryTargets.add(name);
    }
  }
}

function isRunner(frame: Frame, node: TSESTree.Node): boolean {
  const expression = unwrapExpression(node);
  return expression.type === AST_NODE_TYPES.Identifier && frame.runners.has(expression.name);
}

/** Something whose `.query(sql)` runs SQL in the migration: the runner, its manager or connection. */
function isQueryTarget(frame: Frame, node: TSESTree.Node): boolean {
  if (isRunner(frame, node)) return true;
  const expression = unwrapExpression(node);
  if (expression.type === AST_NODE_TYPES.Identifier) return frame.queryTargets.has(expression.name);
  if (expression.type !== AST_NODE_TYPES.MemberExpression) return false;
  const property = staticPropertyName(expression);
  return property !== undefined && QUERYING_PROPERTIES.has(property) && isRunner(frame, expression.object);
}

/**
 * Handles a call the reader understands and returns false (its arguments are walked here,
 * before the call's own effect, as they run first); other calls are walked into normally.
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
    // `this` in a top-level function is not the migration, so it sees no class members.
    return helper === undefined ? undefined : () => followHelper(reader, frame, helper, new Map(), call);
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = staticPropertyName(callee);
  if (method === undefined) return undefined;
  if (method === 'query' && isQueryTarget(frame, callee.object)) return () => readQueryCall(reader, frame, call);
  if (BUILDER_METHODS.has(method) && isRunner(frame, callee.object)) return () => readBuilderCall(reader, frame, method, call);
  if (unwrapExpression(callee.object).type === AST_NODE_TYPES.ThisExpression) {
    const helper = frame.members.get(method);
    return helper === undefined ? undefined : () => followHelper(reader, frame, helper, frame.members, call);
  }
  return undefined;
}

/**
 * Walks a helper at its call position. A parameter receiving the runner is a runner there;
 * other parameters are bound to the caller's arguments, so `helper(queryRunner, 'users')` reads.
 */
function followHelper(
  reader: Reader,
  frame: Frame,
  helper: FunctionNode,
  members: ReadonlyMap<string, FunctionNode>,
  call: TSESTree.CallExpression,
): void {
  const runners = new Set<string>();
  const queryTargets = new Set<string>();
  const params = bindHelperParameters(helper, call, frame.scope, reader.moduleScope, (name, argument) => {
    if (isRunner(frame, argument)) runners.add(name);
    else if (isQueryTarget(frame, argument)) queryTargets.add(name);
    else return false;
    return true;
  });
  walkFunction(reader, helper, members, { runners, queryTargets, params });
}

function readQueryCall(reader: Reader, frame: Frame, call: TSESTree.CallExpression): void {
  const read = readSqlArgument(call.arguments[0], frame.scope, call.loc.start.line);
  reader.events.push(...read.events);
  reader.skipped.push(...read.skipped);
}

function readBuilderCall(reader: Reader, frame: Frame, method: string, call: TSESTree.CallExpression): void {
  const line = call.loc.start.line;
  const [first, second] = call.arguments;
  const table = first === undefined ? undefined : tableFromArgument(first, frame.scope);
  if (table === undefined) {
    reader.skipped.push({ line, reason: RUNTIME_TABLE_REASON });
    return;
  }
  if (method === 'createTable') {
    // `createTable(table)` also accepts a plain string at runtime, but only a Table is meaningful.
    reader.events.push({ kind: 'create-table', table, line });
  } else if (method === 'dropTable') {
    reader.events.push({ kind: 'drop-table', table, line });
  } else {
    const to = second === undefined ? undefined : renameTarget(second, table, frame.scope);
    if (to === undefined) reader.skipped.push({ line, reason: RUNTIME_TABLE_REASON });
    else reader.events.push({ kind: 'rename-table', table, to, line });
  }
}

/** `'users'`, `'billing.users'`, `new Table({ name, schema })` or a const holding one of these. */
function tableFromArgument(argument: TSESTree.CallExpressionArgument, scope: ConstLookup): TableRef | undefined {
  if (argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const value = resolveConstExpression(argument, scope);
  if (value !== undefined && isNewTable(value.node)) return tableFromNewTable(value.node, value.scope);
  const path = resolveStaticString(argument, scope);
  return path === undefined ? undefined : tableFromPath(path, undefined);
}

/** `new Table(...)`, `new typeorm.Table(...)` or compiled `new typeorm_1.Table(...)`. */
function isNewTable(node: TSESTree.Node): node is TSESTree.NewExpression {
  if (node.type !== AST_NODE_TYPES.NewExpression) return false;
  const callee = unwrapExpression(node.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === 'Table';
  return callee.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(callee) === 'Table';
}

function tableFromNewTable(node: TSESTree.NewExpression, scope: ConstLookup): TableRef | undefined {
  const options = node.arguments[0];
  if (options === undefined || options.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const name = optionText(options, 'name', scope);
  const schema = optionText(options, 'schema', scope);
  if (name === undefined || name === null || schema === null) return undefined;
  return tableFromPath(name, schema);
}

/** A Table option's static text; `undefined` when absent, `null` when present but not static. */
function optionText(options: TSESTree.Node, key: string, scope: ConstLookup): string | null | undefined {
  const value = resolveConstProperty(options, key, scope);
  if (value === undefined) return undefined;
  const text = resolveStaticString(value.node, value.scope);
  return text === undefined || text.includes(INTERPOLATION_MARK) ? null : text;
}

/**
 * A TypeORM table path: `users` or `schema.users` (`db.schema.users` on SQL Server). An explicit
 * `schema` option wins over a qualified name, as in TypeORM's drivers.
 */
function tableFromPath(path: string, explicitSchema: string | undefined): TableRef | undefined {
  if (path === '' || path.includes(INTERPOLATION_MARK)) return undefined;
  const parts = path.split('.');
  const name = parts[parts.length - 1];
  if (name === undefined || name === '') return undefined;
  const schema = explicitSchema ?? (parts.length > 1 ? parts[parts.length - 2] : undefined);
  // TypeORM quotes the identifiers it generates, so builder names compare exactly.
  return createTableRef(name, { schema, quoted: true });
}

/** `renameTable(old, 'new')`: an unqualified new name stays in the old table's schema. */
function renameTarget(argument: TSESTree.CallExpressionArgument, from: TableRef, scope: ConstLookup): TableRef | undefined {
  if (argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const path = resolveStaticString(argument, scope);
  if (path === undefined) return undefined;
  const to = tableFromPath(path, undefined);
  if (to === undefined || path.includes('.')) return to;
  return createTableRef(to.name, { schema: from.schema, quoted: true });
}
