/**
 * Rule options are validated by ESLint against each rule's meta.schema. Through the real ESLint API:
 * a wrong type and an unknown option are refused. ESLint's message names the rule and, for an unknown
 * option, the option and the expected ones; for a wrong type it prints the value and the expected type
 * (`Value "users" should be array.`) but not the option's name, which no schema can change.
 */
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';

type RuleName = keyof typeof plugin.rules;

/** Each rule, one of its options with a wrong type, and a misspelling of it. */
const cases: [RuleName, Record<string, unknown>, string][] = [
  ['entity-has-migration', { ignoreTables: 'users', reportUnresolved: 'yes' }, 'ignoreTable'],
  ['entity-location', { allow: 'test/**' }, 'allowed'],
  ['entity-registered', { ignore: 'User' }, 'ignored'],
  ['no-drop-mapped-table', { ignoreTables: 'users' }, 'ignoreTable'],
  ['no-orphan-table', { allowTables: 'users' }, 'allowTable'],
  ['unique-table-name', { allow: 'users' }, 'allowed'],
];

/** The error ESLint throws for a configuration, or undefined when it accepts it. */
function configurationError(rule: RuleName, options: unknown): string | undefined {
  const linter = new Linter({ configType: 'flat' });
  try {
    linter.verify('export {};\n', [{ plugins: { 'orm-guard': plugin as never }, rules: { [`orm-guard/${rule}`]: ['error', options] } }], 'file.js');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe.each(cases)('%s options', (rule, wrongTypes, misspelled) => {
  it('declares a closed object schema (no unknown options)', () => {
    const [schema] = plugin.rules[rule].meta.schema as [{ type: string; additionalProperties: boolean }];
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
  });

  for (const [option, value] of Object.entries(wrongTypes)) {
    it(`refuses ${option} of the wrong type, naming the rule, the value and the expected type`, () => {
      const expected = option === 'reportUnresolved' ? 'boolean' : 'array';
      expect(configurationError(rule, { [option]: value })).toBe(`Key "rules": Key "orm-guard/${rule}":\n\tValue ${JSON.stringify(value)} should be ${expected}.\n`);
    });
  }

  it(`refuses the unknown option ${misspelled}, naming it`, () => {
    const expected = Object.keys(wrongTypes)
      .map((option) => `"${option}"`)
      .join(', ');
    const message = configurationError(rule, { [misspelled]: [] });
    expect(message).toMatch(new RegExp(`^Key "rules": Key "orm-guard/${rule}":\\n\\tValue \\{.*\\} should NOT have additional properties\\.\\n`, 'u'));
    expect(message).toContain(`\n\t\tUnexpected property "${misspelled}". Expected properties: ${expected}.\n`);
  });

  it('accepts its documented options', () => {
    expect(configurationError(rule, Object.fromEntries(Object.entries(wrongTypes).map(([option, value]) => [option, typeof value === 'string' && option !== 'reportUnresolved' ? [value] : true])))).toBeUndefined();
  });
});
