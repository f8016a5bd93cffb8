import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { resolveImportedName, type ImportBinding } from '../../ast/importBindings.js';
import { unwrapExpression } from '../../ast/staticString.js';
import { walkAst } from '../../ast/walkAst.js';
import type { DetectionContext } from '../../entities/detectionContext.js';
import type { EntityDeclaration, EntityKind, EntityTableName } from '../../entities/entityDeclaration.js';
import { withRelationTables } from '../../entities/relationTables.js';
import { createTableRef } from '../../schema/tableRef.js';
import type { EntityMarker, MarkerKind } from '../../settings/settingsShape.js';
import { topLevelClasses, type ClassNode } from '../topLevelClasses.js';
import { isSet, NO_OPTIONS, readEntityOptions, resolveObjectLiteral, type EntityOptions } from './mikroOrmOptions.js';
import { mikroOrmDefaultTableName } from './mikroOrmNaming.js';
import { decoratedManyToMany, pivotRelationTables, schemaManyToMany, type ManyToManySpec } from './mikroOrmRelations.js';

/** Packages exporting `EntitySchema`/`defineEntity` (and, in 6.x, the decorators): core and the drivers re-exporting it. */
const ENTITY_PACKAGES = new Set([
  '@mikro-orm/core',
  '@mikro-orm/knex',
  '@mikro-orm/sql',
  '@mikro-orm/postgresql',
  '@mikro-orm/mysql',
  '@mikro-orm/mariadb',
  '@mikro-orm/sqlite',
  '@mikro-orm/better-sqlite',
  '@mikro-orm/libsql',
  '@mikro-orm/mssql',
  '@mikro-orm/oracledb',
  '@mikro-orm/mongodb',
]);
/** MikroORM 7 moved the decorators to their own package: legacy (experimentalDecorators) and ES (TC39) ones. */
const DECORATOR_PACKAGES = new Set([...ENTITY_PACKAGES, '@mikro-orm/decorators/legacy', '@mikro-orm/decorators/es']);
const MONGO_PACKAGE = '@mikro-orm/mongodb';
const MIKRO_ORM_SCOPE = '@mikro-orm/';

const REASONS = {
  unreadableOptions: 'its options are not a literal object in this file',
  spread: 'its options are spread from another object',
  computedName: 'its table name is computed at runtime',
  computedSchema: 'its schema is computed at runtime',
  anySchema: "its schema is chosen at runtime (schema: '*')",
  unknownName: 'its entity name cannot be read statically',
  anonymous: 'the class is anonymous',
  unknownAbstract: 'whether it is abstract is decided at runtime',
  mongo: 'MongoDB collections are not created by SQL migrations',
  virtual: 'it is a virtual entity: no database object backs it',
  child: "it shares its single-table-inheritance root's table",
} as const;

/** Where a declaration's parent is: nowhere, a same-file declaration, or somewhere this file cannot see. */
type ParentRef =
  | { readonly kind: 'none' }
  | { readonly kind: 'local'; readonly name: string }
  | { readonly kind: 'entity-name'; readonly name: string }
  | { readonly kind: 'external' };

/**
 * A class or schema of this module. `plain` ones (undecorated classes) are never entities, but
 * can sit in the middle of an inheritance chain (mapped superclasses).
 */
interface Declaration {
  readonly origin: 'decorator' | 'marker' | 'schema' | 'plain';
  /** The class id or the const holding the schema: what `extends X` names. */
  readonly localName: string | undefined;
  /** MikroORM's entity name: the class name or the schema's `name`/`class`. */
  readonly entityName: string | undefined;
  /** `undefined` when the options cannot be read. */
  readonly options: EntityOptions | undefined;
  /** `@Marker('table')`: a wrapper's positional table name. */
  readonly positionalName?: TSESTree.Node | undefined;
  readonly markerKind?: MarkerKind | undefined;
  readonly parent: ParentRef;
  readonly abstractClass: boolean;
  readonly mongo: boolean;
  readonly loc: TSESTree.SourceLocation;
  /** Its own many-to-many properties (their pivot tables are the entity's relation tables). */
  readonly manyToMany: readonly ManyToManySpec[];
}

interface Module {
  readonly context: DetectionContext;
  readonly declarations: Declaration[];
}

