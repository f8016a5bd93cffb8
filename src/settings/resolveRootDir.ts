import { existsSync } from 'node:fs';
import path from 'node:path';

/** Always forward slashes, so globs and messages look the same on every OS. */
export function toPosixPath(filePath: string): string {
  return filePath.replaceAll('\\', '/');
}

const packageRootByDirectory = new Map<string, string | null>();

/** The nearest directory at or above `directory` that holds a package.json. */
function findPackageRoot(directory: string): string | undefined {
  const visited: string[] = [];
  let current = directory;
  let found: string | null = null;
  for (;;) {
    const cached = packageRootByDirectory.get(current);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    visited.push(current);
    if (existsSync(path.join(current, 'package.json'))) {
      found = current;
      break;
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const directoryOnTheWay of visited) packageRootByDirectory.set(directoryOnTheWay, found);
  return found ?? undefined;
}

/**
 * The project root for a linted file: the `rootDir` setting (relative to ESLint's cwd), else the
 * nearest package.json above the file, else ESLint's cwd. Never `process.cwd()`, which depends on
 * where ESLint was started.
 */
let lastExplicit: { setting: string; cwd: string; resolved: string } | undefined;

export function resolveRootDir(rootDirSetting: string | undefined, filename: string, eslintCwd: string): string {
  if (rootDirSetting !== undefined) {
    // Asked for every linted file with the same setting and cwd.
    if (lastExplicit?.setting !== rootDirSetting || lastExplicit.cwd !== eslintCwd) {
      lastExplicit = { setting: rootDirSetting, cwd: eslintCwd, resolved: toPosixPath(path.resolve(eslintCwd, rootDirSetting)) };
    }
    return lastExplicit.resolved;
  }
  if (path.isAbsolute(filename)) {
    const packageRoot = findPackageRoot(path.dirname(filename));
    if (packageRoot !== undefined) return toPosixPath(packageRoot);
  }
  return toPosixPath(path.resolve(eslintCwd));
}

export function clearRootDirCache(): void {
  packageRootByDirectory.clear();
}
