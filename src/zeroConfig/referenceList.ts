import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { resolveImportedName } from '../ast/importBindings.js';
import { resolveConstExpression, unwrapExpression } from '../ast/staticString.js';
import type { InferenceContext } from './inferenceContext.js';
import { followExport, namespaceMembers, resolveName, snippet, where, type NameTarget, type ValueRef } from './moduleGraph.js';
import { isPathLike, readProjectPath } from './pathExpressions.js';
import { baseNameOf, globUnder, parentOf } from './projectPaths.js';

/** How one ORM reads the entries of an `entities`/`models`/`migrations` list. */
export interface ReferenceListOptions {
  /** What the list is called in messages (`entities`, `models`…). */
  readonly what: string;
  /** Root-relative directory plain relative paths are resolved against (the ORM's working directory). */
  readonly cwdDirectory: string;
  /** Turns a path written in the config into the glob(s) the ORM loads (a directory may mean its files). */
  readonly toGlobs: (projectPath: string) => readonly string[];
  /**
   * List classes by name only (in `classes`), not as their files' globs, and read the barrel behind
   * `Object.values(ns)` export by export: what registers one class must not register its neighbours.
   */
  readonly classesByName?: boolean;
}

/** A class listed by reference: the file declaring it and its name there. */
export interface ClassReference {
  readonly file: string;
  readonly name: string;
}

export interface ReferenceListResult {
  /** Path and glob entries; class files too, unless `classesByName`. */
  readonly globs: readonly string[];
  /** Every named class reference, in source order. */
  readonly classes: readonly ClassReference[];
  /** Human sentences, each naming the file and line of an entry that could not be read. */
  readonly problems: readonly string[];
}

/** Lists nest (arrays of spreads of imported arrays…); a cap keeps a pathological config cheap. */
const MAX_ENTRIES = 1_000;

/**
 * Reads a list of entity (or migration) references the way the ORM loads them: path and glob
 * strings, classes (→ the file declaring them, followed through imports and re-exports),
 * `Object.values(ns)` / `ns` of `import * as ns` (→ the module's directory, see {@link namespaceGlobs}),
 * arrays, objects and spreads of those, across modules. Never executes anything.
 */
export function readReferenceList(context: InferenceContext, list: ValueRef, options: ReferenceListOptions): ReferenceListResult {
  const globs: string[] = [];
  const classes: ClassReference[] = [];
  const problems: string[] = [];
  // A target (from a barrel's exports) is reported at the entry that led to it.
  const stack: WorkItem[] = [{ ref: list, at: list }];
  let budget = MAX_ENTRIES;
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    if (--budget < 0) {
      problems.push(`${where(list)}: ${options.what} nests too deeply to read; the rest is not inferred.`);
      break;
    }
    const outcome = item.target === undefined ? readEntry(context, item.ref, options) : fromTarget(context, item.target, options);
    if (outcome.kind === 'children') {
      // Pushed in reverse so that entries are read (and globs listed) in source order.
      for (const child of [...outcome.children].reverse()) stack.push({ ref: child, at: child });
    } else if (outcome.kind === 'targets') {
      for (const target of [...outcome.targets].reverse()) stack.push({ ref: item.at, at: item.at, target });
    } else if (outcome.kind === 'globs') {
      for (const glob of outcome.globs) if (!globs.includes(glob)) globs.push(glob);
    } else if (outcome.kind === 'class') {
      const { file, name } = outcome;
      if (!classes.some((known) => known.file === file && known.name === name)) classes.push({ file, name });
      if (options.classesByName !== true && !globs.includes(file)) globs.push(file);
    } else {
      problems.push(`${where(item.at)}: ${options.what} entry ${snippet(item.at)} was not inferred: ${outcome.reason}.`);
    }
  }
  return { globs, classes, problems };
}

interface WorkItem {
  readonly ref: ValueRef;
  /** The list entry this item comes from, for problems. */
  readonly at: ValueRef;
  readonly target?: NameTarget;
}

type EntryOutcome =
  | { readonly kind: 'children'; readonly children: readonly ValueRef[] }
  | { readonly kind: 'targets'; readonly targets: readonly NameTarget[] }
  | { readonly kind: 'globs'; readonly globs: readonly string[] }
  | { readonly kind: 'class'; readonly file: string; readonly name: string }
  | { readonly kind: 'problem'; readonly reason: string };