/**
 * MikroORM entity declarations in a module: classes decorated with `@Entity()` (6.x from
 * `@mikro-orm/core` or a driver package, 7.x from `@mikro-orm/decorators/legacy|es`), and
 * `new EntitySchema({...})` / `defineEntity({...})` definitions. Mapped superclasses (abstract)
 * are skipped, views and virtual entities are `view`s, single-table-inheritance children `child`.
 */
export function detectMikroOrmEntities(context: DetectionContext): EntityDeclaration[] {
  try {
    if (!importsMikroOrm(context.bindings)) return [];
    const module: Module = { context, declarations: [...classDeclarations(context), ...schemaDeclarations(context)] };
    return module.declarations.flatMap((declaration) => {
      const entity = toEntity(module, declaration);
      return entity === undefined ? [] : [entity];
    });
  } catch {
    return [];
  }
}

/** Modules importing no `@mikro-orm/*` package are skipped, markers included: there they are another ORM's. */
function importsMikroOrm(bindings: ReadonlyMap<string, ImportBinding>): boolean {
  return [...bindings.values()].some((binding) => binding.source.startsWith(MIKRO_ORM_SCOPE));
}

// ---------------------------------------------------------------------------------------------
// Collecting declarations

interface DecoratorMatch {
  readonly origin: 'decorator' | 'marker';
  readonly source: string;
  readonly markerKind?: MarkerKind | undefined;
  readonly args: readonly TSESTree.CallExpressionArgument[];
}

function matchDecorator(decorator: TSESTree.Decorator, context: DetectionContext): DecoratorMatch | undefined {
  const expression = decorator.expression;
  const callee = expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression;
  const binding = resolveImportedName(callee, context.bindings);
  if (binding === undefined) return undefined;
  const args = expression.type === AST_NODE_TYPES.CallExpression ? expression.arguments : [];
  if (binding.imported === 'Entity' && DECORATOR_PACKAGES.has(binding.source)) return { origin: 'decorator', source: binding.source, args };
  const marker = context.markers.find((candidate: EntityMarker) => candidate.orm === 'mikro-orm' && candidate.package === binding.source && candidate.name === binding.imported);
  return marker === undefined ? undefined : { origin: 'marker', source: binding.source, markerKind: marker.kind, args };
}

function isManyToManyDecorator(binding: ImportBinding): boolean {
  return binding.imported === 'ManyToMany' && DECORATOR_PACKAGES.has(binding.source);
}

function classDeclarations(context: DetectionContext): Declaration[] {
  return topLevelClasses(context.program).map((classNode): Declaration => {
    const match = classNode.decorators.map((decorator) => matchDecorator(decorator, context)).find((found) => found !== undefined);
    const base = {
      localName: classNode.id?.name,
      entityName: classNode.id?.name,
      parent: classParent(classNode, context),
      abstractClass: classNode.abstract,
      loc: (classNode.id ?? classNode).loc,
      manyToMany: decoratedManyToMany(classNode, context, isManyToManyDecorator),
    };
    if (match === undefined) return { ...base, origin: 'plain', options: NO_OPTIONS, mongo: false };
    const { positionalName, options } = decoratorArguments(match, context);
    return { ...base, origin: match.origin, options, positionalName, markerKind: match.markerKind, mongo: match.source === MONGO_PACKAGE };
  });
}

/** `@Entity(options?)`; a configured wrapper may also take the table name first: `@Audited('users', options?)`. */
function decoratorArguments(
  match: DecoratorMatch,
  context: DetectionContext,
): { positionalName: TSESTree.Node | undefined; options: EntityOptions | undefined } {
  const [first, second] = match.args;
  if (first === undefined) return { positionalName: undefined, options: NO_OPTIONS };
  if (first.type === AST_NODE_TYPES.SpreadElement) return { positionalName: undefined, options: undefined };
  const object = resolveObjectLiteral(first, context.lookup);
  if (object !== undefined) return { positionalName: undefined, options: readEntityOptions(object) };
  if (match.origin === 'decorator') return { positionalName: undefined, options: undefined };
  if (second === undefined) return { positionalName: first, options: NO_OPTIONS };
  const secondObject = second.type === AST_NODE_TYPES.SpreadElement ? undefined : resolveObjectLiteral(second, context.lookup);
  return { positionalName: first, options: secondObject === undefined ? undefined : readEntityOptions(secondObject) };
}

