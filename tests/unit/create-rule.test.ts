import type { TSESLint } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { createRule } from '../../src/createRule.js';

type Options = [{ allow: string[]; strict: boolean }];

function recordingRule(): { rule: ReturnType<typeof createRule<Options, 'x'>>; seen: Readonly<Options>[] } {
  const seen: Readonly<Options>[] = [];
  const rule = createRule<Options, 'x'>({
    name: 'recording',
    meta: {
      type: 'problem',
      docs: { description: 'records its options' },
      messages: { x: 'x' },
      schema: [],
      defaultOptions: [{ allow: [], strict: false }],
    },
    create(_context, options) {
      seen.push(options);
      return {};
    },
  });
  return { rule, seen };
}

const contextWith = (options: unknown[]): TSESLint.RuleContext<'x', Options> => ({ options }) as unknown as TSESLint.RuleContext<'x', Options>;

describe('createRule', () => {
  it('merges options with the defaults as RuleCreator does, once per distinct options value', () => {
    const { rule, seen } = recordingRule();
    rule.create(contextWith([{ allow: ['a'] }]));
    rule.create(contextWith([{ allow: ['a'] }]));
    rule.create(contextWith([]));
    rule.create(contextWith([{ strict: true }]));
    expect(seen[0]).toEqual([{ allow: ['a'], strict: false }]);
    // A new options array per linted file (as ESLint passes them), the same merged object.
    expect(seen[1]).toBe(seen[0]);
    expect(seen[2]).toEqual([{ allow: [], strict: false }]);
    expect(seen[3]).toEqual([{ allow: [], strict: true }]);
  });

  it('serves the same array (a rule configured as a plain severity) from its first merge', () => {
    const { rule, seen } = recordingRule();
    const options = [{ allow: ['b'] }];
    rule.create(contextWith(options));
    rule.create(contextWith(options));
    expect(seen[1]).toBe(seen[0]);
    expect(seen[0]).toEqual([{ allow: ['b'], strict: false }]);
  });

  it('keeps the docs URL RuleCreator adds', () => {
    expect(recordingRule().rule.meta.docs?.url).toMatch(/\/docs\/rules\/recording\.md$/u);
  });
});