function readEntry(context: InferenceContext, ref: ValueRef, options: ReferenceListOptions): EntryOutcome {
  const node = unwrapExpression(ref.node);
  const child = (childNode: TSESTree.Node): ValueRef => ({ node: childNode, scope: ref.scope, module: ref.module });
  switch (node.type) {
    case AST_NODE_TYPES.ArrayExpression:
      return {
        kind: 'children',
        children: node.elements.flatMap((element) => {
          if (element === null) return [];
          return [child(element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element)];
        }),
      };
    case AST_NODE_TYPES.ObjectExpression:
      // TypeORM also takes `{ User, Post }`: the values are what it loads.
      return {
        kind: 'children',
        children: node.properties.map((property) => child(property.type === AST_NODE_TYPES.SpreadElement ? property.argument : property.value)),
      };
    case AST_NODE_TYPES.Identifier:
      return fromTarget(context, resolveName(context, ref.module, ref.scope, node.name), options);
    case AST_NODE_TYPES.MemberExpression:
      return readMember(context, node, ref, options);
    case AST_NODE_TYPES.CallExpression: {
      const spread = objectValuesArgument(node);
      if (spread !== undefined) return { kind: 'children', children: [child(spread)] };
      // MikroORM's `defineEntity({...})` written (or held in a const) here: the entity lives in this file.
      if (isDefineEntityCall(node, ref)) return { kind: 'globs', globs: [ref.module.path] };
      return readPath(context, ref, options);
    }
    case AST_NODE_TYPES.ConditionalExpression:
      // `isProd ? distGlobs : srcGlobs`: either may be loaded, so both are models.
      return { kind: 'children', children: [child(node.consequent), child(node.alternate)] };
    case AST_NODE_TYPES.LogicalExpression:
      return { kind: 'children', children: [child(node.left), child(node.right)] };
    case AST_NODE_TYPES.ClassExpression:
    case AST_NODE_TYPES.NewExpression:
      // A class or `new EntitySchema(...)` written inline: it lives in this very file.
      return { kind: 'globs', globs: [ref.module.path] };
    default:
      return isPathLike(node) ? readPath(context, ref, options) : { kind: 'problem', reason: 'it is not a path, a class or a list' };
  }
}

function readPath(context: InferenceContext, ref: ValueRef, options: ReferenceListOptions): EntryOutcome {
  const projectPath = readProjectPath(context, ref, options.cwdDirectory);
  if (!projectPath.ok) return { kind: 'problem', reason: projectPath.reason };
  return { kind: 'globs', globs: options.toGlobs(projectPath.path) };
}

function readMember(context: InferenceContext, member: TSESTree.MemberExpression, ref: ValueRef, options: ReferenceListOptions): EntryOutcome {
  // `entities.User` of `import * as entities from './entities'`.
  if (member.object.type === AST_NODE_TYPES.Identifier && !member.computed && member.property.type === AST_NODE_TYPES.Identifier) {
    const object = resolveName(context, ref.module, ref.scope, member.object.name);
    if (object.kind === 'namespace') return fromTarget(context, followExport(context, object.file, member.property.name), options);
  }
  const resolved = resolveConstExpression(member, ref.scope);
  if (resolved !== undefined && resolved.node !== member) {
    return { kind: 'children', children: [{ node: resolved.node, scope: resolved.scope, module: ref.module }] };
  }
  return readPath(context, ref, options);
}

function fromTarget(context: InferenceContext, target: NameTarget, options: ReferenceListOptions): EntryOutcome {
  switch (target.kind) {
    case 'value':
      return { kind: 'children', children: [target.ref] };
    case 'declared':
      // An anonymous default export has no name to list it by: its whole file stands for it.
      return target.name === undefined ? { kind: 'globs', globs: [target.file] } : { kind: 'class', file: target.file, name: target.name };
    case 'namespace':
      if (options.classesByName === true) return { kind: 'targets', targets: namespaceMembers(context, target.file) };
      return { kind: 'globs', globs: namespaceGlobs(target.file) };
    case 'unresolved':
      return { kind: 'problem', reason: target.reason };
    default:
      return { kind: 'problem', reason: `${options.what} entry kind is unknown` };
  }
}

/**
 * The files behind `Object.values(ns)` for `import * as ns from './entities'`. For a barrel
 * (`entities/index.ts`) this is approximated by every module in its directory tree, which is
 * where such barrels' entities live; for any other module, the module itself.
 */
export function namespaceGlobs(file: string): string[] {
  const name = baseNameOf(file);
  const index = /^index(\.[cm]?[jt]sx?)$/u.exec(name);
  if (index === null) return [file];
  return [globUnder(parentOf(file), `**/*${index[1] ?? '.ts'}`)];
}

function isDefineEntityCall(call: TSESTree.CallExpression, ref: ValueRef): boolean {
  const imported = resolveImportedName(call.callee, ref.module.bindings);
  return imported !== undefined && imported.source.startsWith('@mikro-orm/') && imported.imported === 'defineEntity';
}

/** `Object.values(x)` → `x`. */
function objectValuesArgument(call: TSESTree.CallExpression): TSESTree.Node | undefined {
  const callee = call.callee;
  if (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !callee.computed &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'Object' &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    callee.property.name === 'values'
  ) {
    const argument = call.arguments[0];
    return argument === undefined || argument.type === AST_NODE_TYPES.SpreadElement ? undefined : argument;
  }
  return undefined;
}