/** `extends Base`: a same-file class, MikroORM's own `BaseEntity` (no entity), or out of sight. */
function classParent(classNode: ClassNode, context: DetectionContext): ParentRef {
  if (classNode.superClass === null) return { kind: 'none' };
  const superClass = unwrapExpression(classNode.superClass) as TSESTree.Expression;
  const binding = resolveImportedName(superClass, context.bindings);
  if (binding !== undefined) return binding.source.startsWith(MIKRO_ORM_SCOPE) ? { kind: 'none' } : { kind: 'external' };
  return superClass.type === AST_NODE_TYPES.Identifier ? { kind: 'local', name: superClass.name } : { kind: 'external' };
}

/** `new EntitySchema({...})` and `defineEntity({...})` outside functions, wherever they are assigned. */
function schemaDeclarations(context: DetectionContext): Declaration[] {
  const declarations: Declaration[] = [];
  walkAst(context.program, (node) => {
    if (isFunctionOrClass(node)) return false;
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init !== null && node.id.type === AST_NODE_TYPES.Identifier) {
      const declaration = schemaDeclaration(unwrapExpression(node.init), node.id.name, context);
      if (declaration !== undefined) {
        declarations.push(declaration);
        return false;
      }
    }
    if (node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.CallExpression) {
      const declaration = schemaDeclaration(node, undefined, context);
      if (declaration !== undefined) {
        declarations.push(declaration);
        return false;
      }
    }
    return true;
  });
  return declarations;
}

function isFunctionOrClass(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.ClassDeclaration ||
    node.type === AST_NODE_TYPES.ClassExpression
  );
}

/** The source of a `new EntitySchema(...)` / `defineEntity(...)` node, else undefined. */
function schemaSource(node: TSESTree.Node, context: DetectionContext): string | undefined {
  let binding: ImportBinding | undefined;
  if (node.type === AST_NODE_TYPES.NewExpression) {
    binding = resolveImportedName(node.callee, context.bindings);
    if (binding?.imported !== 'EntitySchema') return undefined;
  } else if (node.type === AST_NODE_TYPES.CallExpression) {
    binding = resolveImportedName(node.callee, context.bindings);
    if (binding?.imported !== 'defineEntity') return undefined;
  }
  return binding !== undefined && ENTITY_PACKAGES.has(binding.source) ? binding.source : undefined;
}

function schemaDeclaration(node: TSESTree.Node, localName: string | undefined, context: DetectionContext): Declaration | undefined {
  const source = schemaSource(node, context);
  if (source === undefined || (node.type !== AST_NODE_TYPES.NewExpression && node.type !== AST_NODE_TYPES.CallExpression)) return undefined;
  const first = node.arguments[0];
  const object = first === undefined || first.type === AST_NODE_TYPES.SpreadElement ? undefined : resolveObjectLiteral(first, context.lookup);
  const options = object === undefined ? undefined : readEntityOptions(object);
  const naming = options === undefined ? undefined : schemaName(options, context);
  return {
    origin: 'schema',
    localName,
    entityName: naming?.name,
    options,
    parent: options === undefined ? { kind: 'external' } : schemaParent(options, context),
    abstractClass: false,
    mongo: source === MONGO_PACKAGE,
    loc: naming?.node?.loc ?? node.callee.loc,
    manyToMany: options === undefined ? [] : schemaManyToMany(options, context),
  };
}

/** `class: User` wins over `name: 'User'`, as in the EntitySchema constructor. */
function schemaName(options: EntityOptions, context: DetectionContext): { name: string | undefined; node: TSESTree.Node | undefined } {
  const classSlot = options.slot('class');
  if (classSlot.kind === 'present') return { name: classReferenceName(classSlot.node, context), node: classSlot.node };
  const nameSlot = options.slot('name');
  if (nameSlot.kind === 'present') return { name: context.readString(nameSlot.node), node: nameSlot.node };
  return { name: undefined, node: undefined };
}

/** The runtime `name` of a class given by reference: a same-file class, or a named import. */
function classReferenceName(node: TSESTree.Node, context: DetectionContext): string | undefined {
  const expression = unwrapExpression(node);
  if (expression.type !== AST_NODE_TYPES.Identifier) return undefined;
  const binding = context.bindings.get(expression.name);
  if (binding !== undefined) return binding.imported === 'default' || binding.imported === '*' ? undefined : binding.imported;
  const declared = topLevelClasses(context.program).some((classNode) => classNode.id?.name === expression.name);
  return declared ? expression.name : undefined;
}

