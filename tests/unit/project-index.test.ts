import { readdirSync, readFileSync, realpathSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMigrationFile } from '../../src/migrations/readMigrationFile.js';
import { ScopeIndex } from '../../src/project/projectIndex.js';
import { createTableRef } from '../../src/schema/tableRef.js';
import { toPosixPath } from '../../src/settings/resolveRootDir.js';
import { validateSettings } from '../../src/settings/validateSettings.js';
import { fixturePath } from '../support/ruleTester.js';
import { copyFixtureToTemp } from '../support/tempProject.js';

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

describe('ScopeIndex in a long-lived process: entities whose table name is imported', () => {
  it('reads a model file again when only the module it imports the name from changed', () => {
    const project = copyFixtureToTemp('imported-table-names');
    try {
      const root = toPosixPath(realpathSync(project.root));
      // A copy just made is "racy" (read again anyway): date it back so only the dependency can tell.
      const anHourAgo = new Date(Date.now() - 3_600_000);
      for (const entry of readdirSync(root, { recursive: true })) utimesSync(path.join(root, String(entry)), anHourAgo, anHourAgo);
      const validated = validateSettings({
        rootDir: root,
        models: ['src/models/**/*.ts'],
        migrations: ['src/migrations/*'],
        // Everything explicit: no zero-config inference, whose own reads would refresh the index anyway.
        sequelize: { freezeTableName: false, underscored: false },
        cacheLifetime: 0,
      });
      if (!validated.ok) throw new Error(validated.problem.message);
      const index = new ScopeIndex(root, validated.settings.topLevel, { projectRoot: root, cacheLifetime: 0, debug: false });
      const tableOfUser = (): string | undefined => {
        index.refresh();
        const user = index.entities().find((entity) => entity.name === 'User');
        return user?.tableName.resolved === true ? user.tableName.table.name : undefined;
      };
      expect(tableOfUser()).toBe('app_users');
      writeFileSync(path.join(root, 'src/db/tables.ts'), "export const TABLES = { users: 'members' } as const;\n");
      expect(tableOfUser()).toBe('members');
      // The linted User.ts (unchanged text) gets the index's current answer too.
      const userText = readFileSync(path.join(root, 'src/models/User.ts'), 'utf8');
      expect(index.savedEntities('src/models/User.ts', userText)?.map((entity) => (entity.tableName.resolved ? entity.tableName.table.name : undefined))).toEqual(['members']);
    } finally {
      project.remove();
    }
  });
});

