import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { resolveConstExpression, resolveStaticString, unwrapExpression, type ConstLookup } from '../../ast/staticString.js';
import { INTERPOLATION_MARK } from '../../sql/scanSqlDdl.js';

/** Packages whose `Model`, `Sequelize` and `QueryInterface` behave like Sequelize 6's. */
export const SEQUELIZE_PACKAGES: ReadonlySet<string> = new Set(['sequelize', '@sequelize/core']);
export const SEQUELIZE_TYPESCRIPT_PACKAGE = 'sequelize-typescript';

/** An object literal and the scope its values must be read in. */
export interface ObjectSource {
  readonly node: TSESTree.ObjectExpression;
  readonly scope: ConstLookup;
}

/**
 * What an options object says about one key, as Sequelize's `Utils.merge` sees it: `absent`
 * (not set, or set to `undefined`, which merge skips), the expression that sets it, or
 * `unknown` when something that cannot be read (a spread, a computed key) may set it.
 */
export type OptionRead =
  | { readonly kind: 'absent' }
  | { readonly kind: 'unknown'; readonly node: TSESTree.Node; readonly reason: string }
  | { readonly kind: 'value'; readonly node: TSESTree.Node; readonly scope: ConstLookup };

const ABSENT: OptionRead = { kind: 'absent' };

/** Spreads of spreads are followed this deep; `const a = { ...a }` loops are cut here. */
const MAX_SPREAD_DEPTH = 8;

/** `{ ... }` itself, or the object literal a const (or const member) stands for. */
export function resolveObjectLiteral(node: TSESTree.Node, scope: ConstLookup): ObjectSource | undefined {
  const direct = unwrapExpression(node);
  if (direct.type === AST_NODE_TYPES.ObjectExpression) return { node: direct, scope };
  const resolved = resolveConstExpression(direct, scope);
  if (resolved === undefined) return undefined;
  const value = unwrapExpression(resolved.node);
  return value.type === AST_NODE_TYPES.ObjectExpression ? { node: value, scope: resolved.scope } : undefined;
}

/** The key a property defines, `undefined` when it is computed at runtime. */
function propertyKeyName(property: TSESTree.Property, scope: ConstLookup): string | undefined {
  if (property.computed) return resolveStaticString(property.key, scope);
  if (property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal) return String(property.key.value);
  return undefined;
}

function isUndefined(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  return (
    (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') ||
    (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === 'void')
  );
}

function readOptionAt(object: ObjectSource, key: string, depth: number): OptionRead {
  const { properties } = object.node;
  for (let index = properties.length - 1; index >= 0; index--) {
    const property = properties[index];
    if (property === undefined) continue;
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      const spread = depth < MAX_SPREAD_DEPTH ? resolveObjectLiteral(property.argument, object.scope) : undefined;
      if (spread === undefined) return { kind: 'unknown', node: property, reason: 'its options are spread from another object' };
      const inner = readOptionAt(spread, key, depth + 1);
      if (inner.kind !== 'absent') return inner;
      continue;
    }
    const name = propertyKeyName(property, object.scope);
    if (name === undefined) return { kind: 'unknown', node: property, reason: 'its options have a computed key' };
    if (name !== key) continue;
    if (property.kind !== 'init') return { kind: 'unknown', node: property, reason: `its ${key} option is a getter or setter` };
    // Later keys win, and merge skips `undefined`: an explicit undefined leaves the default.
    if (isUndefined(property.value)) return ABSENT;
    return { kind: 'value', node: property.value, scope: object.scope };
  }
  return ABSENT;
}

/** What `object[key]` is, reading the last definition first as the runtime does. */
export function readOption(object: ObjectSource, key: string): OptionRead {
  return readOptionAt(object, key, 0);
}

/**
 * Whether a value is truthy, when that is static (`true`, `1`, `'x'`, `null`, `!0`, a const
 * holding one). Sequelize tests its flags for truthiness (`options.freezeTableName ? ...`).
 */
export function staticTruthiness(node: TSESTree.Node, scope: ConstLookup): boolean | undefined {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') return false;
  if (value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.MemberExpression) {
    const resolved = resolveConstExpression(value, scope);
    return resolved === undefined ? undefined : truthinessOfValue(unwrapExpression(resolved.node), resolved.scope);
  }
  return truthinessOfValue(value, scope);
}

function truthinessOfValue(value: TSESTree.Node, scope: ConstLookup): boolean | undefined {
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
      // A regular expression literal is an object (its `value` is null where unsupported).
      return 'regex' in value ? true : Boolean(value.value);
    case AST_NODE_TYPES.TemplateLiteral: {
      const text = resolveStaticString(value, scope);
      if (text === undefined) return undefined;
      // A runtime part may be empty, so only static text decides.
      return text.replaceAll(INTERPOLATION_MARK, '') !== '' ? true : undefined;
    }
    case AST_NODE_TYPES.UnaryExpression: {
      if (value.operator === 'void') return false;
      if (value.operator !== '!') return undefined;
      const inner = staticTruthiness(value.argument, scope);
      return inner === undefined ? undefined : !inner;
    }
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
      return true;
    default:
      return undefined;
  }
}
