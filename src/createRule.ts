import { ESLintUtils } from '@typescript-eslint/utils';
import { REPOSITORY_URL } from './pluginMeta.js';

export interface OrmGuardRuleDocs {
  readonly recommended?: boolean;
}

const createNamedRule = ESLintUtils.RuleCreator<OrmGuardRuleDocs>((name) => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`);

/**
 * typescript-eslint's RuleCreator, with the options merged with their defaults once per distinct
 * options value instead of on every linted file: RuleCreator deep-clones the defaults for each
 * `create()`, which for six rules over thousands of files is a visible part of the plugin's cost.
 * Rules never mutate their options, so one merged object can serve every file.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<ESLintUtils.RuleWithMetaAndName<Options, MessageIds, OrmGuardRuleDocs>>,
): ReturnType<typeof createNamedRule<Options, MessageIds>> {
  const named = createNamedRule(rule);
  // As RuleCreator resolves them (the deprecated top-level defaultOptions included).
  const defaults = (rule.meta.defaultOptions ?? rule.defaultOptions ?? []) as Readonly<Options>;
  // ESLint hands each file a fresh options array (its defaults deep-merged with the config): the
  // last value seen is compared structurally (options are small JSON), others looked up by JSON.
  let last: { raw: readonly unknown[]; merged: Readonly<Options> } | undefined;
  const mergedByValue = new Map<string, Readonly<Options>>();
  return {
    ...named,
    create(context) {
      if (last === undefined || !sameJsonValue(last.raw, context.options)) {
        const key = JSON.stringify(context.options);
        let merged = mergedByValue.get(key);
        if (merged === undefined) {
          merged = ESLintUtils.applyDefault(defaults, context.options);
          mergedByValue.set(key, merged);
        }
        last = { raw: context.options, merged };
      }
      return rule.create(context, last.merged);
    },
  };
}

/** Structural equality of two JSON-like values (rule options). */
function sameJsonValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, index) => sameJsonValue(item, b[index]));
  if (Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bRecord = b as Record<string, unknown>;
  return aKeys.length === Object.keys(b).length && aKeys.every((key) => Object.hasOwn(bRecord, key) && sameJsonValue((a as Record<string, unknown>)[key], bRecord[key]));
}
