import { createGlobMatcher } from '../project/globMatcher.js';
import type { OrmName } from '../settings/settingsShape.js';
import type { RegisteredClass, RegistrationConfig, Registrations } from './registrationTypes.js';

/** An entity as the registration check sees it. */
export interface EntityToCheck {
  readonly orm: OrmName;
  /** Its class name (what a config lists it by). */
  readonly name: string;
  /** Root-relative (the root registrations were read from). */
  readonly file: string;
}

export type RegistrationCheck =
  /** Some config of its ORM loads it: `configs` are those that do. */
  | { readonly status: 'registered'; readonly configs: readonly RegistrationConfig[] }
  /** Its ORM registers models itself, or no config of its ORM was found: nothing to judge. */
  | { readonly status: 'not-applicable'; readonly reason: string }
  /** No readable entry loads it, but some entries could not be read: they may. */
  | { readonly status: 'unknown'; readonly configs: readonly RegistrationConfig[]; readonly reason: string }
  /** Every config of its ORM was read in full and none loads it: `configs` are all of them. */
  | { readonly status: 'unregistered'; readonly configs: readonly RegistrationConfig[] };

/** ORMs whose entities load only if a configuration lists them (by class, path or glob). */
const REGISTERING_ORMS: ReadonlySet<OrmName> = new Set(['typeorm', 'mikro-orm', 'sequelize-typescript']);

const SELF_REGISTERING: Partial<Record<OrmName, string>> = {
  sequelize: 'Sequelize models register themselves with Model.init or sequelize.define',
  drizzle: 'Drizzle tables are plain values used where they are imported',
  objection: 'Objection models are plain classes bound to a knex instance',
  knex: 'Knex has no entities',
  prisma: 'Prisma models are generated from schema.prisma',
};

/** Whether the ORM configurations register `entity`, and with which configs. */
export function checkRegistration(registrations: Registrations, entity: EntityToCheck): RegistrationCheck {
  if (!REGISTERING_ORMS.has(entity.orm)) {
    return { status: 'not-applicable', reason: SELF_REGISTERING[entity.orm] ?? `${entity.orm} entities are not registered through a configuration` };
  }
  const configs = registrations.configs.filter((config) => config.orm === entity.orm);
  if (configs.length === 0) return { status: 'not-applicable', reason: `no ${entity.orm} configuration that registers entities was found` };
  const registering = configs.filter((config) => registersEntity(config, entity));
  if (registering.length > 0) return { status: 'registered', configs: registering };
  const unreadable = configs.filter((config) => config.unreadableEntries.length > 0);
  if (unreadable.length > 0) {
    return { status: 'unknown', configs: unreadable, reason: unreadable.flatMap((config) => config.unreadableEntries).join(' ') };
  }
  return { status: 'unregistered', configs };
}

/** Whether one config loads the entity: a glob matches its file (and the ORM does not skip it), or it lists the class. */
export function registersEntity(config: RegistrationConfig, entity: Pick<EntityToCheck, 'name' | 'file'>): boolean {
  if (config.classes.some((entry) => entry.file === entity.file && entry.name === entity.name)) return true;
  return createGlobMatcher(config.globs).matches(entity.file) && !createGlobMatcher(config.skippedGlobs ?? []).matches(entity.file);
}

/** How a registered entity is registered, for debug output: `listed at src/data-source.ts:12`... */
export function describeRegistration(config: RegistrationConfig, entity: Pick<EntityToCheck, 'name' | 'file'>): string {
  const listed: RegisteredClass | undefined = config.classes.find((entry) => entry.file === entity.file && entry.name === entity.name);
  const where = `${config.file}:${config.line} (${config.description})`;
  if (listed === undefined) return `matched by a glob of ${where}`;
  return listed.via === undefined ? `listed by ${where}` : `registered with ${where} through ${listed.via}`;
}
