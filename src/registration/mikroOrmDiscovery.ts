import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { unwrapExpression } from '../ast/staticString.js';
import { walkAst } from '../ast/walkAst.js';
import { createGlobMatcher } from '../project/globMatcher.js';
import type { InferenceContext } from '../zeroConfig/inferenceContext.js';
import { resolveName } from '../zeroConfig/moduleGraph.js';
import { filesMatching } from './projectWalk.js';
import type { RegisteredClass, RegistrationConfig } from './registrationTypes.js';

/** Entity files whose relations are followed per config; past it the config is unreadable (silent). */
const MAX_DISCOVERY_FILES = 400;
const MAX_DISCOVERY_DIRECTORIES = 2_000;

/** Decorators and `defineEntity` property builders whose arguments name a relation's target. */
const RELATION_CALLS = new Set(['ManyToOne', 'OneToMany', 'OneToOne', 'ManyToMany', 'manyToOne', 'oneToMany', 'oneToOne', 'manyToMany']);
/** Options naming another entity: `entity: () => Author`, `pivotEntity: () => BookTag`, `extends: Base`. */
const TARGET_KEYS = new Set(['entity', 'pivotEntity', 'target', 'extends']);

/**
 * MikroORM registers more than its config lists: discovery also loads the target of every
 * registered entity's relations (`entity: () => Author`, `@ManyToOne(() => Author)`,
 * `p.manyToOne(Author)`) and each entity's base classes, transitively (MetadataDiscovery's
 * `discoverMissingTargets` and `discoverReferences`). This adds those classes, each with the file
 * it was reached from, so that an entity MikroORM will find anyway is never reported.
 */
export function withRelationTargets(context: InferenceContext, config: RegistrationConfig): RegistrationConfig {
  if (config.unreadableEntries.length > 0) return config; // silent anyway
  const matched = filesMatching(context, config.globs, config.skippedGlobs ?? [], MAX_DISCOVERY_DIRECTORIES);
  if (!matched.complete) return unreadable(config, `the files matched by ${config.globs.join(', ')} are too many to follow their relations`);
  const include = createGlobMatcher(config.globs);
  const skip = createGlobMatcher(config.skippedGlobs ?? []);
  const byGlob = (file: string): boolean => include.matches(file) && !skip.matches(file);
  const classes: RegisteredClass[] = [...config.classes];
  const globs = [...config.globs];
  const queue = [...matched.files, ...classes.map((entry) => entry.file)];
  const visited = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift();
    if (file === undefined) break;
    if (visited.has(file)) continue;
    visited.add(file);
    if (visited.size > MAX_DISCOVERY_FILES) return unreadable(config, `more than ${MAX_DISCOVERY_FILES} entity files are registered, too many to follow their relations`);
    const loaded = context.loadModule(file);
    if (!loaded.ok) continue; // MikroORM could not load it either
    const module = loaded.module;
    for (const name of relationTargetNames(module.program)) {
      const target = resolveName(context, module, module.lookup, name);
      const via = `relation from ${module.path}`;
      if (target.kind === 'declared') {
        if (target.name === undefined || byGlob(target.file) || classes.some((entry) => entry.file === target.file && entry.name === target.name)) continue;
        classes.push({ file: target.file, name: target.name, via });
        queue.push(target.file);
      } else if (target.kind === 'value' && isEntityValue(target.ref.node)) {
        // `const Author = defineEntity(...)` / `new EntitySchema(...)`: its file stands for it.
        const declaring = target.ref.module.path;
        if (byGlob(declaring) || globs.includes(declaring)) continue;
        globs.push(declaring);
        queue.push(declaring);
      }
    }
  }
  return { ...config, globs, classes };
}

function unreadable(config: RegistrationConfig, reason: string): RegistrationConfig {
  return { ...config, unreadableEntries: [...config.unreadableEntries, `${config.file}:${config.line}: ${reason}.`] };
}

function isEntityValue(node: TSESTree.Node): boolean {
  const expression = unwrapExpression(node);
  return expression.type === AST_NODE_TYPES.NewExpression || expression.type === AST_NODE_TYPES.CallExpression;
}

/**
 * Names a module's entities may reach through relations and inheritance, over-approximated (any
 * `() => X`, any `extends X`): a name too many can only keep an entity from being reported.
 */
export function relationTargetNames(program: TSESTree.Program): string[] {
  const names = new Set<string>();
  const add = (node: TSESTree.Node | null | undefined): void => {
    if (node === null || node === undefined) return;
    const expression = unwrapExpression(node);
    if (expression.type === AST_NODE_TYPES.Identifier) names.add(expression.name);
    else if (expression.type === AST_NODE_TYPES.ArrayExpression) for (const element of expression.elements) add(element);
  };
  walkAst(program, (node) => {
    switch (node.type) {
      case AST_NODE_TYPES.ArrowFunctionExpression:
        if (node.params.length === 0 && node.body.type !== AST_NODE_TYPES.BlockStatement) add(node.body);
        break;
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.ClassExpression:
        add(node.superClass);
        break;
      case AST_NODE_TYPES.Property:
        if (!node.computed && node.key.type === AST_NODE_TYPES.Identifier && TARGET_KEYS.has(node.key.name)) add(node.value);
        break;
      case AST_NODE_TYPES.CallExpression:
        if (RELATION_CALLS.has(calleeName(node.callee) ?? '')) for (const argument of node.arguments) add(argument);
        break;
      default:
        break;
    }
  });
  return [...names];
}

function calleeName(callee: TSESTree.Expression): string | undefined {
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) return callee.property.name;
  return undefined;
}
