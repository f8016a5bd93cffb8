import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import plugin, { clearCaches } from '../../../src/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const BUILT_PLUGIN = pathToFileURL(path.join(ROOT, 'dist/src/index.js')).href;
const ESLINT_BIN = path.join(path.dirname(createRequire(import.meta.url).resolve('eslint/package.json')), 'bin/eslint.js');

export interface TempProject {
  readonly root: string;
  /** Absolute path of a root-relative file. */
  file(relativePath: string): string;
  remove(): void;
}

/** A throwaway project in the OS temp directory, written from a map of root-relative paths. */
export function writeTempProject(files: Record<string, string | Buffer>): TempProject {
  const root = mkdtempSync(path.join(os.tmpdir(), 'orm-guard-adversarial-'));
  for (const [relativePath, content] of Object.entries(files)) {
    const absolute = path.join(root, relativePath);
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, content);
  }
  return {
    root,
    file: (relativePath) => path.join(root, relativePath),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** The settings every adversarial project uses: TypeORM entities in src/models, migrations in src/migrations. */
export function projectSettings(root: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { rootDir: root, orm: 'typeorm', models: ['src/models/**/*.ts'], migrations: ['src/migrations/**/*.{ts,sql}'], cacheLifetime: 0, ...overrides };
}

export interface Finding {
  readonly file: string;
  readonly line: number;
  readonly rule: string;
  readonly message: string;
}

/**
 * Lints files of a temp project with the plugin's strict config through the ESLint API (in process).
 * `keepCaches` lints as a long-lived process does, on the project index of the previous lint.
 */
export async function lintProject(
  project: TempProject,
  files: readonly string[],
  overrides: Record<string, unknown> = {},
  { keepCaches = false } = {},
): Promise<Finding[]> {
  return lintWithSettings(project, files, projectSettings(project.root, overrides), { keepCaches });
}

/** Lints files of a temp project with the plugin's strict config and exactly these `orm-guard` settings. */
export async function lintWithSettings(
  project: TempProject,
  files: readonly string[],
  settings: Record<string, unknown>,
  { keepCaches = false } = {},
): Promise<Finding[]> {
  if (!keepCaches) clearCaches();
  const eslint = new ESLint({
    cwd: project.root,
    overrideConfigFile: true,
    overrideConfig: [plugin.configs.strict, { settings: { 'orm-guard': settings } }],
  });
  const results = await eslint.lintFiles([...files]);
  return results.flatMap((result) =>
    result.messages.map((message) => ({
      file: path.relative(project.root, result.filePath).replaceAll('\\', '/'),
      line: message.line,
      rule: message.ruleId ?? 'fatal',
      message: message.message,
    })),
  );
}

/** An unprivileged user, for reads that file permissions must stop even when the tests run as root. */
const NOBODY = 65534;
const ENFORCE_FILE_MODES = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'enforceFileModes.mjs')).href;
let nobodyCanRun: boolean | undefined;

/**
 * Whether `nobody` can load ESLint and the built plugin: not when the checkout sits in a private
 * directory (`/root/...`). Root then runs the CLI itself, with file modes enforced by a preload.
 */
function nobodyCanRunTheCli(): boolean {
  if (process.env.ORM_GUARD_TEST_NO_NOBODY === 'true') return false;
  nobodyCanRun ??=
    spawnSync(process.execPath, ['-e', `const fs = require('node:fs'); for (const file of process.argv.slice(1)) fs.readFileSync(file);`, ESLINT_BIN, fileURLToPath(BUILT_PLUGIN)], {
      uid: NOBODY,
      gid: NOBODY,
      stdio: 'ignore',
    }).status === 0;
  return nobodyCanRun;
}

/**
 * Lints files of a temp project with the built plugin through the real ESLint CLI, in a child
 * process. Under root the child runs as `nobody`, because root reads files whatever their mode.
 */
export function lintProjectWithCli(project: TempProject, files: readonly string[]): { status: number | null; findings: Finding[]; stderr: string } {
  writeFileSync(
    project.file('eslint.config.mjs'),
    [
      `import ormGuard from ${JSON.stringify(BUILT_PLUGIN)};`,
      `export default [ormGuard.configs.strict, { settings: { 'orm-guard': ${JSON.stringify(projectSettings(project.root))} } }];`,
      '',
    ].join('\n'),
  );
  const asRoot = process.getuid?.() === 0;
  const asNobody = asRoot && nobodyCanRunTheCli();
  // mkdtemp makes the root private to its owner; the unprivileged child must be able to enter it.
  if (asNobody) chmodSync(project.root, 0o755);
  const preload = asRoot && !asNobody ? ['--import', ENFORCE_FILE_MODES] : [];
  const run = spawnSync(process.execPath, [...preload, ESLINT_BIN, '--format', 'json', ...files], {
    cwd: project.root,
    encoding: 'utf8',
    ...(asNobody ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  const results = run.stdout === '' ? [] : (JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string | null; line: number; message: string }[] }[]);
  const findings = results.flatMap((result) =>
    result.messages.map((message) => ({
      file: path.relative(project.root, result.filePath).replaceAll('\\', '/'),
      line: message.line,
      rule: message.ruleId ?? 'fatal',
      message: message.message,
    })),
  );
  return { status: run.status, findings, stderr: run.stderr };
}

/** A TypeORM entity mapped to `table`. */
export function typeormEntity(className: string, table: string): string {
  return [`import { Entity, PrimaryGeneratedColumn } from 'typeorm';`, '', `@Entity('${table}')`, `export class ${className} {`, '  @PrimaryGeneratedColumn()', '  id!: number;', '}', ''].join('\n');
}

/** A TypeORM migration whose `up` runs each SQL statement (given as the JS source of its argument). */
export function typeormMigration(className: string, statements: readonly string[], extraUp = ''): string {
  return [
    `import type { MigrationInterface, QueryRunner } from 'typeorm';`,
    '',
    `export class ${className} implements MigrationInterface {`,
    '  public async up(queryRunner: QueryRunner): Promise<void> {',
    ...statements.map((statement) => `    await queryRunner.query(${statement});`),
    ...(extraUp === '' ? [] : [extraUp]),
    '  }',
    '',
    '  public async down(queryRunner: QueryRunner): Promise<void> {}',
    '}',
    '',
  ].join('\n');
}
