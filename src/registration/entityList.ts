import type { InferenceContext } from '../zeroConfig/inferenceContext.js';
import { looksCompiled, readOutputMapping, sourceCounterpart, type OutputMapping } from '../zeroConfig/compiledPaths.js';
import type { ValueRef } from '../zeroConfig/moduleGraph.js';
import { readReferenceList } from '../zeroConfig/referenceList.js';
import type { RegisteredClass } from './registrationTypes.js';

/** What one `entities`/`models` list (or several merged) registers. */
export interface EntityList {
  readonly globs: string[];
  readonly classes: RegisteredClass[];
  /** Entries that could not be read, each a sentence naming file and line. */
  readonly unreadable: string[];
  /**
   * Globs and class files in compiled output that tsconfig.json does not map back to sources: they
   * may load any source file, so the caller decides whether they make the config unreadable.
   */
  readonly compiledUnmapped: string[];
}

export function emptyEntityList(): EntityList {
  return { globs: [], classes: [], unreadable: [], compiledUnmapped: [] };
}

export function mergeEntityLists(target: EntityList, source: EntityList): void {
  for (const glob of source.globs) if (!target.globs.includes(glob)) target.globs.push(glob);
  for (const entry of source.classes) if (!target.classes.some((known) => known.file === entry.file && known.name === entry.name)) target.classes.push(entry);
  target.unreadable.push(...source.unreadable.filter((entry) => !target.unreadable.includes(entry)));
  target.compiledUnmapped.push(...source.compiledUnmapped.filter((entry) => !target.compiledUnmapped.includes(entry)));
}

export interface EntityListOptions {
  /** What the list is called in messages (`entities`, `TypeOrmModule.forFeature`…). */
  readonly what: string;
  /** Root-relative directory relative paths are resolved against (the ORM's working directory). */
  readonly cwdDirectory: string;
  /** Turns a path written in the config into the glob(s) the ORM loads. */
  readonly toGlobs: (projectPath: string) => readonly string[];
  /** Attached to every class of the list (how it is registered, when not by the config itself). */
  readonly via?: string;
}

/**
 * Reads a list of entity references as the ORM loads them: path and glob strings, classes by name
 * (through imports, re-exports and barrels), `Object.values(ns)` export by export. Compiled-output
 * globs and class files are mapped back to their sources when tsconfig.json says how.
 */
export function readEntityList(context: InferenceContext, list: ValueRef, options: EntityListOptions): EntityList {
  const read = readReferenceList(context, list, { what: options.what, cwdDirectory: options.cwdDirectory, toGlobs: options.toGlobs, classesByName: true });
  const classes = read.classes.map((entry) => (options.via === undefined ? { ...entry } : { ...entry, via: options.via }));
  return withSources(context, { globs: [...read.globs], classes, unreadable: [...read.problems], compiledUnmapped: [] });
}

/** Adds the source counterpart of each compiled glob and class file, or lists it as unmapped. */
export function withSources(context: InferenceContext, list: EntityList): EntityList {
  const compiled = (path: string): boolean => /js\b/u.test(path) && !path.startsWith('src/');
  if (!list.globs.some(compiled) && !list.classes.some((entry) => compiled(entry.file))) return list;
  // tsconfig.json is read only when something names JavaScript outside the usual source folder.
  const mapping = readOutputMapping(context);
  const globs: string[] = [];
  const compiledUnmapped = [...list.compiledUnmapped];
  for (const glob of list.globs) {
    globs.push(glob);
    const source = counterpartOf(glob, mapping);
    if (source === null) compiledUnmapped.push(glob);
    else if (source !== undefined && !globs.includes(source)) globs.push(source);
  }
  const classes: RegisteredClass[] = [];
  for (const entry of list.classes) {
    classes.push(entry);
    const source = counterpartOf(entry.file, mapping);
    if (source === null) compiledUnmapped.push(entry.file);
    else if (source !== undefined) classes.push({ ...entry, file: source });
  }
  return { globs, classes, unreadable: list.unreadable, compiledUnmapped };
}

/** The source-side path of compiled output; `undefined` when `path` is not compiled output, `null` when it cannot be mapped. */
function counterpartOf(path: string, mapping: OutputMapping | undefined): string | null | undefined {
  if (!looksCompiled(path, mapping)) return undefined;
  return (mapping === undefined ? undefined : sourceCounterpart(path, mapping)) ?? null;
}

/** The sentence for compiled globs that cannot be mapped back to sources. */
export function describeCompiledUnmapped(paths: readonly string[], origin: string): string[] {
  return paths.map(
    (path) => `${path} (from ${origin}) points at compiled output, and tsconfig.json declares no outDir and rootDir to map it back to the sources it was built from.`,
  );
}
