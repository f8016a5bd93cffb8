import { withSourceCounterparts } from './compiledPaths.js';
import { configObjectsOf, findProperty, readString, type ConfigObject } from './configObjects.js';
import type { InferenceContext } from './inferenceContext.js';
import { exportedValues, where } from './moduleGraph.js';
import { nestRootOptions } from './nestModules.js';
import { isRecord, scriptFlagPaths, type PackageFacts } from './packageJson.js';
import { listed, type OrmFindings, type ReaderInput } from './ormFindings.js';
import { readProjectPath } from './pathExpressions.js';
import { globUnder, isGlobPattern, joinRelative, normaliseRelative } from './projectPaths.js';
import { readReferenceList } from './referenceList.js';

/** MikroORM 6's `migrations.glob` default (Configuration.DEFAULTS). */
export const MIKRO_MIGRATIONS_GLOB = '!(*.d).{js,ts,cjs}';
/** What MikroORM's discovery loads from a folder (globby expands it; it keeps `.[cm]?[jt]s`). */
const MIKRO_FOLDER_FILES = '**/*.{js,ts,mjs,mts,cjs,cts}';
const MIKRO_CLI = /mikro-orm/u;

/**
 * MikroORM: the config file its CLI would load (`--config` in scripts, package.json
 * `mikro-orm.configPaths`, then `src/mikro-orm.config.ts`, `mikro-orm.config.ts`,
 * `{dist|build|src}/mikro-orm.config.js`, `mikro-orm.config.js`: the first that exists), and
 * NestJS `MikroOrmModule.forRoot(...)`. Reads `entities`, `entitiesTs`, `baseDir` and
 * `migrations: { path, pathTs, glob }` with MikroORM 6's defaults.
 */
export function inferMikroOrm({ context, packageFacts, listed: listedOrms }: ReaderInput, findings: OrmFindings): void {
  const candidates = mikroConfigCandidates(context, packageFacts);
  const file = candidates.find((candidate) => context.entryKind(candidate) === 'file');
  let found = false;
  if (file !== undefined) {
    context.addSource(file);
    const loaded = context.loadModule(file);
    if (loaded.ok) {
      for (const value of exportedValues(loaded.module)) {
        const read = configObjectsOf(context, value);
        read.problems.forEach((problem) => context.note(problem));
        for (const options of read.objects) readOptions(context, options, file, findings);
        found ||= read.objects.length > 0;
      }
      if (!found) context.note(`${file} was read, but no exported MikroORM options object was found in it.`);
    } else {
      context.note(`${file} was not read: ${loaded.reason}.`);
    }
  }
  for (const nest of nestRootOptions(context, 'MikroOrmModule')) {
    context.addSource(nest.file);
    nest.problems.forEach((problem) => context.note(problem));
    for (const options of nest.objects) readOptions(context, options, nest.file, findings);
    found ||= nest.objects.length > 0;
  }
  if (found) findings.configured.add('mikro-orm');
  else if (listedOrms.has('mikro-orm') && file === undefined) {
    context.note(`MikroORM is a dependency, but none of its config files exists (${candidates.join(', ')}).`);
  }
}

/** The MikroORM CLI's config candidates, in its order of preference (the first that exists wins). */
export function mikroConfigCandidates(context: InferenceContext, packageFacts: PackageFacts): string[] {
  const settings = packageFacts.raw['mikro-orm'];
  const configPaths = isRecord(settings) && Array.isArray(settings.configPaths) ? settings.configPaths : [];
  const output = context.entryKind('dist') === 'directory' ? 'dist' : context.entryKind('build') === 'directory' ? 'build' : 'src';
  return [
    ...scriptFlagPaths(packageFacts, MIKRO_CLI, ['--config']),
    ...configPaths.flatMap((path) => {
      const normalised = typeof path === 'string' ? normaliseRelative(path) : undefined;
      return normalised === undefined || normalised === '' ? [] : [normalised];
    }),
    'src/mikro-orm.config.ts',
    'mikro-orm.config.ts',
    `${output}/mikro-orm.config.js`,
    'mikro-orm.config.js',
  ].filter((path, index, all) => all.indexOf(path) === index);
}

