/**
 * The parse fast path (src/ast/estreeFromTypescript.ts) against typescript-estree's `parse`: for
 * every source under tests/fixtures and examples, the benchmark generator's shapes, and a tour of
 * syntax, the fast path either declines or builds the same tree (as defined in
 * estree-from-typescript.compare.ts). It must also take the fast path for most of those files, so
 * a converter that always declines fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { estreeFromTypescript } from '../../src/ast/estreeFromTypescript.js';
import { parseModule, parseWithTypescriptEstree } from '../../src/ast/parseModule.js';
import { firstDifference } from './estree-from-typescript.compare.js';
import { DECLINED_SAMPLES, FAST_PATH_SAMPLES, GENERATED_TEXTS } from './estree-from-typescript.samples.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = /\.(?:[cm]?[jt]s|[jt]sx)$/u;

function listScripts(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listScripts(full));
    else if (entry.isFile() && SCRIPT.test(entry.name)) files.push(full);
  }
  return files.sort();
}

type Outcome = { kind: 'fast' } | { kind: 'declined' } | { kind: 'mismatch'; detail: string };

/** Runs both parsers on `text`; a fast-path tree must equal typescript-estree's (which must not throw). */
function compare(text: string, jsx: boolean): Outcome {
  const fast = estreeFromTypescript(text, jsx);
  if (fast === undefined) return { kind: 'declined' };
  let expected: unknown;
  try {
    expected = parseWithTypescriptEstree(text, { jsx });
  } catch (error) {
    return { kind: 'mismatch', detail: `fast path built a tree, typescript-estree threw: ${String(error)}` };
  }
  const difference = firstDifference(fast, expected);
  return difference === undefined ? { kind: 'fast' } : { kind: 'mismatch', detail: difference };
}

/** Measured: 362 of 365 fixture and example sources (99%); the other 3 have syntax errors. */
const MIN_FIXTURE_FAST_SHARE = 0.95;

describe('estreeFromTypescript', () => {
  it('builds typescript-estree\'s tree for fixture and example sources, or declines', () => {
    const files = [...listScripts(join(ROOT, 'tests/fixtures')), ...listScripts(join(ROOT, 'examples'))];
    expect(files.length).toBeGreaterThan(300);
    const mismatches: string[] = [];
    let fast = 0;
    for (const file of files) {
      const outcome = compare(readFileSync(file, 'utf8'), /x$/u.test(file));
      if (outcome.kind === 'fast') fast++;
      else if (outcome.kind === 'mismatch') mismatches.push(`${relative(ROOT, file)}: ${outcome.detail}`);
    }
    expect(mismatches).toEqual([]);
    expect(fast / files.length).toBeGreaterThanOrEqual(MIN_FIXTURE_FAST_SHARE);
  });

  it('takes the fast path for the benchmark generator\'s models, migrations and schemas', () => {
    for (const text of GENERATED_TEXTS) expect(compare(text, false)).toEqual({ kind: 'fast' });
  });

  it.each(FAST_PATH_SAMPLES.map((text) => [text.split('\n')[0], text]))('takes the fast path with the same tree: %s', (_name, text) => {
    expect(compare(text, false)).toEqual({ kind: 'fast' });
    expect(compare(text, true)).not.toMatchObject({ kind: 'mismatch' });
  });

  it.each(DECLINED_SAMPLES.map((sample) => [sample.text.split('\n')[0], sample]))('declines %s', (_name, sample) => {
    expect(estreeFromTypescript(sample.text, false)).toBeUndefined();
    if (sample.grammarError) expect(() => parseWithTypescriptEstree(sample.text, { jsx: false })).toThrow();
  });

  it('keeps typescript-estree\'s error for a syntax error', () => {
    const text = 'export class A {\n  m( {\n}\n';
    let expected: unknown;
    try {
      parseWithTypescriptEstree(text, { jsx: false });
    } catch (error) {
      expected = error;
    }
    expect(expected).toBeInstanceOf(Error);
    expect(() => parseModule(text, { jsx: false })).toThrow((expected as Error).message);
  });

  it('reads JSX files through typescript-estree', () => {
    const text = 'export const view = <div className="a">{value}</div>;';
    expect(estreeFromTypescript(text, true)).toBeUndefined();
    expect(parseModule(text, { jsx: true }).body).toHaveLength(1);
  });

  it('leaves deep nesting to typescript-estree', () => {
    const text = `const x = ${'['.repeat(2_000)}${']'.repeat(2_000)};`;
    expect(estreeFromTypescript(text, false)).toBeUndefined();
  });
});

describe('firstDifference (what "the same tree" means)', () => {
  const tree = (): Record<string, unknown> => parseWithTypescriptEstree("import { a } from 'a';\nconst b = a?.c;", { jsx: false }) as unknown as Record<string, unknown>;

  it('finds no difference between two parses of one text', () => {
    expect(firstDifference(tree(), tree())).toBeUndefined();
  });

  it('sees a changed value, a missing undefined-valued key, key order, and a missing non-enumerable getter', () => {
    const changed = tree();
    ((changed.range as number[]))[1] = 0;
    expect(firstDifference(changed, tree())).toMatch(/^\$\.range\.1/u);

    const withoutKey = tree();
    delete withoutKey.comments;
    expect(firstDifference(withoutKey, tree())).toMatch(/keys/u);

    const reordered = tree();
    const { type, ...rest } = reordered;
    expect(firstDifference({ ...rest, type }, tree())).toMatch(/keys/u);

    const withoutGetter = tree();
    const importDeclaration = (withoutGetter.body as Record<string, unknown>[])[0] as Record<string, unknown>;
    delete importDeclaration.assertions;
    expect(firstDifference(withoutGetter, tree())).toMatch(/keys/u);
  });
});
