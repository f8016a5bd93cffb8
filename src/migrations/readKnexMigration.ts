import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { buildModuleConstLookup, resolveStaticString, resolveStaticText, unwrapExpression, type ConstLookup } from '../ast/staticString.js';
import type { MigrationFileFacts } from '../schema/ddlEvent.js';
import { createTableRef, type TableRef } from '../schema/tableRef.js';
import { INTERPOLATION_MARK } from '../sql/scanSqlDdl.js';
import {
  callEffect,
  followHelper,
  functionValue,
  inlineFunction,
  parameterName,
  startWalk,
  staticPropertyName,
  topLevelFunctions,
  walkFunction,
  walkNode,
  type FunctionNode,
  type FunctionWalker,
  type NodeEffect,
} from './functionWalk.js';
import { NO_GLOBALS, readSafely, type MigrationReadContext } from './migrationReader.js';
import { RUNTIME_SCHEMA_REASON, RUNTIME_TABLE_REASON } from './readerReasons.js';
import { appendRead, readStaticSql } from './scriptSql.js';

export {
  RUNTIME_SCHEMA_REASON as KNEX_RUNTIME_SCHEMA_REASON,
  RUNTIME_SQL_REASON as KNEX_RUNTIME_SQL_REASON,
  RUNTIME_TABLE_REASON as KNEX_RUNTIME_TABLE_REASON,
} from './readerReasons.js';

/** The schema a schema builder puts its tables in: none, a static name, or unknown. */
type BuilderSchema = { readonly known: true; readonly schema: string | undefined } | { readonly known: false };

const DEFAULT_SCHEMA: BuilderSchema = { known: true, schema: undefined };

/** State shared by the whole read of one file. */
interface Reader extends FunctionWalker<Frame> {
  /** Whether `up` used its parameter as knex (`.schema`, `.raw`, `.transaction`, `knex('t')`). */
  usedAsKnex: boolean;
}

/** What is known inside the function being walked. */
interface Frame {
  /** Names holding knex or a transaction: the `up` parameter, `trx` of `knex.transaction(trx => ...)`, aliases. */
  readonly handles: Set<string>;
  /** Names holding a schema builder: `const schema = knex.schema.withSchema('app')`. */
  readonly builders: Map<string, BuilderSchema>;
  readonly scope: ConstLookup;
}

/** SchemaBuilder methods that queue a statement (or configure the builder) and return the builder. */
const BUILDER_METHODS = new Set([
  'withSchema',
  'createTable',
  'createTableIfNotExists',
  'createTableLike',
  'createSchema',
  'createSchemaIfNotExists',
  'dropSchema',
  'dropSchemaIfExists',
  'createExtension',
  'createExtensionIfNotExists',
  'dropExtension',
  'dropExtensionIfExists',
  'table',
  'alterTable',
  'hasTable',
  'hasColumn',
  'dropTable',
  'renameTable',
  'dropTableIfExists',
  'raw',
  'view',
  'alterView',
  'createView',
  'createViewOrReplace',
  'createMaterializedView',
  'refreshMaterializedView',
  'dropView',
  'dropViewIfExists',
  'dropMaterializedView',
  'dropMaterializedViewIfExists',
  'renameView',
  'queryContext',
  'transacting',
  'connection',
  'options',
  'debug',
]);

/** Members of a knex instance or transaction that tell it apart from other migration handles. */
const KNEX_MEMBERS = new Set(['schema', 'raw', 'transaction', 'fn', 'ref']);

const CREATE_METHODS = new Set(['createTable', 'createTableIfNotExists', 'createTableLike']);
const DROP_METHODS = new Set(['dropTable', 'dropTableIfExists']);

/**
 * Reads what a Knex migration's `up` does to tables, statically: `knex.schema` builder calls
 * (`createTable`, `createTableIfNotExists`, `createTableLike`, `dropTable(IfExists)`,
 * `renameTable`, `raw`, with `withSchema`, chained in execution order), `knex.raw(sql)`, the same
 * on a transaction (`knex.transaction(async (trx) => ...)`) and inside top-level helpers called
 * with the handle. `up` may be `exports.up = ...`, `export (async) function up`, `export const up`,
 * `module.exports = { up }`, `export default { up }`, `export = { up }` or `export { up }`. Answers `not-a-migration` when there is no `up` or
 * `up` never uses its parameter as knex (a Sequelize migration's `queryInterface.createTable`).
 * Never executes the file and never throws.
 */
