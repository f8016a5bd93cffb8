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
  // ESLint hands a rule configured as a plain severity the same array every time (its
  // meta.defaultOptions), and a fresh array per file when options are written.
  const mergedByArray = new WeakMap<readonly unknown[], Readonly<Options>>();
  const mergedByValue = new Map<string, Readonly<Options>>();
  return {
    ...named,
    create(context) {
      let options = mergedByArray.get(context.options);
      if (options === undefined) {
        const key = JSON.stringify(context.options);
        options = mergedByValue.get(key);
        if (options === undefined) {
          options = ESLintUtils.applyDefault(defaults, context.options);
          mergedByValue.set(key, options);
        }
        mergedByArray.set(context.options, options);
      }
      return rule.create(context, options);
    },
  };
}
