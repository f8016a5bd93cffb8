/**
 * The walk every script migration reader makes: `up` in source order, following the helpers it
 * calls (top-level functions, class or object members) with their parameters bound to the
 * call's arguments. Each reader says, through `visit`, which nodes it understands and what they do.
 * Helpers are followed to MAX_HELPER_DEPTH and MAX_HELPER_CALLS; one beyond is a `skipped` entry.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { buildLocalConstLookup, unwrapExpression } from '../ast/staticString.js';
import type { ConstLookup, ScopeEntry } from '../ast/staticString.js';
import { walkAst } from '../ast/walkAst.js';
import type { MigrationEvent, SkippedStatement } from '../schema/ddlEvent.js';

export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/**
 * What a node the reader understands does (usually a call): its `operands` are walked first, as
 * they run first, then `apply` records the node's own effect. The node's children are not walked.
 */
export interface NodeEffect {
  readonly operands: readonly TSESTree.Node[];
  readonly apply: () => void;
}

/** State of one read of a file; `Frame` is what the reader knows inside the function being walked. */
export interface FunctionWalker<Frame> {
  readonly moduleScope: ConstLookup;
  /** Top-level functions, followed when the walked code calls them by name. */
  readonly moduleFunctions: ReadonlyMap<string, FunctionNode>;
  readonly events: MigrationEvent[];
  readonly skipped: SkippedStatement[];
  /** Functions being walked; one already here is not re-entered (recursion guard). */
  readonly callStack: Set<FunctionNode>;
  /** Helper calls followed so far in this read, against MAX_HELPER_CALLS. */
  readonly helperCalls: { count: number };
  /**
   * Called on each node before its children, in source order: notes what the node tells (an
   * alias, a use of the migration's handle) and returns its effect when the reader understands
   * it, or `undefined` to walk into it.
   */
  readonly visit: (frame: Frame, node: TSESTree.Node) => NodeEffect | undefined;
}

/** The walker's state before anything is read; the reader adds its own fields and `visit`. */
export function startWalk(
  moduleScope: ConstLookup,
  moduleFunctions: ReadonlyMap<string, FunctionNode>,
): Omit<FunctionWalker<never>, 'visit'> {
  return { moduleScope, moduleFunctions, events: [], skipped: [], callStack: new Set(), helperCalls: { count: 0 } };
}

/**
 * Helpers nested deeper than this are not followed. Each level takes several stack frames, so
 * an unbounded chain (flat code, which parses at any length) would overflow the stack; real
 * migrations nest helpers a few levels at most.
 */
export const MAX_HELPER_DEPTH = 64;

/**
 * Helper calls followed per read. Each call is walked at its position with its own arguments,
 * so helpers calling helpers several times multiply: a budget keeps the read linear in it.
 */
export const MAX_HELPER_CALLS = 10_000;

export const HELPER_DEPTH_REASON = `helper not followed: helpers nest deeper than ${MAX_HELPER_DEPTH} calls`;
export const HELPER_BUDGET_REASON = `helper not followed: the migration makes more than ${MAX_HELPER_CALLS} helper calls`;

/** A call's effect, applied after its arguments are walked; `undefined` when there is none. */
export function callEffect(call: TSESTree.CallExpression, apply: (() => void) | undefined): NodeEffect | undefined {
  return apply === undefined ? undefined : { operands: call.arguments, apply };
}

/** Walks `root` in source order, applying the effects of the nodes the reader understands. */
export function walkNode<Frame>(walker: FunctionWalker<Frame>, frame: Frame, root: TSESTree.Node): void {
  walkAst(root, (node) => {
    const effect = walker.visit(frame, node);
    if (effect === undefined) return true;
    for (const operand of effect.operands) walkNode(walker, frame, operand);
    effect.apply();
    return false;
  });
}

/**
 * Walks one function body in the frame `frameFor` makes for its scope (its consts, and its
 * parameters bound per `params`), unless the function is already being walked (recursion).
 */
export function walkFunction<Frame>(
  walker: FunctionWalker<Frame>,
  fn: FunctionNode,
  params: ReadonlyMap<string, ScopeEntry>,
  frameFor: (scope: ConstLookup) => Frame,
): void {
  if (walker.callStack.has(fn)) return;
  walker.callStack.add(fn);
  try {
    walkNode(walker, frameFor(buildLocalConstLookup(fn, walker.moduleScope, params)), fn.body);
  } finally {
    walker.callStack.delete(fn);
  }
}

/**
 * Walks a helper at its call position; false when a limit (MAX_HELPER_DEPTH, MAX_HELPER_CALLS)
 * stopped it, with a `skipped` entry at the call. `classify` claims the arguments with a meaning of its own
 * (the query runner, the migration) by returning true, recording it for `frameFor`; the other
 * parameters are bound to the caller's arguments, so `helper(queryRunner, 'users')` reads.
 */
