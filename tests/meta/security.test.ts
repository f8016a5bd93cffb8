/**
 * The guarantees of SECURITY.md, checked on the code itself: no process spawning, no network, no
 * dynamic code loading or evaluation, and file-system access through read-only functions, in the
 * sources (src/, rules/) and in the published build (dist/). Then a real ESLint run over a project
 * whose config files would leave a mark (and exit) if anything loaded them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@typescript-eslint/typescript-estree';
import { AST_NODE_TYPES as T, type TSESTree } from '@typescript-eslint/utils';
import { ESLint } from 'eslint';
import { afterEach, describe, expect, it } from 'vitest';
import plugin, { clearCaches } from '../../src/index.js';
import { copyFixtureToTemp } from '../support/tempProject.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Modules that spawn processes, open sockets, or run code. */
const FORBIDDEN_MODULES = [
  'child_process',
  'cluster',
  'worker_threads',
  'http',
  'https',
  'http2',
  'net',
  'tls',
  'dgram',
  'dns',
  'vm',
  'inspector',
  'module',
  'undici',
];
/** The only file-system functions the plugin may import: it reads, never writes. */
const READ_ONLY_FS = new Set([
  'readFileSync',
  'readdirSync',
  'statSync',
  'lstatSync',
  'existsSync',
  'realpathSync',
  'Dirent',
  // Change notifications for directories already read (long-lived processes): nothing is written.
  'watch',
  'FSWatcher',
]);
/** Globals that reach the network or evaluate strings as code. */
const FORBIDDEN_CALLS = new Set(['eval', 'Function', 'fetch', 'WebSocket', 'XMLHttpRequest', 'EventSource', 'require']);

function bareModule(source: string): string {
  return source.replace(/^node:/u, '').split('/')[0] ?? source;
}

/** Every forbidden construct of one module's text, as "line: what". */
export function findForbidden(text: string, jsx = false): string[] {
  const program = parse(text, { loc: true, jsx, comment: false });
  const found: string[] = [];
  const flag = (node: TSESTree.Node, what: string): void => {
    found.push(`${node.loc.start.line}: ${what}`);
  };
  const checkSource = (node: TSESTree.Node, source: string): void => {
    const bare = bareModule(source);
    if (FORBIDDEN_MODULES.includes(bare)) flag(node, `imports ${source}`);
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (typeof node !== 'object' || node === null || typeof (node as { type?: unknown }).type !== 'string') return;
    const current = node as TSESTree.Node;
    switch (current.type) {
      case T.ImportDeclaration: {
        const source = current.source.value;
        checkSource(current, source);
        if (bareModule(source) === 'fs') {
          for (const specifier of current.specifiers) {
            if (specifier.type !== T.ImportSpecifier) flag(current, `imports all of ${source}`);
            else {
              const imported = specifier.imported.type === T.Identifier ? specifier.imported.name : specifier.imported.value;
              if (!READ_ONLY_FS.has(imported)) flag(current, `imports ${imported} from ${source}`);
            }
          }
        }
        break;
      }
      case T.ExportAllDeclaration:
      case T.ExportNamedDeclaration:
        if (current.source !== null && current.source !== undefined) checkSource(current, current.source.value);
        break;
      case T.ImportExpression:
        flag(current, current.source.type === T.Literal ? 'import() of a literal' : 'import() of a computed module');
        break;
      case T.CallExpression:
      case T.NewExpression: {
        const callee = current.callee;
        const name =
          callee.type === T.Identifier
            ? callee.name
            : callee.type === T.MemberExpression && callee.property.type === T.Identifier && callee.object.type === T.Identifier && ['globalThis', 'window', 'global', 'process'].includes(callee.object.name)
              ? callee.property.name
              : undefined;
        if (name !== undefined && FORBIDDEN_CALLS.has(name)) flag(current, `calls ${name}()`);
        const onProcess = callee.type === T.MemberExpression && callee.object.type === T.Identifier && callee.object.name === 'process';
        if (onProcess && name !== undefined && ['binding', 'dlopen'].includes(name)) flag(current, `calls process.${name}()`);
        break;
      }
      default:
        break;
    }
    for (const [key, value] of Object.entries(current)) if (key !== 'parent' && key !== 'loc' && key !== 'range') visit(value);
  };
  visit(program);
  return found;
}

