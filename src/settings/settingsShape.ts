/** The ORMs (and migration tools) this version understands. */
export const SUPPORTED_ORMS = ['typeorm', 'mikro-orm', 'sequelize', 'sequelize-typescript', 'drizzle', 'objection', 'knex', 'prisma'] as const;
export type OrmName = (typeof SUPPORTED_ORMS)[number];

/** What a marker makes of the class it decorates. */
export type MarkerKind = 'entity' | 'view' | 'child';

/**
 * An extra decorator to treat as an ORM entity decorator: an in-house wrapper
 * (`{ package: '@acme/db', name: 'AuditedEntity' }`) or a forked ORM package. Its arguments are read
 * like the `@Entity` (or `@Table`) of the ORM it names, TypeORM by default.
 */
export interface EntityMarker {
  readonly package: string;
  readonly name: string;
  readonly kind: MarkerKind;
  /** The ORM whose decorator it wraps, which decides how its arguments are read. */
  readonly orm: OrmName;
}

/** A named group of migration globs; one per database dialect in repositories that keep several. */
export interface MigrationSetConfig {
  /** `undefined` for the single unnamed set of `migrations: [...]`. */
  readonly name: string | undefined;
  readonly globs: readonly string[];
}

/** How migrations are ordered: by file name (drizzle-kit journals honoured), or by a registry array file. */
export type MigrationOrder = { readonly kind: 'auto' } | { readonly kind: 'registry'; readonly file: string };

/** One scope's configuration as written (globs relative to the scope root), before inference. */
export interface ScopeConfig {
  readonly name: string | undefined;
  /** Where the scope is written in the settings (`settings['orm-guard']` or `…scopes[1]`), for messages. */
  readonly settingsPath: string;
  /** Relative to the project root (or absolute, as configured); '' for the top-level scope. */
  readonly root: string;
  /** Restricts zero-config inference to these ORMs; empty = whatever package.json says. */
  readonly orms: readonly OrmName[];
  /** `undefined` = infer from the ORM's own configuration. */
  readonly models: readonly string[] | undefined;
  /** `undefined` = infer from the ORM's own configuration. */
  readonly migrationSets: readonly MigrationSetConfig[] | undefined;
  readonly ignore: readonly string[];
  readonly markers: readonly EntityMarker[];
  /** Value of `${tablePrefix}`-like interpolations (names ending in "prefix") in migrations and entities. */
  readonly tablePrefix: string | undefined;
  /** Values of other interpolated names or dotted paths: `{ 'process.env.SCHEMA': 'app' }`. */
  readonly interpolations: Readonly<Record<string, string>>;
  /** Sequelize's global `define` options, when they cannot be read from `new Sequelize(...)`. */
  readonly sequelize: { readonly freezeTableName?: boolean | undefined; readonly underscored?: boolean | undefined };
  readonly migrationOrder: MigrationOrder;
}

/** `settings['orm-guard']` after validation, before roots are resolved for a file. */
export interface ValidatedSettings {
  /** As written (absolute, or relative to ESLint's cwd); `undefined` means "infer per file". */
  readonly rootDir: string | undefined;
  /** Milliseconds between revalidations of the project index; `undefined` means "auto". */
  readonly cacheLifetime: number | undefined;
  readonly debug: boolean;
  /** The top-level keys, as the scope for files outside every declared scope. */
  readonly topLevel: ScopeConfig;
  /** Declared scopes, each already merged with the top-level defaults it does not override. */
  readonly scopes: readonly ScopeConfig[];
}

export const SETTINGS_KEY = 'orm-guard';
