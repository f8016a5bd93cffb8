import {
  SETTINGS_KEY,
  SUPPORTED_ORMS,
  type EntityMarker,
  type MarkerKind,
  type OrmName,
  type ValidatedSettings,
} from './settingsShape.js';
import { closestName } from './closestName.js';

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
const KNOWN_KEYS = ['rootDir', 'orm', 'models', 'migrations', 'ignore', 'markers', 'cacheLifetime', 'debug'];
const MARKER_KEYS = ['package', 'name', 'kind'];
const MARKER_KINDS: readonly MarkerKind[] = ['entity', 'view', 'child'];

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `a ${typeof value}`;
}

function fail(path: string, expected: string, value: unknown): never {
  throw new SettingsError(path, `${path} must be ${expected} (got ${describe(value)}).`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rejectUnknownKeys(object: Record<string, unknown>, known: readonly string[], path: string): void {
  for (const key of Object.keys(object)) {
    if (known.includes(key)) continue;
    const suggestion = closestName(key, known);
    const hint = suggestion === undefined ? `Known keys: ${known.join(', ')}.` : `Did you mean '${suggestion}'?`;
    throw new SettingsError(`${path}.${key}`, `${path}.${key} is not a known setting. ${hint}`);
  }
}

/** A glob list: one string or an array of non-empty strings. */
function readGlobList(value: unknown, path: string): readonly string[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list)) fail(path, 'a glob string or an array of glob strings', value);
  return list.map((entry: unknown, index) => {
    if (typeof entry !== 'string' || entry.trim() === '') {
      fail(`${path}[${index}]`, 'a non-empty glob string', entry);
    }
    return entry;
  });
}

function readMarker(value: unknown, path: string): EntityMarker {
  if (!isPlainObject(value)) fail(path, "an object like { package: '@acme/typeorm', name: 'Entity' }", value);
  rejectUnknownKeys(value, MARKER_KEYS, path);
  const { package: packageName, name, kind = 'entity' } = value;
  if (typeof packageName !== 'string' || packageName === '') fail(`${path}.package`, 'a package name string', packageName);
  if (typeof name !== 'string' || name === '') fail(`${path}.name`, 'an exported decorator name string', name);
  if (typeof kind !== 'string' || !MARKER_KINDS.includes(kind as MarkerKind)) {
    fail(`${path}.kind`, `one of ${MARKER_KINDS.map((k) => `'${k}'`).join(', ')}`, kind);
  }
  return { package: packageName, name, kind: kind as MarkerKind };
}

function readSettings(raw: unknown): ValidatedSettings {
  if (raw === undefined) raw = {};
  if (!isPlainObject(raw)) fail(ROOT_PATH, 'an object', raw);
  rejectUnknownKeys(raw, KNOWN_KEYS, ROOT_PATH);

  const { rootDir, orm = 'typeorm', markers = [], cacheLifetime, debug = false } = raw;
  if (rootDir !== undefined && (typeof rootDir !== 'string' || rootDir === '')) {
    fail(`${ROOT_PATH}.rootDir`, 'a directory path string (e.g. import.meta.dirname)', rootDir);
  }
  if (typeof orm !== 'string' || !(SUPPORTED_ORMS as readonly string[]).includes(orm)) {
    fail(`${ROOT_PATH}.orm`, `one of ${SUPPORTED_ORMS.map((o) => `'${o}'`).join(', ')}`, orm);
  }
  if (!Array.isArray(markers)) fail(`${ROOT_PATH}.markers`, 'an array of { package, name, kind? } objects', markers);
  if (
    cacheLifetime !== undefined &&
    (typeof cacheLifetime !== 'number' || Number.isNaN(cacheLifetime) || cacheLifetime < 0)
  ) {
    fail(`${ROOT_PATH}.cacheLifetime`, 'a number of milliseconds ≥ 0 (Infinity never revalidates)', cacheLifetime);
  }
  if (typeof debug !== 'boolean') fail(`${ROOT_PATH}.debug`, 'a boolean', debug);

  return {
    rootDir,
    orm: orm as OrmName,
    models: readGlobList(raw.models, `${ROOT_PATH}.models`),
    migrations: readGlobList(raw.migrations, `${ROOT_PATH}.migrations`),
    ignore: readGlobList(raw.ignore, `${ROOT_PATH}.ignore`),
    markers: markers.map((marker: unknown, index) => readMarker(marker, `${ROOT_PATH}.markers[${index}]`)),
    cacheLifetime,
    debug,
  };
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
