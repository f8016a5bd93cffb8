/**
 * A fast path for `parseModule`: converts TypeScript's own syntax tree to the ESTree that
 * typescript-estree's `parse` would build from the same text, for the syntax project model and
 * migration files are made of, and declines (returns undefined) for everything else.
 *
 * Why this exists: the project index parses every model and migration file, and typescript-estree's
 * `parse` is most of that cost. Measured with scratch/parsebench.mjs on the generated benchmark
 * projects (Node 20, two shared cores, best of 7 passes over all files, µs per file):
 *
 *   project                                         ts.createSourceFile   parse()   this fast path
 *   TypeORM: 4,000 models and migrations, ~940 chars        27–28          178–186      68–71
 *   Drizzle: 2,000 schema modules, ~820 chars               30–31          194          74–75
 *
 * The fast path's figure includes TypeScript's parse: about 2.6 times cheaper than parse().
 * TypeScript is not the difference: the library's converter is (per-node helper calls, modifier
 * arrays copied for every `hasModifier`, syntax checks, parent pointers), and typescript-estree
 * has no option to skip that work, hence a converter written for the syntax these files use.
 * What remains is mostly allocating the same tree (~140 nodes, ~770 objects a file) and
 * collecting it (a bare walk of already-parsed TypeScript trees that allocates five objects a
 * node costs ~18 µs a file; TypeScript's parse ~28).
 *
 * Exactness is the contract: for every node kind handled here, the output has the same own keys in
 * the same order (including keys whose value is undefined, and typescript-estree's non-enumerable
 * deprecated-alias getters), the same ranges and locations. Where typescript-estree would throw a
 * grammar error that TypeScript's parser accepts (check-syntax-errors.js, check-modifiers.js,
 * convert.js), or where any doubt remains (a modifier not listed for a node kind, an unhandled
 * kind, parse diagnostics), the converter declines and `parseModule` falls back to `parse`, so a
 * result never depends on how much syntax is handled here. The unit and fuzz tests compare both
 * trees for every fixture file and for mutated texts.
 *
 * Declined (left to typescript-estree): files with parse diagnostics; JSX; namespaces and
 * `declare` (but for class fields); decorators and modifiers where typescript-estree rejects them;
 * destructuring assignments; `using`; import attributes and `import defer`; instantiation
 * expressions; `typeof this`; nesting deeper than 400.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';

type Range = [number, number];
interface Position {
  column: number;
  line: number;
}
interface Loc {
  end: Position;
  start: Position;
}
/** An ESTree node under construction; keys are written in typescript-estree's order. */
interface EsNode {
  type: string;
  range: Range;
  loc: Loc;
  [key: string]: unknown;
}

/** Thrown inside the converter when it declines; never escapes `estreeFromTypescript`. */
class FastPathDeclined extends Error {}
const DECLINED = new FastPathDeclined('fast path declined');

function decline(): never {
  throw DECLINED;
}

/** Deeper trees go to typescript-estree, which has its own (and the readers') depth handling. */
const MAX_DEPTH = 400;

const SK = ts.SyntaxKind;

/** `ts.skipTrivia` is internal API; without it (another TypeScript), the fast path is off. */
const skipTrivia = (ts as unknown as { skipTrivia?: (text: string, pos: number) => number }).skipTrivia;

/** typescript-estree reads `phaseModifier` from TypeScript 5.9 on, `isTypeOnly` before. */
const HAS_PHASE_MODIFIER = (() => {
  const [major = 0, minor = 0] = ts.versionMajorMinor.split('.').map(Number);
  return major > 5 || (major === 5 && minor >= 9);
})();

// Modifier flags (a node's non-decorator modifiers, as read once).
const M_EXPORT = 1;
const M_DEFAULT = 2;
const M_ASYNC = 4;
const M_STATIC = 8;
const M_READONLY = 16;
const M_PUBLIC = 32;
const M_PRIVATE = 64;
const M_PROTECTED = 128;
const M_OVERRIDE = 256;
const M_ABSTRACT = 512;
const M_CONST = 1024;
const M_DECLARE = 2048;
const M_ACCESSOR = 4096;
const M_IN = 8192;
const M_OUT = 16384;
const M_ACCESSIBILITY = M_PUBLIC | M_PRIVATE | M_PROTECTED;

const MODIFIER_FLAG = new Map<ts.SyntaxKind, number>([
  [SK.ExportKeyword, M_EXPORT],
  [SK.DefaultKeyword, M_DEFAULT],
  [SK.AsyncKeyword, M_ASYNC],
  [SK.StaticKeyword, M_STATIC],
  [SK.ReadonlyKeyword, M_READONLY],
  [SK.PublicKeyword, M_PUBLIC],
  [SK.PrivateKeyword, M_PRIVATE],
  [SK.ProtectedKeyword, M_PROTECTED],
  [SK.OverrideKeyword, M_OVERRIDE],
  [SK.AbstractKeyword, M_ABSTRACT],
  [SK.ConstKeyword, M_CONST],
  [SK.DeclareKeyword, M_DECLARE],
  [SK.AccessorKeyword, M_ACCESSOR],
  [SK.InKeyword, M_IN],
  [SK.OutKeyword, M_OUT],
]);

const KEYWORD_TYPES = new Map<ts.SyntaxKind, string>([
  [SK.AnyKeyword, 'TSAnyKeyword'],
  [SK.BigIntKeyword, 'TSBigIntKeyword'],
  [SK.BooleanKeyword, 'TSBooleanKeyword'],
  [SK.NeverKeyword, 'TSNeverKeyword'],
  [SK.NumberKeyword, 'TSNumberKeyword'],
  [SK.ObjectKeyword, 'TSObjectKeyword'],
  [SK.StringKeyword, 'TSStringKeyword'],
  [SK.SymbolKeyword, 'TSSymbolKeyword'],
  [SK.UnknownKeyword, 'TSUnknownKeyword'],
  [SK.VoidKeyword, 'TSVoidKeyword'],
  [SK.UndefinedKeyword, 'TSUndefinedKeyword'],
]);

const ASSIGNMENT_OPERATORS = new Set<ts.SyntaxKind>([
  SK.AmpersandAmpersandEqualsToken, SK.AmpersandEqualsToken, SK.AsteriskAsteriskEqualsToken, SK.AsteriskEqualsToken,
  SK.BarBarEqualsToken, SK.BarEqualsToken, SK.CaretEqualsToken, SK.EqualsToken, SK.GreaterThanGreaterThanEqualsToken,
  SK.GreaterThanGreaterThanGreaterThanEqualsToken, SK.LessThanLessThanEqualsToken, SK.MinusEqualsToken, SK.PercentEqualsToken,
  SK.PlusEqualsToken, SK.QuestionQuestionEqualsToken, SK.SlashEqualsToken,
]);
const LOGICAL_OPERATORS = new Set<ts.SyntaxKind>([SK.AmpersandAmpersandToken, SK.BarBarToken, SK.QuestionQuestionToken]);
const BINARY_OPERATORS = new Set<ts.SyntaxKind>([
  SK.AmpersandAmpersandToken, SK.AmpersandToken, SK.AsteriskAsteriskToken, SK.AsteriskToken, SK.BarBarToken, SK.BarToken,
  SK.CaretToken, SK.EqualsEqualsEqualsToken, SK.EqualsEqualsToken, SK.ExclamationEqualsEqualsToken, SK.ExclamationEqualsToken,
  SK.GreaterThanEqualsToken, SK.GreaterThanGreaterThanGreaterThanToken, SK.GreaterThanGreaterThanToken, SK.GreaterThanToken,
  SK.InKeyword, SK.InstanceOfKeyword, SK.LessThanEqualsToken, SK.LessThanLessThanToken, SK.LessThanToken, SK.MinusToken,
  SK.PercentToken, SK.PlusToken, SK.SlashToken,
]);
const UNARY_OPERATORS = new Set<ts.SyntaxKind>([SK.ExclamationToken, SK.MinusToken, SK.PlusToken, SK.TildeToken]);

/** A node's modifiers as read once: flags, decorators, and the keywords fixExports needs. */
interface ModifierInfo {
  flags: number;
  decorators: ts.Decorator[] | undefined;
  /** Non-decorator modifiers in source order. */
  keywords: ts.Modifier[] | undefined;
}

const NO_MODIFIERS: ModifierInfo = { flags: 0, decorators: undefined, keywords: undefined };

/** Holds the place of the file being converted between conversions (so none is kept alive). */
const NO_FILE = ts.createSourceFile('none.ts', '', ts.ScriptTarget.Latest);

// Per-conversion state (conversions do not nest).
let text = '';
let sourceFile: ts.SourceFile = NO_FILE;
let lineStarts: readonly number[] = [];
let depth = 0;

/**
 * Converts `text` (a module as parseModule reads it) to typescript-estree's tree, or returns
 * undefined when the fast path declines. Never throws.
 */
export function estreeFromTypescript(input: string, jsx: boolean): TSESTree.Program | undefined {
  if (skipTrivia === undefined) return undefined;
  let file: ts.SourceFile;
  try {
    file = ts.createSourceFile(
      jsx ? 'estree.tsx' : 'estree.ts',
      input,
      { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
      /* setParentNodes */ false,
      jsx ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    );
  } catch {
    return undefined; // typescript-estree meets the same failure and reports it its own way
  }
  if ((file as unknown as { parseDiagnostics: readonly unknown[] }).parseDiagnostics.length > 0) return undefined;
  text = input;
  sourceFile = file;
  lineStarts = file.getLineStarts();
  lastLine = 0;
  depth = 0;
  try {
    return convertProgram(file) as unknown as TSESTree.Program;
  } catch (error) {
    if (error === DECLINED || error instanceof RangeError) return undefined;
    throw error;
  } finally {
    text = '';
    sourceFile = NO_FILE;
    lineStarts = [];
  }
}

// ---------------------------------------------------------------------------------------------
// Positions

/** The line of the last position asked for: positions come mostly in order, so it is often the answer. */
let lastLine = 0;

function position(pos: number): Position {
  const lineStart = lineStarts[lastLine] as number;
  if (pos >= lineStart && (lastLine + 1 === lineStarts.length || pos < (lineStarts[lastLine + 1] as number))) {
    return { column: pos - lineStart, line: lastLine + 1 };
  }
  let low = 0;
  let high = lineStarts.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const start = lineStarts[middle] as number;
    if (start === pos) {
      lastLine = middle;
      return { column: 0, line: middle + 1 };
    }
    if (start < pos) low = middle + 1;
    else high = middle - 1;
  }
  lastLine = low - 1;
  return { column: pos - (lineStarts[low - 1] as number), line: low };
}

function locFor(range: Range): Loc {
  return { end: position(range[1]), start: position(range[0]) };
}

