import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { resolveImportedName } from '../ast/importBindings.js';
import { withSourceCounterparts } from './compiledPaths.js';
import { configObjectsOf, findCalls, findProperty, readBoolean, readString, type ConfigObject } from './configObjects.js';
import type { ConfigModule, InferenceContext } from './inferenceContext.js';
import { exportedValues, namedExportedConsts, where } from './moduleGraph.js';
import { nestRootOptions } from './nestModules.js';
import { isRecord, scriptFlagPaths, type PackageFacts } from './packageJson.js';
import { listed, type OrmFindings, type ReaderInput } from './ormFindings.js';
import { normaliseRelative } from './projectPaths.js';
import { readReferenceList } from './referenceList.js';

/** Where TypeORM data sources usually live; a bounded list, never a repository walk. */
export const TYPEORM_SEARCH_DIRECTORIES = ['', 'src', 'src/config', 'src/db', 'src/database'] as const;

const CONFIG_NAME = /^(?:ormconfig|.*data-?source.*|typeorm\.config)\.[cm]?[jt]s$/iu;
const NOT_CONFIG = /\.(?:d|spec|test)\.[cm]?[jt]s$/iu;
const TYPEORM_CLI = /typeorm/u;

/**
 * TypeORM: `new DataSource({ entities, migrations, entityPrefix })` (or exported options) in
 * data-source / ormconfig files, `ormconfig.json`, files passed to the CLI's `-d`, and NestJS
 * `TypeOrmModule.forRoot(...)`. Globs are relative to the working directory (the root).
 */
export function inferTypeorm({ context, packageFacts, listed: listedOrms }: ReaderInput, findings: OrmFindings): void {
  const files = typeormConfigFiles(context, packageFacts);
  const seen = new Set<TSESTree.Node>();
  let found = false;
  // A config that exists but cannot be read is named in its own note; "not found" would mislead.
  let candidateExists = false;
  for (const file of files) {
    if (context.entryKind(file) !== 'file') {
      context.note(`${file} (passed to the TypeORM CLI in package.json) does not exist.`);
      continue;
    }
    candidateExists = true;
    if (file.endsWith('.json')) {
      found = readOrmconfigJson(context, file, findings) || found;
      continue;
    }
    const loaded = context.loadModule(file);
    context.addSource(file);
    if (!loaded.ok) {
      context.note(`${file} was not read: ${loaded.reason}.`);
      continue;
    }
    const { objects, problems } = typeormOptionsIn(context, loaded.module);
    problems.forEach((problem) => context.note(problem));
    for (const object of objects) found = readOptions(context, object, file, seen, findings) || found;
  }
  for (const nest of nestRootOptions(context, 'TypeOrmModule')) {
    candidateExists = true;
    context.addSource(nest.file);
    nest.problems.forEach((problem) => context.note(problem));
    for (const object of nest.objects) found = readOptions(context, object, nest.file, seen, findings) || found;
  }
  if (found) findings.configured.add('typeorm');
  else if (listedOrms.has('typeorm') && !candidateExists) {
    context.note(
      'TypeORM is a dependency, but no DataSource options were found (looked for data-source, datasource, ormconfig and typeorm.config files in ' +
        `${TYPEORM_SEARCH_DIRECTORIES.map((directory) => (directory === '' ? 'the root' : directory)).join(', ')}, ` +
        "the CLI's -d in package.json scripts, and TypeOrmModule.forRoot in src/app.module.ts).",
    );
  }
}

/**
 * The files that may hold TypeORM options: those passed to the CLI's `-d` in package.json scripts,
 * then data-source / ormconfig / typeorm.config files (and `ormconfig.json`) in the usual directories.
 */
export function typeormConfigFiles(context: InferenceContext, packageFacts: PackageFacts): string[] {
  return [
    ...scriptFlagPaths(packageFacts, TYPEORM_CLI, ['-d', '--dataSource', '--data-source']),
    ...TYPEORM_SEARCH_DIRECTORIES.flatMap((directory) =>
      context.filesIn(directory, (name) => (CONFIG_NAME.test(name) && !NOT_CONFIG.test(name)) || name === 'ormconfig.json'),
    ),
  ].filter((file, index, all) => all.indexOf(file) === index);
}

