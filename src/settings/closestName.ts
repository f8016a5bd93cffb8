/** Levenshtein distance, small inputs only (setting keys, table names). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate nearest to `name`, if it is a plausible typo: at most a third of the name differs,
 * or, with `allowExtension`, one is the other with a suffix (`rootDir` for `root`).
 */
export function closestName(name: string, candidates: Iterable<string>, { allowExtension = false } = {}): string | undefined {
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const [a, b] = [name.toLowerCase(), candidate.toLowerCase()];
    const extends_ = allowExtension && Math.min(a.length, b.length) >= 4 && (a.startsWith(b) || b.startsWith(a));
    const distance = extends_ ? Math.min(editDistance(a, b), limit) : editDistance(a, b);
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
