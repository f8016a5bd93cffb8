/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
  ],
  ruleDocSectionInclude: ['Rule details', 'Options', 'Cross-file behaviour'],
  ruleListColumns: ['name', 'description', 'configsError', 'type'],
  urlConfigs: 'https://github.com/orm-guard/eslint-plugin-orm-guard#configs',
};

export default config;
