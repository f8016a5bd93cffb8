import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDrizzleJournal } from '../../src/migrations/drizzleJournal.js';
import { readMigrationFile } from '../../src/migrations/readMigrationFile.js';
import { table } from '../support/parseFixture.js';
import { fixturePath } from '../support/ruleTester.js';

function readFixture(project: string, file: string): ReturnType<typeof readMigrationFile> {
  const filePath = fixturePath(project, file);
  return readMigrationFile(filePath, readFileSync(filePath, 'utf8'));
}

describe('readDrizzleJournal', () => {
  it('reads the tags of the drizzle-basic journal in idx order', () => {
    expect(readDrizzleJournal(readFileSync(fixturePath('drizzle-basic', 'drizzle/meta/_journal.json'), 'utf8'))).toEqual({
      tags: ['0000_init', '0001_sessions_and_cleanup'],
    });
  });

  it('sorts entries by idx, keeping file order for equal idx', () => {
    const text = JSON.stringify({
      version: '7',
      dialect: 'postgresql',
      entries: [
        { idx: 2, version: '7', when: 3, tag: '0002_c', breakpoints: true },
        { idx: 0, version: '7', when: 1, tag: '0000_a', breakpoints: true },
        { idx: 1, version: '7', when: 2, tag: '0001_b', breakpoints: true },
        { idx: 1, version: '7', when: 2, tag: '0001_b_again', breakpoints: true },
      ],
    });
    expect(readDrizzleJournal(text)).toEqual({ tags: ['0000_a', '0001_b', '0001_b_again', '0002_c'] });
  });

  it('reads an empty journal and one with a byte-order mark', () => {
    expect(readDrizzleJournal('{"version":"7","dialect":"sqlite","entries":[]}')).toEqual({ tags: [] });
    expect(readDrizzleJournal('\uFEFF{"entries":[{"idx":0,"tag":"0000_x"}]}')).toEqual({ tags: ['0000_x'] });
  });

  it.each([
    ['text that is not JSON', '{"entries": [', /^is not valid JSON \(.+\)$/u],
    ['JSON that is not an object', '[1, 2]', /^has no "entries" array$/u],
    ['an object without entries', '{"version":"7"}', /^has no "entries" array$/u],
    ['an entry without a tag', '{"entries":[{"idx":0,"tag":"0000_a"},{"idx":1}]}', /^entry 1 has no numeric "idx" and non-empty "tag"$/u],
    ['an entry with a string idx', '{"entries":[{"idx":"0","tag":"0000_a"}]}', /^entry 0 has no numeric "idx" and non-empty "tag"$/u],
    ['an entry that is not an object', '{"entries":[null]}', /^entry 0 has no numeric "idx" and non-empty "tag"$/u],
  ])('describes %s without throwing', (_name, text, error) => {
    const journal = readDrizzleJournal(text);
    expect(journal).toEqual({ error: expect.stringMatching(error) as string });
  });
});

describe('drizzle-kit SQL migrations', () => {
  it('splits statements at --> statement-breakpoint, including one glued after a semicolon', () => {
    const text = [
      'CREATE TABLE IF NOT EXISTS "users" (',
      '\t"id" serial PRIMARY KEY NOT NULL,',
      '\t"email" varchar(255) NOT NULL',
      ');',
      '--> statement-breakpoint',
      'ALTER TABLE "users" ADD COLUMN "name" text;--> statement-breakpoint',
      'CREATE TABLE "billing"."invoices" (',
      '\t"id" serial PRIMARY KEY NOT NULL',
      ')',
      '--> statement-breakpoint',
      'DROP TABLE "legacy" CASCADE;',
    ].join('\n');
    expect(readMigrationFile('drizzle/0000_init.sql', text)).toEqual({
      kind: 'migration',
      events: [
        { kind: 'create-table', table: table('users'), line: 1 },
        { kind: 'create-table', table: table('invoices', 'billing'), line: 7 },
        { kind: 'drop-table', table: table('legacy'), line: 11 },
      ],
      skipped: [],
    });
  });

  it('reads the drizzle-basic migrations, DO blocks and views included', () => {
    expect([readFixture('drizzle-basic', 'drizzle/0000_init.sql'), readFixture('drizzle-basic', 'drizzle/0001_sessions_and_cleanup.sql')]).toEqual([
      {
        kind: 'migration',
        events: [
          { kind: 'create-table', table: table('users'), line: 3 },
          { kind: 'create-table', table: table('posts'), line: 10 },
          { kind: 'create-table', table: table('teams'), line: 17 },
          { kind: 'create-table', table: table('invoices', 'billing'), line: 22 },
          { kind: 'create-table', table: table('legacy_tokens'), line: 28 },
        ],
        skipped: [],
      },
      {
        kind: 'migration',
        events: [
          { kind: 'rename-table', table: table('teams'), to: table('organizations'), line: 1 },
          { kind: 'create-table', table: table('app_sessions'), line: 2 },
          { kind: 'drop-table', table: table('legacy_tokens'), line: 8 },
          { kind: 'create-view', table: table('active_users', undefined, true), line: 11 },
        ],
        skipped: [],
      },
    ]);
  });

  it('treats the journal and snapshots as not migrations', () => {
    expect(readFixture('drizzle-basic', 'drizzle/meta/_journal.json')).toEqual({ kind: 'not-a-migration' });
  });
});

describe('Prisma migrations folders', () => {
  it('reads each migration.sql of the prisma-basic fixture', () => {
    expect([
      readFixture('prisma-basic', 'prisma/migrations/20240101000000_init/migration.sql'),
      readFixture('prisma-basic', 'prisma/migrations/20240201000000_add_posts/migration.sql'),
    ]).toEqual([
      {
        kind: 'migration',
        events: [
          { kind: 'create-table', table: table('User'), line: 2 },
          { kind: 'create-table', table: table('profiles'), line: 12 },
          { kind: 'create-table', table: table('Draft'), line: 21 },
        ],
        skipped: [],
      },
      {
        kind: 'migration',
        events: [
          { kind: 'drop-table', table: table('Draft'), line: 8 },
          { kind: 'create-table', table: table('Post'), line: 11 },
        ],
        skipped: [],
      },
    ]);
  });

  it('treats migration_lock.toml and schema.prisma as not migrations', () => {
    expect([readFixture('prisma-basic', 'prisma/migrations/migration_lock.toml'), readFixture('prisma-basic', 'prisma/schema.prisma')]).toEqual([
      { kind: 'not-a-migration' },
      { kind: 'not-a-migration' },
    ]);
  });
});
