import { ESLintUtils } from '@typescript-eslint/utils';
import { REPOSITORY_URL } from './pluginMeta.js';

export interface OrmGuardRuleDocs {
  readonly recommended?: boolean;
}

export const createRule = ESLintUtils.RuleCreator<OrmGuardRuleDocs>(
  (name) => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`,
);
