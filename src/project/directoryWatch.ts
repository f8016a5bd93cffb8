import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

/**
 * Change notifications for the directories the project index has looked at, so a long-lived
 * process (an editor) need not stat every model and migration before each lint while nothing
 * changed: at 8,000 files those stats cost 8 to 15 ms a lint, for what is usually no change at all.
 *
 * How it stays correct:
 * - A directory is watched before anything in it is stat'ed or listed (`observe` is called first),
 *   so a change after the index looked is always followed by an event.
 * - Every event bumps one counter; an index revalidates everything (the stats it always did) when
 *   the counter moved since its last revalidation. Which file changed does not matter.
 * - A watcher that fired is closed and forgotten, and the revalidation that follows watches again
 *   whatever it still looks at: a deleted and recreated directory is never left with a dead watch.
 * - The kernel queues the event when the change is made, and the event loop delivers it before a
 *   lint request that arrives later (an editor's next request, a `lintFiles` that reads files).
 *   A change made by the same process in the same tick as a synchronous lint is seen by the lint
 *   after it. Where events can be lost (network and container file systems), revalidation still
 *   happens at least every `WATCHED_REVALIDATION_MS`.
 * - Any failure to watch (no inotify watches left, an unsupported platform) turns watching off for
 *   the process, and indexes go back to stat'ing before every lint.
 *
 * Not used on Windows, where a watched directory cannot be recreated under the same name until its
 * watcher is closed (`rm -rf dir && mkdir dir` fails), nor in single CLI runs, whose index is frozen.
 */
const watchers = new Map<string, FSWatcher>();
/** Directories found missing since the last change: watched through their nearest existing parent. */
const missing = new Set<string>();
let enabled = false;
let changes = 0;
let failure: string | undefined;

/** Even with quiet watchers an index revalidates this often, for file systems whose events get lost. */
export const WATCHED_REVALIDATION_MS = 1000;

/** Turns watching on for this process (the first long-lived index with the default lifetime does). */
export function enableDirectoryWatch(): void {
  enabled = process.platform !== 'win32';
}

/** Whether an index may trust the counter: watching is on and nothing failed. */
export function isWatching(): boolean {
  return enabled && failure === undefined;
}

/** Why watching was turned off, for debug output. */
export function watchFailure(): string | undefined {
  return failure;
}

/** Moves whenever a watched directory reports a change. */
export function changeCount(): number {
  return changes;
}

/** Watch the directory holding `absolutePath` (a file or directory about to be stat'ed). */
export function observeParentOf(absolutePath: string): void {
  if (!enabled || failure !== undefined) return;
  // Called before every stat of a revalidation: the common case (already watched) stays a slice and a lookup.
  const cut = absolutePath.lastIndexOf('/');
  const directory = cut > 0 ? absolutePath.slice(0, cut) : path.dirname(absolutePath);
  if (!watchers.has(directory)) observeDirectory(directory);
}

/** Watch `absoluteDirectory` itself (about to be listed), or its nearest existing parent if it is missing. */
export function observeDirectory(absoluteDirectory: string): void {
  if (!enabled || failure !== undefined) return;
  let directory = absoluteDirectory;
  for (;;) {
    if (watchers.has(directory) || missing.has(directory)) return;
    try {
      const watcher = watch(directory, { persistent: false }, () => {
        changed(directory);
      });
      watcher.on('error', () => {
        changed(directory);
      });
      watchers.set(directory, watcher);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Missing, or not ours to read: a change to it (creation, new permissions) shows in its parent.
      if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'EACCES' && code !== 'EPERM') {
        failure = `watching ${directory} failed (${code ?? String(error)})`;
        closeAll();
        return;
      }
      missing.add(directory);
      const parent = path.dirname(directory);
      if (parent === directory) return;
      directory = parent;
    }
  }
}

function changed(directory: string): void {
  changes++;
  missing.clear();
  watchers.get(directory)?.close();
  watchers.delete(directory);
}

function closeAll(): void {
  for (const watcher of watchers.values()) watcher.close();
  watchers.clear();
  missing.clear();
}

/** Closes every watcher and forgets everything (clearCaches). */
export function resetDirectoryWatch(): void {
  closeAll();
  enabled = false;
  failure = undefined;
  changes++;
}

/** How many directories are watched (tests). */
export function watchedDirectoryCount(): number {
  return watchers.size;
}
