import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixtureToTemp } from '../support/tempProject.js';

// One long-lived ESLint instance, as vscode-eslint keeps, is driven through a random sequence of
// disk changes and unsaved edits. After every step its results must equal those of a reference
// that starts from nothing. Both use the built plugin, so they run the same code.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PLUGIN_URL = pathToFileURL(path.join(ROOT, 'dist/src/index.js')).href;
const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support/referenceLintWorker.mjs');
const STEPS = 220;
/** Every so many steps the reference is a brand-new worker, not only a cleared one. */
const FRESH_WORKER_EVERY = 40;
const TABLES = ['accounts', 'orders', 'invoices', 'flags', 'events', 'users'];

interface Stripped {
  filePath: string;
  messages: { ruleId: string | null; line: number; column: number; message: string }[];
}

/** Deterministic PRNG (mulberry32), so a failure replays from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normalise(root: string, results: readonly Stripped[]): string[] {
  return results
    .flatMap((result) => result.messages.map((m) => `${path.relative(root, result.filePath)}:${m.line}:${m.column} ${m.ruleId ?? 'fatal'} ${m.message}`))
    .sort();
}

function entitySource(className: string, table: string): string {
  return `import { Entity, PrimaryGeneratedColumn } from 'typeorm';\n\n@Entity('${table}')\nexport class ${className} {\n  @PrimaryGeneratedColumn()\n  id!: number;\n}\n`;
}

function migrationSource(className: string, statements: readonly string[]): string {
  return [
    "import type { MigrationInterface, QueryRunner } from 'typeorm';",
    '',
    `export class ${className} implements MigrationInterface {`,
    '  public async up(queryRunner: QueryRunner): Promise<void> {',
    ...statements.map((statement) => `    await queryRunner.query(\`${statement}\`);`),
    '  }',
    '}',
    '',
  ].join('\n');
}

describe('a long-lived ESLint process matches a fresh one after every change', () => {
  const previousSingleRun = process.env.ORM_GUARD_SINGLE_RUN;
  let worker: Worker;
  let cleanup: () => void = () => undefined;

  beforeAll(() => {
    // An editor is not a single run: CI=true in the test environment must not freeze the index.
    process.env.ORM_GUARD_SINGLE_RUN = 'false';
    worker = new Worker(WORKER, { workerData: { pluginUrl: PLUGIN_URL }, env: { ...process.env } });
  });

  afterAll(async () => {
    if (previousSingleRun === undefined) delete process.env.ORM_GUARD_SINGLE_RUN;
    else process.env.ORM_GUARD_SINGLE_RUN = previousSingleRun;
    await worker.terminate();
    cleanup();
  });

  function reference(request: unknown): Promise<{ results: Stripped[]; unsavedResults: Stripped[] }> {
    return new Promise((resolve, reject) => {
      // One pair of listeners per request, removed together: a leftover 'error' listener per step
      // would pile up over the session.
      const onMessage = (value: { results: Stripped[]; unsavedResults: Stripped[] }): void => {
        worker.off('error', onError);
        resolve(value);
      };
      const onError = (error: Error): void => {
        worker.off('message', onMessage);
        reject(error);
      };
      worker.once('message', onMessage);
      worker.once('error', onError);
      worker.postMessage(request);
    });
  }

  it(`stays equal through ${STEPS} random operations (seed 20261203)`, async () => {
    const project = copyFixtureToTemp('typeorm-basic');
    cleanup = project.remove;
    const root = project.root;
    mkdirSync(path.join(root, 'src/stray'), { recursive: true });
    // No cacheLifetime: the default for a long-lived process is what is under test.
    const config = { settings: { 'orm-guard': { rootDir: root, models: ['src/models/**/*.ts'], migrations: ['src/migrations/*.{ts,sql}'] } } };
    const { default: plugin } = (await import(PLUGIN_URL)) as { default: { configs: { strict: ESLint.Options['overrideConfig'] } } };
    const live = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [plugin.configs.strict, config] as ESLint.Options['overrideConfig'] });

    const next = random(20261203);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    let counter = 0;
    const files = (dir: string) => readdirSync(path.join(root, dir)).filter((name) => name.endsWith('.ts') || name.endsWith('.sql'));
    const statement = (): string => {
      const table = pick(TABLES);
      return pick([`CREATE TABLE "${table}" (id int)`, `DROP TABLE "${table}"`, `ALTER TABLE "${table}" RENAME TO "${pick(TABLES)}"`, `CREATE TABLE IF NOT EXISTS ${table} (id int)`]);
    };
    const operations: Record<string, () => { unsaved?: { filePath: string; text: string } } | void> = {
      addMigration() {
        counter++;
        const stamp = 1800000000000 + Math.floor(next() * 1_000_000);
        if (next() < 0.3) writeFileSync(path.join(root, `src/migrations/${stamp}-m${counter}.sql`), `${statement()};\n${statement()};\n`);
        else writeFileSync(path.join(root, `src/migrations/${stamp}-M${counter}.ts`), migrationSource(`M${counter}${stamp}`, [statement(), statement()]));
      },
      editMigration() {
        const name = pick(files('src/migrations').filter((file) => file.startsWith('18')));
        if (name === undefined) return;
        const target = path.join(root, 'src/migrations', name);
        writeFileSync(target, name.endsWith('.sql') ? `${statement()};\n` : migrationSource(`Edited${counter++}`, [statement()]));
      },
      deleteMigration() {
        const name = pick(files('src/migrations').filter((file) => file.startsWith('1')));
        if (name !== undefined) rmSync(path.join(root, 'src/migrations', name));
      },
      reorderMigration() {
        const name = pick(files('src/migrations').filter((file) => file.startsWith('18')));
        if (name === undefined) return;
        const renamed = name.replace(/^\d+/u, String(1800000000000 + Math.floor(next() * 1_000_000)));
        renameSync(path.join(root, 'src/migrations', name), path.join(root, 'src/migrations', renamed));
      },
      addEntity() {
        counter++;
        writeFileSync(path.join(root, pick(['src/models', 'src/stray']), `E${counter}.ts`), entitySource(`E${counter}`, pick(TABLES)));
      },
      editEntity() {
        const name = pick(files('src/models'));
        if (name !== undefined) writeFileSync(path.join(root, 'src/models', name), entitySource(name.replace('.ts', ''), pick(TABLES)));
      },
      deleteEntity() {
        const dir = pick(['src/models', 'src/stray']);
        const name = pick(files(dir));
        if (name !== undefined) rmSync(path.join(root, dir, name));
      },
      moveEntity() {
        const [from, to] = next() < 0.5 ? ['src/models', 'src/stray'] : ['src/stray', 'src/models'];
        const name = pick(files(from));
        if (name !== undefined) renameSync(path.join(root, from, name), path.join(root, to, name));
      },
      unsavedEdit() {
        const name = pick(files('src/models'));
        if (name === undefined) return;
        return { unsaved: { filePath: path.join(root, 'src/models', name), text: entitySource(name.replace('.ts', ''), pick(TABLES)) } };
      },
    };

    const names = Object.keys(operations);
    const log: string[] = [];
    const rulesSeen = new Set<string>();
    for (let step = 1; step <= STEPS; step++) {
      const name = pick(names);
      const { unsaved } = operations[name]?.() ?? {};
      log.push(name);
      if (step % FRESH_WORKER_EVERY === 0) {
        await worker.terminate();
        worker = new Worker(WORKER, { workerData: { pluginUrl: PLUGIN_URL }, env: { ...process.env } });
      }
      const liveResults = normalise(root, await live.lintFiles(['src/**/*.ts']));
      const liveUnsaved = unsaved === undefined ? [] : normalise(root, await live.lintText(unsaved.text, { filePath: unsaved.filePath }));
      for (const line of liveResults) rulesSeen.add(line.split(' ')[1] ?? '');
      const fresh = await reference({ root, config, unsaved });
      expect({ step, operations: log.slice(-3), results: liveResults, unsaved: liveUnsaved }).toEqual({
        step,
        operations: log.slice(-3),
        results: normalise(root, fresh.results),
        unsaved: normalise(root, fresh.unsavedResults),
      });
    }
    // The sequence must have exercised every kind of operation, and the rules must have had
    // something to say, or equality would prove nothing.
    expect(new Set(log)).toEqual(new Set(names));
    expect([...rulesSeen].sort()).toEqual([
      'orm-guard/entity-has-migration',
      'orm-guard/entity-location',
      'orm-guard/no-drop-mapped-table',
      'orm-guard/no-orphan-table',
      'orm-guard/unique-table-name',
    ]);
  }, 600_000);
});
