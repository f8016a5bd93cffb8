import { createGlobMatcher, globWalkBase } from '../project/globMatcher.js';
import type { InferenceContext } from '../zeroConfig/inferenceContext.js';

/** Directories that never hold a project's own modules. */
const NEVER_WALKED = new Set(['node_modules', '.git']);

export interface WalkOptions {
  /** Whether a file (root-relative) is wanted. */
  readonly accept: (path: string) => boolean;
  /** Whether to skip a directory by its name (node_modules and .git are always skipped). */
  readonly skipDirectory?: (name: string) => boolean;
  /** Descend into subdirectories (true by default). */
  readonly recursive?: boolean;
  readonly maxDirectories: number;
}

export interface WalkResult {
  /** Root-relative, in a stable order. */
  readonly files: string[];
  /** False when the walk stopped at `maxDirectories`: then `files` is a part of what exists. */
  readonly complete: boolean;
  readonly directoriesVisited: number;
}

/** Files under `roots` (root-relative directories), read through the context: bounded, never throws. */
export function walkFiles(context: InferenceContext, roots: readonly string[], options: WalkOptions): WalkResult {
  const files: string[] = [];
  const stack = [...roots].reverse();
  const visited = new Set<string>();
  let directories = 0;
  while (stack.length > 0) {
    const directory = stack.pop();
    if (directory === undefined) break;
    if (visited.has(directory)) continue;
    visited.add(directory);
    if (++directories > options.maxDirectories) return { files, complete: false, directoriesVisited: directories - 1 };
    const children: string[] = [];
    for (const entry of context.list(directory)) {
      const path = directory === '' ? entry.name : `${directory}/${entry.name}`;
      if (!entry.isDirectory) {
        if (options.accept(path)) files.push(path);
      } else if (options.recursive !== false && !NEVER_WALKED.has(entry.name) && options.skipDirectory?.(entry.name) !== true) {
        children.push(path);
      }
    }
    for (const child of children.reverse()) stack.push(child);
  }
  return { files, complete: true, directoriesVisited: directories };
}

/** JS/TS modules, not declaration files. */
export function isModuleFile(path: string): boolean {
  return /\.[cm]?[jt]sx?$/u.test(path) && !/\.d\.[cm]?ts$/u.test(path);
}

/**
 * The module files `globs` match (minus `skipped`), walking only below each glob's static prefix.
 * Bounded by `maxDirectories` over all globs.
 */
export function filesMatching(context: InferenceContext, globs: readonly string[], skipped: readonly string[], maxDirectories: number): WalkResult {
  const include = createGlobMatcher(globs);
  const exclude = createGlobMatcher(skipped);
  const accept = (path: string): boolean => isModuleFile(path) && include.matches(path) && !exclude.matches(path);
  const files: string[] = [];
  let visited = 0;
  for (const glob of globs) {
    const { base, recursive } = globWalkBase(glob);
    if (context.entryKind(base) === 'file') {
      if (accept(base) && !files.includes(base)) files.push(base);
      continue;
    }
    const walked = walkFiles(context, [base], { accept, recursive, maxDirectories: maxDirectories - visited });
    visited += walked.directoriesVisited;
    for (const file of walked.files) if (!files.includes(file)) files.push(file);
    if (!walked.complete) return { files, complete: false, directoriesVisited: visited };
  }
  return { files, complete: true, directoriesVisited: visited };
}
