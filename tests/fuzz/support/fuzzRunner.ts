/**
 * Runs fast-check properties for the fuzz suite. The regular test run uses a small fixed-seed
 * slice; `npm run fuzz` (scripts/fuzz.mjs) sets the environment for a large random-seed run:
 *
 * - FUZZ_RUNS            runs per property (default DEFAULT_RUNS), scaled by each property's weight
 * - FUZZ_SEED            fast-check seed (default DEFAULT_SEED, fixed so the suite is reproducible)
 * - FUZZ_PATH            replay one failure: fast-check's counterexample path (use with `-t <property>`)
 * - FUZZ_REPORT          a file that gets one JSON line per property: counts, outcome, seed, path
 * - FUZZ_HEARTBEAT_DIR   a directory where each worker notes the case it is running, so the
 *                        script can tell a hang (no progress) from a slow run and name the case
 * - FUZZ_CASE_BUDGET_MS  a case slower than this fails (the script sets it; the regular test run
 *                        has no time limit, as its results must not depend on the machine's load)
 */
import fc from 'fast-check';
import { appendFileSync, closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';

export const DEFAULT_RUNS = 200;
export const DEFAULT_SEED = 20_251_104;

export interface FuzzConfig {
  readonly runs: number;
  readonly seed: number;
  readonly path: string | undefined;
  readonly reportFile: string | undefined;
  readonly heartbeatDir: string | undefined;
  readonly caseBudgetMs: number | undefined;
}

function integerFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer (got ${raw})`);
  return value;
}

export function fuzzConfig(): FuzzConfig {
  return {
    runs: Math.max(1, integerFromEnv('FUZZ_RUNS') ?? DEFAULT_RUNS),
    seed: integerFromEnv('FUZZ_SEED') ?? DEFAULT_SEED,
    path: process.env.FUZZ_PATH === '' ? undefined : process.env.FUZZ_PATH,
    reportFile: process.env.FUZZ_REPORT === '' ? undefined : process.env.FUZZ_REPORT,
    heartbeatDir: process.env.FUZZ_HEARTBEAT_DIR === '' ? undefined : process.env.FUZZ_HEARTBEAT_DIR,
    caseBudgetMs: integerFromEnv('FUZZ_CASE_BUDGET_MS'),
  };
}

/** Vitest's timeout for one property: generous in a long run, where one property runs for minutes. */
export function propertyTimeout(): number {
  return fuzzConfig().runs > DEFAULT_RUNS ? 6 * 60 * 60 * 1000 : 120_000;
}

const HEARTBEAT_WIDTH = 240;

/** Notes the running case in this worker's heartbeat file (one fixed-width record, overwritten). */
class Heartbeat {
  private readonly fd: number | undefined;

  constructor(dir: string | undefined) {
    if (dir === undefined) return;
    mkdirSync(dir, { recursive: true });
    this.fd = openSync(join(dir, `${process.pid}-${threadId}`), 'w');
  }

  beat(record: string): void {
    if (this.fd === undefined) return;
    writeSync(this.fd, record.slice(0, HEARTBEAT_WIDTH).padEnd(HEARTBEAT_WIDTH), 0);
  }

  close(): void {
    if (this.fd === undefined) return;
    this.beat('idle');
    closeSync(this.fd);
  }
}

/** What one property's run produced, as written to FUZZ_REPORT. */
export interface PropertyReport {
  readonly target: string;
  readonly property: string;
  readonly runs: number;
  readonly failed: boolean;
  readonly seed: number;
  readonly path?: string | undefined;
  readonly error?: string | undefined;
  readonly counterexample?: string | undefined;
  readonly slowestMs: number;
  /** How many cases ended each way (what the check returned), e.g. parsed / unparsable. */
  readonly outcomes: Record<string, number>;
}

const MAX_SHOWN = 4_000;

/** A counterexample short enough to print: long strings keep their head and tail. */
export function showValue(value: unknown): string {
  const text = fc.stringify(value);
  if (text.length <= MAX_SHOWN) return text;
  return `${text.slice(0, MAX_SHOWN / 2)} … [${text.length - MAX_SHOWN} chars] … ${text.slice(-MAX_SHOWN / 2)}`;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, MAX_SHOWN);
  return String(error).slice(0, MAX_SHOWN);
}

export interface FuzzOptions {
  /** Share of FUZZ_RUNS for this property: below 1 for costly inputs (deep nesting, 100k names). */
  readonly weight?: number;
}

/**
 * Checks `check` on values of `arbitrary`. A case fails when `check` throws or, in a fuzz run,
 * takes over FUZZ_CASE_BUDGET_MS. `check` may return a label (e.g. 'parsed') that is counted in the report.
 */
export function fuzz<T>(
  target: string,
  property: string,
  arbitrary: fc.Arbitrary<T>,
  check: (value: T) => string | void,
  options: FuzzOptions = {},
): void {
  const config = fuzzConfig();
  const numRuns = Math.max(1, Math.round(config.runs * (options.weight ?? 1)));
  const heartbeat = new Heartbeat(config.heartbeatDir);
  const outcomes: Record<string, number> = {};
  let slowestMs = 0;
  let index = 0;
  let details: fc.RunDetails<[T]>;
  try {
    details = fc.check(
      fc.property(arbitrary, (value) => {
        heartbeat.beat(`running ${target} › ${property} case ${index++} seed ${config.seed}`);
        const start = performance.now();
        const outcome = check(value) ?? 'ok';
        const elapsed = performance.now() - start;
        slowestMs = Math.max(slowestMs, elapsed);
        const budget = config.caseBudgetMs;
        if (budget !== undefined && elapsed > budget) throw new Error(`case took ${Math.round(elapsed)} ms, over the ${budget} ms budget`);
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      }),
      { numRuns, seed: config.seed, ...(config.path === undefined ? {} : { path: config.path, endOnFailure: true }) },
    );
  } finally {
    heartbeat.close();
  }
  const report: PropertyReport = {
    target,
    property,
    runs: details.numRuns,
    failed: details.failed,
    seed: details.seed,
    path: details.failed ? details.counterexamplePath ?? undefined : undefined,
    error: details.failed ? errorText(details.errorInstance) : undefined,
    counterexample: details.failed && details.counterexample !== null ? showValue(details.counterexample[0]) : undefined,
    slowestMs: Math.round(slowestMs),
    outcomes,
  };
  if (config.reportFile !== undefined) appendFileSync(config.reportFile, `${JSON.stringify(report)}\n`);
  if (report.failed) {
    throw new Error(
      [
        `${target} › ${property} failed after ${report.runs} runs: ${report.error ?? ''}`,
        `counterexample: ${report.counterexample ?? '(none)'}`,
        `replay: FUZZ_SEED=${report.seed} FUZZ_PATH=${report.path ?? ''} npx vitest run tests/fuzz -t ${JSON.stringify(property)}`,
      ].join('\n'),
    );
  }
}
