import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, symlinkSync, unlinkSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readMigrationFile } from '../../src/migrations/readMigrationFile.js';
import { DirectoryListingCache, FileFactsCache, readTextFile } from '../../src/project/fileStateCache.js';
import { createGlobMatcher } from '../../src/project/globMatcher.js';
import { listProjectFiles } from '../../src/project/listProjectFiles.js';
import { lintProject, lintProjectWithCli, typeormEntity, typeormMigration, writeTempProject, type Finding, type TempProject } from './support/adversarialProject.js';

// What the migrations and models trees may hold besides good files. Symlinks, modes and deletions
// are made here, in a temp copy, since git cannot hold them reliably.

const USERS_SQL = 'CREATE TABLE users (id int);\n';

/** The usual two-entity project: `users` created by a good migration, `teams` by the one under test. */
function project(extra: Record<string, string | Buffer>): TempProject {
  return writeTempProject({
    'src/migrations/0001_users.sql': USERS_SQL,
    'src/models/User.ts': typeormEntity('User', 'users'),
    'src/models/Team.ts': typeormEntity('Team', 'teams'),
    ...extra,
  });
}

function summary(findings: readonly Finding[]): string[] {
  return findings.map(({ file, line, rule }) => `${file}:${line} ${rule}`);
}

describe('the migrations and models trees, end to end through the rules', () => {
  let temp: TempProject | undefined;
  afterEach(() => {
    if (temp !== undefined) chmodRecursivelyWritable(temp.root);
    temp?.remove();
    temp = undefined;
  });

  it('names an unreadable migration in the message, and still reads the others and the readable entities', () => {
    temp = project({
      'src/migrations/0002_teams.sql': 'CREATE TABLE teams (id int);\n',
      'src/models/Secret.ts': typeormEntity('Secret', 'secrets'),
    });
    chmodSync(temp.file('src/migrations/0002_teams.sql'), 0o000);
    chmodSync(temp.file('src/models/Secret.ts'), 0o000);
    // Through the CLI, as an unprivileged user when the tests run as root (root reads mode 000 files).
    const { status, findings, stderr } = lintProjectWithCli(temp, ['src/models/User.ts', 'src/models/Team.ts']);
    expect(stderr).toBe('');
    expect(status).toBe(1);
    expect(summary(findings)).toEqual(['src/models/Team.ts:3 orm-guard/entity-has-migration']);
    expect(findings[0]?.message).toContain(
      '(read 1 migration file matching src/migrations/**/*.{ts,sql}). src/migrations/0002_teams.sql cannot be read (EACCES); tables created there are not counted.',
    );
  });

  it('names a migrations directory that cannot be listed, and still reads the others', () => {
    temp = project({ 'src/migrations/archive/0002_teams.sql': 'CREATE TABLE teams (id int);\n' });
    chmodSync(temp.file('src/migrations/archive'), 0o000);
    const { findings, stderr } = lintProjectWithCli(temp, ['src/models/User.ts', 'src/models/Team.ts']);
    expect(stderr).toBe('');
    expect(summary(findings)).toEqual(['src/models/Team.ts:3 orm-guard/entity-has-migration']);
    expect(findings[0]?.message).toContain(
      '(read 1 migration file matching src/migrations/**/*.{ts,sql}). src/migrations/archive/ cannot be listed (EACCES); tables created there are not counted.',
    );
  });

  it('forgets a migration deleted after its directory was listed, in a long-lived process', async () => {
    temp = project({ 'src/migrations/0002_teams.sql': 'CREATE TABLE teams (id int);\n' });
    const migrations = temp.file('src/migrations');
    // A directory stamped in the past is not "racy", so its listing is trusted while its mtime holds.
    const past = new Date(Date.now() - 60_000);
    utimesSync(migrations, past, past);
    expect(await lintProject(temp, ['src/models'])).toEqual([]);
    unlinkSync(temp.file('src/migrations/0002_teams.sql'));
    utimesSync(migrations, past, past);
    // The cached listing still names the deleted file: reading it finds it gone.
    const findings = await lintProject(temp, ['src/models'], {}, { keepCaches: true });
    expect(summary(findings)).toEqual(['src/models/Team.ts:3 orm-guard/entity-has-migration']);
    expect(findings[0]?.message).toContain('(read 1 migration file matching src/migrations/**/*.{ts,sql}). Generate');
  });

  it('ignores directories and named pipes named like migrations and entities', async () => {
    temp = project({
      'src/migrations/0002_teams.sql/README.md': 'a directory, not a migration\n',
      'src/migrations/1700000000000-Teams.ts/notes.md': 'CREATE TABLE teams (id int);\n',
      'src/models/Ghost.ts/notes.md': typeormEntity('Ghost', 'ghosts'),
    });
    // Reading a named pipe would block until something writes to it: it must not even be opened.
    const mkfifo = spawnSync('mkfifo', [temp.file('src/migrations/0003_pipe.sql')]);
    expect(mkfifo.status).toBe(0);
    const findings = await lintProject(temp, ['src/models/User.ts', 'src/models/Team.ts']);
    expect(summary(findings)).toEqual(['src/models/Team.ts:3 orm-guard/entity-has-migration']);
    expect(findings[0]?.message).toContain('(read 1 migration file matching src/migrations/**/*.{ts,sql}). Generate');
  });

  it('follows symlinks once: loops, self-links and broken links neither hang, throw nor count a migration twice', async () => {
    temp = project({ 'src/migrations/nested/0002_teams.sql': 'CREATE TABLE teams (id int);\n' });
    symlinkSync(temp.file('src/migrations'), temp.file('src/migrations/nested/back-to-top'));
    symlinkSync(temp.file('src/migrations/nested/loop'), temp.file('src/migrations/nested/loop'));
    symlinkSync(temp.file('src/migrations/missing.sql'), temp.file('src/migrations/0003_broken.sql'));
    symlinkSync(temp.file('src/models'), temp.file('src/models/again'));
    const findings = await lintProject(temp, ['src/models/User.ts', 'src/models/Team.ts']);
    expect(findings).toEqual([]);
    expect(listedMigrations(temp.root)).toEqual(['src/migrations/0001_users.sql', 'src/migrations/nested/0002_teams.sql']);
  });

  it('names a binary file among the migrations instead of reading garbage, and skips binary files no glob matches', async () => {
    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, ...Buffer.from('CREATE TABLE teams (id int);')]);
    temp = project({ 'src/migrations/0002_teams.sql': binary, 'src/migrations/diagram.png': binary, 'src/models/logo.ts': binary });
    const findings = await lintProject(temp, ['src/models/User.ts', 'src/models/Team.ts']);
    expect(summary(findings)).toEqual(['src/models/Team.ts:3 orm-guard/entity-has-migration']);
    expect(findings[0]?.message).toContain('src/migrations/0002_teams.sql is a binary file, not text; tables created there are not counted.');
  });

  it('reads files whose names hold glob syntax, spaces, non-ASCII letters, backslashes or line breaks', async () => {
    const names = ['0001_[draft] {x} *.sql', '0002 space (copy).sql', '0003_ünïcødé.sql', '0004_new\nline.sql', '!(neg)/0005.sql', '0006_back\\slash.sql'];
    const tables = names.map((_name, index) => `odd_${index}`);
    temp = writeTempProject({
      ...Object.fromEntries(names.map((name, index) => [`src/migrations/${name}`, `CREATE TABLE ${tables[index]} (id int);\n`])),
      ...Object.fromEntries(tables.map((table, index) => [`src/models/Odd${index}.ts`, typeormEntity(`Odd${index}`, table)])),
      'src/models/Ghost.ts': typeormEntity('Ghost', 'ghosts'),
    });
    const findings = await lintProject(temp, ['src/models']);
    expect(summary(findings)).toEqual(['src/models/Ghost.ts:3 orm-guard/entity-has-migration']);
    expect(findings[0]?.message).toContain(`(read ${names.length} migration files matching`);
  });

  it('reads migrations and entities with byte-order marks and CRLF line ends, lines counted right', async () => {
    const crlf = (text: string): string => text.replaceAll('\n', '\r\n');
    const utf16le = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const utf16be = (text: string): Buffer => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    const bom = '\uFEFF';
    temp = writeTempProject({
      'src/migrations/0001_users.sql': `${bom}${crlf('-- users\nCREATE TABLE users (id int);\n')}`,
      'src/migrations/0002_teams.sql': utf16le(crlf('CREATE TABLE teams (id int);\n')),
      'src/migrations/0003_rooms.sql': utf16be('CREATE TABLE rooms (id int);\n'),
      'src/migrations/1700000000000-Desks.ts': `${bom}${crlf(typeormMigration('Desks1700000000000', ['`CREATE TABLE "desks" (id int)`']))}`,
      'src/migrations/0004_unnamed.sql': crlf('\n\n\nCREATE TABLE ;\n'),
      // Classic Mac line ends: a lone CR ends a line too.
      'src/migrations/0005_unnamed.sql': 'CREATE TABLE desks_cr (id int);\r\rDROP TABLE ;\r',
      'src/models/User.ts': `${bom}${crlf(typeormEntity('User', 'users'))}`,
      'src/models/Team.ts': crlf(typeormEntity('Team', 'teams')),
      'src/models/Room.ts': typeormEntity('Room', 'rooms'),
      'src/models/Desk.ts': crlf(typeormEntity('Desk', 'desks')),
      'src/models/Ghost.ts': `${bom}${crlf(typeormEntity('Ghost', 'ghosts'))}`,
    });
    const findings = await lintProject(temp, ['src/models']);
    expect(summary(findings)).toEqual(['src/models/Ghost.ts:3 orm-guard/entity-has-migration']);
    expect(findings[0]?.message).toContain('read 6 migration files');
    // The statement with no table name is on line 4 of its CRLF file.
    expect(findings[0]?.message).toContain('2 migration statements were not read because table name is missing (first at src/migrations/0004_unnamed.sql:4).');
  });
});

