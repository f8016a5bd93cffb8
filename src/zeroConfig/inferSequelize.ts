import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { resolveImportedName } from '../ast/importBindings.js';
import { readSequelizeSetup } from '../orm/sequelize/readSequelizeDefine.js';
import { configObjectsOf, findCalls, findProperty, readBoolean, type ConfigObject } from './configObjects.js';
import type { ConfigModule, InferenceContext } from './inferenceContext.js';
import { exportedValues, where } from './moduleGraph.js';
import { nestRootOptions } from './nestModules.js';
import { scriptFlagPaths } from './packageJson.js';
import { listed, type OrmFindings, type ReaderInput, type SequelizeDefine } from './ormFindings.js';
import { readProjectPath } from './pathExpressions.js';
import { globUnder, isGlobPattern } from './projectPaths.js';
import { readReferenceList } from './referenceList.js';

/** sequelize-cli's umzug pattern `/^(?!.*\.d\.ts$).*\.(cjs|js|cts|ts)$/`, over the folder only. */
const SEQUELIZE_MIGRATION_FILES = '*.{js,cjs,ts,cts}';
/** Model folders are read by the project's own models/index.js, which varies: any module below. */
const SEQUELIZE_MODEL_FILES = '**/*.{js,ts,cjs,mjs,cts,mts}';
const SEQUELIZE_CLI = /(^|\/)sequelize(-cli)?$/u;

/**
 * Sequelize with sequelize-cli: `.sequelizerc` (or `--options-path`) `models-path` and
 * `migrations-path`, relative to the working directory (the root), defaulting to `models` and
 * `migrations`; `--models-path`/`--migrations-path` in scripts win. The models index's
 * `new Sequelize(..., { define })` gives `sequelizeDefine`.
 */
export function inferSequelize({ context, packageFacts, listed: listedOrms }: ReaderInput, findings: OrmFindings): void {
  const rcFile = scriptFlagPaths(packageFacts, SEQUELIZE_CLI, ['--options-path'])[0] ?? '.sequelizerc';
  const rc = context.entryKind(rcFile) === 'file' ? readSequelizerc(context, rcFile) : undefined;
  const hasCli = packageFacts.dependencies.has('sequelize-cli');
  if (rc === undefined && !hasCli) {
    if (listedOrms.has('sequelize') && !listedOrms.has('sequelize-typescript')) {
      context.note('Sequelize is a dependency, but there is neither a .sequelizerc nor sequelize-cli: models and migrations folders are not inferred.');
    }
    return;
  }
  const fromRc = rc ?? { models: 'models', migrations: 'migrations' };
  const modelsDirectory = scriptFlagPaths(packageFacts, SEQUELIZE_CLI, ['--models-path'])[0] ?? fromRc.models;
  const migrationsDirectory = scriptFlagPaths(packageFacts, SEQUELIZE_CLI, ['--migrations-path'])[0] ?? fromRc.migrations;
  const models = modelsDirectory === undefined ? [] : [globUnder(modelsDirectory, SEQUELIZE_MODEL_FILES)];
  const migrations = migrationsDirectory === undefined ? [] : [globUnder(migrationsDirectory, SEQUELIZE_MIGRATION_FILES)];
  findings.addModels(models);
  findings.addMigrations(migrations);
  findings.configured.add('sequelize');
  context.note(`Sequelize (${rc === undefined ? 'sequelize-cli defaults' : rcFile}): models ${listed(models)}; migrations ${listed(migrations)}.`);
  if (modelsDirectory !== undefined) readModelsIndexDefine(context, modelsDirectory, findings);
}

interface RcPaths {
  readonly models: string | undefined;
  readonly migrations: string | undefined;
}

/** Paths from `.sequelizerc`; what is present but unreadable is `undefined` (and noted), never a guess. */
function readSequelizerc(context: InferenceContext, file: string): RcPaths {
  context.addSource(file);
  const loaded = context.loadModule(file);
  if (!loaded.ok) {
    context.note(`${file} was not read: ${loaded.reason}; Sequelize models and migrations folders are not inferred.`);
    return { models: undefined, migrations: undefined };
  }
  const options = exportedValues(loaded.module).flatMap((value) => configObjectsOf(context, value).objects)[0];
  if (options === undefined) {
    context.note(`${file} exports no readable options object; Sequelize models and migrations folders are not inferred.`);
    return { models: undefined, migrations: undefined };
  }
  const readKey = (key: string, fallback: string): string | undefined => {
    const property = findProperty(context, options, key);
    if (property.kind === 'absent') return fallback;
    if (property.kind === 'unknown') {
      context.note(`${where(options)}: '${key}' was not read: ${property.reason}.`);
      return undefined;
    }
    const path = readProjectPath(context, property.value, '');
    if (path.ok) return path.path;
    context.note(`${where(property.value)}: '${key}' was not read: ${path.reason}.`);
    return undefined;
  };
  return { models: readKey('models-path', 'models'), migrations: readKey('migrations-path', 'migrations') };
}

