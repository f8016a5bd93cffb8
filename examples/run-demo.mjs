#!/usr/bin/env node
// Runs the real ESLint CLI on the two example projects:
//   examples/incident        the outage reproduction: findings expected
//   examples/incident-fixed  the same project after the fix: no findings expected
//
// Each example is linted with its own eslint.config.js (ESLint finds it from the working
// directory), which loads the plugin from ../../dist/src/index.js, so build first:
//   npm run demo        (= npm run build && node examples/run-demo.mjs)
//
// Exit code 0 when every rule of the plugin's recommended config reports on the incident and the
// fixed project has no problems at all; 1 otherwise, with the reason printed.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const examplesDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(examplesDir, '..');
const pluginEntry = path.join(repoRoot, 'dist', 'src', 'index.js');

const EXAMPLES = [
  { name: 'incident', expectFindings: true },
  { name: 'incident-fixed', expectFindings: false },
];

/** The ESLint CLI script of the eslint package installed for this repository. */
function resolveEslintBin() {
  const require = createRequire(import.meta.url);
  const packageJsonPath = require.resolve('eslint/package.json');
  const { bin } = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
  const relative = typeof bin === 'string' ? bin : bin.eslint;
  return path.resolve(path.dirname(packageJsonPath), relative);
}

function plural(count, word) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function describeExit(result) {
  return result.signal ? `signal ${result.signal}` : `code ${result.status}`;
}

/** Runs `eslint .` in `cwd`. */
function runEslint(eslintBin, cwd, extraArgs, stdio) {
  return spawnSync(process.execPath, [eslintBin, '.', ...extraArgs], {
    cwd,
    stdio,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** The rules the recommended config turns on, read from the built plugin. */
async function recommendedRules() {
  const { default: plugin } = await import(pathToFileURL(pluginEntry).href);
  return Object.keys(plugin.configs.recommended.rules ?? {});
}

/** Lints one example: prints ESLint's own stylish output, then counts problems from a JSON run. */
function lintExample(eslintBin, example, expectedRules) {
  const cwd = path.join(examplesDir, example.name);
  const relativeCwd = path.relative(repoRoot, cwd);

  console.log('');
  console.log('='.repeat(72));
  console.log(`${relativeCwd}  (${example.expectFindings ? 'findings expected' : 'no findings expected'})`);
  console.log(`$ cd ${relativeCwd} && eslint .`);
  console.log('='.repeat(72));

  // 1. What a developer sees: the stylish formatter, straight to this terminal (colours included).
  const shown = runEslint(eslintBin, cwd, ['--format', 'stylish'], 'inherit');
  if (shown.error) return { ok: false, reason: `could not start ESLint: ${shown.error.message}` };
  if (shown.status === 0) console.log('(no problems)');
  if (shown.status !== 0 && shown.status !== 1) {
    return { ok: false, reason: `ESLint exited with ${describeExit(shown)} (a configuration or plugin error, see its output above)` };
  }

  // 2. The same lint as JSON, to count what was found.
  const run = runEslint(eslintBin, cwd, ['--format', 'json'], ['ignore', 'pipe', 'pipe']);
  if (run.error) return { ok: false, reason: `could not start ESLint: ${run.error.message}` };
  if (run.status !== 0 && run.status !== 1) {
    const detail = (run.stderr || run.stdout || '').trim();
    return { ok: false, reason: `ESLint --format json exited with ${describeExit(run)}${detail ? `:\n${detail}` : ''}` };
  }

  let results;
  try {
    results = JSON.parse(run.stdout);
  } catch {
    return { ok: false, reason: `could not read ESLint's JSON output:\n${run.stdout.slice(0, 500)}` };
  }

  const summary = { errors: 0, warnings: 0, fatal: 0, pluginErrors: 0, byRule: new Map() };
  for (const result of results) {
    summary.errors += result.errorCount;
    summary.warnings += result.warningCount;
    for (const message of result.messages) {
      if (message.fatal) summary.fatal += 1;
      const rule = message.ruleId ?? '(parse error)';
      summary.byRule.set(rule, (summary.byRule.get(rule) ?? 0) + 1);
      if (message.severity === 2 && rule.startsWith('orm-guard/')) summary.pluginErrors += 1;
    }
  }
  const problems = summary.errors + summary.warnings;

  let ok;
  let reason;
  if (summary.fatal > 0) {
    ok = false;
    reason = `${plural(summary.fatal, 'file')} could not be parsed; the example itself is broken`;
  } else if (example.expectFindings) {
    const silent = expectedRules.filter((rule) => !summary.byRule.has(rule));
    ok = summary.pluginErrors > 0 && silent.length === 0;
    reason = ok ? undefined : `expected every recommended rule to report, but these did not: ${silent.join(', ') || '(all orm-guard rules)'}`;
  } else {
    ok = problems === 0;
    reason = ok ? undefined : `expected no problems after the fix, but ESLint reported ${plural(problems, 'problem')}`;
  }

  const rules = [...summary.byRule].map(([rule, count]) => `${rule} x${count}`).join(', ');
  const label = problems === 0 ? '0 problems' : `${plural(problems, 'problem')} found`;
  const verdict = ok ? '(expected)' : example.expectFindings ? '(expected orm-guard errors)' : '(expected 0)';
  return { ok, reason, line: `${example.name}: ${label} ${verdict}`, rules };
}

async function main() {
  if (!existsSync(pluginEntry)) {
    console.error(`The plugin is not built: ${path.relative(repoRoot, pluginEntry)} is missing.`);
    console.error('Run `npm run build` first (or `npm run demo`, which builds and then runs this script).');
    return 1;
  }

  let eslintBin;
  try {
    eslintBin = resolveEslintBin();
  } catch (error) {
    console.error(`ESLint is not installed in ${repoRoot}/node_modules; run \`npm install\` first.`);
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }

  const expectedRules = await recommendedRules();
  const outcomes = EXAMPLES.map((example) => ({ example, ...lintExample(eslintBin, example, expectedRules) }));

  console.log('');
  console.log('-'.repeat(72));
  for (const { example, rules } of outcomes) {
    if (rules) console.log(`${example.name}: ${rules}`);
  }
  console.log(outcomes.map((outcome) => outcome.line ?? `${outcome.example.name}: ESLint failed`).join(', '));

  const failures = outcomes.filter((outcome) => !outcome.ok);
  if (failures.length === 0) {
    console.log(`Demo OK: every recommended rule (${expectedRules.length}) catches part of the outage, and the fixed project passes.`);
    return 0;
  }
  for (const { example, reason } of failures) {
    console.error(`Demo FAILED for ${example.name}: ${reason}`);
  }
  return 1;
}

process.exitCode = await main();
