#!/usr/bin/env node
// The orm-guard benchmark: how much the plugin adds to a lint, at 1k, 4k and 8k files, for TypeORM
// and Drizzle projects. A benchmark, not a test: it prints figures and PASS/MISS against the
// targets, and exits 0 whatever they are.
//
//   npm run bench                                   (= npm run build && node bench/run.mjs)
//   node bench/run.mjs --sizes 1000,4000 --flavours typeorm [--rounds 3] [--json out.json]
//
// For each flavour x size, a project is generated (bench/generateProject.mjs, reused when up to
// date) and measured by bench/measure.mjs in fresh child processes, one per phase:
//   full   whole-project lint with the plugin's rules off and on (both over one trivial core
//          rule, see measure.mjs) and with no rule at all ("bare"), rotating order, `rounds`
//          rounds, medians; ORM_GUARD_SINGLE_RUN=true, as the CLI and CI infer.
//   build  project index build time (first lint of one entity file after clearCaches(), minus a
//          second lint of it), median of 3 after a warm-up.
//   warm   editor mode (ORM_GUARD_SINGLE_RUN=false): one entity file re-linted 50 times with
//          lintText after 20 warm-up lints, median added ms vs rules off, with the default
//          cacheLifetime (directories watched) and with cacheLifetime 0 (restat: every lint stats
//          every model and migration, the floor of a lint right after a change).
// Full and build also record process CPU time, a cross-check when other processes share the
// machine (the load average is printed). dist/ is copied once at the start (plugin-dist), so every
// measurement uses the same build even if dist/ is rebuilt meanwhile. See docs/performance.md.

import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import console from 'node:console';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { FLAVOURS, GENERATED_DIR, generateProject, snapshotPlugin } from './generateProject.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const MEASURE = path.join(BENCH_DIR, 'measure.mjs');
const DEFAULT_SIZES = [1000, 4000, 8000];

const TARGETS = {
  ratio: { limit: 1.05, size: 8000, text: 'lint time ratio on/off <= 1.05 at 8k files' },
  warm: { limit: 2, text: 'warm re-lint of one entity file adds <= 2 ms' },
  linearity: { limit: 2.2, text: 'index build at 8k <= 2.2x the build at 4k' },
};

function parseArguments(argv) {
  const options = { sizes: DEFAULT_SIZES, flavours: FLAVOURS, rounds: 3, iterations: 50, json: path.join(GENERATED_DIR, 'results.json') };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const value = () => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`${argument} needs a value`);
      return next;
    };
    if (argument === '--sizes') options.sizes = value().split(',').map(Number);
    else if (argument === '--flavours' || argument === '--flavors') options.flavours = value().split(',');
    else if (argument === '--rounds') options.rounds = Number(value());
    else if (argument === '--iterations') options.iterations = Number(value());
    else if (argument === '--json') options.json = path.resolve(value());
    else throw new Error(`unknown argument ${argument} (expected --sizes, --flavours, --rounds, --iterations, --json)`);
  }
  for (const flavour of options.flavours) if (!FLAVOURS.includes(flavour)) throw new Error(`unknown flavour ${flavour}`);
  for (const size of options.sizes) if (!Number.isInteger(size) || size < 40) throw new Error(`bad size ${size}`);
  return options;
}

/** Runs one measurement in a fresh Node process and returns its JSON line. */
function runChild(args, singleRun) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', MEASURE, ...args], {
      env: { ...process.env, ORM_GUARD_SINGLE_RUN: singleRun ? 'true' : 'false' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0) reject(new Error(`measure.mjs ${args.join(' ')} exited with ${code}`));
      else resolve(JSON.parse(line));
    });
  });
}

