import type { ProjectFileReader } from '../zeroConfig/projectFiles.js';
import { DirectoryListingCache, readTextFile, statFile } from './fileStateCache.js';

/** What a read saw: a file's mtime + size, or its absence. */
type Seen = { readonly mtimeMs: number; readonly size: number } | 'absent';

function stampOf(absolutePath: string): Seen {
  const stamp = statFile(absolutePath);
  return stamp === undefined ? 'absent' : { mtimeMs: stamp.mtimeMs, size: stamp.size };
}

function sameSeen(a: Seen, b: Seen): boolean {
  return a === 'absent' || b === 'absent' ? a === b : a.mtimeMs === b.mtimeMs && a.size === b.size;
}

/** Stamps this close to "now" may hide a second change in the same clock tick (see fileStateCache). */
const RACY_WINDOW_MS = 50;
const MAX_CONFIG_BYTES = 2 * 1024 * 1024;

/**
 * A ProjectFileReader that remembers every file and directory it looked at, so a result computed
 * through it (zero-config inference) can be revalidated with a few stats instead of being redone.
 */
export class RecordingFileReader implements ProjectFileReader {
  readonly #seen = new Map<string, Seen>();
  #racy = false;

  constructor(
    private readonly rootDir: string,
    private readonly listings: DirectoryListingCache,
  ) {}

  #absolute(relativePath: string): string {
    return relativePath === '' ? this.rootDir : `${this.rootDir}/${relativePath}`;
  }

  #record(absolutePath: string): void {
    const seen = stampOf(absolutePath);
    if (seen !== 'absent' && seen.mtimeMs >= Date.now() - RACY_WINDOW_MS) this.#racy = true;
    this.#seen.set(absolutePath, seen);
  }

  readText(relativePath: string): string | undefined {
    const absolutePath = this.#absolute(relativePath);
    this.#record(absolutePath);
    const stamp = statFile(absolutePath);
    // Configuration files are small: anything larger is not worth parsing.
    if (stamp === undefined || !stamp.isFile || stamp.size > MAX_CONFIG_BYTES) return undefined;
    try {
      return readTextFile(absolutePath);
    } catch {
      return undefined;
    }
  }

  listDirectory(relativePath: string): { name: string; isDirectory: boolean }[] {
    const absolutePath = this.#absolute(relativePath);
    this.#record(absolutePath);
    return this.listings.list(absolutePath).map((entry) => ({
      name: entry.name,
      // Symlinked directories count as directories, as the plain reader has it.
      isDirectory: entry.isDirectory() || (entry.isSymbolicLink() && statFile(`${absolutePath}/${entry.name}`)?.isDirectory === true),
    }));
  }

  /** Whether everything read is as it was (a racy read is never trusted). */
  isUnchanged(): boolean {
    if (this.#racy) return false;
    for (const [absolutePath, seen] of this.#seen) if (!sameSeen(seen, stampOf(absolutePath))) return false;
    return true;
  }
}
