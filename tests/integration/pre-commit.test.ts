import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { copyFixtureToTemp } from '../support/tempProject.js';

/**
 * The plain-git pre-commit hook of docs/pre-commit.md, installed in a throwaway repository and run by
 * real `git commit`s, linting with the real ESLint CLI and the built plugin (`npm run build` first).
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUILT_PLUGIN = path.join(ROOT, 'dist/src/index.js');
const ESLINT_JS = path.join(path.dirname(createRequire(import.meta.url).resolve('eslint/package.json')), 'bin/eslint.js');
const DOC = path.join(ROOT, 'docs/pre-commit.md');
/** How the documented hook finds ESLint; the test points it at this repository's ESLint instead. */
const DOC_ESLINT_COMMAND = 'npx --no-install eslint';
const TEST_ESLINT_COMMAND = 'node "$ORM_GUARD_TEST_ESLINT_JS"';

const ENTITY_HAS_MIGRATION_MESSAGE = "Entity 'Invoice' maps to table 'invoices', but no migration creates it";
const NO_DROP_MAPPED_TABLE_MESSAGE = "This migration drops table 'users', which entity 'User' (src/models/User.ts:4) still maps";

const INVOICE_ENTITY = `import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './User.js';

@Entity('invoices')
export class Invoice {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('numeric', { precision: 12, scale: 2 })
  total!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  customer!: User;
}
`;

const CREATE_INVOICES_MIGRATION = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInvoices1716249600000 implements MigrationInterface {
  name = 'CreateInvoices1716249600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      \`CREATE TABLE "invoices" ("id" SERIAL NOT NULL, "total" numeric(12,2) NOT NULL, "customerId" integer, CONSTRAINT "PK_invoices_id" PRIMARY KEY ("id"))\`,
    );
    await queryRunner.query(
      \`ALTER TABLE "invoices" ADD CONSTRAINT "FK_invoices_customer" FOREIGN KEY ("customerId") REFERENCES "users"("id") ON DELETE CASCADE\`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`DROP TABLE "invoices"\`);
  }
}
`;

const DROP_USERS_MIGRATION = `import type { MigrationInterface, QueryRunner } from 'typeorm';

// Written on a branch where accounts moved to another service; on this branch User is still an entity.
export class DropUsers1719446400000 implements MigrationInterface {
  name = 'DropUsers1719446400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`DROP TABLE "users"\`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`CREATE TABLE "users" ("id" SERIAL NOT NULL, CONSTRAINT "PK_users_id" PRIMARY KEY ("id"))\`);
  }
}
`;

/** The project's flat config, importing the built plugin the way a user imports the package. */
function eslintConfigSource(): string {
  return `import ormGuard from '${pathToFileURL(BUILT_PLUGIN).href}';

export default [
  ormGuard.configs.recommended,
  {
    settings: {
      'orm-guard': {
        rootDir: import.meta.dirname,
        models: ['src/models/**/*.ts'],
        migrations: ['src/migrations/*.ts'],
      },
    },
  },
];
`;
}

/** The documented hook: the one `sh` block of docs/pre-commit.md that starts with a shebang. */
function documentedHook(): string {
  const blocks = [...readFileSync(DOC, 'utf8').matchAll(/```sh\n(#!\/bin\/sh\n[\s\S]*?)```/gu)].map((match) => match[1] ?? '');
  expect(blocks).toHaveLength(1);
  const hook = blocks[0] ?? '';
  expect(hook.split(DOC_ESLINT_COMMAND)).toHaveLength(2);
  return hook;
}

/** The environment of a developer's shell: no CI, no single-run override, no outside git state. */
function developerEnvironment(): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // GIT_* (GIT_DIR, GIT_INDEX_FILE…) would be set if these tests themselves ran inside a git hook.
    if (key.startsWith('GIT_') || ['CI', 'ORM_GUARD_SINGLE_RUN', 'TSESTREE_SINGLE_RUN', 'DEBUG', 'FORCE_COLOR'].includes(key)) continue;
    environment[key] = value;
  }
  return {
    ...environment,
    // The user's own git configuration (hooksPath, signing, templates) stays out of the test.
    GIT_CONFIG_GLOBAL: os.devNull,
    GIT_CONFIG_NOSYSTEM: '1',
    NO_COLOR: '1',
    ORM_GUARD_TEST_ESLINT_JS: ESLINT_JS,
  };
}

interface Run {
  status: number | null;
  output: string;
}

