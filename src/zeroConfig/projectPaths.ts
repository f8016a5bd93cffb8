import path from 'node:path';
import picomatch from 'picomatch';

const posix = path.posix;

/** Extensions a JS/TS module can have, in the order a bundler-free resolver tries them. */
export const MODULE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

/**
 * A root-relative POSIX path without `./`, trailing `/` or `..` segments; '' is the root.
 * `undefined` when the path leaves the root.
 */
export function normaliseRelative(relativePath: string): string | undefined {
  const normalised = posix.normalize(relativePath.replaceAll('\\', '/'));
  if (normalised === '.' || normalised === './') return '';
  if (normalised === '..' || normalised.startsWith('../') || normalised.startsWith('/')) return undefined;
  return normalised.replace(/^\.\//u, '').replace(/\/+$/u, '');
}

/** Joins root-relative parts; `undefined` when the result leaves the root. */
export function joinRelative(...parts: string[]): string | undefined {
  return normaliseRelative(posix.join(...parts.map((part) => (part === '' ? '.' : part))));
}

/** The directory of a root-relative path ('' for a file at the root). */
export function parentOf(relativePath: string): string {
  const parent = posix.dirname(relativePath);
  return parent === '.' ? '' : parent;
}

export function baseNameOf(relativePath: string): string {
  return posix.basename(relativePath);
}

/** Whether a path contains glob syntax (`*`, `{a,b}`, `!(x)`…) rather than naming one file or directory. */
export function isGlobPattern(pattern: string): boolean {
  return picomatch.scan(pattern).isGlob;
}

/** `dir/**\/*.ext` style glob under `directory` ('' = root). */
export function globUnder(directory: string, rest: string): string {
  return directory === '' ? rest : `${directory}/${rest}`;
}

/** A brace list `{a,b}` for several extensions (`.js` → `js`), or the single extension. */
export function extensionGlob(extensions: readonly string[]): string {
  const bare = [...new Set(extensions.map((extension) => extension.replace(/^\./u, '')))];
  return bare.length === 1 ? `*.${bare[0] ?? ''}` : `*.{${bare.join(',')}}`;
}

/** Whether a module specifier is relative (`./x`, `../x`); packages and aliases are not. */
export function isRelativeSpecifier(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');
}
