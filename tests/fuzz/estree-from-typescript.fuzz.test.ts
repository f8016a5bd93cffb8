/**
 * The parse fast path (src/ast/estreeFromTypescript.ts) on texts nobody wrote: it either declines
 * or builds exactly typescript-estree's tree (estree-from-typescript.compare.ts), never throws,
 * and never builds a tree for a text typescript-estree rejects. Inserting modifiers, decorators and
 * punctuation between tokens of working code is what finds grammar checks the fast path missed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estreeFromTypescript } from '../../src/ast/estreeFromTypescript.js';
import { parseWithTypescriptEstree } from '../../src/ast/parseModule.js';
import { firstDifference } from '../unit/estree-from-typescript.compare.js';
import { DECLINED_SAMPLES, FAST_PATH_SAMPLES, GENERATED_TEXTS } from '../unit/estree-from-typescript.samples.js';
import { fixtureCorpus } from './support/corpus.js';
import { fuzz, propertyTimeout } from './support/fuzzRunner.js';
import { generatedEntityModule, generatedMigration } from './support/scriptArbitraries.js';
import { mutatedFixture } from './support/textArbitraries.js';

const TARGET = 'estreeFromTypescript';

/** Trees the fast path built (and that matched) in this file's properties: a fast path that always declines fails. */
let built = 0;

/** The invariant: decline, or typescript-estree's tree; anything else throws (fails the property). */
function check(text: string, jsx = false): string {
  let fast: unknown;
  try {
    fast = estreeFromTypescript(text, jsx);
  } catch (error) {
    throw new Error(`the fast path threw: ${String(error)}`, { cause: error });
  }
  if (fast === undefined) return declinedOutcome(text, jsx);
  let expected: unknown;
  try {
    expected = parseWithTypescriptEstree(text, { jsx });
  } catch (error) {
    throw new Error(`the fast path built a tree for a text typescript-estree rejects: ${String(error)}`, { cause: error });
  }
  const difference = firstDifference(fast, expected);
  if (difference !== undefined) throw new Error(`trees differ at ${difference}`);
  built++;
  return 'same tree';
}

/** Whether a decline was forced (typescript-estree rejects the text too) or left syntax to it. */
function declinedOutcome(text: string, jsx: boolean): string {
  try {
    parseWithTypescriptEstree(text, { jsx });
  } catch {
    return 'declined, typescript-estree rejects';
  }
  return 'declined, typescript-estree parses';
}

const scripts = (): readonly { readonly path: string; readonly text: string }[] => fixtureCorpus().filter((file) => !file.path.endsWith('.sql'));

/** Words and punctuation that change what a declaration is, or make typescript-estree object. */
const TOKENS = [
  'export ', 'default ', 'declare ', 'abstract ', 'static ', 'readonly ', 'public ', 'private ', 'protected ', 'override ', 'async ',
  'accessor ', 'const ', 'in ', 'out ', '@Dec() ', '@dec ', '?', '!', '?.', '...', ', ', '= 1', ': number', '<T>', '<T,>', '()', '{}',
  ';', '\n', 'get ', 'set ', 'constructor', '*', 'this', 'new ', 'await ', 'yield ', 'typeof ', 'as const', 'satisfies T', '#p',
  'type ', 'implements I', 'extends B', '`${a}`', '\\u0061', "'constructor'", '[k]', 'import(', 'import.meta', ' = ', '(0, f)',
  'static {} ', '[K in keyof T]', 'infer U ', '10n', 'this: T, ', '= require("x")', '-readonly ', '+?', 'new () => T', '...rest: T[]',
] as const;

interface Insertion {
  readonly at: number;
  readonly token: string;
}

/** Inserts each token at a whitespace or punctuation boundary of the text (chosen by `at`, modulo their count). */
function insertTokens(text: string, insertions: readonly Insertion[]): string {
  let result = text;
  for (const { at, token } of insertions) {
    const boundaries: number[] = [];
    for (let index = 0; index <= result.length; index++) {
      if (index === result.length || /[\s;,(){}[\]:.=<>]/u.test(result.charAt(index))) boundaries.push(index);
    }
    const position = boundaries[at % boundaries.length] ?? 0;
    result = result.slice(0, position) + token + result.slice(position);
  }
  return result;
}

const insertion: fc.Arbitrary<Insertion> = fc.record({ at: fc.nat(), token: fc.constantFrom(...TOKENS) });

const samples = [...FAST_PATH_SAMPLES, ...GENERATED_TEXTS, ...DECLINED_SAMPLES.map((sample) => sample.text)];

/** One to four samples and fixture sources, joined, with tokens inserted between their tokens. */
const combinedSnippets = fc
  .record({
    parts: fc.array(fc.oneof(fc.constantFrom(...samples), fc.constantFrom(...scripts()).map((file) => file.text)), { minLength: 1, maxLength: 4 }),
    separator: fc.constantFrom('\n', ';\n', ' ', ''),
    insertions: fc.array(insertion, { maxLength: 4 }),
  })
  .map(({ parts, separator, insertions }) => insertTokens(parts.join(separator), insertions));

describe('fuzz: estreeFromTypescript', () => {
  it('samples and fixtures, combined, with modifiers and punctuation inserted', () => {
    const before = built;
    fuzz(TARGET, 'combined snippets with insertions', combinedSnippets, (text) => check(text));
    expect(built).toBeGreaterThan(before);
  }, propertyTimeout());

  it('fixtures with tokens inserted (as TSX too)', () =>
    fuzz(
      TARGET,
      'fixtures with insertions',
      fc.tuple(fc.constantFrom(...scripts()), fc.array(insertion, { minLength: 1, maxLength: 3 }), fc.boolean()),
      ([file, insertions, jsx]) => check(insertTokens(file.text, insertions), jsx),
    ), propertyTimeout());

  it('generated scripts build trees on the fast path', () => {
    const before = built;
    fuzz(TARGET, 'generated scripts (fast)', fc.oneof(generatedEntityModule, generatedMigration), ({ text }) => check(text), { weight: 0.1 });
    expect(built).toBeGreaterThan(before);
  }, propertyTimeout());

  it('mutated fixtures (truncation, deletion, duplication, deep nesting)', () =>
    fuzz(TARGET, 'mutated fixtures', mutatedFixture(scripts()), ({ text }) => check(text), { weight: 0.5 }), propertyTimeout());

  it('generated entity modules and migrations', () =>
    fuzz(TARGET, 'generated scripts', fc.oneof(generatedEntityModule, generatedMigration), ({ text }) => check(text), { weight: 0.5 }), propertyTimeout());
});
