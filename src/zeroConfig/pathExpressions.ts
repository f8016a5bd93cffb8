import path from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { resolveImportedName } from '../ast/importBindings.js';
import { resolveConstExpression, unwrapExpression, type ConstLookup } from '../ast/staticString.js';
import { INTERPOLATION_MARK } from '../sql/scanSqlDdl.js';
import type { ConfigModule, InferenceContext } from './inferenceContext.js';
import { resolveName, type ValueRef } from './moduleGraph.js';
import { normaliseRelative } from './projectPaths.js';

const posix = path.posix;

/**
 * Path expressions are evaluated to POSIX text in which the project root and the process's
 * working directory are stand-in absolute directories, so `path.join`/`resolve` arithmetic
 * works unchanged and `..` past the root stays detectable.
 */
const ROOT = '/\uE101root';
const CWD = '/\uE102cwd';

/** Evaluating follows names through modules; a budget ends cycles (`const a = b; const b = a`). */
const EVALUATION_BUDGET = 2_000;

const PATH_MODULES = new Set(['path', 'node:path']);
const URL_MODULES = new Set(['url', 'node:url']);

interface Evaluation {
  readonly context: InferenceContext;
  budgetLeft: number;
}

/** A project path read from a config: root-relative POSIX, or why it cannot be known. */
export type ProjectPath = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

/**
 * Reads a path or glob written in a config: string literals, templates and `+` with
 * `__dirname`, `__filename`, `import.meta.dirname`, `fileURLToPath(import.meta.url)`,
 * `process.cwd()`, `path.join/resolve/dirname/normalize` and constants (across imports).
 * Relative results are taken relative to `cwdDirectory` (root-relative), as the ORM's CLI would.
 */
export function readProjectPath(context: InferenceContext, ref: ValueRef, cwdDirectory: string): ProjectPath {
  const text = evaluate(ref.node, ref.scope, ref.module, { context, budgetLeft: EVALUATION_BUDGET });
  if (text === undefined) return { ok: false, reason: 'it is not a statically known path' };
  return toProjectPath(text, cwdDirectory);
}

/** Whether a node looks like a path expression (rather than a class reference or a list). */
export function isPathLike(node: TSESTree.Node): boolean {
  const expression = unwrapExpression(node);
  switch (expression.type) {
    case AST_NODE_TYPES.Literal:
      return typeof expression.value === 'string';
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.BinaryExpression:
      return true;
    case AST_NODE_TYPES.CallExpression:
      return expression.callee.type === AST_NODE_TYPES.MemberExpression || expression.callee.type === AST_NODE_TYPES.Identifier;
    default:
      return false;
  }
}

function toProjectPath(text: string, cwdDirectory: string): ProjectPath {
  if (text.includes(INTERPOLATION_MARK)) return { ok: false, reason: 'part of it is only known at run time' };
  const slashed = text.replaceAll('\\', '/');
  let relative: string;
  if (startsWithDirectory(slashed, ROOT)) {
    relative = `.${slashed.slice(ROOT.length)}`;
  } else if (startsWithDirectory(slashed, CWD)) {
    relative = posix.join(cwdDirectory === '' ? '.' : cwdDirectory, `.${slashed.slice(CWD.length)}`);
  } else if (slashed.startsWith('/') || /^[A-Za-z]:\//u.test(slashed)) {
    return { ok: false, reason: 'it is an absolute path outside the project, or one only known at run time' };
  } else if (slashed.includes(ROOT) || slashed.includes(CWD)) {
    return { ok: false, reason: 'it mixes directories in a way that cannot be read statically' };
  } else {
    relative = posix.join(cwdDirectory === '' ? '.' : cwdDirectory, slashed);
  }
  const normalised = normaliseRelative(relative);
  if (normalised === undefined) return { ok: false, reason: 'it points outside the project root' };
  return { ok: true, path: normalised };
}

function startsWithDirectory(text: string, directory: string): boolean {
  return text === directory || text.startsWith(`${directory}/`);
}

function moduleDirectory(module: ConfigModule): string {
  return posix.join(ROOT, module.dir);
}

function evaluate(node: TSESTree.Node, scope: ConstLookup, module: ConfigModule, evaluation: Evaluation): string | undefined {
  if (--evaluation.budgetLeft < 0) return undefined;
  const expression = unwrapExpression(node);
  switch (expression.type) {
    case AST_NODE_TYPES.Literal:
      return typeof expression.value === 'string' ? expression.value : undefined;
    case AST_NODE_TYPES.TemplateLiteral:
      return expression.quasis
        .map((quasi, index) => {
          const part = expression.expressions[index];
          const partText = part === undefined ? '' : (evaluate(part, scope, module, evaluation) ?? INTERPOLATION_MARK);
          return (quasi.value.cooked ?? quasi.value.raw) + partText;
        })
        .join('');
    case AST_NODE_TYPES.BinaryExpression: {
      if (expression.operator !== '+') return undefined;
      const left = evaluate(expression.left, scope, module, evaluation);
      const right = evaluate(expression.right, scope, module, evaluation);
      if (left === undefined && right === undefined) return undefined;
      return (left ?? INTERPOLATION_MARK) + (right ?? INTERPOLATION_MARK);
    }
    case AST_NODE_TYPES.Identifier:
      return evaluateName(expression.name, scope, module, evaluation);
    case AST_NODE_TYPES.MemberExpression:
      return evaluateMember(expression, scope, module, evaluation);
    case AST_NODE_TYPES.CallExpression:
      return evaluateCall(expression, scope, module, evaluation);
    default:
      return undefined;
  }
}

