import { parse } from '@typescript-eslint/typescript-estree';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { collectImportBindings } from '../ast/importBindings.js';
import { walkAst } from '../ast/walkAst.js';

/**
 * The import specifiers of a migrations registry, in the order its array lists them:
 * `import { A } from './1-a'; export const migrations = [A, B]` gives ['./1-a', ...].
 * The longest array of imported identifiers wins (a registry may also export other arrays).
 */
export function readRegistryOrder(text: string): string[] {
  let program: TSESTree.Program;
  try {
    program = parse(text, { loc: false, range: false, jsx: false, comment: false, tokens: false });
  } catch {
    return [];
  }
  const bindings = collectImportBindings(program);
  let best: string[] = [];
  walkAst(program, (node) => {
    if (node.type !== AST_NODE_TYPES.ArrayExpression) return;
    const sources = node.elements.flatMap((element) => {
      if (element?.type !== AST_NODE_TYPES.Identifier) return [];
      const binding = bindings.get(element.name);
      return binding === undefined ? [] : [binding.source];
    });
    if (sources.length > best.length) best = sources;
  });
  return best;
}
