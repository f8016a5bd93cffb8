import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  buildModuleConstLookup,
  resolveConstExpression,
  resolveStaticString,
  resolveStaticText,
  unwrapExpression,
  type ConstLookup,
  type StaticText,
} from '../ast/staticString.js';
import { readOption, resolveObjectLiteral, type ObjectSource } from '../orm/sequelize/sequelizeOptions.js';
import type { MigrationFileFacts } from '../schema/ddlEvent.js';
import { createTableRef, type TableRef } from '../schema/tableRef.js';
import { INTERPOLATION_MARK } from '../sql/scanSqlDdl.js';
import {
  callEffect,
  claimByRole,
  followHelper,
  functionValue,
  parameterName,
  startWalk,
  topLevelFunctions,
  walkFunction,
  type FunctionNode,
  type FunctionWalker,
  type NodeEffect,
} from './functionWalk.js';
import { NO_GLOBALS, readSafely, type MigrationReadContext } from './migrationReader.js';
import { RUNTIME_TABLE_REASON } from './readerReasons.js';
import { appendRead, readStaticSql, type ReadStatements } from './scriptSql.js';

export const DROP_ALL_TABLES_REASON = 'dropAllTables() drops tables that are only known at runtime';

/** State shared by the whole read of one file. */
interface Reader extends FunctionWalker<Frame> {
  /** Whether `up` used its handle as a Sequelize QueryInterface (or Sequelize instance). */
  usedAsSequelize: boolean;
}

/** What is known inside the function being walked. */
interface Frame {
  /** Names holding the QueryInterface (or the umzug context): up's parameter and aliases. */
  readonly handles: Set<string>;
  /** Names holding the Sequelize instance: `const { sequelize } = queryInterface`. */
  readonly instances: Set<string>;
  readonly scope: ConstLookup;
  /** `this.*` helpers: the other functions of the exported migration object. */
  readonly members: ReadonlyMap<string, FunctionNode>;
}

/** QueryInterface methods that change the set of tables. */
const BUILDER_METHODS = new Set(['createTable', 'dropTable', 'renameTable']);

/**
 * Members that only a Sequelize QueryInterface (or a Sequelize instance, umzug's other usual
 * context) has. Names a knex instance shares (`insert`, `select`, `transaction`, ...) are left
 * out, so a Knex migration is never taken for a Sequelize one.
 */
const SEQUELIZE_MEMBERS = new Set([
  'createTable',
  'dropTable',
  'renameTable',
  'dropAllTables',
  'showAllTables',
  'describeTable',
  'tableExists',
  'addColumn',
  'removeColumn',
  'changeColumn',
  'renameColumn',
  'addIndex',
  'removeIndex',
  'showIndex',
  'addConstraint',
  'removeConstraint',
  'showConstraint',
  'bulkInsert',
  'bulkUpdate',
  'bulkDelete',
  'rawSelect',
  'createSchema',
  'dropSchema',
  'dropAllSchemas',
  'showAllSchemas',
  'createFunction',
  'dropFunction',
  'renameFunction',
  'createTrigger',
  'dropTrigger',
  'renameTrigger',
  'createDatabase',
  'dropDatabase',
  'dropEnum',
  'dropAllEnums',
  'queryGenerator',
  'sequelize',
  'getQueryInterface',
  'query',
  'define',
]);

/**
 * Reads what a Sequelize migration's `up` does to tables, statically: sequelize-cli files
 * (`module.exports = { up(queryInterface, Sequelize) {...} }`) and umzug ones
 * (`export const up = async ({ context: queryInterface }) => {...}`). It reads
 * `createTable`/`dropTable`/`renameTable`, raw SQL passed to `queryInterface.sequelize.query`,
 * the same inside transaction callbacks and helpers `up` calls. Answers `not-a-migration` when
 * there is no `up` or `up` never uses its handle as a QueryInterface (a Knex migration).
 * Never executes the file and never throws.
 */
export function readSequelizeMigration(program: TSESTree.Program, context: MigrationReadContext = NO_GLOBALS): MigrationFileFacts {
  return readSafely(() => readProgram(program, context));
}

