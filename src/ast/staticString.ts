import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { walkAst } from './walkAst.js';
import { INTERPOLATION_MARK } from '../sql/scanSqlDdl.js';

/**
 * What a name stands for: the expression it was bound to and the scope that expression must be
 * read in (a helper's parameter is bound to the caller's argument, read in the caller's scope).
 */
export interface ConstBinding {
  readonly init: TSESTree.Expression;
  readonly scope: ConstLookup;
}

/**
 * Finds the expression a name is statically bound to (`undefined` when unknown or not a
 * `const`). A plain `(name) => expression` function is a valid lookup; lookups built here also
 * carry `binding`, which says which scope that expression must be read in.
 */
export interface ConstLookup {
  (name: string): TSESTree.Expression | undefined;
  readonly binding?: ((name: string) => ConstBinding | undefined) | undefined;
}

/** A name declared in a scope: its binding, or `null` when declared but not statically known. */
export type ScopeEntry = ConstBinding | null;

/** Text resolved from source, with the node that text starts at (for line numbers). */
export interface StaticText {
  readonly text: string;
  readonly origin: TSESTree.Node;
}

/** Following names can loop (`const a = b; const b = a`) or explode; every step spends budget. */
const RESOLUTION_BUDGET = 5_000;
/**
 * Steps nested inside each other (`const c2 = `${c1}_x``, `const o2 = { ...o1 }`, ...). Each costs
 * several stack frames, so a long chain of flat declarations would overflow the stack well
 * within the step budget; real code never chains constants this deep.
 */
const MAX_RESOLUTION_DEPTH = 400;

interface Resolution {
  /** Bindings being followed right now; meeting one again is a cycle. */
  readonly path: Set<TSESTree.Node>;
  budgetLeft: number;
  depth: number;
  /** Set when the budget or the depth ran out: the value may well be static, just too deep to follow. */
  exhausted: boolean;
}

const EMPTY_LOOKUP: ConstLookup = () => undefined;

/** What `name` is bound to in `scope`; a plain lookup's expressions are read in that same scope. */
export function lookupBinding(scope: ConstLookup, name: string): ConstBinding | undefined {
  if (scope.binding !== undefined) return scope.binding(name);
  const init = scope(name);
  return init === undefined ? undefined : { init, scope };
}

/** A lookup over `entries` that falls back to `outer` for names not declared there. */
export function createScopeLookup(entries: ReadonlyMap<string, ScopeEntry>, outer: ConstLookup = EMPTY_LOOKUP): ConstLookup {
  const binding = (name: string): ConstBinding | undefined => {
    const entry = entries.get(name);
    // A name declared here but not statically known shadows any outer binding.
    if (entry !== undefined) return entry ?? undefined;
    return lookupBinding(outer, name);
  };
  return Object.assign((name: string) => binding(name)?.init, { binding });
}

/** `const` declarations at the top level of a module (exported or not) with an initializer. */
export function buildModuleConstLookup(program: TSESTree.Program, outer: ConstLookup = EMPTY_LOOKUP): ConstLookup {
  const entries = new Map<string, ScopeEntry>();
  const lookup = createScopeLookup(entries, outer);
  for (const statement of program.body) {
    const declaration = topLevelVariableDeclaration(statement);
    if (declaration?.kind !== 'const') continue;
    for (const declarator of declaration.declarations) {
      if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init !== null) {
        entries.set(declarator.id.name, { init: declarator.init, scope: lookup });
      }
    }
  }
  return lookup;
}

function topLevelVariableDeclaration(statement: TSESTree.ProgramStatement): TSESTree.VariableDeclaration | undefined {
  if (statement.type === AST_NODE_TYPES.VariableDeclaration) return statement;
  if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
    return statement.declaration;
  }
  return undefined;
}

type FunctionLike = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/**
 * The names visible inside `fn`: its parameters (bound per `params`, else unknown) and every
 * `const` declared anywhere in its body, nested callbacks included. Other declarations (let,
 * var, nested parameters, destructuring) and names declared twice are unknown, so they shadow
 * module constants instead of being misread as them.
 */
