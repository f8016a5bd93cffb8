import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

/** What a local name refers to: `imported` is the export name, `*` for a namespace, `default`. */
export interface ImportBinding {
  readonly source: string;
  readonly imported: string;
}

/** `require('x').Y` binds to export Y of x. */
function requireMemberSource(node: TSESTree.Expression | null): ImportBinding | undefined {
  if (node?.type !== AST_NODE_TYPES.MemberExpression || node.computed || node.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const source = requireSource(node.object);
  return source === undefined ? undefined : { source, imported: node.property.name };
}

function requireSource(node: TSESTree.Expression | null): string | undefined {
  if (
    node?.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === 'require' &&
    node.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    typeof node.arguments[0].value === 'string'
  ) {
    return node.arguments[0].value;
  }
  return undefined;
}

function addImportDeclaration(declaration: TSESTree.ImportDeclaration, bindings: Map<string, ImportBinding>): void {
  const source = declaration.source.value;
  for (const specifier of declaration.specifiers) {
    if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) {
      bindings.set(specifier.local.name, { source, imported: '*' });
    } else if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier) {
      bindings.set(specifier.local.name, { source, imported: 'default' });
    } else {
      const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
      bindings.set(specifier.local.name, { source, imported });
    }
  }
}

/** `const orm = require('typeorm')`, `const { Entity: E } = require('typeorm')`, `const Model = require('objection').Model` (CommonJS and compiled TS). */
function addRequireDeclaration(declaration: TSESTree.VariableDeclaration, bindings: Map<string, ImportBinding>): void {
  for (const declarator of declaration.declarations) {
    const member = requireMemberSource(declarator.init);
    if (member !== undefined && declarator.id.type === AST_NODE_TYPES.Identifier) {
      bindings.set(declarator.id.name, member);
      continue;
    }
    const source = requireSource(declarator.init);
    if (source === undefined) continue;
    if (declarator.id.type === AST_NODE_TYPES.Identifier) {
      bindings.set(declarator.id.name, { source, imported: '*' });
    } else if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of declarator.id.properties) {
        if (
          property.type === AST_NODE_TYPES.Property &&
          property.key.type === AST_NODE_TYPES.Identifier &&
          property.value.type === AST_NODE_TYPES.Identifier
        ) {
          bindings.set(property.value.name, { source, imported: property.key.name });
        }
      }
    }
  }
}

/**
 * Top-level imports of a module by local name. Detection resolves decorators through these rather
 * than by name, so a home-grown `@Entity` from another package is never taken for an ORM's.
 */
export function collectImportBindings(program: TSESTree.Program): ReadonlyMap<string, ImportBinding> {
  const bindings = new Map<string, ImportBinding>();
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && statement.importKind !== 'type') {
      addImportDeclaration(statement, bindings);
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      addRequireDeclaration(statement, bindings);
    }
  }
  return bindings;
}

/**
 * The (package, export) an expression like `Entity`, `orm.Entity` or `(0, typeorm_1.Entity)` refers to.
 */
export function resolveImportedName(
  expression: TSESTree.Expression,
  bindings: ReadonlyMap<string, ImportBinding>,
): ImportBinding | undefined {
  if (expression.type === AST_NODE_TYPES.Identifier) return bindings.get(expression.name);
  if (
    expression.type === AST_NODE_TYPES.MemberExpression &&
    !expression.computed &&
    expression.object.type === AST_NODE_TYPES.Identifier &&
    expression.property.type === AST_NODE_TYPES.Identifier
  ) {
    const namespace = bindings.get(expression.object.name);
    if (namespace !== undefined && (namespace.imported === '*' || namespace.imported === 'default')) {
      return { source: namespace.source, imported: expression.property.name };
    }
  }
  // tsc's CommonJS output calls imports as `(0, typeorm_1.Entity)(...)`.
  if (expression.type === AST_NODE_TYPES.SequenceExpression) {
    const last = expression.expressions.at(-1);
    if (last !== undefined) return resolveImportedName(last, bindings);
  }
  return undefined;
}
