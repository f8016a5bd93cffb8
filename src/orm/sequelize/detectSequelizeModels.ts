import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { resolveImportedName } from '../../ast/importBindings.js';
import { resolveStaticString, unwrapExpression, type ConstLookup } from '../../ast/staticString.js';
import type { DetectionContext } from '../../entities/detectionContext.js';
import type { EntityDeclaration, EntityTableName } from '../../entities/entityDeclaration.js';
import { createTableRef } from '../../schema/tableRef.js';
import type { OrmName } from '../../settings/settingsShape.js';
import { INTERPOLATION_MARK } from '../../sql/scanSqlDdl.js';
import { walkWithFrames, type ClassNode, type WalkFrame } from './scopedWalk.js';
import { sequelizeDefaultTableName } from './sequelizeNaming.js';
import {
  SEQUELIZE_PACKAGES,
  SEQUELIZE_TYPESCRIPT_PACKAGE,
  readOption,
  resolveObjectLiteral,
  staticTruthiness,
  type ObjectSource,
  type OptionRead,
} from './sequelizeOptions.js';

/** A class declared in the module, with the name Sequelize sees (`this.name`). */
interface ClassInfo {
  readonly node: ClassNode;
  readonly name: string | undefined;
  /** The class name, or the const a class expression is assigned to. */
  readonly nameNode: TSESTree.Node;
  readonly frame: WalkFrame;
}

/** `User.init(...)`, or `this.init(...)` / `super.init(...)` in a static member of a class. */
interface InitCall {
  readonly call: TSESTree.CallExpression;
  readonly target: { readonly kind: 'name'; readonly name: string } | { readonly kind: 'class'; readonly node: ClassNode; readonly viaSuper: boolean };
  readonly frame: WalkFrame;
}

interface DefineCall {
  readonly call: TSESTree.CallExpression;
  readonly frame: WalkFrame;
  /** `const User = sequelize.define(...)`: a name for messages when the model name is not static. */
  readonly variable: string | undefined;
}

interface ModuleFacts {
  readonly classes: ClassInfo[];
  readonly inits: InitCall[];
  readonly defines: DefineCall[];
}

type OptionsArgument = ObjectSource | 'none' | 'unreadable';

interface TableResolution {
  readonly tableName: EntityTableName;
  /** The node the table name comes from (tableName or modelName option, define's name). */
  readonly nameNode: TSESTree.Node | undefined;
}

function calledMethod(callee: TSESTree.Expression): { object: TSESTree.Node; name: string } | undefined {
  const member = unwrapExpression(callee);
  if (member.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  if (!member.computed && member.property.type === AST_NODE_TYPES.Identifier) return { object: member.object, name: member.property.name };
  if (member.computed && member.property.type === AST_NODE_TYPES.Literal && typeof member.property.value === 'string') {
    return { object: member.object, name: member.property.value };
  }
  return undefined;
}

/** Classes, `.init(...)` and `.define(...)` calls anywhere in the module (factories included). */
function collectModuleFacts(program: TSESTree.Program, moduleScope: ConstLookup): ModuleFacts {
  const facts: ModuleFacts = { classes: [], inits: [], defines: [] };
  const classExpressionNames = new Map<TSESTree.Node, TSESTree.Identifier>();
  const defineVariables = new Map<TSESTree.Node, string>();
  walkWithFrames(program, moduleScope, (node, frame) => {
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.init !== null) {
      const init = unwrapExpression(node.init);
      if (init.type === AST_NODE_TYPES.ClassExpression) classExpressionNames.set(init, node.id);
      else if (init.type === AST_NODE_TYPES.CallExpression) defineVariables.set(init, node.id.name);
      else if (init.type === AST_NODE_TYPES.AwaitExpression) defineVariables.set(unwrapExpression(init.argument), node.id.name);
      return;
    }
    if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) {
      const assignedTo = classExpressionNames.get(node);
      // A named class expression keeps its own name; an anonymous one takes the const's.
      const name = node.id?.name ?? assignedTo?.name;
      facts.classes.push({ node, name, nameNode: node.id ?? assignedTo ?? node, frame });
      return;
    }
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    const method = calledMethod(node.callee);
    if (method?.name === 'init') {
      const object = unwrapExpression(method.object);
      if (object.type === AST_NODE_TYPES.Identifier) {
        facts.inits.push({ call: node, target: { kind: 'name', name: object.name }, frame });
      } else if ((object.type === AST_NODE_TYPES.ThisExpression || object.type === AST_NODE_TYPES.Super) && frame.thisClass !== undefined) {
        facts.inits.push({ call: node, target: { kind: 'class', node: frame.thisClass, viaSuper: object.type === AST_NODE_TYPES.Super }, frame });
      }
    } else if (method?.name === 'define') {
      facts.defines.push({ call: node, frame, variable: defineVariables.get(node) });
    }
  });
  return facts;
}

