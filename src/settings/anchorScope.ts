import path from 'node:path';
import picomatch from 'picomatch';
import { isAbsolutePath } from './pathEscape.js';
import { toPosixPath } from './resolveRootDir.js';
import type { MigrationSetConfig, ScopeConfig } from './settingsShape.js';

/**
 * An absolute glob or path the user configured, rewritten relative to the scope root
 * (`/srv/shared/migrations/*.sql` → `../../shared/migrations/*.sql`), since globs are matched
 * against scope-relative paths. Reading outside rootDir this way is allowed because the user wrote
 * the absolute path; relative `..` escapes were refused when the settings were validated.
 */
function anchorPath(value: string, scopeRoot: string): string {
  if (!isAbsolutePath(value)) return value;
  const posix = toPosixPath(value);
  const scanned = picomatch.scan(posix);
  const base = scanned.isGlob ? scanned.base : posix;
  const relativeBase = path.posix.relative(scopeRoot, base === '' ? '/' : base) || '.';
  return scanned.isGlob ? `${relativeBase}/${scanned.glob}` : relativeBase;
}

function anchorAll(globs: readonly string[], scopeRoot: string): readonly string[] {
  return globs.some(isAbsolutePath) ? globs.map((glob) => anchorPath(glob, scopeRoot)) : globs;
}

function anchorSets(sets: readonly MigrationSetConfig[] | undefined, scopeRoot: string): readonly MigrationSetConfig[] | undefined {
  return sets?.map((set) => ({ ...set, globs: anchorAll(set.globs, scopeRoot) }));
}

const anchoredByConfig = new WeakMap<ScopeConfig, Map<string, ScopeConfig>>();
// Asked for every linted file, of the same few settings objects.
const absoluteByConfig = new WeakMap<ScopeConfig, boolean>();

function hasAbsolutePath(config: ScopeConfig): boolean {
  let answer = absoluteByConfig.get(config);
  if (answer === undefined) {
    const order = config.migrationOrder;
    answer =
      [...(config.models ?? []), ...(config.migrationSets ?? []).flatMap((set) => set.globs), ...config.ignore].some(isAbsolutePath) ||
      (order.kind === 'registry' && isAbsolutePath(order.file));
    absoluteByConfig.set(config, answer);
  }
  return answer;
}

/** A scope's settings with every absolute glob and path made relative to its root (same object when there are none). */
export function anchorScope(config: ScopeConfig, scopeRoot: string): ScopeConfig {
  if (!hasAbsolutePath(config)) return config;
  const order = config.migrationOrder;
  let byRoot = anchoredByConfig.get(config);
  if (byRoot === undefined) {
    byRoot = new Map();
    anchoredByConfig.set(config, byRoot);
  }
  let anchored = byRoot.get(scopeRoot);
  if (anchored === undefined) {
    anchored = {
      ...config,
      models: config.models === undefined ? undefined : anchorAll(config.models, scopeRoot),
      migrationSets: anchorSets(config.migrationSets, scopeRoot),
      ignore: anchorAll(config.ignore, scopeRoot),
      migrationOrder: order.kind === 'registry' ? { kind: 'registry', file: anchorPath(order.file, scopeRoot) } : order,
    };
    byRoot.set(scopeRoot, anchored);
  }
  return anchored;
}
