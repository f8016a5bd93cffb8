import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import type { MigrationFileFacts } from '../schema/ddlEvent.js';
import { createTableRef } from '../schema/tableRef.js';
import type { TableRef } from '../schema/tableRef.js';
import { INTERPOLATION_MARK } from '../sql/scanSqlDdl.js';
import {
  buildModuleConstLookup,
  patternNames,
  resolveConstExpression,
  resolveConstProperty,
  resolveStaticString,
  unwrapExpression,
} from '../ast/staticString.js';
import type { ConstLookup } from '../ast/staticString.js';
import { classMemberFunctions, findTopLevelClasses } from './classMigrationWalk.js';
import {
  callEffect,
  claimByRole,
  followHelper,
  parameterName,
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
import { appendRead, readSqlArgument } from './scriptSql.js';

export { RUNTIME_SQL_REASON, RUNTIME_TABLE_REASON } from './readerReasons.js';

type Reader = FunctionWalker<Frame>;

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

/** Runner methods that change the set of tables and views. */
const BUILDER_METHODS = new Set(['createTable', 'dropTable', 'renameTable', 'createView', 'dropView']);
/** Runner properties that also run raw SQL: `queryRunner.manager.query(sql)`. */
const QUERYING_PROPERTIES = new Set(['manager', 'connection']);

/**
 * Reads what a TypeORM migration's `up()` does to tables, statically: raw SQL passed to
 * `queryRunner.query`, `createTable`/`dropTable`/`renameTable`/`createView`/`dropView` builder calls, and the same
 * inside helpers `up` calls (class members via `this`, top-level functions). Never executes
 * the file and never throws.
 */
export function readTypeormMigration(program: TSESTree.Program, context: MigrationReadContext = NO_GLOBALS): MigrationFileFacts {
  return readSafely(() => readProgram(program, context));
}

function readProgram(program: TSESTree.Program, context: MigrationReadContext): MigrationFileFacts {
  const migrations = findTopLevelClasses(program).flatMap((classNode) => {
    const members = classMemberFunctions(classNode);
    const up = members.get('up');
    return up === undefined ? [] : [{ up, members }];
  });
  if (migrations.length === 0) return { kind: 'not-a-migration' };

  const reader: Reader = {
    ...startWalk(buildModuleConstLookup(program, context.globals), topLevelFunctions(program)),
    visit: (frame, node) => visit(reader, frame, node),
  };
  for (const { up, members } of migrations) {
    // TypeORM passes the query runner as up's first argument.
    const runner = up.params[0] === undefined ? undefined : parameterName(up.params[0]);
    const runners = new Set(runner === undefined ? [] : [runner]);
    walkFunction(reader, up, new Map(), (scope) => ({ runners, queryTargets: new Set<string>(), scope, members }));
  }
  return { kind: 'migration', events: reader.events, skipped: reader.skipped };
}

function visit(reader: Reader, frame: Frame, node: TSESTree.Node): NodeEffect | undefined {
  if (node.type === AST_NODE_TYPES.VariableDeclarator) noteRunnerAlias(frame, node);
  return node.type === AST_NODE_TYPES.CallExpression ? callEffect(node, classifyCall(reader, frame, node)) : undefined;
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

/** What a call the reader understands does, applied after its arguments are walked (they run first). */
function classifyCall(reader: Reader, frame: Frame, call: TSESTree.CallExpression): (() => void) | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const helper = reader.moduleFunctions.get(callee.name);
    // `this` in a top-level function is not the migration, so it sees no class members.
    return helper === undefined ? undefined : () => followRunnerHelper(reader, frame, helper, new Map(), call);
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = staticPropertyName(callee);
  if (method === undefined) return undefined;
  if (method === 'query' && isQueryTarget(frame, callee.object)) {
    return () => appendRead(reader, readSqlArgument(call.arguments[0], frame.scope, call.loc.start.line));
  }
  if (BUILDER_METHODS.has(method) && isRunner(frame, callee.object)) return () => readBuilderCall(reader, frame, method, call);
  if (unwrapExpression(callee.object).type === AST_NODE_TYPES.ThisExpression) {
    const helper = frame.members.get(method);
    return helper === undefined ? undefined : () => followRunnerHelper(reader, frame, helper, frame.members, call);
  }
  return undefined;
}

/** Walks a helper at its call position: a parameter receiving the runner (or a query target) is one there. */
function followRunnerHelper(
  reader: Reader,
  frame: Frame,
  helper: FunctionNode,
  members: ReadonlyMap<string, FunctionNode>,
  call: TSESTree.CallExpression,
): void {
  const runners = new Set<string>();
  const queryTargets = new Set<string>();
  const classify = claimByRole([
    [(argument) => isRunner(frame, argument), runners],
    [(argument) => isQueryTarget(frame, argument), queryTargets],
  ]);
  followHelper(reader, helper, call, frame.scope, classify, (scope) => ({ runners, queryTargets, scope, members }));
}

function readBuilderCall(reader: Reader, frame: Frame, method: string, call: TSESTree.CallExpression): void {
  const line = call.loc.start.line;
  const [first, second] = call.arguments;
  const table = first === undefined ? undefined : tableFromArgument(first, frame.scope, method);
  if (table === undefined) {
    reader.skipped.push({ line, reason: RUNTIME_TABLE_REASON });
    return;
  }
  if (method === 'createTable') {
    // `createTable(table)` also accepts a plain string at runtime, but only a Table is meaningful.
    reader.events.push({ kind: 'create-table', table, line });
  } else if (method === 'dropTable') {
    reader.events.push({ kind: 'drop-table', table, line });
  } else if (method === 'createView') {
    reader.events.push({ kind: 'create-view', table, line });
  } else if (method === 'dropView') {
    reader.events.push({ kind: 'drop-view', table, line });
  } else {
    const to = second === undefined ? undefined : renameTarget(second, table, frame.scope);
    if (to === undefined) reader.skipped.push({ line, reason: RUNTIME_TABLE_REASON });
    else reader.events.push({ kind: 'rename-table', table, to, line });
  }
}

/**
 * `'users'`, `'billing.users'`, `new Table({ name, schema })` (`new View(...)` for the view
 * methods) or a const holding one of these. `dropView(view)` looks the view up by `view.name`
 * alone in every driver (`isView(target) ? target.name : target`): its `schema` is not read.
 */
function tableFromArgument(argument: TSESTree.CallExpressionArgument, scope: ConstLookup, method: string): TableRef | undefined {
  if (argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const builderClass = method === 'createView' || method === 'dropView' ? 'View' : 'Table';
  const value = resolveConstExpression(argument, scope);
  if (value !== undefined && isNewBuilderObject(value.node, builderClass)) return tableFromNewObject(value.node, value.scope, method !== 'dropView');
  // A view is created from a View only: `createView('name')` fails at runtime.
  if (method === 'createView') return undefined;
  const path = resolveStaticString(argument, scope);
  return path === undefined ? undefined : tableFromPath(path, undefined);
}

/** `new Table(...)`, `new typeorm.Table(...)` or compiled `new typeorm_1.Table(...)` (or `View`). */
function isNewBuilderObject(node: TSESTree.Node, className: 'Table' | 'View'): node is TSESTree.NewExpression {
  if (node.type !== AST_NODE_TYPES.NewExpression) return false;
  const callee = unwrapExpression(node.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === className;
  return callee.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(callee) === className;
}

function tableFromNewObject(node: TSESTree.NewExpression, scope: ConstLookup, readSchema: boolean): TableRef | undefined {
  const options = node.arguments[0];
  if (options === undefined || options.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const name = optionText(options, 'name', scope);
  const schema = readSchema ? optionText(options, 'schema', scope) : undefined;
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
