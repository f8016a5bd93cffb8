import type { MigrationEvent, MigrationFileFacts, SkippedStatement } from '../schema/ddlEvent.js';
import { scanSqlDdlWithSkips } from '../sql/scanSqlDdl.js';

/**
 * 1-based line of each offset, computed in one pass over the text (offsets must be ascending).
 * Line ends are `\n`, `\r\n` and a lone `\r`, as editors and ESLint count them.
 */
export function linesOfOffsets(text: string, offsets: readonly number[], firstLine = 1): number[] {
  const lines: number[] = [];
  let line = firstLine;
  let position = 0;
  for (const offset of offsets) {
    while (position < offset && position < text.length) {
      const code = text.charCodeAt(position);
      if (code === 10 || (code === 13 && text.charCodeAt(position + 1) !== 10)) line++;
      position++;
    }
    lines.push(line);
  }
  return lines;
}

/** Scans SQL text whose first character sits on `firstLine` of its file. */
export function readSqlText(
  text: string,
  firstLine = 1,
): { events: MigrationEvent[]; skipped: SkippedStatement[] } {
  const scanned = scanSqlDdlWithSkips(text);
  const eventLines = linesOfOffsets(text, scanned.events.map((event) => event.offset), firstLine);
  const skipLines = linesOfOffsets(text, scanned.skipped.map((skip) => skip.offset), firstLine);
  return {
    events: scanned.events.map(({ offset: _offset, ...event }, index) => ({ ...event, line: eventLines[index] ?? firstLine })),
    skipped: scanned.skipped.map((skip, index) => ({ line: skipLines[index] ?? firstLine, reason: skip.reason })),
  };
}

/** A plain `.sql` migration: every statement counts (there is no `down` side in the file). */
export function readSqlMigration(text: string): MigrationFileFacts {
  const { events, skipped } = readSqlText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  return { kind: 'migration', events, skipped };
}
