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
}

/**
 * Root-relative POSIX paths of the files matched by `include` and not by `ignore`, walking only
 * below each glob's static base so the cost follows the matched trees, not the repository.
 */
export function listProjectFiles(options: FileListingOptions): string[] {
  const found = new Set<string>();
  const walkedRealDirectories = new Set<string>();
  for (const glob of options.globs) {
    const { base, recursive } = globWalkBase(glob);
    const absoluteBase = path.posix.join(options.rootDir, base);
    const baseStat = statFile(absoluteBase);
    if (baseStat === undefined) continue;
    if (baseStat.isFile) {
      addIfMatched(base, options, found);
      continue;
    }
    walkDirectory(absoluteBase, base === '' ? '' : base.replace(/\/$/u, ''), recursive, 0, options, found, walkedRealDirectories);
  }
  return [...found];
}

function addIfMatched(relativePath: string, options: FileListingOptions, found: Set<string>): void {
  if (options.include.matches(relativePath) && !options.ignore.matches(relativePath)) found.add(relativePath);
}

function walkDirectory(
  absoluteDirectory: string,
  relativeDirectory: string,
  recursive: boolean,
  depth: number,
  options: FileListingOptions,
  found: Set<string>,
  walkedRealDirectories: Set<string>,
): void {
  for (const entry of options.listings.list(absoluteDirectory)) {
    const relativePath = relativeDirectory === '' ? entry.name : `${relativeDirectory}/${entry.name}`;
    const absolutePath = `${absoluteDirectory}/${entry.name}`;
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
      if (entry.isSymbolicLink() && !enterSymlinkOnce(absolutePath, walkedRealDirectories)) continue;
      walkDirectory(absolutePath, relativePath, recursive, depth + 1, options, found, walkedRealDirectories);
    }
  }
}

/** Symlinked directories are followed once per real directory, which ends symlink loops. */
function enterSymlinkOnce(absolutePath: string, walkedRealDirectories: Set<string>): boolean {
  let realPath: string;
  try {
    realPath = realpathSync(absolutePath);
  } catch {
    return false;
  }
  if (walkedRealDirectories.has(realPath)) return false;
  walkedRealDirectories.add(realPath);
  return true;
}
