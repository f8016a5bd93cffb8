#!/usr/bin/env node
// One measurement of the orm-guard benchmark, in a fresh process (bench/run.mjs starts one per
// phase and project, so no cache leaks between sizes). Prints one JSON line on stdout.
//
//   node --expose-gc bench/measure.mjs full  <projectRoot> [--rounds 3]
//   node --expose-gc bench/measure.mjs build <projectRoot> <entityFile> [--reps 3]
//   node --expose-gc bench/measure.mjs warm  <projectRoot> <entityFile> [--iterations 50] [--warmup 20]
//
// full   lints the whole project with the ESLint Node API, plugin rules off, plugin rules on and
//        no rule at all, in rotating order each round; the plugin's caches are cleared before every
//        rules-on lint, so each one builds the project index as a fresh `eslint .` run does.
//        Run it with ORM_GUARD_SINGLE_RUN=true (what the CLI and CI infer).
// build  the project index build: (clearCaches + lint one entity file) minus (a second lint of the
//        same file, index cached), median over reps after one warm-up rep.
// warm   an editor-like long-lived process (ORM_GUARD_SINGLE_RUN=false): the same entity text linted
//        with lintText, rules off, rules on with the default cacheLifetime (directories watched, the
//        index revalidated after a change or every second) and rules on with cacheLifetime 0 (every
//        lint stats every model and migration: the floor of a lint after a change), after a warm-up.
// Times are wall-clock; full and build also record process CPU time (user + system, GC threads
// included), which other processes on a shared machine disturb less.
//
// Every lint uses the same config file (same parser, plugin loaded). The rules-off lint turns every
// orm-guard rule off; both it and the rules-on lint enable one trivial core rule (no-debugger),
// because ESLint skips part of its per-file work when no rule at all is on: that fixed cost is
// ESLint's, not the plugin's. The full phase also times a lint with no rule at all ("bare") and
// reports it separately.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import console from 'node:console';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { PLUGIN_SNAPSHOT } from './generateProject.mjs';

const PLUGIN_ENTRY = path.join(PLUGIN_SNAPSHOT, 'src', 'index.js');

// The generated eslint.config.js imports the same file (the copy of dist/ taken by run.mjs), so this is the same module instance: its
// clearCaches() drops the indexes the rules use.
const pluginModule = await import(pathToFileURL(PLUGIN_ENTRY).href);
const plugin = pluginModule.default;
const { clearCaches } = pluginModule;
const RULES_OFF = Object.fromEntries(Object.keys(plugin.rules).map((name) => [`${plugin.meta.namespace}/${name}`, 'off']));
const BASELINE_RULES = { 'no-debugger': 'error' };
/** Rule overrides per mode: the plugin's rules on or off over the same baseline, or no rule at all. */
const MODE_RULES = { on: BASELINE_RULES, off: { ...RULES_OFF, ...BASELINE_RULES }, bare: RULES_OFF };

const collectGarbage = typeof globalThis.gc === 'function' ? () => globalThis.gc() : () => {};

function createEslint(root, mode, settings = undefined) {
  return new ESLint({
    cwd: root,
    overrideConfigFile: path.join(root, 'eslint.config.js'),
    // ESLint merges `settings` deeply: this adds keys to the project's orm-guard settings.
    overrideConfig: { rules: MODE_RULES[mode], ...(settings === undefined ? {} : { settings: { 'orm-guard': settings } }) },
    cache: false,
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function percentile(values, fraction) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

/** Problems by rule, plus parse errors (ruleId null), to check the run linted what it should. */
function countProblems(results) {
  const byRule = {};
  let fatal = 0;
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal) fatal++;
      const key = message.ruleId ?? 'parse-error';
      byRule[key] = (byRule[key] ?? 0) + 1;
    }
  }
  return { byRule, fatal };
}

/** Wall and CPU (user + system, all threads) milliseconds of `run`; CPU time is less disturbed by other processes. */
async function timed(run) {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const value = await run();
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, value };
}

async function timeLint(root, mode, patterns) {
  if (mode === 'on') clearCaches();
  collectGarbage();
  const { wallMs, cpuMs, value: results } = await timed(() => createEslint(root, mode).lintFiles(patterns));
  return { wallMs, cpuMs, results };
}

/** A few plain modules: warms up ESLint, the parser and the per-file part of the rules without building the index. */
function warmUpSlice(root) {
  const services = path.join(root, 'src', 'services', 'billing');
  const names = readdirSync(services).sort().slice(0, 20);
  return ['src/utils/paging.ts', ...names.map((name) => `src/services/billing/${name}`)];
}

