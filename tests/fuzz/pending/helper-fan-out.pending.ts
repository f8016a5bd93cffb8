/**
 * PENDING for src/migrations (functionWalk.ts, shared by every script reader): a helper that calls
 * the previous helper twice makes the readers walk 2^depth helper bodies, one event per leaf call.
 * Found by tests/fuzz (seed 20251104, "generated migrations"): 3^12 calls ran for minutes and the
 * worker died with "JavaScript heap out of memory"; 2^16 takes 3-11 s per file.
 *
 * Expected after the fix: each read ends within the fuzz budget (2 s) without throwing, with a
 * well-formed answer (e.g. `unreadable`, or a migration whose walk stopped at a budget and says so
 * in `skipped`). Real migrations never nest helpers like this, so giving up is fine; hanging is not.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readMigrationFile } from '../../../src/migrations/readMigrationFile.js';
import { CASE_BUDGET_MS, fuzz } from '../support/fuzzRunner.js';
import { checkMigrationFacts } from '../support/invariants.js';
import { fanOutHelperChainPlan, helperChainMigration, MIGRATION_FORMATS } from '../support/scriptArbitraries.js';

describe('pending: helper fan-out in script migrations', () => {
  for (const format of MIGRATION_FORMATS) {
    it(`${format}: 17 helpers each calling the previous one twice (2^17 walks) read within budget`, () => {
      const { text } = helperChainMigration(format, { depth: 17, fanOut: 2 });
      const start = performance.now();
      const facts = readMigrationFile('migrations/1700000000000-fan-out.ts', text);
      const elapsed = performance.now() - start;
      checkMigrationFacts(text, facts);
      expect(elapsed).toBeLessThan(CASE_BUDGET_MS);
    });
  }

  it('property: any fan-out chain reads within budget', () =>
    fuzz('pending: readMigrationFile', 'helper fan-out chains', fc.tuple(fc.constantFrom(...MIGRATION_FORMATS), fanOutHelperChainPlan), ([format, plan]) => {
      const { text } = helperChainMigration(format, plan);
      return checkMigrationFacts(text, readMigrationFile('migrations/1700000000000-fan-out.ts', text));
    }));
});
