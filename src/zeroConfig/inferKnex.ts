import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { resolveConstExpression, unwrapExpression } from '../ast/staticString.js';
import { configObjectsOf, findProperty, readString, type ConfigObject } from './configObjects.js';
import type { InferenceContext } from './inferenceContext.js';
import { exportedValues, where, type ValueRef } from './moduleGraph.js';
import { scriptFlagPaths } from './packageJson.js';
import { listed, type OrmFindings, type ReaderInput } from './ormFindings.js';
import { readProjectPath } from './pathExpressions.js';
import { extensionGlob, globUnder, parentOf } from './projectPaths.js';

/** knex's FsMigrations DEFAULT_LOAD_EXTENSIONS, less the CoffeeScript family nobody lints. */
export const KNEX_DEFAULT_EXTENSIONS = ['.js', '.cjs', '.ts'] as const;
const KNEXFILE = /^knexfile\.[cm]?[jt]s$/u;
const KNEX_CLI = /(^|\/)knex(\.js)?$|knex\/bin\/cli/u;
/** Knexfiles outside the root are only found here; the CLI itself looks in the working directory. */
const OTHER_DIRECTORIES = ['src', 'db', 'database', 'src/db', 'src/database'] as const;
/** Keys of a single knex config (as opposed to a map of environments). */
const CONFIG_KEYS = ['client', 'connection', 'migrations', 'seeds', 'pool', 'useNullAsDefault', 'searchPath'];

/**
 * Knex (and Objection, which uses knex's migrations): the knexfile's `migrations.directory`
 * (string or array; a map of environments gives the union), default `./migrations`, with
 * `migrations.loadExtensions`. The knex CLI changes into the knexfile's directory, so relative
 * paths are relative to it; `--knexfile` in package.json scripts is honoured.
 */
export function inferKnex({ context, packageFacts, listed: listedOrms }: ReaderInput, findings: OrmFindings): void {
  const viaCli = [...scriptFlagPaths(packageFacts, KNEX_CLI, ['--knexfile']), ...context.filesIn('', (name) => KNEXFILE.test(name))];
  const cliFiles = viaCli.filter((file, index) => viaCli.indexOf(file) === index);
  // A knexfile elsewhere, not passed to the CLI, is loaded by the app itself: paths are then relative to the root.
  const appFiles = cliFiles.length > 0 ? [] : OTHER_DIRECTORIES.flatMap((directory) => context.filesIn(directory, (name) => KNEXFILE.test(name)));
  let found = false;
  let candidateExists = false;
  for (const file of [...cliFiles, ...appFiles]) {
    if (context.entryKind(file) !== 'file') {
      context.note(`${file} (passed to the knex CLI in package.json) does not exist.`);
      continue;
    }
    candidateExists = true;
    const cwdDirectory = cliFiles.includes(file) ? parentOf(file) : '';
    if (!cliFiles.includes(file)) context.note(`${file} is not at the root nor passed with --knexfile: its relative paths are taken relative to the project root.`);
    found = readKnexfile(context, file, cwdDirectory, findings) || found;
  }
  if (listedOrms.has('objection')) context.note('Objection models are plain classes with no configured location: models are not inferred for Objection.');
  if (found) findings.configured.add(listedOrms.has('objection') && !listedOrms.has('knex') ? 'objection' : 'knex');
  else if ((listedOrms.has('knex') || listedOrms.has('objection')) && !candidateExists) {
    context.note('Knex is a dependency, but no knexfile was found (looked at the root, --knexfile in package.json scripts, and src, db, database, src/db, src/database).');
  }
}

function readKnexfile(context: InferenceContext, file: string, cwdDirectory: string, findings: OrmFindings): boolean {
  context.addSource(file);
  const loaded = context.loadModule(file);
  if (!loaded.ok) {
    context.note(`${file} was not read: ${loaded.reason}.`);
    return false;
  }
  const configs: ConfigObject[] = [];
  for (const value of exportedValues(loaded.module)) {
    const read = configObjectsOf(context, value);
    read.problems.forEach((problem) => context.note(problem));
    for (const object of read.objects) configs.push(...environmentConfigs(context, object));
  }
  if (configs.length === 0) {
    context.note(`${file} exports no readable knex config; its migrations are not inferred.`);
    return false;
  }
  const migrations = configs.flatMap((config) => migrationGlobs(context, config, cwdDirectory));
  const unique = migrations.filter((glob, index) => migrations.indexOf(glob) === index);
  findings.addMigrations(unique);
  context.note(`Knex (${file}): migrations ${listed(unique)}.`);
  return true;
}

