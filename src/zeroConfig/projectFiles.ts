import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { readTextFile } from '../project/fileStateCache.js';

/**
 * The only way zero-config inference touches the disk: text of files and names of directory
 * entries, by root-relative POSIX path. The plugin passes a cached implementation; tests and
 * one-off callers use {@link createFsProjectFileReader}.
 */
export interface ProjectFileReader {
  /** UTF-8 text of a root-relative POSIX path, or undefined if missing/unreadable. */
  readText(relativePath: string): string | undefined;
  /** Names of entries in a root-relative directory ('' = root), [] if missing. */
  listDirectory(relativePath: string): { name: string; isDirectory: boolean }[];
}

/** Config files are small; anything bigger is not a config file worth parsing. */
const MAX_TEXT_BYTES = 2 * 1024 * 1024;

/** A reader over the plain file system, with no caching. Never throws. */
export function createFsProjectFileReader(rootDir: string): ProjectFileReader {
  const absolute = (relativePath: string): string => path.join(rootDir, ...relativePath.split('/').filter((part) => part !== ''));
  return {
    readText(relativePath) {
      try {
        const file = absolute(relativePath);
        const stats = statSync(file);
        if (!stats.isFile() || stats.size > MAX_TEXT_BYTES) return undefined;
        return readTextFile(file);
      } catch {
        return undefined;
      }
    },
    listDirectory(relativePath) {
      try {
        const directory = absolute(relativePath);
        return readdirSync(directory, { withFileTypes: true }).map((entry) => ({
          name: entry.name,
          isDirectory: entry.isDirectory() || (entry.isSymbolicLink() && isDirectoryTarget(path.join(directory, entry.name))),
        }));
      } catch {
        return [];
      }
    },
  };
}

function isDirectoryTarget(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false; // a broken link is neither
  }
}
