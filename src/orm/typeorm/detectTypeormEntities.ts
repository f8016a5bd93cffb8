import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { resolveImportedName, type ImportBinding } from '../../ast/importBindings.js';
import { resolveConstExpression, type ConstLookup } from '../../ast/staticString.js';
import type { DetectionContext } from '../../entities/detectionContext.js';
import type { EntityDeclaration, EntityKind, EntityTableName } from '../../entities/entityDeclaration.js';
import { createTableRef } from '../../schema/tableRef.js';
import type { EntityMarker, MarkerKind } from '../../settings/settingsShape.js';
import { typeormDefaultTableName } from './typeormNaming.js';

const TYPEORM_MARKERS: readonly EntityMarker[] = [
  { package: 'typeorm', name: 'Entity', kind: 'entity' },
  { package: 'typeorm', name: 'ViewEntity', kind: 'view' },
  { package: 'typeorm', name: 'ChildEntity', kind: 'child' },
];

const KIND_BY_MARKER: Record<MarkerKind, EntityKind> = { entity: 'table', view: 'view', child: 'child' };

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** Top-level classes, exported or not. */
function topLevelClasses(program: TSESTree.Program): ClassNode[] {
  const classes: ClassNode[] = [];
  for (const statement of program.body) {
    const declaration =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration
        ? statement.declaration
        : statement;
    if (declaration?.type === AST_NODE_TYPES.ClassDeclaration || declaration?.type === AST_NODE_TYPES.ClassExpression) {
      classes.push(declaration);
    }
  }
  return classes;
}

function findMarker(
  decorator: TSESTree.Decorator,
  bindings: ReadonlyMap<string, ImportBinding>,
  markers: readonly EntityMarker[],
): { marker: EntityMarker; args: readonly TSESTree.CallExpressionArgument[] } | undefined {
  const expression = decorator.expression;
  const callee = expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression;
  const binding = resolveImportedName(callee, bindings);
  if (binding === undefined) return undefined;
  const marker = markers.find((candidate) => candidate.package === binding.source && candidate.name === binding.imported);
  if (marker === undefined) return undefined;
  return { marker, args: expression.type === AST_NODE_TYPES.CallExpression ? expression.arguments : [] };
}

function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression
  ) {
    current = current.expression;
  }
  return current;
}

/** An options object, also through a same-file `const OPTIONS = { ... }`. */
function resolveObject(node: TSESTree.Node, lookup: ConstLookup): TSESTree.ObjectExpression | undefined {
  const unwrapped = unwrap(node);
  if (unwrapped.type === AST_NODE_TYPES.ObjectExpression) return unwrapped;
  const resolved = resolveConstExpression(unwrapped, lookup);
  if (resolved !== undefined) {
    const target = unwrap(resolved.node);
    if (target.type === AST_NODE_TYPES.ObjectExpression) return target;
  }
  return undefined;
}

function propertyName(property: TSESTree.Property): string | undefined {
  if (property.computed) return undefined;
  if (property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === 'string') return property.key.value;
  return undefined;
}

type OptionValue = { found: false; spread: boolean } | { found: true; value: string | undefined; node: TSESTree.Node };

/** The last `key:` of an object literal (later keys win, as at runtime). */
function readOption(object: TSESTree.ObjectExpression, key: string, context: DetectionContext): OptionValue {
  let result: OptionValue = { found: false, spread: false };
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      // A spread may or may not set the key: only a later explicit key is certain.
      result = { found: false, spread: true };
    } else if (propertyName(property) === key) {
      result = { found: true, value: context.readString(property.value), node: property.value };
    }
  }
  return result;
}

function isStringLike(node: TSESTree.Node, lookup: ConstLookup): boolean {
  const unwrapped = unwrap(node);
  if (unwrapped.type === AST_NODE_TYPES.Literal || unwrapped.type === AST_NODE_TYPES.TemplateLiteral) return true;
  return resolveObject(unwrapped, lookup) === undefined && unwrapped.type !== AST_NODE_TYPES.ObjectExpression;
}

interface NameArguments {
  readonly nameNode: TSESTree.Node | undefined;
  readonly options: TSESTree.ObjectExpression | undefined;
  readonly unreadableOptions: boolean;
}

