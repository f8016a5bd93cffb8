import path from 'node:path';
import type { ScopeConfig, ValidatedSettings } from '../settings/settingsShape.js';
import { toPosixPath } from '../settings/resolveRootDir.js';

export interface SelectedScope {
  readonly config: ScopeConfig;
  /** Absolute, POSIX. */
  readonly scopeRoot: string;
  /** The linted file relative to the scope root, POSIX. */
  readonly relativePath: string;
}

function relativeInside(root: string, file: string): string | undefined {
  // Both are resolved POSIX paths: a file below the root is the usual case, and a prefix says so.
  if (file.startsWith(root) && file[root.length] === '/' && !root.endsWith('/')) return file.slice(root.length + 1);
  const relative = toPosixPath(path.relative(root, file));
  return relative === '' || relative.startsWith('../') || relative === '..' || path.isAbsolute(relative) ? undefined : relative;
}

/**
 * The scope a file belongs to: the declared scope with the deepest root containing it, else the
 * top level. `undefined` when the file is outside the project root.
 */
export function selectScope(settings: ValidatedSettings, projectRoot: string, absoluteFile: string): SelectedScope | undefined {
  let best: SelectedScope | undefined;
  for (const config of settings.scopes) {
    const scopeRoot = toPosixPath(path.resolve(projectRoot, config.root));
    const relativePath = relativeInside(scopeRoot, absoluteFile);
    if (relativePath === undefined) continue;
    if (best === undefined || scopeRoot.length > best.scopeRoot.length) best = { config, scopeRoot, relativePath };
  }
  if (best !== undefined) return best;
  const relativePath = relativeInside(projectRoot, absoluteFile);
  return relativePath === undefined ? undefined : { config: settings.topLevel, scopeRoot: projectRoot, relativePath };
}
