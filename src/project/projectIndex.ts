import path from 'node:path';
import { parseModule } from '../ast/parseModule.js';
import type { TSESTree } from '@typescript-eslint/utils';
import { collectImportBindings, type ImportBinding } from '../ast/importBindings.js';
import { detectEntities, mayDeclareEntities } from '../entities/detectEntities.js';
import type { EntityDeclaration } from '../entities/entityDeclaration.js';
import type { ConstLookup } from '../ast/staticString.js';
import { createValueLookup, type StaticValue } from '../ast/staticValue.js';
import type { NamingOptions } from '../entities/detectionContext.js';
import { describeParseError, readMigrationFile } from '../migrations/readMigrationFile.js';
import { readDrizzleJournal } from '../migrations/drizzleJournal.js';
import type { MigrationEvent, MigrationFileFacts, SkippedStatement } from '../schema/ddlEvent.js';
import { replayMigrations, type ReplayedSchema } from '../schema/replayMigrations.js';
import type { MigrationSetConfig, ScopeConfig } from '../settings/settingsShape.js';
import { readRegistrations, type Registrations } from '../registration/readRegistrations.js';
import { inferProjectConfig, type InferredConfig } from '../zeroConfig/inferProjectConfig.js';
import { createConfiguredValuesLookup } from './configuredValues.js';
import { debugLog } from './debugLog.js';
import { changeCount, enableDirectoryWatch, isWatching, WATCHED_REVALIDATION_MS, watchFailure } from './directoryWatch.js';
import { DirectoryListingCache, FileFactsCache, readTextFile, statFile } from './fileStateCache.js';
import { createGlobMatcher } from './globMatcher.js';
import { listProjectFiles } from './listProjectFiles.js';
import { compareMigrationPaths, orderMigrationFiles, type OrderedMigrations } from './migrationOrder.js';
import { readModuleExports, type ModuleExports } from './moduleExports.js';
import { RecordingFileReader } from './recordingFileReader.js';
import { readRegistryOrder } from './registryOrder.js';
import { revalidationPolicy } from './singleRun.js';

/** A migrations-glob file that could not be read: named in the messages it could affect. */
export interface UnreadableFile {
  readonly file: string;
  readonly reason: string;
}

/**
 * What reading a module's entities took from other modules: each import resolved (to which file) and
 * each module's exports consulted (by the facts object, the same one while the file is unchanged).
 */
interface ModuleDependencies {
  readonly resolutions: { readonly fromDirectory: string; readonly source: string; readonly file: string | undefined }[];
  readonly exports: Map<string, ModuleExports | undefined>;
}

/** What the index keeps of one file in the models location. */
interface ModelFileFacts {
  readonly entities: readonly EntityDeclaration[];
  /** Why the file could not be read or parsed; its entities, if any, are unknown then. */
  readonly unreadable: string | undefined;
  /** Set when the entities depend on constants imported from other project modules. */
  readonly dependencies?: ModuleDependencies | undefined;
}

const NO_ENTITIES: ModelFileFacts = { entities: [], unreadable: undefined };

export interface SkippedInFile extends SkippedStatement {
  readonly file: string;
}

/** One migration set, replayed, as of the last revalidation. */
export interface MigrationsSnapshot {
  readonly set: MigrationSetConfig;
  readonly schema: ReplayedSchema;
  /** Root-relative paths of the files read as migrations, in replay order. */
  readonly migrationFiles: readonly string[];
  readonly unreadable: readonly UnreadableFile[];
  readonly skipped: readonly SkippedInFile[];
}

/** A scope's configuration with everything not written in the settings inferred from the project. */
export interface EffectiveScope {
  readonly name: string | undefined;
  /** Absolute, POSIX. */
  readonly rootDir: string;
  readonly models: readonly string[];
  readonly migrationSets: readonly MigrationSetConfig[];
  readonly ignore: readonly string[];
  readonly naming: NamingOptions;
  /** What zero-config inference found, when it ran. */
  readonly inferred: InferredConfig | undefined;
}

