import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readMigrationFile } from '../../src/migrations/readMigrationFile.js';
import { ScopeIndex } from '../../src/project/projectIndex.js';
import { createTableRef } from '../../src/schema/tableRef.js';
import { toPosixPath } from '../../src/settings/resolveRootDir.js';
import { validateSettings } from '../../src/settings/validateSettings.js';
import { fixturePath } from '../support/ruleTester.js';

const ROOT = toPosixPath(fixturePath('typeorm-basic', ''));
const MIGRATION = 'src/migrations/1700000000000-CreateUsers.ts';

function createIndex(): ScopeIndex {
  const validated = validateSettings({ rootDir: ROOT, models: ['src/models/**/*.ts'], migrations: ['src/migrations/*'], cacheLifetime: 0 });
  if (!validated.ok) throw new Error(validated.problem.message);
  return new ScopeIndex(ROOT, validated.settings.topLevel, { projectRoot: ROOT, cacheLifetime: 0, debug: false });
}

describe('ScopeIndex.migrationsWith (the linted migration replayed with the rest of its set)', () => {
  it('returns the set replay itself when the linted text is the text on disk', () => {
    const index = createIndex();
    const [set] = index.scope().migrationSets;
    if (set === undefined) throw new Error('no migration set');
    const text = readFileSync(`${ROOT}/${MIGRATION}`, 'utf8');
    const facts = readMigrationFile(`${ROOT}/${MIGRATION}`, text);
    expect(index.migrationsWith(set, MIGRATION, facts)).toBe(index.migrations(set));
  });

  it('replays an unsaved edit in place of the file on disk', () => {
    const index = createIndex();
    const [set] = index.scope().migrationSets;
    if (set === undefined) throw new Error('no migration set');
    const edited = readFileSync(`${ROOT}/${MIGRATION}`, 'utf8').replace('CREATE TABLE "invoices"', 'CREATE TABLE "drafts"');
    const snapshot = index.migrationsWith(set, MIGRATION, readMigrationFile(`${ROOT}/${MIGRATION}`, edited));
    expect(snapshot).not.toBe(index.migrations(set));
    expect(snapshot.schema.findTable(createTableRef('drafts'))?.createdAt).toEqual({ file: MIGRATION, line: 9 });
    expect(index.migrations(set).schema.findTable(createTableRef('drafts'))).toBeUndefined();
  });
});

describe('ScopeIndex.savedMigrationFacts (a linted migration whose text is the text on disk)', () => {
  it('hands back the facts the index read, so the linted file is not read again', () => {
    const index = createIndex();
    const [set] = index.scope().migrationSets;
    if (set === undefined) throw new Error('no migration set');
    const text = readFileSync(`${ROOT}/${MIGRATION}`, 'utf8');
    const facts = index.savedMigrationFacts(set, MIGRATION, text);
    expect(facts).toEqual(readMigrationFile(`${ROOT}/${MIGRATION}`, text));
    // The same object the replay was built from: migrationsWith then reuses the replay as is.
    expect(facts === undefined ? undefined : index.migrationsWith(set, MIGRATION, facts)).toBe(index.migrations(set));
  });

  it('answers nothing for an unsaved edit or a file the set does not hold', () => {
    const index = createIndex();
    const [set] = index.scope().migrationSets;
    if (set === undefined) throw new Error('no migration set');
    const edited = `${readFileSync(`${ROOT}/${MIGRATION}`, 'utf8')}\n// unsaved\n`;
    expect(index.savedMigrationFacts(set, MIGRATION, edited)).toBeUndefined();
    expect(index.savedMigrationFacts(set, 'src/migrations/1999-NotThere.ts', 'export {};')).toBeUndefined();
  });
});

describe('ScopeIndex.savedEntities (a linted model file whose text is the text on disk)', () => {
  const MODEL = 'src/models/User.ts';

  it('answers only once the index has read the models during this lint', () => {
    const index = createIndex();
    index.refresh();
    const text = readFileSync(`${ROOT}/${MODEL}`, 'utf8');
    expect(index.savedEntities(MODEL, text)).toBeUndefined();
    const fromIndex = index.entities().filter((entity) => entity.file === MODEL);
    expect(fromIndex.length).toBeGreaterThan(0);
    expect(index.savedEntities(MODEL, text)?.map((entity) => entity.name)).toEqual(fromIndex.map((entity) => entity.name));
  });

  it('answers nothing for an unsaved edit', () => {
    const index = createIndex();
    index.refresh();
    index.entities();
    expect(index.savedEntities(MODEL, `${readFileSync(`${ROOT}/${MODEL}`, 'utf8')}\n// unsaved\n`)).toBeUndefined();
  });
});