function sourceFiles(directory: string, extensions: RegExp): string[] {
  const absolute = path.join(ROOT, directory);
  return readdirSync(absolute, { recursive: true, encoding: 'utf8' })
    .filter((file) => extensions.test(file) && !file.endsWith('.d.ts'))
    .map((file) => path.join(directory, file));
}

describe('the scanner', () => {
  it('finds each forbidden construct (so a clean result means something)', () => {
    const text = [
      "import { exec } from 'node:child_process';",
      "import https from 'https';",
      "import { connect } from 'node:net';",
      "import { writeFileSync } from 'node:fs';",
      "import * as fs from 'fs';",
      "export * from 'node:vm';",
      'const m = await import(name);',
      "require('./x');",
      'eval(code);',
      "new Function('return 1');",
      "await fetch('https://example.com');",
      "globalThis.fetch('https://example.com');",
      "process.binding('fs');",
    ].join('\n');
    expect(findForbidden(text)).toEqual([
      '1: imports node:child_process',
      '2: imports https',
      '3: imports node:net',
      '4: imports writeFileSync from node:fs',
      '5: imports all of fs',
      '6: imports node:vm',
      '7: import() of a computed module',
      '8: calls require()',
      '9: calls eval()',
      '10: calls Function()',
      '11: calls fetch()',
      '12: calls fetch()',
      '13: calls process.binding()',
    ]);
  });

  it('does not flag what only mentions those names (comments, strings, property names)', () => {
    expect(findForbidden("// require('x'), eval(code), fetch()\nconst text = 'import(x)';\nconst o = { eval: 1, fetch: 2 };\no.fetch;\nbinding(x);\n")).toEqual([]);
  });
});

describe('the plugin code', () => {
  const sources = [...sourceFiles('src', /\.tsx?$/u), ...sourceFiles('rules', /\.ts$/u)];

  it('covers every source file', () => {
    expect(sources.length).toBeGreaterThan(50);
  });

  for (const file of sources) {
    it(`${file}: no process, network, dynamic loading or evaluation; read-only fs`, () => {
      expect(findForbidden(readFileSync(path.join(ROOT, file), 'utf8'), file.endsWith('x'))).toEqual([]);
    });
  }

  it('the published build (dist/, made by npm run build before the tests) is as clean as the sources', () => {
    expect(existsSync(path.join(ROOT, 'dist')), 'run npm run build first').toBe(true);
    const built = sourceFiles('dist', /\.js$/u);
    expect(built.length).toBeGreaterThan(50);
    const problems = built.flatMap((file) => findForbidden(readFileSync(path.join(ROOT, file), 'utf8')).map((problem) => `${file}:${problem}`));
    expect(problems).toEqual([]);
  });
});

describe('linting a project whose configs and entities have side effects', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('reads them statically: nothing they would do when loaded happens', async () => {
    const project = copyFixtureToTemp('zero-config-side-effects');
    cleanup = project.remove;
    clearCaches();
    const eslint = new ESLint({
      cwd: project.root,
      overrideConfigFile: true,
      overrideConfig: [plugin.configs.strict, { settings: { 'orm-guard': { rootDir: project.root } } }],
    });
    const results = await eslint.lintFiles(['**/*.{ts,js}']);
    expect(results.map((result) => path.relative(project.root, result.filePath)).sort()).toEqual([
      'db/migrations/20240101000000_accounts.js',
      'knexfile.js',
      'src/data-source.ts',
      'src/entity/Account.ts',
    ]);
    // The entity was checked against the Knex migration read from the inferred folder: its table exists.
    expect(results.flatMap((result) => result.messages.filter((message) => message.ruleId?.startsWith('orm-guard/')))).toEqual([]);
    // Each file writes its marker (and exits the process) when it is loaded.
    for (const marker of ['KNEXFILE_WAS_EXECUTED', 'DATA_SOURCE_WAS_EXECUTED', 'ENTITY_WAS_EXECUTED']) {
      expect(existsSync(path.join(project.root, marker)), marker).toBe(false);
    }
  });
});