/** The static text of an option value, read in the scope it was written in. */
function readText(node: TSESTree.Node, scope: ConstLookup, context: DetectionContext): string | undefined {
  // Module-level values may also be typed as string literals: the context knows how to ask.
  if (scope === context.lookup) return context.readString(node);
  const text = resolveStaticString(node, scope);
  return text === undefined || text.includes(INTERPOLATION_MARK) ? undefined : text;
}

function optionAt(options: OptionsArgument, key: string): OptionRead {
  return typeof options === 'string' ? { kind: 'absent' } : readOption(options, key);
}

function unresolved(reason: string, nameNode?: TSESTree.Node): TableResolution {
  return { tableName: { resolved: false, reason }, nameNode };
}

/**
 * A string option Sequelize tests for truthiness (`tableName`, `modelName`, `schema`):
 * `undefined` when unset or falsy (the default applies), `unknown` (with the unresolved table
 * name to report) when it cannot be read.
 */
function readNameOption(
  options: OptionsArgument,
  key: string,
  context: DetectionContext,
  runtimeReason: string,
): { text: string; node: TSESTree.Node } | { unknown: TableResolution } | undefined {
  const read = optionAt(options, key);
  if (read.kind === 'absent') return undefined;
  if (read.kind === 'unknown') return { unknown: unresolved(read.reason) };
  if (staticTruthiness(read.node, read.scope) === false) return undefined;
  const text = readText(read.node, read.scope, context);
  return text === undefined ? { unknown: unresolved(runtimeReason, read.node) } : { text, node: read.node };
}

/** A naming flag: the model's own option, else the global `define` default. */
function readFlag(options: OptionsArgument, key: 'freezeTableName' | 'underscored', context: DetectionContext): boolean | OptionRead {
  const read = optionAt(options, key);
  if (read.kind === 'absent') return context.naming.sequelize[key];
  if (read.kind === 'unknown') return read;
  return staticTruthiness(read.node, read.scope) ?? read;
}

function flagUnresolved(read: OptionRead, key: string): TableResolution {
  if (read.kind === 'unknown') return unresolved(read.reason);
  return unresolved(`its ${key} option is computed at runtime`, read.kind === 'value' ? read.node : undefined);
}

/**
 * The table of one model as Sequelize 6's `Model.init` computes it: `tableName`, else
 * `freezeTableName ? modelName : underscoredIf(pluralize(modelName), underscored)`, in
 * `schema`. `modelName` is `options.modelName || this.name` (define passes its first argument).
 */
function resolveModelTable(
  options: OptionsArgument,
  modelName: { readonly fromOptions: boolean; readonly fallback: string | undefined; readonly fallbackNode: TSESTree.Node | undefined },
  context: DetectionContext,
): TableResolution {
  if (options === 'unreadable') return unresolved('its options are not a literal object in this file');
  const schema = readNameOption(options, 'schema', context, 'its schema is computed at runtime');
  if (schema !== undefined && 'unknown' in schema) return schema.unknown;
  const tableName = readNameOption(options, 'tableName', context, 'its table name is computed at runtime');
  if (tableName !== undefined) {
    if ('unknown' in tableName) return tableName.unknown;
    return { tableName: { resolved: true, table: createTableRef(tableName.text, { schema: schema?.text }), source: 'explicit' }, nameNode: tableName.node };
  }
  let name = modelName.fallback;
  let nameNode = modelName.fallbackNode;
  if (modelName.fromOptions) {
    const option = readNameOption(options, 'modelName', context, 'its model name is computed at runtime');
    if (option !== undefined && 'unknown' in option) return option.unknown;
    if (option !== undefined) {
      name = option.text;
      nameNode = option.node;
    }
  }
  if (name === undefined || name === '') return unresolved('the class is anonymous and has no modelName or tableName');
  const freezeTableName = readFlag(options, 'freezeTableName', context);
  if (typeof freezeTableName !== 'boolean') return flagUnresolved(freezeTableName, 'freezeTableName');
  const underscored = freezeTableName ? false : readFlag(options, 'underscored', context);
  if (typeof underscored !== 'boolean') return flagUnresolved(underscored, 'underscored');
  const table = sequelizeDefaultTableName(name, { freezeTableName, underscored });
  return { tableName: { resolved: true, table: createTableRef(table, { schema: schema?.text }), source: 'naming-strategy' }, nameNode };
}

