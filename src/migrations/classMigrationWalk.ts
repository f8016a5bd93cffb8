/**
 * Pieces shared by the readers of class-based migrations (TypeORM's `MigrationInterface`,
 * MikroORM's `Migration`): finding the classes and the helpers `up` may call, binding helper
 * parameters, and turning SQL arguments into located events.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { resolveStaticText, unwrapExpression } from '../ast/staticString.js';
import type { ConstLookup, ScopeEntry } from '../ast/staticString.js';
import { walkAst } from '../ast/walkAst.js';
import type { DdlEvent, MigrationEvent, SkippedStatement } from '../schema/ddlEvent.js';
import { INTERPOLATION_MARK, scanSqlDdlWithSkips } from '../sql/scanSqlDdl.js';

export const RUNTIME_SQL_REASON = 'SQL text is built at runtime';
export const RUNTIME_TABLE_REASON = 'table name is built at runtime';

export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;
export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** Events and unreadable statements found by one read, in source order. */
export interface ReadStatements {
  readonly events: MigrationEvent[];
  readonly skipped: SkippedStatement[];
}

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

export function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
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

/** `function f() {}` and `const f = () => {}` at the top level, exported or not. */
export function topLevelFunctions(program: TSESTree.Program): Map<string, FunctionNode> {
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
        const init = declarator.init === null ? undefined : unwrapExpression(declarator.init);
        if (declarator.id.type === AST_NODE_TYPES.Identifier && init !== undefined && isFunctionNode(init)) {
          functions.set(declarator.id.name, init);
        }
      }
    }
  }
  return functions;
}

/** `qr`, `qr: QueryRunner` or `table = 'users'`; destructured parameters have no single name. */
export function parameterName(param: TSESTree.Parameter): string | undefined {
  if (param.type === AST_NODE_TYPES.Identifier) return param.name;
  if (param.type === AST_NODE_TYPES.AssignmentPattern && param.left.type === AST_NODE_TYPES.Identifier) return param.left.name;
  return undefined;
}

/** `function helper(qr, table = 'users')` called without that argument: the default applies. */
export function bindParameterDefault(param: TSESTree.Parameter, params: Map<string, ScopeEntry>, moduleScope: ConstLookup): void {
  if (param.type !== AST_NODE_TYPES.AssignmentPattern || param.left.type !== AST_NODE_TYPES.Identifier) return;
  // Defaults usually name literals or module constants; reading them in module scope is enough.
  params.set(param.left.name, { init: param.right, scope: moduleScope });
}

/**
 * Pairs a helper's parameters with the call's arguments. `classify` claims arguments with a
 * meaning of its own (a query runner, the migration) by returning true; the others are bound
 * to the argument read in the caller's scope, missing ones to the parameter's default.
 */
export function bindHelperParameters(
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

export function staticPropertyName(member: TSESTree.MemberExpression): string | undefined {
  if (member.property.type === AST_NODE_TYPES.PrivateIdentifier) return `#${member.property.name}`;
  if (!member.computed) return member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
  return member.property.type === AST_NODE_TYPES.Literal && typeof member.property.value === 'string' ? member.property.value : undefined;
}

/**
 * The DDL in a SQL argument (string, template, concatenation, const), each statement located on
 * its own line inside the text. SQL that cannot be read is one skipped statement at `line`.
 */
export function readSqlArgument(sql: TSESTree.Node | undefined, scope: ConstLookup, line: number): ReadStatements {
  const resolved = sql === undefined || sql.type === AST_NODE_TYPES.SpreadElement ? undefined : resolveStaticText(sql, scope);
  // Text that is nothing but interpolations (`${sql}`) is as unknown as a bare variable.
  if (resolved === undefined || resolved.text.replaceAll(INTERPOLATION_MARK, '').trim() === '') {
    return { events: [], skipped: [{ line, reason: RUNTIME_SQL_REASON }] };
  }
  const firstLine = resolved.origin.loc.start.line;
  const lineAt = (offset: number): number => firstLine + countNewlines(resolved.text, offset);
  const scan = scanSqlDdlWithSkips(resolved.text);
  return {
    events: scan.events.map((event) => toMigrationEvent(event, lineAt(event.offset))),
    skipped: scan.skipped.map((skip) => ({ line: lineAt(skip.offset), reason: skip.reason })),
  };
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < end; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

function toMigrationEvent(event: DdlEvent, line: number): MigrationEvent {
  return {
    kind: event.kind,
    table: event.table,
    ...(event.to === undefined ? {} : { to: event.to }),
    ...(event.temporary === undefined ? {} : { temporary: event.temporary }),
    line,
  };
}
