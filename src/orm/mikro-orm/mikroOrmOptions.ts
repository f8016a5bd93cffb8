import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { resolveConstExpression, unwrapExpression, type ConstLookup } from '../../ast/staticString.js';

/**
 * What an options object says about one key: absent, present (the last `key:` wins, as at
 * runtime), or unknown because a spread after the last explicit key may set it.
 */
export type OptionSlot =
  | { readonly kind: 'absent' }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'present'; readonly node: TSESTree.Node };

const ABSENT: OptionSlot = { kind: 'absent' };
const UNKNOWN: OptionSlot = { kind: 'unknown' };

/** The options of an `@Entity(...)`, `new EntitySchema(...)` or `defineEntity(...)`. */
export interface EntityOptions {
  /** The slot of the last of several alias keys (`tableName` and `collection` overwrite each other). */
  slot(...keys: readonly string[]): OptionSlot;
  /** `true`/`false` for a literal boolean, `undefined` when absent, `'unknown'` otherwise. */
  flag(key: string): boolean | 'unknown' | undefined;
}

/** No options at all: `@Entity()`. */
export const NO_OPTIONS: EntityOptions = { slot: () => ABSENT, flag: () => undefined };

function propertyName(property: TSESTree.Property): string | undefined {
  if (property.computed) return undefined;
  if (property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === 'string') return property.key.value;
  return undefined;
}

/** An object literal, also through a same-file `const OPTIONS = { ... }`. */
export function resolveObjectLiteral(node: TSESTree.Node, lookup: ConstLookup): TSESTree.ObjectExpression | undefined {
  const direct = unwrapExpression(node);
  if (direct.type === AST_NODE_TYPES.ObjectExpression) return direct;
  const resolved = resolveConstExpression(direct, lookup);
  const target = resolved === undefined ? undefined : unwrapExpression(resolved.node);
  return target?.type === AST_NODE_TYPES.ObjectExpression ? target : undefined;
}

export function readEntityOptions(object: TSESTree.ObjectExpression): EntityOptions {
  const slot = (...keys: readonly string[]): OptionSlot => {
    let result = ABSENT;
    for (const property of object.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        // A spread may or may not set the key: only a later explicit key is certain.
        result = UNKNOWN;
        continue;
      }
      const name = propertyName(property);
      if (name !== undefined && keys.includes(name)) result = { kind: 'present', node: property.value };
    }
    return result;
  };
  const flag = (key: string): boolean | 'unknown' | undefined => {
    const found = slot(key);
    if (found.kind === 'absent') return undefined;
    if (found.kind === 'unknown') return 'unknown';
    const value = unwrapExpression(found.node);
    return value.type === AST_NODE_TYPES.Literal && typeof value.value === 'boolean' ? value.value : 'unknown';
  };
  return { slot, flag };
}

/** Whether a key is set to something other than a literal `undefined`/`false`/`null`. */
export function isSet(options: EntityOptions, ...keys: readonly string[]): boolean | 'unknown' {
  const found = options.slot(...keys);
  if (found.kind !== 'present') return found.kind === 'absent' ? false : 'unknown';
  const value = unwrapExpression(found.node);
  if (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') return false;
  return !(value.type === AST_NODE_TYPES.Literal && (value.value === false || value.value === null));
}
