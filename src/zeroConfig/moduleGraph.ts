import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { lookupBinding, type ConstLookup } from '../ast/staticString.js';
import type { ConfigModule, InferenceContext } from './inferenceContext.js';
import { isRelativeSpecifier } from './projectPaths.js';

/** An expression to read further, with the scope and module it must be read in. */
export interface ValueRef {
  readonly node: TSESTree.Node;
  readonly scope: ConstLookup;
  readonly module: ConfigModule;
}

/** What a name in a config module stands for. */
export type NameTarget =
  /** A `const` (or exported expression): read its value further. */
  | { readonly kind: 'value'; readonly ref: ValueRef }
  /**
   * A class, function or non-const binding declared in `file`: an entity class's home. `name` is
   * its name there (what the class is called at run time), absent for an anonymous default export.
   */
  | { readonly kind: 'declared'; readonly file: string; readonly name?: string | undefined }
  /** `import * as ns from './x'`: the whole module. */
  | { readonly kind: 'namespace'; readonly file: string }
  | { readonly kind: 'unresolved'; readonly reason: string };

/** `file:line` of a node, for notes. */
export function where(ref: ValueRef): string {
  return `${ref.module.path}:${ref.node.loc.start.line}`;
}

/** The source of an expression, on one line and shortened, for quoting in notes. */
export function snippet(ref: ValueRef): string {
  const [start, end] = ref.node.range;
  const text = ref.module.text.slice(start, end).replace(/\s+/gu, ' ').trim();
  return `\`${text.length > 60 ? `${text.slice(0, 57)}...` : text}\``;
}

/** Re-export chains are short in real code; a cap ends cycles and pathological barrels. */
const MAX_EXPORT_DEPTH = 8;

/** Resolves `name` as seen from `scope` in `module`: local const, local declaration, or import. */
export function resolveName(context: InferenceContext, module: ConfigModule, scope: ConstLookup, name: string, depth = 0): NameTarget {
  const binding = lookupBinding(scope, name);
  if (binding !== undefined) return { kind: 'value', ref: { node: binding.init, scope: binding.scope, module } };
  if (declaresTopLevel(module.program, name)) return { kind: 'declared', file: module.path, name };
  const imported = module.bindings.get(name);
  if (imported === undefined) return { kind: 'unresolved', reason: `'${name}' is not a constant, class or import of ${module.path}` };
  if (!isRelativeSpecifier(imported.source)) {
    return { kind: 'unresolved', reason: `'${name}' is imported from '${imported.source}', which is not a relative path` };
  }
  const file = context.resolveRelativeModule(module.dir, imported.source);
  if (file === undefined) return { kind: 'unresolved', reason: `'${imported.source}' (imported in ${module.path}) was not found` };
  if (imported.imported === '*') return { kind: 'namespace', file };
  return followExport(context, file, imported.imported, depth + 1);
}

/** Where `exportName` of the module at `file` is declared, following re-exports. */
export function followExport(context: InferenceContext, file: string, exportName: string, depth = 0): NameTarget {
  if (depth > MAX_EXPORT_DEPTH) return { kind: 'unresolved', reason: `re-exports of '${exportName}' go deeper than ${MAX_EXPORT_DEPTH} modules` };
  const loaded = context.loadModule(file);
  if (!loaded.ok) return { kind: 'unresolved', reason: `${file} was not read: ${loaded.reason}` };
  const module = loaded.module;
  const starSources: string[] = [];
  for (const statement of module.program.body) {
    const found = exportFromStatement(context, module, statement, exportName, depth, starSources);
    if (found !== undefined) return found;
  }
  for (const source of starSources) {
    const target = context.resolveRelativeModule(module.dir, source);
    if (target === undefined) continue;
    const found = followExport(context, target, exportName, depth + 1);
    if (found.kind !== 'unresolved') return found;
  }
  return { kind: 'unresolved', reason: `${file} does not export '${exportName}' statically` };
}

/**
 * What `Object.values(ns)` holds for `import * as ns from file`: the target of every value the
 * module exports (`export *` re-exports followed, without their `default`, as in ES modules).
 * Type-only exports are left out; what cannot be followed is an `unresolved` target with its reason.
 */