/** `extends: Person` (a same-file schema or class) or `extends: 'Person'` (an entity name). */
function schemaParent(options: EntityOptions, context: DetectionContext): ParentRef {
  const slot = options.slot('extends');
  if (slot.kind === 'absent') return { kind: 'none' };
  if (slot.kind === 'unknown') return { kind: 'external' };
  const expression = unwrapExpression(slot.node);
  if (expression.type === AST_NODE_TYPES.Identifier && !context.bindings.has(expression.name)) return { kind: 'local', name: expression.name };
  const name = context.readString(expression);
  return name === undefined ? { kind: 'external' } : { kind: 'entity-name', name };
}

// ---------------------------------------------------------------------------------------------
// Classifying declarations

function findParent(module: Module, ref: ParentRef): Declaration | undefined {
  if (ref.kind === 'local') return module.declarations.find((candidate) => candidate.localName === ref.name);
  if (ref.kind === 'entity-name') return module.declarations.find((candidate) => candidate.origin !== 'plain' && candidate.entityName === ref.name);
  return undefined;
}

function hasDiscriminatorColumn(declaration: Declaration): boolean {
  // MikroORM 7 also accepts `discriminator`; an unreadable value still makes a root.
  return declaration.options !== undefined && isSet(declaration.options, 'discriminatorColumn', 'discriminator') === true;
}

function isTablePerType(declaration: Declaration, context: DetectionContext): boolean {
  const slot = declaration.options?.slot('inheritance');
  return slot?.kind === 'present' && context.readString(slot.node) === 'tpt';
}

function hasDiscriminatorValue(declaration: Declaration): boolean {
  return declaration.options !== undefined && isSet(declaration.options, 'discriminatorValue') === true;
}

/**
 * Whether MikroORM maps this entity into its single-table-inheritance root's table: an ancestor
 * declares `discriminatorColumn` (MikroORM then overrides the child's own table name). When the
 * chain leaves this file, a `discriminatorValue` on the way is the sign of STI.
 */
function isSingleTableChild(module: Module, declaration: Declaration): boolean {
  if (hasDiscriminatorColumn(declaration)) return false;
  let sawDiscriminatorValue = hasDiscriminatorValue(declaration);
  const seen = new Set<Declaration>([declaration]);
  for (let current = declaration; ; ) {
    if (current.parent.kind === 'none') return false;
    const parent = findParent(module, current.parent);
    if (parent === undefined) return sawDiscriminatorValue;
    if (seen.has(parent) || isTablePerType(parent, module.context)) return false;
    if (hasDiscriminatorColumn(parent)) return true;
    seen.add(parent);
    sawDiscriminatorValue ||= hasDiscriminatorValue(parent);
    current = parent;
  }
}

/** Abstract without being an inheritance root: a mapped superclass, inlined into its children. */
function abstractness(declaration: Declaration, options: EntityOptions, context: DetectionContext): boolean | 'unknown' {
  const abstractFlag = options.flag('abstract');
  if (abstractFlag !== true && !declaration.abstractClass) return abstractFlag === 'unknown' ? 'unknown' : false;
  return !hasDiscriminatorColumn(declaration) && !isTablePerType(declaration, context);
}

