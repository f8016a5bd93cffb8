import { afterEach, describe, expect, it } from 'vitest';
import { lintProject, typeormEntity, typeormMigration, writeTempProject, type Finding, type TempProject } from './support/adversarialProject.js';

// One migration that does not parse must cost only that file: every other migration is still
// replayed (those before it and after it, in every format), and the message that could be wrong
// because of it names the file and where it breaks. (tests/rules/entity-has-migration.test.ts
// covers the single-file case on the typeorm-unreadable fixture.)

const KNEX_TEAMS = "exports.up = (knex) => knex.schema.createTable('teams', (table) => table.increments('id'));\n";

function summary(findings: readonly Finding[]): string[] {
  return findings.map(({ file, line, rule }) => `${file}:${line} ${rule}`);
}

describe('a syntax error in one migration, end to end through the rules', () => {
  let project: TempProject | undefined;
  afterEach(() => project?.remove());

  it('reads every other migration, before and after it and of every format, and names the broken file and position', async () => {
    project = writeTempProject({
      'src/migrations/0001_users.sql': 'CREATE TABLE users (id int);\n',
      'src/migrations/1700000000000-Broken.ts': typeormMigration('Broken1700000000000', ['`CREATE TABLE "invoices" (id int)`']).replace(
        'await queryRunner.query(`CREATE TABLE "invoices" (id int)`);',
        'await queryRunner.query(`CREATE TABLE "invoices" (id int)`;',
      ),
      'src/migrations/1700000000100-Teams.js': KNEX_TEAMS,
      'src/migrations/1700000000200-Rooms.ts': typeormMigration('Rooms1700000000200', ['`CREATE TABLE "rooms" (id int)`']),
      'src/models/User.ts': typeormEntity('User', 'users'),
      'src/models/Team.ts': typeormEntity('Team', 'teams'),
      'src/models/Room.ts': typeormEntity('Room', 'rooms'),
      'src/models/Invoice.ts': typeormEntity('Invoice', 'invoices'),
    });
    const findings = await lintProject(project, ['src/models'], { migrations: ['src/migrations/*.{ts,js,sql}'] });
    expect(summary(findings)).toEqual(['src/models/Invoice.ts:3 orm-guard/entity-has-migration']);
    expect(findings[0]?.message).toBe(
      "Entity 'Invoice' maps to table 'invoices', but no migration creates it (read 3 migration files matching src/migrations/*.{ts,js,sql})." +
        " src/migrations/1700000000000-Broken.ts could not be parsed (line 5:63: ')' expected.); tables created there are not counted." +
        " Generate a migration that creates 'invoices', or add it to this rule's ignoreTables option if something other than migrations creates it.",
    );
  });

  it('counts several broken files, naming the first', async () => {
    project = writeTempProject({
      'src/migrations/0001_users.sql': 'CREATE TABLE users (id int);\n',
      'src/migrations/0002_conflict.ts': '<<<<<<< HEAD\nexport async function up() {}\n=======\n>>>>>>> branch\n',
      'src/migrations/0003_half_typed.ts': 'export async function up(knex) {\n  await knex.schema.createTable(',
      'src/migrations/0004_not_js.js': 'exports.up = (knex) => { return knex.schema.createTable("x") ]]] };\n',
      'src/models/User.ts': typeormEntity('User', 'users'),
      'src/models/Invoice.ts': typeormEntity('Invoice', 'invoices'),
    });
    const findings = await lintProject(project, ['src/models'], { migrations: ['src/migrations/*.{ts,js,sql}'] });
    expect(summary(findings)).toEqual(['src/models/Invoice.ts:3 orm-guard/entity-has-migration']);
    expect(findings[0]?.message).toContain(
      '(read 1 migration file matching src/migrations/*.{ts,js,sql}). src/migrations/0002_conflict.ts could not be parsed (line 1:1: Merge conflict marker encountered.) (and 2 more unreadable files); tables created there are not counted.',
    );
  });

  it('keeps reading the rest of a .sql file past statements that are not valid SQL', async () => {
    project = writeTempProject({
      'src/migrations/0001_mixed.sql': [
        'CREATE TABLE users (id int;',
        "CREAT TABLE typo (id int); SELECT 'unclosed;",
        "';",
        'CREATE TABLE ((( ;',
        'CREATE TABLE teams (id int);',
        '',
      ].join('\n'),
      'src/models/User.ts': typeormEntity('User', 'users'),
      'src/models/Team.ts': typeormEntity('Team', 'teams'),
      'src/models/Typo.ts': typeormEntity('Typo', 'typo'),
    });
    const findings = await lintProject(project, ['src/models']);
    expect(summary(findings)).toEqual(['src/models/Typo.ts:3 orm-guard/entity-has-migration']);
    expect(findings[0]?.message).toContain('1 migration statement was not read because table name is missing (first at src/migrations/0001_mixed.sql:4).');
  });

  it('reports a syntax error in the linted migration as ESLint does, and keeps linting the other files', async () => {
    project = writeTempProject({
      'src/migrations/0001_users.sql': 'CREATE TABLE users (id int);\n',
      'src/migrations/1700000000000-Broken.ts': 'export class Broken1700000000000 {\n  async up(queryRunner) {\n    await queryRunner.query(`DROP TABLE users`\n',
      'src/models/User.ts': typeormEntity('User', 'users'),
    });
    const findings = await lintProject(project, ['src/models', 'src/migrations']);
    expect(summary(findings)).toEqual(['src/migrations/1700000000000-Broken.ts:4 fatal']);
    expect(findings[0]?.message).toMatch(/^Parsing error: /u);
  });
});