async function measureFull(root, { rounds }) {
  const slice = warmUpSlice(root);
  for (const mode of ['bare', 'off', 'on']) await timeLint(root, mode, slice);

  const wall = { bare: [], off: [], on: [] };
  const cpu = { bare: [], off: [], on: [] };
  const problems = {};
  let lintedFiles = 0;
  for (let round = 0; round < rounds; round++) {
    // Rotate which mode goes first, so drift (heap growth, thermal, page cache) hits all of them.
    const order = [['off', 'on', 'bare'], ['on', 'bare', 'off'], ['bare', 'off', 'on']][round % 3];
    for (const mode of order) {
      const { wallMs, cpuMs, results } = await timeLint(root, mode, ['.']);
      wall[mode].push(wallMs);
      cpu[mode].push(cpuMs);
      lintedFiles = results.length;
      problems[mode] = countProblems(results);
    }
  }
  return {
    phase: 'full',
    lintedFiles,
    offMs: wall.off,
    onMs: wall.on,
    bareMs: wall.bare,
    offMedianMs: median(wall.off),
    onMedianMs: median(wall.on),
    bareMedianMs: median(wall.bare),
    offCpuMs: cpu.off,
    onCpuMs: cpu.on,
    bareCpuMs: cpu.bare,
    offCpuMedianMs: median(cpu.off),
    onCpuMedianMs: median(cpu.on),
    bareCpuMedianMs: median(cpu.bare),
    problemsOn: problems.on,
    problemsOff: problems.off,
  };
}

async function measureBuild(root, entityFile, { reps }) {
  const filePath = path.join(root, entityFile);
  const text = readFileSync(filePath, 'utf8');
  const eslint = createEslint(root, 'on');
  const builds = [];
  const buildsCpu = [];
  const firsts = [];
  const seconds = [];
  const retainedHeap = [];
  let coldFirstMs;
  for (let rep = 0; rep <= reps; rep++) {
    clearCaches();
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    const first = await timed(() => eslint.lintText(text, { filePath }));
    const second = await timed(() => eslint.lintText(text, { filePath }));
    collectGarbage();
    const heapAfter = process.memoryUsage().heapUsed;
    if (rep === 0) {
      coldFirstMs = first.wallMs; // includes loading the parser and cold JIT: reported, not used
      continue;
    }
    firsts.push(first.wallMs);
    seconds.push(second.wallMs);
    builds.push(first.wallMs - second.wallMs);
    buildsCpu.push(first.cpuMs - second.cpuMs);
    retainedHeap.push(heapAfter - heapBefore);
  }
  return {
    phase: 'build',
    buildMs: builds,
    buildMedianMs: median(builds),
    buildCpuMedianMs: median(buildsCpu),
    firstLintMedianMs: median(firsts),
    cachedLintMedianMs: median(seconds),
    coldFirstMs,
    indexHeapMedianBytes: median(retainedHeap),
  };
}

async function measureWarm(root, entityFile, { iterations, warmup }) {
  const filePath = path.join(root, entityFile);
  const text = readFileSync(filePath, 'utf8');
  // on: the default (directories watched, stats only after a change); restat: cacheLifetime 0, every
  // lint stats every model and migration, which is also what a lint after a change costs at least.
  const instances = { on: createEslint(root, 'on'), off: createEslint(root, 'off'), restat: createEslint(root, 'on', { cacheLifetime: 0 }) };
  const modes = Object.keys(instances);
  let problems;
  for (let iteration = 0; iteration < warmup; iteration++) {
    await instances.off.lintText(text, { filePath });
    await instances.restat.lintText(text, { filePath });
    problems = countProblems(await instances.on.lintText(text, { filePath }));
  }
  const times = { on: [], off: [], restat: [] };
  for (let iteration = 0; iteration < iterations; iteration++) {
    // Rotate the order so no mode always follows the same one.
    for (let position = 0; position < modes.length; position++) {
      const mode = modes[(iteration + position) % modes.length];
      collectGarbage();
      const started = performance.now();
      await instances[mode].lintText(text, { filePath });
      times[mode].push(performance.now() - started);
    }
  }
  const onMedianMs = median(times.on);
  const offMedianMs = median(times.off);
  const restatMedianMs = median(times.restat);
  return {
    phase: 'warm',
    singleRun: process.env.ORM_GUARD_SINGLE_RUN,
    onMedianMs,
    offMedianMs,
    restatMedianMs,
    addedMedianMs: onMedianMs - offMedianMs,
    restatAddedMedianMs: restatMedianMs - offMedianMs,
    onP90Ms: percentile(times.on, 0.9),
    offP90Ms: percentile(times.off, 0.9),
    problems,
  };
}

function parseOptions(argv) {
  const options = { rounds: 3, reps: 3, iterations: 50, warmup: 20 };
  const positional = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument.startsWith('--')) options[argument.slice(2)] = Number(argv[++index]);
    else positional.push(argument);
  }
  return { positional, options };
}

const { positional, options } = parseOptions(process.argv.slice(2));
const [phase, projectRoot, entityFile] = positional;
if (projectRoot === undefined) {
  console.error('usage: node --expose-gc bench/measure.mjs full|build|warm <projectRoot> [entityFile] [--rounds n] [--reps n] [--iterations n] [--warmup n]');
  process.exit(2);
}
const root = path.resolve(projectRoot);
const entity = entityFile ?? JSON.parse(readFileSync(path.join(root, 'bench-manifest.json'), 'utf8')).entitySample;

let result;
if (phase === 'full') result = await measureFull(root, options);
else if (phase === 'build') result = await measureBuild(root, entity, options);
else if (phase === 'warm') result = await measureWarm(root, entity, options);
else {
  console.error(`unknown phase ${phase}`);
  process.exit(2);
}
// maxRSS is in kilobytes.
console.log(JSON.stringify({ ...result, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
