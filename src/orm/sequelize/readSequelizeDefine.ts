import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { collectImportBindings, resolveImportedName, type ImportBinding } from '../../ast/importBindings.js';
import { buildModuleConstLookup, unwrapExpression, type ConstLookup } from '../../ast/staticString.js';
import { walkWithFrames } from './scopedWalk.js';
import { SEQUELIZE_PACKAGES, SEQUELIZE_TYPESCRIPT_PACKAGE, readOption, resolveObjectLiteral, staticTruthiness } from './sequelizeOptions.js';

/** The naming defaults of `new Sequelize(..., { define })`; a key is absent when `define` does not set it. */
export interface SequelizeDefineDefaults {
  freezeTableName?: boolean;
  underscored?: boolean;
}

/** What a module says about its Sequelize instance's global `define` options. */
export type SequelizeSetupRead =
  /** The module constructs no Sequelize instance. */
  | { readonly kind: 'none' }
  /** It does, but its options cannot be told statically (never guessed). */
  | { readonly kind: 'unreadable'; readonly reason: string; readonly line: number }
  | { readonly kind: 'defaults'; readonly defaults: SequelizeDefineDefaults; readonly line: number };

const NAMING_KEYS = ['freezeTableName', 'underscored'] as const;

/**
 * `Sequelize` from sequelize (also `require('sequelize')` itself and its default export, which
 * are the class) or from sequelize-typescript, whose subclass passes its options through.
 */
function isSequelizeClass(callee: TSESTree.Expression, bindings: ReadonlyMap<string, ImportBinding>): boolean {
  const binding = resolveImportedName(callee, bindings);
  if (binding === undefined) return false;
  if (binding.source === SEQUELIZE_TYPESCRIPT_PACKAGE) return binding.imported === 'Sequelize';
  if (!SEQUELIZE_PACKAGES.has(binding.source)) return false;
  return binding.imported === 'Sequelize' || (binding.source === 'sequelize' && (binding.imported === '*' || binding.imported === 'default'));
}

/**
 * The options argument of `new Sequelize(...)`: `(options)`, `(uri, options)`,
 * `(database, username, password, options)`. `null` when the call has none.
 */
function optionsArgument(args: readonly TSESTree.CallExpressionArgument[]): TSESTree.Expression | null | undefined {
  if (args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  const candidate = args.length === 1 || args.length === 2 ? args[args.length - 1] : args[3];
  if (candidate === undefined || candidate.type === AST_NODE_TYPES.SpreadElement) return null;
  const value = unwrapExpression(candidate);
  // `new Sequelize(uri)`: a connection string and no options.
  if (args.length === 1 && (value.type === AST_NODE_TYPES.Literal || value.type === AST_NODE_TYPES.TemplateLiteral)) return null;
  return candidate;
}

type DefaultsRead = { readonly ok: true; readonly defaults: SequelizeDefineDefaults } | { readonly ok: false; readonly reason: string };

function readConstruction(node: TSESTree.NewExpression, scope: ConstLookup): DefaultsRead {
  const argument = optionsArgument(node.arguments);
  if (argument === undefined) return { ok: false, reason: 'its arguments are spread' };
  if (argument === null) return { ok: true, defaults: {} };
  const options = resolveObjectLiteral(argument, scope);
  if (options === undefined) return { ok: false, reason: 'its options are not a literal object in this file' };
  const define = readOption(options, 'define');
  if (define.kind === 'absent') return { ok: true, defaults: {} };
  if (define.kind === 'unknown') return { ok: false, reason: define.reason };
  const defineObject = resolveObjectLiteral(define.node, define.scope);
  if (defineObject === undefined) return { ok: false, reason: 'its define option is not a literal object in this file' };
  const defaults: SequelizeDefineDefaults = {};
  for (const key of NAMING_KEYS) {
    const flag = readOption(defineObject, key);
    if (flag.kind === 'absent') continue;
    if (flag.kind === 'unknown') return { ok: false, reason: flag.reason.replace(/^its /u, 'its define ') };
    const value = staticTruthiness(flag.node, flag.scope);
    if (value === undefined) return { ok: false, reason: `its define.${key} is computed at runtime` };
    defaults[key] = value;
  }
  return { ok: true, defaults };
}

function sameDefaults(a: SequelizeDefineDefaults, b: SequelizeDefineDefaults): boolean {
  return NAMING_KEYS.every((key) => a[key] === b[key]);
}

/**
 * Reads the global `define` naming options of the Sequelize instance a module constructs
 * (`new Sequelize(..., { define: { freezeTableName, underscored } })`), statically. Several
 * constructions must agree; anything that cannot be read makes the answer `unreadable`.
 */
export function readSequelizeSetup(program: TSESTree.Program, outer?: ConstLookup): SequelizeSetupRead {
  try {
    const bindings = collectImportBindings(program);
    const packages = new Set([...SEQUELIZE_PACKAGES, SEQUELIZE_TYPESCRIPT_PACKAGE]);
    if (![...bindings.values()].some((binding) => packages.has(binding.source))) return { kind: 'none' };
    const reads: { read: DefaultsRead; line: number }[] = [];
    walkWithFrames(program, buildModuleConstLookup(program, outer), (node, frame) => {
      if (node.type === AST_NODE_TYPES.NewExpression && isSequelizeClass(node.callee, bindings)) {
        reads.push({ read: readConstruction(node, frame.scope()), line: node.loc.start.line });
      }
    });
    const first = reads[0];
    if (first === undefined) return { kind: 'none' };
    for (const { read, line } of reads) {
      if (!read.ok) return { kind: 'unreadable', reason: `new Sequelize(...) at line ${line}: ${read.reason}`, line };
    }
    const defaults = first.read.ok ? first.read.defaults : {};
    const differing = reads.find(({ read }) => read.ok && !sameDefaults(read.defaults, defaults));
    if (differing !== undefined) {
      return { kind: 'unreadable', reason: `new Sequelize(...) at lines ${first.line} and ${differing.line} have different define options`, line: differing.line };
    }
    return { kind: 'defaults', defaults, line: first.line };
  } catch (error) {
    return { kind: 'unreadable', reason: `unexpected syntax: ${error instanceof Error ? error.message : String(error)}`, line: 1 };
  }
}

/**
 * The global `define` naming defaults a module gives its Sequelize instance, or `undefined`
 * when it constructs none or they cannot be read statically.
 */
export function readSequelizeDefineDefaults(program: TSESTree.Program): SequelizeDefineDefaults | undefined {
  const setup = readSequelizeSetup(program);
  return setup.kind === 'defaults' ? setup.defaults : undefined;
}
