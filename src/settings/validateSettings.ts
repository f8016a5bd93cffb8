import { closestName } from './closestName.js';
import { directoryDepth, isAbsolutePath, leavesRoot } from './pathEscape.js';
import {
  SETTINGS_KEY,
  SUPPORTED_ORMS,
  type EntityMarker,
  type MarkerKind,
  type MigrationOrder,
  type MigrationSetConfig,
  type OrmName,
  type ScopeConfig,
  type ValidatedSettings,
} from './settingsShape.js';

/** One problem in `settings['orm-guard']`, naming the key path and the expected shape. */
export interface SettingsProblem {
  readonly path: string;
  readonly message: string;
}

export type SettingsResult =
  | { readonly ok: true; readonly settings: ValidatedSettings }
  | { readonly ok: false; readonly problem: SettingsProblem };

class SettingsError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

const ROOT_PATH = `settings['${SETTINGS_KEY}']`;
/** Keys a scope may set; the top level sets them too, as defaults for every scope. */
const SCOPE_KEYS = ['orm', 'models', 'migrations', 'ignore', 'markers', 'tablePrefix', 'interpolations', 'sequelize', 'migrationOrder'];
const TOP_LEVEL_KEYS = ['rootDir', 'cacheLifetime', 'cacheFingerprint', 'debug', 'scopes', ...SCOPE_KEYS];
const SCOPE_ENTRY_KEYS = ['name', 'root', ...SCOPE_KEYS];
const MARKER_KEYS = ['package', 'name', 'kind', 'orm'];
/** ORMs whose entity decorator a marker can wrap. */
const MARKER_ORMS: readonly OrmName[] = ['typeorm', 'mikro-orm', 'sequelize-typescript'];
const MARKER_KINDS: readonly MarkerKind[] = ['entity', 'view', 'child'];

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (value === undefined) return 'undefined';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function fail(path: string, expected: string, value: unknown): never {
  throw new SettingsError(path, `${path} must be ${expected} (got ${describe(value)}).`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `list.map`, but holes (`['a', , 'b']` in a config file) are visited as `undefined`, so they are
 * rejected like any other bad entry instead of slipping through as holes in a "validated" list.
 */
function denseMap<T>(list: readonly unknown[], read: (entry: unknown, index: number) => T): T[] {
  return Array.from(list, (entry: unknown, index) => read(entry, index));
}

function rejectUnknownKeys(object: Record<string, unknown>, known: readonly string[], path: string): void {
  for (const key of Object.keys(object)) {
    if (known.includes(key)) continue;
    const suggestion = closestName(key, known, { allowExtension: true });
    const hint = suggestion === undefined ? `Known keys: ${known.join(', ')}.` : `Did you mean '${suggestion}'?`;
    throw new SettingsError(`${path}.${key}`, `${path}.${key} is not a known setting. ${hint}`);
  }
}

/**
 * The directory relative paths of a scope are resolved against, and how far below rootDir it is:
 * a `..` may climb back to rootDir, never above it.
 */
interface PathBase {
  readonly depth: number;
  /** "rootDir", or "this scope's root" for a scope whose root is an absolute path. */
  readonly name: string;
}

const ROOT_BASE: PathBase = { depth: 0, name: 'rootDir' };

/**
 * A relative path must not climb out of rootDir (`../shared/*.sql`); an absolute one is the user's
 * explicit choice and is allowed.
 */
function refuseEscape(value: string, path: string, base: PathBase, what: string): void {
  if (isAbsolutePath(value) || !leavesRoot(value, base.depth)) return;
  throw new SettingsError(
    path,
    `${path} must be ${what} that stays inside ${base.name} (got ${describe(value)}, whose '..' leads outside it). ` +
      'Write it relative to rootDir, or as an absolute path if reading outside rootDir is intended.',
  );
}

/** A glob list: one string or an array of non-empty strings, none leaving rootDir. */
function readGlobList(value: unknown, path: string, base: PathBase): readonly string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list)) fail(path, 'a glob string or an array of glob strings', value);
  return denseMap(list, (entry, index) => {
    const entryPath = typeof value === 'string' ? path : `${path}[${index}]`;
    if (typeof entry !== 'string' || entry.trim() === '') fail(entryPath, 'a non-empty glob string', entry);
    refuseEscape(entry, entryPath, base, 'a glob');
    return entry;
  });
}

