/** "Never crash, never hang" for the SQL DDL scanner, and every name it reports was really written. */
import { describe, expect, it } from 'vitest';
import { scanSqlDdlWithSkips } from '../../src/sql/scanSqlDdl.js';
import { sqlCorpus } from './support/corpus.js';
import { fuzz, propertyTimeout } from './support/fuzzRunner.js';
import { checkScanAgainstReference } from './support/referenceSqlLexer.js';
import { plannedScript, sqlTokenSoup } from './support/sqlArbitraries.js';
import { mutatedFixture, randomText } from './support/textArbitraries.js';

/** Scans `text` and checks the result against the reference lexer; labels the outcome. */
export function checkScan(text: string): string {
  const scan = scanSqlDdlWithSkips(text);
  const problems = checkScanAgainstReference(text, scan);
  if (problems.length > 0) throw new Error(`unsound scan:\n${problems.slice(0, 5).join('\n')}`);
  if (scan.events.length > 0) return 'with events';
  return scan.skipped.length > 0 ? 'skips only' : 'no DDL';
}

const TARGET = 'scanSqlDdlWithSkips';

describe('fuzz: scanSqlDdlWithSkips', () => {
  it('random text', () => fuzz(TARGET, 'random text', randomText, checkScan, { weight: 2 }), propertyTimeout());

  it('SQL token soup', () => fuzz(TARGET, 'SQL token soup', sqlTokenSoup, checkScan, { weight: 2 }), propertyTimeout());

  it('mutated fixtures', () => fuzz(TARGET, 'mutated fixtures', mutatedFixture(sqlCorpus()), ({ text }) => checkScan(text), { weight: 0.5 }), propertyTimeout());

  it('well-formed scripts report exactly their DDL', () =>
    fuzz(TARGET, 'well-formed scripts', plannedScript, ({ text, events }) => {
      const scan = scanSqlDdlWithSkips(text);
      expect(scan.events).toEqual(events);
      expect(scan.skipped).toEqual([]);
      return checkScan(text);
    }), propertyTimeout());
});