function readProgram(program: TSESTree.Program, context: MigrationReadContext): MigrationFileFacts {
  const moduleScope = buildModuleConstLookup(program, context.globals);
  const moduleFunctions = topLevelFunctions(program);
  const migration = findUp(program, moduleFunctions, moduleScope);
  if (migration === undefined) return { kind: 'not-a-migration' };
  const handles = new Set<string>();
  const instances = new Set<string>();
  const first = migration.up.params[0];
  if (first !== undefined) bindUpParameter(first, handles, instances);
  if (handles.size === 0 && instances.size === 0) return { kind: 'not-a-migration' };

  const reader: Reader = { ...startWalk(moduleScope, moduleFunctions), usedAsSequelize: false, visit: (frame, node) => visit(reader, frame, node) };
  walkFunction(reader, migration.up, new Map(), (scope) => ({ handles, instances, scope, members: migration.members }));
  if (!reader.usedAsSequelize) return { kind: 'not-a-migration' };
  return { kind: 'migration', events: reader.events, skipped: reader.skipped };
}

interface Migration {
  readonly up: FunctionNode;
  /** The exported object's functions, which `this.name()` reaches inside `up`. */
  readonly members: ReadonlyMap<string, FunctionNode>;
}

const NO_MEMBERS: ReadonlyMap<string, FunctionNode> = new Map();

/** A property or member name written statically: `up`, `'up'`, `['up']`. */
function staticKey(key: TSESTree.Node, computed: boolean): string | undefined {
  if (!computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string') return key.value;
  return undefined;
}

/** `{ up, down }`, `{ async up(qi) {...} }`, `{ up: async (qi) => ... }`, or a const holding one. */
function migrationFromObject(node: TSESTree.Node, functions: ReadonlyMap<string, FunctionNode>, scope: ConstLookup): Migration | undefined {
  const object = resolveObjectLiteral(node, scope);
  if (object === undefined) return undefined;
  const members = new Map<string, FunctionNode>();
  for (const property of object.node.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.kind !== 'init') continue;
    const name = staticKey(property.key, property.computed);
    const fn = functionValue(property.value, functions);
    if (name !== undefined && fn !== undefined) members.set(name, fn);
  }
  const up = members.get('up');
  return up === undefined ? undefined : { up, members };
}

/** `module.exports` or `exports` (also `module['exports']`). */
function isModuleExports(node: TSESTree.Node): boolean {
  const target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.Identifier) return target.name === 'exports';
  return (
    target.type === AST_NODE_TYPES.MemberExpression &&
    unwrapExpression(target.object).type === AST_NODE_TYPES.Identifier &&
    (unwrapExpression(target.object) as TSESTree.Identifier).name === 'module' &&
    staticKey(target.property, target.computed) === 'exports'
  );
}

/** The migration a top-level statement exports, if any. */
function exportedMigration(statement: TSESTree.ProgramStatement, functions: ReadonlyMap<string, FunctionNode>, scope: ConstLookup): Migration | undefined {
  switch (statement.type) {
    case AST_NODE_TYPES.ExpressionStatement: {
      const expression = unwrapExpression(statement.expression);
      if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') return undefined;
      const left = unwrapExpression(expression.left);
      // module.exports = { up, down }
      if (isModuleExports(left) && left.type === AST_NODE_TYPES.MemberExpression) return migrationFromObject(expression.right, functions, scope);
      // exports.up = ..., module.exports.up = ...
      if (left.type === AST_NODE_TYPES.MemberExpression && isModuleExports(left.object) && staticKey(left.property, left.computed) === 'up') {
        const up = functionValue(expression.right, functions);
        return up === undefined ? undefined : { up, members: NO_MEMBERS };
      }
      return undefined;
    }
    case AST_NODE_TYPES.ExportDefaultDeclaration:
      return migrationFromObject(statement.declaration, functions, scope);
    case AST_NODE_TYPES.TSExportAssignment:
      return migrationFromObject(statement.expression, functions, scope);
    case AST_NODE_TYPES.ExportNamedDeclaration:
      return namedUpExport(statement, functions);
    default:
      return undefined;
  }
}

