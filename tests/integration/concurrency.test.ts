/**
 * ESLint's `--concurrency` lints files in worker threads, and each worker builds its own project index
 * (migrations replayed, entities and registrations read) from disk. The findings must not depend on
 * how the files were spread: the real CLI, serial and multithreaded, must print the same results.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixtureToTemp } from '../support/tempProject.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const INCIDENT = path.join(ROOT, 'examples/incident');
const ESLINT_PACKAGE = path.dirname(createRequire(import.meta.url).resolve('eslint/package.json'));
const ESLINT_BIN = path.join(ESLINT_PACKAGE, 'bin/eslint.js');

/** Catalog entities generated into the large project (enough files for several workers), 4 per migration. */
const CATALOG_SIZE = 48;
const CATALOG_BATCHES = CATALOG_SIZE / 4;
/** Catalog items no migration creates. */
const NEVER_CREATED = [7, 17, 27, 37, 47];
/** The catalog item a later migration drops. */
const DROPPED_ITEM = 5;
const REPORT_RUNS = 4;

interface CliMessage {
  ruleId: string | null;
  line: number;
  column: number;
  message: string;
}

interface CliRun {
  status: number | null;
  /** Every linted file, relative to the project. */
  files: string[];
  /** `file:line:column ruleId message`, sorted. */
  findings: string[];
  /** Worker threads ESLint started (from its debug output); 0 when it linted in the main thread. */
  workers: number;
}