function readModelsIndexDefine(context: InferenceContext, modelsDirectory: string, findings: OrmFindings): void {
  const index = context.filesIn(modelsDirectory, (name) => /^index\.[cm]?[jt]s$/u.test(name))[0];
  if (index === undefined || findings.sequelizeDefine !== undefined) return;
  const loaded = context.loadModule(index);
  if (!loaded.ok) {
    context.note(`${index} was not read: ${loaded.reason}.`);
    return;
  }
  const define = moduleDefine(context, loaded.module);
  if (define !== undefined) {
    context.addSource(index);
    findings.sequelizeDefine = define;
  }
}

/** Where a sequelize-typescript `new Sequelize({ models })` usually lives; bounded, no walk. */
export const SEQUELIZE_TS_DIRECTORIES = ['', 'src', 'src/db', 'src/database', 'src/config', 'src/models', 'models', 'db', 'database'] as const;
export const SEQUELIZE_TS_FILE = /^(?:index|database|db|sequelize|connection|models)\.[cm]?[jt]s$/u;
/** sequelize-typescript globs a folder as `folder/*` and keeps `.js` and `.ts` (not `.d.ts`). */
const SEQUELIZE_TS_FOLDER_FILES = '*.{ts,js}';

/**
 * sequelize-typescript: `new Sequelize({ models: [...] })` and `sequelize.addModels([...])` in the
 * usual database files, and NestJS `SequelizeModule.forRoot({ models })`. Paths are relative to
 * the working directory; classes resolve to their files.
 */
export function inferSequelizeTypescript({ context, listed: listedOrms }: ReaderInput, findings: OrmFindings): void {
  if (!listedOrms.has('sequelize-typescript')) return;
  let found = false;
  const files = SEQUELIZE_TS_DIRECTORIES.flatMap((directory) => context.filesIn(directory, (name) => SEQUELIZE_TS_FILE.test(name)));
  for (const file of files) {
    const loaded = context.loadModule(file);
    if (!loaded.ok) continue; // only a candidate: a file that does not parse is not reported
    const lists = modelListsIn(context, loaded.module);
    if (lists.length === 0) continue;
    context.addSource(file);
    found = true;
    for (const list of lists) readModelList(context, list, findings);
    findings.sequelizeDefine ??= moduleDefine(context, loaded.module);
  }
  for (const nest of nestRootOptions(context, 'SequelizeModule')) {
    context.addSource(nest.file);
    nest.problems.forEach((problem) => context.note(problem));
    for (const options of nest.objects) {
      found = true;
      const models = findProperty(context, options, 'models');
      if (models.kind === 'found') readModelList(context, models.value, findings);
      const autoLoad = findProperty(context, options, 'autoLoadModels');
      if (autoLoad.kind === 'found' && readBoolean(autoLoad.value) !== false) {
        context.note(`${where(autoLoad.value)}: autoLoadModels registers the models of every SequelizeModule.forFeature([...]); those are not inferred, set models to cover them.`);
      }
      findings.sequelizeDefine ??= defineOf(context, options);
    }
  }
  if (found) findings.configured.add('sequelize-typescript');
  else context.note(`sequelize-typescript is a dependency, but no new Sequelize({ models }) or addModels(...) was found in ${SEQUELIZE_TS_DIRECTORIES.map((d) => (d === '' ? 'the root' : d)).join(', ')}.`);
}

