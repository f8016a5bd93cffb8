import type { MigrationSetConfig, ScopeConfig } from './settingsShape.js';

/** Where a scope's `models` are written in the settings. */
export function modelsKeyPath(config: ScopeConfig): string {
  return `${config.settingsPath}.models`;
}

/** Where a scope's migration set is written: `….migrations`, or `….migrations.postgres` for a named set. */
export function migrationSetKeyPath(config: ScopeConfig, set: MigrationSetConfig): string {
  return set.name === undefined ? `${config.settingsPath}.migrations` : `${config.settingsPath}.migrations.${set.name}`;
}

/**
 * "Settings warning: settings['orm-guard'].migrations glob 'db/migratons/*.sql' matches no file
 * under /repo". ESLint's severity belongs to the rule, so the text says it is a settings warning.
 */
export function describeUnmatchedGlobs(keyPath: string, globs: readonly string[], root: string): string {
  const quoted = globs.map((glob) => `'${glob}'`).join(', ');
  return `Settings warning: ${keyPath} ${globs.length === 1 ? 'glob' : 'globs'} ${quoted} ${globs.length === 1 ? 'matches' : 'match'} no file under ${root}`;
}
