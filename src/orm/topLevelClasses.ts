import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** Classes declared by top-level statements, exported or not: `class X`, `export (default) class X`. */
export function topLevelClasses(program: TSESTree.Program): ClassNode[] {
  const classes: ClassNode[] = [];
  for (const statement of program.body) {
    const declaration =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration
        ? statement.declaration
        : statement;
    if (declaration?.type === AST_NODE_TYPES.ClassDeclaration || declaration?.type === AST_NODE_TYPES.ClassExpression) {
      classes.push(declaration);
    }
  }
  return classes;
}
