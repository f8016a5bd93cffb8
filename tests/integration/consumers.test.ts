/**
 * End-to-end: the plugin as a consumer gets it. `npm pack` the built repository, install the tarball
 * next to the latest ESLint 9 and ESLint 10 from the npm registry, and run the real ESLint CLI with an
 * ESM (`eslint.config.mjs`) and a CommonJS (`eslint.config.cjs`, `require()` of the ESM plugin) config.
 * Needs `npm run build` first and a reachable npm registry: without one the suite fails, it never skips.
 */
import { execFile, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TEMPLATE = path.join(ROOT, 'tests/fixtures/consumer-typeorm');
const ESLINT_MAJORS = [9, 10] as const;
const CONFIG_FILES = ['eslint.config.mjs', 'eslint.config.cjs'] as const;
const INSTALL_TIMEOUT_MS = 150_000;

/** One line per finding: file, line:column, rule, and the table the message is about. */
const EXPECTED_FINDINGS = ['src/models/ProjectMember.ts:8:14 orm-guard/entity-has-migration project_member'];

const execFileAsync = promisify(execFile);

interface CommandOutput {
  stdout: string;
  stderr: string;
}

/**
 * The environment of a nested `npm`, without what an enclosing `npm test` sets about this repository
 * (its prefix, its package.json): the nested command is about the directory it runs in.
 */
function npmEnvironment(): NodeJS.ProcessEnv {
  const environment = { ...process.env };
  delete environment.npm_config_local_prefix;
  delete environment.npm_config_prefix;
  delete environment.npm_package_json;
  return environment;
}

async function npm(args: readonly string[], cwd: string, timeout: number): Promise<CommandOutput> {
  try {
    return await execFileAsync('npm', [...args], { cwd, env: npmEnvironment(), timeout, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  } catch (error) {
    const failure = error as Partial<CommandOutput> & { message: string; killed?: boolean };
    const output = `${failure.stderr ?? ''}\n${failure.stdout ?? ''}`.trim();
    const registryHint = /E(?:NOTFOUND|AI_AGAIN|CONNREFUSED|CONNRESET|TIMEDOUT|NETUNREACH)|ETIMEDOUT|network|fetch failed|socket hang up/iu.test(output)
      ? '\nThe npm registry looks unreachable: these tests install eslint 9 and 10 from it (they do not skip offline).'
      : '';
    const timedOut = failure.killed === true ? ` (killed after ${timeout} ms)` : '';
    throw new Error(`\`npm ${args.join(' ')}\` failed in ${cwd}${timedOut}${registryHint}\n${output || failure.message}`, { cause: error });
  }
}

/** Fails fast, with a clear message, when the registry cannot be reached (instead of a hook timeout). */
async function assertRegistryReachable(cwd: string): Promise<void> {
  const registry = (await npm(['config', 'get', 'registry'], cwd, 30_000)).stdout.trim();
  try {
    await npm(['view', 'eslint@10', 'version', '--fetch-retries=1', '--fetch-timeout=30000'], cwd, 75_000);
  } catch (error) {
    throw new Error(`Cannot reach the npm registry ${registry}.\n${(error as Error).message}`, { cause: error });
  }
}

interface PackResult {
  filename: string;
  files: { path: string }[];
}

/** Packs the built repository as `npm publish` would; returns the tarball's path and its file list. */
async function packPlugin(destination: string): Promise<{ tarball: string; files: string[] }> {
  const { stdout } = await npm(['pack', '--pack-destination', destination, '--json'], ROOT, 120_000);
  const [packed] = JSON.parse(stdout) as PackResult[];
  if (packed === undefined) throw new Error(`npm pack printed no package:\n${stdout}`);
  return { tarball: path.join(destination, packed.filename), files: packed.files.map((file) => file.path).sort() };
}

/** A copy of the template consumer with the tarball, the latest ESLint `major` and TypeScript 5.9 installed. */
async function createConsumer(workDir: string, tarball: string, major: number): Promise<string> {
  const consumer = path.join(workDir, `consumer-eslint-${major}`);
  cpSync(TEMPLATE, consumer, { recursive: true });
  await npm(['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, `eslint@${major}`, 'typescript@5.9'], consumer, INSTALL_TIMEOUT_MS);
  return consumer;
}

interface CliMessage {
  ruleId: string | null;
  line: number;
  column: number;
  message: string;
}

interface CliRun {
  status: number | null;
  stderr: string;
  findings: string[];
}

function runConsumerEslint(consumer: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [path.join(consumer, 'node_modules/eslint/bin/eslint.js'), ...args], {
    cwd: consumer,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** `eslint --config <config> --format json .` in the consumer, summarised like EXPECTED_FINDINGS. */
function lintConsumer(consumer: string, config: string): CliRun {
  const { status, stdout, stderr } = runConsumerEslint(consumer, ['--config', config, '--format', 'json', '.']);
  let results: { filePath: string; messages: CliMessage[] }[];
  try {
    results = JSON.parse(stdout) as typeof results;
  } catch {
    throw new Error(`eslint --config ${config} did not print JSON results (exit ${String(status)}):\n${stderr}\n${stdout}`);
  }
  const findings = results
    .flatMap((result) =>
      result.messages.map((message) => {
        const subject = /table '([^']+)'/u.exec(message.message)?.[1] ?? /Entity '([^']+)'/u.exec(message.message)?.[1];
        const where = `${path.relative(consumer, result.filePath).split(path.sep).join('/')}:${message.line}:${message.column}`;
        return `${where} ${message.ruleId ?? 'fatal'} ${subject ?? message.message}`;
      }),
    )
    .sort();
  return { status, stderr, findings };
}

let workDir = '';
let packedFiles: string[] = [];
const consumers = new Map<number, string>();

function consumerFor(major: number): string {
  const consumer = consumers.get(major);
  if (consumer === undefined) throw new Error(`no consumer project for ESLint ${major} (see beforeAll)`);
  return consumer;
}

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'dist/src/index.js'))) {
    throw new Error('dist/src/index.js is missing: run `npm run build` before the consumer tests.');
  }
  workDir = mkdtempSync(path.join(os.tmpdir(), 'orm-guard-consumers-'));
  await assertRegistryReachable(workDir);
  const { tarball, files } = await packPlugin(workDir);
  packedFiles = files;
  // One install per ESLint major, in parallel: both configs of a major share it.
  const installed = await Promise.all(ESLINT_MAJORS.map(async (major) => [major, await createConsumer(workDir, tarball, major)] as const));
  for (const [major, consumer] of installed) consumers.set(major, consumer);
}, 4 * 60_000);

afterAll(() => {
  if (workDir !== '') rmSync(workDir, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  const ruleNames = readdirSync(path.join(ROOT, 'rules'))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.slice(0, -'.ts'.length));

  it('ships the built entry with its types, the built rules, the README and every rule doc', () => {
    const required = [
      'package.json',
      'README.md',
      'dist/src/index.js',
      'dist/src/index.d.ts',
      ...ruleNames.flatMap((name) => [`dist/rules/${name}.js`, `docs/rules/${name}.md`]),
    ];
    expect(required.filter((file) => !packedFiles.includes(file))).toEqual([]);
  });

  it('ships no tests, no TypeScript sources and no examples', () => {
    const unwanted = packedFiles.filter(
      (file) => /^(?:tests|src|rules|examples|bench|scripts|dist\/tests)\//u.test(file) || (file.endsWith('.ts') && !file.endsWith('.d.ts')),
    );
    expect(unwanted).toEqual([]);
  });
});

describe.each(ESLINT_MAJORS)('a consumer project on the latest ESLint %i with the packed plugin', (major) => {
  it(`runs ESLint ${major}`, () => {
    const { status, stdout, stderr } = runConsumerEslint(consumerFor(major), ['--version']);
    expect(status, stderr).toBe(0);
    expect(/^v(\d+)\./u.exec(stdout.trim())?.[1], stdout).toBe(String(major));
  });

  it('installs the plugin from the tarball, without tests or sources', () => {
    const installed = path.join(consumerFor(major), 'node_modules/eslint-plugin-orm-guard');
    expect(existsSync(path.join(installed, 'dist/src/index.js'))).toBe(true);
    expect(existsSync(path.join(installed, 'tests'))).toBe(false);
    expect(existsSync(path.join(installed, 'src'))).toBe(false);
  });

  it.each(CONFIG_FILES)('reports exactly the missing table with %s, and fails the run', (config) => {
    const { status, stderr, findings } = lintConsumer(consumerFor(major), config);
    expect(findings, stderr).toEqual(EXPECTED_FINDINGS);
    expect(status, stderr).toBe(1);
  });
});