/** `migrations`: globs (one unnamed set) or `{ postgres: [...], sqlite: [...] }` (named sets). */
function readMigrationSets(value: unknown, path: string, base: PathBase): readonly MigrationSetConfig[] {
  if (!isPlainObject(value)) {
    const globs = readGlobList(value, path, base);
    // `migrations: []` says "no migrations here": nothing to check, and nothing to infer.
    return globs.length === 0 ? [] : [{ name: undefined, globs }];
  }
  const entries = Object.entries(value);
  if (entries.length === 0) fail(path, 'globs, or an object of named glob lists like { postgres: [...], sqlite: [...] }', value);
  return entries.map(([name, globs]) => ({ name, globs: readGlobList(globs, `${path}.${name}`, base) }));
}

function readMarker(value: unknown, path: string): EntityMarker {
  if (!isPlainObject(value)) fail(path, "an object like { package: '@acme/typeorm', name: 'Entity' }", value);
  rejectUnknownKeys(value, MARKER_KEYS, path);
  const { package: packageName, name, kind = 'entity', orm = 'typeorm' } = value;
  if (typeof packageName !== 'string' || packageName === '') fail(`${path}.package`, 'a package name string', packageName);
  if (typeof name !== 'string' || name === '') fail(`${path}.name`, 'an exported decorator name string', name);
  if (typeof kind !== 'string' || !MARKER_KINDS.includes(kind as MarkerKind)) {
    fail(`${path}.kind`, `one of ${MARKER_KINDS.map((k) => `'${k}'`).join(', ')}`, kind);
  }
  if (typeof orm !== 'string' || !MARKER_ORMS.includes(orm as OrmName)) {
    fail(`${path}.orm`, `one of ${MARKER_ORMS.map((o) => `'${o}'`).join(', ')} (the ORM whose decorator it wraps)`, orm);
  }
  return { package: packageName, name, kind: kind as MarkerKind, orm: orm as OrmName };
}

function readMarkers(value: unknown, path: string): readonly EntityMarker[] {
  if (!Array.isArray(value)) fail(path, 'an array of { package, name, kind? } objects', value);
  return denseMap(value, (marker, index) => readMarker(marker, `${path}[${index}]`));
}

function readOrms(value: unknown, path: string): readonly OrmName[] {
  if (value === 'auto') return [];
  const list = typeof value === 'string' ? [value] : value;
  const expected = `'auto', or one or a list of ${SUPPORTED_ORMS.map((o) => `'${o}'`).join(', ')}`;
  if (!Array.isArray(list)) fail(path, expected, value);
  return denseMap(list, (entry, index) => {
    if (typeof entry !== 'string' || !(SUPPORTED_ORMS as readonly string[]).includes(entry)) {
      fail(typeof value === 'string' ? path : `${path}[${index}]`, expected, entry);
    }
    return entry as OrmName;
  });
}

function readStringRecord(value: unknown, path: string): Readonly<Record<string, string>> {
  if (!isPlainObject(value)) fail(path, "an object of names to static values, like { 'process.env.TABLE_PREFIX': 'app_' }", value);
  for (const [key, entry] of Object.entries(value)) if (typeof entry !== 'string') fail(`${path}.${key}`, 'a string', entry);
  return value as Record<string, string>;
}

