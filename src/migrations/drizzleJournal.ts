/**
 * drizzle-kit keeps the order of a migrations folder in `meta/_journal.json`:
 * `{ "entries": [{ "idx": 0, "tag": "0000_init", "when": 1700000000000, ... }] }`. Its migrator
 * runs `<tag>.sql` for each entry in `idx` order, and ignores SQL files the journal does not list.
 */
export type DrizzleJournal = { readonly tags: string[] } | { readonly error: string };

interface JournalEntry {
  readonly idx: number;
  readonly tag: string;
}

/** The journal's tags in `idx` order, or why the text is not a readable journal. Never throws. */
export function readDrizzleJournal(text: string): DrizzleJournal {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { error: `is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!isRecord(parsed) || !Array.isArray(parsed.entries)) return { error: 'has no "entries" array' };
  const entries: JournalEntry[] = [];
  for (const [position, entry] of (parsed.entries as unknown[]).entries()) {
    if (!isRecord(entry) || typeof entry.tag !== 'string' || entry.tag === '' || typeof entry.idx !== 'number' || !Number.isFinite(entry.idx)) {
      return { error: `entry ${position} has no numeric "idx" and non-empty "tag"` };
    }
    entries.push({ idx: entry.idx, tag: entry.tag });
  }
  // Stable: entries with equal idx keep their file order.
  entries.sort((a, b) => a.idx - b.idx);
  return { tags: entries.map((entry) => entry.tag) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
