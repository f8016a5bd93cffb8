import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { collectImportBindings } from '../ast/importBindings.js';
import { DEFAULT_DETECTION_INPUTS, detectEntities, mayDeclareEntities, type DetectionInputs } from '../entities/detectEntities.js';
import type { EntityDeclaration } from '../entities/entityDeclaration.js';
import { PLUGIN_VERSION } from '../pluginMeta.js';
import { anchorScope } from '../settings/anchorScope.js';
import { resolveRootDir, toPosixPath } from '../settings/resolveRootDir.js';
import { SETTINGS_KEY, type ScopeConfig, type ValidatedSettings } from '../settings/settingsShape.js';
import { validateSettings, type SettingsProblem } from '../settings/validateSettings.js';
import { formatTableRef } from '../schema/tableRef.js';
import { debugLog } from './debugLog.js';
import { changeCount, isWatching } from './directoryWatch.js';
import { statFile } from './fileStateCache.js';
import { createGlobMatcher } from './globMatcher.js';
import { getScopeIndex, type EffectiveScope, type ScopeIndex } from './projectIndex.js';
import { selectScope } from './selectScope.js';
import { revalidationPolicy } from './singleRun.js';
import { createTypeTextReader } from './typeText.js';

/** What a rule needs to know about the file it is linting, and the scope around it. */
export type LintedFile =
  /** The settings are wrong: rules report this on each entity instead of guessing. */
  | { readonly status: 'invalid-settings'; readonly problem: SettingsProblem; readonly entities: readonly EntityDeclaration[] }
  /** Outside the root, or matched by `ignore`: never considered. */
  | { readonly status: 'ignored' }
  | {
      readonly status: 'ok';
      readonly scope: EffectiveScope;
      /** Relative to the scope root, POSIX. */
      readonly relativePath: string;
      readonly entities: readonly EntityDeclaration[];
      readonly index: ScopeIndex;
    };

export type ProjectFile = Extract<LintedFile, { status: 'ok' }>;

type AnyRuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

// Every rule of a lint looks at the same file: analyse it once per (AST, settings object).
const analysisByProgram = new WeakMap<TSESTree.Program, { settings: unknown; file: LintedFile }>();

/**
 * Settings -> scope -> this file's entities. The file's own text comes from ESLint (`sourceCode`),
 * never from disk, so unsaved editor buffers are linted as typed.
 */
export function analyseLintedFile(context: AnyRuleContext): LintedFile {
  const program: TSESTree.Program = context.sourceCode.ast;
  const rawSettings = (context.settings as Record<string, unknown>)[SETTINGS_KEY];
  const cached = analysisByProgram.get(program);
  if (cached !== undefined && cached.settings === rawSettings) return cached.file;
  const file = analyse(context, program, rawSettings);
  analysisByProgram.set(program, { settings: rawSettings, file });
  return file;
}

function analyse(context: AnyRuleContext, program: TSESTree.Program, rawSettings: unknown): LintedFile {
  const validated = validateSettings(rawSettings);
  if (!validated.ok) {
    return { status: 'invalid-settings', problem: validated.problem, entities: detectEntities(program, DEFAULT_DETECTION_INPUTS) };
  }
  const settings: ValidatedSettings = validated.settings;
  const absoluteFile = toPosixPath(path.resolve(context.cwd, context.physicalFilename));
  const projectRoot = resolveRootDir(settings.rootDir, absoluteFile, context.cwd);
  const missingRoot = settings.rootDir === undefined ? undefined : checkedRootDirectories(settings, settings.rootDir, projectRoot);
  if (missingRoot !== undefined) {
    return { status: 'invalid-settings', problem: missingRoot, entities: detectEntities(program, DEFAULT_DETECTION_INPUTS) };
  }
  const selected = selectScope(settings, projectRoot, absoluteFile);
  if (selected === undefined) return { status: 'ignored' };
  const config = anchorScope(selected.config, selected.scopeRoot);
  if (createGlobMatcher(config.ignore).matches(selected.relativePath)) return { status: 'ignored' };

  const index = getScopeIndex(selected.scopeRoot, config, { projectRoot, cacheLifetime: settings.cacheLifetime, debug: isDebug(settings) }, PLUGIN_VERSION);
  index.refresh();
  const scope = index.scope();
  // Detection needs an ORM import: skip building its inputs for the many files that name none.
  const entities = mayDeclareEntities(context.sourceCode.text, config.markers) ? entitiesOf(context, program, index, config, scope, absoluteFile, selected.relativePath) : [];
  if (index.options.debug) logEntities(selected.relativePath, entities);
  return { status: 'ok', scope, relativePath: selected.relativePath, entities, index };
}

