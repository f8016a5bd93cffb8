import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { buildLocalConstLookup, type ConstLookup } from '../../ast/staticString.js';
import { childNodes } from '../../ast/walkAst.js';

export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;
type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** What is known where a node sits: the consts in scope and what `this` is. */
export interface WalkFrame {
  /** Module consts, then those of the enclosing functions; built on first use. */
  readonly scope: () => ConstLookup;
  /** The class `this` is (a static method, static block or static field of it), if any. */
  readonly thisClass: ClassNode | undefined;
  /** Whether the node is inside a function body (not run when the module loads). */
  readonly inFunction: boolean;
}

interface InternalFrame extends WalkFrame {
  /** The class whose body is being walked, for its members. */
  readonly enclosingClass: ClassNode | undefined;
  /** `this` for the function that is the value of the member being walked. */
  readonly memberThis: { readonly value: ClassNode | undefined } | undefined;
}

function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

function memoize<T>(compute: () => T): () => T {
  let done = false;
  let value: T | undefined;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value as T;
  };
}

/** The frame the children of `node` are walked in. */
function childFrame(node: TSESTree.Node, frame: InternalFrame): InternalFrame {
  if (isFunctionNode(node)) {
    const parentScope = frame.scope;
    // Arrows keep the outer `this`; a method's function gets the member's `this`.
    const thisClass = node.type === AST_NODE_TYPES.ArrowFunctionExpression ? frame.thisClass : frame.memberThis?.value;
    return {
      scope: memoize(() => buildLocalConstLookup(node, parentScope())),
      thisClass,
      inFunction: true,
      enclosingClass: frame.enclosingClass,
      memberThis: undefined,
    };
  }
  switch (node.type) {
    case AST_NODE_TYPES.ClassDeclaration:
    case AST_NODE_TYPES.ClassExpression:
      return { ...frame, enclosingClass: node, memberThis: undefined };
    case AST_NODE_TYPES.MethodDefinition:
      return { ...frame, memberThis: { value: node.static ? frame.enclosingClass : undefined } };
    case AST_NODE_TYPES.PropertyDefinition:
      // `static x = this.init(...)` runs with `this` as the class; instance fields never do here.
      return { ...frame, thisClass: node.static ? frame.enclosingClass : undefined, memberThis: { value: undefined } };
    case AST_NODE_TYPES.StaticBlock:
      return { ...frame, thisClass: frame.enclosingClass, memberThis: undefined };
    default:
      return frame.memberThis === undefined ? frame : { ...frame, memberThis: undefined };
  }
}

/**
 * Pre-order walk of a module in source order, telling `enter` the consts in scope and what
 * `this` is at each node. Iterative, so deep nesting cannot overflow the stack.
 */
export function walkWithFrames(program: TSESTree.Program, moduleScope: ConstLookup, enter: (node: TSESTree.Node, frame: WalkFrame) => void): void {
  const root: InternalFrame = { scope: () => moduleScope, thisClass: undefined, inFunction: false, enclosingClass: undefined, memberThis: undefined };
  const stack: { node: TSESTree.Node; frame: InternalFrame }[] = [{ node: program, frame: root }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { node, frame } = item;
    enter(node, frame);
    const inner = childFrame(node, frame);
    const children = childNodes(node);
    for (let index = children.length - 1; index >= 0; index--) {
      const child = children[index];
      if (child !== undefined) stack.push({ node: child, frame: inner });
    }
  }
}
