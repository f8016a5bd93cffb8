import path from 'node:path';
import { createRule } from '../src/createRule.js';
import { createGlobMatcher, globsThatCouldHold } from '../src/project/globMatcher.js';
import { projectFileOrReport } from '../src/project/lintedFile.js';
import { describeUnmatchedGlobs, modelsKeyPath } from '../src/settings/unmatchedGlobs.js';

type Options = [{ allow: string[] }];
type MessageIds = 'entityOutsideModels' | 'modelsGlobMatchesNothing' | 'invalidSettings';

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
      modelsGlobMatchesNothing:
        "{{warning}}, so entity '{{entity}}' {{consequence}}. Fix the glob (it is relative to the scope's root) or remove it.",
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
        // A configured glob that matches nothing: one settings warning per entity, instead of
        // reporting every entity of the project as outside the models location.
        // The linted file counts as a match even before it is saved to disk.
        const unmatched =
          file.index.config.models === undefined ? [] : file.index.unmatchedGlobs(models).filter((glob) => !createGlobMatcher([glob]).matches(file.relativePath));
        if (unmatched.length > 0) {
          const warning = describeUnmatchedGlobs(modelsKeyPath(file.index.config), unmatched, file.scope.rootDir);
          const consequence = unmatched.length === models.length ? 'was not checked against the models location' : 'was checked only against the other models globs';
          for (const entity of file.entities) {
            context.report({ loc: entity.loc, messageId: 'modelsGlobMatchesNothing', data: { warning, entity: entity.name, consequence } });
          }
          if (unmatched.length === models.length) return;
        }
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