function toEntity(module: Module, declaration: Declaration): EntityDeclaration | undefined {
  if (declaration.origin === 'plain') return undefined;
  const name = declaration.entityName ?? (declaration.origin === 'schema' ? '(EntitySchema)' : '(anonymous class)');
  const entity = (kind: EntityKind, tableName: EntityTableName, tableNameLoc = declaration.loc): EntityDeclaration => ({
    orm: 'mikro-orm',
    kind,
    name,
    tableName,
    loc: declaration.loc,
    tableNameLoc,
  });
  const { options } = declaration;
  if (options === undefined) return entity(markerKind(declaration) ?? 'table', unresolved(REASONS.unreadableOptions));
  if (options.flag('embeddable') === true) return undefined;
  const abstract = abstractness(declaration, options, module.context);
  if (abstract === true) return undefined;
  if (declaration.markerKind === 'child' || isSingleTableChild(module, declaration)) return entity('child', unresolved(REASONS.child));
  if (abstract === 'unknown') {
    const reason = options.slot('abstract').kind === 'unknown' ? REASONS.spread : REASONS.unknownAbstract;
    return entity(markerKind(declaration) ?? 'table', unresolved(reason));
  }
  const { tableName, node } = resolveTableName(declaration, options, module.context);
  if (declaration.markerKind === 'view' || isSet(options, 'view') === true) return entity('view', tableName, node?.loc);
  // An `expression` without `view: true` is evaluated at query time: nothing in the database.
  if (isSet(options, 'expression') === true || options.flag('virtual') === true) return entity('view', unresolved(REASONS.virtual));
  return { ...entity('table', tableName, node?.loc), ...withRelationTables(pivotRelationTables(manyToManyOf(module, declaration), tableName, module.context)) };
}

/**
 * Its many-to-many properties and those it inherits from same-module mapped superclasses
 * (abstract or undecorated classes, whose properties MikroORM copies into each entity); its own
 * win over inherited ones of the same name.
 */
function manyToManyOf(module: Module, declaration: Declaration): ManyToManySpec[] {
  const specs = [...declaration.manyToMany];
  const seen = new Set<Declaration>([declaration]);
  for (let parent = findParent(module, declaration.parent); parent !== undefined && !seen.has(parent); parent = findParent(module, parent.parent)) {
    seen.add(parent);
    const mapped = parent.origin === 'plain' || (parent.options !== undefined && abstractness(parent, parent.options, module.context) === true);
    if (!mapped) break;
    for (const spec of parent.manyToMany) if (!specs.some((known) => known.property === spec.property)) specs.push(spec);
  }
  return specs;
}

function markerKind(declaration: Declaration): EntityKind | undefined {
  if (declaration.markerKind === undefined) return undefined;
  return declaration.markerKind === 'entity' ? 'table' : declaration.markerKind;
}

function unresolved(reason: string): EntityTableName {
  return { resolved: false, reason };
}

/**
 * `tableName`/`collection` (aliases; the later one wins), else the naming strategy applied to the
 * entity name. A dotted name without a `schema` option is `schema.table`, as MikroORM splits it.
 */
function resolveTableName(
  declaration: Declaration,
  options: EntityOptions,
  context: DetectionContext,
): { tableName: EntityTableName; node: TSESTree.Node | undefined } {
  const nameSlot = declaration.positionalName === undefined ? options.slot('tableName', 'collection') : { kind: 'present' as const, node: declaration.positionalName };
  const node = nameSlot.kind === 'present' ? nameSlot.node : undefined;
  const fail = (reason: string): { tableName: EntityTableName; node: TSESTree.Node | undefined } => ({ tableName: unresolved(reason), node });
  if (declaration.mongo) return fail(REASONS.mongo);
  const schema = readSchema(options, context);
  if (typeof schema === 'object') return fail(schema.reason);
  if (nameSlot.kind === 'unknown') return fail(REASONS.spread);
  if (node !== undefined) {
    const text = context.readString(node);
    if (text === undefined || text === '') return fail(REASONS.computedName);
    const dot = schema === undefined ? text.indexOf('.') : -1;
    const table = dot === -1 ? createTableRef(text, { schema }) : createTableRef(text.slice(dot + 1), { schema: text.slice(0, dot) });
    return { tableName: { resolved: true, table, source: 'explicit' }, node };
  }
  if (declaration.entityName === undefined) return fail(declaration.origin === 'schema' ? REASONS.unknownName : REASONS.anonymous);
  const table = createTableRef(mikroOrmDefaultTableName(declaration.entityName), { schema });
  return { tableName: { resolved: true, table, source: 'naming-strategy' }, node: undefined };
}

/** The `schema` option: a name, `undefined` when absent, or why it cannot be used. */
function readSchema(options: EntityOptions, context: DetectionContext): string | undefined | { reason: string } {
  const slot = options.slot('schema');
  if (slot.kind === 'absent') return undefined;
  if (slot.kind === 'unknown') return { reason: REASONS.spread };
  const schema = context.readString(slot.node);
  if (schema === undefined) return { reason: REASONS.computedSchema };
  return schema === '*' ? { reason: REASONS.anySchema } : schema;
}
