/** The fixture projects' sources, as seeds for mutation: realistic code is where readers go deep. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@typescript-eslint/typescript-estree';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { walkAst } from '../../../src/ast/walkAst.js';
import { INTERPOLATION_MARK } from '../../../src/sql/scanSqlDdl.js';

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

const MIGRATION_PATH = /(?:^|\/)(?:migrations?|drizzle|db)\/|migration/iu;

/** Migrations of every format in the fixtures: scripts and `.sql` files (drizzle-kit and Prisma folders too). */
export function migrationCorpus(): readonly CorpusFile[] {
  return fixtureCorpus().filter((file) => MIGRATION_PATH.test(file.path) || file.path.endsWith('.sql'));
}

/** Sources that are not migrations: entities, models, schemas, configuration. */
export function entityCorpus(): readonly CorpusFile[] {
  return fixtureCorpus().filter((file) => !file.path.endsWith('.sql') && !MIGRATION_PATH.test(file.path));
}

const DDL_WORD = /\b(?:CREATE|DROP|ALTER|RENAME)\b/iu;

/** The string literals and template texts (`${}` parts as INTERPOLATION_MARK) of a script that mention DDL. */
function ddlStrings(text: string): string[] {
  let program: TSESTree.Program;
  try {
    program = parse(text, { range: true });
  } catch {
    return [];
  }
  const strings: string[] = [];
  walkAst(program, (node) => {
    if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') strings.push(node.value);
    if (node.type === AST_NODE_TYPES.TemplateLiteral) strings.push(node.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw).join(INTERPOLATION_MARK));
  });
  return strings.filter((string) => DDL_WORD.test(string));
}

/** SQL from the fixtures: `.sql` files and the DDL strings of script migrations, as the scanner gets them. */
export function sqlCorpus(): readonly CorpusFile[] {
  return fixtureCorpus().flatMap((file) => {
    if (file.path.endsWith('.sql')) return [file];
    return ddlStrings(file.text).map((text, index) => ({ path: `${file.path}#sql${index}`, text }));
  });
}
