import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { configObjectsOf, findCalls, findProperty, isStaticCall, type ConfigObject } from './configObjects.js';
import type { ConfigModule, InferenceContext } from './inferenceContext.js';
import { where } from './moduleGraph.js';

const DATABASE_MODULE = /^database\.module\.[cm]?[jt]s$/u;

/**
 * NestJS modules that usually hold `XxxModule.forRoot({...})`: `src/app.module.ts` and
 * `database.module.ts` directly in `src/` or one folder below it. Bounded: no tree walk.
 */
export function nestModuleFiles(context: InferenceContext): string[] {
  const files = context.filesIn('src', (name) => name === 'app.module.ts' || DATABASE_MODULE.test(name));
  for (const entry of context.list('src')) {
    if (entry.isDirectory) files.push(...context.filesIn(`src/${entry.name}`, (name) => DATABASE_MODULE.test(name)));
  }
  return files;
}

/** The Nest modules that parse; a broken one is named in the notes. */
export function loadNestModules(context: InferenceContext): ConfigModule[] {
  return nestModuleFiles(context).flatMap((file) => {
    const loaded = context.loadModule(file);
    if (loaded.ok) return [loaded.module];
    context.note(`${file} was not read: ${loaded.reason}.`);
    return [];
  });
}

export interface NestRootOptions {
  /** The Nest module file the options were found in. */
  readonly file: string;
  readonly objects: readonly ConfigObject[];
  readonly problems: readonly string[];
}

/**
 * The options of `<moduleName>.forRoot({...})` and of `forRootAsync({ useFactory })`'s returned
 * object in the Nest modules (`TypeOrmModule`, `SequelizeModule`, `MikroOrmModule`).
 */
export function nestRootOptions(context: InferenceContext, moduleName: string): NestRootOptions[] {
  return loadNestModules(context).flatMap((module) => {
    const found = nestRootOptionsIn(context, module, moduleName);
    return found === undefined ? [] : [found];
  });
}

/** {@link nestRootOptions} of one module; `undefined` when it calls neither `forRoot` nor `forRootAsync`. */
export function nestRootOptionsIn(context: InferenceContext, module: ConfigModule, moduleName: string): NestRootOptions | undefined {
  const objects: ConfigObject[] = [];
  const problems: string[] = [];
  const calls = findCalls(module, (callee, node) => node.type === AST_NODE_TYPES.CallExpression && isStaticCall(callee, moduleName, ['forRoot', 'forRootAsync']));
  for (const call of calls) {
    const argument = call.arguments[0];
    if (argument === undefined || argument.type === AST_NODE_TYPES.SpreadElement) continue;
    const isAsync = call.callee.type === AST_NODE_TYPES.MemberExpression && call.callee.property.type === AST_NODE_TYPES.Identifier && call.callee.property.name === 'forRootAsync';
    const read = configObjectsOf(context, { node: argument, scope: module.lookup, module });
    problems.push(...read.problems);
    if (!isAsync) {
      objects.push(...read.objects);
      continue;
    }
    for (const asyncOptions of read.objects) {
      const factory = findProperty(context, asyncOptions, 'useFactory');
      if (factory.kind !== 'found') {
        problems.push(`${where(asyncOptions)}: ${moduleName}.forRootAsync options come from a class or an unreadable factory; they were not read.`);
        continue;
      }
      const returned = configObjectsOf(context, factory.value);
      objects.push(...returned.objects);
      problems.push(...returned.problems);
    }
  }
  return calls.length > 0 ? { file: module.path, objects, problems } : undefined;
}
