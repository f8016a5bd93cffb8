import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { DirectoryListingCache } from './fileStateCache.js';
import { globWalkBase, type GlobMatcher } from './globMatcher.js';
import { statFile } from './fileStateCache.js';

/** Directories no project keeps its models or migrations in, skipped unless a glob starts inside them. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
/** Deep enough for any real tree, shallow enough to stop a pathological one. */
const MAX_DEPTH = 40;

export interface FileListingOptions {
  readonly rootDir: string;
  readonly globs: readonly string[];
  readonly include: GlobMatcher;
  readonly ignore: GlobMatcher;
  readonly listings: DirectoryListingCache;
  /** Told about each directory below a glob base that exists but cannot be listed, and why. */
  readonly onUnlistableDirectory?: ((relativeDirectory: string, code: string) => void) | undefined;
}

/**
 * Root-relative POSIX paths of the files matched by `include` and not by `ignore`, walking only
 * below each glob's static base so the cost follows the matched trees, not the repository.
 */
export function listProjectFiles(options: FileListingOptions): string[] {
  const found = new Set<string>();
  for (const glob of options.globs) {
    const { base, recursive } = globWalkBase(glob);
    const absoluteBase = path.posix.join(options.rootDir, base);
    const baseStat = statFile(absoluteBase);
    if (baseStat === undefined) continue;
    if (baseStat.isFile) {
      addIfMatched(base, options, found);
      continue;
    }
    const realBase = realPathOf(absoluteBase);
    if (realBase === undefined) continue;
    // Per glob: globs sharing a base may differ in depth (`*.sql` and `**/*.ts`); `found` merges them.
    const walkedRealDirectories = new Set([realBase]);
    walkDirectory({ absolute: absoluteBase, relative: base === '' ? '' : base.replace(/\/$/u, ''), real: realBase }, recursive, 0, options, found, walkedRealDirectories);
  }
  return [...found];
}

function addIfMatched(relativePath: string, options: FileListingOptions, found: Set<string>): void {
  if (options.include.matches(relativePath) && !options.ignore.matches(relativePath)) found.add(relativePath);
}

/** A directory as walked: its path as listed, root-relative, and with every symlink resolved. */
interface WalkedDirectory {
  readonly absolute: string;
  readonly relative: string;
  readonly real: string;
}

function walkDirectory(
  directory: WalkedDirectory,
  recursive: boolean,
  depth: number,
  options: FileListingOptions,
  found: Set<string>,
  walkedRealDirectories: Set<string>,
): void {
  const entries = options.listings.list(directory.absolute);
  const failure = options.listings.failure(directory.absolute);
  if (failure !== undefined) options.onUnlistableDirectory?.(directory.relative, failure);
  for (const entry of entries) {
    const relativePath = directory.relative === '' ? entry.name : `${directory.relative}/${entry.name}`;
    const absolutePath = `${directory.absolute}/${entry.name}`;
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = statFile(absolutePath);
      isDirectory = target?.isDirectory ?? false;
      isFile = target?.isFile ?? false;
    }
    if (isFile) {
      addIfMatched(relativePath, options, found);
    } else if (isDirectory && recursive && depth < MAX_DEPTH && !SKIPPED_DIRECTORIES.has(entry.name)) {
      if (options.ignore.matches(relativePath) || options.ignore.matches(`${relativePath}/`)) continue;
      // A plain directory's real path follows from its parent's; only a symlink needs resolving.
      const real = entry.isSymbolicLink() ? realPathOf(absolutePath) : `${directory.real}/${entry.name}`;
      // Each real directory is walked once, which ends symlink loops and keeps a linked-back
      // directory from listing (and replaying) the same migrations twice.
      if (real === undefined || walkedRealDirectories.has(real)) continue;
      walkedRealDirectories.add(real);
      walkDirectory({ absolute: absolutePath, relative: relativePath, real }, recursive, depth + 1, options, found, walkedRealDirectories);
    }
  }
}

function realPathOf(absolutePath: string): string | undefined {
  try {
    return realpathSync(absolutePath).replaceAll('\\', '/');
  } catch {
    return undefined; // a broken or looping link
  }
}
