/** The ORMs (and migration tools) this version understands. */
export const SUPPORTED_ORMS = ['typeorm', 'mikro-orm', 'sequelize', 'sequelize-typescript', 'drizzle', 'objection', 'knex', 'prisma'] as const;
export type OrmName = (typeof SUPPORTED_ORMS)[number];

/** What a marker makes of the class it decorates. */
export type MarkerKind = 'entity' | 'view' | 'child';

/**
 * An extra decorator to treat as an ORM entity decorator: an in-house wrapper
 * (`{ package: '@acme/db', name: 'AuditedEntity' }`) or a forked ORM package.
 * Its arguments are read like TypeORM's `@Entity(name | options)`.
 */
export interface EntityMarker {
  readonly package: string;
  readonly name: string;
  readonly kind: MarkerKind;
}

/** `settings['orm-guard']` after validation, before the root is resolved for a file. */
export interface ValidatedSettings {
  /** As written (absolute, or relative to ESLint's cwd); `undefined` means "infer per file". */
  readonly rootDir: string | undefined;
  readonly orm: OrmName;
  readonly models: readonly string[];
  readonly migrations: readonly string[];
  readonly ignore: readonly string[];
  readonly markers: readonly EntityMarker[];
  /** Milliseconds between revalidations of the project index; `undefined` means "auto". */
  readonly cacheLifetime: number | undefined;
  readonly debug: boolean;
}

/** Settings with the root resolved: what the project index is built from. */
export interface ProjectSettings extends Omit<ValidatedSettings, 'rootDir'> {
  /** Absolute, POSIX separators. */
  readonly rootDir: string;
}

export const SETTINGS_KEY = 'orm-guard';
