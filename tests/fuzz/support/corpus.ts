/** The fixture projects' sources, as seeds for mutation: realistic code is where readers go deep. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CorpusFile {
  /** Relative to tests/fixtures, with `/` separators. */
  readonly path: string;
  readonly text: string;
}

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const SOURCE = /\.(?:ts|js|sql)$/u;

function listFiles(dir: string): string[] {
  const files: string[] = [];
  const pending = [dir];
  for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const full = join(current, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.isFile() && SOURCE.test(entry.name)) files.push(full);
    }
  }
  return files.sort();
}

let cached: readonly CorpusFile[] | undefined;

export function fixtureCorpus(): readonly CorpusFile[] {
  cached ??= listFiles(FIXTURES).map((file) => ({
    path: relative(FIXTURES, file).split('\\').join('/'),
    text: readFileSync(file, 'utf8'),
  }));
  if (cached.length === 0) throw new Error(`no fixture sources under ${FIXTURES}`);
  return cached;
}
