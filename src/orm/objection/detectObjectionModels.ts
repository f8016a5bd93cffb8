import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { resolveImportedName } from '../../ast/importBindings.js';
import { unwrapExpression } from '../../ast/staticString.js';
import { walkAst } from '../../ast/walkAst.js';
import type { DetectionContext } from '../../entities/detectionContext.js';
import type { EntityDeclaration, EntityTableName } from '../../entities/entityDeclaration.js';
import { withRelationTables } from '../../entities/relationTables.js';
import { createTableRef } from '../../schema/tableRef.js';
import { objectionRelationTables } from './objectionRelations.js';

const OBJECTION = 'objection';
/** Same-module `extends` chains longer than this are not followed. */
const MAX_CHAIN_DEPTH = 64;

export const RUNTIME_TABLE_NAME_REASON = 'its tableName is computed at runtime';
export const PER_CLASS_TABLE_NAME_REASON = 'its tableName is computed per class by a base class';
export const INHERITED_TABLE_REASON = 'it has no tableName of its own and shares its base class table';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** A top-level class and the name it is known by in the module. */
interface ModuleClass {
  readonly node: ClassNode;
  /** The class id, else the const or export it is assigned to; `undefined` when anonymous. */
  readonly name: string | undefined;
  readonly loc: TSESTree.SourceLocation;
}

/** What a class says about its table. */
type TableNameMember =
  /** No `tableName`: inherited (or a base class that Objection would refuse to query). */
  | { readonly kind: 'none' }
  /** A value to read statically (`'persons'`, `TABLES.persons`), or a body too complex to read. */
  | { readonly kind: 'static'; readonly node: TSESTree.Node; readonly readable: boolean }
  /** A getter/method that reads `this` (e.g. derives the name from `this.name`): per subclass. */
  | { readonly kind: 'per-class' };

interface ModelInfo {
  readonly moduleClass: ModuleClass;
  readonly tableName: TableNameMember;
  /** The same-module model class it extends, if any. */
  readonly base: ModelInfo | undefined;
}

/**
 * Objection models of a module: top-level classes (ES modules or CommonJS, also
 * `module.exports = class ...`) extending `Model` from `objection`, directly, through a mixin
 * call such as `timestamps(Model)`, or through another model class of the same module. A class
 * with a static `tableName` (property, getter or method returning a static string, or a
 * `Person.tableName = '...'` assignment) maps to that table; `'schema.table'` is split as knex
 * does. A class without one is an abstract base and not an entity, unless a same-module base
 * gives it a table: then it is a `child` sharing that table, or unresolved when the base
 * computes the name per class. Base classes imported from other project modules are not followed.
 * The tables named by `join.through` in a model's own `relationMappings` are its relation tables.
 */
export function detectObjectionModels(context: DetectionContext): EntityDeclaration[] {
  try {
    const modelNames = objectionModelAliases(context.program);
    if (modelNames.size === 0 && ![...context.bindings.values()].some((binding) => binding.source === OBJECTION)) return [];
    return detectInModule(context, modelNames);
  } catch {
    return [];
  }
}

function detectInModule(context: DetectionContext, modelNames: ReadonlySet<string>): EntityDeclaration[] {
  const classes = topLevelClasses(context.program);
  const assignedTableNames = tableNameAssignments(context.program);
  const infos = new Map<ClassNode, ModelInfo | null>();
  const byName = new Map(classes.flatMap((entry) => (entry.name === undefined ? [] : [[entry.name, entry] as const])));

  /** Resolves a class to its model info; `null` when it is not an Objection model (cycles included). */
  const infoOf = (entry: ModuleClass, visiting: Set<ClassNode>): ModelInfo | null => {
    const known = infos.get(entry.node);
    if (known !== undefined) return known;
    // A cycle, or a chain too deep to follow without risking the stack: not a model we can vouch for.
    if (visiting.has(entry.node) || visiting.size >= MAX_CHAIN_DEPTH) return null;
    visiting.add(entry.node);
    const base = superClassModel(context, entry.node.superClass, modelNames, (name) => {
      const baseEntry = byName.get(name);
      return baseEntry === undefined ? undefined : (infoOf(baseEntry, visiting) ?? undefined);
    });
    const info =
      base === undefined
        ? null
        : { moduleClass: entry, tableName: readTableNameMember(entry, assignedTableNames), base: base === 'model' ? undefined : base };
    infos.set(entry.node, info);
    return info;
  };

  const entities: EntityDeclaration[] = [];
  for (const entry of classes) {
    const info = infoOf(entry, new Set());
    if (info === null) continue;
    const entity = toEntity(context, info);
    if (entity !== undefined) entities.push({ ...entity, ...withRelationTables(objectionRelationTables(entry.node, context)) });
  }
  return entities;
}

/** `const Model = require('objection').Model` (import bindings are resolved separately). */
function objectionModelAliases(program: TSESTree.Program): Set<string> {
  const names = new Set<string>();
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      const init = declarator.init === null ? undefined : unwrapExpression(declarator.init);
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || init?.type !== AST_NODE_TYPES.MemberExpression) continue;
      if (isRequireOf(init.object, OBJECTION) && !init.computed && init.property.type === AST_NODE_TYPES.Identifier && init.property.name === 'Model') {
        names.add(declarator.id.name);
      }
    }
  }
  return names;
}