/** `export (async) function up`, `export const up = ...`, `export { up }`, `export { run as up }`. */
function namedUpExport(statement: TSESTree.ExportNamedDeclaration, functions: ReadonlyMap<string, FunctionNode>): Migration | undefined {
  const declaration = statement.declaration;
  if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id?.name === 'up') return { up: declaration, members: NO_MEMBERS };
  if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
    const up = declaration.declarations.find((declarator) => declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === 'up');
    const fn = up?.init === null || up === undefined ? undefined : functionValue(up.init, functions);
    return fn === undefined ? undefined : { up: fn, members: NO_MEMBERS };
  }
  if (statement.source !== null) return undefined;
  for (const specifier of statement.specifiers) {
    const exported = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
    if (exported !== 'up' || specifier.local.type !== AST_NODE_TYPES.Identifier) continue;
    const fn = functions.get(specifier.local.name);
    if (fn !== undefined) return { up: fn, members: NO_MEMBERS };
  }
  return undefined;
}

/** The last export of `up` wins, as at runtime. */
function findUp(program: TSESTree.Program, functions: ReadonlyMap<string, FunctionNode>, scope: ConstLookup): Migration | undefined {
  let migration: Migration | undefined;
  for (const statement of program.body) migration = exportedMigration(statement, functions, scope) ?? migration;
  return migration;
}

/**
 * up's first parameter: the QueryInterface (`queryInterface`), or umzug's `{ context }`
 * (`{ context: queryInterface }`, `{ context: { sequelize } }`).
 */
function bindUpParameter(param: TSESTree.Parameter, handles: Set<string>, instances: Set<string>): void {
  const name = parameterName(param);
  if (name !== undefined) {
    handles.add(name);
    return;
  }
  if (param.type !== AST_NODE_TYPES.ObjectPattern) return;
  for (const property of param.properties) {
    if (property.type !== AST_NODE_TYPES.Property || staticKey(property.key, property.computed) !== 'context') continue;
    const value = property.value;
    const contextName = parameterName(value as TSESTree.Parameter);
    if (contextName !== undefined) handles.add(contextName);
    else if (value.type === AST_NODE_TYPES.ObjectPattern) bindInstanceProperties(value, instances);
  }
}

/** `{ sequelize }` / `{ sequelize: db }` destructured from a QueryInterface. */
function bindInstanceProperties(pattern: TSESTree.ObjectPattern, instances: Set<string>): boolean {
  let bound = false;
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property || staticKey(property.key, property.computed) !== 'sequelize') continue;
    const name = parameterName(property.value as TSESTree.Parameter);
    if (name !== undefined) {
      instances.add(name);
      bound = true;
    }
  }
  return bound;
}

function visit(reader: Reader, frame: Frame, node: TSESTree.Node): NodeEffect | undefined {
  if (node.type === AST_NODE_TYPES.VariableDeclarator) noteAlias(reader, frame, node);
  else if (node.type === AST_NODE_TYPES.MemberExpression) noteSequelizeUse(reader, frame, node);
  else if (node.type === AST_NODE_TYPES.CallExpression) return callEffectNotingCallee(reader, frame, node);
  return undefined;
}

/**
 * `const qi = queryInterface`, `const qi = sequelize.getQueryInterface()`,
 * `const db = queryInterface.sequelize`, `const { sequelize } = queryInterface`.
 */
function noteAlias(reader: Reader, frame: Frame, declarator: TSESTree.VariableDeclarator): void {
  if (declarator.init === null) return;
  if (declarator.id.type === AST_NODE_TYPES.Identifier) {
    if (isHandle(frame, declarator.init)) frame.handles.add(declarator.id.name);
    else if (isInstance(frame, declarator.init)) frame.instances.add(declarator.id.name);
    return;
  }
  if (declarator.id.type === AST_NODE_TYPES.ObjectPattern && isHandle(frame, declarator.init)) {
    if (bindInstanceProperties(declarator.id, frame.instances)) reader.usedAsSequelize = true;
  }
}

/** Whether a member access reads something only Sequelize has. */
function noteSequelizeUse(reader: Reader, frame: Frame, member: TSESTree.MemberExpression): void {
  if (reader.usedAsSequelize) return;
  const name = staticKey(member.property, member.computed);
  if (name === undefined) return;
  if ((SEQUELIZE_MEMBERS.has(name) && isHandle(frame, member.object)) || isInstance(frame, member.object)) reader.usedAsSequelize = true;
}

