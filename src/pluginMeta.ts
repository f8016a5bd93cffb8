import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly homepage?: string;
}

/**
 * The plugin's own package.json, found by walking up from this module (it sits at a different depth
 * in `src/` and in `dist/src/`), so name and version are never typed by hand.
 */
function readOwnPackageJson(): PackageJson {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const parsed = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')) as PackageJson;
      if (parsed.name === 'eslint-plugin-orm-guard') return parsed;
    } catch {
      // not here: keep walking up
    }
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error('eslint-plugin-orm-guard: cannot find its own package.json');
    directory = parent;
  }
}

const packageJson = readOwnPackageJson();

export const PLUGIN_NAME = packageJson.name;
export const PLUGIN_VERSION = packageJson.version;
export const PLUGIN_NAMESPACE = 'orm-guard';
export const REPOSITORY_URL = 'https://github.com/orm-guard/eslint-plugin-orm-guard';