function machine() {
  const cpus = os.cpus();
  return {
    node: process.version,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${os.platform()} ${os.release()}`,
    date: new Date().toISOString(),
  };
}

async function measureProject(flavour, size, options) {
  const started = performance.now();
  const manifest = generateProject({ flavour, files: size });
  const full = await runChild(['full', manifest.root, '--rounds', String(options.rounds)], true);
  const build = await runChild(['build', manifest.root, manifest.entitySample], true);
  const warm = await runChild(['warm', manifest.root, manifest.entitySample, '--iterations', String(options.iterations)], false);
  const reported = full.problemsOn.byRule['orm-guard/entity-has-migration'] ?? 0;
  const otherReports = Object.entries(full.problemsOn.byRule).filter(([rule]) => rule !== 'orm-guard/entity-has-migration');
  return {
    flavour,
    size,
    lintedFiles: full.lintedFiles,
    entities: manifest.entities,
    migrations: manifest.migrations,
    expectedReports: manifest.missing.length,
    reported,
    parseErrors: full.problemsOn.fatal + full.problemsOff.fatal,
    offMs: full.offMedianMs,
    onMs: full.onMedianMs,
    ratio: full.onMedianMs / full.offMedianMs,
    cpuRatio: full.onCpuMedianMs / full.offCpuMedianMs,
    bareMs: full.bareMedianMs,
    bareRatio: full.onMedianMs / full.bareMedianMs,
    bareCpuRatio: full.onCpuMedianMs / full.bareCpuMedianMs,
    bareRounds: full.bareMs,
    bareCpuRounds: full.bareCpuMs,
    offRounds: full.offMs,
    onRounds: full.onMs,
    offCpuRounds: full.offCpuMs,
    onCpuRounds: full.onCpuMs,
    otherReports,
    buildMs: build.buildMedianMs,
    buildCpuMs: build.buildCpuMedianMs,
    buildRuns: build.buildMs,
    cachedEntityLintMs: build.cachedLintMedianMs,
    indexHeapMb: build.indexHeapMedianBytes / 1024 ** 2,
    warmAddedMs: warm.addedMedianMs,
    restatAddedMs: warm.restatAddedMedianMs,
    warmOnP90Ms: warm.onP90Ms,
    warmOnMs: warm.onMedianMs,
    warmOffMs: warm.offMedianMs,
    peakRssMb: full.maxRssMb,
    loadAverage: os.loadavg()[0],
    seconds: (performance.now() - started) / 1000,
  };
}

const fixed = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const verdict = (ok) => (ok ? 'PASS' : 'MISS');

function printTable(rows) {
  const header = ['flavour', 'files', 'linted', 'off ms', 'on ms', 'on/off', 'on/off cpu', 'on/bare cpu', 'build ms', 'build cpu', 'warm +ms', 'restat +ms', 'peak RSS MB', 'reports', 'load'];
  const lines = rows.map((row) => [
    row.flavour,
    String(row.size),
    String(row.lintedFiles),
    fixed(row.offMs),
    fixed(row.onMs),
    fixed(row.ratio, 3),
    fixed(row.cpuRatio, 3),
    fixed(row.bareCpuRatio, 3),
    fixed(row.buildMs),
    fixed(row.buildCpuMs),
    fixed(row.warmAddedMs, 2),
    fixed(row.restatAddedMs, 2),
    fixed(row.peakRssMb),
    `${row.reported}/${row.expectedReports}`,
    fixed(row.loadAverage, 1),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const format = (cells) => `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
  console.log(format(header));
  console.log(`|${widths.map((width, column) => (column === 0 ? `:${'-'.repeat(width + 1)}` : `${'-'.repeat(width + 1)}:`)).join('|')}|`);
  for (const line of lines) console.log(format(line));
}

/** PASS/MISS per target and flavour; targets at sizes that were not run are judged at the largest size run. */
function evaluateTargets(rows) {
  const verdicts = [];
  for (const flavour of new Set(rows.map((row) => row.flavour))) {
    const ofFlavour = rows.filter((row) => row.flavour === flavour).sort((a, b) => a.size - b.size);
    const largest = ofFlavour.at(-1);
    const ratioRow = ofFlavour.find((row) => row.size === TARGETS.ratio.size) ?? largest;
    verdicts.push({
      flavour,
      target: TARGETS.ratio.text,
      value: `${fixed(ratioRow.ratio, 3)} at ${ratioRow.size} (CPU time: ${fixed(ratioRow.cpuRatio, 3)})`,
      ok: ratioRow.ratio <= TARGETS.ratio.limit,
    });
    const worstWarm = ofFlavour.reduce((worst, row) => (row.warmAddedMs > worst.warmAddedMs ? row : worst));
    verdicts.push({
      flavour,
      target: TARGETS.warm.text,
      value: `${fixed(worstWarm.warmAddedMs, 2)} ms at ${worstWarm.size} (worst size)`,
      ok: worstWarm.warmAddedMs <= TARGETS.warm.limit,
    });
    const build4k = ofFlavour.find((row) => row.size === 4000);
    const build8k = ofFlavour.find((row) => row.size === 8000);
    if (build4k && build8k) {
      const linearity = build8k.buildMs / build4k.buildMs;
      const cpuLinearity = build8k.buildCpuMs / build4k.buildCpuMs;
      verdicts.push({
        flavour,
        target: TARGETS.linearity.text,
        value: `build(8k)/build(4k) = ${fixed(build8k.buildMs)}/${fixed(build4k.buildMs)} ms = ${fixed(linearity, 2)} (CPU time: ${fixed(cpuLinearity, 2)})`,
        ok: linearity <= TARGETS.linearity.limit,
        linearity,
        cpuLinearity,
      });
    } else {
      verdicts.push({ flavour, target: TARGETS.linearity.text, value: 'not measured (needs sizes 4000 and 8000)', ok: undefined });
    }
  }
  return verdicts;
}

function saveResults(file, content) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const info = machine();
  const started = performance.now();
  console.log(`orm-guard benchmark: node ${info.node}, ${info.cpu}, ${info.cores} cores, ${info.memoryGb} GB, ${info.date}`);
  console.log(`sizes ${options.sizes.join(', ')}; flavours ${options.flavours.join(', ')}; ${options.rounds} rounds of full lints (median), ${options.iterations} warm re-lints; load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}\n`);
  snapshotPlugin();
  const rows = [];
  const failures = [];
  for (const size of options.sizes) {
    for (const flavour of options.flavours) {
      process.stderr.write(`measuring ${flavour} ${size}... `);
      try {
        const row = await measureProject(flavour, size, options);
        process.stderr.write(`${fixed(row.seconds, 1)} s (on/off ${fixed(row.ratio, 3)})\n`);
        rows.push(row);
      } catch (error) {
        process.stderr.write('failed\n');
        failures.push(`${flavour} ${size}: ${error instanceof Error ? error.message : String(error)}`);
      }
      saveResults(options.json, { machine: info, options: { ...options, json: undefined }, rows, failures, partial: true });
    }
  }
  if (rows.length === 0) {
    console.log(`every measurement failed:\n  ${failures.join('\n  ')}`);
    return;
  }
  rows.sort((a, b) => a.flavour.localeCompare(b.flavour) || a.size - b.size);
  console.log('');
  printTable(rows);
  const verdicts = evaluateTargets(rows);
  console.log('\ntargets:');
  for (const item of verdicts) console.log(`  ${item.ok === undefined ? 'n/a ' : verdict(item.ok)}  ${item.flavour.padEnd(8)} ${item.target}: ${item.value}`);
  const suspicious = rows.filter((row) => row.reported !== row.expectedReports || row.parseErrors > 0);
  for (const row of suspicious) console.log(`  note: ${row.flavour} ${row.size}: ${row.reported} entity-has-migration reports for ${row.expectedReports} entities without migration, ${row.parseErrors} parse errors`);
  for (const row of rows.filter((each) => each.otherReports.length > 0)) console.log(`  note: ${row.flavour} ${row.size}: unexpected reports ${JSON.stringify(row.otherReports)}`);
  for (const failure of failures) console.log(`  failed: ${failure}`);
  const seconds = (performance.now() - started) / 1000;
  console.log(`\ntotal ${fixed(seconds / 60, 1)} min; load average at the end ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}`);
  saveResults(options.json, { machine: info, options: { ...options, json: undefined }, rows, verdicts, failures, seconds });
  console.log(`raw figures: ${path.relative(process.cwd(), options.json)}`);
}

await main();