interface ReadMigration {
  readonly file: string;
  readonly facts: MigrationFileFacts;
}

interface CachedSnapshot {
  generation: number;
  readonly read: readonly ReadMigration[];
  readonly snapshot: MigrationsSnapshot;
}

/** An entity found by the index, with its file relative to the scope root. */
export interface IndexedEntity extends EntityDeclaration {
  readonly file: string;
}

const SCRIPT_FILE = /\.(?:[cm]?[jt]s|tsx|jsx)$/u;

const MODULE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** How far re-exports (`export * from`) are followed. */
const MAX_RE_EXPORT_DEPTH = 5;

export interface ScopeIndexOptions {
  /** The project root: files outside it are never read. */
  readonly projectRoot: string;
  readonly cacheLifetime: number | undefined;
  readonly debug: boolean;
}

/**
 * Everything the rules need to know about files other than the one being linted, for one scope:
 * built once per process and revalidated cheaply (directory listings by directory mtime, files by
 * mtime + size). Keeps facts only, never ASTs.
 */
export class ScopeIndex {
  readonly #listings = new DirectoryListingCache();
  readonly configuredValues: ConstLookup;
  readonly #migrationFacts: FileFactsCache<MigrationFileFacts>;
  readonly #moduleExports = new FileFactsCache<ModuleExports>(
    (_path, text) => readModuleExports(text),
    () => ({ values: new Map(), reExports: [] }),
  );
  readonly #journals = new FileFactsCache<readonly string[] | undefined>(
    (_path, text) => {
      const journal = readDrizzleJournal(text);
      return 'tags' in journal ? journal.tags : undefined;
    },
    () => undefined,
  );
  readonly #registries = new FileFactsCache<readonly string[]>(
    (_path, text) => readRegistryOrder(text),
    () => [],
  );
  readonly #lifetimeMs: number;
  /** Long-lived with the default lifetime: revalidate when a watched directory changed (see directoryWatch). */
  readonly #watched: boolean;
  #generation = 0;
  #checkedAt = -Infinity;
  #seenChanges = -1;
  #toldNotWatching = false;
  #scope: { generation: number; value: EffectiveScope; reader: RecordingFileReader | undefined } | undefined;
  readonly #snapshots = new Map<string, CachedSnapshot>();
  readonly #unlistableByCode = new Map<string, MigrationFileFacts>();
  readonly #orders = new Map<
    string,
    { listing: string; registry: readonly string[] | undefined; journals: ReadonlyMap<string, readonly string[] | undefined>; order: OrderedMigrations }
  >();
  #registrations: { generation: number; value: Registrations; reader: RecordingFileReader } | undefined;
  readonly #entityFacts = new FileFactsCache<ModelFileFacts>(
    (absolutePath, text) => this.#readEntities(absolutePath, text),
    (reason) => ({ entities: [], unreadable: reason }),
    readTextFile,
    true,
  );
  readonly #globMatchesAny = new Map<string, { generation: number; value: boolean }>();
  /** While a model file is read: what it takes from other modules (see ModuleDependencies). */
  #recording: ModuleDependencies | undefined;
  #entities:
    | {
        generation: number;
        naming: NamingOptions;
        perFile: readonly { file: string; facts: ModelFileFacts }[];
        value: readonly IndexedEntity[];
        unreadable: readonly UnreadableFile[];
      }
    | undefined;

  constructor(
    readonly rootDir: string,
    readonly config: ScopeConfig,
    readonly options: ScopeIndexOptions,
  ) {
    const revalidation = revalidationPolicy(options.cacheLifetime);
    this.#lifetimeMs = revalidation.lifetimeMs;
    this.#watched = revalidation.watched;
    if (this.#watched) enableDirectoryWatch();
    this.configuredValues = createConfiguredValuesLookup(config);
    const globals = { globals: this.configuredValues };
    this.#migrationFacts = new FileFactsCache<MigrationFileFacts>(
      (absolutePath, text) => readMigrationFile(absolutePath, text, globals),
      (reason) => ({ kind: 'unreadable', reason }),
      readTextFile,
      true,
    );
  }

  /**
   * Starts a lint: everything is revalidated on next use when the cache lifetime has passed, or,
   * watching, when a watched directory changed since the last revalidation (or a while has passed).
   */
  refresh(): void {
    const now = Date.now();
    if (this.#watched && isWatching()) {
      const changes = changeCount();
      if (changes === this.#seenChanges && now - this.#checkedAt < WATCHED_REVALIDATION_MS) return;
      // Read before revalidating: a change during the revalidation moves the counter again.
      this.#seenChanges = changes;
    } else if (now - this.#checkedAt < this.#lifetimeMs) {
      return;
    }
    if (this.#watched && this.options.debug && !isWatching() && !this.#toldNotWatching) {
      this.#toldNotWatching = true;
      debugLog(`not watching directories (${watchFailure() ?? 'not on this platform'}): the index is revalidated by stats before every lint`);
    }
    this.#generation++;
    this.#checkedAt = now;
  }

  /** The scope's models, migration sets and naming, explicit settings first, then inferred. */
  scope(): EffectiveScope {
    const cached = this.#scope;
    if (cached !== undefined) {
      if (cached.generation === this.#generation) return cached.value;
      if (cached.reader === undefined || cached.reader.isUnchanged()) {
        cached.generation = this.#generation;
        return cached.value;
      }
    }
    const { value, reader } = this.#computeScope();
    this.#scope = { generation: this.#generation, value, reader };
    if (this.options.debug) logScope(value);
    return value;
  }

  #computeScope(): { value: EffectiveScope; reader: RecordingFileReader | undefined } {
    const { config } = this;
    const needsInference =
      config.models === undefined ||
      config.migrationSets === undefined ||
      config.sequelize.freezeTableName === undefined ||
      config.sequelize.underscored === undefined;
    const reader = needsInference ? new RecordingFileReader(this.rootDir, this.#listings) : undefined;
    const inferred = reader === undefined ? undefined : inferProjectConfig(reader);
    const inferredSets: MigrationSetConfig[] = inferred === undefined || inferred.migrations.length === 0 ? [] : [{ name: undefined, globs: inferred.migrations }];
    const value: EffectiveScope = {
      name: config.name,
      rootDir: this.rootDir,
      models: config.models ?? inferred?.models ?? [],
      migrationSets: config.migrationSets ?? inferredSets,
      ignore: config.ignore,
      naming: {
        sequelize: {
          freezeTableName: config.sequelize.freezeTableName ?? inferred?.sequelizeDefine?.freezeTableName ?? false,
          underscored: config.sequelize.underscored ?? inferred?.sequelizeDefine?.underscored ?? false,
        },
        typeorm: { entityPrefix: inferred?.entityPrefix },
      },
      inferred,
    };
    return { value, reader };
  }

  /**
   * Every entity declared in the scope's models location(s), read statically and cached per file.
   * Files in no models glob are not read: entity-location is what reports those.
   */
  entities(): readonly IndexedEntity[] {
    const scope = this.scope();
    const cached = this.#entities;
    if (cached !== undefined && cached.generation === this.#generation && cached.naming === scope.naming) return cached.value;
    if (cached !== undefined && cached.naming !== scope.naming) this.#entityFacts.clear();
    const files = listProjectFiles({
      rootDir: this.rootDir,
      globs: scope.models,
      include: createGlobMatcher(scope.models),
      ignore: createGlobMatcher(this.config.ignore),
      listings: this.#listings,
    }).sort();
    const perFile = files.map((file) => ({ file, facts: this.#currentEntityFacts(`${this.rootDir}/${file}`) ?? NO_ENTITIES }));
    const unchanged = cached !== undefined && cached.perFile.length === perFile.length && cached.perFile.every((entry, index) => entry.file === perFile[index]?.file && entry.facts === perFile[index]?.facts);
    const value = unchanged ? cached.value : perFile.flatMap(({ file, facts }) => facts.entities.map((entity) => ({ ...entity, file })));
    const unreadable = unchanged ? cached.unreadable : perFile.flatMap(({ file, facts }) => (facts.unreadable === undefined ? [] : [{ file, reason: facts.unreadable }]));
    this.#entities = { generation: this.#generation, naming: scope.naming, perFile, value, unreadable };
    return value;
  }

  /**
   * The entities the index found in a model file when ESLint's text of it is the text on disk, if
   * the index has read the models during this lint already (it is not built for this alone).
   */
  savedEntities(file: string, text: string): readonly EntityDeclaration[] | undefined {
    const cached = this.#entities;
    if (cached?.generation !== this.#generation || cached.naming !== this.scope().naming) return undefined;
    const facts = this.#entityFacts.factsForText(`${this.rootDir}/${file}`, text);
    return facts === undefined || facts.unreadable !== undefined ? undefined : facts.entities;
  }

  /**
   * Files of the models location that name an ORM but could not be read or parsed: whatever they
   * declare is unknown, so a table that looks unmapped may be theirs.
   */
  unreadableModelFiles(): readonly UnreadableFile[] {
    this.entities();
    return this.#entities?.unreadable ?? [];
  }

  /** A model file's facts, read again when a module it imports constants from changed (its own text may not have). */
  #currentEntityFacts(absolutePath: string): ModelFileFacts | undefined {
    const facts = this.#entityFacts.get(absolutePath);
    const dependencies = facts?.dependencies;
    if (dependencies === undefined || this.#dependenciesUnchanged(dependencies)) return facts;
    this.#entityFacts.forget(absolutePath);
    return this.#entityFacts.get(absolutePath);
  }

  #dependenciesUnchanged(dependencies: ModuleDependencies): boolean {
    for (const { fromDirectory, source, file } of dependencies.resolutions) {
      if (this.#resolveModule(fromDirectory, source) !== file) return false;
    }
    for (const [file, exports] of dependencies.exports) {
      if (this.#moduleExports.get(file) !== exports) return false;
    }
    return true;
  }

  #readEntities(absolutePath: string, text: string): ModelFileFacts {
    if (!SCRIPT_FILE.test(absolutePath) || !mayDeclareEntities(text, this.config.markers)) return NO_ENTITIES;
    let program: TSESTree.Program;
    try {
      program = parseModule(text, { jsx: /x$/u.test(absolutePath) });
    } catch (error) {
      // ESLint reports the syntax error itself when the file is linted; other rules need to know its entities are unknown.
      return { entities: [], unreadable: `could not be parsed (${describeParseError(error)})` };
    }
    const naming = this.scope().naming;
    const recording: ModuleDependencies = { resolutions: [], exports: new Map() };
    this.#recording = recording;
    let entities: EntityDeclaration[];
    try {
      entities = detectEntities(program, { markers: this.config.markers, naming, outerLookup: this.importedValuesLookup(absolutePath, collectImportBindings(program)), sourceText: text });
    } finally {
      this.#recording = undefined;
    }
    const dependsOnModules = recording.resolutions.length > 0 || recording.exports.size > 0;
    return { entities, unreadable: undefined, dependencies: dependsOnModules ? recording : undefined };
  }

  /**
   * The globs of `globs` that match no file (after `ignore`), for the settings warning that a
   * configured `models` or `migrations` glob matches nothing. Cached per revalidation.
   */
  unmatchedGlobs(globs: readonly string[]): string[] {
    return globs.filter((glob) => {
      const cached = this.#globMatchesAny.get(glob);
      if (cached?.generation === this.#generation) return !cached.value;
      const files = listProjectFiles({ rootDir: this.rootDir, globs: [glob], include: createGlobMatcher([glob]), ignore: createGlobMatcher(this.config.ignore), listings: this.#listings });
      this.#globMatchesAny.set(glob, { generation: this.#generation, value: files.length > 0 });
      return files.length === 0;
    });
  }

  /**
   * A migration set replayed with one file's facts replaced, or added: the migration being linted,
   * as ESLint sees it (unsaved editor text included).
   */
  migrationsWith(set: MigrationSetConfig, file: string, facts: MigrationFileFacts): MigrationsSnapshot {
    const current = this.migrations(set);
    const read = this.#snapshots.get(set.name ?? '')?.read ?? [];
    // The usual case (the text on disk is the text linted): the set's replay already holds these
    // facts, and replaying every migration again for each linted migration would be quadratic.
    if (read.some((entry) => entry.file === file && sameFacts(entry.facts, facts))) return current;
    const replaced = read.some((entry) => entry.file === file)
      ? read.map((entry) => (entry.file === file ? { file, facts } : entry))
      : [...read, { file, facts }].sort((a, b) => compareMigrationPaths(a.file, b.file));
    return buildSnapshot(set, replaced);
  }

  /**
   * The facts the index read for a migration of `set` when ESLint's text of it is the text on disk
   * (the usual case), so the linted migration need not be read again; `undefined` otherwise.
   */
  savedMigrationFacts(set: MigrationSetConfig, file: string, text: string): MigrationFileFacts | undefined {
    this.migrations(set); // current as of this lint
    return this.#migrationFacts.factsForText(`${this.rootDir}/${file}`, text);
  }

  /**
   * Every file this scope's results depend on besides the linted one: migrations, models, and the
   * configuration files inference and registration read. For `cacheFingerprint()`.
   */
  dependencyFiles(): string[] {
    const scope = this.scope();
    const list = (globs: readonly string[]): string[] =>
      listProjectFiles({ rootDir: this.rootDir, globs, include: createGlobMatcher(globs), ignore: createGlobMatcher(this.config.ignore), listings: this.#listings });
    const files = new Set<string>([...list(scope.models), ...scope.migrationSets.flatMap((set) => list(set.globs))]);
    for (const source of scope.inferred?.sources ?? []) files.add(source);
    for (const config of this.registrations().configs) files.add(config.file);
    return [...files].sort();
  }

  /** The ORM configurations that register entities (DataSource, NestJS modules, MikroORM, sequelize-typescript). */
  registrations(): Registrations {
    const cached = this.#registrations;
    if (cached !== undefined && (cached.generation === this.#generation || cached.reader.isUnchanged())) {
      cached.generation = this.#generation;
      return cached.value;
    }
    const reader = new RecordingFileReader(this.rootDir, this.#listings);
    const value = readRegistrations(reader);
    this.#registrations = { generation: this.#generation, value, reader };
    if (this.options.debug) logRegistrations(value);
    return value;
  }

  /** A migration set replayed, re-read only where files changed since the last lint. */
  migrations(set: MigrationSetConfig): MigrationsSnapshot {
    const key = set.name ?? '';
    const cached = this.#snapshots.get(key);
    if (cached !== undefined && cached.generation === this.#generation) return cached.snapshot;
    const read = this.#readMigrations(set);
    if (cached !== undefined && sameReads(read, cached.read)) {
      cached.generation = this.#generation;
      return cached.snapshot;
    }
    const snapshot = buildSnapshot(set, read);
    this.#snapshots.set(key, { generation: this.#generation, read, snapshot });
    if (this.options.debug) logSnapshot(this.rootDir, read, snapshot);
    return snapshot;
  }

  #readMigrations(set: MigrationSetConfig): ReadMigration[] {
    const unlistable: ReadMigration[] = [];
    const files = listProjectFiles({
      rootDir: this.rootDir,
      globs: set.globs,
      include: createGlobMatcher(set.globs),
      ignore: createGlobMatcher(this.config.ignore),
      listings: this.#listings,
      onUnlistableDirectory: (directory, code) => unlistable.push({ file: `${directory}/`, facts: this.#unlistableFacts(code) }),
    });
    const { files: ordered, notInJournal } = this.#orderMigrations(set.name ?? '', files);
    if (this.options.debug && notInJournal.length > 0) debugLog(`  not in their drizzle-kit journal (not replayed): ${notInJournal.join(', ')}`);
    const read: ReadMigration[] = [];
    for (const file of ordered) {
      const facts = this.#migrationFacts.get(`${this.rootDir}/${file}`);
      if (facts !== undefined) read.push({ file, facts });
    }
    // Migrations in a directory that cannot be listed are unknown: name the directory like a file.
    return [...read, ...unlistable];
  }

  /** One facts object per reason, so an unchanged unlistable directory leaves the snapshot cached. */
  #unlistableFacts(code: string): MigrationFileFacts {
    let facts = this.#unlistableByCode.get(code);
    if (facts === undefined) {
      facts = { kind: 'unreadable', reason: `cannot be listed (${code})` };
      this.#unlistableByCode.set(code, facts);
    }
    return facts;
  }

  /**
   * The files in replay order. A long-lived process revalidates on every lint, so the last order is
   * reused while the listing, the journals it consulted and the registry are unchanged.
   */
  #orderMigrations(setKey: string, files: readonly string[]): OrderedMigrations {
    const journals = new Map<string, readonly string[] | undefined>();
    const journalTags = (directory: string): readonly string[] | undefined => {
      if (!journals.has(directory)) journals.set(directory, this.#journals.get(`${this.rootDir}/${directory === '' ? '' : `${directory}/`}meta/_journal.json`));
      return journals.get(directory);
    };
    const registry = this.#registryFiles();
    const listing = files.join('\0');
    const last = this.#orders.get(setKey);
    if (
      last !== undefined &&
      last.listing === listing &&
      sameList(last.registry, registry) &&
      [...last.journals].every(([directory, tags]) => journalTags(directory) === tags)
    ) {
      return last.order;
    }
    const order = orderMigrationFiles(files, { journalTags, registry });
    this.#orders.set(setKey, { listing, registry, journals, order });
    return order;
  }

  /** Root-relative files of the `migrationOrder` registry, in its order. */
  #registryFiles(): readonly string[] | undefined {
    const order = this.config.migrationOrder;
    if (order.kind !== 'registry') return undefined;
    const registryPath = path.posix.join(this.rootDir, order.file);
    const sources = this.#registries.get(registryPath) ?? [];
    return sources.flatMap((source) => {
      const file = this.#resolveModule(path.posix.dirname(registryPath), source);
      return file === undefined ? [] : [path.posix.relative(this.rootDir, file)];
    });
  }

  /**
   * Resolves names the linted module imports from project modules to their exported static values
   * (`import { TABLES } from './tables'`), then configured interpolation values.
   */
  importedValuesLookup(absoluteFile: string, bindings: ReadonlyMap<string, ImportBinding>): ConstLookup {
    const directory = path.posix.dirname(absoluteFile);
    return createValueLookup((name) => {
      const binding = bindings.get(name);
      if (binding === undefined || !binding.source.startsWith('.')) return undefined;
      const file = this.#resolveImport(directory, binding.source);
      if (file === undefined) return undefined;
      return binding.imported === '*' ? this.#namespaceValue(file, 0) : this.#exportedValue(file, binding.imported, 0);
    }, this.configuredValues);
  }

  #exportedValue(file: string, name: string, depth: number): StaticValue | undefined {
    if (depth > MAX_RE_EXPORT_DEPTH) return undefined;
    const exports = this.#exportsOf(file);
    if (exports === undefined) return undefined;
    const own = exports.values.get(name);
    if (own !== undefined) return own;
    for (const reExport of exports.reExports) {
      if (reExport.exported !== name && reExport.exported !== '*') continue;
      const target = this.#resolveImport(path.posix.dirname(file), reExport.source);
      if (target === undefined) continue;
      if (reExport.exported === '*') {
        const value = this.#exportedValue(target, name, depth + 1);
        if (value !== undefined) return value;
      } else {
        return reExport.imported === '*' ? this.#namespaceValue(target, depth + 1) : this.#exportedValue(target, reExport.imported, depth + 1);
      }
    }
    return undefined;
  }

  #namespaceValue(file: string, depth: number): StaticValue | undefined {
    if (depth > MAX_RE_EXPORT_DEPTH) return undefined;
    const exports = this.#exportsOf(file);
    if (exports === undefined) return undefined;
    const namespace: Record<string, StaticValue> = {};
    for (const reExport of exports.reExports) {
      if (reExport.exported !== '*') continue;
      const target = this.#resolveImport(path.posix.dirname(file), reExport.source);
      const value = target === undefined ? undefined : this.#namespaceValue(target, depth + 1);
      if (typeof value === 'object') Object.assign(namespace, value);
    }
    for (const [name, value] of exports.values) namespace[name] = value;
    return namespace;
  }

  #exportsOf(file: string): ModuleExports | undefined {
    const exports = this.#moduleExports.get(file);
    this.#recording?.exports.set(file, exports);
    return exports;
  }

  /** {@link #resolveModule}, remembered while a model file is read. */
  #resolveImport(fromDirectory: string, source: string): string | undefined {
    const file = this.#resolveModule(fromDirectory, source);
    this.#recording?.resolutions.push({ fromDirectory, source, file });
    return file;
  }

  /** A relative import to a file inside the project root (`./tables`, `./tables.js` for tables.ts, `./db` for db/index.ts). */
  #resolveModule(fromDirectory: string, source: string): string | undefined {
    const base = path.posix.join(fromDirectory, source);
    if (!isInside(this.options.projectRoot, base)) return undefined;
    const withoutJsExtension = base.replace(/\.[cm]?js$/u, '');
    const candidates = [
      base,
      ...MODULE_EXTENSIONS.map((extension) => `${withoutJsExtension}${extension}`),
      ...MODULE_EXTENSIONS.map((extension) => `${base}/index${extension}`),
    ];
    return candidates.find((candidate) => statFile(candidate)?.isFile === true);
  }
}

function isInside(root: string, file: string): boolean {
  const relative = path.posix.relative(root, file);
  return relative !== '' && !relative.startsWith('../') && relative !== '..' && !path.posix.isAbsolute(relative);
}

/** Facts objects are reused from the cache when a file is unchanged, so identity means "unchanged". */
function sameReads(a: readonly ReadMigration[], b: readonly ReadMigration[]): boolean {
  return a.length === b.length && a.every((entry, index) => entry.file === b[index]?.file && entry.facts === b[index]?.facts);
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((item, index) => item === b[index]));
}

/** Facts read from the same text are equal data, whichever AST (ESLint's or the index's) they came from. */
function sameFacts(a: MigrationFileFacts, b: MigrationFileFacts): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function buildSnapshot(set: MigrationSetConfig, read: readonly ReadMigration[]): MigrationsSnapshot {
  const replayInputs: { file: string; events: readonly MigrationEvent[] }[] = [];
  const unreadable: UnreadableFile[] = [];
  const skipped: SkippedInFile[] = [];
  for (const { file, facts } of read) {
    if (facts.kind === 'unreadable') unreadable.push({ file, reason: facts.reason });
    if (facts.kind !== 'migration') continue;
    replayInputs.push({ file, events: facts.events });
    for (const skip of facts.skipped) skipped.push({ file, ...skip });
  }
  return { set, schema: replayMigrations(replayInputs), migrationFiles: replayInputs.map((input) => input.file), unreadable, skipped };
}

function logScope(scope: EffectiveScope): void {
  debugLog(`scope ${scope.name ?? '(top level)'} at ${scope.rootDir}`);
  debugLog(`  models: ${scope.models.join(', ') || '(none)'}`);
  for (const set of scope.migrationSets) debugLog(`  migrations${set.name === undefined ? '' : ` [${set.name}]`}: ${set.globs.join(', ')}`);
  if (scope.inferred !== undefined) {
    debugLog(`  detected ORMs: ${scope.inferred.orms.join(', ') || '(none)'}; configs read: ${scope.inferred.sources.join(', ') || '(none)'}`);
    for (const note of scope.inferred.notes) debugLog(`  note: ${note}`);
  }
}

function logRegistrations(registrations: Registrations): void {
  if (registrations.configs.length === 0) debugLog('  no ORM configuration registering entities was found: entity-registered reports nothing');
  for (const config of registrations.configs) {
    debugLog(`  registration ${config.file}:${config.line} (${config.description}): ${config.globs.length} globs, ${config.classes.length} classes`);
  }
  for (const note of registrations.notes) debugLog(`  note: ${note}`);
}

function logSnapshot(rootDir: string, read: readonly ReadMigration[], snapshot: MigrationsSnapshot): void {
  debugLog(`project ${rootDir}: migrations${snapshot.set.name === undefined ? '' : ` [${snapshot.set.name}]`} globs ${snapshot.set.globs.join(', ')}`);
  for (const { file, facts } of read) {
    const detail = facts.kind === 'migration' ? `${facts.events.length} DDL events` : facts.kind === 'unreadable' ? facts.reason : '';
    debugLog(`  ${facts.kind.padEnd(15)} ${file}${detail === '' ? '' : ` (${detail})`}`);
  }
  const tables = snapshot.schema.tables.map((table) => (table.ref.schema === undefined ? table.ref.name : `${table.ref.schema}.${table.ref.name}`));
  debugLog(`  tables after replay (${tables.length}): ${tables.sort().join(', ')}`);
}

// One index per (plugin version, scope root, scope settings): two configs may point the same root at
// different migrations.
const indexes = new Map<string, ScopeIndex>();

export function getScopeIndex(rootDir: string, config: ScopeConfig, options: ScopeIndexOptions, pluginVersion: string): ScopeIndex {
  const last = lastIndexByConfig.get(config);
  if (
    last !== undefined &&
    last.rootDir === rootDir &&
    last.options.projectRoot === options.projectRoot &&
    last.options.cacheLifetime === options.cacheLifetime &&
    last.options.debug === options.debug &&
    last.pluginVersion === pluginVersion
  ) {
    return last.index;
  }
  const index = findScopeIndex(rootDir, config, options, pluginVersion);
  lastIndexByConfig.set(config, { rootDir, options, pluginVersion, index });
  return index;
}

// The last answer per settings object: consecutive files of a lint nearly always share it.
let lastIndexByConfig = new WeakMap<ScopeConfig, { rootDir: string; options: ScopeIndexOptions; pluginVersion: string; index: ScopeIndex }>();

function findScopeIndex(rootDir: string, config: ScopeConfig, options: ScopeIndexOptions, pluginVersion: string): ScopeIndex {
  const key = JSON.stringify([pluginVersion, rootDir, config, options.projectRoot, options.cacheLifetime === undefined ? 'auto' : String(options.cacheLifetime), options.debug]);
  let index = indexes.get(key);
  if (index === undefined) {
    index = new ScopeIndex(rootDir, config, options);
    indexes.set(key, index);
  }
  return index;
}

/** Drops every cached index, listing and file fact (for tests and tools that embed ESLint). */
export function clearProjectIndexes(): void {
  indexes.clear();
  lastIndexByConfig = new WeakMap();
}
