import { parse } from '@typescript-eslint/typescript-estree';
import type { MigrationFileFacts } from '../schema/ddlEvent.js';
import { readSqlMigration } from './readSqlMigration.js';
import { readTypeormMigration } from './readTypeormMigration.js';

const SCRIPT_EXTENSION = /\.(?:[cm]?[jt]s|tsx|jsx)$/u;

/** A short reason for a parse error, with its position: `line 3: ';' expected.` */
function describeParseError(error: unknown): string {
  if (error instanceof Error) {
    const { lineNumber, column } = error as Error & { lineNumber?: number; column?: number };
    const position = lineNumber === undefined ? '' : `line ${lineNumber}${column === undefined ? '' : `:${column + 1}`}: `;
    return `${position}${error.message.split('\n')[0] ?? error.message}`;
  }
  return String(error);
}

/**
 * Reads one file matched by the migrations globs, statically. Files of other kinds (README, JSON
 * journals, helpers without `up`) are "not a migration", not an error.
 */
export function readMigrationFile(relativePath: string, text: string): MigrationFileFacts {
  if (relativePath.endsWith('.sql')) return readSqlMigration(text);
  if (!SCRIPT_EXTENSION.test(relativePath)) return { kind: 'not-a-migration' };
  // Cheap prefilter: a migration class needs an `up` member; most other modules are skipped unparsed.
  if (!/\bup\b/u.test(text)) return { kind: 'not-a-migration' };
  let program;
  try {
    program = parse(text, { loc: true, range: true, jsx: relativePath.endsWith('x'), comment: false, tokens: false });
  } catch (error) {
    return { kind: 'unreadable', reason: `could not be parsed (${describeParseError(error)})` };
  }
  return readTypeormMigration(program);
}