/** Options passed to `new DataSource(...)`/`createConnection(...)`, else the module's exported options. */
function typeormOptionsIn(context: InferenceContext, module: ConfigModule): { objects: ConfigObject[]; problems: string[] } {
  const objects: ConfigObject[] = [];
  const problems: string[] = [];
  const calls = findCalls(module, (callee, node) => isDataSourceConstruction(callee, node, module));
  for (const call of calls) {
    const argument = call.arguments[0];
    if (argument === undefined || argument.type === AST_NODE_TYPES.SpreadElement) continue;
    const read = configObjectsOf(context, { node: argument, scope: module.lookup, module });
    objects.push(...read.objects);
    problems.push(...read.problems);
  }
  if (calls.length > 0) return { objects, problems };
  for (const value of [...namedExportedConsts(module), ...exportedValues(module)]) {
    const read = configObjectsOf(context, value);
    objects.push(...read.objects.filter((object) => ['entities', 'migrations', 'type'].some((key) => findProperty(context, object, key).kind !== 'absent')));
    problems.push(...read.problems);
  }
  return { objects, problems };
}

export function isDataSourceConstruction(callee: TSESTree.Expression, node: TSESTree.CallExpression | TSESTree.NewExpression, module: ConfigModule): boolean {
  const imported = resolveImportedName(callee, module.bindings);
  if (node.type === AST_NODE_TYPES.NewExpression) {
    if (imported !== undefined) return imported.source === 'typeorm' && imported.imported === 'DataSource';
    // An unbound `DataSource` in a data-source file is TypeORM's (a global re-export, a barrel).
    return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'DataSource';
  }
  return imported?.source === 'typeorm' && imported.imported === 'createConnection';
}

function readOptions(context: InferenceContext, options: ConfigObject, origin: string, seen: Set<TSESTree.Node>, findings: OrmFindings): boolean {
  // The same options object is often reached twice (data-source.ts and the Nest module importing it).
  if (seen.has(options.node)) return true;
  seen.add(options.node);
  const entities = readList(context, options, 'entities', origin);
  const migrations = readList(context, options, 'migrations', origin);
  findings.addModels(entities);
  findings.addMigrations(migrations);
  const prefix = findProperty(context, options, 'entityPrefix');
  if (prefix.kind === 'found') {
    const text = readString(prefix.value);
    if (text === undefined) context.note(`${where(prefix.value)}: entityPrefix is not a static string; table names are read without it.`);
    else findings.entityPrefix ??= text;
  }
  const autoLoad = findProperty(context, options, 'autoLoadEntities');
  if (autoLoad.kind === 'found' && readBoolean(autoLoad.value) !== false) {
    context.note(`${where(autoLoad.value)}: autoLoadEntities registers the entities of every TypeOrmModule.forFeature([...]); those are not inferred, set models to cover them.`);
  }
  context.note(`TypeORM options at ${where(options)}: entities ${listed(entities)}; migrations ${listed(migrations)}.`);
  return true;
}

function readList(context: InferenceContext, options: ConfigObject, key: 'entities' | 'migrations', origin: string): string[] {
  const property = findProperty(context, options, key);
  if (property.kind === 'absent') return [];
  if (property.kind === 'unknown') {
    context.note(`${where(options)}: ${key} was not read: ${property.reason}.`);
    return [];
  }
  const { globs, problems } = readReferenceList(context, property.value, { what: key, cwdDirectory: '', toGlobs: (path) => [path] });
  problems.forEach((problem) => context.note(problem));
  return withSourceCounterparts(context, globs, origin);
}

/** `ormconfig.json`: one options object or an array of them, paths relative to the root. */
function readOrmconfigJson(context: InferenceContext, file: string, findings: OrmFindings): boolean {
  const json = context.readJson(file);
  context.addSource(file);
  if (json === undefined || !json.ok) {
    context.note(`${file} was not read: ${json?.reason ?? 'it could not be read'}.`);
    return false;
  }
  const configs = Array.isArray(json.value) ? json.value : [json.value];
  for (const [index, config] of configs.entries()) {
    if (!isRecord(config)) continue;
    const label = configs.length > 1 ? `${file} [${index}]` : file;
    const entities = withSourceCounterparts(context, jsonStrings(context, config.entities, `${label} entities`), file);
    const migrations = withSourceCounterparts(context, jsonStrings(context, config.migrations, `${label} migrations`), file);
    findings.addModels(entities);
    findings.addMigrations(migrations);
    if (typeof config.entityPrefix === 'string') findings.entityPrefix ??= config.entityPrefix;
    context.note(`TypeORM options in ${label}: entities ${listed(entities)}; migrations ${listed(migrations)}.`);
  }
  return true;
}

function jsonStrings(context: InferenceContext, value: unknown, label: string): string[] {
  if (value === undefined) return [];
  const list: unknown[] = Array.isArray(value) ? value : [value];
  const strings = list.filter((entry): entry is string => typeof entry === 'string');
  if (strings.length !== list.length) context.note(`${label}: entries that are not strings were skipped.`);
  return strings.flatMap((entry) => {
    const normalised = normaliseRelative(entry);
    if (normalised === undefined || normalised === '') {
      context.note(`${label}: ${entry} is not a path inside the project root and was skipped.`);
      return [];
    }
    return [normalised];
  });
}