export function namespaceMembers(context: InferenceContext, file: string, depth = 0, includeDefault = true): NameTarget[] {
  if (depth > MAX_EXPORT_DEPTH) return [{ kind: 'unresolved', reason: `re-exports of ${file} go deeper than ${MAX_EXPORT_DEPTH} modules` }];
  const loaded = context.loadModule(file);
  if (!loaded.ok) return [{ kind: 'unresolved', reason: `${file} was not read: ${loaded.reason}` }];
  const module = loaded.module;
  const members: NameTarget[] = [];
  for (const statement of module.program.body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      if (statement.exportKind === 'type') continue;
      const declaration = statement.declaration;
      if (declaration !== null) {
        for (const name of valueNamesOf(declaration)) members.push(exportFromDeclaration(module, declaration, name) ?? { kind: 'declared', file: module.path, name });
        continue;
      }
      for (const specifier of statement.specifiers) {
        if (specifier.exportKind === 'type') continue;
        const exported = specifierName(specifier.exported);
        if (exported === 'default' && !includeDefault) continue;
        members.push(exportFromSpecifiers(context, module, statement, exported, depth) ?? { kind: 'unresolved', reason: `'${exported}' of ${file} was not followed` });
      }
    } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      if (includeDefault) members.push(exportFromDefault(context, module, statement, depth));
    } else if (statement.type === AST_NODE_TYPES.ExportAllDeclaration && statement.exportKind !== 'type') {
      members.push(...reExportedMembers(context, module, statement, depth));
    }
  }
  return members;
}

function reExportedMembers(context: InferenceContext, module: ConfigModule, statement: TSESTree.ExportAllDeclaration, depth: number): NameTarget[] {
  const source = statement.source.value;
  if (!isRelativeSpecifier(source)) return [{ kind: 'unresolved', reason: `${module.path} re-exports everything from '${source}', which is not a relative path` }];
  const target = context.resolveRelativeModule(module.dir, source);
  if (target === undefined) return [{ kind: 'unresolved', reason: `'${source}' (re-exported by ${module.path}) was not found` }];
  // `export * as ns from './x'` is one member, the namespace; `export * from './x'` is x's members but its default.
  return statement.exported === null ? namespaceMembers(context, target, depth + 1, false) : [{ kind: 'namespace', file: target }];
}

/** The value names a declaration binds (types, interfaces and ambient modules bind none). */
function valueNamesOf(declaration: TSESTree.NamedExportDeclarations): string[] {
  switch (declaration.type) {
    case AST_NODE_TYPES.VariableDeclaration:
      return declaration.declarations.flatMap((declarator) => (declarator.id.type === AST_NODE_TYPES.Identifier ? [declarator.id.name] : []));
    case AST_NODE_TYPES.ClassDeclaration:
    case AST_NODE_TYPES.FunctionDeclaration:
    case AST_NODE_TYPES.TSEnumDeclaration:
      return declaration.id === null ? [] : [declaration.id.name];
    default:
      return [];
  }
}

function exportFromStatement(
  context: InferenceContext,
  module: ConfigModule,
  statement: TSESTree.ProgramStatement,
  exportName: string,
  depth: number,
  starSources: string[],
): NameTarget | undefined {
  switch (statement.type) {
    case AST_NODE_TYPES.ExportNamedDeclaration:
      if (statement.exportKind === 'type') return undefined;
      if (statement.declaration !== null) return exportFromDeclaration(module, statement.declaration, exportName);
      return exportFromSpecifiers(context, module, statement, exportName, depth);
    case AST_NODE_TYPES.ExportDefaultDeclaration:
      return exportName === 'default' ? exportFromDefault(context, module, statement, depth) : undefined;
    case AST_NODE_TYPES.ExportAllDeclaration:
      if (statement.exported === null && statement.exportKind !== 'type' && isRelativeSpecifier(statement.source.value)) {
        starSources.push(statement.source.value);
      }
      return undefined;
    default:
      return undefined;
  }
}

function exportFromDeclaration(module: ConfigModule, declaration: TSESTree.NamedExportDeclarations, exportName: string): NameTarget | undefined {
  if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
    for (const declarator of declaration.declarations) {
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.id.name !== exportName) continue;
      if (declaration.kind === 'const' && declarator.init !== null) {
        return { kind: 'value', ref: { node: declarator.init, scope: module.lookup, module } };
      }
      return { kind: 'declared', file: module.path, name: exportName };
    }
    return undefined;
  }
  return 'id' in declaration && declaration.id?.type === AST_NODE_TYPES.Identifier && declaration.id.name === exportName
    ? { kind: 'declared', file: module.path, name: exportName }
    : undefined;
}

