import { parse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/utils';
import { estreeFromTypescript } from './estreeFromTypescript.js';

/**
 * Parses a project module the index reads from disk (not the linted file: ESLint parses that).
 * Positions are kept (facts carry lines); comments, tokens and JSDoc are not, since no reader
 * looks at them and they cost a good part of the parse. Throws on a syntax error, like `parse`.
 *
 * Most model and migration files take a fast path that builds the same tree straight from
 * TypeScript's (see estreeFromTypescript.ts); whatever it declines, including every file with a
 * syntax error, is parsed by typescript-estree as before.
 */
export function parseModule(text: string, options: { jsx: boolean }): TSESTree.Program {
  let fast: TSESTree.Program | undefined;
  try {
    fast = estreeFromTypescript(text, options.jsx);
  } catch {
    // The fast path's tests require it to decline, never throw; should it throw anyway, the file is
    // parsed as before: a fault there may cost speed, never a result.
    fast = undefined;
  }
  return fast ?? parseWithTypescriptEstree(text, options);
}

/** typescript-estree's parse with the options the fast path reproduces. */
export function parseWithTypescriptEstree(text: string, options: { jsx: boolean }): TSESTree.Program {
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
