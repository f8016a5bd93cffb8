import type { TSESTree } from '@typescript-eslint/utils';

/** Keys that point back up the tree or hold positions/side tables rather than child nodes. */
const NON_CHILD_KEYS = new Set(['parent', 'loc', 'range', 'comments', 'tokens']);

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function startOf(node: TSESTree.Node): number {
  // Nodes built without `range` keep their discovery order (the sort is stable).
  return Array.isArray(node.range) ? node.range[0] : 0;
}

/** The direct child nodes of `node`, in source order. */
export function childNodes(node: TSESTree.Node): TSESTree.Node[] {
  const children: TSESTree.Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (NON_CHILD_KEYS.has(key)) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) children.push(item);
    } else if (isNode(value)) {
      children.push(value);
    }
  }
  // Key order is not source order everywhere (a template's quasis and expressions live in
  // separate arrays, decorators come last), so order by position.
  return children.sort((a, b) => startOf(a) - startOf(b));
}

/** Calls `cb` with each direct child node of `node`, in source order. */
export function forEachChildNode(node: TSESTree.Node, cb: (child: TSESTree.Node) => void): void {
  for (const child of childNodes(node)) cb(child);
}

/**
 * Pre-order walk of `root` and its descendants in source order. `enter` returning `false`
 * skips that node's children. Iterative, so deeply nested code cannot overflow the stack.
 */
export function walkAst(root: TSESTree.Node, enter: (node: TSESTree.Node) => boolean | void): void {
  const stack: TSESTree.Node[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (enter(node) === false) continue;
    // Pushed in reverse so the first child is popped (visited) first.
    for (const child of childNodes(node).reverse()) stack.push(child);
  }
}
