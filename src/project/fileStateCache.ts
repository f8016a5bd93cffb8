import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';

/** A file's identity for cache validation: content changes almost always change one of these. */
export interface FileStamp {
  readonly mtimeMs: number;
  readonly size: number;
}

export function statFile(absolutePath: string): (FileStamp & { isFile: boolean; isDirectory: boolean }) | undefined {
  try {
    // No exception for a missing file: absent files (journals, import candidates) are looked up often.
    const stats = statSync(absolutePath, { throwIfNoEntry: false });
    if (stats === undefined) return undefined;
    return { mtimeMs: stats.mtimeMs, size: stats.size, isFile: stats.isFile(), isDirectory: stats.isDirectory() };
  } catch {
    return undefined; // vanished, unreadable or a broken link: treated as absent
  }
}

/**
 * File systems stamp mtimes from a coarse clock (a few ms), so a second change within the same tick
 * can leave mtime and size unchanged. As git does for "racy" index entries, a stamp this close to
 * the moment it was read is not trusted: the entry is checked again next time.
 */
const RACY_WINDOW_MS = 50;

function isRacy(stamp: FileStamp, readAtMs: number): boolean {
  return stamp.mtimeMs >= readAtMs - RACY_WINDOW_MS;
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.mtimeMs === b.mtimeMs && a.size === b.size;
}

interface CachedFacts<T> {
  readonly stamp: FileStamp;
  readonly facts: T;
  /** Kept only while the entry is racy, to tell a real change from a re-read of the same text. */
  readonly racyText: string | undefined;
}

/**
 * Per-file facts (never ASTs) keyed by absolute path and validated by mtime + size,
 * so a long-lived process re-reads only files that changed. Negative results are cached too.
 */
export class FileFactsCache<T> {
  readonly #entries = new Map<string, CachedFacts<T>>();

  constructor(
    private readonly readFacts: (absolutePath: string, text: string) => T,
    private readonly unreadable: (reason: string) => T,
  ) {}

  /** The file's facts, re-read if it changed; `undefined` if it no longer exists. */
  get(absolutePath: string): T | undefined {
    const stamp = statFile(absolutePath);
    if (stamp === undefined || !stamp.isFile) {
      this.#entries.delete(absolutePath);
      return undefined;
    }
    const cached = this.#entries.get(absolutePath);
    if (cached !== undefined && cached.racyText === undefined && sameStamp(cached.stamp, stamp)) return cached.facts;

    let text: string;
    try {
      text = readFileSync(absolutePath, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Deleted between listing and reading counts as deleted; anything else is unreadable.
      if (code === 'ENOENT') {
        this.#entries.delete(absolutePath);
        return undefined;
      }
      const facts = this.unreadable(`cannot be read (${code ?? 'I/O error'})`);
      this.#entries.set(absolutePath, { stamp, facts, racyText: undefined });
      return facts;
    }
    const readAt = Date.now();
    const facts = cached !== undefined && cached.racyText === text ? cached.facts : this.readFacts(absolutePath, text);
    this.#entries.set(absolutePath, { stamp, facts, racyText: isRacy(stamp, readAt) ? text : undefined });
    return facts;
  }

  /** Forget files that are no longer listed, so the cache does not grow with deleted files. */
  retainOnly(absolutePaths: ReadonlySet<string>): void {
    for (const key of this.#entries.keys()) if (!absolutePaths.has(key)) this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}

interface CachedListing {
  readonly mtimeMs: number;
  readonly racy: boolean;
  readonly entries: readonly Dirent[];
}

/**
 * Directory listings validated by the directory's own mtime, which changes whenever an entry is
 * added, removed or renamed, so an unchanged directory costs one stat.
 */
export class DirectoryListingCache {
  readonly #listings = new Map<string, CachedListing>();

  list(absoluteDirectory: string): readonly Dirent[] {
    const stamp = statFile(absoluteDirectory);
    if (stamp === undefined || !stamp.isDirectory) {
      this.#listings.delete(absoluteDirectory);
      return [];
    }
    const cached = this.#listings.get(absoluteDirectory);
    if (cached !== undefined && !cached.racy && cached.mtimeMs === stamp.mtimeMs) return cached.entries;
    let entries: Dirent[];
    try {
      entries = readdirSync(absoluteDirectory, { withFileTypes: true });
    } catch {
      entries = [];
    }
    this.#listings.set(absoluteDirectory, { mtimeMs: stamp.mtimeMs, racy: isRacy(stamp, Date.now()), entries });
    return entries;
  }

  clear(): void {
    this.#listings.clear();
  }
}