function optionsArgument(argument: TSESTree.CallExpressionArgument | undefined, scope: ConstLookup): OptionsArgument {
  if (argument === undefined) return 'none';
  if (argument.type === AST_NODE_TYPES.SpreadElement) return 'unreadable';
  return resolveObjectLiteral(argument, scope) ?? 'unreadable';
}

function resolvesTo(node: TSESTree.Node | null, context: DetectionContext, packages: ReadonlySet<string>, name: string): boolean {
  if (node === null) return false;
  const expression = unwrapExpression(node);
  if (expression.type === AST_NODE_TYPES.PrivateIdentifier) return false;
  const binding = resolveImportedName(expression as TSESTree.Expression, context.bindings);
  return binding !== undefined && packages.has(binding.source) && binding.imported === name;
}

const MODEL_PACKAGES: ReadonlySet<string> = new Set([...SEQUELIZE_PACKAGES, SEQUELIZE_TYPESCRIPT_PACKAGE]);
const TYPESCRIPT_PACKAGES: ReadonlySet<string> = new Set([SEQUELIZE_TYPESCRIPT_PACKAGE]);

/** `@Table` / `@Table(options)` from sequelize-typescript, or a configured marker on its Model. */
function findTableDecorator(info: ClassInfo, context: DetectionContext): TSESTree.Decorator | undefined {
  const extendsTypescriptModel = resolvesTo(info.node.superClass, context, TYPESCRIPT_PACKAGES, 'Model');
  return info.node.decorators.find((decorator) => {
    const expression = unwrapExpression(decorator.expression);
    const callee = expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression;
    const binding = resolveImportedName(callee as TSESTree.Expression, context.bindings);
    if (binding === undefined) return false;
    if (binding.source === SEQUELIZE_TYPESCRIPT_PACKAGE && binding.imported === 'Table') return true;
    // Markers are shared with other ORMs: claim one only on a sequelize-typescript model.
    return (
      extendsTypescriptModel &&
      context.markers.some((marker) => marker.orm === 'sequelize-typescript' && marker.kind === 'entity' && marker.package === binding.source && marker.name === binding.imported)
    );
  });
}

function hasOwnStaticInit(node: ClassNode): boolean {
  return node.body.body.some(
    (member) =>
      (member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.PropertyDefinition) &&
      member.static &&
      !member.computed &&
      member.key.type === AST_NODE_TYPES.Identifier &&
      member.key.name === 'init',
  );
}

function typescriptModel(info: ClassInfo, decorator: TSESTree.Decorator, context: DetectionContext): EntityDeclaration {
  const expression = unwrapExpression(decorator.expression);
  const argument = expression.type === AST_NODE_TYPES.CallExpression ? expression.arguments[0] : undefined;
  const options = optionsArgument(argument, info.frame.scope());
  const { tableName, nameNode } = resolveModelTable(options, { fromOptions: true, fallback: info.name, fallbackNode: undefined }, context);
  return entity('sequelize-typescript', info.name ?? '(anonymous class)', tableName, info.nameNode, nameNode);
}

/** The init calls that run Sequelize's own `Model.init` for this class. */
function initCallsOf(info: ClassInfo, facts: ModuleFacts): InitCall[] {
  const overridden = hasOwnStaticInit(info.node);
  const sameName = info.name === undefined ? [] : facts.classes.filter((other) => other.name === info.name);
  return facts.inits.filter(({ target }) => {
    if (target.kind === 'class') return target.node === info.node && (target.viaSuper || !overridden);
    // `User.init(...)` calls an overriding static init, and is ambiguous if two classes share the name.
    return !overridden && sameName.length === 1 && target.name === info.name;
  });
}