/** The `models` option of sequelize-typescript's `new Sequelize(...)` and `addModels(...)` arguments. */
function modelListsIn(context: InferenceContext, module: ConfigModule): { node: TSESTree.Node; scope: ConfigModule['lookup']; module: ConfigModule }[] {
  const lists: { node: TSESTree.Node; scope: ConfigModule['lookup']; module: ConfigModule }[] = [];
  for (const call of findCalls(module, (callee, node) => isSequelizeTypescriptConstruction(callee, node, module))) {
    for (const options of lastArgumentOptions(context, call, module)) {
      const models = findProperty(context, options, 'models');
      if (models.kind === 'found') lists.push(models.value);
    }
  }
  const addModels = findCalls(
    module,
    (callee, node) =>
      node.type === AST_NODE_TYPES.CallExpression &&
      callee.type === AST_NODE_TYPES.MemberExpression &&
      callee.property.type === AST_NODE_TYPES.Identifier &&
      callee.property.name === 'addModels',
  );
  for (const call of addModels) {
    const argument = call.arguments[0];
    if (argument !== undefined && argument.type !== AST_NODE_TYPES.SpreadElement) lists.push({ node: argument, scope: module.lookup, module });
  }
  return lists;
}

function readModelList(context: InferenceContext, list: { node: TSESTree.Node; scope: ConfigModule['lookup']; module: ConfigModule }, findings: OrmFindings): void {
  const toGlobs = (path: string): string[] => [isGlobPattern(path) || /\.(ts|js)$/u.test(path) ? path : globUnder(path, SEQUELIZE_TS_FOLDER_FILES)];
  const { globs, problems } = readReferenceList(context, list, { what: 'models', cwdDirectory: '', toGlobs });
  problems.forEach((problem) => context.note(problem));
  findings.addModels(globs);
  context.note(`sequelize-typescript models at ${where(list)}: ${listed(globs)}.`);
}

export function isSequelizeTypescriptConstruction(callee: TSESTree.Expression, node: TSESTree.CallExpression | TSESTree.NewExpression, module: ConfigModule): boolean {
  if (node.type !== AST_NODE_TYPES.NewExpression) return false;
  const imported = resolveImportedName(callee, module.bindings);
  return imported?.source === 'sequelize-typescript' && imported.imported === 'Sequelize';
}

/** Sequelize takes its options as the last argument: `new Sequelize(db, user, pass, options)` or `new Sequelize(options)`. */
export function lastArgumentOptions(context: InferenceContext, call: TSESTree.CallExpression | TSESTree.NewExpression, module: ConfigModule): readonly ConfigObject[] {
  const last = call.arguments.at(-1);
  if (last === undefined || last.type === AST_NODE_TYPES.SpreadElement) return [];
  const unwrapped = last.type === AST_NODE_TYPES.Literal || last.type === AST_NODE_TYPES.TemplateLiteral ? undefined : last;
  return unwrapped === undefined ? [] : configObjectsOf(context, { node: unwrapped, scope: module.lookup, module }).objects;
}

/**
 * The `define` naming defaults of the Sequelize instance a module constructs, read by the shared
 * reader of src/orm/sequelize; when they cannot be read, the note says where and why.
 */
function moduleDefine(context: InferenceContext, module: ConfigModule): SequelizeDefine | undefined {
  const setup = readSequelizeSetup(module.program);
  if (setup.kind === 'unreadable') {
    const reason = setup.reason.replace(/^new Sequelize\(\.\.\.\) at line \d+: /u, '');
    context.note(`${module.path}:${setup.line}: the define defaults of new Sequelize(...) were not inferred: ${reason}.`);
  }
  return setup.kind === 'defaults' ? setup.defaults : undefined;
}

/** `define` of NestJS `SequelizeModule.forRoot({...})` options (not a `new Sequelize`, so read here). */
function defineOf(context: InferenceContext, options: ConfigObject): SequelizeDefine | undefined {
  const define = findProperty(context, options, 'define');
  if (define.kind === 'unknown') context.note(`${where(options)}: define was not read: ${define.reason}.`);
  if (define.kind !== 'found') return undefined;
  const [object] = configObjectsOf(context, define.value).objects;
  if (object === undefined) {
    context.note(`${where(define.value)}: define is not a readable object; its defaults are not inferred.`);
    return undefined;
  }
  const flag = (key: string): boolean | undefined => {
    const property = findProperty(context, object, key);
    return property.kind === 'found' ? readBoolean(property.value) : undefined;
  };
  const freezeTableName = flag('freezeTableName');
  const underscored = flag('underscored');
  if (freezeTableName === undefined && underscored === undefined) return undefined;
  return { ...(freezeTableName === undefined ? {} : { freezeTableName }), ...(underscored === undefined ? {} : { underscored }) };
}
