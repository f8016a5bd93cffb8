import { parse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/utils';

/**
 * Parses a project module the index reads from disk (not the linted file: ESLint parses that).
 * Positions are kept (facts carry lines); comments, tokens and JSDoc are not, since no reader
 * looks at them and they cost a good part of the parse. Throws on a syntax error, like `parse`.
 */
export function parseModule(text: string, options: { jsx: boolean }): TSESTree.Program {
  return parse(text, {
    loc: true,
    range: true,
    jsx: options.jsx,
    comment: false,
    tokens: false,
    jsDocParsingMode: 'none',
    suppressDeprecatedPropertyWarnings: true,
  });
}
