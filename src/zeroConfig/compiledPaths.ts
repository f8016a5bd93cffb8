import type { InferenceContext } from './inferenceContext.js';
import { isRecord } from './packageJson.js';
import { joinRelative, parentOf } from './projectPaths.js';

/** How tsc maps sources to output: `rootDir/x.ts` → `outDir/x.js` (both root-relative). */
export interface OutputMapping {
  readonly outDir: string;
  readonly rootDir: string;
}

/** Directories compiled output conventionally goes to, for the note when no mapping is known. */
const OUTPUT_DIRECTORY = /^(dist|build|out|lib)(\/|$)/u;
const MAX_EXTENDS = 4;

/**
 * The outDir → rootDir mapping from tsconfig.json (and the relative files it `extends`), when
 * both are written down. tsc infers rootDir from the input files otherwise, which is not
 * something to guess.
 */
export function readOutputMapping(context: InferenceContext): OutputMapping | undefined {
  let outDir: string | undefined;
  let rootDir: string | undefined;
  let file: string | undefined = 'tsconfig.json';
  for (let step = 0; file !== undefined && step < MAX_EXTENDS && (outDir === undefined || rootDir === undefined); step++) {
    const json = context.readJson(file, { comments: true });
    if (json === undefined || !json.ok || !isRecord(json.value)) break;
    context.addSource(file);
    const options = isRecord(json.value.compilerOptions) ? json.value.compilerOptions : {};
    const directory = parentOf(file);
    if (outDir === undefined && typeof options.outDir === 'string') outDir = joinRelative(directory, options.outDir);
    if (rootDir === undefined && typeof options.rootDir === 'string') rootDir = joinRelative(directory, options.rootDir);
    const extended = json.value.extends;
    file = typeof extended === 'string' && extended.startsWith('.') ? joinRelative(directory, extended.endsWith('.json') ? extended : `${extended}.json`) : undefined;
  }
  if (outDir === undefined || rootDir === undefined || outDir === '' || outDir === rootDir) return undefined;
  return { outDir, rootDir };
}

/** Whether a glob points at compiled JavaScript output rather than sources. */
export function looksCompiled(glob: string, mapping: OutputMapping | undefined): boolean {
  const underOutput = mapping === undefined ? OUTPUT_DIRECTORY.test(glob) : glob === mapping.outDir || glob.startsWith(`${mapping.outDir}/`);
  return underOutput && /js\b/u.test(glob);
}

/** The source-side glob of a compiled-output glob: `dist/**\/*.entity.js` → `src/**\/*.entity.ts`. */
export function sourceCounterpart(glob: string, mapping: OutputMapping): string | undefined {
  if (!looksCompiled(glob, mapping)) return undefined;
  const rest = glob.slice(mapping.outDir.length).replace(/^\//u, '');
  const sourceGlob = rest.replace(/(^|[.{,])([cm]?)js(?=$|[,}])/gu, (_match, before: string, flavour: string) => `${before}${flavour}ts`);
  return mapping.rootDir === '' ? sourceGlob : `${mapping.rootDir}/${sourceGlob}`;
}

/**
 * Adds each compiled glob's source counterpart when tsconfig.json says how sources map to
 * output; otherwise keeps the glob and says that sources are not covered.
 */
export function withSourceCounterparts(context: InferenceContext, globs: readonly string[], origin: string): string[] {
  // tsconfig.json is read only when some glob names JavaScript outside the usual source folder.
  if (!globs.some((glob) => /js\b/u.test(glob) && !glob.startsWith('src/'))) return [...globs];
  const mapping = readOutputMapping(context);
  const result: string[] = [];
  for (const glob of globs) {
    result.push(glob);
    if (!looksCompiled(glob, mapping)) continue;
    const counterpart = mapping === undefined ? undefined : sourceCounterpart(glob, mapping);
    if (counterpart === undefined) {
      context.note(
        `${glob} (from ${origin}) points at compiled output and tsconfig.json declares no outDir and rootDir to map it back: ` +
          'the TypeScript sources are not covered; set models/migrations to include them.',
      );
    } else {
      result.push(counterpart);
    }
  }
  return result;
}
