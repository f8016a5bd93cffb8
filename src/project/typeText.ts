import type { TSESTree } from '@typescript-eslint/utils';
import type { ParserServices } from '@typescript-eslint/utils';

/**
 * With type information (a `parserOptions.project`/`projectService` config), a name whose type is a
 * string literal is known even when its value is built elsewhere: `@Entity(TABLE)` where
 * `declare const TABLE: 'users'`. Without it, nothing is read.
 */
export function createTypeTextReader(services: Partial<ParserServices> | undefined): ((node: TSESTree.Node) => string | undefined) | undefined {
  const program = services?.program;
  const nodeMap = services?.esTreeNodeToTSNodeMap;
  if (program === undefined || program === null || nodeMap === undefined) return undefined;
  const checker = program.getTypeChecker();
  return (node) => {
    try {
      const tsNode = nodeMap.get(node as TSESTree.Expression);
      if (tsNode === undefined) return undefined;
      const type = checker.getTypeAtLocation(tsNode);
      return type.isStringLiteral() ? type.value : undefined;
    } catch {
      return undefined; // synthetic or foreign nodes have no TS counterpart
    }
  };
}
