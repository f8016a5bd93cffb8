/** "Never crash, never hang" for entity detection over every ORM's detector. */
import { parse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/utils';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { createValueLookup } from '../../src/ast/staticValue.js';
import { DEFAULT_DETECTION_INPUTS, detectEntities, type DetectionInputs } from '../../src/entities/detectEntities.js';
import { entityCorpus } from './support/corpus.js';
import { fuzz, propertyTimeout } from './support/fuzzRunner.js';
import { checkEntities } from './support/invariants.js';
import { generatedEntityModule } from './support/scriptArbitraries.js';
import { fixtureWithMutatedStrings, mutatedFixture, randomText } from './support/textArbitraries.js';

const TARGET = 'detectEntities';

/** Settings that change detection: markers, naming defaults, configured interpolations. */
const CONFIGURED_INPUTS: DetectionInputs = {
  markers: [
    { package: '@acme/db', name: 'AuditedEntity', kind: 'entity', orm: 'typeorm' },
    { package: '@acme/db', name: 'Model', kind: 'entity', orm: 'mikro-orm' },
    { package: 'sequelize-typescript', name: 'Table', kind: 'entity', orm: 'typeorm' },
  ],
  naming: { sequelize: { freezeTableName: true, underscored: true }, typeorm: { entityPrefix: 'app_' } },
  outerLookup: createValueLookup((name) => ({ TABLE_PREFIX: 'app_', process: { env: { TABLE: 'users' } } })[name]),
  typeText: () => undefined,
};

function tryParse(text: string, jsx: boolean): TSESTree.Program | undefined {
  try {
    return parse(text, { loc: true, range: true, jsx });
  } catch {
    return undefined;
  }
}

function detect(text: string, jsx = false): string {
  const program = tryParse(text, jsx);
  if (program === undefined) return 'unparsable';
  const outcome = checkEntities(text, detectEntities(program, DEFAULT_DETECTION_INPUTS));
  // A second AST: detection caches per program, and the configured run must not reuse the first.
  const again = tryParse(text, jsx);
  if (again !== undefined) checkEntities(text, detectEntities(again, CONFIGURED_INPUTS));
  return outcome;
}

describe('fuzz: detectEntities', () => {
  it('random text after an ORM import', () =>
    fuzz(TARGET, 'random text', randomText, (text) => detect(`import { Entity } from 'typeorm';\n${text}`)), propertyTimeout());

  it('mutated fixtures', () => fuzz(TARGET, 'mutated fixtures', mutatedFixture(entityCorpus()), ({ path, text }) => detect(text, path.endsWith('x')), { weight: 0.5 }), propertyTimeout());

  it('fixture entities with mutated strings', () =>
    fuzz(TARGET, 'fixtures, mutated strings', fixtureWithMutatedStrings(entityCorpus()), ({ path, text }) => detect(text, path.endsWith('x')), { weight: 0.3 }), propertyTimeout());

  it('generated entity modules: deep nesting, long names, constant chains', () =>
    fuzz(TARGET, 'generated entity modules', fc.oneof(generatedEntityModule), ({ text }) => detect(text), { weight: 0.3 }), propertyTimeout());
});
