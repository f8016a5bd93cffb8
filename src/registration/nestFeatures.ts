import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { unwrapExpression } from '../ast/staticString.js';
import { findCalls, findProperty, isStaticCall } from '../zeroConfig/configObjects.js';
import type { ConfigModule, InferenceContext } from '../zeroConfig/inferenceContext.js';
import type { ValueRef } from '../zeroConfig/moduleGraph.js';
import { emptyEntityList, mergeEntityLists, readEntityList, type EntityList } from './entityList.js';
import { walkFiles } from './projectWalk.js';
import type { RegistrationRun } from './registrationRun.js';

/** Where NestJS modules live: a standard app's `src/`, a Nest monorepo's `apps/` and `libs/`. */
const NEST_ROOTS = ['src', 'apps', 'libs'] as const;
const MODULE_FILE = /\.module\.[cm]?[jt]s$/u;
/** Build output holds compiled copies of the same modules. */
const SKIPPED_DIRECTORIES = new Set(['dist', 'build', 'coverage', 'out']);
const MAX_DIRECTORIES = 3_000;
/** A cheap test before parsing: only modules that configure an ORM module are parsed. */
const ORM_MODULE_CALL = /\b(?:TypeOrmModule|MikroOrmModule|SequelizeModule)\s*\.\s*for(?:Root|RootAsync|Feature)\s*\(/u;

/** The NestJS modules that configure an ORM module (`forRoot`, `forRootAsync`, `forFeature`). */
export interface NestScan {
  readonly modules: readonly ConfigModule[];
  /** Such modules that do not parse, with their text (to tell which ORM module they mention). */
  readonly unparsed: readonly { readonly file: string; readonly reason: string; readonly text: string }[];
  /** False when the search stopped at its directory budget. */
  readonly complete: boolean;
}

/**
 * Every `*.module.ts` under src/, apps/ and libs/ that calls an ORM module's forRoot/forFeature.
 * Bounded; skipped (no walk at all) in a project that neither depends on a `@nestjs/` package nor
 * has a `src/app.module.ts`.
 */
export function scanNestModules(context: InferenceContext, dependencies: ReadonlySet<string>): NestScan {
  const isNest = [...dependencies].some((name) => name.startsWith('@nestjs/')) || context.entryKind('src/app.module.ts') === 'file';
  if (!isNest) return { modules: [], unparsed: [], complete: true };
  const roots = NEST_ROOTS.filter((root) => context.entryKind(root) === 'directory');
  const walked = walkFiles(context, roots, {
    accept: (path) => MODULE_FILE.test(path) && !/\.d\.[cm]?ts$/u.test(path),
    skipDirectory: (name) => SKIPPED_DIRECTORIES.has(name) || name.startsWith('.'),
    maxDirectories: MAX_DIRECTORIES,
  });
  const modules: ConfigModule[] = [];
  const unparsed: { file: string; reason: string; text: string }[] = [];
  for (const file of walked.files) {
    const text = context.readText(file);
    if (text === undefined || !ORM_MODULE_CALL.test(text)) continue;
    const loaded = context.loadModule(file);
    if (loaded.ok) modules.push(loaded.module);
    else unparsed.push({ file, reason: loaded.reason, text });
  }
  if (!walked.complete) context.note(`The search for NestJS *.module.ts files stopped after ${MAX_DIRECTORIES} directories.`);
  return { modules, unparsed, complete: walked.complete };
}

/**
 * What `autoLoadEntities`/`autoLoadModels` adds: the entities of every `<moduleName>.forFeature(...)`
 * (`[User, Post]`, or MikroORM's `{ entities: [...] }`). The connection name is not compared: any
 * feature list may register an entity with any auto-loading config, which can only make the rule quieter.
 */
export function featureRegistrations(run: RegistrationRun, moduleName: string): EntityList {
  const { context, nest } = run;
  const list = emptyEntityList();
  for (const module of nest.modules) {
    for (const call of findCalls(module, (callee) => isStaticCall(callee, moduleName, ['forFeature']))) {
      const argument = call.arguments[0];
      const at = `${module.path}:${call.loc.start.line}`;
      if (argument === undefined) continue;
      if (argument.type === AST_NODE_TYPES.SpreadElement) {
        list.unreadable.push(`${at}: the arguments of ${moduleName}.forFeature are spread, so its entities are not known.`);
        continue;
      }
      let entities: ValueRef = { node: argument, scope: module.lookup, module };
      const literal = unwrapExpression(argument);
      if (literal.type === AST_NODE_TYPES.ObjectExpression) {
        // MikroOrmModule.forFeature({ entities: [...], contextName }).
        const property = findProperty(context, { ...entities, node: literal }, 'entities');
        if (property.kind === 'absent') continue;
        if (property.kind === 'unknown') {
          list.unreadable.push(`${at}: ${moduleName}.forFeature entities were not read: ${property.reason}.`);
          continue;
        }
        entities = property.value;
      }
      const via = `${moduleName}.forFeature at ${at}`;
      mergeEntityLists(list, readEntityList(context, entities, { what: `${moduleName}.forFeature`, cwdDirectory: '', toGlobs: (path) => [path], via }));
    }
  }
  const mention = `${moduleName}.forFeature`;
  for (const file of nest.unparsed) {
    if (file.text.includes(mention)) list.unreadable.push(`${file.file} was not read (${file.reason}); it may call ${mention}.`);
  }
  if (!nest.complete) list.unreadable.push(`the search for NestJS modules calling ${mention} stopped before the end of the project.`);
  return list;
}
