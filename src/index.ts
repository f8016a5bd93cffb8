import type { TSESLint } from '@typescript-eslint/utils';
import type { ESLint, Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import entityHasMigration from '../rules/entity-has-migration.js';
import entityLocation from '../rules/entity-location.js';
import entityRegistered from '../rules/entity-registered.js';
import noDropMappedTable from '../rules/no-drop-mapped-table.js';
import noOrphanTable from '../rules/no-orphan-table.js';
import uniqueTableName from '../rules/unique-table-name.js';
import { PLUGIN_NAME, PLUGIN_NAMESPACE, PLUGIN_VERSION } from './pluginMeta.js';
import { resetDirectoryWatch } from './project/directoryWatch.js';
import { clearProjectIndexes } from './project/projectIndex.js';
import { clearRootDirCache } from './settings/resolveRootDir.js';

export const rules = {
  'entity-has-migration': entityHasMigration,
  'entity-location': entityLocation,
  'entity-registered': entityRegistered,
  'no-drop-mapped-table': noDropMappedTable,
  'no-orphan-table': noOrphanTable,
  'unique-table-name': uniqueTableName,
} satisfies Record<string, TSESLint.RuleModule<string, readonly unknown[]>>;

type RuleName = keyof typeof rules;

/** Files the recommended config lints: where entities and migrations are written. */
const SOURCE_FILES = ['**/*.{ts,mts,cts,tsx,js,mjs,cjs,jsx}'];

interface OrmGuardPlugin {
  meta: { name: string; version: string; namespace: string };
  rules: typeof rules;
  configs: { recommended: Linter.Config; strict: Linter.Config };
}

const plugin: OrmGuardPlugin = {
  meta: { name: PLUGIN_NAME, version: PLUGIN_VERSION, namespace: PLUGIN_NAMESPACE },
  rules,
  configs: { recommended: {}, strict: {} },
};

function rulesAsErrors(names: readonly RuleName[]): Linter.RulesRecord {
  return Object.fromEntries(names.map((name) => [`${PLUGIN_NAMESPACE}/${name}`, 'error' as const]));
}

const allRuleNames = Object.keys(rules) as RuleName[];

/**
 * A flat config that works alone: it registers the plugin and sets the TypeScript parser (next to
 * typescript-eslint's configs it sets the same parser, so the two combine in any order).
 */
function flatConfig(name: string, ruleNames: readonly RuleName[]): Linter.Config {
  return {
    name: `${PLUGIN_NAMESPACE}/${name}`,
    files: SOURCE_FILES,
    // typescript-eslint's rule and parser types differ from ESLint's own only in strictness.
    plugins: { [PLUGIN_NAMESPACE]: plugin as unknown as ESLint.Plugin },
    languageOptions: { parser: tsParser },
    rules: rulesAsErrors(ruleNames),
  };
}

/** The rules marked recommended: few false reports on any project. */
plugin.configs.recommended = flatConfig('recommended', allRuleNames.filter((name) => rules[name].meta.docs?.recommended === true));
/** Every rule, including those some projects disagree with (unmapped tables kept on purpose). */
plugin.configs.strict = flatConfig('strict', allRuleNames);

export { cacheFingerprint } from './cacheFingerprint.js';

/** Forgets every cached project index (tools that embed ESLint and tests). */
export function clearCaches(): void {
  clearProjectIndexes();
  clearRootDirCache();
  resetDirectoryWatch();
}

export default plugin;

// `require('eslint-plugin-orm-guard')` (eslint.config.cjs, tools that load plugins with require)
// returns the plugin itself rather than the module namespace.
export { plugin as 'module.exports' };
