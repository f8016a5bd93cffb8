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
  // Hot (every walk of every module): `for...in` and a sort only when needed avoid allocating
  // entry arrays and comparing nodes that already come in order.
  const children: TSESTree.Node[] = [];
  let inOrder = true;
  let lastStart = -Infinity;
  const add = (child: TSESTree.Node): void => {
    const start = startOf(child);
    if (start < lastStart) inOrder = false;
    lastStart = start;
    children.push(child);
  };
  const fields = node as unknown as Record<string, unknown>;
  for (const key in fields) {
    if (NON_CHILD_KEYS.has(key) || !Object.hasOwn(fields, key)) continue;
    const value = fields[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) add(item);
    } else if (isNode(value)) {
      add(value);
    }
  }
  // Key order is not source order everywhere (a template's quasis and expressions live in
  // separate arrays, decorators come last), so order by position.
  return inOrder ? children : children.sort((a, b) => startOf(a) - startOf(b));
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
