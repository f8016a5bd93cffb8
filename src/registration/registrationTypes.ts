import type { OrmName } from '../settings/settingsShape.js';

/** One ORM configuration that loads entities: what it loads, and where it is written. */
export interface RegistrationConfig {
  /** Root-relative file of the configuration (data-source.ts, app.module.ts, mikro-orm.config.ts...). */
  readonly file: string;
  readonly line: number;
  readonly orm: OrmName;
  /** For messages: `new DataSource({ entities })`, `TypeOrmModule.forRoot`, `defineConfig`, `new Sequelize({ models })`. */
  readonly description: string;
  /** Root-relative globs the ORM loads entity files from. */
  readonly globs: readonly string[];
  /** Classes listed by reference: the file declaring each and its name there. */
  readonly classes: readonly RegisteredClass[];
  /**
   * Entries that could not be read statically (a spread of a function result, a variable from a package...).
   * While there are any, an entity the readable entries miss may still be registered: the rule stays silent.
   */
  readonly unreadableEntries: readonly string[];
  /**
   * Root-relative globs of files the ORM skips even when `globs` match them (MikroORM's folder
   * discovery skips `index.*` modules and declaration files).
   */
  readonly skippedGlobs?: readonly string[] | undefined;
  /**
   * Set when the config auto-loads the entities of every `forFeature([...])` of this NestJS module
   * (`TypeOrmModule`, `MikroOrmModule`, `SequelizeModule`): those are part of `classes`/`globs`.
   */
  readonly autoLoadsFeaturesOf?: string | undefined;
}

/** A class registered by reference. */
export interface RegisteredClass {
  readonly file: string;
  readonly name: string;
  /**
   * How it is registered when not listed in the config itself: `TypeOrmModule.forFeature at
   * src/users/users.module.ts:8`, or `relation from src/models/Book.ts` (MikroORM discovers the
   * targets of registered entities' relations).
   */
  readonly via?: string | undefined;
}

export interface Registrations {
  readonly configs: readonly RegistrationConfig[];
  /** Human sentences for debug output: what was read, what was skipped and why. */
  readonly notes: readonly string[];
}
