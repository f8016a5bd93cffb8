import { realpathSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { DirectoryListingCache } from './fileStateCache.js';
import { globWalkBase, type GlobMatcher } from './globMatcher.js';
import { statFile } from './fileStateCache.js';
import { observeParentOf } from './directoryWatch.js';

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
 * What one listing looked at, to tell cheaply whether it would come out the same: each glob base
 * (kind and real path) and each directory walked, by the listing array the cache handed out (the
 * same array while the directory's mtime is unchanged). A walk that met a symlink is not kept,
 * since its answer also depends on the link targets.
 */
interface ListingRecord {
  readonly bases: readonly { readonly absolute: string; readonly isFile: boolean | undefined; readonly real: string | undefined }[];
  readonly directories: readonly { readonly absolute: string; readonly entries: readonly Dirent[] }[];
  readonly unlistable: readonly { readonly relative: string; readonly code: string }[];
  readonly files: readonly string[];
}

// Per listing cache (one per project index), the last answer for each set of globs: revalidating a
// long-lived index lists the same trees before every lint, and matching every path against the
// globs again would cost more than the directory stats that prove nothing changed.
const lastListings = new WeakMap<DirectoryListingCache, Map<string, ListingRecord>>();

/**
 * Root-relative POSIX paths of the files matched by `include` and not by `ignore`, walking only
 * below each glob's static base so the cost follows the matched trees, not the repository.
 */
export function listProjectFiles(options: FileListingOptions): string[] {
  const key = [options.rootDir, ...options.globs, '\0', ...options.include.globs, '\0', ...options.ignore.globs].join('\n');
  let records = lastListings.get(options.listings);
  if (records === undefined) lastListings.set(options.listings, (records = new Map<string, ListingRecord>()));
  const last = records.get(key);
  if (last !== undefined && isStillCurrent(last, options.listings)) {
    for (const { relative, code } of last.unlistable) options.onUnlistableDirectory?.(relative, code);
    return [...last.files];
  }
  const walk: Walk = { options, found: new Set(), directories: [], unlistable: [], metSymlink: false };
  const bases: ListingRecord['bases'][number][] = [];
  for (const glob of options.globs) {
    const { base, recursive } = globWalkBase(glob);
    const absoluteBase = path.posix.join(options.rootDir, base);
    const baseStat = statFile(absoluteBase);
    if (baseStat === undefined || baseStat.isFile) {
      bases.push({ absolute: absoluteBase, isFile: baseStat?.isFile, real: undefined });
      if (baseStat !== undefined) addIfMatched(base, options, walk.found);
      continue;
    }
    const realBase = realPathOf(absoluteBase);
    bases.push({ absolute: absoluteBase, isFile: false, real: realBase });
    if (realBase === undefined) continue;
    // Per glob: globs sharing a base may differ in depth (`*.sql` and `**/*.ts`); `found` merges them.
    const walkedRealDirectories = new Set([realBase]);
    walkDirectory({ absolute: absoluteBase, relative: base === '' ? '' : base.replace(/\/$/u, ''), real: realBase }, recursive, 0, walk, walkedRealDirectories);
  }
  const files = [...walk.found];
  if (walk.metSymlink) records.delete(key);
  else records.set(key, { bases, directories: walk.directories, unlistable: walk.unlistable, files });
  return [...files];
}

function isStillCurrent(record: ListingRecord, listings: DirectoryListingCache): boolean {
  for (const base of record.bases) {
    const stat = statFile(base.absolute);
    if (stat?.isFile !== base.isFile) return false;
    if (base.real !== undefined && realPathOf(base.absolute) !== base.real) return false;
  }
  // A failed listing is retried each time, so a record with one is never current.
  return record.unlistable.length === 0 && record.directories.every((directory) => listings.list(directory.absolute) === directory.entries);
}

/** One listing in progress. */
interface Walk {
  readonly options: FileListingOptions;
  readonly found: Set<string>;
  readonly directories: { absolute: string; entries: readonly Dirent[] }[];
  readonly unlistable: { relative: string; code: string }[];
  metSymlink: boolean;
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

function walkDirectory(directory: WalkedDirectory, recursive: boolean, depth: number, walk: Walk, walkedRealDirectories: Set<string>): void {
  const { options, found } = walk;
  const entries = options.listings.list(directory.absolute);
  walk.directories.push({ absolute: directory.absolute, entries });
  const failure = options.listings.failure(directory.absolute);
  if (failure !== undefined) {
    walk.unlistable.push({ relative: directory.relative, code: failure });
    options.onUnlistableDirectory?.(directory.relative, failure);
  }
  for (const entry of entries) {
    const relativePath = directory.relative === '' ? entry.name : `${directory.relative}/${entry.name}`;
    const absolutePath = `${directory.absolute}/${entry.name}`;
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      walk.metSymlink = true;
      const target = statFile(absolutePath);
      isDirectory = target?.isDirectory ?? false;
      isFile = target?.isFile ?? false;
      // A linked file changes where it really lives: watch that directory too (a linked directory
      // is watched through its link when it is listed).
      const realTarget = isFile ? realPathOf(absolutePath) : undefined;
      if (realTarget !== undefined) observeParentOf(realTarget);
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
      walkDirectory({ absolute: absolutePath, relative: relativePath, real }, recursive, depth + 1, walk, walkedRealDirectories);
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