export function readKnexMigration(program: TSESTree.Program, context: MigrationReadContext = NO_GLOBALS): MigrationFileFacts {
  return readSafely(() => readProgram(program, context));
}

function readProgram(program: TSESTree.Program, context: MigrationReadContext): MigrationFileFacts {
  const moduleScope = buildModuleConstLookup(program, context.globals);
  const moduleFunctions = topLevelFunctions(program, (init) => functionHeldBy(init, moduleScope));
  const up = findUp(program, moduleFunctions);
  const handle = up?.params[0] === undefined ? undefined : parameterName(up.params[0]);
  if (up === undefined || handle === undefined) return { kind: 'not-a-migration' };

  const reader: Reader = { ...startWalk(moduleScope, moduleFunctions), usedAsKnex: false, visit: (frame, node) => visit(reader, frame, node) };
  walkFunction(reader, up, new Map(), (scope) => ({ handles: new Set([handle]), builders: new Map(), scope }));
  if (!reader.usedAsKnex) return { kind: 'not-a-migration' };
  return { kind: 'migration', events: reader.events, skipped: reader.skipped };
}

/** A function written in place, or a module const naming one (`const up = createTables`). */
function functionHeldBy(node: TSESTree.Node, scope: ConstLookup): FunctionNode | undefined {
  const expression = unwrapExpression(node);
  if (expression.type !== AST_NODE_TYPES.Identifier) return inlineFunction(expression);
  const bound = scope(expression.name);
  return bound === undefined ? undefined : inlineFunction(bound);
}

/** The module's `up`, however it is exported (the last export wins, as at runtime). */
function findUp(program: TSESTree.Program, functions: ReadonlyMap<string, FunctionNode>): FunctionNode | undefined {
  let up: FunctionNode | undefined;
  const valueOf = (node: TSESTree.Node): FunctionNode | undefined => functionValue(node, functions);
  for (const statement of program.body) {
    const found = upOfStatement(statement, valueOf);
    if (found !== undefined) up = found;
  }
  return up;
}

function upOfStatement(statement: TSESTree.ProgramStatement, valueOf: (node: TSESTree.Node) => FunctionNode | undefined): FunctionNode | undefined {
  if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
    const declaration = statement.declaration;
    if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id?.name === 'up') return declaration;
    if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      const declarator = declaration.declarations.find((d) => d.id.type === AST_NODE_TYPES.Identifier && d.id.name === 'up');
      return declarator?.init == null ? undefined : valueOf(declarator.init);
    }
    if (statement.source !== null) return undefined;
    const specifier = statement.specifiers.find((s) => exportedName(s.exported) === 'up');
    return specifier === undefined ? undefined : valueOf(specifier.local);
  }
  // export default { up, down } (ESM knexfiles with `loadExtensions: ['.mjs']`), TypeScript `export = { up }`
  if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration || statement.type === AST_NODE_TYPES.TSExportAssignment) {
    const exported = unwrapExpression(statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement.expression);
    return exported.type === AST_NODE_TYPES.ObjectExpression ? upOfObject(exported, valueOf) : undefined;
  }
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
  const expression = statement.expression;
  if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') return undefined;
  // exports.up = ..., module.exports.up = ...
  if (isExportsObject(expression.left, 'up')) return valueOf(expression.right);
  // module.exports = { up, down }
  if (isModuleExports(expression.left)) {
    const right = unwrapExpression(expression.right);
    return right.type === AST_NODE_TYPES.ObjectExpression ? upOfObject(right, valueOf) : undefined;
  }
  return undefined;
}

function exportedName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : node.value;
}

function upOfObject(object: TSESTree.ObjectExpression, valueOf: (node: TSESTree.Node) => FunctionNode | undefined): FunctionNode | undefined {
  let up: FunctionNode | undefined;
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.kind !== 'init') continue;
    const key = property.computed ? undefined : property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : property.key.type === AST_NODE_TYPES.Literal ? String(property.key.value) : undefined;
    if (key === 'up') up = valueOf(property.value);
  }
  return up;
}