export function followHelper<Frame>(
  walker: FunctionWalker<Frame>,
  helper: FunctionNode,
  call: TSESTree.CallExpression,
  callerScope: ConstLookup,
  classify: (name: string, argument: TSESTree.Expression) => boolean,
  frameFor: (scope: ConstLookup) => Frame,
): boolean {
  // Bound first, so that `classify` has seen the arguments (and the reader knows its handle was passed) either way.
  const params = bindHelperParameters(helper, call, callerScope, walker.moduleScope, classify);
  const limit =
    walker.callStack.size > MAX_HELPER_DEPTH ? HELPER_DEPTH_REASON : walker.helperCalls.count >= MAX_HELPER_CALLS ? HELPER_BUDGET_REASON : undefined;
  if (limit !== undefined) {
    // What the helper does is then unknown: say so where it is called, never guess.
    walker.skipped.push({ line: call.loc.start.line, reason: limit });
    return false;
  }
  walker.helperCalls.count++;
  walkFunction(walker, helper, params, frameFor);
  return true;
}

/** A role an argument can play in a helper (the runner, the migration), and the names holding it there. */
export type ArgumentRole = readonly [plays: (argument: TSESTree.Expression) => boolean, names: Set<string>];

/** A `classify` for `followHelper`: each parameter takes the first role its argument plays, if any. */
export function claimByRole(roles: readonly ArgumentRole[]): (name: string, argument: TSESTree.Expression) => boolean {
  return (name, argument) => {
    const role = roles.find(([plays]) => plays(argument));
    role?.[1].add(name);
    return role !== undefined;
  };
}

/**
 * Pairs a helper's parameters with the call's arguments. `classify` claims arguments with a
 * meaning of its own by returning true; the others are bound to the argument read in the
 * caller's scope, missing ones to the parameter's default.
 */
function bindHelperParameters(
  helper: FunctionNode,
  call: TSESTree.CallExpression,
  callerScope: ConstLookup,
  moduleScope: ConstLookup,
  classify: (name: string, argument: TSESTree.Expression) => boolean,
): Map<string, ScopeEntry> {
  const params = new Map<string, ScopeEntry>();
  const spreadAt = call.arguments.findIndex((argument) => argument.type === AST_NODE_TYPES.SpreadElement);
  helper.params.forEach((param, index) => {
    const name = parameterName(param);
    const argument = spreadAt !== -1 && index >= spreadAt ? undefined : call.arguments[index];
    if (name === undefined || argument === undefined || argument.type === AST_NODE_TYPES.SpreadElement) {
      bindParameterDefault(param, params, moduleScope);
      return;
    }
    if (!classify(name, argument)) params.set(name, { init: argument, scope: callerScope });
  });
  return params;
}

/** `function helper(qr, table = 'users')` called without that argument: the default applies. */
function bindParameterDefault(param: TSESTree.Parameter, params: Map<string, ScopeEntry>, moduleScope: ConstLookup): void {
  if (param.type !== AST_NODE_TYPES.AssignmentPattern || param.left.type !== AST_NODE_TYPES.Identifier) return;
  // Defaults usually name literals or module constants; reading them in module scope is enough.
  params.set(param.left.name, { init: param.right, scope: moduleScope });
}

/** `qr`, `qr: QueryRunner` or `table = 'users'`; destructured parameters have no single name. */
export function parameterName(param: TSESTree.Parameter): string | undefined {
  if (param.type === AST_NODE_TYPES.Identifier) return param.name;
  if (param.type === AST_NODE_TYPES.AssignmentPattern && param.left.type === AST_NODE_TYPES.Identifier) return param.left.name;
  return undefined;
}

export function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

/** A function written in place: `function () {}`, `async () => ...` (parentheses and casts aside). */
export function inlineFunction(node: TSESTree.Node): FunctionNode | undefined {
  const value = unwrapExpression(node);
  return isFunctionNode(value) ? value : undefined;
}

/** A function value: written in place, or the name of a top-level function. */
export function functionValue(node: TSESTree.Node, functions: ReadonlyMap<string, FunctionNode>): FunctionNode | undefined {
  const value = unwrapExpression(node);
  if (isFunctionNode(value)) return value;
  return value.type === AST_NODE_TYPES.Identifier ? functions.get(value.name) : undefined;
}

/**
 * `function f() {}` and `const f = () => {}` at the top level, exported or not. `functionOf`
 * says which function a const's initializer holds (by default, one written in place).
 */
export function topLevelFunctions(
  program: TSESTree.Program,
  functionOf: (init: TSESTree.Expression) => FunctionNode | undefined = inlineFunction,
): Map<string, FunctionNode> {
  const functions = new Map<string, FunctionNode>();
  for (const statement of program.body) {
    const declaration =
      (statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) &&
      statement.declaration !== null
        ? statement.declaration
        : statement;
    if (declaration.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id !== null) {
      functions.set(declaration.id.name, declaration);
    } else if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.init === null) continue;
        const fn = functionOf(declarator.init);
        if (fn !== undefined) functions.set(declarator.id.name, fn);
      }
    }
  }
  return functions;
}

/** `x.name`, `x['name']` or `x.#name`: the member's name when written statically. */
export function staticPropertyName(member: TSESTree.MemberExpression): string | undefined {
  if (member.property.type === AST_NODE_TYPES.PrivateIdentifier) return `#${member.property.name}`;
  if (!member.computed) return member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
  return member.property.type === AST_NODE_TYPES.Literal && typeof member.property.value === 'string' ? member.property.value : undefined;
}
