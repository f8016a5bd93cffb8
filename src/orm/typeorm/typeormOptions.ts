import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { resolveConstExpression, resolveStaticString, unwrapExpression, type ConstLookup } from '../../ast/staticString.js';
import type { DetectionContext } from '../../entities/detectionContext.js';
import { INTERPOLATION_MARK } from '../../sql/scanSqlDdl.js';

/**
 * An options object literal (`@Entity({ ... })`, `new EntitySchema({ ... })`) with the way to read
 * its values: the linted module's own objects are read through `context.readString` (which may use
 * type information), objects reached through imported constants in their own scope.
 */
export interface OptionsObject {
  readonly object: TSESTree.ObjectExpression;
  readonly scope: ConstLookup;
  readonly readString: (node: TSESTree.Node) => string | undefined;
  /** Whether the object is written in the linted module (its nodes' locations are that file's). */
  readonly local: boolean;
}

/**
 * The value of one option: `found` with its node (and text, when static), or not found, `unknown`
 * when a spread or computed key that cannot be read may set it.
 */
export type OptionValue =
  | { readonly found: false; readonly unknown: boolean }
  | { readonly found: true; readonly value: string | undefined; readonly node: TSESTree.Node; readonly local: boolean };

/** Spreads of spreads of ...: deeper nesting, or more spreads in all, are treated as unknown. */
const MAX_SPREAD_DEPTH = 16;
const MAX_SPREADS = 256;

const NOT_FOUND: OptionValue = { found: false, unknown: false };
const UNKNOWN: OptionValue = { found: false, unknown: true };

function readerFor(scope: ConstLookup, context: DetectionContext): (node: TSESTree.Node) => string | undefined {
  if (scope === context.lookup) return (node) => context.readString(node);
  return (node) => {
    const text = resolveStaticString(node, scope);
    return text === undefined || text.includes(INTERPOLATION_MARK) ? undefined : text;
  };
}

/** An options object literal, also through a `const OPTIONS = { ... }` (same file or imported). */
export function resolveOptionsObject(node: TSESTree.Node, context: DetectionContext, scope: ConstLookup = context.lookup): OptionsObject | undefined {
  const unwrapped = unwrapExpression(node);
  if (unwrapped.type === AST_NODE_TYPES.ObjectExpression) return optionsObject(unwrapped, scope, context);
  const resolved = resolveConstExpression(unwrapped, scope);
  if (resolved === undefined) return undefined;
  const target = unwrapExpression(resolved.node);
  if (target.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  return optionsObject(target, resolved.scope, context);
}

function optionsObject(object: TSESTree.ObjectExpression, scope: ConstLookup, context: DetectionContext): OptionsObject {
  return { object, scope, readString: readerFor(scope, context), local: scope === context.lookup };
}

/** A property's key: `undefined` for a computed key that cannot be read statically. */
function propertyKey(property: TSESTree.Property, options: OptionsObject): string | undefined {
  if (property.computed) return options.readString(property.key);
  if (property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal) return String(property.key.value);
  return undefined;
}

/** `undefined` written out: the same as leaving an option (or argument) off. */
export function isUndefinedLiteral(node: TSESTree.Node): boolean {
  const unwrapped = unwrapExpression(node);
  return unwrapped.type === AST_NODE_TYPES.Identifier && unwrapped.name === 'undefined';
}

/** `...null` and `...undefined` set nothing. */
function isEmptySpread(node: TSESTree.Node): boolean {
  const unwrapped = unwrapExpression(node);
  return (unwrapped.type === AST_NODE_TYPES.Literal && unwrapped.value === null) || isUndefinedLiteral(unwrapped);
}

interface SpreadBudget {
  spreadsLeft: number;
}

function readOptionAt(options: OptionsObject, key: string, context: DetectionContext, depth: number, budget: SpreadBudget): OptionValue {
  const properties = options.object.properties;
  // Later keys win, as at runtime: read from the end.
  for (let index = properties.length - 1; index >= 0; index--) {
    const property = properties[index];
    if (property === undefined) continue;
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      if (isEmptySpread(property.argument)) continue;
      // A spread of a known object is read like its literal; any other spread may set the key.
      const affordable = depth < MAX_SPREAD_DEPTH && --budget.spreadsLeft >= 0;
      const spread = affordable ? resolveOptionsObject(property.argument, context, options.scope) : undefined;
      if (spread === undefined) return UNKNOWN;
      const inner = readOptionAt(spread, key, context, depth + 1, budget);
      if (inner.found || inner.unknown) return inner;
      continue;
    }
    const name = propertyKey(property, options);
    if (name === undefined) return UNKNOWN;
    if (name !== key) continue;
    // A getter or method is code: its value is not read.
    const value = property.kind === 'init' && !property.method ? options.readString(property.value) : undefined;
    return { found: true, value, node: property.value, local: options.local };
  }
  return NOT_FOUND;
}

/**
 * The value of `key` in an options object: the last definition wins, spreads of known objects
 * are followed, `key: undefined` counts as absent (TypeORM reads `options.key ?? default`).
 */
export function readOption(options: OptionsObject, key: string, context: DetectionContext): OptionValue {
  const option = readOptionAt(options, key, context, 0, { spreadsLeft: MAX_SPREADS });
  return option.found && isUndefinedLiteral(option.node) ? NOT_FOUND : option;
}

/** A text option: its text, `undefined` when absent, `null` when it cannot be read. */
export function readTextOption(options: OptionsObject | undefined, key: string, context: DetectionContext): string | undefined | null {
  if (options === undefined) return undefined;
  const option = readOption(options, key, context);
  if (!option.found) return option.unknown ? null : undefined;
  return option.value ?? null;
}