function entitiesOf(
  context: AnyRuleContext,
  program: TSESTree.Program,
  index: ScopeIndex,
  config: ScopeConfig,
  scope: EffectiveScope,
  absoluteFile: string,
  relativePath: string,
): readonly EntityDeclaration[] {
  const typeText = createTypeTextReader(context.sourceCode.parserServices);
  // A saved model file the index has read already: its entities are the ones found in the same text.
  // Not with type information, which the index does not have.
  const saved = typeText === undefined ? index.savedEntities(relativePath, context.sourceCode.text) : undefined;
  if (saved !== undefined) return saved;
  const inputs: DetectionInputs = {
    markers: config.markers,
    naming: scope.naming,
    outerLookup: index.importedValuesLookup(absoluteFile, collectImportBindings(program)),
    typeText,
    sourceText: context.sourceCode.text,
  };
  return detectEntities(program, inputs);
}

interface RootCheck {
  readonly problem: SettingsProblem | undefined;
  /** Single runs never look again; long-lived ones after a watched change, or on every lint with a set `cacheLifetime`. */
  readonly reuse: 'always' | 'until-change' | 'never';
  readonly changes: number;
}

// Per settings object and project root: the same answer for every file of a CLI run, and for every
// lint of an editor until a watched directory changes (the roots' parents are watched by statFile).
const rootChecks = new WeakMap<ValidatedSettings, Map<string, RootCheck>>();

function checkedRootDirectories(settings: ValidatedSettings, rootDirSetting: string, projectRoot: string): SettingsProblem | undefined {
  let byRoot = rootChecks.get(settings);
  if (byRoot === undefined) rootChecks.set(settings, (byRoot = new Map<string, RootCheck>()));
  const cached = byRoot.get(projectRoot);
  if (cached?.reuse === 'always' || (cached?.reuse === 'until-change' && isWatching() && cached.changes === changeCount())) return cached.problem;
  const changes = changeCount();
  const problem = describeMissingDirectory(rootDirSetting, settings.scopes, projectRoot);
  const { lifetimeMs, watched } = revalidationPolicy(settings.cacheLifetime);
  byRoot.set(projectRoot, { problem, reuse: lifetimeMs === Infinity ? 'always' : watched ? 'until-change' : 'never', changes });
  return problem;
}

/**
 * A configured rootDir, or a declared scope's root under it, that is not a directory: every glob
 * there would match nothing, so this is an error, not a silent "no entities, no migrations". Checked
 * per linted file (a stat each), so creating the directory later in a long-lived process is noticed.
 * Scope roots are checked only under an explicit rootDir: an inferred root moves with the linted file.
 */
function describeMissingDirectory(rootDirSetting: string, scopes: readonly ScopeConfig[], projectRoot: string): SettingsProblem | undefined {
  const rootProblem = missingDirectory(`settings['${SETTINGS_KEY}'].rootDir`, rootDirSetting, projectRoot, "Relative paths are resolved against ESLint's cwd; import.meta.dirname is the usual value.");
  if (rootProblem !== undefined) return rootProblem;
  for (const scope of scopes) {
    const scopeRoot = toPosixPath(path.resolve(projectRoot, scope.root));
    const problem = missingDirectory(`${scope.settingsPath}.root`, scope.root, scopeRoot, 'It is relative to rootDir.');
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function missingDirectory(keyPath: string, written: string, resolved: string, hint: string): SettingsProblem | undefined {
  const isDirectory = statFile(resolved)?.isDirectory;
  if (isDirectory === true) return undefined;
  const problem = isDirectory === false ? 'is a file, not a directory' : 'does not exist';
  return {
    path: keyPath,
    message: `${keyPath} must be an existing directory (got the string ${JSON.stringify(written)}, which resolves to ${resolved}, which ${problem}). ${hint}`,
  };
}

function logEntities(relativePath: string, entities: readonly EntityDeclaration[]): void {
  if (entities.length === 0) return;
  const described = entities.map((entity) => {
    const table = entity.tableName.resolved ? formatTableRef(entity.tableName.table) : `unresolved: ${entity.tableName.reason}`;
    return `${entity.name} (${entity.orm} ${entity.kind}, ${table})`;
  });
  debugLog(`entities in ${relativePath}: ${described.join('; ')}`);
}

// Read once, as the debug package reads it: the environment of a lint run does not change midway.
const debugVariableEnabled = (process.env.DEBUG ?? '').split(/[\s,]+/u).some((name) => name === 'orm-guard' || name === 'orm-guard:*' || name === '*');

function isDebug(settings: ValidatedSettings): boolean {
  return settings.debug || debugVariableEnabled;
}

/**
 * The linted file when the rule should look at it. Invalid settings are reported on each entity of
 * the file (message `invalidSettings`, which every rule declares) instead of throwing, so the rest
 * of the lint run still produces its results.
 */
export function projectFileOrReport<MessageIds extends string>(
  context: Readonly<TSESLint.RuleContext<MessageIds | 'invalidSettings', readonly unknown[]>>,
): ProjectFile | undefined {
  const file = analyseLintedFile(context);
  if (file.status === 'invalid-settings') {
    for (const entity of file.entities) {
      context.report({ loc: entity.loc, messageId: 'invalidSettings', data: { message: file.problem.message } });
    }
    return undefined;
  }
  return file.status === 'ok' ? file : undefined;
}
