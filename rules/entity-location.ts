import path from 'node:path';
import { createRule } from '../src/createRule.js';
import { createGlobMatcher, globsThatCouldHold } from '../src/project/globMatcher.js';
import { projectFileOrReport } from '../src/project/lintedFile.js';

type Options = [{ allow: string[] }];
type MessageIds = 'entityOutsideModels' | 'invalidSettings';

export default createRule<Options, MessageIds>({
  name: 'entity-location',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require entity and model declarations to live in the canonical models location',
      recommended: true,
    },
    messages: {
      entityOutsideModels:
        "Entity '{{entity}}' is declared in {{file}}, outside the models location ({{models}}). Code that loads models from there (the ORM config, a model registry) will not see it: move it into {{destination}}, or add this location to settings['orm-guard'].models.",
      // eslint-disable-next-line eslint-plugin/no-unused-message-ids -- reported by projectFileOrReport
      invalidSettings: 'orm-guard cannot check this entity because its settings are invalid: {{message}}',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allow: {
            type: 'array',
            items: { type: 'string' },
            description: 'Extra globs (relative to the project root) where entities may also be declared, e.g. test fixtures.',
          },
        },
      },
    ],
    defaultOptions: [{ allow: [] }],
  },
  create(context, [{ allow }]) {
    return {
      Program() {
        const file = projectFileOrReport(context);
        if (file === undefined) return;
        const { models } = file.scope;
        // Without a models location there is nothing to compare against.
        if (models.length === 0 || file.entities.length === 0) return;
        if (createGlobMatcher(models).matches(file.relativePath) || createGlobMatcher(allow).matches(file.relativePath)) return;
        const destination = globsThatCouldHold(models, path.posix.basename(file.relativePath)).join(', ');
        for (const entity of file.entities) {
          context.report({
            loc: entity.loc,
            messageId: 'entityOutsideModels',
            data: { entity: entity.name, file: file.relativePath, models: models.join(', '), destination },
          });
        }
      },
    };
  },
});