function readSequelizeDefaults(value: unknown, path: string): ScopeConfig['sequelize'] {
  if (!isPlainObject(value)) fail(path, 'an object like { freezeTableName: true, underscored: false }', value);
  rejectUnknownKeys(value, ['freezeTableName', 'underscored'], path);
  for (const key of ['freezeTableName', 'underscored'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'boolean') fail(`${path}.${key}`, 'a boolean', value[key]);
  }
  // Only the keys written, so a scope's partial object does not erase the top level's other key.
  const defaults: { freezeTableName?: boolean; underscored?: boolean } = {};
  if (value.freezeTableName !== undefined) defaults.freezeTableName = value.freezeTableName as boolean;
  if (value.underscored !== undefined) defaults.underscored = value.underscored as boolean;
  return defaults;
}

const MIGRATION_ORDER_SHAPE = "'auto', or { registry: 'path/to/migrations/index.ts' } (a file whose array lists the migrations in order)";

function readMigrationOrder(value: unknown, path: string, base: PathBase): MigrationOrder {
  if (value === 'auto') return { kind: 'auto' };
  if (!isPlainObject(value)) fail(path, MIGRATION_ORDER_SHAPE, value);
  rejectUnknownKeys(value, ['registry'], path);
  const { registry } = value;
  if (typeof registry !== 'string' || registry === '') fail(`${path}.registry`, 'a file path string, like \'src/migrations/index.ts\'', registry);
  refuseEscape(registry, `${path}.registry`, base, 'a file path');
  return { kind: 'registry', file: registry };
}

/** The scope-level keys of `raw`, each `undefined` when not set (so scopes can inherit). */
function readScopeKeys(raw: Record<string, unknown>, path: string, base: PathBase) {
  const optional = <T>(key: string, read: (value: unknown, keyPath: string, base: PathBase) => T): T | undefined =>
    raw[key] === undefined ? undefined : read(raw[key], `${path}.${key}`, base);
  const tablePrefix = raw.tablePrefix;
  if (tablePrefix !== undefined && typeof tablePrefix !== 'string') fail(`${path}.tablePrefix`, 'a string', tablePrefix);
  return {
    orms: optional('orm', readOrms),
    models: optional('models', readGlobList),
    migrationSets: optional('migrations', readMigrationSets),
    ignore: optional('ignore', readGlobList),
    markers: optional('markers', readMarkers),
    tablePrefix: tablePrefix,
    interpolations: optional('interpolations', readStringRecord),
    sequelize: optional('sequelize', readSequelizeDefaults),
    migrationOrder: optional('migrationOrder', readMigrationOrder),
  };
}

type ScopeKeys = ReturnType<typeof readScopeKeys>;

function topLevelScope(keys: ScopeKeys): ScopeConfig {
  return {
    name: undefined,
    settingsPath: ROOT_PATH,
    root: '',
    orms: keys.orms ?? [],
    models: keys.models,
    migrationSets: keys.migrationSets,
    ignore: keys.ignore ?? [],
    markers: keys.markers ?? [],
    tablePrefix: keys.tablePrefix,
    interpolations: keys.interpolations ?? {},
    sequelize: keys.sequelize ?? {},
    migrationOrder: keys.migrationOrder ?? { kind: 'auto' },
  };
}

/** A declared scope: its own models and migrations; other keys default to the top level's. */
function readScope(value: unknown, path: string, defaults: ScopeConfig): ScopeConfig {
  if (!isPlainObject(value)) fail(path, "an object like { name: 'api', root: 'services/api', models: [...], migrations: [...] }", value);
  rejectUnknownKeys(value, SCOPE_ENTRY_KEYS, path);
  const { name, root } = value;
  if (typeof name !== 'string' || name === '') fail(`${path}.name`, 'a non-empty string naming the scope', name);
  const rootShape = "a directory relative to rootDir ('' or '.' for the root itself)";
  if (typeof root !== 'string') fail(`${path}.root`, rootShape, root);
  refuseEscape(root, `${path}.root`, ROOT_BASE, 'a directory');
  const base: PathBase = isAbsolutePath(root) ? { depth: 0, name: "this scope's root" } : { depth: directoryDepth(root), name: 'rootDir' };
  const keys = readScopeKeys(value, path, base);
  return {
    name,
    settingsPath: path,
    root: root.replaceAll('\\', '/').replace(/^\.\/?/u, '').replace(/\/$/u, ''),
    orms: keys.orms ?? defaults.orms,
    models: keys.models,
    migrationSets: keys.migrationSets,
    ignore: [...defaults.ignore, ...(keys.ignore ?? [])],
    markers: [...defaults.markers, ...(keys.markers ?? [])],
    tablePrefix: keys.tablePrefix ?? defaults.tablePrefix,
    interpolations: { ...defaults.interpolations, ...keys.interpolations },
    sequelize: { ...defaults.sequelize, ...keys.sequelize },
    migrationOrder: keys.migrationOrder ?? defaults.migrationOrder,
  };
}