function initModel(info: ClassInfo, facts: ModuleFacts, context: DetectionContext): EntityDeclaration | undefined {
  const calls = initCallsOf(info, facts);
  if (calls.length === 0) return undefined;
  const optionsOf = (call: InitCall): OptionsArgument => optionsArgument(call.call.arguments[1], call.frame.scope());
  const extendsModel = resolvesTo(info.node.superClass, context, MODEL_PACKAGES, 'Model');
  // A subclass of a project base model: Model.init demands `sequelize`, other inits do not.
  if (!extendsModel && !calls.some((call) => optionAt(optionsOf(call), 'sequelize').kind !== 'absent')) return undefined;
  const resolutions = calls.map((call) =>
    resolveModelTable(optionsOf(call), { fromOptions: true, fallback: info.name, fallbackNode: undefined }, context),
  );
  const [first] = resolutions;
  if (first === undefined) return undefined;
  const tables = new Set(resolutions.map((resolution) => (resolution.tableName.resolved ? JSON.stringify(resolution.tableName.table) : '')));
  const tableName: EntityTableName =
    tables.size === 1 ? first.tableName : { resolved: false, reason: 'it is initialised more than once with different options' };
  return entity('sequelize', info.name ?? '(anonymous class)', tableName, info.nameNode, tables.size === 1 ? first.nameNode : undefined);
}

/** Things passed as define's attributes that are certainly not an attributes object. */
const NOT_ATTRIBUTES: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.ArrowFunctionExpression,
  AST_NODE_TYPES.FunctionExpression,
  AST_NODE_TYPES.ClassExpression,
  AST_NODE_TYPES.ArrayExpression,
  AST_NODE_TYPES.Literal,
  AST_NODE_TYPES.TemplateLiteral,
]);

/** `X.define('Name', attributes, options?)` in a module that imports Sequelize. */
function defineModel(define: DefineCall, context: DetectionContext): EntityDeclaration | undefined {
  const [nameArgument, attributes, optionsNode, ...rest] = define.call.arguments;
  if (nameArgument === undefined || attributes === undefined || rest.length > 0) return undefined;
  if (nameArgument.type === AST_NODE_TYPES.SpreadElement || attributes.type === AST_NODE_TYPES.SpreadElement) return undefined;
  if (NOT_ATTRIBUTES.has(unwrapExpression(attributes).type)) return undefined;
  const scope = define.frame.scope();
  const modelName = readText(nameArgument, scope, context);
  const nameExpression = unwrapExpression(nameArgument);
  if (modelName === undefined) {
    // `define(name, ...)` with a variable is a generic factory, not a model declaration.
    if (nameExpression.type === AST_NODE_TYPES.Identifier || nameExpression.type === AST_NODE_TYPES.MemberExpression) return undefined;
    const name = define.variable ?? '(sequelize.define)';
    return entity('sequelize', name, { resolved: false, reason: 'its model name is computed at runtime' }, nameArgument, nameArgument);
  }
  if (modelName === '') return undefined;
  const options = optionsArgument(optionsNode, scope);
  // define() sets options.modelName to its first argument, over any modelName option.
  const { tableName, nameNode } = resolveModelTable(options, { fromOptions: false, fallback: modelName, fallbackNode: nameArgument }, context);
  return entity('sequelize', modelName, tableName, nameArgument, nameNode);
}

function entity(orm: OrmName, name: string, tableName: EntityTableName, at: TSESTree.Node, nameNode: TSESTree.Node | undefined): EntityDeclaration {
  return { orm, kind: 'table', name, tableName, loc: at.loc, tableNameLoc: (nameNode ?? at).loc };
}

function compareLocations(a: EntityDeclaration, b: EntityDeclaration): number {
  return a.loc.start.line - b.loc.start.line || a.loc.start.column - b.loc.start.column;
}

/**
 * Sequelize models in a module: classes initialised with `Model.init(attributes, options)`
 * (`User.init`, or `this.init`/`super.init` in a static method; the call may sit in any
 * function of the module), `sequelize.define('Name', attributes, options)`, and
 * sequelize-typescript `@Table` classes. Tables follow Sequelize 6's own naming, with the
 * project's global `define` options as defaults. Never throws.
 */
export function detectSequelizeModels(context: DetectionContext): EntityDeclaration[] {
  try {
    const bindings = [...context.bindings.values()];
    if (!bindings.some((binding) => MODEL_PACKAGES.has(binding.source))) return [];
    const facts = collectModuleFacts(context.program, context.lookup);
    const entities: EntityDeclaration[] = [];
    for (const info of facts.classes) {
      if (info.node.abstract) continue;
      const decorator = findTableDecorator(info, context);
      const model = decorator === undefined ? initModel(info, facts, context) : typescriptModel(info, decorator, context);
      if (model !== undefined) entities.push(model);
    }
    for (const define of facts.defines) {
      const model = defineModel(define, context);
      if (model !== undefined) entities.push(model);
    }
    return entities.sort(compareLocations);
  } catch {
    return [];
  }
}