function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** The real CLI with `--format json`; ESLint's own debug output tells how many workers it started. */
function runCli(cwd: string, extraArgs: readonly string[]): CliRun {
  const run = spawnSync(process.execPath, [ESLINT_BIN, '--format', 'json', ...extraArgs, '.'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, DEBUG: 'eslint:eslint' },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  let results: { filePath: string; messages: CliMessage[] }[];
  try {
    results = JSON.parse(run.stdout) as typeof results;
  } catch {
    throw new Error(`eslint ${extraArgs.join(' ')} did not print JSON results (exit ${String(run.status)}):\n${run.stderr}\n${run.stdout}`);
  }
  const findings = results
    .flatMap((result) =>
      result.messages.map(
        (message) => `${relative(cwd, result.filePath)}:${message.line}:${message.column} ${message.ruleId ?? 'fatal'} ${message.message}`,
      ),
    )
    .sort();
  const workers = Number(/Linting using (\d+) worker thread/u.exec(run.stderr)?.[1] ?? 0);
  return { status: run.status, files: results.map((result) => relative(cwd, result.filePath)).sort(), findings, workers };
}

const runs = new Map<string, CliRun>();

/** Each CLI run once: the comparisons and the content checks share them. */
function cachedRun(cwd: string, concurrency: string): CliRun {
  const key = `${cwd}\0${concurrency}`;
  let run = runs.get(key);
  if (run === undefined) {
    run = runCli(cwd, ['--concurrency', concurrency]);
    runs.set(key, run);
  }
  return run;
}

function writeProjectFile(root: string, relativePath: string, text: string): void {
  const file = path.join(root, relativePath);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function pad(index: number): string {
  return String(index).padStart(2, '0');
}

function catalogEntity(index: number): string {
  return `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('catalog_item_${pad(index)}')
export class CatalogItem${pad(index)} {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  label!: string;
}
`;
}

function migration(className: string, statements: readonly string[]): string {
  const up = statements.map((sql) => `    await queryRunner.query(\`${sql}\`);`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
${up}
  }

  public async down(): Promise<void> {}
}
`;
}

/**
 * typeorm-basic plus generated files (80+ to lint) with findings of every rule, several of them
 * cross-file: missing and dropped tables, an orphan table per odd batch, a duplicate table name,
 * entities outside the models directory that the data source does not register either.
 */
function createLargeProject(): { root: string; remove: () => void } {
  const project = copyFixtureToTemp('typeorm-basic');
  const { root } = project;
  const plugin = pathToFileURL(path.join(ROOT, 'dist/src/index.js')).href;
  writeProjectFile(
    root,
    'eslint.config.mjs',
    `import ormGuard from '${plugin}';

export default [
  ormGuard.configs.strict,
  {
    settings: {
      'orm-guard': {
        rootDir: import.meta.dirname,
        orm: 'typeorm',
        models: ['src/models/**/*.ts'],
        migrations: ['src/migrations/*.{ts,sql}'],
      },
    },
  },
];
`,
  );
  for (let index = 1; index <= CATALOG_SIZE; index++) writeProjectFile(root, `src/models/catalog/CatalogItem${pad(index)}.ts`, catalogEntity(index));
  writeProjectFile(root, 'src/models/catalog/CatalogItemAlias.ts', catalogEntity(12).replace('class CatalogItem12', 'class CatalogItemAlias'));
  for (let batch = 1; batch <= CATALOG_BATCHES; batch++) {
    const items = [1, 2, 3, 4].map((offset) => (batch - 1) * 4 + offset).filter((index) => !NEVER_CREATED.includes(index));
    const statements = items.map((index) => `CREATE TABLE "catalog_item_${pad(index)}" ("id" SERIAL PRIMARY KEY, "label" varchar NOT NULL)`);
    if (batch % 2 === 1) statements.push(`CREATE TABLE "catalog_archive_${pad(batch)}" ("id" SERIAL PRIMARY KEY)`);
    writeProjectFile(root, `src/migrations/17100000${pad(batch)}000-CreateCatalogBatch${pad(batch)}.ts`, migration(`CreateCatalogBatch${pad(batch)}17100000${pad(batch)}000`, statements));
  }
  const reportTables = Array.from({ length: REPORT_RUNS }, (_, index) => `report_run_${index + 1}`);
  writeProjectFile(root, 'src/migrations/1715000000000-CreateReportRuns.ts', migration('CreateReportRuns1715000000000', reportTables.map((table) => `CREATE TABLE "${table}" ("id" SERIAL PRIMARY KEY)`)));
  writeProjectFile(root, 'src/migrations/1720000000000-DropCatalogItem05.ts', migration('DropCatalogItem051720000000000', [`DROP TABLE "catalog_item_${pad(DROPPED_ITEM)}"`]));
  for (let index = 1; index <= REPORT_RUNS; index++) {
    writeProjectFile(
      root,
      `src/modules/reports/ReportRun${index}.ts`,
      `import { Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('report_run_${index}')
export class ReportRun${index} {
  @PrimaryGeneratedColumn()
  id!: number;
}
`,
    );
  }
  writeProjectFile(
    root,
    'src/data-source.ts',
    `import { DataSource } from 'typeorm';

export const AppDataSource = new DataSource({
  type: 'postgres',
  url: process.env.DATABASE_URL,
  entities: ['src/models/**/*.ts'],
  migrations: ['src/migrations/*.ts'],
});
`,
  );
  return project;
}

let large: { root: string; remove: () => void } | undefined;

beforeAll(() => {
  const help = spawnSync(process.execPath, [ESLINT_BIN, '--help'], { encoding: 'utf8' });
  const version = spawnSync(process.execPath, [ESLINT_BIN, '--version'], { encoding: 'utf8' }).stdout.trim();
  if (!help.stdout.includes('--concurrency')) {
    throw new Error(`The installed ESLint (${version}, ${ESLINT_PACKAGE}) has no --concurrency option: ESLint 9.34 or later is needed for these tests.`);
  }
  large = createLargeProject();
});

afterAll(() => large?.remove());

function largeRoot(): string {
  if (large === undefined) throw new Error('the generated project was not created (see beforeAll)');
  return large.root;
}

describe('the real ESLint CLI, serial and with --concurrency', () => {
  describe.each([
    ['examples/incident', () => INCIDENT],
    ['typeorm-basic plus about 70 generated files', largeRoot],
  ] as const)('on %s', (_name, projectRoot) => {
    it('reports findings in the serial run, in the main thread, and fails it', () => {
      const serial = cachedRun(projectRoot(), 'off');
      expect(serial.workers).toBe(0);
      expect(serial.findings.length).toBeGreaterThan(0);
      expect(serial.findings.filter((finding) => / fatal /u.test(finding))).toEqual([]);
      expect(serial.status).toBe(1);
    });

    // `auto` starts workers only for more than 50 files and at most half the cores: on 2 cores it
    // stays in the main thread, on 4+ the generated project gets 2 workers. `2` always starts 2.
    it.each(['auto', '2'])('reports the same findings with --concurrency %s', (concurrency) => {
      const serial = cachedRun(projectRoot(), 'off');
      const threaded = cachedRun(projectRoot(), concurrency);
      if (concurrency === '2') expect(threaded.workers).toBe(2);
      expect(threaded.files).toEqual(serial.files);
      expect(threaded.findings).toEqual(serial.findings);
      expect(threaded.status).toBe(serial.status);
    });
  });

  it('finds every rule in the generated project, including the cross-file ones', () => {
    const { findings, files } = cachedRun(largeRoot(), '2');
    expect(files.length).toBeGreaterThan(CATALOG_SIZE + CATALOG_BATCHES + REPORT_RUNS);
    const count = (pattern: RegExp): number => findings.filter((finding) => pattern.test(finding)).length;
    expect(count(/^src\/models\/catalog\/CatalogItem\d+\.ts:\S+ orm-guard\/entity-has-migration /u)).toBe(NEVER_CREATED.length + 1);
    expect(count(/^src\/migrations\/1720000000000-DropCatalogItem05\.ts:5:\S+ orm-guard\/no-drop-mapped-table /u)).toBe(1);
    expect(count(/^src\/migrations\/17100000\d+-CreateCatalogBatch\d+\.ts:\S+ orm-guard\/no-orphan-table .*catalog_archive_/u)).toBe(CATALOG_BATCHES / 2);
    expect(count(/^src\/models\/catalog\/CatalogItem(?:12|Alias)\.ts:\S+ orm-guard\/unique-table-name /u)).toBe(2);
    expect(count(/^src\/modules\/reports\/ReportRun\d\.ts:\S+ orm-guard\/entity-location /u)).toBe(REPORT_RUNS);
    expect(count(/^src\/modules\/reports\/ReportRun\d\.ts:\S+ orm-guard\/entity-registered /u)).toBe(REPORT_RUNS);
  });
});
