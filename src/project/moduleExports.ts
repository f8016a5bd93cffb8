import { parseModule } from '../ast/parseModule.js';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { buildModuleConstLookup } from '../ast/staticString.js';
import { readStaticValue, type StaticValue } from '../ast/staticValue.js';

/** A module's statically known exports: values, plus re-exports to follow into other modules. */
export interface ModuleExports {
  readonly values: ReadonlyMap<string, StaticValue>;
  /** `export { a as b } from './x'` (imported 'a', exported 'b'); `export * from './x'` has both '*'. */
  readonly reExports: readonly { readonly source: string; readonly imported: string; readonly exported: string }[];
}

const EMPTY: ModuleExports = { values: new Map(), reExports: [] };

function exportedName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : node.value;
}

/** `enum Tables { Users = 'users' }` reads as an object of its string members. */
function enumValue(declaration: TSESTree.TSEnumDeclaration): StaticValue {
  const object: Record<string, StaticValue> = {};
  for (const member of declaration.body.members) {
    const key = member.id.type === AST_NODE_TYPES.Identifier ? member.id.name : member.id.type === AST_NODE_TYPES.Literal ? String(member.id.value) : undefined;
    if (key !== undefined && member.initializer?.type === AST_NODE_TYPES.Literal && typeof member.initializer.value === 'string') {
      object[key] = member.initializer.value;
    }
  }
  return object;
}

/**
 * Reads exported `const`s (strings, objects of strings), string enums and re-exports of a module,
 * without running it. Only what table names need: everything else is left out.
 */
export function readModuleExports(text: string): ModuleExports {
  // Cheap prefilter: no export, nothing to read.
  if (!text.includes('export')) return EMPTY;
  let program: TSESTree.Program;
  try {
    program = parseModule(text, { jsx: false });
  } catch {
    return EMPTY;
  }
  const lookup = buildModuleConstLookup(program);
  const localValue = new Map<string, () => StaticValue | undefined>();
  for (const statement of program.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type === AST_NODE_TYPES.VariableDeclaration && declaration.kind === 'const') {
      for (const declarator of declaration.declarations) {
        const init = declarator.init;
        if (declarator.id.type === AST_NODE_TYPES.Identifier && init !== null) localValue.set(declarator.id.name, () => readStaticValue(init, lookup));
      }
    } else if (declaration?.type === AST_NODE_TYPES.TSEnumDeclaration) {
      localValue.set(declaration.id.name, () => enumValue(declaration));
    }
  }

  const values = new Map<string, StaticValue>();
  const reExports: { source: string; imported: string; exported: string }[] = [];
  const exportLocal = (local: string, exported: string): void => {
    const value = localValue.get(local)?.();
    if (value !== undefined) values.set(exported, value);
  };
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      const declaration = statement.declaration;
      if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of declaration.declarations) if (declarator.id.type === AST_NODE_TYPES.Identifier) exportLocal(declarator.id.name, declarator.id.name);
      } else if (declaration?.type === AST_NODE_TYPES.TSEnumDeclaration) {
        exportLocal(declaration.id.name, declaration.id.name);
      }
      for (const specifier of statement.specifiers) {
        const local = exportedName(specifier.local);
        const exported = exportedName(specifier.exported);
        if (statement.source === null) exportLocal(local, exported);
        else reExports.push({ source: statement.source.value, imported: local, exported });
      }
    } else if (statement.type === AST_NODE_TYPES.ExportAllDeclaration) {
      const exported = statement.exported === null ? '*' : exportedName(statement.exported);
      reExports.push({ source: statement.source.value, imported: '*', exported });
    } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      const declaration = statement.declaration;
      if (declaration.type === AST_NODE_TYPES.Identifier) exportLocal(declaration.name, 'default');
      else {
        // Classes and functions simply have no static value.
        const value = readStaticValue(declaration, lookup);
        if (value !== undefined) values.set('default', value);
      }
    }
  }
  return { values, reExports };
}