function exportFromSpecifiers(
  context: InferenceContext,
  module: ConfigModule,
  statement: TSESTree.ExportNamedDeclaration,
  exportName: string,
  depth: number,
): NameTarget | undefined {
  for (const specifier of statement.specifiers) {
    if (specifierName(specifier.exported) !== exportName || specifier.exportKind === 'type') continue;
    const localName = specifierName(specifier.local);
    if (statement.source === null) return resolveName(context, module, module.lookup, localName, depth);
    if (!isRelativeSpecifier(statement.source.value)) {
      return { kind: 'unresolved', reason: `'${exportName}' is re-exported from '${statement.source.value}', which is not a relative path` };
    }
    const target = context.resolveRelativeModule(module.dir, statement.source.value);
    if (target === undefined) return { kind: 'unresolved', reason: `'${statement.source.value}' (re-exported by ${module.path}) was not found` };
    return followExport(context, target, localName, depth + 1);
  }
  return undefined;
}

function exportFromDefault(context: InferenceContext, module: ConfigModule, statement: TSESTree.ExportDefaultDeclaration, depth: number): NameTarget {
  const declaration = statement.declaration;
  switch (declaration.type) {
    case AST_NODE_TYPES.ClassDeclaration:
    case AST_NODE_TYPES.FunctionDeclaration:
    case AST_NODE_TYPES.ClassExpression:
    case AST_NODE_TYPES.TSDeclareFunction:
      return { kind: 'declared', file: module.path, name: declaration.id?.name };
    case AST_NODE_TYPES.Identifier:
      return resolveName(context, module, module.lookup, declaration.name, depth);
    default:
      return { kind: 'value', ref: { node: declaration, scope: module.lookup, module } };
  }
}

function specifierName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : node.value;
}

/** A class, function or enum declared at the top level (exported or not) under `name`. */
function declaresTopLevel(program: TSESTree.Program, name: string): boolean {
  return program.body.some((statement) => {
    const declaration =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration
        ? statement.declaration
        : statement;
    if (declaration === null) return false;
    switch (declaration.type) {
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.TSEnumDeclaration:
        return declaration.id?.name === name;
      case AST_NODE_TYPES.VariableDeclaration:
        // `let`/`var` (and const without a readable initializer) still declare the name here.
        return declaration.declarations.some((declarator) => declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name);
      default:
        return false;
    }
  });
}

/** The exported config values of a module: `export default X`, `module.exports = X`, `exports.default = X`. */
export function exportedValues(module: ConfigModule): ValueRef[] {
  const values: ValueRef[] = [];
  for (const statement of module.program.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      values.push({ node: statement.declaration, scope: module.lookup, module });
    } else if (statement.type === AST_NODE_TYPES.ExpressionStatement && statement.expression.type === AST_NODE_TYPES.AssignmentExpression) {
      const { left, right, operator } = statement.expression;
      if (operator === '=' && isCommonJsExport(left)) values.push({ node: right, scope: module.lookup, module });
    } else if (statement.type === AST_NODE_TYPES.TSExportAssignment) {
      values.push({ node: statement.expression, scope: module.lookup, module });
    }
  }
  return values;
}

/** `export const name = ...` initializers, for configs exported by name (`export const options = {...}`). */
export function namedExportedConsts(module: ConfigModule): ValueRef[] {
  return module.program.body.flatMap((statement) => {
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration || statement.declaration?.type !== AST_NODE_TYPES.VariableDeclaration) return [];
    if (statement.declaration.kind !== 'const') return [];
    return statement.declaration.declarations.flatMap((declarator) =>
      declarator.init === null ? [] : [{ node: declarator.init, scope: module.lookup, module }],
    );
  });
}

/** `module.exports`, `module.exports.default`, `exports.default`. */
function isCommonJsExport(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || node.property.type !== AST_NODE_TYPES.Identifier) return false;
  const object = node.object;
  const property = node.property.name;
  if (object.type === AST_NODE_TYPES.Identifier) {
    return (object.name === 'module' && property === 'exports') || (object.name === 'exports' && property === 'default');
  }
  return property === 'default' && isCommonJsExport(object);
}