/** The QueryInterface: up's handle, an alias, `handle.context` (umzug), `x.getQueryInterface()`. */
function isHandle(frame: Frame, node: TSESTree.Node): boolean {
  const expression = unwrapExpression(node);
  if (expression.type === AST_NODE_TYPES.Identifier) return frame.handles.has(expression.name);
  if (expression.type === AST_NODE_TYPES.MemberExpression) {
    return staticKey(expression.property, expression.computed) === 'context' && isHandle(frame, expression.object);
  }
  if (expression.type === AST_NODE_TYPES.CallExpression && expression.arguments.length === 0) {
    const callee = unwrapExpression(expression.callee);
    return (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      staticKey(callee.property, callee.computed) === 'getQueryInterface' &&
      (isHandle(frame, callee.object) || isInstance(frame, callee.object))
    );
  }
  return false;
}

/** The Sequelize instance: `queryInterface.sequelize` or a name holding it. */
function isInstance(frame: Frame, node: TSESTree.Node): boolean {
  const expression = unwrapExpression(node);
  if (expression.type === AST_NODE_TYPES.Identifier) return frame.instances.has(expression.name);
  return (
    expression.type === AST_NODE_TYPES.MemberExpression &&
    staticKey(expression.property, expression.computed) === 'sequelize' &&
    isHandle(frame, expression.object)
  );
}

/** A call's effect; its callee is not walked then, so a Sequelize-only member there is noted here. */
function callEffectNotingCallee(reader: Reader, frame: Frame, call: TSESTree.CallExpression): NodeEffect | undefined {
  const effect = callEffect(call, classifyCall(reader, frame, call));
  const callee = unwrapExpression(call.callee);
  if (effect !== undefined && callee.type === AST_NODE_TYPES.MemberExpression) noteSequelizeUse(reader, frame, callee);
  return effect;
}

/** What a call the reader understands does, applied after its arguments are walked (they run first). */
function classifyCall(reader: Reader, frame: Frame, call: TSESTree.CallExpression): (() => void) | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const helper = reader.moduleFunctions.get(callee.name);
    // `this` in a top-level function is not the migration object.
    return helper === undefined ? undefined : () => followHandleHelper(reader, frame, helper, NO_MEMBERS, call);
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = staticKey(callee.property, callee.computed);
  if (method === undefined) return undefined;
  // `sequelize.query(sql)`; umzug's context may itself be the Sequelize instance.
  if (method === 'query' && (isInstance(frame, callee.object) || isHandle(frame, callee.object))) {
    return () => appendRead(reader, readQuery(frame, call));
  }
  if (BUILDER_METHODS.has(method) && isHandle(frame, callee.object)) return () => readBuilderCall(reader, frame, method, call);
  if (method === 'dropAllTables' && isHandle(frame, callee.object)) {
    return () => reader.skipped.push({ line: call.loc.start.line, reason: DROP_ALL_TABLES_REASON });
  }
  if (unwrapExpression(callee.object).type === AST_NODE_TYPES.ThisExpression) {
    const helper = frame.members.get(method);
    return helper === undefined ? undefined : () => followHandleHelper(reader, frame, helper, frame.members, call);
  }
  return undefined;
}

/**
 * Walks a helper at its call position. A parameter receiving the QueryInterface (or the
 * Sequelize instance) holds it there; others are bound to the caller's arguments.
 */
function followHandleHelper(
  reader: Reader,
  frame: Frame,
  helper: FunctionNode,
  members: ReadonlyMap<string, FunctionNode>,
  call: TSESTree.CallExpression,
): void {
  const handles = new Set<string>();
  const instances = new Set<string>();
  const classify = claimByRole([
    [(argument) => isHandle(frame, argument), handles],
    [(argument) => isInstance(frame, argument), instances],
  ]);
  followHelper(reader, helper, call, frame.scope, classify, (scope) => ({ handles, instances, scope, members }));
}

/** `query(sql, options?)` or `query({ query: sql, values }, options?)`. */
function readQuery(frame: Frame, call: TSESTree.CallExpression): ReadStatements {
  const sql = call.arguments[0];
  return readStaticSql(sql === undefined || sql.type === AST_NODE_TYPES.SpreadElement ? undefined : sqlText(sql, frame.scope), call.loc.start.line);
}

