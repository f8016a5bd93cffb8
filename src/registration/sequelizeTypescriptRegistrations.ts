import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { unwrapExpression } from '../ast/staticString.js';
import { configObjectsOf, findCalls } from '../zeroConfig/configObjects.js';
import type { ConfigModule } from '../zeroConfig/inferenceContext.js';
import { SEQUELIZE_TS_DIRECTORIES, SEQUELIZE_TS_FILE, isSequelizeTypescriptConstruction } from '../zeroConfig/inferSequelize.js';
import { nestRootOptionsIn } from '../zeroConfig/nestModules.js';
import { globUnder, isGlobPattern } from '../zeroConfig/projectPaths.js';
import { describeCompiledUnmapped, readEntityList } from './entityList.js';
import { addConfig, addUnreadableConfig, readOptionsObject, type OptionsSpec, type RegistrationRun } from './registrationRun.js';

/**
 * sequelize-typescript's `getModels`: a path without glob magic and without a `.ts`/`.js`
 * extension is a folder, loaded as `folder/*`; only `.js` and `.ts` (not `.d.ts`) files are imported.
 */
export function sequelizeTypescriptGlobs(path: string): string[] {
  return [isGlobPattern(path) || /\.(?:ts|js)$/u.test(path) ? path : globUnder(path, '*.{ts,js}')];
}

const SKIPPED_GLOBS = ['**/*.d.ts'];

const spec = (description: string, nest: boolean): OptionsSpec => ({
  orm: 'sequelize-typescript',
  description,
  // `modelPaths` is the older name of `models`; the constructor adds both.
  listKeys: nest ? ['models'] : ['models', 'modelPaths'],
  cwdDirectory: '',
  toGlobs: sequelizeTypescriptGlobs,
  autoLoad: nest ? { key: 'autoLoadModels', featureModule: 'SequelizeModule' } : undefined,
  skippedGlobs: SKIPPED_GLOBS,
});

/**
 * sequelize-typescript (when package.json depends on it): `new Sequelize({ models })` and
 * `sequelize.addModels([...])` in the usual database files, and NestJS `SequelizeModule.forRoot`
 * (with `autoLoadModels`, every `SequelizeModule.forFeature([...])`). Paths are relative to the
 * working directory (the root).
 */
export function readSequelizeTypescriptRegistrations(run: RegistrationRun): void {
  const { context } = run;
  if (!run.listed.has('sequelize-typescript')) return;
  for (const file of SEQUELIZE_TS_DIRECTORIES.flatMap((directory) => context.filesIn(directory, (name) => SEQUELIZE_TS_FILE.test(name)))) {
    const text = context.readText(file) ?? '';
    if (!text.includes('sequelize-typescript') && !text.includes('addModels')) continue;
    const loaded = context.loadModule(file);
    if (!loaded.ok) {
      addUnreadableConfig(run, 'sequelize-typescript', file, 1, 'new Sequelize({ models })', [`${file} was not read: ${loaded.reason}.`]);
      continue;
    }
    readConstructions(run, loaded.module);
    readAddModels(run, loaded.module);
  }
  for (const module of run.nest.modules) {
    const found = nestRootOptionsIn(context, module, 'SequelizeModule');
    if (found === undefined) continue;
    addUnreadableConfig(run, 'sequelize-typescript', found.file, 1, 'SequelizeModule.forRoot', found.problems);
    for (const options of found.objects) readOptionsObject(run, options, spec('SequelizeModule.forRoot', true));
  }
}

/** `new Sequelize(..., options)`: the options are the last argument. */
function readConstructions(run: RegistrationRun, module: ConfigModule): void {
  for (const call of findCalls(module, (callee, node) => isSequelizeTypescriptConstruction(callee, node, module))) {
    const last = call.arguments.at(-1);
    if (last === undefined || last.type === AST_NODE_TYPES.SpreadElement) continue;
    const expression = unwrapExpression(last);
    // `new Sequelize('postgres://...')`: a connection string, no options.
    if ((expression.type === AST_NODE_TYPES.Literal && typeof expression.value === 'string') || expression.type === AST_NODE_TYPES.TemplateLiteral) continue;
    const read = configObjectsOf(run.context, { node: last, scope: module.lookup, module });
    addUnreadableConfig(run, 'sequelize-typescript', module.path, call.loc.start.line, 'new Sequelize({ models })', read.problems);
    for (const options of read.objects) readOptionsObject(run, options, spec('new Sequelize({ models })', false));
  }
}

/** `sequelize.addModels([...])`: a list of classes or paths, read like `models`. */
function readAddModels(run: RegistrationRun, module: ConfigModule): void {
  const calls = findCalls(
    module,
    (callee, node) =>
      node.type === AST_NODE_TYPES.CallExpression &&
      callee.type === AST_NODE_TYPES.MemberExpression &&
      !callee.computed &&
      callee.property.type === AST_NODE_TYPES.Identifier &&
      callee.property.name === 'addModels',
  );
  for (const call of calls) {
    const argument = call.arguments[0];
    if (argument === undefined || argument.type === AST_NODE_TYPES.SpreadElement) continue;
    const at = { node: argument, scope: module.lookup, module };
    const list = readEntityList(run.context, at, { what: 'addModels', cwdDirectory: '', toGlobs: sequelizeTypescriptGlobs });
    list.unreadable.push(...describeCompiledUnmapped(list.compiledUnmapped, `${module.path}:${call.loc.start.line}`));
    addConfig(run, { at, orm: 'sequelize-typescript', description: 'addModels([...])', list, skippedGlobs: SKIPPED_GLOBS });
  }
}
