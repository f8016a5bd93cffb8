import { createHash } from 'node:crypto';
import path from 'node:path';
import { PLUGIN_VERSION } from './pluginMeta.js';
import { statFile } from './project/fileStateCache.js';
import { getScopeIndex } from './project/projectIndex.js';
import { anchorScope } from './settings/anchorScope.js';
import { toPosixPath } from './settings/resolveRootDir.js';
import { validateSettings } from './settings/validateSettings.js';

/**
 * A digest of every file orm-guard's results depend on besides the linted file itself: migrations,
 * models and the ORM configuration it reads, by path, size and mtime. ESLint's `--cache` keys a
 * file's result on that file and its config; put this string into the settings
 * (`settings['orm-guard'].cacheFingerprint`) and the config, hence the cache key, changes whenever
 * one of those files does:
 *
 * ```js
 * const settings = { rootDir: import.meta.dirname, models: ['src/models/**'], migrations: ['src/migrations/*.ts'] };
 * export default [ormGuard.configs.recommended, { settings: { 'orm-guard': { ...settings, cacheFingerprint: cacheFingerprint(settings) } } }];
 * ```
 *
 * Takes the same object as `settings['orm-guard']`. Never throws: invalid settings give a
 * fingerprint of the problem, and the rules report the problem itself.
 */
export function cacheFingerprint(ormGuardSettings: Record<string, unknown> = {}): string {
  const hash = createHash('sha256').update(PLUGIN_VERSION);
  const validated = validateSettings(ormGuardSettings);
  if (!validated.ok) return hash.update(`invalid\0${validated.problem.message}`).digest('hex').slice(0, 32);
  const settings = validated.settings;
  // Config files are evaluated from their own directory; rootDir should be import.meta.dirname.
  const projectRoot = toPosixPath(path.resolve(settings.rootDir ?? process.cwd()));
  const scopes = [settings.topLevel, ...settings.scopes];
  for (const config of scopes) {
    const scopeRoot = toPosixPath(path.resolve(projectRoot, config.root));
    const index = getScopeIndex(scopeRoot, anchorScope(config, scopeRoot), { projectRoot, cacheLifetime: 0, debug: false }, PLUGIN_VERSION);
    index.refresh();
    for (const file of index.dependencyFiles()) {
      const stamp = statFile(`${scopeRoot}/${file}`);
      hash.update(`${scopeRoot}/${file}\0${stamp?.size ?? -1}\0${stamp?.mtimeMs ?? -1}\n`);
    }
  }
  return hash.digest('hex').slice(0, 32);
}