function isModuleExports(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.MemberExpression &&
    node.object.type === AST_NODE_TYPES.Identifier &&
    node.object.name === 'module' &&
    staticPropertyName(node) === 'exports'
  );
}

/** `exports.<name>` or `module.exports.<name>`. */
function isExportsObject(node: TSESTree.Node, name: string): boolean {
  if (node.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(node) !== name) return false;
  return (node.object.type === AST_NODE_TYPES.Identifier && node.object.name === 'exports') || isModuleExports(node.object);
}

function visit(reader: Reader, frame: Frame, node: TSESTree.Node): NodeEffect | undefined {
  if (node.type === AST_NODE_TYPES.VariableDeclarator) noteAlias(reader, frame, node);
  if (node.type === AST_NODE_TYPES.CallExpression) return knexCallEffect(reader, frame, node);
  if (node.type === AST_NODE_TYPES.MemberExpression && isKnexMember(frame, node)) reader.usedAsKnex = true;
  return undefined;
}

/** `knex.schema`, `knex.raw`, `knex.fn.now()`: members a Sequelize `queryInterface` does not have. */
function isKnexMember(frame: Frame, member: TSESTree.MemberExpression): boolean {
  const name = staticPropertyName(member);
  return name !== undefined && KNEX_MEMBERS.has(name) && isHandle(frame, member.object);
}

function isHandle(frame: Frame, node: TSESTree.Node): boolean {
  const expression = unwrapExpression(node);
  return expression.type === AST_NODE_TYPES.Identifier && frame.handles.has(expression.name);
}

/**
 * `const db = knex`, `const trx = await knex.transaction()`, `const schema = knex.schema`,
 * `const schema = knex.schema.withSchema('app')`.
 */
function noteAlias(reader: Reader, frame: Frame, declarator: TSESTree.VariableDeclarator): void {
  if (declarator.init === null || declarator.id.type !== AST_NODE_TYPES.Identifier) return;
  let init = unwrapExpression(declarator.init);
  if (init.type === AST_NODE_TYPES.AwaitExpression) init = unwrapExpression(init.argument);
  if (isHandle(frame, init) || isTransactionWithoutCallback(frame, init)) {
    frame.handles.add(declarator.id.name);
    return;
  }
  const builder = schemaBuilderOf(reader, frame, init);
  if (builder !== undefined) frame.builders.set(declarator.id.name, builder);
}

function isTransactionWithoutCallback(frame: Frame, node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length > 0) return false;
  const callee = unwrapExpression(node.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(callee) === 'transaction' && isHandle(frame, callee.object);
}

/**
 * The schema of a schema builder expression: `knex.schema`, a builder alias, or a chain of
 * builder calls on one (`knex.schema.withSchema('app')`); `undefined` when it is not a builder.
 */
function schemaBuilderOf(reader: Reader, frame: Frame, node: TSESTree.Node): BuilderSchema | undefined {
  const chain = builderChain(frame, node);
  if (chain === undefined || chain.links.length !== chain.builderLinks) return undefined;
  reader.usedAsKnex = true;
  return chainSchema(chain, frame.scope);
}

interface ChainLink {
  readonly method: string;
  readonly call: TSESTree.CallExpression;
  /** The line of the method name: in a chain spread over lines, each call's own line. */
  readonly line: number;
}

/** A call chain on a schema builder, innermost call first. */
interface BuilderChain {
  readonly base: BuilderSchema;
  readonly links: readonly ChainLink[];
  /** How many leading links are builder methods; the rest (`.then(...)`) run on the result. */
  readonly builderLinks: number;
}

/** Decomposes `knex.schema.a(...).b(...)...` into its base and calls, in execution order. */
function builderChain(frame: Frame, node: TSESTree.Node): BuilderChain | undefined {
  const links: ChainLink[] = [];
  let current = unwrapExpression(node);
  while (current.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrapExpression(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = staticPropertyName(callee);
    if (method === undefined) return undefined;
    links.unshift({ method, call: current, line: callee.property.loc.start.line });
    current = unwrapExpression(callee.object);
  }
  const base = builderBase(frame, current);
  if (base === undefined) return undefined;
  const firstOther = links.findIndex((link) => !BUILDER_METHODS.has(link.method));
  return { base, links, builderLinks: firstOther === -1 ? links.length : firstOther };
}

/** `knex.schema` (a fresh builder on each access) or a name holding a builder. */
function builderBase(frame: Frame, node: TSESTree.Node): BuilderSchema | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) return frame.builders.get(node.name);
  if (node.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(node) === 'schema' && isHandle(frame, node.object)) {
    return DEFAULT_SCHEMA;
  }
  return undefined;
}

