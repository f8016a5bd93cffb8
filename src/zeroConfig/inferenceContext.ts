import { parse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/utils';
import { collectImportBindings, type ImportBinding } from '../ast/importBindings.js';
import { buildModuleConstLookup, type ConstLookup } from '../ast/staticString.js';
import type { ProjectFileReader } from './projectFiles.js';
import { MODULE_EXTENSIONS, baseNameOf, joinRelative, normaliseRelative, parentOf } from './projectPaths.js';

/** A parsed config (or config-referenced) module. */
export interface ConfigModule {
  /** Root-relative POSIX path. */
  readonly path: string;
  readonly dir: string;
  /** The source text, for quoting expressions in notes. */
  readonly text: string;
  readonly program: TSESTree.Program;
  readonly lookup: ConstLookup;
  readonly bindings: ReadonlyMap<string, ImportBinding>;
}

export type ModuleResult = { readonly ok: true; readonly module: ConfigModule } | { readonly ok: false; readonly reason: string };

export type JsonResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

/** Configs import entity files, which import more: a hard cap keeps inference cheap on any repo. */
const MAX_PARSED_MODULES = 200;

export interface InferenceContextOptions {
  /** How many modules one run may parse (200 by default); what is past it is unreadable, never guessed. */
  readonly maxParsedModules?: number;
}

/** Everything one inference run shares: cached reads, parsed modules, and what it has to say. */
export class InferenceContext {
  readonly #reader: ProjectFileReader;
  readonly #texts = new Map<string, string | undefined>();
  readonly #listings = new Map<string, { name: string; isDirectory: boolean }[]>();
  readonly #modules = new Map<string, ModuleResult>();
  readonly #sources: string[] = [];
  readonly #notes: string[] = [];
  readonly #maxParsedModules: number;

  constructor(reader: ProjectFileReader, options: InferenceContextOptions = {}) {
    this.#reader = reader;
    this.#maxParsedModules = options.maxParsedModules ?? MAX_PARSED_MODULES;
  }

  get sources(): readonly string[] {
    return this.#sources;
  }

  get notes(): readonly string[] {
    return this.#notes;
  }

  note(message: string): void {
    if (!this.#notes.includes(message)) this.#notes.push(message);
  }

  addSource(relativePath: string): void {
    if (!this.#sources.includes(relativePath)) this.#sources.push(relativePath);
  }

  readText(relativePath: string): string | undefined {
    // Every path here is root-relative: one that climbs out of the root is never read.
    if (normaliseRelative(relativePath) === undefined) return undefined;
    if (!this.#texts.has(relativePath)) this.#texts.set(relativePath, safely(() => this.#reader.readText(relativePath), undefined));
    return this.#texts.get(relativePath);
  }

  list(directory: string): { name: string; isDirectory: boolean }[] {
    if (normaliseRelative(directory) === undefined) return [];
    let entries = this.#listings.get(directory);
    if (entries === undefined) {
      entries = safely(() => this.#reader.listDirectory(directory), []);
      // Sorted so every run reads candidates in the same order, whatever the file system returns.
      entries = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      this.#listings.set(directory, entries);
    }
    return entries;
  }

  /** 'file', 'directory' or undefined (missing) for a root-relative path. */
  entryKind(relativePath: string): 'file' | 'directory' | undefined {
    if (relativePath === '') return 'directory';
    const entry = this.list(parentOf(relativePath)).find((candidate) => candidate.name === baseNameOf(relativePath));
    if (entry === undefined) return undefined;
    return entry.isDirectory ? 'directory' : 'file';
  }

  /** Files (not directories) directly in `directory` whose name passes `test`, sorted by name. */
  filesIn(directory: string, test: (name: string) => boolean): string[] {
    return this.list(directory)
      .filter((entry) => !entry.isDirectory && test(entry.name))
      .map((entry) => (directory === '' ? entry.name : `${directory}/${entry.name}`));
  }

  /** Parses a JS/TS module once per run. Never throws: a missing or broken file is a reason. */
  loadModule(relativePath: string): ModuleResult {
    let result = this.#modules.get(relativePath);
    if (result === undefined) {
      result = this.#modules.size >= this.#maxParsedModules ? { ok: false, reason: 'too many modules were followed' } : this.#parseModule(relativePath);
      this.#modules.set(relativePath, result);
    }
    return result;
  }

  #parseModule(relativePath: string): ModuleResult {
    const text = this.readText(relativePath);
    if (text === undefined) return { ok: false, reason: 'its text could not be read' };
    try {
      const program = parse(text, { loc: true, range: true, comment: false, jsx: /\.[jt]sx$/u.test(relativePath) });
      const module: ConfigModule = {
        path: relativePath,
        dir: parentOf(relativePath),
        text,
        program,
        lookup: buildModuleConstLookup(program),
        bindings: collectImportBindings(program),
      };
      return { ok: true, module };
    } catch (error) {
      return { ok: false, reason: `it does not parse (${describeParseError(error)})` };
    }
  }

  /** JSON (or JSON with comments and trailing commas, like tsconfig.json). Never throws. */
  readJson(relativePath: string, { comments = false } = {}): JsonResult | undefined {
    const text = this.readText(relativePath);
    if (text === undefined) return this.entryKind(relativePath) === 'file' ? { ok: false, reason: 'its text could not be read' } : undefined;
    try {
      return { ok: true, value: JSON.parse(comments ? stripJsonComments(text) : text) as unknown };
    } catch (error) {
      // The engine's message differs between Node versions; the file name is what matters.
      return { ok: false, reason: error instanceof SyntaxError ? 'it is not valid JSON' : 'it could not be parsed' };
    }
  }

  /**
   * The file a relative import names, tried the way TypeScript and Node resolve it: as written,
   * `.js` written for a `.ts` source, then each extension, then `index.*` in the directory.
   */
  resolveRelativeModule(fromDirectory: string, specifier: string): string | undefined {
    const target = joinRelative(fromDirectory, specifier);
    if (target === undefined) return undefined;
    const candidates: string[] = [];
    const written = /\.([cm]?[jt]sx?)$/u.exec(target);
    if (written !== null) {
      candidates.push(target);
      const stem = target.slice(0, -written[0].length);
      const sourceExtension = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'], '.jsx': ['.tsx'] }[written[0]] ?? [];
      candidates.push(...sourceExtension.map((extension) => stem + extension));
    }
    candidates.push(...MODULE_EXTENSIONS.map((extension) => target + extension));
    candidates.push(...MODULE_EXTENSIONS.map((extension) => `${target === '' ? '' : `${target}/`}index${extension}`));
    return candidates.find((candidate) => this.entryKind(candidate) === 'file');
  }
}

function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback; // a reader is supposed not to throw; a faulty one must not break inference
  }
}

function describeParseError(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { message, lineNumber } = error as { message?: unknown; lineNumber?: unknown };
    const text = typeof message === 'string' ? (message.split('\n')[0] ?? message).replace(/\.$/u, '') : 'syntax error';
    return typeof lineNumber === 'number' ? `line ${lineNumber}: ${text}` : text;
  }
  return String(error);
}

/**
 * Removes `//` and `/* *\/` comments and trailing commas outside strings, which is all that
 * separates tsconfig.json's dialect from JSON.
 */
export function stripJsonComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    const next = text[i + 1];
    if (char === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (char === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (char === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
      out += ' ';
    } else {
      out += char;
      i++;
    }
  }
  return removeTrailingCommas(out);
}

/** Index just past the string literal starting at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return Math.min(i + 1, text.length);
}

function removeTrailingCommas(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    if (char === ',') {
      let j = i + 1;
      while (j < text.length && /\s/u.test(text[j] ?? '')) j++;
      if (text[j] === '}' || text[j] === ']') {
        i++;
        continue;
      }
    }
    out += char;
    i++;
  }
  return out;
}