/** `@Entity('name', options?)` or `@Entity(options)`. */
function splitNameArguments(args: readonly TSESTree.CallExpressionArgument[], lookup: ConstLookup): NameArguments {
  const [first, second] = args;
  if (first === undefined) return { nameNode: undefined, options: undefined, unreadableOptions: false };
  if (first.type === AST_NODE_TYPES.SpreadElement) return { nameNode: undefined, options: undefined, unreadableOptions: true };
  if (isStringLike(first, lookup)) {
    const options = second === undefined || second.type === AST_NODE_TYPES.SpreadElement ? undefined : resolveObject(second, lookup);
    return { nameNode: first, options, unreadableOptions: second !== undefined && options === undefined };
  }
  const options = resolveObject(first, lookup);
  return { nameNode: undefined, options, unreadableOptions: options === undefined };
}

function resolveTableName(
  classNode: ClassNode,
  args: readonly TSESTree.CallExpressionArgument[],
  context: DetectionContext,
): { tableName: EntityTableName; nameNode: TSESTree.Node | undefined } {
  const { nameNode: positionalName, options, unreadableOptions } = splitNameArguments(args, context.lookup);
  if (unreadableOptions) {
    return { tableName: { resolved: false, reason: 'its decorator options are not a literal object in this file' }, nameNode: undefined };
  }
  let schema: string | undefined;
  if (options !== undefined) {
    const schemaOption = readOption(options, 'schema', context);
    if (schemaOption.found) {
      if (schemaOption.value === undefined) return { tableName: { resolved: false, reason: 'its schema is computed at runtime' }, nameNode: schemaOption.node };
      schema = schemaOption.value;
    } else if (schemaOption.spread) {
      return { tableName: { resolved: false, reason: 'its options are spread from another object' }, nameNode: undefined };
    }
  }
  let nameNode = positionalName;
  if (nameNode === undefined && options !== undefined) {
    const nameOption = readOption(options, 'name', context);
    if (nameOption.found) nameNode = nameOption.node;
    else if (nameOption.spread) return { tableName: { resolved: false, reason: 'its options are spread from another object' }, nameNode: undefined };
  }
  if (nameNode !== undefined) {
    const name = context.readString(nameNode);
    if (name === undefined) {
      return { tableName: { resolved: false, reason: 'its table name is computed at runtime' }, nameNode };
    }
    return { tableName: { resolved: true, table: createTableRef(name, { schema }), source: 'explicit' }, nameNode };
  }
  if (classNode.id === null) return { tableName: { resolved: false, reason: 'the class is anonymous' }, nameNode: undefined };
  return {
    tableName: { resolved: true, table: createTableRef(typeormDefaultTableName(classNode.id.name), { schema }), source: 'naming-strategy' },
    nameNode: undefined,
  };
}

/**
 * TypeORM entity declarations in a module: classes decorated with `@Entity`, `@ViewEntity` or
 * `@ChildEntity` imported from `typeorm` (or a configured marker). Abstract classes are skipped:
 * they are base classes, not tables.
 */
export function detectTypeormEntities(context: DetectionContext): EntityDeclaration[] {
  const { bindings, program } = context;
  const markers = [...TYPEORM_MARKERS, ...context.markers];
  const markerPackages = new Set(markers.map((marker) => marker.package));
  if (![...bindings.values()].some((binding) => markerPackages.has(binding.source))) return [];

  const entities: EntityDeclaration[] = [];
  for (const classNode of topLevelClasses(program)) {
    if (classNode.abstract || classNode.decorators.length === 0) continue;
    const match = classNode.decorators.map((decorator) => findMarker(decorator, bindings, markers)).find((found) => found !== undefined);
    if (match === undefined) continue;
    const kind = KIND_BY_MARKER[match.marker.kind];
    const classLoc = (classNode.id ?? classNode).loc;
    const name = classNode.id?.name ?? '(anonymous class)';
    if (kind === 'child') {
      entities.push({ orm: 'typeorm', kind, name, tableName: { resolved: false, reason: 'it has no table of its own' }, loc: classLoc, tableNameLoc: classLoc });
      continue;
    }
    const { tableName, nameNode } = resolveTableName(classNode, match.args, context);
    entities.push({ orm: 'typeorm', kind, name, tableName, loc: classLoc, tableNameLoc: nameNode?.loc ?? classLoc });
  }
  return entities;
}
