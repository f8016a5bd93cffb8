import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { unwrapExpression } from '../../ast/staticString.js';
import { walkAst } from '../../ast/walkAst.js';
import type { DecoratedClass } from './typeormDecoratedEntity.js';
import type { DecoratedMember } from './typeormRelations.js';

/**
 * Helpers compilers call to apply legacy (`experimentalDecorators`) class decorators:
 * tsc and tslib `__decorate`, SWC `_ts_decorate`, esbuild `__decorateClass`.
 */
const DECORATE_HELPERS = new Set(['__decorate', '_ts_decorate', '__decorateClass']);

/** A class (or ES5 constructor function) declared in the module, by the name it is bound to. */
interface ClassBinding {
  /** `Function.name` at runtime. */
  readonly runtimeName: string;
  readonly loc: TSESTree.SourceLocation;
}

function isDecorateHelper(callee: TSESTree.Node): boolean {
  const node = unwrapExpression(callee);
  if (node.type === AST_NODE_TYPES.Identifier) return DECORATE_HELPERS.has(node.name);
  if (node.type === AST_NODE_TYPES.SequenceExpression) {
    const last = node.expressions.at(-1);
    return last !== undefined && isDecorateHelper(last);
  }
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || node.property.type !== AST_NODE_TYPES.Identifier) return false;
  // `tslib_1.__decorate`, and SWC's external helper `_ts_decorate._`.
  if (DECORATE_HELPERS.has(node.property.name)) return true;
  return node.property.name === '_' && node.object.type === AST_NODE_TYPES.Identifier && DECORATE_HELPERS.has(node.object.name);
}

/** The class a declarator binds, through assignment chains: `let User = User_1 = class User {}`. */
function classOfDeclarator(declarator: TSESTree.VariableDeclarator): ClassBinding | undefined {
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.init === null) return undefined;
  // An anonymous class takes the name of the binding it is assigned to (named evaluation).
  let bindingName = declarator.id.name;
  let bindingLoc = declarator.id.loc;
  let value = unwrapExpression(declarator.init);
  while (value.type === AST_NODE_TYPES.AssignmentExpression && value.operator === '=' && value.left.type === AST_NODE_TYPES.Identifier) {
    bindingName = value.left.name;
    bindingLoc = value.left.loc;
    value = unwrapExpression(value.right);
  }
  if (value.type !== AST_NODE_TYPES.ClassExpression) return undefined;
  return value.id === null ? { runtimeName: bindingName, loc: bindingLoc } : { runtimeName: value.id.name, loc: value.id.loc };
}

/** Every name bound to a class or a function anywhere in the module (ES5 classes are functions). */
function collectClassBindings(program: TSESTree.Program): Map<string, ClassBinding[]> {
  const bindings = new Map<string, ClassBinding[]>();
  const add = (name: string, binding: ClassBinding): void => {
    const list = bindings.get(name);
    if (list === undefined) bindings.set(name, [binding]);
    else list.push(binding);
  };
  walkAst(program, (node) => {
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier) {
      const binding = classOfDeclarator(node);
      if (binding !== undefined) add(node.id.name, binding);
    } else if ((node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.FunctionDeclaration) && node.id !== null) {
      add(node.id.name, { runtimeName: node.id.name, loc: node.id.loc });
    }
  });
  return bindings;
}

/** The one class a name can stand for; `undefined` when none, or several different ones. */
function uniqueBinding(candidates: readonly ClassBinding[] | undefined): ClassBinding | undefined {
  const first = candidates?.[0];
  if (first === undefined || candidates === undefined) return undefined;
  return candidates.every((candidate) => candidate.runtimeName === first.runtimeName) ? first : undefined;
}

/** `__decorate([decorators], Target)`: a class decorator call (member decorators pass 4 arguments). */
function classDecorateCall(node: TSESTree.Node): { decorators: TSESTree.ArrayExpression; target: TSESTree.Identifier } | undefined {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length !== 2 || !isDecorateHelper(node.callee)) return undefined;
  const [list, target] = node.arguments;
  if (list?.type !== AST_NODE_TYPES.ArrayExpression || target?.type !== AST_NODE_TYPES.Identifier) return undefined;
  return { decorators: list, target };
}

/**
 * `__decorate([decorators], Post.prototype, "tags", void 0)`: an instance member's decorators
 * (tsc, tslib and SWC pass 4 arguments, esbuild's `__decorateClass` a kind number last).
 */
function memberDecorateCall(node: TSESTree.Node): { decorators: TSESTree.ArrayExpression; className: string; member: string } | undefined {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length < 3 || !isDecorateHelper(node.callee)) return undefined;
  const [list, target, key] = node.arguments;
  if (list?.type !== AST_NODE_TYPES.ArrayExpression || target?.type !== AST_NODE_TYPES.MemberExpression || target.computed) return undefined;
  if (target.object.type !== AST_NODE_TYPES.Identifier || target.property.type !== AST_NODE_TYPES.Identifier || target.property.name !== 'prototype') return undefined;
  if (key?.type !== AST_NODE_TYPES.Literal || typeof key.value !== 'string') return undefined;
  return { decorators: list, className: target.object.name, member: key.value };
}

function decoratorExpressions(list: TSESTree.ArrayExpression): TSESTree.Expression[] {
  return list.elements.filter((element): element is TSESTree.Expression => element !== null && element.type !== AST_NODE_TYPES.SpreadElement);
}

/**
 * Classes decorated in compiled JavaScript: tsc's CommonJS and ES-module output
 * (`let User = class User {}; User = __decorate([(0, typeorm_1.Entity)('users')], User)`), its ES5
 * output (`function User() {}` inside an IIFE), tslib, SWC and esbuild helpers. Reported at the
 * class name. Abstractness is erased by compilation, so these classes are never abstract.
 */
export function findCompiledDecoratedClasses(program: TSESTree.Program): DecoratedClass[] {
  const calls: { decorators: TSESTree.ArrayExpression; target: TSESTree.Identifier }[] = [];
  const membersByClass = new Map<string, DecoratedMember[]>();
  walkAst(program, (node) => {
    const call = classDecorateCall(node);
    if (call !== undefined) calls.push(call);
    const memberCall = call === undefined ? memberDecorateCall(node) : undefined;
    if (memberCall !== undefined) {
      const members = membersByClass.get(memberCall.className) ?? [];
      members.push({ name: memberCall.member, decorators: decoratorExpressions(memberCall.decorators) });
      membersByClass.set(memberCall.className, members);
    }
  });
  if (calls.length === 0) return [];
  const bindings = collectClassBindings(program);
  const classes: DecoratedClass[] = [];
  for (const { decorators, target } of calls) {
    const binding = uniqueBinding(bindings.get(target.name));
    // Not a class declared here (or ambiguous): its runtime name, hence its default table, is unknown.
    if (binding === undefined) continue;
    const members = membersByClass.get(target.name) ?? [];
    classes.push({ name: binding.runtimeName, loc: binding.loc, decorators: decoratorExpressions(decorators), abstract: false, members });
  }
  return classes;
}