function isRequireOf(node: TSESTree.Node, source: string): boolean {
  const expression = unwrapExpression(node);
  return (
    expression.type === AST_NODE_TYPES.CallExpression &&
    expression.callee.type === AST_NODE_TYPES.Identifier &&
    expression.callee.name === 'require' &&
    expression.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    expression.arguments[0].value === source
  );
}

/**
 * What a class extends: objection's `Model` (`'model'`), a same-module model, or neither
 * (`undefined`). A call such as `timestamps(Model)` or `compose(a, b)(Model)` is a mixin: it
 * extends a model when one of its arguments (or its callee's) does.
 */
function superClassModel(
  context: DetectionContext,
  superClass: TSESTree.LeftHandSideExpression | null,
  modelNames: ReadonlySet<string>,
  sameModuleModel: (name: string) => ModelInfo | undefined,
): 'model' | ModelInfo | undefined {
  const pending: TSESTree.Node[] = superClass === null ? [] : [superClass];
  for (let budget = 100, node = pending.pop(); node !== undefined && budget > 0; node = pending.pop(), budget--) {
    const expression = unwrapExpression(node);
    if (isObjectionModel(context, expression, modelNames)) return 'model';
    if (expression.type === AST_NODE_TYPES.Identifier) {
      const base = sameModuleModel(expression.name);
      if (base !== undefined) return base;
    } else if (expression.type === AST_NODE_TYPES.CallExpression) {
      for (const argument of [...expression.arguments].reverse()) pending.push(argument);
      pending.push(expression.callee);
    }
  }
  return undefined;
}

function isObjectionModel(context: DetectionContext, expression: TSESTree.Node, modelNames: ReadonlySet<string>): boolean {
  if (expression.type === AST_NODE_TYPES.Identifier && modelNames.has(expression.name)) return true;
  if (expression.type === AST_NODE_TYPES.MemberExpression && isRequireOf(expression.object, OBJECTION)) {
    return !expression.computed && expression.property.type === AST_NODE_TYPES.Identifier && expression.property.name === 'Model';
  }
  if (expression.type !== AST_NODE_TYPES.Identifier && expression.type !== AST_NODE_TYPES.MemberExpression) return false;
  const binding = resolveImportedName(expression, context.bindings);
  return binding?.source === OBJECTION && binding.imported === 'Model';
}

/**
 * Top-level classes, however declared: `class X`, `export (default) class X`, `const X = class`,
 * `module.exports = class X`, `exports.X = class`, `module.exports.X = class`.
 */
function topLevelClasses(program: TSESTree.Program): ModuleClass[] {
  const classes: ModuleClass[] = [];
  for (const statement of program.body) {
    const declaration =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration
        ? statement.declaration
        : statement;
    if (declaration === null) continue;
    if (declaration.type === AST_NODE_TYPES.ClassDeclaration || declaration.type === AST_NODE_TYPES.ClassExpression) {
      classes.push(moduleClass(declaration, undefined));
    } else if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) {
        const init = declarator.init === null ? undefined : unwrapExpression(declarator.init);
        if (init?.type === AST_NODE_TYPES.ClassExpression && declarator.id.type === AST_NODE_TYPES.Identifier) {
          classes.push(moduleClass(init, declarator.id));
        }
      }
    } else if (declaration.type === AST_NODE_TYPES.ExpressionStatement && declaration.expression.type === AST_NODE_TYPES.AssignmentExpression) {
      const right = unwrapExpression(declaration.expression.right);
      if (right.type === AST_NODE_TYPES.ClassExpression) classes.push(moduleClass(right, exportTarget(declaration.expression.left)));
    }
  }
  return classes;
}

/** `exports.Person` / `module.exports.Person` name a class `Person`; `module.exports` names none. */
function exportTarget(left: TSESTree.Node): TSESTree.Identifier | undefined {
  if (left.type !== AST_NODE_TYPES.MemberExpression || left.computed || left.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const object = left.object;
  if (object.type === AST_NODE_TYPES.Identifier && object.name === 'module' && left.property.name === 'exports') return undefined;
  return left.property;
}

function moduleClass(node: ClassNode, alias: TSESTree.Identifier | undefined): ModuleClass {
  const id = node.id ?? alias;
  return { node, name: id?.name, loc: id === undefined ? node.loc : nameLoc(id) };
}

/** The identifier without its type annotation. */
function nameLoc(id: TSESTree.Identifier): TSESTree.SourceLocation {
  if (id.typeAnnotation === undefined) return id.loc;
  return { start: id.loc.start, end: { line: id.loc.start.line, column: id.loc.start.column + id.name.length } };
}

/** `Person.tableName = 'persons';` statements at the top level, by class name (the last wins). */
function tableNameAssignments(program: TSESTree.Program): Map<string, TSESTree.Expression> {
  const assignments = new Map<string, TSESTree.Expression>();
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    const expression = statement.expression;
    if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') continue;
    const left = expression.left;
    if (left.type !== AST_NODE_TYPES.MemberExpression || left.object.type !== AST_NODE_TYPES.Identifier) continue;
    if (staticMemberName(left) === 'tableName') assignments.set(left.object.name, expression.right);
  }
  return assignments;
}

