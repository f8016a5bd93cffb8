import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { DEFAULT_DETECTION_INPUTS, detectEntities, type DetectionInputs } from '../entities/detectEntities.js';
import { DEFAULT_NAMING } from '../entities/detectionContext.js';
import type { EntityDeclaration } from '../entities/entityDeclaration.js';
import { PLUGIN_VERSION } from '../pluginMeta.js';
import { resolveRootDir, toPosixPath } from '../settings/resolveRootDir.js';
import { SETTINGS_KEY, type ProjectSettings } from '../settings/settingsShape.js';
import { validateSettings, type SettingsProblem } from '../settings/validateSettings.js';
import { createGlobMatcher } from './globMatcher.js';
import { getProjectIndex, type ProjectIndex } from './projectIndex.js';

/** What a rule needs to know about the file it is linting, and the project around it. */
export type LintedFile =
  /** The settings are wrong: rules report this on each entity instead of guessing. */
  | { readonly status: 'invalid-settings'; readonly problem: SettingsProblem; readonly entities: readonly EntityDeclaration[] }
  /** Outside the root, or matched by `ignore`: never considered. */
  | { readonly status: 'ignored' }
  | {
      readonly status: 'ok';
      readonly settings: ProjectSettings;
      /** Root-relative, POSIX. */
      readonly relativePath: string;
      readonly entities: readonly EntityDeclaration[];
      /** The project index, built on first use. */
      readonly index: () => ProjectIndex;
    };

const inputsBySettings = new WeakMap<object, DetectionInputs>();

function detectionInputsFor(settings: { readonly markers: DetectionInputs['markers'] }): DetectionInputs {
  let inputs = inputsBySettings.get(settings);
  if (inputs === undefined) {
    inputs = { markers: settings.markers, naming: DEFAULT_NAMING };
    inputsBySettings.set(settings, inputs);
  }
  return inputs;
}

type AnyRuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export type ProjectFile = Extract<LintedFile, { status: 'ok' }>;

/**
 * Settings -> root -> this file's entities. The file's own text comes from ESLint (`sourceCode`),
 * never from disk, so unsaved editor buffers are linted as typed.
 */
export function analyseLintedFile(context: AnyRuleContext): LintedFile {
  const program: TSESTree.Program = context.sourceCode.ast;
  const validated = validateSettings((context.settings as Record<string, unknown>)[SETTINGS_KEY]);
  if (!validated.ok) {
    return { status: 'invalid-settings', problem: validated.problem, entities: detectEntities(program, DEFAULT_DETECTION_INPUTS) };
  }
  const { rootDir: rootDirSetting, ...rest } = validated.settings;
  const filename = context.physicalFilename;
  const rootDir = resolveRootDir(rootDirSetting, filename, context.cwd);
  const relativePath = toPosixPath(path.relative(rootDir, path.resolve(context.cwd, filename)));
  if (relativePath.startsWith('../') || path.isAbsolute(relativePath)) return { status: 'ignored' };
  if (createGlobMatcher(rest.ignore).matches(relativePath)) return { status: 'ignored' };
  const settings: ProjectSettings = { ...rest, rootDir };
  return {
    status: 'ok',
    settings,
    relativePath,
    entities: detectEntities(program, detectionInputsFor(validated.settings)),
    index: () => getProjectIndex(settings, PLUGIN_VERSION),
  };
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