function evaluateName(name: string, scope: ConstLookup, module: ConfigModule, evaluation: Evaluation): string | undefined {
  const target = resolveName(evaluation.context, module, scope, name);
  if (target.kind === 'value') return evaluate(target.ref.node, target.ref.scope, target.ref.module, evaluation);
  // CommonJS globals, unless the module declares its own (`const __dirname = dirname(...)`, read above).
  if (target.kind === 'unresolved' && name === '__dirname') return moduleDirectory(module);
  if (target.kind === 'unresolved' && name === '__filename') return posix.join(ROOT, module.path);
  return undefined;
}

function evaluateMember(member: TSESTree.MemberExpression, scope: ConstLookup, module: ConfigModule, evaluation: Evaluation): string | undefined {
  if (isImportMeta(member.object) && !member.computed && member.property.type === AST_NODE_TYPES.Identifier) {
    if (member.property.name === 'dirname') return moduleDirectory(module);
    if (member.property.name === 'filename') return posix.join(ROOT, module.path);
    return undefined;
  }
  const resolved = resolveConstExpression(member, scope);
  if (resolved === undefined || resolved.node === member) return undefined;
  return evaluate(resolved.node, resolved.scope, module, evaluation);
}

function isImportMeta(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.MetaProperty && node.meta.name === 'import' && node.property.name === 'meta';
}

function isImportMetaUrl(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.MemberExpression &&
    isImportMeta(node.object) &&
    node.property.type === AST_NODE_TYPES.Identifier &&
    node.property.name === 'url'
  );
}

function evaluateCall(call: TSESTree.CallExpression, scope: ConstLookup, module: ConfigModule, evaluation: Evaluation): string | undefined {
  if (isProcessCwd(call.callee, module)) return CWD;
  const imported = resolveImportedName(call.callee, module.bindings);
  if (imported === undefined) return undefined;
  const args = call.arguments.map((argument) =>
    argument.type === AST_NODE_TYPES.SpreadElement ? INTERPOLATION_MARK : (evaluate(argument, scope, module, evaluation) ?? INTERPOLATION_MARK),
  );
  if (URL_MODULES.has(imported.source) && imported.imported === 'fileURLToPath') return evaluateFileUrl(call, scope, module, evaluation);
  if (!PATH_MODULES.has(imported.source)) return undefined;
  switch (imported.imported) {
    case 'join':
      return args.length === 0 ? '.' : posix.join(...args);
    case 'resolve':
      return resolveSegments(args);
    case 'normalize':
      return args[0] === undefined ? undefined : posix.normalize(args[0]);
    case 'dirname':
      return args[0] === undefined ? undefined : posix.dirname(args[0]);
    default:
      return undefined;
  }
}

/** `path.resolve`: the segments after the last absolute one, on top of the working directory. */
function resolveSegments(segments: readonly string[]): string {
  const lastAbsolute = segments.findLastIndex((segment) => segment.startsWith('/'));
  const tail = segments.slice(Math.max(lastAbsolute, 0));
  return lastAbsolute === -1 ? posix.join(CWD, ...tail) : posix.join(...tail);
}

/** `fileURLToPath(import.meta.url)` and `fileURLToPath(new URL('./x', import.meta.url))`. */
function evaluateFileUrl(call: TSESTree.CallExpression, scope: ConstLookup, module: ConfigModule, evaluation: Evaluation): string | undefined {
  const argument = call.arguments[0];
  if (argument === undefined) return undefined;
  if (isImportMetaUrl(argument)) return posix.join(ROOT, module.path);
  if (argument.type === AST_NODE_TYPES.NewExpression && argument.callee.type === AST_NODE_TYPES.Identifier && argument.callee.name === 'URL') {
    const [relative, base] = argument.arguments;
    if (relative === undefined || base === undefined || !isImportMetaUrl(base)) return undefined;
    const text = evaluate(relative, scope, module, evaluation);
    return text === undefined ? undefined : posix.join(moduleDirectory(module), text);
  }
  return undefined;
}

function isProcessCwd(callee: TSESTree.Node, module: ConfigModule): boolean {
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !callee.computed &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'process' &&
    !module.bindings.has('process') &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    callee.property.name === 'cwd'
  );
}