function staticMemberName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed) return member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
  return member.property.type === AST_NODE_TYPES.Literal && typeof member.property.value === 'string' ? member.property.value : undefined;
}

function classMemberName(member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition): string | undefined {
  if (!member.computed) {
    if (member.key.type === AST_NODE_TYPES.Identifier) return member.key.name;
    return member.key.type === AST_NODE_TYPES.Literal ? String(member.key.value) : undefined;
  }
  return member.key.type === AST_NODE_TYPES.Literal && typeof member.key.value === 'string' ? member.key.value : undefined;
}

/** The class's own static `tableName` (the last definition wins, as at runtime), else an assignment. */
function readTableNameMember(entry: ModuleClass, assignments: ReadonlyMap<string, TSESTree.Expression>): TableNameMember {
  let found: TableNameMember = { kind: 'none' };
  for (const member of entry.node.body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) continue;
    if (!member.static || classMemberName(member) !== 'tableName') continue;
    if (member.type === AST_NODE_TYPES.PropertyDefinition) {
      // `static tableName: string;` (a declaration only) gives no value.
      if (member.value !== null) found = { kind: 'static', node: member.value, readable: true };
    } else if (member.kind === 'get' || member.kind === 'method') {
      found = functionTableName(member.value, member.key);
    }
  }
  const assigned = entry.name === undefined ? undefined : assignments.get(entry.name);
  return assigned === undefined ? found : { kind: 'static', node: assigned, readable: true };
}

/** `static get tableName() { return 'persons'; }` or `static tableName() { ... }`. */
function functionTableName(fn: TSESTree.FunctionExpression | TSESTree.TSEmptyBodyFunctionExpression, key: TSESTree.Node): TableNameMember {
  if (fn.body === null) return { kind: 'none' };
  if (readsThis(fn.body)) return { kind: 'per-class' };
  const [only, ...rest] = fn.body.body;
  if (rest.length === 0 && only?.type === AST_NODE_TYPES.ReturnStatement && only.argument !== null) {
    return { kind: 'static', node: only.argument, readable: true };
  }
  return { kind: 'static', node: key, readable: false };
}

/** Whether a body uses `this` outside nested non-arrow functions (which rebind it). */
function readsThis(body: TSESTree.BlockStatement): boolean {
  let found = false;
  walkAst(body, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.ThisExpression) found = true;
    return node.type !== AST_NODE_TYPES.FunctionExpression && node.type !== AST_NODE_TYPES.FunctionDeclaration;
  });
  return found;
}

function toEntity(context: DetectionContext, info: ModelInfo): EntityDeclaration | undefined {
  const { moduleClass: entry } = info;
  const name = entry.name ?? '(anonymous class)';
  const base = { orm: 'objection' as const, name, loc: entry.loc };
  const own = info.tableName;
  if (own.kind === 'static') {
    const tableName: EntityTableName = own.readable ? readTableName(context, own.node) : { resolved: false, reason: RUNTIME_TABLE_NAME_REASON };
    return { ...base, kind: 'table', tableName, tableNameLoc: own.node.loc };
  }
  // Objection refuses a class without tableName, so one found nowhere in the chain is an abstract base.
  if (own.kind === 'per-class') return undefined;
  const inherited = inheritedTableName(info);
  if (inherited === undefined) return undefined;
  if (inherited === 'per-class') {
    return { ...base, kind: 'table', tableName: { resolved: false, reason: PER_CLASS_TABLE_NAME_REASON }, tableNameLoc: entry.loc };
  }
  return { ...base, kind: 'child', tableName: { resolved: false, reason: INHERITED_TABLE_REASON }, tableNameLoc: entry.loc };
}

/** The nearest same-module ancestor's tableName kind. */
function inheritedTableName(info: ModelInfo): 'static' | 'per-class' | undefined {
  for (let ancestor = info.base, depth = 0; ancestor !== undefined && depth < 100; ancestor = ancestor.base, depth++) {
    if (ancestor.tableName.kind !== 'none') return ancestor.tableName.kind;
  }
  return undefined;
}

/** `'persons'` or `'billing.invoices'` (knex reads a dotted name as schema-qualified). */
function readTableName(context: DetectionContext, node: TSESTree.Node): EntityTableName {
  const text = context.readString(node);
  if (text === undefined || text === '') return { resolved: false, reason: RUNTIME_TABLE_NAME_REASON };
  const parts = text.split('.');
  const name = parts[parts.length - 1];
  if (name === undefined || name === '') return { resolved: false, reason: RUNTIME_TABLE_NAME_REASON };
  const schema = parts.length > 1 ? parts[parts.length - 2] : undefined;
  return { resolved: true, table: createTableRef(name, { schema }), source: 'explicit' };
}