function readSettings(raw: unknown): ValidatedSettings {
  if (raw === undefined) raw = {};
  if (!isPlainObject(raw)) fail(ROOT_PATH, 'an object', raw);
  rejectUnknownKeys(raw, TOP_LEVEL_KEYS, ROOT_PATH);

  const { rootDir, cacheLifetime, cacheFingerprint, debug = false, scopes = [] } = raw;
  // Only there to change ESLint's cache key (see cacheFingerprint()); its value is not used.
  if (cacheFingerprint !== undefined && typeof cacheFingerprint !== 'string') {
    fail(`${ROOT_PATH}.cacheFingerprint`, 'the string returned by cacheFingerprint()', cacheFingerprint);
  }
  if (rootDir !== undefined && (typeof rootDir !== 'string' || rootDir === '')) {
    fail(`${ROOT_PATH}.rootDir`, 'a directory path string (e.g. import.meta.dirname)', rootDir);
  }
  if (cacheLifetime !== undefined && (typeof cacheLifetime !== 'number' || Number.isNaN(cacheLifetime) || cacheLifetime < 0)) {
    fail(`${ROOT_PATH}.cacheLifetime`, 'a number of milliseconds ≥ 0 (Infinity never revalidates)', cacheLifetime);
  }
  if (typeof debug !== 'boolean') fail(`${ROOT_PATH}.debug`, 'a boolean', debug);
  if (!Array.isArray(scopes)) fail(`${ROOT_PATH}.scopes`, 'an array of { name, root, models?, migrations?, ... } objects', scopes);

  const topLevel = topLevelScope(readScopeKeys(raw, ROOT_PATH, ROOT_BASE));
  const declared = denseMap(scopes, (scope, index) => readScope(scope, `${ROOT_PATH}.scopes[${index}]`, topLevel));
  const seen = new Set<string>();
  declared.forEach((scope, index) => {
    if (seen.has(scope.name ?? '')) fail(`${ROOT_PATH}.scopes[${index}].name`, 'unique among scopes', scope.name);
    seen.add(scope.name ?? '');
  });
  return { rootDir, cacheLifetime, debug, topLevel, scopes: declared };
}

/** ESLint never validates `settings`, so it is done here, once per settings object. */
const resultsBySettingsObject = new WeakMap<object, SettingsResult>();
let resultForMissingSettings: SettingsResult | undefined;

export function validateSettings(raw: unknown): SettingsResult {
  if (raw === undefined) {
    resultForMissingSettings ??= computeResult(undefined);
    return resultForMissingSettings;
  }
  if (typeof raw !== 'object' || raw === null) return computeResult(raw);
  let result = resultsBySettingsObject.get(raw);
  if (result === undefined) {
    result = computeResult(raw);
    resultsBySettingsObject.set(raw, result);
  }
  return result;
}

function computeResult(raw: unknown): SettingsResult {
  try {
    return { ok: true, settings: readSettings(raw) };
  } catch (error) {
    if (error instanceof SettingsError) return { ok: false, problem: { path: error.path, message: error.message } };
    throw error;
  }
}
