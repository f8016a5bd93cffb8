import type { OrmName } from '../settings/settingsShape.js';
import type { RegisteredClass, RegistrationConfig } from './registrationTypes.js';

const ORM_NAMES: Partial<Record<OrmName, string>> = { typeorm: 'TypeORM', 'mikro-orm': 'MikroORM', 'sequelize-typescript': 'sequelize-typescript' };

/** How messages name an ORM. */
export function ormDisplayName(orm: OrmName): string {
  return ORM_NAMES[orm] ?? orm;
}

/** Long lists are cut: the message must stay readable; the debug output has them all. */
const MAX_NAMES = 6;
const MAX_GLOBS = 3;
const COMPILED = /^(?:dist|build|out|lib)\//u;

/** `A`, `A and B`, `A, B and C`, `A, B, … and 4 more`. */
export function listNames(names: readonly string[], max = MAX_NAMES): string {
  if (names.length === 0) return 'nothing';
  const shown = names.length > max ? [...names.slice(0, max - 1), `${names.length - max + 1} more`] : [...names];
  const last = shown.pop() ?? '';
  return shown.length === 0 ? last : `${shown.join(', ')} and ${last}`;
}

/** `src/data-source.ts:14 (new DataSource({ entities }))`. */
export function configLabel(config: RegistrationConfig): string {
  return `${config.file}:${config.line} (${config.description})`;
}

/**
 * What the configs of an ORM load, said so that the missing entity stands out: `src/data-source.ts:14
 * (new DataSource({ entities })) lists only User and Post`; `... loads only src/models/*.ts, which does
 * not match src/billing/Credit.ts`. Several configs are separated by `; `.
 */
export function describeLoads(configs: readonly RegistrationConfig[], entity: { readonly name: string; readonly file: string }): string {
  return configs.map((config) => `${configLabel(config)} ${describeOne(config, entity)}`).join('; ');
}

function describeOne(config: RegistrationConfig, { name, file }: { readonly name: string; readonly file: string }): string {
  // A listed class of the same name is another class: say which, or the message reads as a contradiction.
  const label = (entry: RegisteredClass): string => (entry.name === name ? `${entry.name} (the one in ${entry.file})` : entry.name);
  const own = config.classes.filter((entry) => entry.via === undefined).map(label);
  const featured = config.classes.filter((entry) => entry.via?.includes('.forFeature') === true).map(label);
  const related = config.classes.filter((entry) => entry.via?.startsWith('relation') === true).map(label);
  const parts: string[] = [];
  if (config.globs.length > 0) parts.push(`loads only ${listNames(config.globs, MAX_GLOBS)}, which ${config.globs.length === 1 ? 'does' : 'do'} not match ${file}`);
  if (own.length > 0) parts.push(`lists only ${listNames(own)}`);
  if (config.autoLoadsFeaturesOf !== undefined) {
    parts.push(featured.length > 0 ? `auto-loads only the ${config.autoLoadsFeaturesOf}.forFeature entities ${listNames(featured)}` : `auto-loads ${config.autoLoadsFeaturesOf}.forFeature entities, and no module lists any`);
  }
  if (related.length > 0) parts.push(`reaches ${listNames(related)} through relations`);
  return parts.length === 0 ? 'lists no entities' : parts.join(', and ');
}

/** What to do, from the first config: add the class where classes are listed, else move the file or widen a glob. */
export function describeRemedy(configs: readonly RegistrationConfig[], entity: string, file: string): string {
  const [config] = configs;
  if (config === undefined) return `Register '${entity}' with its ORM`;
  const at = `${config.file}:${config.line}`;
  if (config.autoLoadsFeaturesOf !== undefined) {
    return `Add '${entity}' to ${config.autoLoadsFeaturesOf}.forFeature([...]) in the module that uses it, or to the entities at ${at}`;
  }
  const listsClasses = config.classes.some((entry) => entry.via === undefined);
  // Point at where sources go, not at build output.
  const glob = config.globs.find((entry) => !COMPILED.test(entry)) ?? config.globs[0];
  if (listsClasses || glob === undefined) return `Add '${entity}' to the list at ${at}`;
  return `Move it to a file that ${glob} matches, or add ${file} to the list at ${at}`;
}