describe('line ends in .sql migrations', () => {
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['lone CR', '\r'],
  ])('%s: statements are placed on the lines editors show', (_name, end) => {
    const text = ['-- header', 'CREATE TABLE a (id int);', '', 'DROP TABLE ;', 'CREATE TABLE b (id int);', ''].join(end);
    const facts = readMigrationFile('/project/m/0001.sql', text);
    expect(facts.kind === 'migration' ? [...facts.events.map((event) => `${event.table.name}:${event.line}`), ...facts.skipped.map((skip) => `skipped:${skip.line}`)] : facts).toEqual([
      'a:2',
      'b:5',
      'skipped:4',
    ]);
  });
});

describe('FileFactsCache between stat and read', () => {
  let temp: TempProject | undefined;
  afterEach(() => temp?.remove());

  /** Facts are the text's length; the read hook runs a disk change just before the real read. */
  function cacheWithHook(beforeRead: (absolutePath: string) => void): FileFactsCache<string> {
    return new FileFactsCache<string>(
      (_path, text) => `read ${text.length} characters`,
      (reason) => `unreadable: ${reason}`,
      (absolutePath) => {
        beforeRead(absolutePath);
        return readTextFile(absolutePath);
      },
    );
  }

  it('treats a file deleted after its stat as gone, not as an error', () => {
    temp = writeTempProject({ 'm/0001.sql': USERS_SQL });
    const cache = cacheWithHook((absolutePath) => unlinkSync(absolutePath));
    expect(cache.get(temp.file('m/0001.sql'))).toBeUndefined();
  });

  it('treats a file replaced by a directory after its stat as gone', () => {
    temp = writeTempProject({ 'm/0001.sql': USERS_SQL });
    const cache = cacheWithHook((absolutePath) => {
      unlinkSync(absolutePath);
      mkdirSync(absolutePath);
    });
    expect(cache.get(temp.file('m/0001.sql'))).toBeUndefined();
  });

  it('turns a reader that throws (a stack overflow included) into an unreadable file, never an exception', () => {
    temp = writeTempProject({ 'm/0001.sql': USERS_SQL, 'm/0002.sql': USERS_SQL });
    const overflow = (depth: number): number => overflow(depth + 1) + 1;
    const cache = new FileFactsCache<string>(
      (absolutePath) => {
        if (absolutePath.endsWith('0001.sql')) return String(overflow(0));
        throw new TypeError('reader bug');
      },
      (reason) => `unreadable: ${reason}`,
    );
    expect(cache.get(temp.file('m/0001.sql'))).toBe('unreadable: could not be read (it is nested too deeply to read)');
    expect(cache.get(temp.file('m/0002.sql'))).toBe('unreadable: could not be read (reader bug)');
  });

  it('skips a directory named like a migration', () => {
    temp = writeTempProject({ 'm/0001.sql': USERS_SQL });
    mkdirSync(temp.file('m/0002.sql'));
    const cache = cacheWithHook(() => undefined);
    expect(cache.get(temp.file('m/0002.sql'))).toBeUndefined();
    expect(cache.get(temp.file('m/0001.sql'))).toBe(`read ${USERS_SQL.length} characters`);
  });
});

function listedMigrations(root: string): string[] {
  const globs = ['src/migrations/**/*.sql'];
  return listProjectFiles({ rootDir: root, globs, include: createGlobMatcher(globs), ignore: createGlobMatcher([]), listings: new DirectoryListingCache() }).sort();
}

/** Undo mode-000 files and directories so the temp project can be removed. */
function chmodRecursivelyWritable(root: string): void {
  for (const [file, mode] of [
    ['src/migrations/0002_teams.sql', 0o644],
    ['src/models/Secret.ts', 0o644],
    ['src/migrations/archive', 0o755],
  ] as const) {
    if (existsSync(path.join(root, file))) chmodSync(path.join(root, file), mode);
  }
}