export function buildLocalConstLookup(
  fn: FunctionLike,
  outer: ConstLookup,
  params: ReadonlyMap<string, ScopeEntry> = new Map(),
): ConstLookup {
  const entries = new Map<string, ScopeEntry>();
  const lookup = createScopeLookup(entries, outer);
  for (const param of fn.params) {
    for (const name of patternNames(param)) entries.set(name, params.get(name) ?? null);
  }
  const declare = (name: string, entry: ScopeEntry): void => {
    entries.set(name, entries.has(name) ? null : entry);
  };
  walkAst(fn.body, (node) => {
    for (const [name, entry] of declaredNames(node, lookup)) declare(name, entry);
  });
  return lookup;
}

/** Names a node declares into the enclosing function's scope. */
function declaredNames(node: TSESTree.Node, lookup: ConstLookup): [string, ScopeEntry][] {
  switch (node.type) {
    case AST_NODE_TYPES.VariableDeclaration:
      return node.declarations.flatMap((declarator): [string, ScopeEntry][] => {
        if (node.kind === 'const' && declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init !== null) {
          return [[declarator.id.name, { init: declarator.init, scope: lookup }]];
        }
        return patternNames(declarator.id).map((name) => [name, null]);
      });
    case AST_NODE_TYPES.FunctionDeclaration:
    case AST_NODE_TYPES.FunctionExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression: {
      const own = node.type === AST_NODE_TYPES.FunctionDeclaration && node.id !== null ? [node.id.name] : [];
      return [...own, ...node.params.flatMap(patternNames)].map((name) => [name, null]);
    }
    case AST_NODE_TYPES.ClassDeclaration:
      return node.id === null ? [] : [[node.id.name, null]];
    case AST_NODE_TYPES.CatchClause:
      return node.param === null ? [] : patternNames(node.param).map((name) => [name, null]);
    default:
      return [];
  }
}

/** Identifiers bound by a parameter or declaration pattern. */
export function patternNames(pattern: TSESTree.Node): string[] {
  switch (pattern.type) {
    case AST_NODE_TYPES.Identifier:
      return [pattern.name];
    case AST_NODE_TYPES.AssignmentPattern:
      return patternNames(pattern.left);
    case AST_NODE_TYPES.RestElement:
      return patternNames(pattern.argument);
    case AST_NODE_TYPES.TSParameterProperty:
      return patternNames(pattern.parameter);
    case AST_NODE_TYPES.ArrayPattern:
      return pattern.elements.flatMap((element) => (element === null ? [] : patternNames(element)));
    case AST_NODE_TYPES.ObjectPattern:
      return pattern.properties.flatMap((property) =>
        property.type === AST_NODE_TYPES.RestElement ? patternNames(property) : patternNames(property.value),
      );
    default:
      return [];
  }
}

/** Strips wrappers that do not change a value: `as const`, `satisfies`, `!`, `<T>x`. */
export function unwrapExpression(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
        current = current.expression;
        break;
      default:
        // Parentheses leave no node in ESTree, so there is nothing to strip for them.
        return current;
    }
  }
}

function newResolution(): Resolution {
  return { path: new Set(), budgetLeft: RESOLUTION_BUDGET, depth: 0, exhausted: false };
}

/**
 * Follows const names and const-object member accesses to the expression they stand for and
 * hands it to `use`, keeping the followed bindings on the path meanwhile so that a cycle back
 * into them resolves to `undefined` instead of looping.
 */
function withConstValue<T>(
  node: TSESTree.Node,
  scope: ConstLookup,
  resolution: Resolution,
  use: (value: TSESTree.Node, valueScope: ConstLookup) => T | undefined,
): T | undefined {
  if (--resolution.budgetLeft < 0 || resolution.depth >= MAX_RESOLUTION_DEPTH) {
    resolution.exhausted = true;
    return undefined;
  }
  resolution.depth++;
  try {
    return followConstValue(node, scope, resolution, use);
  } finally {
    resolution.depth--;
  }
}

function followConstValue<T>(
  node: TSESTree.Node,
  scope: ConstLookup,
  resolution: Resolution,
  use: (value: TSESTree.Node, valueScope: ConstLookup) => T | undefined,
): T | undefined {
  const expression = unwrapExpression(node);
  if (expression.type === AST_NODE_TYPES.Identifier) {
    const binding = lookupBinding(scope, expression.name);
    if (binding === undefined || resolution.path.has(binding.init)) return undefined;
    resolution.path.add(binding.init);
    try {
      return withConstValue(binding.init, binding.scope, resolution, use);
    } finally {
      resolution.path.delete(binding.init);
    }
  }
  if (expression.type === AST_NODE_TYPES.MemberExpression) {
    const key = memberKey(expression, scope, resolution);
    if (key === undefined) return undefined;
    return withConstValue(expression.object, scope, resolution, (object, objectScope) =>
      withProperty(object, key, objectScope, resolution, (value, valueScope) => withConstValue(value, valueScope, resolution, use)),
    );
  }
  return use(expression, scope);
}

