import { parseModule } from '../ast/parseModule.js';
import type { TSESTree } from '@typescript-eslint/utils';
import { isStackOverflow, NESTED_TOO_DEEPLY } from '../stackOverflow.js';
import type { MigrationFileFacts } from '../schema/ddlEvent.js';
import type { MigrationReadContext, MigrationReader } from './migrationReader.js';
import { readSqlMigration } from './readSqlMigration.js';
import { readMikroOrmMigration } from './readMikroOrmMigration.js';
import { readTypeormMigration } from './readTypeormMigration.js';
import { readSequelizeMigration } from './readSequelizeMigration.js';
import { readKnexMigration } from './readKnexMigration.js';

/**
 * Readers for script migrations, tried in order on the parsed file: the first that does not answer
 * `not-a-migration` wins. Each recognises its own format (a TypeORM class with `up(queryRunner)`,
 * a MikroORM `Migration` subclass, an exported `up(knex)` / `up(queryInterface)` function, ...).
 */
const SCRIPT_READERS: readonly MigrationReader[] = [readMikroOrmMigration, readTypeormMigration, readSequelizeMigration, readKnexMigration];

const SCRIPT_EXTENSION = /\.(?:[cm]?[jt]s|tsx|jsx)$/u;

export const NO_MIGRATION_GLOBALS: MigrationReadContext = { globals: () => undefined };

/** A parser error as a short phrase with its position: `line 3:7: ';' expected.` */
export function describeParseError(error: unknown): string {
  if (isStackOverflow(error)) return `it is ${NESTED_TOO_DEEPLY}`;
  if (error instanceof Error) {
    const { lineNumber, column } = error as Error & { lineNumber?: number; column?: number };
    const position = lineNumber === undefined ? '' : `line ${lineNumber}${column === undefined ? '' : `:${column + 1}`}: `;
    return `${position}${error.message.split('\n')[0] ?? error.message}`;
  }
  return String(error);
}

/** How much of a file is looked at for NUL bytes, as git does to tell binary from text. */
const BINARY_SNIFF_LENGTH = 8000;

/** A NUL character never appears in SQL or script source; an image or archive has one early on. */
function looksBinary(text: string): boolean {
  const nul = text.indexOf('\0');
  return nul >= 0 && nul < BINARY_SNIFF_LENGTH;
}

/**
 * Reads one file matched by the migrations globs, statically. Files of other kinds (README, JSON
 * journals, helpers without `up`) are "not a migration", not an error.
 */
export function readMigrationFile(filePath: string, text: string, context: MigrationReadContext = NO_MIGRATION_GLOBALS): MigrationFileFacts {
  const isSql = filePath.endsWith('.sql');
  if (!isSql && !SCRIPT_EXTENSION.test(filePath)) return { kind: 'not-a-migration' };
  if (looksBinary(text)) return { kind: 'unreadable', reason: 'is a binary file, not text' };
  if (isSql) return readSqlMigration(text);
  // Cheap prefilter: every supported script format has an `up` member or export.
  if (!/\bup\b/u.test(text)) return { kind: 'not-a-migration' };
  let program;
  try {
    program = parseModule(text, { jsx: filePath.endsWith('x') });
  } catch (error) {
    return { kind: 'unreadable', reason: `could not be parsed (${describeParseError(error)})` };
  }
  return readMigrationProgram(program, context);
}

/** Reads an already parsed script migration, e.g. the file ESLint is linting (its text, not the disk's). */
export function readMigrationProgram(program: TSESTree.Program, context: MigrationReadContext = NO_MIGRATION_GLOBALS): MigrationFileFacts {
  for (const read of SCRIPT_READERS) {
    const facts = read(program, context);
    if (facts.kind !== 'not-a-migration') return facts;
  }
  return { kind: 'not-a-migration' };
}