/** `[node.getStart(sourceFile), node.end]`, as typescript-estree's getRange, without the method's checks for JSDoc and syntax lists. */
function rangeOf(node: ts.Node): Range {
  // getTokenPosOfNode: a missing (empty) node starts at its pos; any other skips leading trivia.
  return [node.pos === node.end ? node.pos : nextTokenStart(node.pos), node.end];
}

/** Start of the token after `end` (typescript-estree's `findNextToken(...).getStart()`). */
function nextTokenStart(end: number): number {
  return (skipTrivia as (text: string, pos: number) => number)(text, end);
}

// ---------------------------------------------------------------------------------------------
// Modifiers: only listed combinations pass; anything else (including what typescript-estree's
// check-modifiers.js rejects) declines.

function readModifiers(node: ts.Node, allowed: number, decoratorsAllowed: boolean): ModifierInfo {
  const list = (node as { modifiers?: ts.NodeArray<ts.ModifierLike> }).modifiers;
  if (list === undefined || list.length === 0) return NO_MODIFIERS;
  let flags = 0;
  let decorators: ts.Decorator[] | undefined;
  let keywords: ts.Modifier[] | undefined;
  for (const modifier of list) {
    if (modifier.kind === SK.Decorator) {
      if (!decoratorsAllowed) decline();
      (decorators ??= []).push(modifier);
      continue;
    }
    const flag = MODIFIER_FLAG.get(modifier.kind) ?? 0;
    if (flag === 0 || (allowed & flag) === 0 || (flags & flag) !== 0) decline();
    if ((flag & M_ACCESSIBILITY) !== 0 && (flags & M_ACCESSIBILITY) !== 0) decline();
    // `export` first, `default` only right after it, `abstract` after `export`.
    if (flag === M_EXPORT && keywords !== undefined) decline();
    if (flag === M_DEFAULT && (keywords?.length !== 1 || (flags & M_EXPORT) === 0)) decline();
    flags |= flag;
    (keywords ??= []).push(modifier);
  }
  return { flags, decorators, keywords };
}

function noModifiers(node: ts.Node): void {
  const list = (node as { modifiers?: ts.NodeArray<ts.ModifierLike> }).modifiers;
  if (list !== undefined && list.length > 0) decline();
}

function accessibility(flags: number): string | undefined {
  if ((flags & M_PUBLIC) !== 0) return 'public';
  if ((flags & M_PROTECTED) !== 0) return 'protected';
  if ((flags & M_PRIVATE) !== 0) return 'private';
  return undefined;
}

/** typescript-estree's `fixExports`: wraps an exported declaration, moving its start past `export`. */
function fixExports(result: EsNode, modifiers: ModifierInfo): EsNode {
  if ((modifiers.flags & M_EXPORT) === 0) return result;
  const keywords = modifiers.keywords as ts.Modifier[];
  const exportKeyword = keywords[0] as ts.Modifier;
  const nextModifier = keywords[1];
  const declarationIsDefault = nextModifier?.kind === SK.DefaultKeyword;
  result.range[0] = nextTokenStart(declarationIsDefault ? nextModifier.end : exportKeyword.end);
  result.loc = locFor(result.range);
  const range: Range = [exportKeyword.getStart(sourceFile), result.range[1]];
  if (declarationIsDefault) {
    return { type: 'ExportDefaultDeclaration', range, declaration: result, exportKind: 'value', loc: locFor(range) };
  }
  const isType = result.type === 'TSInterfaceDeclaration' || result.type === 'TSTypeAliasDeclaration';
  const isDeclare = 'declare' in result && result.declare === true;
  const node: EsNode = {
    type: 'ExportNamedDeclaration',
    range,
    attributes: [],
    declaration: result,
    exportKind: isType || isDeclare ? 'type' : 'value',
    source: null,
    specifiers: [],
  } as unknown as EsNode;
  withAliasGetter(node, 'assertions', 'attributes');
  node.loc = locFor(range);
  return node;
}

/** typescript-estree's deprecated alias (`#withDeprecatedAliasGetter`, warnings suppressed). */
function withAliasGetter(node: EsNode, aliasKey: string, valueKey: string): void {
  Object.defineProperty(node, aliasKey, {
    configurable: true,
    get: () => node[valueKey],
    set(value: unknown) {
      Object.defineProperty(node, aliasKey, { enumerable: true, value, writable: true });
    },
  });
}