/** The property name a member access reads, when static: `OBJ.key`, `OBJ['key']`, `OBJ[KEY]`. */
function memberKey(member: TSESTree.MemberExpression, scope: ConstLookup, resolution: Resolution): string | undefined {
  if (!member.computed) return member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
  return textOf(member.property, scope, resolution)?.text;
}

/** Finds `key` in an object literal (later definitions and spreads win, as at runtime). */
function withProperty<T>(
  object: TSESTree.Node,
  key: string,
  scope: ConstLookup,
  resolution: Resolution,
  use: (value: TSESTree.Node, valueScope: ConstLookup) => T | undefined,
): T | undefined {
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  for (let i = object.properties.length - 1; i >= 0; i--) {
    const property = object.properties[i];
    if (property === undefined) continue;
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      // Read inside the callback so the spread's binding stays on the path (cycle guard).
      const outcome = withConstValue(property.argument, scope, resolution, (spread, spreadScope) => {
        if (spread.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
        if (!objectDefines(spread, key, spreadScope, resolution)) return { defined: false } as const;
        return { defined: true, value: withProperty(spread, key, spreadScope, resolution, use) } as const;
      });
      // An unknown spread may or may not define the key: give up rather than guess.
      if (outcome === undefined) return undefined;
      if (outcome.defined) return outcome.value;
      continue;
    }
    if (property.kind !== 'init' || propertyKey(property, scope, resolution) !== key) continue;
    return use(property.value, scope);
  }
  return undefined;
}

/** Whether an object literal defines `key`; an unknown spread counts as defining it. */
function objectDefines(object: TSESTree.ObjectExpression, key: string, scope: ConstLookup, resolution: Resolution): boolean {
  return object.properties.some((property) => {
    if (property.type !== AST_NODE_TYPES.SpreadElement) return propertyKey(property, scope, resolution) === key;
    const defined = withConstValue(property.argument, scope, resolution, (spread, spreadScope) =>
      spread.type === AST_NODE_TYPES.ObjectExpression ? objectDefines(spread, key, spreadScope, resolution) : undefined,
    );
    return defined ?? true;
  });
}

function propertyKey(property: TSESTree.Property, scope: ConstLookup, resolution: Resolution): string | undefined {
  if (property.computed) return textOf(property.key, scope, resolution)?.text;
  if (property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal) return String(property.key.value);
  return undefined;
}

/** Static text of a node, following consts; `undefined` when it is not static. */
function textOf(node: TSESTree.Node, scope: ConstLookup, resolution: Resolution): StaticText | undefined {
  return withConstValue(node, scope, resolution, (value, valueScope) => textOfValue(value, valueScope, resolution));
}

function textOfValue(node: TSESTree.Node, scope: ConstLookup, resolution: Resolution): StaticText | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return literalText(node);
    case AST_NODE_TYPES.TemplateLiteral:
      return { text: templateText(node, 'cooked', scope, resolution), origin: node };
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return isStringRaw(node.tag) ? { text: templateText(node.quasi, 'raw', scope, resolution), origin: node } : undefined;
    case AST_NODE_TYPES.BinaryExpression:
      return concatenationText(node, scope, resolution);
    default:
      return undefined;
  }
}

function literalText(node: TSESTree.Literal): StaticText | undefined {
  const value = node.value;
  // Numbers and booleans read as text when concatenated or interpolated.
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return { text: String(value), origin: node };
  }
  return undefined;
}

function isStringRaw(tag: TSESTree.Node): boolean {
  return (
    tag.type === AST_NODE_TYPES.MemberExpression &&
    !tag.computed &&
    tag.object.type === AST_NODE_TYPES.Identifier &&
    tag.object.name === 'String' &&
    tag.property.type === AST_NODE_TYPES.Identifier &&
    tag.property.name === 'raw'
  );
}

