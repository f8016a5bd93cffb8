import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { INTERPOLATION_MARK } from '../sql/scanSqlDdl.js';
import { createScopeLookup, resolveConstExpression, resolveStaticString, unwrapExpression, type ConstLookup, type ScopeEntry } from './staticString.js';

/** A value known without running code: a string, or an object of them (`TABLES.users`). */
export type StaticValue = string | { readonly [key: string]: StaticValue };

/** Bounds for values read from other modules: deep or huge objects are not table names. */
const MAX_DEPTH = 6;
const MAX_KEYS = 2_000;

// Synthetic nodes are read for their value only; they carry a neutral location.
const NOWHERE: TSESTree.SourceLocation = { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } };

function syntheticLiteral(value: string): TSESTree.Expression {
  return { type: AST_NODE_TYPES.Literal, value, raw: JSON.stringify(value), loc: NOWHERE, range: [0, 0] } as TSESTree.StringLiteral;
}

/** An expression node standing for `value`, so the ordinary static resolver can read it. */
export function staticValueToNode(value: StaticValue): TSESTree.Expression {
  if (typeof value === 'string') return syntheticLiteral(value);
  const properties = Object.entries(value).map(
    ([key, entry]) =>
      ({
        type: AST_NODE_TYPES.Property,
        key: { type: AST_NODE_TYPES.Identifier, name: key, loc: NOWHERE, range: [0, 0] },
        value: staticValueToNode(entry),
        computed: false,
        method: false,
        shorthand: false,
        kind: 'init',
        optional: false,
        loc: NOWHERE,
        range: [0, 0],
      }) as unknown as TSESTree.Property,
  );
  return { type: AST_NODE_TYPES.ObjectExpression, properties, loc: NOWHERE, range: [0, 0] } as unknown as TSESTree.ObjectExpression;
}

/** A lookup answering names from `values` (then `outer`), for use as a module's outer scope. */
export function createValueLookup(valueOf: (name: string) => StaticValue | undefined, outer?: ConstLookup): ConstLookup {
  const nodes = new Map<string, ScopeEntry | undefined>();
  const entries: ReadonlyMap<string, ScopeEntry> = {
    get(name: string): ScopeEntry | undefined {
      if (!nodes.has(name)) {
        const value = valueOf(name);
        nodes.set(name, value === undefined ? undefined : { init: staticValueToNode(value), scope: lookup });
      }
      return nodes.get(name);
    },
  } as ReadonlyMap<string, ScopeEntry>;
  const lookup: ConstLookup = createScopeLookup(entries, outer);
  return lookup;
}

/** Turns `{ 'process.env.PREFIX': 'app_', schema: 'billing' }` into values by root name. */
export function nestDottedValues(flat: Readonly<Record<string, string>>): Map<string, StaticValue> {
  const roots = new Map<string, StaticValue>();
  for (const [path, value] of Object.entries(flat)) {
    const [root, ...rest] = path.split('.');
    if (root === undefined || root === '') continue;
    if (rest.length === 0) {
      roots.set(root, value);
      continue;
    }
    const existing = roots.get(root);
    const object: Record<string, StaticValue> = typeof existing === 'object' ? { ...existing } : {};
    let cursor = object;
    rest.forEach((key, index) => {
      if (index === rest.length - 1) {
        cursor[key] = value;
      } else {
        const next = cursor[key];
        const child: Record<string, StaticValue> = typeof next === 'object' ? { ...next } : {};
        cursor[key] = child;
        cursor = child;
      }
    });
    roots.set(root, object);
  }
  return roots;
}

/**
 * The static value of an expression: a string (via the ordinary resolver) or an object literal of
 * them, following consts and spreads. `undefined` when any part would need running code.
 */
export function readStaticValue(node: TSESTree.Node, lookup: ConstLookup, depth = 0, budget = { keys: MAX_KEYS }): StaticValue | undefined {
  const text = resolveStaticString(node, lookup);
  if (text !== undefined) return text.includes(INTERPOLATION_MARK) ? undefined : text;
  if (depth >= MAX_DEPTH) return undefined;
  const resolved = resolveConstExpression(node, lookup);
  const target = unwrapExpression(resolved?.node ?? node);
  const scope = resolved?.scope ?? lookup;
  if (target.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const object: Record<string, StaticValue> = {};
  for (const property of target.properties) {
    if (--budget.keys < 0) return undefined;
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      const spread = readStaticValue(property.argument, scope, depth + 1, budget);
      if (typeof spread !== 'object') return undefined;
      Object.assign(object, spread);
      continue;
    }
    const key = propertyKeyText(property, scope);
    if (key === undefined) return undefined;
    const value = readStaticValue(property.value, scope, depth + 1, budget);
    if (value === undefined) continue; // a non-static member does not spoil the others
    object[key] = value;
  }
  return object;
}

function propertyKeyText(property: TSESTree.Property, scope: ConstLookup): string | undefined {
  if (property.computed) return resolveStaticString(property.key, scope);
  if (property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal) return String(property.key.value);
  return undefined;
}
