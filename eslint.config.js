// @ts-check
import js from '@eslint/js';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    name: 'repo/ignores',
    // Examples and fixtures are linted by the plugin itself (demo, tests), not as repository code.
    ignores: ['dist/**', 'examples/**', 'tests/fixtures/**', 'bench/.generated/**', 'tests/.tmp/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    name: 'repo/typescript',
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs', 'examples/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    name: 'repo/rules',
    files: ['rules/**/*.ts'],
    ...eslintPlugin.configs.recommended,
    rules: {
      ...eslintPlugin.configs.recommended.rules,
      'eslint-plugin/require-meta-schema-description': 'error',
      'eslint-plugin/require-meta-default-options': 'error',
      'eslint-plugin/require-meta-docs-url': 'off', // RuleCreator adds the URL
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Enforce|Require|Disallow)' }],
      'eslint-plugin/require-meta-docs-recommended': 'error',
      'eslint-plugin/require-meta-type': 'error',
      'eslint-plugin/no-meta-schema-default': 'error',
    },
  },
  {
    name: 'repo/rule-tests',
    files: ['tests/rules/**/*.ts'],
    ...eslintPlugin.configs['tests-recommended'],
    rules: {
      ...eslintPlugin.configs['tests-recommended'].rules,
      'eslint-plugin/require-test-case-name': 'error',
      'eslint-plugin/require-test-error-positions': 'error',
      'eslint-plugin/unique-test-case-names': 'error',
    },
  },
  {
    name: 'repo/javascript',
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
);
