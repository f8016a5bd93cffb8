#!/usr/bin/env node
// Summarises a V8 .cpuprofile (from `node --cpu-prof`): top functions by self time, self time by
// package, and the time spent inside the plugin (any sample with a dist/ frame on its stack),
// split by the plugin function closest to the top of the stack (its entry point from ESLint).
//
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/measure.mjs full <root> --rounds 1
// (without --expose-gc: the forced collections between timed lints would dominate the profile)
//   node bench/profileSummary.mjs /tmp/prof/*.cpuprofile [--top 30]

import { readFileSync } from 'node:fs';
import console from 'node:console';
import process from 'node:process';

function parseArguments(argv) {
  const options = { files: [], top: 30 };
  for (let index = 0; index < argv.length; index++) {
    if (argv[index] === '--top') options.top = Number(argv[++index]);
    else options.files.push(argv[index]);
  }
  return options;
}

/** Which package (or part of the plugin) a frame belongs to. */
function categoryOf(url) {
  if (url === '') return '(native/gc)';
  const plugin = /dist\/((?:src|rules)\/(?:[^/]+\/)?)/u.exec(url);
  if (plugin && !url.includes('node_modules')) return `plugin ${plugin[1]}`;
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/u.exec(url);
  if (module) return module[1];
  if (url.startsWith('node:')) return 'node internals';
  return url.replace(/^file:\/\//u, '');
}

function isPluginFrame(node) {
  const url = node.callFrame.url;
  // dist/ or the benchmark's copy of it (<tmp>/orm-guard-bench/plugin-dist/).
  return /dist\/(?:src|rules)\//u.test(url) && !url.includes('node_modules');
}

function label(node) {
  const { functionName, url, lineNumber } = node.callFrame;
  const short = url.replace(/^file:\/\//u, '').replace(/^.*\/(?:plugin-)?(dist|node_modules)\//u, '$1/');
  return `${functionName || '(anonymous)'} ${short}:${lineNumber + 1}`;
}

function summarise(profile, top) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const selfMs = new Map();
  for (let index = 0; index < profile.samples.length; index++) {
    const id = profile.samples[index];
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  }
  const totalMs = [...selfMs.values()].reduce((sum, value) => sum + value, 0);

  const byFunction = new Map();
  const byCategory = new Map();
  const pluginEntry = new Map();
  const pluginInclusive = new Map();
  let insidePlugin = 0;
  for (const [id, ms] of selfMs) {
    const node = nodes.get(id);
    const key = label(node);
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    const category = categoryOf(node.callFrame.url);
    byCategory.set(category, (byCategory.get(category) ?? 0) + ms);
    // The outermost plugin frame on the stack: where ESLint called into the plugin.
    let outermost;
    const onStack = new Set();
    for (let current = id; current !== undefined; current = parents.get(current)) {
      const frame = nodes.get(current);
      if (isPluginFrame(frame)) {
        outermost = frame;
        onStack.add(label(frame));
      }
    }
    for (const key of onStack) pluginInclusive.set(key, (pluginInclusive.get(key) ?? 0) + ms);
    if (outermost) {
      insidePlugin += ms;
      const entry = label(outermost);
      pluginEntry.set(entry, (pluginEntry.get(entry) ?? 0) + ms);
    }
  }

  const table = (map, count) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([key, ms]) => `  ${ms.toFixed(1).padStart(9)} ms ${((100 * ms) / totalMs).toFixed(1).padStart(5)}%  ${key}`)
      .join('\n');
  console.log(`total sampled: ${totalMs.toFixed(0)} ms; inside the plugin (inclusive): ${insidePlugin.toFixed(0)} ms (${((100 * insidePlugin) / totalMs).toFixed(1)}%)`);
  console.log(`\nself time by package:\n${table(byCategory, 15)}`);
  console.log(`\ninclusive time by the plugin's outermost frame (entry from ESLint):\n${table(pluginEntry, 12)}`);
  console.log(`\ninclusive time by plugin function (self + callees, any depth):\n${table(pluginInclusive, top)}`);
  console.log(`\ntop ${top} functions by self time:\n${table(byFunction, top)}`);
}

const { files, top } = parseArguments(process.argv.slice(2));
if (files.length === 0) {
  console.error('usage: node bench/profileSummary.mjs <file.cpuprofile>... [--top n]');
  process.exit(2);
}
for (const file of files) {
  console.log(`== ${file}`);
  summarise(JSON.parse(readFileSync(file, 'utf8')), top);
}
