/**
 * Lexical checks that a configured path or glob stays inside the directory it is relative to.
 * Settings are validated before any root is resolved, so this never touches the disk.
 */

/** `/x`, `\\server\x` or `C:\x`: an absolute path, which the user chose explicitly. */
export function isAbsolutePath(value: string): boolean {
  return /^(?:[/\\]|[A-Za-z]:[/\\])/u.test(value);
}

/** Glob syntax that can hide a `..` inside one path segment: braces, extglobs, alternatives. */
const GROUPING = /[{}(),|]/u;

/**
 * Whether a relative glob or path can reach above its base directory, which sits `baseDepth`
 * directories below the root the check protects (`..` may climb that far, no further).
 * `*` and other one-segment patterns count as one directory, `**` as none (it may match none).
 * A `..` inside braces or an extglob (`{src,..}`) cannot be followed lexically and counts as leaving.
 */
export function leavesRoot(relative: string, baseDepth = 0): boolean {
  let depth = baseDepth;
  for (const segment of relative.replaceAll('\\', '/').split('/')) {
    if (segment === '' || segment === '.' || segment === '**') continue;
    if (segment === '..') {
      depth--;
      if (depth < 0) return true;
      continue;
    }
    if (GROUPING.test(segment) && segment.split(GROUPING).includes('..')) return true;
    depth++;
  }
  return false;
}

/** How many directories a root-relative directory path is below the root ('' and '.' are 0). */
export function directoryDepth(relativeDirectory: string): number {
  let depth = 0;
  for (const segment of relativeDirectory.replaceAll('\\', '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    depth = segment === '..' ? depth - 1 : depth + 1;
  }
  return Math.max(depth, 0);
}