function sqlText(node: TSESTree.Node, scope: ConstLookup): StaticText | undefined {
  const object = resolveObjectLiteral(node, scope);
  if (object === undefined) return resolveStaticText(node, scope);
  const query = readOption(object, 'query');
  return query.kind === 'value' ? resolveStaticText(query.node, query.scope) : undefined;
}

function readBuilderCall(reader: Reader, frame: Frame, method: string, call: TSESTree.CallExpression): void {
  const line = call.loc.start.line;
  const [first, second, third] = call.arguments;
  const table = first === undefined ? undefined : tableFromArgument(first, frame.scope);
  if (table === undefined) {
    reader.skipped.push({ line, reason: RUNTIME_TABLE_REASON });
    return;
  }
  if (method === 'createTable') {
    const created = table.fromObject ? table.ref : withOptionsSchema(table.ref, third, frame.scope);
    if (created === undefined) reader.skipped.push({ line, reason: RUNTIME_TABLE_REASON });
    else reader.events.push({ kind: 'create-table', table: created, line });
  } else if (method === 'dropTable') {
    reader.events.push({ kind: 'drop-table', table: table.ref, line });
  } else {
    const to = second === undefined ? undefined : tableFromArgument(second, frame.scope);
    if (to === undefined) {
      reader.skipped.push({ line, reason: RUNTIME_TABLE_REASON });
      return;
    }
    // `ALTER TABLE a.t RENAME TO u`: an unqualified new name stays in the old schema.
    const target = to.ref.schema === undefined ? createTableRef(to.ref.name, { schema: table.ref.schema }) : to.ref;
    reader.events.push({ kind: 'rename-table', table: table.ref, to: target, line });
  }
}

/**
 * A QueryInterface table argument: `'users'` (one identifier, dots included: Sequelize quotes
 * the whole string) or `{ tableName, schema }`, or a const holding one.
 */
function tableFromArgument(argument: TSESTree.CallExpressionArgument, scope: ConstLookup): { ref: TableRef; fromObject: boolean } | undefined {
  if (argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const object = resolveObjectLiteral(argument, scope);
  if (object !== undefined) {
    const name = optionText(object, 'tableName');
    const schema = optionText(object, 'schema');
    if (name === undefined || name === null || name === '' || schema === null) return undefined;
    return { ref: createTableRef(name, { schema, quoted: true }), fromObject: true };
  }
  const name = staticText(argument, scope);
  return name === undefined || name === '' ? undefined : { ref: createTableRef(name, { quoted: true }), fromObject: false };
}

/** `createTable('users', attributes, { schema: 'billing' })` creates billing.users. */
function withOptionsSchema(table: TableRef, options: TSESTree.CallExpressionArgument | undefined, scope: ConstLookup): TableRef | undefined {
  if (options === undefined || options.type === AST_NODE_TYPES.SpreadElement) return table;
  const object = resolveObjectLiteral(options, scope);
  // Options held in a variable are almost always `{ transaction }`: no schema to read.
  if (object === undefined) return table;
  const schema = optionText(object, 'schema');
  if (schema === null) return undefined;
  return schema === undefined ? table : createTableRef(table.name, { schema, quoted: true });
}

/** An option's static text: `undefined` when unset (or null), `null` when not static. */
function optionText(object: ObjectSource, key: string): string | null | undefined {
  const read = readOption(object, key);
  if (read.kind === 'absent') return undefined;
  if (read.kind === 'unknown') return null;
  // `schema: null` is Sequelize's own default: no schema.
  const resolved = resolveConstExpression(read.node, read.scope);
  const value = resolved === undefined ? undefined : unwrapExpression(resolved.node);
  if (value?.type === AST_NODE_TYPES.Literal && value.value === null) return undefined;
  return staticText(read.node, read.scope) ?? null;
}

function staticText(node: TSESTree.Node, scope: ConstLookup): string | undefined {
  const text = resolveStaticString(node, scope);
  return text === undefined || text.includes(INTERPOLATION_MARK) ? undefined : text;
}