/** A template's text; each `${expr}` is inlined when static, else becomes INTERPOLATION_MARK. */
function templateText(template: TSESTree.TemplateLiteral, form: 'cooked' | 'raw', scope: ConstLookup, resolution: Resolution): string {
  let text = '';
  template.quasis.forEach((quasi, index) => {
    // `cooked` is null only for invalid escapes in tagged templates; the raw text is the best reading.
    text += form === 'cooked' ? (quasi.value.cooked ?? quasi.value.raw) : quasi.value.raw;
    const expression = template.expressions[index];
    if (expression !== undefined) text += partText(expression, scope, resolution);
  });
  return text;
}

/** `'a' + b + 'c'`: static when at least one part is; unknown parts become INTERPOLATION_MARK. */
function concatenationText(node: TSESTree.BinaryExpression, scope: ConstLookup, resolution: Resolution): StaticText | undefined {
  if (node.operator !== '+') return undefined;
  const [first, ...rest] = concatenationOperands(node, resolution);
  let text = first === undefined ? undefined : textOf(first, scope, resolution)?.text;
  for (const operand of rest) {
    const part = textOf(operand, scope, resolution)?.text;
    // With no static part so far it may be arithmetic, or entirely runtime text: nothing to read.
    text = text === undefined && part === undefined ? undefined : (text ?? INTERPOLATION_MARK) + (part ?? INTERPOLATION_MARK);
  }
  return text === undefined ? undefined : { text, origin: node };
}

/**
 * The operands of `a + b + c + …` in order. Such a chain nests to the left, one level per `+`
 * (SQL written line by line runs to hundreds), so its spine is walked here in a loop rather than
 * recursively, where each level would cost stack and resolution depth.
 */
function concatenationOperands(node: TSESTree.BinaryExpression, resolution: Resolution): TSESTree.Node[] {
  const operands: TSESTree.Node[] = [node.right];
  let left: TSESTree.Node = node.left;
  while (left.type === AST_NODE_TYPES.BinaryExpression && left.operator === '+') {
    if (--resolution.budgetLeft < 0) {
      resolution.exhausted = true;
      break;
    }
    operands.push(left.right);
    left = left.left;
  }
  operands.push(left);
  return operands.reverse();
}

function partText(node: TSESTree.Node, scope: ConstLookup, resolution: Resolution): string {
  return textOf(node, scope, resolution)?.text ?? INTERPOLATION_MARK;
}

/**
 * The static text of an expression: string literals, template literals (`${}` parts inlined
 * when static, else INTERPOLATION_MARK), `+` concatenations, `String.raw`, const names and
 * const-object members, through `as const`/`satisfies`/`!` wrappers. Never executes code.
 */
export function resolveStaticString(node: TSESTree.Node, scope: ConstLookup): string | undefined {
  return resolveStaticText(node, scope)?.text;
}

/** Like {@link resolveStaticString}, also giving the node the text was read from. */
export function resolveStaticText(node: TSESTree.Node, scope: ConstLookup): StaticText | undefined {
  return textOf(node, scope, newResolution());
}

/**
 * Like {@link resolveStaticText}, also telling whether the resolution gave up on its limits (a
 * constant chain or concatenation deeper than any real code), so that a skip can say so instead of
 * claiming the text is built at runtime.
 */
export function resolveStaticTextWithinLimits(node: TSESTree.Node, scope: ConstLookup): { readonly resolved: StaticText | undefined; readonly exhausted: boolean } {
  const resolution = newResolution();
  const resolved = textOf(node, scope, resolution);
  return { resolved, exhausted: resolved === undefined && resolution.exhausted };
}

/** The expression a const name or const-object member stands for, with its scope. */
export function resolveConstExpression(node: TSESTree.Node, scope: ConstLookup): { node: TSESTree.Node; scope: ConstLookup } | undefined {
  return withConstValue(node, scope, newResolution(), (value, valueScope) => ({ node: value, scope: valueScope }));
}

/** The value of `key` in the object literal `node` stands for (`{ name: 'x' }`, a const holding one). */
export function resolveConstProperty(
  node: TSESTree.Node,
  key: string,
  scope: ConstLookup,
): { node: TSESTree.Node; scope: ConstLookup } | undefined {
  const resolution = newResolution();
  return withConstValue(node, scope, resolution, (object, objectScope) =>
    withProperty(object, key, objectScope, resolution, (value, valueScope) => ({ node: value, scope: valueScope })),
  );
}
