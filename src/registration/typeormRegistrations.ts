import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { configObjectsOf, findCalls, findProperty } from '../zeroConfig/configObjects.js';
import type { ConfigModule } from '../zeroConfig/inferenceContext.js';
import { isDataSourceConstruction, typeormConfigFiles } from '../zeroConfig/inferTypeorm.js';
import { exportedValues, namedExportedConsts } from '../zeroConfig/moduleGraph.js';
import { nestRootOptionsIn } from '../zeroConfig/nestModules.js';
import { isRecord } from '../zeroConfig/packageJson.js';
import { normaliseRelative } from '../zeroConfig/projectPaths.js';
import { describeCompiledUnmapped, withSources, type EntityList } from './entityList.js';
import { addUnreadableConfig, configOf, readOptionsObject, type OptionsSpec, type RegistrationRun } from './registrationRun.js';

/** TypeORM resolves relative globs against the working directory: the project root. */
const spec = (description: string): OptionsSpec => ({
  orm: 'typeorm',
  description,
  listKeys: ['entities'],
  cwdDirectory: '',
  toGlobs: (path) => [path],
  autoLoad: { key: 'autoLoadEntities', featureModule: 'TypeOrmModule' },
});

/**
 * TypeORM: `new DataSource({ entities })` / `createConnection(...)` (or exported options) in the
 * data-source, ormconfig and typeorm.config files zero-config reads, `ormconfig.json`, and NestJS
 * `TypeOrmModule.forRoot/forRootAsync` in any module (with `autoLoadEntities`, every
 * `TypeOrmModule.forFeature([...])` registers its entities too).
 */
export function readTypeormRegistrations(run: RegistrationRun): void {
  const { context } = run;
  for (const file of typeormConfigFiles(context, run.packageFacts)) {
    if (context.entryKind(file) !== 'file') continue;
    if (file.endsWith('.json')) {
      readOrmconfigJson(run, file);
      continue;
    }
    const loaded = context.loadModule(file);
    if (!loaded.ok) {
      addUnreadableConfig(run, 'typeorm', file, 1, 'TypeORM options', [`${file} was not read: ${loaded.reason}.`]);
      continue;
    }
    readOptionsIn(run, loaded.module);
  }
  for (const module of run.nest.modules) {
    const found = nestRootOptionsIn(context, module, 'TypeOrmModule');
    if (found === undefined) continue;
    addUnreadableConfig(run, 'typeorm', found.file, 1, 'TypeOrmModule.forRoot', found.problems);
    for (const options of found.objects) readOptionsObject(run, options, spec('TypeOrmModule.forRoot'));
  }
  for (const file of run.nest.unparsed) {
    if (file.text.includes('TypeOrmModule.forRoot')) addUnreadableConfig(run, 'typeorm', file.file, 1, 'TypeOrmModule.forRoot', [`${file.file} was not read: ${file.reason}.`]);
  }
}

/** Options passed to `new DataSource(...)`/`createConnection(...)`, else the module's exported options. */
function readOptionsIn(run: RegistrationRun, module: ConfigModule): void {
  const { context } = run;
  const calls = findCalls(module, (callee, node) => isDataSourceConstruction(callee, node, module));
  for (const call of calls) {
    const argument = call.arguments[0];
    if (argument === undefined || argument.type === AST_NODE_TYPES.SpreadElement) continue;
    const description = call.type === AST_NODE_TYPES.NewExpression ? 'new DataSource({ entities })' : 'createConnection({ entities })';
    const read = configObjectsOf(context, { node: argument, scope: module.lookup, module });
    addUnreadableConfig(run, 'typeorm', module.path, call.loc.start.line, description, read.problems);
    for (const options of read.objects) readOptionsObject(run, options, spec(description));
  }
  if (calls.length > 0) return;
  for (const value of [...namedExportedConsts(module), ...exportedValues(module)]) {
    const read = configObjectsOf(context, value);
    // Only objects that look like TypeORM options: a data-source file may export other things.
    const options = read.objects.filter((object) => ['entities', 'migrations', 'type'].some((key) => findProperty(context, object, key).kind !== 'absent'));
    for (const object of options) readOptionsObject(run, object, spec('TypeORM options'));
  }
}

/** `ormconfig.json`: one options object or an array of them, paths relative to the root. */
function readOrmconfigJson(run: RegistrationRun, file: string): void {
  const { context } = run;
  const json = context.readJson(file);
  if (json === undefined || !json.ok) {
    addUnreadableConfig(run, 'typeorm', file, 1, 'ormconfig.json', [`${file} was not read: ${json?.reason ?? 'it could not be read'}.`]);
    return;
  }
  const text = context.readText(file) ?? '';
  const configs = Array.isArray(json.value) ? json.value : [json.value];
  let searchFrom = 0;
  for (const config of configs) {
    if (!isRecord(config) || config.entities === undefined) continue;
    // The n-th "entities" key of the file belongs to the n-th options object.
    const offset = text.indexOf('"entities"', searchFrom);
    searchFrom = offset === -1 ? searchFrom : offset + 1;
    const line = offset === -1 ? 1 : text.slice(0, offset).split('\n').length;
    const list = jsonEntityList(config.entities, `${file}:${line}`);
    const mapped = withSources(context, list);
    const unreadable = [...mapped.unreadable, ...describeCompiledUnmapped(mapped.compiledUnmapped, `${file}:${line}`)];
    run.configs.push(configOf({ file, line, orm: 'typeorm', description: 'ormconfig.json entities', list: { ...mapped, unreadable } }));
  }
}

function jsonEntityList(value: unknown, at: string): EntityList {
  const list: EntityList = { globs: [], classes: [], unreadable: [], compiledUnmapped: [] };
  const entries: unknown[] = Array.isArray(value) ? value : [value];
  for (const entry of entries) {
    const normalised = typeof entry === 'string' ? normaliseRelative(entry) : undefined;
    if (normalised === undefined || normalised === '') list.unreadable.push(`${at}: entities entry ${JSON.stringify(entry)} is not a path inside the project.`);
    else if (!list.globs.includes(normalised)) list.globs.push(normalised);
  }
  return list;
}
