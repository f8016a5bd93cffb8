import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { isStackOverflow, NESTED_TOO_DEEPLY } from '../stackOverflow.js';
import { observeDirectory, observeParentOf } from './directoryWatch.js';

/**
 * A text file's contents, decoded by its byte-order mark: UTF-8 (BOM dropped, as editors and
 * ESLint do), UTF-16 LE or BE (what some Windows SQL tools save); UTF-8 when there is none.
 * Throws what `readFileSync` throws.
 */
export function readTextFile(absolutePath: string): string {
  const bytes = readFileSync(absolutePath);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.toString('utf8', 3);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le', 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    // Big-endian: swap each byte pair (a dangling odd byte is dropped) and decode as little-endian.
    const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    return swapped.swap16().toString('utf16le');
  }
  return bytes.toString('utf8');
}

/** A file's identity for cache validation: content changes almost always change one of these. */
export interface FileStamp {
  readonly mtimeMs: number;
  readonly size: number;
}

export function statFile(absolutePath: string): (FileStamp & { isFile: boolean; isDirectory: boolean }) | undefined {
  // Watched first, so a change after this stat is always followed by an event (long-lived processes).
  observeParentOf(absolutePath);
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
  /** The stamp is too close to the read to be trusted: the file is read again next time. */
  readonly racy: boolean;
  /**
   * The text the facts were read from: kept while racy (to tell a real change from a re-read of
   * the same text) and, when the cache keeps texts, for {@link FileFactsCache.factsForText}.
   */
  readonly text: string | undefined;
}

/** Texts up to this length are kept when asked (a migration or model is a few KB); longer ones are read again. */
const MAX_KEPT_TEXT_LENGTH = 256 * 1024;

const MEGABYTE = 1024 * 1024;
/** Far above any real migration or model (a 50 MB SQL dump is read), far below V8's string limit. */
export const MAX_FILE_BYTES = 256 * MEGABYTE;

/**
 * Per-file facts (never ASTs) keyed by absolute path and validated by mtime + size,
 * so a long-lived process re-reads only files that changed. Negative results are cached too.
 */
export class FileFactsCache<T> {
  readonly #entries = new Map<string, CachedFacts<T>>();

  constructor(
    private readonly readFacts: (absolutePath: string, text: string) => T,
    private readonly unreadable: (reason: string) => T,
    /** How a file's text is read; tests pass one that changes the disk between stat and read. */
    private readonly readText: (absolutePath: string) => string = readTextFile,
    /** Keep the text of each file read, for {@link factsForText}. */
    private readonly keepTexts = false,
  ) {}

  /**
   * The facts last read from this file if they were read from exactly `text` (ESLint's text of a
   * linted file that is saved): the caller need not read them again from its own AST.
   */
  factsForText(absolutePath: string, text: string): T | undefined {
    const cached = this.#entries.get(absolutePath);
    // One comparison of two flat strings: far cheaper than reading facts from an AST again.
    return cached !== undefined && cached.text === text ? cached.facts : undefined;
  }

  /** The file's facts, re-read if it changed; `undefined` if it no longer exists. */
  get(absolutePath: string): T | undefined {
    const stamp = statFile(absolutePath);
    if (stamp === undefined || !stamp.isFile) {
      this.#entries.delete(absolutePath);
      return undefined;
    }
    const cached = this.#entries.get(absolutePath);
    if (cached !== undefined && !cached.racy && sameStamp(cached.stamp, stamp)) return cached.facts;
    if (stamp.size > MAX_FILE_BYTES) {
      // Not even loaded: a file this size is a data dump or an accident, and would cost the lint its memory.
      const facts = this.unreadable(`is larger than ${MAX_FILE_BYTES / MEGABYTE} MB, so it was not read`);
      this.#entries.set(absolutePath, { stamp, facts, racy: false, text: undefined });
      return facts;
    }

    let text: string;
    try {
      text = this.readText(absolutePath);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Deleted (or replaced by a directory) between listing and reading counts as gone; anything
      // else (permissions, I/O) is unreadable, and says so.
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
        this.#entries.delete(absolutePath);
        return undefined;
      }
      const facts = this.unreadable(`cannot be read (${code ?? 'I/O error'})`);
      this.#entries.set(absolutePath, { stamp, facts, racy: false, text: undefined });
      return facts;
    }
    const readAt = Date.now();
    // A racy entry re-read with the same text: the same facts object, which tells the index nothing changed.
    const facts = cached?.racy === true && cached.text === text ? cached.facts : this.#readFactsSafely(absolutePath, text);
    const racy = isRacy(stamp, readAt);
    const keep = racy || (this.keepTexts && text.length <= MAX_KEPT_TEXT_LENGTH);
    this.#entries.set(absolutePath, { stamp, facts, racy, text: keep ? text : undefined });
    return facts;
  }

  /** Readers promise not to throw; should one break that promise, the file is unreadable, not the lint. */
  #readFactsSafely(absolutePath: string, text: string): T {
    try {
      return this.readFacts(absolutePath, text);
    } catch (error) {
      return this.unreadable(`could not be read (${describeReadError(error)})`);
    }
  }

  /** Forget one file: the next `get` reads it again (its facts depend on more than its own text). */
  forget(absolutePath: string): void {
    this.#entries.delete(absolutePath);
  }

  /** Forget files that are no longer listed, so the cache does not grow with deleted files. */
  retainOnly(absolutePaths: ReadonlySet<string>): void {
    for (const key of this.#entries.keys()) if (!absolutePaths.has(key)) this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}

/** A thrown error as a short reason; a stack overflow says what it means for the file. */
export function describeReadError(error: unknown): string {
  if (isStackOverflow(error)) return `it is ${NESTED_TOO_DEEPLY}`;
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
}

interface CachedListing {
  readonly mtimeMs: number;
  readonly racy: boolean;
  readonly entries: readonly Dirent[];
  /** The error code when the directory exists but could not be listed (`EACCES`). */
  readonly failure: string | undefined;
}

/**
 * Directory listings validated by the directory's own mtime, which changes whenever an entry is
 * added, removed or renamed, so an unchanged directory costs one stat.
 */
export class DirectoryListingCache {
  readonly #listings = new Map<string, CachedListing>();

  list(absoluteDirectory: string): readonly Dirent[] {
    observeDirectory(absoluteDirectory);
    const stamp = statFile(absoluteDirectory);
    if (stamp === undefined || !stamp.isDirectory) {
      this.#listings.delete(absoluteDirectory);
      return [];
    }
    const cached = this.#listings.get(absoluteDirectory);
    if (cached !== undefined && !cached.racy && cached.mtimeMs === stamp.mtimeMs) return cached.entries;
    let entries: Dirent[] = [];
    let failure: string | undefined;
    try {
      entries = readdirSync(absoluteDirectory, { withFileTypes: true });
    } catch (error) {
      failure = (error as NodeJS.ErrnoException).code ?? 'I/O error';
    }
    // A failed listing is retried next time: fixing permissions does not change the directory's mtime.
    const racy = failure !== undefined || isRacy(stamp, Date.now());
    this.#listings.set(absoluteDirectory, { mtimeMs: stamp.mtimeMs, racy, entries, failure });
    return entries;
  }

  /** Why the directory's last listing failed (`EACCES`); undefined when it was listed or is gone. */
  failure(absoluteDirectory: string): string | undefined {
    return this.#listings.get(absoluteDirectory)?.failure;
  }

  clear(): void {
    this.#listings.clear();
  }
}
