import type { ConstLookup } from '../ast/staticString.js';
import { createValueLookup, nestDottedValues } from '../ast/staticValue.js';
import type { ScopeConfig } from '../settings/settingsShape.js';

/** Names that read as a table prefix: `tablePrefix`, `TABLE_PREFIX`, `dbPrefix`. */
const PREFIX_NAME = /prefix$/iu;

/**
 * Values the user configured for names a module does not declare: `interpolations` by name or
 * dotted path, and `tablePrefix` for any otherwise unknown name ending in "prefix".
 */
export function createConfiguredValuesLookup(scope: Pick<ScopeConfig, 'tablePrefix' | 'interpolations'>): ConstLookup {
  const byRoot = nestDottedValues(scope.interpolations);
  const { tablePrefix } = scope;
  return createValueLookup((name) => byRoot.get(name) ?? (tablePrefix !== undefined && PREFIX_NAME.test(name) ? tablePrefix : undefined));
}
