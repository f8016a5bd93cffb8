import { createRule } from '../src/createRule.js';
import { debugLog } from '../src/project/debugLog.js';
import { projectFileOrReport } from '../src/project/lintedFile.js';
import { checkRegistration, describeRegistration, type RegistrationCheck } from '../src/registration/checkRegistration.js';
import { describeLoads, describeRemedy, ormDisplayName } from '../src/registration/describeRegistrations.js';
import { namesRegisteredInFile } from '../src/registration/selfRegistration.js';

type Options = [{ ignore: string[] }];
type MessageIds = 'entityNotRegistered' | 'invalidSettings';

export default createRule<Options, MessageIds>({
  name: 'entity-registered',
  meta: {
    type: 'problem',
    docs: {
      description: "Require every entity to be registered with its ORM's configuration",
      recommended: true,
    },
    messages: {
      entityNotRegistered:
        "Entity '{{entity}}' is not registered with {{orm}}: {{loads}}. {{orm}} will never load it, so using it fails at run time. {{remedy}}.",
      // eslint-disable-next-line eslint-plugin/no-unused-message-ids -- reported by projectFileOrReport
      invalidSettings: 'orm-guard cannot check this entity because its settings are invalid: {{message}}',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ignore: {
            type: 'array',
            items: { type: 'string' },
            description: 'Entity class names not to check, e.g. entities registered by code the rule cannot read.',
          },
        },
      },
    ],
    defaultOptions: [{ ignore: [] }],
  },
  create(context, [{ ignore }]) {
    return {
      Program() {
        const file = projectFileOrReport(context);
        if (file === undefined) return;
        // Tables, views and single-table-inheritance children all load only through the config.
        const entities = file.entities.filter((entity) => !ignore.includes(entity.name));
        if (entities.length === 0) return;
        const selfRegistered = namesRegisteredInFile(context.sourceCode.ast, context.sourceCode.text);
        const registrations = file.index.registrations();
        for (const entity of entities) {
          const check = checkRegistration(registrations, { orm: entity.orm, name: entity.name, file: file.relativePath });
          const registeredHere = check.status === 'unregistered' && selfRegistered.has(entity.name);
          if (file.index.options.debug) debugLog(`entity-registered ${entity.name} (${file.relativePath}): ${registeredHere ? 'registered in this file' : describeCheck(check, entity.name, file.relativePath)}`);
          if (check.status !== 'unregistered' || registeredHere) continue;
          const orm = ormDisplayName(entity.orm);
          context.report({
            loc: entity.loc,
            messageId: 'entityNotRegistered',
            data: {
              entity: entity.name,
              orm,
              loads: describeLoads(check.configs, { name: entity.name, file: file.relativePath }),
              remedy: describeRemedy(check.configs, entity.name, file.relativePath),
            },
          });
        }
      },
    };
  },
});

function describeCheck(check: RegistrationCheck, name: string, file: string): string {
  switch (check.status) {
    case 'registered':
      return `registered (${check.configs.map((config) => describeRegistration(config, { name, file })).join('; ')})`;
    case 'unregistered':
      return 'not registered';
    default:
      return `${check.status} (${check.reason})`;
  }
}