/**
 * Knex reads `withSchema` when the builder is compiled, so the last `withSchema` of the chain
 * applies to every statement in it, even to those queued before it.
 */
function chainSchema(chain: BuilderChain, scope: ConstLookup): BuilderSchema {
  let schema = chain.base;
  for (const link of chain.links.slice(0, chain.builderLinks)) {
    if (link.method !== 'withSchema') continue;
    const argument = link.call.arguments[0];
    const text = argument === undefined || argument.type === AST_NODE_TYPES.SpreadElement ? undefined : resolveStaticString(argument, scope);
    schema = text === undefined || text.includes(INTERPOLATION_MARK) ? { known: false } : { known: true, schema: text === '' ? undefined : text };
  }
  return schema;
}

/**
 * The effect of a call the reader understands (helpers, `raw`, builder chains, which walk their
 * own arguments), noting calls that tell a knex handle; `undefined` walks into the call.
 */
function knexCallEffect(reader: Reader, frame: Frame, call: TSESTree.CallExpression): NodeEffect | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    // knex('users').insert(...): data, but it tells a knex handle.
    if (frame.handles.has(callee.name)) reader.usedAsKnex = true;
    const helper = reader.moduleFunctions.get(callee.name);
    return helper === undefined ? undefined : callEffect(call, () => followKnexHelper(reader, frame, helper, call));
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = staticPropertyName(callee);
  if (method === 'raw' && isHandle(frame, callee.object)) {
    reader.usedAsKnex = true;
    return { operands: [], apply: () => readRawCall(reader, frame, call) };
  }
  if (method === 'transaction' && isHandle(frame, callee.object)) {
    reader.usedAsKnex = true;
    noteTransactionCallback(frame, call);
    return undefined;
  }
  const chain = builderChain(frame, call);
  if (chain === undefined) return undefined;
  reader.usedAsKnex = true;
  return { operands: [], apply: () => readBuilderChain(reader, frame, chain) };
}

/** `knex.transaction(async (trx) => ...)`: `trx` is a handle inside the callback. */
function noteTransactionCallback(frame: Frame, call: TSESTree.CallExpression): void {
  const callback = call.arguments[0] === undefined ? undefined : inlineFunction(call.arguments[0]);
  if (callback === undefined) return;
  const name = callback.params[0] === undefined ? undefined : parameterName(callback.params[0]);
  if (name !== undefined) frame.handles.add(name);
}

function readBuilderChain(reader: Reader, frame: Frame, chain: BuilderChain): void {
  const schema = chainSchema(chain, frame.scope);
  chain.links.forEach((link, index) => {
    for (const argument of link.call.arguments) walkNode(reader, frame, argument);
    if (index < chain.builderLinks) applyBuilderCall(reader, frame, link, schema);
  });
}

