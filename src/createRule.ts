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
  const mergedByOptions = new Map<string, Readonly<Options>>();
  return {
    ...named,
    create(context) {
      const key = JSON.stringify(context.options);
      let options = mergedByOptions.get(key);
      if (options === undefined) {
        options = ESLintUtils.applyDefault(defaults, context.options);
        mergedByOptions.set(key, options);
      }
      return rule.create(context, options);
    },
  };
}
