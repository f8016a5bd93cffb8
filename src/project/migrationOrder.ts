/**
 * Orders migration files the way their runners do for timestamp-named files: by the leading
 * number of the file name (`1700000000000-CreateUsers.ts`, `001_init.sql`), numerically, then by path.
 */
export function compareMigrationPaths(a: string, b: string): number {
  const aName = a.slice(a.lastIndexOf('/') + 1);
  const bName = b.slice(b.lastIndexOf('/') + 1);
  const aNumber = /^\d+/u.exec(aName)?.[0];
  const bNumber = /^\d+/u.exec(bName)?.[0];
  if (aNumber !== undefined && bNumber !== undefined) {
    const byNumber = compareDigitStrings(aNumber, bNumber);
    if (byNumber !== 0) return byNumber;
  }
  if (aName !== bName) return aName < bName ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareDigitStrings(a: string, b: string): number {
  const aTrimmed = a.replace(/^0+(?=\d)/u, '');
  const bTrimmed = b.replace(/^0+(?=\d)/u, '');
  if (aTrimmed.length !== bTrimmed.length) return aTrimmed.length - bTrimmed.length;
  return aTrimmed < bTrimmed ? -1 : aTrimmed > bTrimmed ? 1 : 0;
}
