import rule from '../../rules/entity-has-migration.js';
import { RuleTester, fixtureFile, fixturePath, fixtureSettings } from '../support/ruleTester.js';

// With type information, a table name typed as a string literal is known even though its value is
// computed at runtime (`tableName('users')` returns the literal type 'users').
const PROJECT = 'typed-names';
const typedRuleTester = new RuleTester({
  languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: fixturePath(PROJECT, '') } },
});
const untypedRuleTester = new RuleTester();
const settings = fixtureSettings(PROJECT, { migrations: ['src/migrations/*.sql'] });

/** typescript-eslint's RuleTester joins `filename` onto `tsconfigRootDir`: typed cases name files relatively. */
function typedFixtureFile(relativePath: string): { filename: string; code: string } {
  return { ...fixtureFile(PROJECT, relativePath), filename: relativePath };
}

typedRuleTester.run('entity-has-migration (typed names)', rule, {
  valid: [{ name: 'a name known from its string-literal type', ...typedFixtureFile('src/models/User.ts'), settings }],
  invalid: [
    {
      name: 'a typed name whose table no migration creates',
      ...typedFixtureFile('src/models/Invoice.ts'),
      settings,
      errors: [
        {
          messageId: 'tableNeverCreated',
          data: {
            entity: 'Invoice',
            relation: 'maps to table',
            table: 'invoices',
            migrations: 'read 1 migration file matching src/migrations/*.sql',
            nearMiss: '',
            blindSpots: '',
          },
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 30,
        },
      ],
    },
  ],
});

untypedRuleTester.run('entity-has-migration (typed names, no type information)', rule, {
  valid: [{ name: 'without type information the name is unknown and skipped, never guessed', ...fixtureFile(PROJECT, 'src/models/Invoice.ts'), settings }],
  invalid: [
    {
      name: 'without type information reportUnresolved says why',
      ...fixtureFile(PROJECT, 'src/models/Invoice.ts'),
      settings,
      options: [{ ignoreTables: [], reportUnresolved: true }],
      errors: [
        {
          messageId: 'unresolvedTableName',
          data: { entity: 'Invoice', reason: 'its table name is computed at runtime' },
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 21,
        },
      ],
    },
  ],
});
