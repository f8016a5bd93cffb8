/**
 * Pieces shared by the readers of class-based migrations (TypeORM's `MigrationInterface`,
 * MikroORM's `Migration`): finding the classes and the members `up` may call through `this`.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { unwrapExpression } from '../ast/staticString.js';
import { walkAst } from '../ast/walkAst.js';
import { isFunctionNode, type FunctionNode } from './functionWalk.js';

export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** Classes declared at the top level, however exported: `export class`, `exports.X = class`, … */
export function findTopLevelClasses(program: TSESTree.Program): ClassNode[] {
  const classes: ClassNode[] = [];
  walkAst(program, (node) => {
    if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) {
      classes.push(node);
      return false;
    }
    // Classes inside functions are not what a migration loader instantiates.
    return !isFunctionNode(node);
  });
  return classes;
}

/**
 * Instance methods and function-valued properties of a class, by name (`#name` for private
 * ones). Overload signatures, abstract and static members have no body `this.x()` could run.
 */
export function classMemberFunctions(classNode: ClassNode): Map<string, FunctionNode> {
  const members = new Map<string, FunctionNode>();
  for (const member of classNode.body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) continue;
    if (member.static || (member.type === AST_NODE_TYPES.MethodDefinition && member.kind !== 'method')) continue;
    const name = memberKeyName(member);
    const value = member.value === null ? undefined : unwrapExpression(member.value);
    if (name !== undefined && value !== undefined && isFunctionNode(value)) members.set(name, value);
  }
  return members;
}

function memberKeyName(member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition): string | undefined {
  if (member.key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${member.key.name}`;
  if (member.computed) return member.key.type === AST_NODE_TYPES.Literal ? String(member.key.value) : undefined;
  if (member.key.type === AST_NODE_TYPES.Identifier) return member.key.name;
  return member.key.type === AST_NODE_TYPES.Literal ? String(member.key.value) : undefined;
}