function run(cwd: string, command: string, args: readonly string[]): Run {
  const result = spawnSync(command, args, { cwd, env: developerEnvironment(), encoding: 'utf8' });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function git(cwd: string, ...args: string[]): Run {
  return run(cwd, 'git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args]);
}

/** `git` that must succeed (set-up steps). */
function gitOk(cwd: string, ...args: string[]): string {
  const result = git(cwd, ...args);
  expect(result.status, result.output).toBe(0);
  return result.output;
}

function commitCount(cwd: string): number {
  return Number(gitOk(cwd, 'rev-list', '--count', 'HEAD').trim());
}

function write(root: string, file: string, text: string): void {
  writeFileSync(path.join(root, file), text);
}

describe.skipIf(process.platform === 'win32')('the plain git pre-commit hook from docs/pre-commit.md', () => {
  let root = '';
  let remove: (() => void) | undefined;
  const extraDirs: string[] = [];

  beforeAll(() => {
    if (!existsSync(BUILT_PLUGIN)) throw new Error(`${BUILT_PLUGIN} is missing: run \`npm run build\` first.`);
  });

  beforeEach(() => {
    ({ root, remove } = copyFixtureToTemp('precommit-typeorm'));
    write(root, 'eslint.config.mjs', eslintConfigSource());
    gitOk(root, '-c', 'init.defaultBranch=main', 'init', '-q');
    gitOk(root, 'add', '-A');
    gitOk(root, 'commit', '-q', '--no-verify', '-m', 'Users');
    const hookPath = path.join(root, '.git/hooks/pre-commit');
    writeFileSync(hookPath, documentedHook().replace(DOC_ESLINT_COMMAND, TEST_ESLINT_COMMAND));
    chmodSync(hookPath, 0o755);
  });

  afterEach(() => {
    remove?.();
    remove = undefined;
    for (const dir of extraDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** What CI runs on the commit: a fresh clone (no untracked or unstaged files), fully linted. */
  function lintCommittedTree(): Run {
    const clone = mkdtempSync(path.join(os.tmpdir(), 'orm-guard-precommit-ci-'));
    extraDirs.push(clone);
    gitOk(os.tmpdir(), 'clone', '-q', root, clone);
    return run(clone, process.execPath, [ESLINT_JS, '.']);
  }

  it('fails a commit that adds an entity whose table no migration creates', () => {
    write(root, 'src/models/Invoice.ts', INVOICE_ENTITY);
    gitOk(root, 'add', 'src/models/Invoice.ts');

    const commit = git(root, 'commit', '-m', 'Invoices');

    expect(commit.status).toBe(1);
    expect(commit.output).toContain(ENTITY_HAS_MIGRATION_MESSAGE);
    expect(commit.output).toContain('orm-guard/entity-has-migration');
    expect(commitCount(root)).toBe(1);
  });

  it('passes a commit that adds the entity together with its migration', () => {
    write(root, 'src/models/Invoice.ts', INVOICE_ENTITY);
    write(root, 'src/migrations/1716249600000-CreateInvoices.ts', CREATE_INVOICES_MIGRATION);
    gitOk(root, 'add', 'src/models/Invoice.ts', 'src/migrations/1716249600000-CreateInvoices.ts');

    const commit = git(root, 'commit', '-m', 'Invoices');

    expect(commit.status, commit.output).toBe(0);
    expect(commit.output).not.toContain('orm-guard/');
    expect(commitCount(root)).toBe(2);
    expect(lintCommittedTree().status).toBe(0);
  });

  it('fails a commit of only a migration that drops a table a committed entity maps', () => {
    write(root, 'src/migrations/1719446400000-DropUsers.ts', DROP_USERS_MIGRATION);
    gitOk(root, 'add', 'src/migrations/1719446400000-DropUsers.ts');

    const commit = git(root, 'commit', '-m', 'Drop users');

    expect(commit.status).toBe(1);
    expect(commit.output).toContain(NO_DROP_MAPPED_TABLE_MESSAGE);
    expect(commit.output).toContain('orm-guard/no-drop-mapped-table');
    expect(commitCount(root)).toBe(1);
  });

  it('passes a commit with no JS/TS file without running ESLint (which, given no file, would lint the whole project)', () => {
    // Untracked and failing: a whole-project lint would report it and fail the commit.
    write(root, 'src/models/Invoice.ts', INVOICE_ENTITY);
    write(root, 'README.md', `${readFileSync(path.join(root, 'README.md'), 'utf8')}\nRun \`npm run migration:run\` before starting the service.\n`);
    gitOk(root, 'add', 'README.md');

    const commit = git(root, 'commit', '-m', 'Docs');

    expect(commit.status, commit.output).toBe(0);
    expect(commit.output).not.toContain('orm-guard/');
    expect(commitCount(root)).toBe(2);
  });

  it('lints a staged file whose name has spaces', () => {
    write(root, 'src/models/Invoice Line.ts', INVOICE_ENTITY.replace("'invoices'", "'invoice_lines'").replace('class Invoice ', 'class InvoiceLine '));
    gitOk(root, 'add', 'src/models/Invoice Line.ts');

    const commit = git(root, 'commit', '-m', 'Invoice lines');

    expect(commit.status).toBe(1);
    expect(commit.output).toContain(`${path.join(root, 'src/models/Invoice Line.ts')}\n`);
    expect(commit.output).toContain("Entity 'InvoiceLine' maps to table 'invoice_lines', but no migration creates it");
    expect(commitCount(root)).toBe(1);
  });

  describe('blind spots documented in docs/pre-commit.md, caught by the full lint of the commit', () => {
    it('reads the working tree: an untracked migration lets the entity pass, and the commit lacks it', () => {
      write(root, 'src/models/Invoice.ts', INVOICE_ENTITY);
      write(root, 'src/migrations/1716249600000-CreateInvoices.ts', CREATE_INVOICES_MIGRATION);
      gitOk(root, 'add', 'src/models/Invoice.ts');

      const commit = git(root, 'commit', '-m', 'Invoices, migration forgotten');

      expect(commit.status, commit.output).toBe(0);
      const ci = lintCommittedTree();
      expect(ci.status).toBe(1);
      expect(ci.output).toContain(ENTITY_HAS_MIGRATION_MESSAGE);
    });

    it('lints nothing when a commit only deletes a migration', () => {
      unlinkSync(path.join(root, 'src/migrations/1714579200000-CreateUsers.ts'));
      gitOk(root, 'add', '-A');

      const commit = git(root, 'commit', '-m', 'Remove a migration');

      expect(commit.status, commit.output).toBe(0);
      const ci = lintCommittedTree();
      expect(ci.status).toBe(1);
      // It was the only migration: the configured glob now matches nothing, which is reported as such.
      expect(ci.output).toContain("Settings warning: settings['orm-guard'].migrations glob 'src/migrations/*.ts' matches no file");
    });
  });
});
