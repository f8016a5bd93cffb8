/** "Never crash, never hang" for every migration reader, reached through readMigrationFile and directly. */
import { parse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/utils';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { createValueLookup } from '../../src/ast/staticValue.js';
import type { MigrationReader } from '../../src/migrations/migrationReader.js';
import { NO_MIGRATION_GLOBALS, readMigrationFile } from '../../src/migrations/readMigrationFile.js';
import { readKnexMigration } from '../../src/migrations/readKnexMigration.js';
import { readMikroOrmMigration } from '../../src/migrations/readMikroOrmMigration.js';
import { readSequelizeMigration } from '../../src/migrations/readSequelizeMigration.js';
import { readTypeormMigration } from '../../src/migrations/readTypeormMigration.js';
import { migrationCorpus } from './support/corpus.js';
import { fuzz, propertyTimeout } from './support/fuzzRunner.js';
import { checkMigrationFacts } from './support/invariants.js';
import { generatedMigration } from './support/scriptArbitraries.js';
import { sqlTokenSoup } from './support/sqlArbitraries.js';
import { fixtureWithMutatedStrings, mutatedFixture, randomText } from './support/textArbitraries.js';

const TARGET = 'readMigrationFile';

/** Configured interpolations, as settings would give them: `${tablePrefix}users` reads. */
const GLOBALS = { globals: createValueLookup((name) => ({ tablePrefix: 'app_', schema: 'billing', env: { TABLE: 'users' } })[name]) };

/** Reads `text` as a script and as SQL (and under `extension` too, when given); labels the .ts outcome. */
function readAll(text: string, extension?: string): string {
  const paths = ['fuzz/0001_migration.sql', ...(extension === undefined ? [] : [`fuzz/migration${extension}`])];
  for (const path of paths) checkMigrationFacts(text, readMigrationFile(path, text));
  checkMigrationFacts(text, readMigrationFile('fuzz/1700000000000-migration.ts', text, GLOBALS));
  return checkMigrationFacts(text, readMigrationFile('fuzz/1700000000000-migration.ts', text));
}

function extensionOf(path: string): string {
  return path.slice(path.lastIndexOf('.'));
}

const READERS: readonly MigrationReader[] = [readTypeormMigration, readMikroOrmMigration, readSequelizeMigration, readKnexMigration];

function tryParse(text: string): TSESTree.Program | undefined {
  try {
    return parse(text, { loc: true, range: true, comment: false, tokens: false });
  } catch {
    return undefined;
  }
}

/** Every reader on the same program: readMigrationFile stops at the first that recognises it. */
function readEach(text: string): string {
  const program = tryParse(text);
  if (program === undefined) return 'unparsable';
  for (const read of READERS) {
    checkMigrationFacts(text, read(program, NO_MIGRATION_GLOBALS));
    checkMigrationFacts(text, read(program, GLOBALS));
  }
  return 'parsed';
}

describe('fuzz: readMigrationFile', () => {
  it('random text', () => fuzz(TARGET, 'random text', fc.oneof(randomText, sqlTokenSoup), (text) => readAll(`export async function up() {}\n${text}`)), propertyTimeout());

  it('mutated fixtures', () => fuzz(TARGET, 'mutated fixtures', mutatedFixture(migrationCorpus()), ({ path, text }) => readAll(text, extensionOf(path)), { weight: 0.5 }), propertyTimeout());

  it('fixture migrations with mutated strings', () =>
    fuzz(TARGET, 'fixtures, mutated strings', fixtureWithMutatedStrings(migrationCorpus()), ({ path, text }) => readAll(text, extensionOf(path)), { weight: 0.3 }), propertyTimeout());

  it('generated migrations: deep nesting, long names, constant and helper chains', () =>
    fuzz(TARGET, 'generated migrations', generatedMigration, ({ text }) => readAll(text), { weight: 0.15 }), propertyTimeout());
});

describe('fuzz: each migration reader on its own', () => {
  it('mutated fixtures', () => fuzz('migration readers', 'mutated fixtures', mutatedFixture(migrationCorpus()), ({ text }) => readEach(text), { weight: 0.5 }), propertyTimeout());

  it('fixture migrations with mutated strings', () =>
    fuzz('migration readers', 'fixtures, mutated strings', fixtureWithMutatedStrings(migrationCorpus()), ({ text }) => readEach(text), { weight: 0.3 }), propertyTimeout());

  it('generated migrations', () => fuzz('migration readers', 'generated migrations', generatedMigration, ({ text }) => readEach(text), { weight: 0.15 }), propertyTimeout());
});
