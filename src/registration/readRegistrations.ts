import type { TSESTree } from '@typescript-eslint/utils';
import type { OrmName } from '../settings/settingsShape.js';
import { InferenceContext } from '../zeroConfig/inferenceContext.js';
import { ormsFromDependencies, readPackageFacts } from '../zeroConfig/packageJson.js';
import type { ProjectFileReader } from '../zeroConfig/projectFiles.js';
import { readMikroOrmRegistrations } from './mikroOrmRegistrations.js';
import { scanNestModules } from './nestFeatures.js';
import type { RegistrationRun } from './registrationRun.js';
import type { RegistrationConfig, Registrations } from './registrationTypes.js';
import { readSequelizeTypescriptRegistrations } from './sequelizeTypescriptRegistrations.js';
import { readTypeormRegistrations } from './typeormRegistrations.js';

export type { RegisteredClass, RegistrationConfig, Registrations } from './registrationTypes.js';

/**
 * Registration follows imports into entity files and barrels, and (MikroORM) relations between
 * entities: more modules than config inference needs.
 */
const MAX_PARSED_MODULES = 1_000;

type RegistrationReader = (run: RegistrationRun) => void;

const READERS: readonly { readonly orm: OrmName; readonly read: RegistrationReader }[] = [
  { orm: 'typeorm', read: readTypeormRegistrations },
  { orm: 'mikro-orm', read: readMikroOrmRegistrations },
  { orm: 'sequelize-typescript', read: readSequelizeTypescriptRegistrations },
];

/**
 * Every ORM configuration of the project (root = `reader`'s root) that registers entities, read
 * statically: TypeORM data sources, ormconfig and `TypeOrmModule.forRoot` (with auto-loaded
 * `forFeature` lists), MikroORM configs, sequelize-typescript `models`/`addModels`. Never throws:
 * what cannot be read is an unreadable entry (its ORM is then not judged) or a note.
 */
export function readRegistrations(reader: ProjectFileReader): Registrations {
  const context = new InferenceContext(reader, { maxParsedModules: MAX_PARSED_MODULES });
  const configs: RegistrationConfig[] = [];
  try {
    const packageFacts = readPackageFacts(context);
    const run: RegistrationRun = {
      context,
      packageFacts,
      listed: ormsFromDependencies(packageFacts),
      nest: scanNestModules(context, packageFacts.dependencies),
      configs,
      seen: new Set<TSESTree.Node>(),
    };
    for (const { orm, read } of READERS) {
      const before = configs.length;
      try {
        read(run);
      } catch (error) {
        // A reader bug must silence its ORM only: an unreadable config makes the rule stay quiet for it.
        configs.splice(before);
        configs.push(failedConfig(orm, error));
      }
    }
  } catch (error) {
    context.note(`Reading the ORM configurations failed unexpectedly (${describeError(error)}).`);
  }
  for (const config of configs) context.note(describeConfig(config));
  return { configs, notes: [...context.notes] };
}

function failedConfig(orm: OrmName, error: unknown): RegistrationConfig {
  return {
    file: 'package.json',
    line: 1,
    orm,
    description: `${orm} configuration`,
    globs: [],
    classes: [],
    unreadableEntries: [`reading the ${orm} configuration failed unexpectedly (${describeError(error)})`],
  };
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One line per config for debug output. */
function describeConfig(config: RegistrationConfig): string {
  const parts = [
    config.globs.length > 0 ? `globs ${config.globs.join(', ')}` : undefined,
    config.classes.length > 0 ? `classes ${config.classes.map((entry) => `${entry.name} (${entry.file}${entry.via === undefined ? '' : `, ${entry.via}`})`).join(', ')}` : undefined,
    config.unreadableEntries.length > 0 ? `not read: ${config.unreadableEntries.join(' ')}` : undefined,
  ].filter((part) => part !== undefined);
  return `${config.orm} registration at ${config.file}:${config.line} (${config.description}): ${parts.join('; ') || 'nothing'}.`;
}
