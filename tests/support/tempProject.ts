import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURES_DIR } from './ruleTester.js';

/** A throwaway copy of a fixture project, so tests can change files on disk. */
export function copyFixtureToTemp(project: string): { root: string; remove: () => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), `orm-guard-${project}-`));
  cpSync(path.join(FIXTURES_DIR, project), root, { recursive: true });
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