function readOptions(context: InferenceContext, options: ConfigObject, origin: string, findings: OrmFindings): void {
  const baseDir = readBaseDir(context, options);
  const toGlobs = (path: string): string[] => [mikroEntityGlob(context, path)];
  const entities = readList(context, options, 'entities', baseDir, toGlobs);
  const entitiesTs = readList(context, options, 'entitiesTs', baseDir, toGlobs);
  // With `entitiesTs` the sources are named; otherwise compiled `entities` are mapped back if possible.
  const models = entitiesTs.length > 0 ? [...entities, ...entitiesTs] : withSourceCounterparts(context, entities, origin);
  const migrations = readMigrations(context, options, baseDir, origin);
  findings.addModels(models);
  findings.addMigrations(migrations);
  context.note(`MikroORM options at ${where(options)}: entities ${listed(models)}; migrations ${listed(migrations)}.`);
}

/** `baseDir` (paths are relative to it), the root by default. */
export function readBaseDir(context: InferenceContext, options: ConfigObject): string {
  const property = findProperty(context, options, 'baseDir');
  if (property.kind !== 'found') return '';
  const path = readProjectPath(context, property.value, '');
  if (path.ok) return path.path;
  context.note(`${where(property.value)}: baseDir was not read (${path.reason}); paths are taken relative to the project root.`);
  return '';
}

/** What MikroORM loads for an `entities` path: a glob or file as written, a folder's modules. */
export function mikroEntityGlob(context: InferenceContext, path: string): string {
  if (isGlobPattern(path) || /\.[cm]?[jt]s$/u.test(path) || context.entryKind(path) === 'file') return path;
  return globUnder(path, MIKRO_FOLDER_FILES);
}

function readList(context: InferenceContext, options: ConfigObject, key: string, baseDir: string, toGlobs: (path: string) => string[]): string[] {
  const property = findProperty(context, options, key);
  if (property.kind === 'absent') return [];
  if (property.kind === 'unknown') {
    context.note(`${where(options)}: ${key} was not read: ${property.reason}.`);
    return [];
  }
  const { globs, problems } = readReferenceList(context, property.value, { what: key, cwdDirectory: baseDir, toGlobs });
  problems.forEach((problem) => context.note(problem));
  return [...globs];
}

/**
 * `migrations: { path, pathTs, glob }`. Without `path`/`pathTs`, MikroORM 6 uses `./migrations`
 * unless that folder is missing and `src/` exists: then `{dist|build|src}/migrations` and
 * `src/migrations` for TypeScript (Configuration.detectSourceFolder).
 */
function readMigrations(context: InferenceContext, options: ConfigObject, baseDir: string, origin: string): string[] {
  const property = findProperty(context, options, 'migrations');
  if (property.kind === 'unknown') {
    context.note(`${where(options)}: migrations was not read: ${property.reason}.`);
    return [];
  }
  let migrationOptions: ConfigObject | undefined;
  if (property.kind === 'found') {
    const read = configObjectsOf(context, property.value);
    read.problems.forEach((problem) => context.note(problem));
    migrationOptions = read.objects[0];
    if (migrationOptions === undefined) return [];
  }
  const readPath = (key: string): string | undefined => {
    if (migrationOptions === undefined) return undefined;
    const value = findProperty(context, migrationOptions, key);
    if (value.kind !== 'found') return undefined;
    const path = readProjectPath(context, value.value, baseDir);
    if (!path.ok) context.note(`${where(value.value)}: migrations.${key} was not read: ${path.reason}.`);
    return path.ok ? path.path : undefined;
  };
  const globProperty = migrationOptions === undefined ? undefined : findProperty(context, migrationOptions, 'glob');
  const glob = (globProperty?.kind === 'found' ? readString(globProperty.value) : undefined) ?? MIKRO_MIGRATIONS_GLOB;
  let path = readPath('path');
  let pathTs = readPath('pathTs');
  if (path === undefined && pathTs === undefined) ({ path, pathTs } = defaultMigrationFolders(context, baseDir));
  const globs = [path, pathTs].flatMap((folder) => (folder === undefined ? [] : [globUnder(folder, glob)]));
  const unique = globs.filter((entry, index) => globs.indexOf(entry) === index);
  return pathTs === undefined ? withSourceCounterparts(context, unique, origin) : unique;
}

function defaultMigrationFolders(context: InferenceContext, baseDir: string): { path: string | undefined; pathTs: string | undefined } {
  const at = (folder: string): string => joinRelative(baseDir, folder) ?? folder;
  if (context.entryKind(at('migrations')) === 'directory' || context.entryKind(at('src')) !== 'directory') return { path: at('migrations'), pathTs: undefined };
  const output = context.entryKind(at('dist')) === 'directory' ? 'dist' : context.entryKind(at('build')) === 'directory' ? 'build' : 'src';
  return { path: at(`${output}/migrations`), pathTs: at('src/migrations') };
}
