import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterEach, describe, expect, it, vi } from 'vitest';
import plugin from '../../src/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const INCIDENT = path.join(ROOT, 'examples/incident');
const ESLINT_BIN = path.join(path.dirname(createRequire(import.meta.url).resolve('eslint/package.json')), 'bin/eslint.js');

const EXPECTED_FINDINGS = [
  'src/agents/entities/AgentExecution.ts:8 orm-guard/entity-has-migration agent_executions',
  'src/agents/entities/AgentExecution.ts:9 orm-guard/entity-location AgentExecution',
  'src/agents/entities/AgentExecution.ts:9 orm-guard/entity-registered AgentExecution',
  'src/billing/models/CreditTransaction.ts:6 orm-guard/entity-has-migration credit_transactions',
  'src/billing/models/CreditTransaction.ts:7 orm-guard/entity-location CreditTransaction',
  'src/billing/models/CreditTransaction.ts:7 orm-guard/entity-registered CreditTransaction',
  'src/billing/models/Subscription.ts:6 orm-guard/entity-has-migration subscriptions',
  'src/billing/models/Subscription.ts:6 orm-guard/unique-table-name subscriptions',
  'src/billing/models/Subscription.ts:7 orm-guard/entity-location Subscription',
  'src/billing/models/Subscription.ts:7 orm-guard/entity-registered Subscription',
  'src/migrations/1719446400000-DropUnusedApiKeys.ts:9 orm-guard/no-drop-mapped-table api_keys',
  'src/models/ApiKey.ts:4 orm-guard/entity-has-migration api_keys',
  'src/models/Subscription.ts:8 orm-guard/entity-has-migration subscriptions',
];

interface CliMessage {
  ruleId: string | null;
  line: number;
  message: string;
}

/** One line per finding: file, line, rule, and the table or entity the message is about. */
function summarise(results: readonly { filePath: string; messages: readonly CliMessage[] }[], cwd: string): string[] {
  return results
    .flatMap((result) =>
      result.messages.map((message) => {
        const subject = /table '([^']+)'/u.exec(message.message)?.[1] ?? /Entity '([^']+)'/u.exec(message.message)?.[1];
        return `${path.relative(cwd, result.filePath)}:${message.line} ${message.ruleId ?? 'fatal'} ${subject ?? message.message}`;
      }),
    )
    .sort();
}

function runCli(cwd: string): { status: number | null; results: { filePath: string; messages: CliMessage[] }[] } {
  const run = spawnSync(process.execPath, [ESLINT_BIN, '--format', 'json', '.'], { cwd, encoding: 'utf8' });
  return { status: run.status, results: JSON.parse(run.stdout) as { filePath: string; messages: CliMessage[] }[] };
}

describe('the incident example, through the real ESLint CLI and the built plugin', () => {
  it('reports the missing tables, stray and unregistered entities, the duplicate model and the bad drop, and fails the run', () => {
    const { status, results } = runCli(INCIDENT);
    expect(summarise(results, INCIDENT)).toEqual(EXPECTED_FINDINGS);
    expect(status).toBe(1);
  });

  it('reports nothing once fixed, and passes the run', () => {
    const fixed = path.join(ROOT, 'examples/incident-fixed');
    const { status, results } = runCli(fixed);
    expect(summarise(results, fixed)).toEqual([]);
    expect(status).toBe(0);
  });
});

const incidentSettings = {
  'orm-guard': { rootDir: INCIDENT, models: ['src/models/**/*.ts'], migrations: ['src/migrations/*.ts'], cacheLifetime: 0 },
};

describe('combined with other configs', () => {
  it("gives the same findings next to typescript-eslint's recommended configs, in either order", async () => {
    for (const order of ['ours-last', 'ours-first']) {
      const tsConfigs = tseslint.configs.recommended;
      const ours = [plugin.configs.recommended, { settings: incidentSettings }];
      const eslint = new ESLint({
        cwd: INCIDENT,
        overrideConfigFile: true,
        overrideConfig: order === 'ours-last' ? [...tsConfigs, ...ours] : [...ours, ...tsConfigs],
      });
      const results = await eslint.lintFiles(['src/**/*.ts']);
      const ormGuardOnly = results.map((result) => ({ ...result, messages: result.messages.filter((m) => m.ruleId?.startsWith('orm-guard/')) }));
      expect(summarise(ormGuardOnly, INCIDENT), order).toEqual(EXPECTED_FINDINGS);
    }
  });
});

describe('debug output', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints which files were read as migrations and the replayed tables', async () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const eslint = new ESLint({
      cwd: INCIDENT,
      overrideConfigFile: true,
      overrideConfig: [plugin.configs.recommended, { settings: { 'orm-guard': { ...incidentSettings['orm-guard'], debug: true } } }],
    });
    await eslint.lintFiles(['src/models/Subscription.ts']);
    const output = written.join('');
    expect(output).toContain(`[orm-guard] project ${INCIDENT}: migrations globs src/migrations/*.ts`);
    expect(output).toMatch(/migration\s+src\/migrations\/1714579200000-CreateUsers\.ts \(\d+ DDL events\)/u);
    expect(output).toMatch(/not-a-migration\s+src\/migrations\/index\.ts/u);
    expect(output).toContain('tables after replay (3): credit_transaction, organizations, users');
    expect(output).toContain('detected ORMs: typeorm');
    expect(output).toMatch(/registration src\/data-source\.ts:14 \(new DataSource\(\{ entities \}\)\): 0 globs, 4 classes/u);
    expect(output).toContain('entities in src/models/Subscription.ts: Subscription (typeorm table, subscriptions)');
  });
});
