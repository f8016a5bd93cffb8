#!/usr/bin/env node
/**
 * `npm run fuzz`: the property-based fuzz suite (tests/fuzz) at full size, with a random seed.
 *
 *   node scripts/fuzz.mjs [--runs N] [--seed S] [--hang-seconds H] [--case-budget-ms B] [-t PATTERN]
 *
 * --runs      runs per property before its weight (default 9000: about 130,000 cases in all)
 * --seed      fast-check seed (default: random, printed so a run can be repeated)
 * --case-budget-ms  a case slower than this fails (default 5000; the regular test run has no time limit)
 * -t          only properties whose test name matches (vitest's -t)
 *
 * It runs vitest (TypeScript straight from src/, no build needed) with FUZZ_* variables, then prints
 * the cases run per target and every failure with its seed, counterexample and replay command.
 * A worker that stops making progress for --hang-seconds (an endless loop, or a heap blown up
 * before a case could fail) is killed and reported with the case it was stuck on. Exit code 1 on
 * any failure, hang or crash.
 */
import { spawn } from 'node:child_process';
import console from 'node:console';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { clearInterval, setInterval } from 'node:timers';
import { URL, fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VITEST = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const MIN_TOTAL = 100_000;

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '9000' },
    seed: { type: 'string' },
    'hang-seconds': { type: 'string', default: '60' },
    'case-budget-ms': { type: 'string', default: '5000' },
    t: { type: 'string', short: 't' },
  },
});

const runs = Number(options.runs);
const seed = options.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(options.seed);
const hangMs = Number(options['hang-seconds']) * 1000;
const caseBudgetMs = Number(options['case-budget-ms']);
if (!Number.isSafeInteger(runs) || runs < 1 || !Number.isSafeInteger(seed) || !(hangMs > 0) || !(caseBudgetMs > 0)) {
  console.error('usage: node scripts/fuzz.mjs [--runs N] [--seed S] [--hang-seconds H] [--case-budget-ms B] [-t PATTERN]');
  process.exit(2);
}

/** Reads every worker's heartbeat record: what it is running now. */
function readHeartbeats(dir) {
  if (!existsSync(dir)) return new Map();
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8').trim()]));
}

/**
 * Runs one vitest invocation; resolves with its exit code and any hang it was killed for.
 * A heartbeat record that says "running" and has not changed for hangMs is a hang.
 */
function runVitest(label, args, env, heartbeatDir) {
  return new Promise((resolve) => {
    console.log(`\n=== ${label}: vitest ${args.join(' ')}`);
    const child = spawn(process.execPath, [VITEST, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'inherit', detached: true });
    const lastChange = new Map();
    let hang;
    const watchdog = setInterval(() => {
      const now = Date.now();
      for (const [worker, record] of readHeartbeats(heartbeatDir)) {
        const previous = lastChange.get(worker);
        if (previous === undefined || previous.record !== record) {
          lastChange.set(worker, { record, since: now });
        } else if (record.startsWith('running') && now - previous.since > hangMs && hang === undefined) {
          hang = { worker, record, seconds: Math.round((now - previous.since) / 1000) };
          console.error(`\n!!! no progress for ${hang.seconds} s: ${record} — killing vitest`);
          // The child was started detached: its process group is vitest and its workers, nothing else.
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            child.kill('SIGKILL');
          }
        }
      }
    }, 1000);
    child.on('exit', (code, signal) => {
      clearInterval(watchdog);
      resolve({ code: code ?? (signal === null ? 1 : 128), hang });
    });
  });
}

function readReports(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

/** `running <target> › <property> case <n> seed <s>` → the parts, for the replay hint. */
function describeHang(hang) {
  const match = /^running (.+) › (.+) case (\d+) seed (-?\d+)$/u.exec(hang.record);
  if (match === null) return `  ${hang.record}`;
  const [, target, property, index, hangSeed] = match;
  return [
    `  ${target} › ${property}: case #${index} (seed ${hangSeed}) made no progress for ${hang.seconds} s (endless loop, or the heap blew up)`,
    `  replay: FUZZ_SEED=${hangSeed} FUZZ_RUNS=${Number(index) + 1} npx vitest run tests/fuzz -t ${JSON.stringify(property)}`,
    '  (fast-check draws cases in seed order: the last case of that replay is the stuck one)',
  ].join('\n');
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'orm-guard-fuzz-'));
  const reportFile = join(work, 'report.jsonl');
  const invocations = [['fuzz suite', ['run', 'tests/fuzz']]];

  console.log(`fuzz: ${runs} runs per property (times each property's weight), seed ${seed}, hang after ${hangMs / 1000} s without progress`);
  const started = Date.now();
  const problems = [];
  for (const [index, [label, baseArgs]] of invocations.entries()) {
    const heartbeatDir = join(work, `heartbeat-${index}`);
    const args = [...baseArgs, ...(options.t === undefined ? [] : ['-t', options.t])];
    const env = { FUZZ_RUNS: String(runs), FUZZ_SEED: String(seed), FUZZ_REPORT: reportFile, FUZZ_HEARTBEAT_DIR: heartbeatDir, FUZZ_CASE_BUDGET_MS: String(caseBudgetMs) };
    const { code, hang } = await runVitest(label, args, env, heartbeatDir);
    if (hang !== undefined) problems.push(`hang in ${label}:\n${describeHang(hang)}`);
    else if (code !== 0) problems.push(`${label}: vitest exited with code ${code} (see its output above)`);
  }

  const reports = readReports(reportFile);
  const byTarget = new Map();
  for (const report of reports) {
    const entry = byTarget.get(report.target) ?? { runs: 0, properties: 0, failures: 0 };
    entry.runs += report.runs;
    entry.properties += 1;
    entry.failures += report.failed ? 1 : 0;
    byTarget.set(report.target, entry);
  }
  const total = reports.reduce((sum, report) => sum + report.runs, 0);

  console.log(`\n=== fuzz summary (seed ${seed}, ${Math.round((Date.now() - started) / 1000)} s)`);
  for (const [target, entry] of byTarget) {
    console.log(`${target.padEnd(24)} ${String(entry.runs).padStart(8)} cases  ${entry.properties} properties  ${entry.failures} failed`);
  }
  for (const report of reports) {
    const outcomes = Object.entries(report.outcomes)
      .map(([outcome, count]) => `${outcome}: ${count}`)
      .join(', ');
    console.log(`  ${report.failed ? 'FAIL' : 'ok  '} ${report.target} › ${report.property}: ${report.runs} cases, slowest ${report.slowestMs} ms (${outcomes})`);
  }
  console.log(`${'total'.padEnd(24)} ${String(total).padStart(8)} cases`);
  if (total < MIN_TOTAL && options.t === undefined && problems.length === 0) console.log(`note: fewer than ${MIN_TOTAL} cases; raise --runs`);

  for (const report of reports.filter((entry) => entry.failed)) {
    problems.push(
      [
        `${report.target} › ${report.property}: ${report.error}`,
        `  seed ${report.seed}, path ${report.path}`,
        `  counterexample: ${report.counterexample}`,
        `  replay: FUZZ_SEED=${report.seed} FUZZ_PATH=${report.path} npx vitest run tests/fuzz -t ${JSON.stringify(report.property)}`,
      ].join('\n'),
    );
  }
  if (problems.length > 0) {
    console.log(`\n=== ${problems.length} problem(s)`);
    for (const problem of problems) console.log(`\n${problem}`);
  } else {
    rmSync(work, { recursive: true, force: true });
  }
  process.exitCode = problems.length > 0 ? 1 : 0;
}

await main();
