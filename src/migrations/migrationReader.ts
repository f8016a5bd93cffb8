import type { TSESTree } from '@typescript-eslint/utils';
import type { MigrationFileFacts } from '../schema/ddlEvent.js';
import { isStackOverflow, NESTED_TOO_DEEPLY } from '../stackOverflow.js';
import type { ConstLookup } from '../ast/staticString.js';

/** What a migration reader may use besides the file itself. */
export interface MigrationReadContext {
  /**
   * Names not declared in the module (imports, globals) that have a configured static value, e.g.
   * `tablePrefix` -> 'app_'. Pass as the `outer` lookup of `buildModuleConstLookup(program, globals)`.
   */
  readonly globals: ConstLookup;
}

/**
 * Reads one parsed script in the migrations globs. Returns `not-a-migration` when the file is not in
 * this reader's format, so the dispatcher can try the next reader. Never throws, never executes.
 */
export type MigrationReader = (program: TSESTree.Program, context: MigrationReadContext) => MigrationFileFacts;

/** The context of a read with no configured globals. */
export const NO_GLOBALS: MigrationReadContext = { globals: () => undefined };

/** Runs a reader's body so that it never throws: what it did not expect makes the file unreadable. */
export function readSafely(read: () => MigrationFileFacts): MigrationFileFacts {
  try {
    return read();
  } catch (error) {
    // A stack overflow comes from code nested deeper than a reader follows, not from odd syntax.
    if (isStackOverflow(error)) return { kind: 'unreadable', reason: `is ${NESTED_TOO_DEEPLY}` };
    const detail = error instanceof Error ? error.message : String(error);
    return { kind: 'unreadable', reason: `unexpected syntax while reading the migration: ${detail}` };
  }
}