/** typescript-estree's `#withDeprecatedGetter` (warnings suppressed). */
function withDeprecatedGetter(node: EsNode, key: string, value: unknown): void {
  Object.defineProperty(node, key, {
    configurable: true,
    get: () => value,
    set(newValue: unknown) {
      Object.defineProperty(node, key, { enumerable: true, value: newValue, writable: true });
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Conversion

function convertProgram(file: ts.SourceFile): EsNode {
  const range: Range = [0, file.endOfFileToken.end];
  return {
    type: 'Program',
    range,
    body: convertBody(file.statements, file, true),
    comments: undefined,
    sourceType: (file as unknown as { externalModuleIndicator?: unknown }).externalModuleIndicator ? 'module' : 'script',
    tokens: undefined,
    loc: locFor(range),
  };
}

/** typescript-estree's `convertBodyExpressions`: leading string statements become directives. */
function convertBody(statements: ts.NodeArray<ts.Statement>, parent: ts.Node, allowDirectives: boolean): EsNode[] {
  const body: EsNode[] = [];
  let directives = allowDirectives;
  for (const statement of statements) {
    const child = convert(statement, parent);
    if (directives) {
      if (statement.kind === SK.ExpressionStatement && (statement as ts.ExpressionStatement).expression.kind === SK.StringLiteral) {
        child.directive = ((child.expression as EsNode).raw as string).slice(1, -1);
      } else {
        directives = false;
      }
    }
    body.push(child);
  }
  return body;
}

function convertChildren(nodes: readonly ts.Node[], parent: ts.Node): EsNode[] {
  const result: EsNode[] = [];
  for (const node of nodes) result.push(convert(node, parent));
  return result;
}

function convertOptional(node: ts.Node | undefined, parent: ts.Node): EsNode | null {
  return node === undefined ? null : convert(node, parent);
}

function convert(node: ts.Node, parent: ts.Node): EsNode {
  if (++depth > MAX_DEPTH) decline();
  const result = convertNode(node, parent);
  depth--;
  return result;
}

function identifierNode(node: ts.Identifier): EsNode {
  const range = rangeOf(node);
  return { type: 'Identifier', decorators: [], name: node.text, optional: false, typeAnnotation: undefined, range, loc: locFor(range) };
}

function simple(type: string, node: ts.Node): EsNode {
  const range = rangeOf(node);
  return { type, range, loc: locFor(range) };
}

function literal(node: ts.Node, raw: string, value: unknown): EsNode {
  const range = rangeOf(node);
  return { type: 'Literal', raw, value, range, loc: locFor(range) };
}

function typeAnnotation(type: ts.TypeNode, parent: ts.Node, offset = 1): EsNode {
  const range: Range = [type.pos - offset, type.end];
  return { type: 'TSTypeAnnotation', loc: locFor(range), range, typeAnnotation: convert(type, parent) };
}

function optionalTypeAnnotation(type: ts.TypeNode | undefined, parent: ts.Node, offset = 1): EsNode | undefined {
  return type === undefined ? undefined : typeAnnotation(type, parent, offset);
}

function fixParentLocation(result: EsNode, childRange: Range): void {
  if (childRange[0] < result.range[0]) {
    result.range[0] = childRange[0];
    result.loc.start = position(result.range[0]);
  }
  if (childRange[1] > result.range[1]) {
    result.range[1] = childRange[1];
    result.loc.end = position(result.range[1]);
  }
}

/** End of the `>` closing a type argument or parameter list. */
function closingAngleEnd(list: ts.NodeArray<ts.Node>): number {
  const start = nextTokenStart(list.end);
  if (text.charCodeAt(start) !== 62 /* > */) decline();
  return start + 1;
}

function typeArguments(node: ts.Node, args: ts.NodeArray<ts.TypeNode> | undefined): EsNode | undefined {
  if (args === undefined) return undefined;
  if (args.length === 0) decline();
  const range: Range = [args.pos - 1, closingAngleEnd(args)];
  return { type: 'TSTypeParameterInstantiation', range, params: convertChildren(args, node), loc: locFor(range) };
}

function typeParameters(node: ts.Node, params: ts.NodeArray<ts.TypeParameterDeclaration> | undefined): EsNode | undefined {
  if (params === undefined) return undefined;
  if (params.length === 0) decline();
  const range: Range = [params.pos - 1, closingAngleEnd(params)];
  return { type: 'TSTypeParameterDeclaration', loc: locFor(range), range, params: convertChildren(params, node) };
}

/** Where parameters sit decides which modifiers and decorators typescript-estree accepts on them. */
interface ParameterContext {
  /** Constructor with a body: accessibility/readonly/override make parameter properties. */
  readonly properties: boolean;
  /** Method, setter or constructor with a body in a class declaration. */
  readonly decorators: boolean;
}

const PLAIN_PARAMETERS: ParameterContext = { properties: false, decorators: false };

/** typescript-estree's `convertParameters` (each parameter also gets its `decorators`). */
function convertParameters(parameters: ts.NodeArray<ts.ParameterDeclaration>, parent: ts.Node, context: ParameterContext): EsNode[] {
  const result: EsNode[] = [];
  for (const parameter of parameters) {
    // A `this` parameter cannot be decorated (typescript-estree's nodeCanBeDecorated).
    const decorators = context.decorators && !(parameter.name.kind === SK.Identifier && parameter.name.text === 'this');
    const modifiers = readModifiers(parameter, context.properties ? M_ACCESSIBILITY | M_READONLY | M_OVERRIDE : 0, decorators);
    const converted = convertParameter(parameter, parent, modifiers);
    converted.decorators = modifiers.decorators === undefined ? [] : convertChildren(modifiers.decorators, parameter);
    result.push(converted);
  }
  return result;
}

function convertParameter(node: ts.ParameterDeclaration, parent: ts.Node, modifiers: ModifierInfo): EsNode {
  if (++depth > MAX_DEPTH) decline();
  if (modifiers.keywords !== undefined && (node.dotDotDotToken !== undefined || node.name.kind !== SK.Identifier)) decline();
  let parameter: EsNode;
  let result: EsNode;
  if (node.dotDotDotToken) {
    const range = rangeOf(node);
    parameter = result = {
      type: 'RestElement',
      argument: convert(node.name, node),
      decorators: [],
      optional: false,
      typeAnnotation: undefined,
      value: undefined,
      range,
      loc: locFor(range),
    };
  } else if (node.initializer) {
    parameter = convert(node.name, node);
    const range: Range = [node.name.getStart(sourceFile), node.initializer.end];
    result = {
      type: 'AssignmentPattern',
      range,
      decorators: [],
      left: parameter,
      optional: false,
      right: convert(node.initializer, node),
      typeAnnotation: undefined,
    } as unknown as EsNode;
    result.loc = locFor(range);
    if (modifiers.keywords !== undefined) {
      range[0] = parameter.range[0];
      result.loc = locFor(range);
    }
  } else {
    parameter = result = convert(node.name, parent);
  }
  if (node.type) {
    const annotation = typeAnnotation(node.type, node);
    parameter.typeAnnotation = annotation;
    fixParentLocation(parameter, annotation.range);
  }
  if (node.questionToken) {
    if (node.questionToken.end > parameter.range[1]) {
      parameter.range[1] = node.questionToken.end;
      parameter.loc.end = position(parameter.range[1]);
    }
    parameter.optional = true;
  }
  depth--;
  if (modifiers.keywords !== undefined || modifiers.decorators !== undefined) {
    // typescript-estree's `getModifiers(node)` here excludes decorators: only keywords make a property.
    if (modifiers.keywords === undefined) return result;
    const range = rangeOf(node);
    return {
      type: 'TSParameterProperty',
      accessibility: accessibility(modifiers.flags),
      decorators: [],
      override: (modifiers.flags & M_OVERRIDE) !== 0,
      parameter: result,
      readonly: (modifiers.flags & M_READONLY) !== 0,
      static: false,
      range,
      loc: locFor(range),
    };
  }
  return result;
}

/** `a`, `a.b.c` (typescript-estree's `isEntityNameExpression`), not an optional chain. */
function isEntityNameExpression(node: ts.Node): boolean {
  if (node.kind === SK.Identifier) return true;
  if (node.kind !== SK.PropertyAccessExpression || (node.flags & ts.NodeFlags.OptionalChain) !== 0) return false;
  const access = node as ts.PropertyAccessExpression;
  return access.name.kind === SK.Identifier && isEntityNameExpression(access.expression);
}

/** `a?: 1` or `a!: 1` in an object literal: TypeScript parses them (deprecated fields), typescript-estree rejects them. */
function hasPostfixToken(node: ts.Node): boolean {
  const property = node as unknown as { questionToken?: unknown; exclamationToken?: unknown };
  return property.questionToken !== undefined || property.exclamationToken !== undefined;
}

function isSimpleAssignmentTarget(node: ts.Node): boolean {
  return (
    node.kind === SK.Identifier ||
    ((node.kind === SK.PropertyAccessExpression || node.kind === SK.ElementAccessExpression) && (node.flags & ts.NodeFlags.OptionalChain) === 0)
  );
}

function propertyKey(name: ts.PropertyName, parent: ts.Node): EsNode {
  switch (name.kind) {
    case SK.Identifier:
    case SK.StringLiteral:
    case SK.NumericLiteral:
    case SK.ComputedPropertyName:
      return convert(name, parent);
    default:
      return decline();
  }
}

/** A class member's name: also `#name`. */
function classMemberKey(name: ts.PropertyName, parent: ts.Node): EsNode {
  return name.kind === SK.PrivateIdentifier ? privateIdentifier(name) : propertyKey(name, parent);
}

function privateIdentifier(node: ts.PrivateIdentifier): EsNode {
  const range = rangeOf(node);
  return { type: 'PrivateIdentifier', name: node.text.slice(1), range, loc: locFor(range) };
}

/** typescript-estree's `convertChainExpression`. */
function chain(result: EsNode, node: ts.Node, childKey: string, isOptional: boolean, tsChild: ts.Node): EsNode {
  const child = result[childKey] as EsNode;
  const isChildUnwrappable = child.type === 'ChainExpression' && tsChild.kind !== SK.ParenthesizedExpression;
  if (!isChildUnwrappable && !isOptional) return result;
  if (isChildUnwrappable) result[childKey] = child.expression;
  const range = rangeOf(node);
  return { type: 'ChainExpression', expression: result, range, loc: locFor(range) };
}

function isValidEscape(raw: string): boolean {
  if (/\\[xu]/.test(raw)) {
    return !/\\u(?![0-9a-fA-F]{4}|{)/.test(raw) && !/\\x(?![0-9a-fA-F]{2})/.test(raw);
  }
  return true;
}

function templateElement(node: ts.TemplateLiteralLikeNode, tail: boolean, tagged: boolean): EsNode {
  const range = rangeOf(node);
  const raw = text.slice(range[0] + 1, node.end - (tail ? 1 : 2));
  return {
    type: 'TemplateElement',
    tail,
    value: { cooked: tagged && !isValidEscape(raw) ? null : node.text, raw },
    range,
    loc: locFor(range),
  };
}

function templateLiteral(node: ts.TemplateLiteral, tagged: boolean): EsNode {
  const range = rangeOf(node);
  if (node.kind === SK.NoSubstitutionTemplateLiteral) {
    const raw = text.slice(range[0] + 1, node.end - 1);
    const quasi: EsNode = {
      type: 'TemplateElement',
      tail: true,
      value: { cooked: tagged && !isValidEscape(raw) ? null : node.text, raw },
      range: rangeOf(node),
      loc: locFor(range),
    };
    return { type: 'TemplateLiteral', expressions: [], quasis: [quasi], range, loc: locFor(range) };
  }
  const expressions: EsNode[] = [];
  const quasis: EsNode[] = [templateElement(node.head, false, tagged)];
  for (const span of node.templateSpans) {
    expressions.push(convert(span.expression, span));
    quasis.push(templateElement(span.literal, span.literal.kind === SK.TemplateTail, tagged));
  }
  return { type: 'TemplateLiteral', expressions, quasis, range, loc: locFor(range) };
}

/** Class heritage as typescript-estree's checkSyntaxError accepts it: one `extends` with one type first, `implements` of names. */
function checkClassHeritage(clauses: ts.NodeArray<ts.HeritageClause> | undefined): void {
  if (clauses === undefined) return;
  let seenExtends = false;
  let seenImplements = false;
  for (const clause of clauses) {
    if (clause.types.length === 0) decline();
    if (clause.token === SK.ExtendsKeyword) {
      if (seenExtends || seenImplements || clause.types.length > 1) decline();
      seenExtends = true;
    } else {
      if (seenImplements) decline();
      for (const type of clause.types) if (!isEntityNameExpression(type.expression)) decline();
      seenImplements = true;
    }
  }
}

function convertClass(node: ts.ClassDeclaration | ts.ClassExpression): EsNode {
  const isDeclaration = node.kind === SK.ClassDeclaration;
  const modifiers = readModifiers(node, isDeclaration ? M_EXPORT | M_DEFAULT | M_ABSTRACT : 0, true);
  if (isDeclaration && node.name === undefined && (modifiers.flags & M_DEFAULT) === 0) decline();
  checkClassHeritage(node.heritageClauses);
  const extendsClause = node.heritageClauses?.find((clause) => clause.token === SK.ExtendsKeyword);
  const implementsClause = node.heritageClauses?.find((clause) => clause.token === SK.ImplementsKeyword);
  const members: EsNode[] = [];
  for (const member of node.members) {
    if (member.kind !== SK.SemicolonClassElement) members.push(convertClassMember(member, isDeclaration));
  }
  const bodyRange: Range = [node.members.pos - 1, node.end];
  const range = rangeOf(node);
  const superType = extendsClause?.types[0];
  const result: EsNode = {
    type: isDeclaration ? 'ClassDeclaration' : 'ClassExpression',
    abstract: (modifiers.flags & M_ABSTRACT) !== 0,
    body: { type: 'ClassBody', range: bodyRange, body: members, loc: locFor(bodyRange) },
    declare: false,
    decorators: modifiers.decorators === undefined ? [] : convertChildren(modifiers.decorators, node),
    id: convertOptional(node.name, node),
    implements: implementsClause === undefined ? [] : convertChildren(implementsClause.types, implementsClause),
    superClass: superType ? convert(superType.expression, superType) : null,
    superTypeArguments: undefined,
    typeParameters: typeParameters(node, node.typeParameters),
    range,
    loc: locFor(range),
  };
  if (superType?.typeArguments) result.superTypeArguments = typeArguments(superType, superType.typeArguments);
  return fixExports(result, modifiers);
}

function convertClassMember(member: ts.ClassElement, inDeclaration: boolean): EsNode {
  if (++depth > MAX_DEPTH) decline();
  let result: EsNode;
  switch (member.kind) {
    case SK.PropertyDeclaration:
      result = convertPropertyDeclaration(member as ts.PropertyDeclaration, inDeclaration);
      break;
    case SK.MethodDeclaration:
    case SK.GetAccessor:
    case SK.SetAccessor:
      result = convertClassMethod(member as ts.MethodDeclaration | ts.AccessorDeclaration, inDeclaration);
      break;
    case SK.Constructor:
      result = convertConstructor(member as ts.ConstructorDeclaration, inDeclaration);
      break;
    case SK.ClassStaticBlockDeclaration: {
      noModifiers(member);
      const range = rangeOf(member);
      const body = (member as ts.ClassStaticBlockDeclaration).body;
      result = { type: 'StaticBlock', body: convertBody(body.statements, body, true), range, loc: locFor(range) };
      break;
    }
    case SK.IndexSignature:
      result = indexSignature(member as ts.IndexSignatureDeclaration, M_READONLY | M_STATIC);
      break;
    default:
      return decline();
  }
  depth--;
  return result;
}

function convertPropertyDeclaration(node: ts.PropertyDeclaration, inDeclaration: boolean): EsNode {
  const allowed = M_ACCESSIBILITY | M_STATIC | M_READONLY | M_OVERRIDE | M_DECLARE | M_ABSTRACT | M_ACCESSOR;
  const modifiers = readModifiers(node, allowed, true);
  const isAbstract = (modifiers.flags & M_ABSTRACT) !== 0;
  // Decorators: on any field of a class declaration, on a non-abstract field of a class expression.
  if (modifiers.decorators !== undefined && !inDeclaration && isAbstract) decline();
  const isDefinite = node.exclamationToken !== undefined;
  if (isDefinite && (node.type === undefined || node.initializer !== undefined || isAbstract)) decline();
  if (isAbstract && node.initializer !== undefined) decline();
  if (node.name.kind === SK.StringLiteral && node.name.text === 'constructor') decline();
  const key = classMemberKey(node.name, node);
  const range = rangeOf(node);
  const isAccessor = (modifiers.flags & M_ACCESSOR) !== 0;
  return {
    type: isAccessor ? (isAbstract ? 'TSAbstractAccessorProperty' : 'AccessorProperty') : isAbstract ? 'TSAbstractPropertyDefinition' : 'PropertyDefinition',
    accessibility: accessibility(modifiers.flags),
    computed: node.name.kind === SK.ComputedPropertyName,
    declare: (modifiers.flags & M_DECLARE) !== 0,
    decorators: modifiers.decorators === undefined ? [] : convertChildren(modifiers.decorators, node),
    definite: isDefinite,
    key,
    optional: node.questionToken !== undefined,
    override: (modifiers.flags & M_OVERRIDE) !== 0,
    readonly: (modifiers.flags & M_READONLY) !== 0,
    static: (modifiers.flags & M_STATIC) !== 0,
    typeAnnotation: optionalTypeAnnotation(node.type, node),
    value: isAbstract ? null : convertOptional(node.initializer, node),
    range,
    loc: locFor(range),
  };
}

/** The FunctionExpression under a method (typescript-estree starts it at the parameter list). */
function methodFunction(node: ts.MethodDeclaration | ts.AccessorDeclaration | ts.ConstructorDeclaration, isAsync: boolean, params: () => EsNode[]): EsNode {
  const range: Range = [node.parameters.pos - 1, node.end];
  const method = {
    type: node.body ? 'FunctionExpression' : 'TSEmptyBodyFunctionExpression',
    range,
    async: isAsync,
    body: convertOptional(node.body, node),
    declare: false,
    expression: false,
    generator: (node as ts.MethodDeclaration).asteriskToken !== undefined,
    id: null,
    params: [] as EsNode[],
    returnType: optionalTypeAnnotation(node.type, node),
    typeParameters: typeParameters(node, node.typeParameters),
  } as unknown as EsNode;
  method.loc = locFor(range);
  const typeParams = method.typeParameters as EsNode | undefined;
  if (typeParams !== undefined) fixParentLocation(method, typeParams.range);
  method.params = params();
  return method;
}

function convertClassMethod(node: ts.MethodDeclaration | ts.AccessorDeclaration, inDeclaration: boolean): EsNode {
  const hasBody = node.body !== undefined;
  const allowed = M_ACCESSIBILITY | M_STATIC | M_OVERRIDE | M_ABSTRACT | (node.kind === SK.MethodDeclaration ? M_ASYNC : 0);
  const modifiers = readModifiers(node, allowed, hasBody);
  const isAbstract = (modifiers.flags & M_ABSTRACT) !== 0;
  if (isAbstract && hasBody) decline();
  const decoratedParameters = hasBody && inDeclaration && node.kind !== SK.GetAccessor;
  const method = methodFunction(node, (modifiers.flags & M_ASYNC) !== 0, () =>
    convertParameters(node.parameters, node, { properties: false, decorators: decoratedParameters }),
  );
  const isStatic = (modifiers.flags & M_STATIC) !== 0;
  const range = rangeOf(node);
  let kind = 'method';
  if (node.kind === SK.GetAccessor) kind = 'get';
  else if (node.kind === SK.SetAccessor) kind = 'set';
  else if (!isStatic && node.name.kind === SK.StringLiteral && node.name.text === 'constructor') kind = 'constructor';
  return {
    type: isAbstract ? 'TSAbstractMethodDefinition' : 'MethodDefinition',
    accessibility: accessibility(modifiers.flags),
    computed: node.name.kind === SK.ComputedPropertyName,
    decorators: modifiers.decorators === undefined ? [] : convertChildren(modifiers.decorators, node),
    key: classMemberKey(node.name, node),
    kind,
    optional: node.questionToken !== undefined,
    override: (modifiers.flags & M_OVERRIDE) !== 0,
    static: isStatic,
    value: method,
    range,
    loc: locFor(range),
  };
}

function convertConstructor(node: ts.ConstructorDeclaration, inDeclaration: boolean): EsNode {
  const modifiers = readModifiers(node, M_ACCESSIBILITY, false);
  if (node.typeParameters !== undefined || node.type !== undefined) decline();
  const hasBody = node.body !== undefined;
  const value = methodFunction(node, false, () =>
    convertParameters(node.parameters, node, { properties: hasBody, decorators: hasBody && inDeclaration }),
  );
  const keywords = modifiers.keywords;
  const keyStart = keywords === undefined ? node.getStart(sourceFile) : nextTokenStart((keywords[keywords.length - 1] as ts.Modifier).end);
  const keyEnd = keyStart + 'constructor'.length;
  if (!text.startsWith('constructor', keyStart) || /[\w$\\\u0080-\uffff]/u.test(text.charAt(keyEnd))) decline();
  const keyRange: Range = [keyStart, keyEnd];
  const key = { type: 'Identifier', range: keyRange, decorators: [], name: 'constructor', optional: false, typeAnnotation: undefined } as unknown as EsNode;
  key.loc = locFor(keyRange);
  const range = rangeOf(node);
  return {
    type: 'MethodDefinition',
    accessibility: accessibility(modifiers.flags),
    computed: false,
    decorators: [],
    key,
    kind: 'constructor',
    optional: false,
    override: false,
    static: false,
    value,
    range,
    loc: locFor(range),
  };
}

function convertObjectMethod(node: ts.MethodDeclaration): EsNode {
  const modifiers = readModifiers(node, M_ASYNC, false);
  if (node.body === undefined || node.questionToken !== undefined) decline();
  const method = methodFunction(node, (modifiers.flags & M_ASYNC) !== 0, () => convertParameters(node.parameters, node, PLAIN_PARAMETERS));
  const range = rangeOf(node);
  return {
    type: 'Property',
    computed: node.name.kind === SK.ComputedPropertyName,
    key: propertyKey(node.name, node),
    kind: 'init',
    method: true,
    optional: false,
    shorthand: false,
    value: method,
    range,
    loc: locFor(range),
  };
}

function convertFunctionLike(
  node: ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction,
  type: string,
  modifiers: ModifierInfo,
): EsNode {
  const range = rangeOf(node);
  if (node.kind === SK.ArrowFunction) {
    return {
      type,
      async: (modifiers.flags & M_ASYNC) !== 0,
      body: convert(node.body, node),
      expression: node.body.kind !== SK.Block,
      generator: false,
      id: null,
      params: convertParameters(node.parameters, node, PLAIN_PARAMETERS),
      returnType: optionalTypeAnnotation(node.type, node),
      typeParameters: typeParameters(node, node.typeParameters),
      range,
      loc: locFor(range),
    };
  }
  const isDeclaration = node.kind === SK.FunctionDeclaration;
  const body = convertOptional(node.body, node);
  return {
    type,
    async: (modifiers.flags & M_ASYNC) !== 0,
    body: isDeclaration ? (body ?? undefined) : body,
    declare: false,
    expression: false,
    generator: node.asteriskToken !== undefined,
    id: convertOptional(node.name, node),
    params: convertParameters(node.parameters, node, PLAIN_PARAMETERS),
    returnType: optionalTypeAnnotation(node.type, node),
    typeParameters: typeParameters(node, node.typeParameters),
    range,
    loc: locFor(range),
  };
}

function declarationKind(list: ts.VariableDeclarationList): string {
  const flags = list.flags;
  if ((flags & ts.NodeFlags.Using) !== 0) decline(); // `using` and `await using`
  if ((flags & ts.NodeFlags.Let) !== 0) return 'let';
  if ((flags & ts.NodeFlags.Const) !== 0) return 'const';
  return 'var';
}

function convertVariableDeclaration(node: ts.VariableDeclaration): EsNode {
  noModifiers(node);
  if (node.exclamationToken !== undefined) decline();
  const init = convertOptional(node.initializer, node);
  const id = convert(node.name, node);
  if (node.type) {
    const annotation = typeAnnotation(node.type, node);
    id.typeAnnotation = annotation;
    fixParentLocation(id, annotation.range);
  }
  const range = rangeOf(node);
  return { type: 'VariableDeclarator', definite: false, id, init, range, loc: locFor(range) };
}

function convertDeclarationList(list: ts.VariableDeclarationList): EsNode {
  const kind = declarationKind(list);
  const range = rangeOf(list);
  return { type: 'VariableDeclaration', declarations: convertChildren(list.declarations, list), declare: false, kind, range, loc: locFor(range) };
}

/** The left side of for-in/for-of as typescript-estree's checkForStatementDeclaration accepts it. */
function forLeft(initializer: ts.ForInitializer): EsNode {
  if (initializer.kind === SK.VariableDeclarationList) {
    const list = initializer as ts.VariableDeclarationList;
    const declaration = list.declarations[0];
    if (list.declarations.length !== 1 || declaration === undefined || declaration.initializer !== undefined || declaration.type !== undefined) decline();
    return convertDeclarationList(list);
  }
  if (initializer.kind !== SK.Identifier) decline();
  return convert(initializer, initializer);
}

function convertBindingElement(node: ts.BindingElement, parent: ts.BindingPattern): EsNode {
  noModifiers(node);
  const range = rangeOf(node);
  if (parent.kind === SK.ArrayBindingPattern) {
    const item = convert(node.name, parent);
    if (node.initializer) {
      return { type: 'AssignmentPattern', decorators: [], left: item, optional: false, right: convert(node.initializer, node), typeAnnotation: undefined, range, loc: locFor(range) };
    }
    if (node.dotDotDotToken) {
      return { type: 'RestElement', argument: item, decorators: [], optional: false, typeAnnotation: undefined, value: undefined, range, loc: locFor(range) };
    }
    return item;
  }
  let result: EsNode;
  if (node.dotDotDotToken) {
    if (node.propertyName !== undefined) decline();
    result = { type: 'RestElement', argument: convert(node.name, node), decorators: [], optional: false, typeAnnotation: undefined, value: undefined, range, loc: locFor(range) };
  } else {
    result = {
      type: 'Property',
      computed: node.propertyName?.kind === SK.ComputedPropertyName,
      key: node.propertyName === undefined ? convert(node.name, node) : propertyKey(node.propertyName, node),
      kind: 'init',
      method: false,
      optional: false,
      shorthand: node.propertyName === undefined,
      value: convert(node.name, node),
      range,
      loc: locFor(range),
    };
  }
  if (node.initializer) {
    const valueRange: Range = [node.name.getStart(sourceFile), node.initializer.end];
    const value = {
      type: 'AssignmentPattern',
      range: valueRange,
      decorators: [],
      left: convert(node.name, node),
      optional: false,
      right: convert(node.initializer, node),
      typeAnnotation: undefined,
    } as unknown as EsNode;
    value.loc = locFor(valueRange);
    result.value = value;
  }
  return result;
}

/** `with { ... }` (or TypeScript < 5.3's `assertClause`): left to typescript-estree. */
function hasImportAttributes(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  return node.attributes !== undefined || (node as unknown as { assertClause?: unknown }).assertClause !== undefined;
}

function convertImportDeclaration(node: ts.ImportDeclaration): EsNode {
  noModifiers(node);
  if (hasImportAttributes(node) || node.moduleSpecifier.kind !== SK.StringLiteral) decline();
  const clause = node.importClause;
  let isTypeOnly = false;
  if (clause !== undefined) {
    const phase = HAS_PHASE_MODIFIER ? (clause as unknown as { phaseModifier?: ts.SyntaxKind }).phaseModifier : undefined;
    if (HAS_PHASE_MODIFIER ? phase !== undefined && phase !== SK.TypeKeyword : false) decline(); // `import defer`
    isTypeOnly = HAS_PHASE_MODIFIER ? phase === SK.TypeKeyword : clause.isTypeOnly;
    if (isTypeOnly && clause.name !== undefined && clause.namedBindings !== undefined) decline();
  }
  const specifiers: EsNode[] = [];
  const result = {
    type: 'ImportDeclaration',
    attributes: [],
    importKind: isTypeOnly ? 'type' : 'value',
    phase: null,
    source: convert(node.moduleSpecifier, node),
    specifiers,
  } as unknown as EsNode;
  withAliasGetter(result, 'assertions', 'attributes');
  const range = rangeOf(node);
  result.range = range;
  result.loc = locFor(range);
  if (clause?.name) {
    const local = convert(clause.name, clause);
    specifiers.push({ type: 'ImportDefaultSpecifier', range: local.range, local, loc: locFor(local.range) });
  }
  const bindings = clause?.namedBindings;
  if (bindings !== undefined) {
    if (bindings.kind === SK.NamespaceImport) {
      const namespaceRange = rangeOf(bindings);
      specifiers.push({ type: 'ImportNamespaceSpecifier', local: convert(bindings.name, bindings), range: namespaceRange, loc: locFor(namespaceRange) });
    } else {
      for (const element of bindings.elements) {
        const elementRange = rangeOf(element);
        specifiers.push({
          type: 'ImportSpecifier',
          imported: convert(element.propertyName ?? element.name, element),
          importKind: element.isTypeOnly ? 'type' : 'value',
          local: convert(element.name, element),
          range: elementRange,
          loc: locFor(elementRange),
        });
      }
    }
  }
  return result;
}

function convertExportDeclaration(node: ts.ExportDeclaration): EsNode {
  noModifiers(node);
  if (hasImportAttributes(node)) decline();
  const source = node.moduleSpecifier;
  if (source !== undefined && source.kind !== SK.StringLiteral) decline();
  const clause = node.exportClause;
  let result: EsNode;
  if (clause?.kind === SK.NamedExports) {
    const specifiers: EsNode[] = [];
    for (const element of clause.elements) {
      const local = element.propertyName ?? element.name;
      if (local.kind === SK.StringLiteral && source === undefined) decline();
      const elementRange = rangeOf(element);
      specifiers.push({
        type: 'ExportSpecifier',
        exported: convert(element.name, element),
        exportKind: element.isTypeOnly ? 'type' : 'value',
        local: convert(local, element),
        range: elementRange,
        loc: locFor(elementRange),
      });
    }
    result = {
      type: 'ExportNamedDeclaration',
      attributes: [],
      declaration: null,
      exportKind: node.isTypeOnly ? 'type' : 'value',
      source: convertOptional(source, node),
      specifiers,
    } as unknown as EsNode;
  } else {
    if (source === undefined) decline();
    result = {
      type: 'ExportAllDeclaration',
      attributes: [],
      exported: clause?.kind === SK.NamespaceExport ? convert(clause.name, clause) : null,
      exportKind: node.isTypeOnly ? 'type' : 'value',
      source: convert(source, node),
    } as unknown as EsNode;
  }
  withAliasGetter(result, 'assertions', 'attributes');
  const range = rangeOf(node);
  result.range = range;
  result.loc = locFor(range);
  return result;
}

function convertEnum(node: ts.EnumDeclaration): EsNode {
  const modifiers = readModifiers(node, M_EXPORT | M_CONST, false);
  const members = (): EsNode[] => convertChildren(node.members, node);
  const bodyRange: Range = [node.members.pos - 1, node.end];
  const result = {
    type: 'TSEnumDeclaration',
    body: { type: 'TSEnumBody', range: bodyRange, members: members(), loc: locFor(bodyRange) },
    const: (modifiers.flags & M_CONST) !== 0,
    declare: false,
    id: convert(node.name, node),
  } as unknown as EsNode;
  // typescript-estree converts the members a second time for this getter; so does this one.
  const membersAgain = members();
  withDeprecatedGetter(result, 'members', membersAgain);
  const range = rangeOf(node);
  result.range = range;
  result.loc = locFor(range);
  return fixExports(result, modifiers);
}

function convertEnumMember(node: ts.EnumMember): EsNode {
  noModifiers(node);
  if (node.name.kind !== SK.Identifier && node.name.kind !== SK.StringLiteral) decline();
  const result = {
    type: 'TSEnumMember',
    id: convert(node.name, node),
    initializer: node.initializer && convert(node.initializer, node),
  } as unknown as EsNode;
  withDeprecatedGetter(result, 'computed', false);
  const range = rangeOf(node);
  result.range = range;
  result.loc = locFor(range);
  return result;
}

function convertInterface(node: ts.InterfaceDeclaration): EsNode {
  const modifiers = readModifiers(node, M_EXPORT, false);
  const heritage: EsNode[] = [];
  if (node.heritageClauses !== undefined) {
    if (node.heritageClauses.length !== 1) decline();
    for (const clause of node.heritageClauses) {
      if (clause.token !== SK.ExtendsKeyword || clause.types.length === 0) decline();
      for (const type of clause.types) {
        if (!isEntityNameExpression(type.expression)) decline();
        heritage.push(expressionWithTypeArguments(type, 'TSInterfaceHeritage'));
      }
    }
  }
  const bodyRange: Range = [node.members.pos - 1, node.end];
  const range = rangeOf(node);
  const result: EsNode = {
    type: 'TSInterfaceDeclaration',
    body: { type: 'TSInterfaceBody', range: bodyRange, body: convertChildren(node.members, node), loc: locFor(bodyRange) },
    declare: false,
    extends: heritage,
    id: convert(node.name, node),
    typeParameters: typeParameters(node, node.typeParameters),
    range,
    loc: locFor(range),
  };
  return fixExports(result, modifiers);
}

function expressionWithTypeArguments(node: ts.ExpressionWithTypeArguments, type: string): EsNode {
  noModifiers(node);
  const range = rangeOf(node);
  return { type, expression: convert(node.expression, node), typeArguments: typeArguments(node, node.typeArguments), range, loc: locFor(range) };
}

/** `a, b`: typescript-estree flattens a left-nested sequence unless it is parenthesized. */
function sequence(node: ts.BinaryExpression): EsNode {
  const range = rangeOf(node);
  const expressions: EsNode[] = [];
  const left = convert(node.left, node);
  if (left.type === 'SequenceExpression' && node.left.kind !== SK.ParenthesizedExpression) expressions.push(...(left.expressions as EsNode[]));
  else expressions.push(left);
  expressions.push(convert(node.right, node));
  return { type: 'SequenceExpression', expressions, range, loc: locFor(range) };
}

/** `import(source, options?)`. */
function importExpression(node: ts.CallExpression): EsNode {
  const [source, options] = node.arguments;
  if (source === undefined || source.kind === SK.SpreadElement || node.arguments.length > 2 || node.typeArguments !== undefined || node.questionDotToken !== undefined) decline();
  const result = {
    type: 'ImportExpression',
    options: options === undefined ? null : convert(options, node),
    phase: null,
    source: convert(source, node),
  } as unknown as EsNode;
  withAliasGetter(result, 'attributes', 'options');
  const range = rangeOf(node);
  result.range = range;
  result.loc = locFor(range);
  return result;
}

/** A regular expression literal; its value is the RegExp, or null where this engine rejects it. */
function regularExpression(node: ts.RegularExpressionLiteral): EsNode {
  const raw = node.text;
  const pattern = raw.slice(1, raw.lastIndexOf('/'));
  const flags = raw.slice(raw.lastIndexOf('/') + 1);
  let value: RegExp | null = null;
  try {
    value = new RegExp(pattern, flags);
  } catch {
    // typescript-estree keeps null too
  }
  const range = rangeOf(node);
  return { type: 'Literal', raw, regex: { flags, pattern }, value, range, loc: locFor(range) };
}

/** `[key: string]: T` in a type (`readonly` allowed) or a class (`static` too). */
function indexSignature(node: ts.IndexSignatureDeclaration, allowed: number): EsNode {
  const modifiers = readModifiers(node, allowed, false);
  const parameters: EsNode[] = [];
  for (const parameter of node.parameters) parameters.push(convertParameter(parameter, node, readModifiers(parameter, 0, false)));
  const range = rangeOf(node);
  return {
    type: 'TSIndexSignature',
    accessibility: undefined,
    parameters,
    readonly: (modifiers.flags & M_READONLY) !== 0,
    static: (modifiers.flags & M_STATIC) !== 0,
    typeAnnotation: optionalTypeAnnotation(node.type, node),
    range,
    loc: locFor(range),
  };
}

/** `{ readonly [K in keyof T as N]?: T[K] }`, with typescript-estree's deprecated `typeParameter`. */
function mappedType(node: ts.MappedTypeNode): EsNode {
  if (node.members !== undefined && node.members.length > 0) decline();
  const parameter = node.typeParameter;
  const question = node.questionToken;
  const readonlyToken = node.readonlyToken;
  const result = {
    type: 'TSMappedType',
    constraint: convertOptional(parameter.constraint, parameter),
    key: convert(parameter.name, parameter),
    nameType: convertOptional(node.nameType, node),
    optional: question ? question.kind === SK.QuestionToken || ts.tokenToString(question.kind) : false,
    readonly: readonlyToken ? readonlyToken.kind === SK.ReadonlyKeyword || ts.tokenToString(readonlyToken.kind) : undefined,
    typeAnnotation: node.type && convert(node.type, node),
  } as unknown as EsNode;
  withDeprecatedGetter(result, 'typeParameter', convert(parameter, node));
  const range = rangeOf(node);
  result.range = range;
  result.loc = locFor(range);
  return result;
}

function convertNode(node: ts.Node, parent: ts.Node): EsNode {
  switch (node.kind) {
    // Names and literals
    case SK.Identifier:
      return identifierNode(node as ts.Identifier);
    case SK.StringLiteral: {
      const range = rangeOf(node);
      return { type: 'Literal', raw: text.slice(range[0], range[1]), value: (node as ts.StringLiteral).text, range, loc: locFor(range) };
    }
    case SK.NumericLiteral: {
      const range = rangeOf(node);
      return { type: 'Literal', raw: text.slice(range[0], range[1]), value: Number((node as ts.NumericLiteral).text), range, loc: locFor(range) };
    }
    case SK.BigIntLiteral: {
      const range = rangeOf(node);
      const raw = text.slice(range[0], range[1]);
      const value = BigInt(raw.slice(0, -1).replaceAll('_', ''));
      return { type: 'Literal', range, bigint: String(value), raw, value, loc: locFor(range) };
    }
    case SK.RegularExpressionLiteral:
      return regularExpression(node as ts.RegularExpressionLiteral);
    case SK.TrueKeyword:
      return literal(node, 'true', true);
    case SK.FalseKeyword:
      return literal(node, 'false', false);
    case SK.NullKeyword:
      return literal(node, 'null', null);
    case SK.NoSubstitutionTemplateLiteral:
    case SK.TemplateExpression:
      return templateLiteral(node as ts.TemplateLiteral, false);
    case SK.ThisKeyword:
      return simple('ThisExpression', node);
    case SK.SuperKeyword:
      return simple('Super', node);
    case SK.ComputedPropertyName:
      return convert((node as ts.ComputedPropertyName).expression, node);
    case SK.QualifiedName: {
      const name = node as ts.QualifiedName;
      const range = rangeOf(node);
      return { type: 'TSQualifiedName', left: convert(name.left, node), right: convert(name.right, node), range, loc: locFor(range) };
    }

    // Statements
    case SK.Block: {
      const range = rangeOf(node);
      const functionBody =
        parent.kind === SK.Constructor ||
        parent.kind === SK.GetAccessor ||
        parent.kind === SK.SetAccessor ||
        parent.kind === SK.ArrowFunction ||
        parent.kind === SK.FunctionExpression ||
        parent.kind === SK.FunctionDeclaration ||
        parent.kind === SK.MethodDeclaration;
      return { type: 'BlockStatement', body: convertBody((node as ts.Block).statements, node, functionBody), range, loc: locFor(range) };
    }
    case SK.ExpressionStatement: {
      noModifiers(node);
      const range = rangeOf(node);
      return { type: 'ExpressionStatement', directive: undefined, expression: convert((node as ts.ExpressionStatement).expression, node), range, loc: locFor(range) };
    }
    case SK.VariableStatement: {
      const statement = node as ts.VariableStatement;
      const modifiers = readModifiers(node, M_EXPORT, false);
      const kind = declarationKind(statement.declarationList);
      if (statement.declarationList.declarations.length === 0) decline();
      const range = rangeOf(node);
      const result: EsNode = {
        type: 'VariableDeclaration',
        declarations: convertChildren(statement.declarationList.declarations, statement.declarationList),
        declare: false,
        kind,
        range,
        loc: locFor(range),
      };
      return fixExports(result, modifiers);
    }
    case SK.VariableDeclaration:
      return convertVariableDeclaration(node as ts.VariableDeclaration);
    case SK.VariableDeclarationList:
      return convertDeclarationList(node as ts.VariableDeclarationList);
    case SK.ReturnStatement: {
      const range = rangeOf(node);
      return { type: 'ReturnStatement', argument: convertOptional((node as ts.ReturnStatement).expression, node), range, loc: locFor(range) };
    }
    case SK.IfStatement: {
      const statement = node as ts.IfStatement;
      const range = rangeOf(node);
      return {
        type: 'IfStatement',
        alternate: convertOptional(statement.elseStatement, node),
        consequent: convert(statement.thenStatement, node),
        test: convert(statement.expression, node),
        range,
        loc: locFor(range),
      };
    }
    case SK.ForOfStatement: {
      const statement = node as ts.ForOfStatement;
      const range = rangeOf(node);
      return {
        type: 'ForOfStatement',
        await: statement.awaitModifier?.kind === SK.AwaitKeyword,
        body: convert(statement.statement, node),
        left: forLeft(statement.initializer),
        right: convert(statement.expression, node),
        range,
        loc: locFor(range),
      };
    }
    case SK.ForInStatement: {
      const statement = node as ts.ForInStatement;
      const range = rangeOf(node);
      return {
        type: 'ForInStatement',
        body: convert(statement.statement, node),
        left: forLeft(statement.initializer),
        right: convert(statement.expression, node),
        range,
        loc: locFor(range),
      };
    }
    case SK.ForStatement: {
      const statement = node as ts.ForStatement;
      const range = rangeOf(node);
      return {
        type: 'ForStatement',
        body: convert(statement.statement, node),
        init: convertOptional(statement.initializer, node),
        test: convertOptional(statement.condition, node),
        update: convertOptional(statement.incrementor, node),
        range,
        loc: locFor(range),
      };
    }
    case SK.WhileStatement:
    case SK.DoStatement: {
      const statement = node as ts.WhileStatement | ts.DoStatement;
      const range = rangeOf(node);
      return {
        type: node.kind === SK.WhileStatement ? 'WhileStatement' : 'DoWhileStatement',
        body: convert(statement.statement, node),
        test: convert(statement.expression, node),
        range,
        loc: locFor(range),
      };
    }
    case SK.ThrowStatement: {
      const expression = (node as ts.ThrowStatement).expression;
      if (expression.end === expression.pos) decline();
      const range = rangeOf(node);
      return { type: 'ThrowStatement', argument: convert(expression, node), range, loc: locFor(range) };
    }
    case SK.TryStatement: {
      const statement = node as ts.TryStatement;
      const range = rangeOf(node);
      return {
        type: 'TryStatement',
        block: convert(statement.tryBlock, node),
        finalizer: convertOptional(statement.finallyBlock, node),
        handler: convertOptional(statement.catchClause, node),
        range,
        loc: locFor(range),
      };
    }
    case SK.CatchClause: {
      const clause = node as ts.CatchClause;
      const declaration = clause.variableDeclaration;
      if (declaration?.initializer !== undefined || declaration?.exclamationToken !== undefined) decline();
      let param: EsNode | null = null;
      if (declaration !== undefined) {
        param = convert(declaration.name, declaration);
        if (declaration.type) {
          const annotation = typeAnnotation(declaration.type, declaration);
          param.typeAnnotation = annotation;
          fixParentLocation(param, annotation.range);
        }
      }
      const range = rangeOf(node);
      return { type: 'CatchClause', body: convert(clause.block, node), param, range, loc: locFor(range) };
    }
    case SK.SwitchStatement: {
      const statement = node as ts.SwitchStatement;
      if (statement.caseBlock.clauses.filter((clause) => clause.kind === SK.DefaultClause).length > 1) decline();
      const range = rangeOf(node);
      return {
        type: 'SwitchStatement',
        cases: convertChildren(statement.caseBlock.clauses, statement.caseBlock),
        discriminant: convert(statement.expression, node),
        range,
        loc: locFor(range),
      };
    }
    case SK.CaseClause:
    case SK.DefaultClause: {
      const clause = node as ts.CaseOrDefaultClause;
      const range = rangeOf(node);
      return {
        type: 'SwitchCase',
        consequent: convertChildren(clause.statements, node),
        test: clause.kind === SK.CaseClause ? convert(clause.expression, node) : null,
        range,
        loc: locFor(range),
      };
    }
    case SK.BreakStatement:
    case SK.ContinueStatement: {
      const range = rangeOf(node);
      return {
        type: node.kind === SK.BreakStatement ? 'BreakStatement' : 'ContinueStatement',
        label: convertOptional((node as ts.BreakOrContinueStatement).label, node),
        range,
        loc: locFor(range),
      };
    }
    case SK.LabeledStatement: {
      const statement = node as ts.LabeledStatement;
      const range = rangeOf(node);
      return { type: 'LabeledStatement', body: convert(statement.statement, node), label: convert(statement.label, node), range, loc: locFor(range) };
    }
    case SK.EmptyStatement:
      return simple('EmptyStatement', node);
    case SK.DebuggerStatement:
      return simple('DebuggerStatement', node);

    // Declarations
    case SK.FunctionDeclaration: {
      const declaration = node as ts.FunctionDeclaration;
      const modifiers = readModifiers(node, M_EXPORT | M_DEFAULT | M_ASYNC, false);
      if (declaration.name === undefined && (modifiers.flags & M_DEFAULT) === 0) decline();
      if (declaration.body === undefined && declaration.asteriskToken !== undefined) decline();
      return fixExports(convertFunctionLike(declaration, declaration.body ? 'FunctionDeclaration' : 'TSDeclareFunction', modifiers), modifiers);
    }
    case SK.ClassDeclaration:
    case SK.ClassExpression:
      return convertClass(node as ts.ClassDeclaration | ts.ClassExpression);
    case SK.ImportDeclaration:
      return convertImportDeclaration(node as ts.ImportDeclaration);
    case SK.ExportDeclaration:
      return convertExportDeclaration(node as ts.ExportDeclaration);
    case SK.ImportEqualsDeclaration: {
      const declaration = node as ts.ImportEqualsDeclaration;
      const modifiers = readModifiers(node, M_EXPORT, false);
      const reference = declaration.moduleReference;
      if (declaration.isTypeOnly && reference.kind !== SK.ExternalModuleReference) decline();
      const range = rangeOf(node);
      const result: EsNode = {
        type: 'TSImportEqualsDeclaration',
        id: convert(declaration.name, node),
        importKind: declaration.isTypeOnly ? 'type' : 'value',
        moduleReference: convert(reference, node),
        range,
        loc: locFor(range),
      };
      return fixExports(result, modifiers);
    }
    case SK.ExternalModuleReference: {
      const expression = (node as ts.ExternalModuleReference).expression;
      if (expression.kind !== SK.StringLiteral) decline();
      const range = rangeOf(node);
      return { type: 'TSExternalModuleReference', expression: convert(expression, node), range, loc: locFor(range) };
    }
    case SK.ExportAssignment: {
      noModifiers(node);
      const assignment = node as ts.ExportAssignment;
      const range = rangeOf(node);
      if (assignment.isExportEquals) {
        return { type: 'TSExportAssignment', expression: convert(assignment.expression, node), range, loc: locFor(range) };
      }
      return { type: 'ExportDefaultDeclaration', declaration: convert(assignment.expression, node), exportKind: 'value', range, loc: locFor(range) };
    }
    case SK.InterfaceDeclaration:
      return convertInterface(node as ts.InterfaceDeclaration);
    case SK.TypeAliasDeclaration: {
      const alias = node as ts.TypeAliasDeclaration;
      const modifiers = readModifiers(node, M_EXPORT, false);
      const range = rangeOf(node);
      const result: EsNode = {
        type: 'TSTypeAliasDeclaration',
        declare: false,
        id: convert(alias.name, node),
        typeAnnotation: convert(alias.type, node),
        typeParameters: typeParameters(node, alias.typeParameters),
        range,
        loc: locFor(range),
      };
      return fixExports(result, modifiers);
    }
    case SK.EnumDeclaration:
      return convertEnum(node as ts.EnumDeclaration);
    case SK.EnumMember:
      return convertEnumMember(node as ts.EnumMember);
    case SK.Decorator: {
      const range = rangeOf(node);
      return { type: 'Decorator', expression: convert((node as ts.Decorator).expression, node), range, loc: locFor(range) };
    }

    // Expressions
    case SK.ParenthesizedExpression:
      return convert((node as ts.ParenthesizedExpression).expression, parent);
    case SK.ArrowFunction:
    case SK.FunctionExpression: {
      const modifiers = readModifiers(node, M_ASYNC, false);
      return convertFunctionLike(
        node as ts.ArrowFunction | ts.FunctionExpression,
        node.kind === SK.ArrowFunction ? 'ArrowFunctionExpression' : 'FunctionExpression',
        modifiers,
      );
    }
    case SK.ObjectLiteralExpression: {
      const range = rangeOf(node);
      const properties: EsNode[] = [];
      for (const property of (node as ts.ObjectLiteralExpression).properties) {
        properties.push(property.kind === SK.MethodDeclaration ? convertObjectMethod(property) : convert(property, node));
      }
      return { type: 'ObjectExpression', properties, range, loc: locFor(range) };
    }
    case SK.PropertyAssignment: {
      const property = node as ts.PropertyAssignment;
      noModifiers(node);
      if (hasPostfixToken(node)) decline();
      const range = rangeOf(node);
      return {
        type: 'Property',
        computed: property.name.kind === SK.ComputedPropertyName,
        key: propertyKey(property.name, node),
        kind: 'init',
        method: false,
        optional: false,
        shorthand: false,
        value: convert(property.initializer, node),
        range,
        loc: locFor(range),
      };
    }
    case SK.ShorthandPropertyAssignment: {
      const property = node as ts.ShorthandPropertyAssignment;
      noModifiers(node);
      if (hasPostfixToken(node)) decline();
      if (property.equalsToken !== undefined || property.objectAssignmentInitializer !== undefined) decline();
      const range = rangeOf(node);
      return {
        type: 'Property',
        computed: false,
        key: convert(property.name, node),
        kind: 'init',
        method: false,
        optional: false,
        shorthand: true,
        value: convert(property.name, node),
        range,
        loc: locFor(range),
      };
    }
    case SK.SpreadAssignment:
    case SK.SpreadElement: {
      noModifiers(node);
      const range = rangeOf(node);
      return { type: 'SpreadElement', argument: convert((node as ts.SpreadElement).expression, node), range, loc: locFor(range) };
    }
    case SK.ArrayLiteralExpression: {
      const range = rangeOf(node);
      const elements: (EsNode | null)[] = [];
      for (const element of (node as ts.ArrayLiteralExpression).elements) {
        elements.push(element.kind === SK.OmittedExpression ? null : convert(element, node));
      }
      return { type: 'ArrayExpression', elements, range, loc: locFor(range) };
    }
    case SK.PropertyAccessExpression: {
      const access = node as ts.PropertyAccessExpression;
      const range = rangeOf(node);
      const result: EsNode = {
        type: 'MemberExpression',
        computed: false,
        object: convert(access.expression, node),
        optional: access.questionDotToken !== undefined,
        property: access.name.kind === SK.PrivateIdentifier ? privateIdentifier(access.name) : convert(access.name, node),
        range,
        loc: locFor(range),
      };
      return chain(result, node, 'object', access.questionDotToken !== undefined, access.expression);
    }
    case SK.ElementAccessExpression: {
      const access = node as ts.ElementAccessExpression;
      const range = rangeOf(node);
      const result: EsNode = {
        type: 'MemberExpression',
        computed: true,
        object: convert(access.expression, node),
        optional: access.questionDotToken !== undefined,
        property: convert(access.argumentExpression, node),
        range,
        loc: locFor(range),
      };
      return chain(result, node, 'object', access.questionDotToken !== undefined, access.expression);
    }
    case SK.CallExpression: {
      const call = node as ts.CallExpression;
      if (call.expression.kind === SK.ImportKeyword) return importExpression(call);
      if (call.expression.kind === SK.MetaProperty) decline(); // `import.defer(...)`
      const range = rangeOf(node);
      const result: EsNode = {
        type: 'CallExpression',
        arguments: convertChildren(call.arguments, node),
        callee: convert(call.expression, node),
        optional: call.questionDotToken !== undefined,
        typeArguments: typeArguments(node, call.typeArguments),
        range,
        loc: locFor(range),
      };
      return chain(result, node, 'callee', call.questionDotToken !== undefined, call.expression);
    }
    case SK.NewExpression: {
      const expression = node as ts.NewExpression;
      const range = rangeOf(node);
      return {
        type: 'NewExpression',
        arguments: expression.arguments === undefined ? [] : convertChildren(expression.arguments, node),
        callee: convert(expression.expression, node),
        typeArguments: typeArguments(node, expression.typeArguments),
        range,
        loc: locFor(range),
      };
    }
    case SK.NonNullExpression: {
      const expression = node as ts.NonNullExpression;
      const range = rangeOf(node);
      const result: EsNode = { type: 'TSNonNullExpression', expression: convert(expression.expression, node), range, loc: locFor(range) };
      return chain(result, node, 'expression', false, expression.expression);
    }
    case SK.TaggedTemplateExpression: {
      const tagged = node as ts.TaggedTemplateExpression;
      if ((tagged.tag.flags & ts.NodeFlags.OptionalChain) !== 0) decline();
      const range = rangeOf(node);
      return {
        type: 'TaggedTemplateExpression',
        quasi: templateLiteral(tagged.template, true),
        tag: convert(tagged.tag, node),
        typeArguments: typeArguments(node, tagged.typeArguments),
        range,
        loc: locFor(range),
      };
    }
    case SK.MetaProperty: {
      const meta = node as ts.MetaProperty;
      const keyword = meta.keywordToken === SK.ImportKeyword ? 'import' : 'new';
      if (meta.name.text !== (keyword === 'import' ? 'meta' : 'target')) decline();
      const range = rangeOf(node);
      if (!text.startsWith(keyword, range[0])) decline();
      const metaRange: Range = [range[0], range[0] + keyword.length];
      return {
        type: 'MetaProperty',
        meta: { type: 'Identifier', decorators: [], name: keyword, optional: false, typeAnnotation: undefined, range: metaRange, loc: locFor(metaRange) },
        property: convert(meta.name, node),
        range,
        loc: locFor(range),
      };
    }
    case SK.AwaitExpression: {
      const range = rangeOf(node);
      return { type: 'AwaitExpression', argument: convert((node as ts.AwaitExpression).expression, node), range, loc: locFor(range) };
    }
    case SK.YieldExpression: {
      const expression = node as ts.YieldExpression;
      const range = rangeOf(node);
      return {
        type: 'YieldExpression',
        argument: convertOptional(expression.expression, node),
        delegate: expression.asteriskToken !== undefined,
        range,
        loc: locFor(range),
      };
    }
    case SK.ConditionalExpression: {
      const expression = node as ts.ConditionalExpression;
      const range = rangeOf(node);
      return {
        type: 'ConditionalExpression',
        alternate: convert(expression.whenFalse, node),
        consequent: convert(expression.whenTrue, node),
        test: convert(expression.condition, node),
        range,
        loc: locFor(range),
      };
    }
    case SK.BinaryExpression: {
      const expression = node as ts.BinaryExpression;
      const operator = expression.operatorToken.kind;
      if (expression.right.kind === SK.PrivateIdentifier) decline();
      if (expression.left.kind === SK.PrivateIdentifier && operator !== SK.InKeyword) decline();
      let type: string;
      if (ASSIGNMENT_OPERATORS.has(operator)) {
        if (!isSimpleAssignmentTarget(expression.left)) decline();
        type = 'AssignmentExpression';
      } else if (LOGICAL_OPERATORS.has(operator)) type = 'LogicalExpression';
      else if (BINARY_OPERATORS.has(operator)) type = 'BinaryExpression';
      else if (operator === SK.CommaToken) return sequence(expression);
      else return decline();
      const range = rangeOf(node);
      return {
        type,
        operator: ts.tokenToString(operator),
        left: expression.left.kind === SK.PrivateIdentifier ? privateIdentifier(expression.left as ts.PrivateIdentifier) : convert(expression.left, node),
        right: convert(expression.right, node),
        range,
        loc: locFor(range),
      };
    }
    case SK.PrefixUnaryExpression:
    case SK.PostfixUnaryExpression: {
      const expression = node as ts.PrefixUnaryExpression | ts.PostfixUnaryExpression;
      const range = rangeOf(node);
      if (expression.operator === SK.PlusPlusToken || expression.operator === SK.MinusMinusToken) {
        if (!isSimpleAssignmentTarget(expression.operand)) decline();
        return {
          type: 'UpdateExpression',
          argument: convert(expression.operand, node),
          operator: ts.tokenToString(expression.operator),
          prefix: node.kind === SK.PrefixUnaryExpression,
          range,
          loc: locFor(range),
        };
      }
      if (node.kind !== SK.PrefixUnaryExpression || !UNARY_OPERATORS.has(expression.operator)) decline();
      return { type: 'UnaryExpression', argument: convert(expression.operand, node), operator: ts.tokenToString(expression.operator), prefix: true, range, loc: locFor(range) };
    }
    case SK.TypeOfExpression:
    case SK.VoidExpression:
    case SK.DeleteExpression: {
      const range = rangeOf(node);
      const operator = node.kind === SK.TypeOfExpression ? 'typeof' : node.kind === SK.VoidExpression ? 'void' : 'delete';
      return { type: 'UnaryExpression', argument: convert((node as ts.TypeOfExpression).expression, node), operator, prefix: true, range, loc: locFor(range) };
    }
    case SK.AsExpression:
    case SK.SatisfiesExpression:
    case SK.TypeAssertionExpression: {
      const expression = node as ts.AsExpression | ts.SatisfiesExpression | ts.TypeAssertion;
      const range = rangeOf(node);
      const type = node.kind === SK.AsExpression ? 'TSAsExpression' : node.kind === SK.SatisfiesExpression ? 'TSSatisfiesExpression' : 'TSTypeAssertion';
      return { type, expression: convert(expression.expression, node), typeAnnotation: convert(expression.type, node), range, loc: locFor(range) };
    }

    // Binding patterns
    case SK.ObjectBindingPattern: {
      const pattern = node as ts.ObjectBindingPattern;
      const range = rangeOf(node);
      const properties: EsNode[] = [];
      for (const element of pattern.elements) properties.push(convertBindingElement(element, pattern));
      return { type: 'ObjectPattern', decorators: [], optional: false, properties, typeAnnotation: undefined, range, loc: locFor(range) };
    }
    case SK.ArrayBindingPattern: {
      const pattern = node as ts.ArrayBindingPattern;
      const range = rangeOf(node);
      const elements: (EsNode | null)[] = [];
      for (const element of pattern.elements) elements.push(element.kind === SK.OmittedExpression ? null : convertBindingElement(element, pattern));
      return { type: 'ArrayPattern', decorators: [], elements, optional: false, typeAnnotation: undefined, range, loc: locFor(range) };
    }

    // Types
    case SK.TypeReference: {
      const reference = node as ts.TypeReferenceNode;
      const range = rangeOf(node);
      return {
        type: 'TSTypeReference',
        typeArguments: typeArguments(node, reference.typeArguments),
        typeName: convert(reference.typeName, node),
        range,
        loc: locFor(range),
      };
    }
    case SK.ArrayType: {
      const range = rangeOf(node);
      return { type: 'TSArrayType', elementType: convert((node as ts.ArrayTypeNode).elementType, node), range, loc: locFor(range) };
    }
    case SK.UnionType:
    case SK.IntersectionType: {
      const range = rangeOf(node);
      return {
        type: node.kind === SK.UnionType ? 'TSUnionType' : 'TSIntersectionType',
        types: convertChildren((node as ts.UnionTypeNode).types, node),
        range,
        loc: locFor(range),
      };
    }
    case SK.LiteralType: {
      const literalNode = (node as ts.LiteralTypeNode).literal;
      if (literalNode.kind === SK.NullKeyword) return simple('TSNullKeyword', literalNode);
      const range = rangeOf(node);
      return { type: 'TSLiteralType', literal: convert(literalNode, node), range, loc: locFor(range) };
    }
    case SK.ParenthesizedType:
      return convert((node as ts.ParenthesizedTypeNode).type, node);
    case SK.TypeLiteral: {
      const range = rangeOf(node);
      return { type: 'TSTypeLiteral', members: convertChildren((node as ts.TypeLiteralNode).members, node), range, loc: locFor(range) };
    }
    case SK.PropertySignature: {
      const signature = node as ts.PropertySignature;
      const modifiers = readModifiers(node, M_READONLY, false);
      if ((signature as unknown as { initializer?: ts.Node }).initializer !== undefined) decline();
      const range = rangeOf(node);
      return {
        type: 'TSPropertySignature',
        accessibility: undefined,
        computed: signature.name.kind === SK.ComputedPropertyName,
        key: propertyKey(signature.name, node),
        optional: signature.questionToken !== undefined,
        readonly: (modifiers.flags & M_READONLY) !== 0,
        static: false,
        typeAnnotation: optionalTypeAnnotation(signature.type, node),
        range,
        loc: locFor(range),
      };
    }
    case SK.MethodSignature: {
      const signature = node as ts.MethodSignature;
      noModifiers(node);
      const range = rangeOf(node);
      return {
        type: 'TSMethodSignature',
        accessibility: undefined,
        computed: signature.name.kind === SK.ComputedPropertyName,
        key: propertyKey(signature.name, node),
        kind: 'method',
        optional: signature.questionToken !== undefined,
        params: convertParameters(signature.parameters, node, PLAIN_PARAMETERS),
        readonly: false,
        returnType: optionalTypeAnnotation(signature.type, node),
        static: false,
        typeParameters: typeParameters(node, signature.typeParameters),
        range,
        loc: locFor(range),
      };
    }
    case SK.IndexSignature:
      return indexSignature(node as ts.IndexSignatureDeclaration, M_READONLY);
    case SK.FunctionType: {
      const type = node as ts.FunctionTypeNode;
      noModifiers(node);
      const range = rangeOf(node);
      return {
        type: 'TSFunctionType',
        params: convertParameters(type.parameters, node, PLAIN_PARAMETERS),
        returnType: optionalTypeAnnotation(type.type, node, 2),
        typeParameters: typeParameters(node, type.typeParameters),
        range,
        loc: locFor(range),
      };
    }
    case SK.TypeQuery: {
      const query = node as ts.TypeQueryNode;
      if (query.exprName.kind !== SK.Identifier && query.exprName.kind !== SK.QualifiedName) decline();
      let leftmost: ts.EntityName = query.exprName;
      while (leftmost.kind === SK.QualifiedName) leftmost = leftmost.left;
      if (leftmost.text === 'this') decline(); // typescript-estree makes `typeof this.x`'s `this` a ThisExpression
      const range = rangeOf(node);
      return {
        type: 'TSTypeQuery',
        exprName: convert(query.exprName, node),
        typeArguments: typeArguments(node, query.typeArguments),
        range,
        loc: locFor(range),
      };
    }
    case SK.TypeOperator: {
      const operator = node as ts.TypeOperatorNode;
      const range = rangeOf(node);
      return {
        type: 'TSTypeOperator',
        operator: ts.tokenToString(operator.operator),
        typeAnnotation: convert(operator.type, node),
        range,
        loc: locFor(range),
      };
    }
    case SK.IndexedAccessType: {
      const access = node as ts.IndexedAccessTypeNode;
      const range = rangeOf(node);
      return { type: 'TSIndexedAccessType', indexType: convert(access.indexType, node), objectType: convert(access.objectType, node), range, loc: locFor(range) };
    }
    case SK.TupleType: {
      const tuple = node as ts.TupleTypeNode;
      const range = rangeOf(node);
      return { type: 'TSTupleType', elementTypes: convertChildren(tuple.elements, node), range, loc: locFor(range) };
    }
    case SK.ThisType:
      return simple('TSThisType', node);
    case SK.ConditionalType: {
      const type = node as ts.ConditionalTypeNode;
      const range = rangeOf(node);
      return {
        type: 'TSConditionalType',
        checkType: convert(type.checkType, node),
        extendsType: convert(type.extendsType, node),
        falseType: convert(type.falseType, node),
        trueType: convert(type.trueType, node),
        range,
        loc: locFor(range),
      };
    }
    case SK.InferType: {
      const range = rangeOf(node);
      return { type: 'TSInferType', typeParameter: convert((node as ts.InferTypeNode).typeParameter, node), range, loc: locFor(range) };
    }
    case SK.MappedType:
      return mappedType(node as ts.MappedTypeNode);
    case SK.TemplateLiteralType: {
      const template = node as ts.TemplateLiteralTypeNode;
      const tagged = parent.kind === SK.TaggedTemplateExpression;
      const range = rangeOf(node);
      const quasis: EsNode[] = [templateElement(template.head, false, tagged)];
      const types: EsNode[] = [];
      for (const span of template.templateSpans) {
        types.push(convert(span.type, span));
        quasis.push(templateElement(span.literal, span.literal.kind === SK.TemplateTail, tagged));
      }
      return { type: 'TSTemplateLiteralType', quasis, types, range, loc: locFor(range) };
    }
    case SK.NamedTupleMember: {
      const member = node as ts.NamedTupleMember;
      const range = rangeOf(node);
      const result: EsNode = {
        type: 'TSNamedTupleMember',
        elementType: convert(member.type, node),
        label: convert(member.name, node),
        optional: member.questionToken !== undefined,
        range,
        loc: locFor(range),
      };
      if (member.dotDotDotToken === undefined) return result;
      const label = result.label as EsNode;
      range[0] = label.range[0];
      result.loc.start = label.loc.start;
      const restRange = rangeOf(node);
      return { type: 'TSRestType', typeAnnotation: result, range: restRange, loc: locFor(restRange) };
    }
    case SK.OptionalType:
    case SK.RestType: {
      const range = rangeOf(node);
      return {
        type: node.kind === SK.OptionalType ? 'TSOptionalType' : 'TSRestType',
        typeAnnotation: convert((node as ts.OptionalTypeNode).type, node),
        range,
        loc: locFor(range),
      };
    }
    case SK.ConstructorType: {
      const type = node as ts.ConstructorTypeNode;
      const modifiers = readModifiers(node, M_ABSTRACT, false);
      const range = rangeOf(node);
      return {
        type: 'TSConstructorType',
        abstract: (modifiers.flags & M_ABSTRACT) !== 0,
        params: convertParameters(type.parameters, node, PLAIN_PARAMETERS),
        returnType: optionalTypeAnnotation(type.type, node, 2),
        typeParameters: typeParameters(node, type.typeParameters),
        range,
        loc: locFor(range),
      };
    }
    case SK.CallSignature:
    case SK.ConstructSignature: {
      const signature = node as ts.CallSignatureDeclaration | ts.ConstructSignatureDeclaration;
      noModifiers(node);
      const range = rangeOf(node);
      return {
        type: node.kind === SK.CallSignature ? 'TSCallSignatureDeclaration' : 'TSConstructSignatureDeclaration',
        params: convertParameters(signature.parameters, node, PLAIN_PARAMETERS),
        returnType: optionalTypeAnnotation(signature.type, node),
        typeParameters: typeParameters(node, signature.typeParameters),
        range,
        loc: locFor(range),
      };
    }
    case SK.TypePredicate: {
      const predicate = node as ts.TypePredicateNode;
      const range = rangeOf(node);
      const result: EsNode = {
        type: 'TSTypePredicate',
        asserts: predicate.assertsModifier !== undefined,
        parameterName: convert(predicate.parameterName, node),
        typeAnnotation: null,
        range,
        loc: locFor(range),
      };
      if (predicate.type) {
        // typescript-estree gives the annotation its type's own range and location objects.
        const annotation = typeAnnotation(predicate.type, node);
        const inner = annotation.typeAnnotation as EsNode;
        annotation.loc = inner.loc;
        annotation.range = inner.range;
        result.typeAnnotation = annotation;
      }
      return result;
    }
    case SK.ExpressionWithTypeArguments:
      if (parent.kind !== SK.HeritageClause) decline(); // instantiation expressions
      return expressionWithTypeArguments(node as ts.ExpressionWithTypeArguments, 'TSClassImplements');
    case SK.TypeParameter: {
      const parameter = node as ts.TypeParameterDeclaration;
      const variance =
        parent.kind === SK.InterfaceDeclaration || parent.kind === SK.ClassDeclaration || parent.kind === SK.ClassExpression || parent.kind === SK.TypeAliasDeclaration;
      const modifiers = readModifiers(node, M_CONST | (variance ? M_IN | M_OUT : 0), false);
      const range = rangeOf(node);
      return {
        type: 'TSTypeParameter',
        const: (modifiers.flags & M_CONST) !== 0,
        constraint: parameter.constraint && convert(parameter.constraint, node),
        default: parameter.default ? convert(parameter.default, node) : undefined,
        in: (modifiers.flags & M_IN) !== 0,
        name: convert(parameter.name, node),
        out: (modifiers.flags & M_OUT) !== 0,
        range,
        loc: locFor(range),
      };
    }
    default: {
      const keywordType = KEYWORD_TYPES.get(node.kind);
      if (keywordType !== undefined) return simple(keywordType, node);
      return decline();
    }
  }
}
