import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { resolveImportedName } from '../ast/importBindings.js';
import { configObjectsOf, findCalls, findProperty, type ConfigObject } from '../zeroConfig/configObjects.js';
import type { ConfigModule } from '../zeroConfig/inferenceContext.js';
import { mikroConfigCandidates, mikroEntityGlob, readBaseDir } from '../zeroConfig/inferMikroOrm.js';
import { exportedValues, where } from '../zeroConfig/moduleGraph.js';
import { readProjectPath } from '../zeroConfig/pathExpressions.js';
import { nestRootOptionsIn } from '../zeroConfig/nestModules.js';
import { withRelationTargets } from './mikroOrmDiscovery.js';
import { addUnreadableConfig, readOptionsObject, type RegistrationRun } from './registrationRun.js';

/**
 * What MikroORM's folder discovery skips even when a path matches it (MetadataDiscovery
 * `discoverDirectories`): `index` modules (any name ending in `index.ts`, as its regex has it) and
 * declaration files.
 */
export const MIKRO_SKIPPED_GLOBS = ['**/*index.{js,ts,mjs,mts,cjs,cts}', '**/*.d.{ts,mts,cts}'];

/** Where an app usually calls `MikroORM.init(...)`; a bounded list, never a repository walk. */
const INIT_DIRECTORIES = ['', 'src', 'src/config', 'src/db', 'src/database'] as const;
const INIT_FILE = /^(?:index|main|app|server|db|database|orm)\.[cm]?[jt]s$/u;

/**
 * MikroORM: every existing config file its CLI looks for (the app may import any of them),
 * `MikroORM.init({...})` in the usual entry files, and NestJS `MikroOrmModule.forRoot(...)`.
 * `entities` and `entitiesTs` both register (MikroORM uses `entitiesTs` under ts-node and
 * `entities` otherwise), relative to `baseDir`; then relation targets are followed as discovery does.
 */
export function readMikroOrmRegistrations(run: RegistrationRun): void {
  const { context } = run;
  const first = run.configs.length;
  for (const file of mikroConfigCandidates(context, run.packageFacts)) {
    if (context.entryKind(file) !== 'file') continue;
    const loaded = context.loadModule(file);
    if (!loaded.ok) {
      addUnreadableConfig(run, 'mikro-orm', file, 1, 'MikroORM config', [`${file} was not read: ${loaded.reason}.`]);
      continue;
    }
    for (const value of exportedValues(loaded.module)) {
      const read = configObjectsOf(context, value);
      addUnreadableConfig(run, 'mikro-orm', file, value.node.loc.start.line, 'MikroORM config', read.problems);
      for (const options of read.objects) readMikroOptions(run, options, 'MikroORM config');
    }
  }
  for (const file of INIT_DIRECTORIES.flatMap((directory) => context.filesIn(directory, (name) => INIT_FILE.test(name)))) {
    if (!(context.readText(file) ?? '').includes('MikroORM.init')) continue;
    const loaded = context.loadModule(file);
    if (loaded.ok) readInitCalls(run, loaded.module);
  }
  for (const module of run.nest.modules) {
    const found = nestRootOptionsIn(context, module, 'MikroOrmModule');
    if (found === undefined) continue;
    addUnreadableConfig(run, 'mikro-orm', found.file, 1, 'MikroOrmModule.forRoot', found.problems);
    for (const options of found.objects) readMikroOptions(run, options, 'MikroOrmModule.forRoot');
  }
  for (let index = first; index < run.configs.length; index++) {
    const config = run.configs[index];
    if (config !== undefined) run.configs[index] = withRelationTargets(context, config);
  }
}

function readInitCalls(run: RegistrationRun, module: ConfigModule): void {
  const calls = findCalls(module, (callee, node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression || callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    if (callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== 'init') return false;
    const imported = resolveImportedName(callee.object, module.bindings);
    return imported !== undefined && imported.source.startsWith('@mikro-orm/') && imported.imported === 'MikroORM';
  });
  for (const call of calls) {
    const argument = call.arguments[0];
    // `MikroORM.init()` without options loads the CLI's config file, read above.
    if (argument === undefined || argument.type === AST_NODE_TYPES.SpreadElement) continue;
    const read = configObjectsOf(run.context, { node: argument, scope: module.lookup, module });
    addUnreadableConfig(run, 'mikro-orm', module.path, call.loc.start.line, 'MikroORM.init', read.problems);
    for (const options of read.objects) readMikroOptions(run, options, 'MikroORM.init');
  }
}

function readMikroOptions(run: RegistrationRun, options: ConfigObject, description: string): void {
  const { context } = run;
  if (run.seen.has(options.node)) return;
  // Paths are relative to baseDir: when it is only known at run time, so are the files they name.
  const baseDirProperty = findProperty(context, options, 'baseDir');
  const baseDirPath = baseDirProperty.kind === 'found' ? readProjectPath(context, baseDirProperty.value, '') : undefined;
  if (baseDirProperty.kind === 'unknown' || baseDirPath?.ok === false) {
    run.seen.add(options.node);
    addUnreadableConfig(run, 'mikro-orm', options.module.path, options.node.loc.start.line, description, [`${where(options)}: baseDir is not a statically known path.`]);
    return;
  }
  const baseDir = readBaseDir(context, options);
  readOptionsObject(run, options, {
    orm: 'mikro-orm',
    description,
    listKeys: ['entities', 'entitiesTs'],
    cwdDirectory: baseDir,
    toGlobs: (path) => [mikroEntityGlob(context, path)],
    autoLoad: { key: 'autoLoadEntities', featureModule: 'MikroOrmModule' },
    skippedGlobs: MIKRO_SKIPPED_GLOBS,
    sourcesNamedBy: 'entitiesTs',
  });
}
