import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { resolveConstExpression, resolveStaticString, unwrapExpression } from '../ast/staticString.js';
import { walkAst } from '../ast/walkAst.js';
import { INTERPOLATION_MARK } from '../sql/scanSqlDdl.js';
import type { ConfigModule, InferenceContext } from './inferenceContext.js';
import { resolveName, snippet, where, type ValueRef } from './moduleGraph.js';

/** An options object literal found in a config, with the scope and module to read it in. */
export interface ConfigObject extends ValueRef {
  readonly node: TSESTree.ObjectExpression;
}

export interface ConfigObjects {
  readonly objects: readonly ConfigObject[];
  readonly problems: readonly string[];
}

/** Config values nest little; this bounds cycles and odd code. */
const MAX_STEPS = 200;
const MAX_SPREAD_DEPTH = 8;

/**
 * The options objects a config value stands for: an object literal, through consts and imports,
 * `defineConfig({...})`/`new DataSource({...})` (a call's single argument), arrays of configs,
 * functions returning one, and both branches of `a ? b : c` / `a ?? b` (environment-dependent
 * configs: the union is what any environment may use).
 */
export function configObjectsOf(context: InferenceContext, start: ValueRef): ConfigObjects {
  const objects: ConfigObject[] = [];
  const problems: string[] = [];
  const stack: ValueRef[] = [start];
  for (let steps = 0; stack.length > 0 && steps < MAX_STEPS; steps++) {
    const ref = stack.pop();
    if (ref === undefined) break;
    const node = unwrapExpression(ref.node);
    const next = (child: TSESTree.Node): void => {
      stack.push({ node: child, scope: ref.scope, module: ref.module });
    };
    const problem = (reason: string): void => {
      problems.push(`${where(ref)}: ${snippet(ref)} was not read: ${reason}.`);
    };
    switch (node.type) {
      case AST_NODE_TYPES.ObjectExpression:
        if (!objects.some((object) => object.node === node)) objects.push({ node, scope: ref.scope, module: ref.module });
        break;
      case AST_NODE_TYPES.ArrayExpression:
        for (const element of [...node.elements].reverse()) if (element !== null && element.type !== AST_NODE_TYPES.SpreadElement) next(element);
        break;
      case AST_NODE_TYPES.Identifier: {
        const target = resolveName(context, ref.module, ref.scope, node.name);
        if (target.kind === 'value') stack.push(target.ref);
        else problem(target.kind === 'unresolved' ? target.reason : 'it is not an options object');
        break;
      }
      case AST_NODE_TYPES.MemberExpression: {
        const resolved = resolveConstExpression(node, ref.scope);
        if (resolved !== undefined && resolved.node !== node) stack.push({ node: resolved.node, scope: resolved.scope, module: ref.module });
        else problem('it is not a constant, so its value is only known at run time');
        break;
      }
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression: {
        // `defineConfig({...})`, `new DataSource(options)`: the single argument is the options.
        const argument = node.arguments.length === 1 ? node.arguments[0] : undefined;
        if (argument !== undefined && argument.type !== AST_NODE_TYPES.SpreadElement && !isTextual(argument)) next(argument);
        else problem('it is the result of a call, only known at run time');
        break;
      }
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression: {
        const returned = returnedExpression(node);
        if (returned !== undefined) next(returned);
        else problem('the function does not simply return an options object');
        break;
      }
      case AST_NODE_TYPES.ConditionalExpression:
        next(node.alternate);
        next(node.consequent);
        break;
      case AST_NODE_TYPES.LogicalExpression:
        next(node.right);
        next(node.left);
        break;
      case AST_NODE_TYPES.AwaitExpression:
        next(node.argument);
        break;
      default:
        problem('it is not an options object');
    }
  }
  return { objects, problems };
}

function isTextual(node: TSESTree.Node): boolean {
  const expression = unwrapExpression(node);
  return (expression.type === AST_NODE_TYPES.Literal && typeof expression.value !== 'object') || expression.type === AST_NODE_TYPES.TemplateLiteral;
}

/** The expression a function returns: its expression body, or its only top-level `return`. */
export function returnedExpression(fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression): TSESTree.Expression | undefined {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const returns = fn.body.body.filter((statement): statement is TSESTree.ReturnStatement => statement.type === AST_NODE_TYPES.ReturnStatement);
  return returns.length === 1 ? (returns[0]?.argument ?? undefined) : undefined;
}

export type PropertyLookup =
  | { readonly kind: 'found'; readonly value: ValueRef }
  | { readonly kind: 'absent' }
  | { readonly kind: 'unknown'; readonly reason: string };

/**
 * `config[key]`, as at run time: the last definition wins, spreads (of consts or imports)
 * included. An unreadable spread that may define the key makes it `unknown`.
 */
export function findProperty(context: InferenceContext, config: ConfigObject, key: string, depth = 0): PropertyLookup {
  for (let i = config.node.properties.length - 1; i >= 0; i--) {
    const property = config.node.properties[i];
    if (property === undefined) continue;
    if (property.type === AST_NODE_TYPES.Property) {
      if (propertyKey(property, config) === key) return { kind: 'found', value: { node: property.value, scope: config.scope, module: config.module } };
      continue;
    }
    const spread = configObjectsOf(context, { node: property.argument, scope: config.scope, module: config.module });
    const [object] = spread.objects;
    if (spread.objects.length !== 1 || object === undefined || depth >= MAX_SPREAD_DEPTH) {
      const spreadRef = { ...config, node: property };
      return { kind: 'unknown', reason: `the spread ${snippet(spreadRef)} at ${where(spreadRef)} is not readable statically` };
    }
    const inner = findProperty(context, object, key, depth + 1);
    if (inner.kind !== 'absent') return inner;
  }
  return { kind: 'absent' };
}

function propertyKey(property: TSESTree.Property, config: ConfigObject): string | undefined {
  if (!property.computed) {
    if (property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
    if (property.key.type === AST_NODE_TYPES.Literal) return String(property.key.value);
    return undefined;
  }
  const text = resolveStaticString(property.key, config.scope);
  return text === undefined || text.includes(INTERPOLATION_MARK) ? undefined : text;
}

/** A boolean literal (through consts), or undefined. */
export function readBoolean(ref: ValueRef): boolean | undefined {
  const resolved = resolveConstExpression(ref.node, ref.scope);
  const node = resolved === undefined ? unwrapExpression(ref.node) : resolved.node;
  return node.type === AST_NODE_TYPES.Literal && typeof node.value === 'boolean' ? node.value : undefined;
}

/** Static text (through consts), or undefined when any part is only known at run time. */
export function readString(ref: ValueRef): string | undefined {
  const text = resolveStaticString(ref.node, ref.scope);
  return text === undefined || text.includes(INTERPOLATION_MARK) ? undefined : text;
}

/** Every call or `new` in a module whose callee passes `test`, in source order. */
export function findCalls(
  module: ConfigModule,
  test: (callee: TSESTree.Expression, node: TSESTree.CallExpression | TSESTree.NewExpression) => boolean,
): (TSESTree.CallExpression | TSESTree.NewExpression)[] {
  const calls: (TSESTree.CallExpression | TSESTree.NewExpression)[] = [];
  walkAst(module.program, (node) => {
    if ((node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) && test(node.callee, node)) calls.push(node);
  });
  return calls;
}

/** `Name.method` where `Name` is an identifier (`TypeOrmModule.forRoot`). */
export function isStaticCall(callee: TSESTree.Expression, objectName: string, methods: readonly string[]): boolean {
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !callee.computed &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === objectName &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    methods.includes(callee.property.name)
  );
}