function applyBuilderCall(reader: Reader, frame: Frame, link: ChainLink, schema: BuilderSchema): void {
  const { method, call, line } = link;
  if (method === 'raw') {
    readRawCall(reader, frame, call);
    return;
  }
  const isCreate = CREATE_METHODS.has(method);
  const isDrop = DROP_METHODS.has(method);
  if (!isCreate && !isDrop && method !== 'renameTable') return;
  const [first, second] = call.arguments;
  const table = builderTable(first, schema, frame.scope);
  if (typeof table === 'string') {
    reader.skipped.push({ line, reason: table });
    return;
  }
  if (isCreate) {
    reader.events.push({ kind: 'create-table', table, line });
  } else if (isDrop) {
    reader.events.push({ kind: 'drop-table', table, line });
  } else {
    const name = second === undefined || second.type === AST_NODE_TYPES.SpreadElement ? undefined : resolveStaticString(second, frame.scope);
    if (name === undefined || name === '' || name.includes(INTERPOLATION_MARK)) {
      reader.skipped.push({ line, reason: RUNTIME_TABLE_REASON });
      return;
    }
    // Knex renames with `alter table <schema>.<from> rename to <to>`: the table stays in its schema.
    reader.events.push({ kind: 'rename-table', table, to: createTableRef(lastSegment(name), { schema: table.schema, quoted: true }), line });
  }
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

/**
 * The table a builder call names. Knex prefixes `withSchema` and splits the result on dots when it
 * quotes it, so `'billing.invoices'` is schema-qualified. Returns the skip reason when not static.
 */
function builderTable(argument: TSESTree.CallExpressionArgument | undefined, schema: BuilderSchema, scope: ConstLookup): TableRef | string {
  const text = argument === undefined || argument.type === AST_NODE_TYPES.SpreadElement ? undefined : resolveStaticString(argument, scope);
  if (text === undefined || text === '' || text.includes(INTERPOLATION_MARK)) return RUNTIME_TABLE_REASON;
  if (!schema.known) return RUNTIME_SCHEMA_REASON;
  const parts = (schema.schema === undefined ? text : `${schema.schema}.${text}`).split('.');
  const name = parts[parts.length - 1];
  if (name === undefined || name === '') return RUNTIME_TABLE_REASON;
  return createTableRef(name, { schema: parts.length > 1 ? parts[parts.length - 2] : undefined, quoted: true });
}

/** `knex.raw(sql, bindings?)`: the SQL is scanned, with `??` identifier bindings filled in when static. */
function readRawCall(reader: Reader, frame: Frame, call: TSESTree.CallExpression): void {
  const [sql, bindings] = call.arguments;
  const resolved = sql === undefined || sql.type === AST_NODE_TYPES.SpreadElement ? undefined : resolveStaticText(sql, frame.scope);
  const fill = bindings === undefined ? undefined : (text: string): string => fillIdentifierBindings(text, bindings, frame.scope);
  appendRead(reader, readStaticSql(resolved, call.loc.start.line, fill));
}

/**
 * Knex's positional bindings: each `?` takes a value and each `??` an identifier (`a.b` quoted per
 * segment), in order; `\?` is a literal question mark. Identifiers that are not static become
 * INTERPOLATION_MARK so the scanner skips the statement instead of misreading it.
 */
function fillIdentifierBindings(text: string, bindings: TSESTree.CallExpressionArgument, scope: ConstLookup): string {
  const values = unwrapExpression(bindings);
  const elements = values.type === AST_NODE_TYPES.ArrayExpression ? values.elements : undefined;
  let index = 0;
  return text.replace(/\\?\?\??/gu, (match) => {
    if (match === '\\?') return match;
    const element = elements?.[index++];
    if (match !== '??') return '?';
    const identifier = element == null || element.type === AST_NODE_TYPES.SpreadElement ? undefined : resolveStaticString(element, scope);
    if (identifier === undefined || identifier === '') return INTERPOLATION_MARK;
    return identifier
      .split('.')
      .map((segment) => `"${segment.replaceAll('"', '""')}"`)
      .join('.');
  });
}

/**
 * Walks a helper at its call position. A parameter receiving the handle (or a schema builder) is one
 * there; other parameters are bound to the caller's arguments, so `createAudit(knex, 'users')` reads.
 */
function followKnexHelper(reader: Reader, frame: Frame, helper: FunctionNode, call: TSESTree.CallExpression): void {
  const handles = new Set<string>();
  const builders = new Map<string, BuilderSchema>();
  const classify = (name: string, argument: TSESTree.Expression): boolean => {
    if (isHandle(frame, argument)) {
      handles.add(name);
      return true;
    }
    const builder = schemaBuilderOf(reader, frame, argument);
    if (builder !== undefined) builders.set(name, builder);
    return builder !== undefined;
  };
  const followed = followHelper(reader, helper, call, frame.scope, classify, (scope) => ({ handles, builders, scope }));
  // A helper left unread that was handed the handle still makes this a migration, with a skip: knex
  // is the last reader tried, so a Sequelize file this deep ends here too rather than unnoticed.
  if (!followed && handles.size > 0) reader.usedAsKnex = true;
}