/** A single config, or each environment's config of `{ development: {...}, production: {...} }`. */
function environmentConfigs(context: InferenceContext, object: ConfigObject): ConfigObject[] {
  if (CONFIG_KEYS.some((key) => findProperty(context, object, key).kind !== 'absent')) return [object];
  const configs: ConfigObject[] = [];
  for (const property of object.node.properties) {
    const value: ValueRef = {
      node: property.type === AST_NODE_TYPES.SpreadElement ? property.argument : property.value,
      scope: object.scope,
      module: object.module,
    };
    const read = configObjectsOf(context, value);
    read.problems.forEach((problem) => context.note(problem));
    configs.push(...read.objects);
  }
  return configs;
}

function migrationGlobs(context: InferenceContext, config: ConfigObject, cwdDirectory: string): string[] {
  const migrations = findProperty(context, config, 'migrations');
  if (migrations.kind === 'unknown') {
    context.note(`${where(config)}: migrations was not read: ${migrations.reason}.`);
    return [];
  }
  const options = migrations.kind === 'found' ? configObjectsOf(context, migrations.value).objects[0] : undefined;
  if (migrations.kind === 'found' && options === undefined) {
    context.note(`${where(migrations.value)}: migrations is not a readable options object.`);
    return [];
  }
  const extensions = options === undefined ? KNEX_DEFAULT_EXTENSIONS : readExtensions(context, options);
  const files = extensionGlob(extensions);
  const directory = options === undefined ? { kind: 'absent' as const } : findProperty(context, options, 'directory');
  if (directory.kind === 'unknown') {
    context.note(`${where(config)}: migrations.directory was not read: ${directory.reason}.`);
    return [];
  }
  if (directory.kind === 'absent') {
    if (options !== undefined && findProperty(context, options, 'migrationSource').kind !== 'absent') {
      context.note(`${where(options)}: a custom migrationSource loads the migrations; they are not inferred.`);
      return [];
    }
    return [globUnder(cwdDirectory, `migrations/${files}`)];
  }
  return directoryEntries(directory.value).flatMap((entry) => {
    const path = readProjectPath(context, entry, cwdDirectory);
    if (!path.ok) {
      context.note(`${where(entry)}: migrations.directory was not read: ${path.reason}.`);
      return [];
    }
    return [globUnder(path.path, files)];
  });
}

/** `directory: 'a'` or `directory: ['a', 'b']` (through consts). */
function directoryEntries(value: ValueRef): ValueRef[] {
  const resolved = resolveConstExpression(value.node, value.scope);
  const node = resolved === undefined ? unwrapExpression(value.node) : resolved.node;
  const scope = resolved === undefined ? value.scope : resolved.scope;
  if (node.type !== AST_NODE_TYPES.ArrayExpression) return [value];
  return node.elements.flatMap((element) =>
    element === null || element.type === AST_NODE_TYPES.SpreadElement ? [] : [{ node: element, scope, module: value.module }],
  );
}

function readExtensions(context: InferenceContext, options: ConfigObject): readonly string[] {
  const property = findProperty(context, options, 'loadExtensions');
  if (property.kind !== 'found') return KNEX_DEFAULT_EXTENSIONS;
  const resolved = resolveConstExpression(property.value.node, property.value.scope);
  const node = resolved?.node ?? unwrapExpression(property.value.node);
  const scope = resolved?.scope ?? property.value.scope;
  if (node.type === AST_NODE_TYPES.ArrayExpression) {
    const extensions = node.elements.map((element) =>
      element === null || element.type === AST_NODE_TYPES.SpreadElement ? undefined : readString({ node: element, scope, module: property.value.module }),
    );
    if (extensions.length > 0 && extensions.every((extension): extension is string => extension !== undefined && /^\.[\w.-]+$/u.test(extension))) {
      return extensions;
    }
  }
  context.note(`${where(property.value)}: loadExtensions was not read; knex's default extensions are assumed.`);
  return KNEX_DEFAULT_EXTENSIONS;
}
