/**
 * Levenshtein distance, for "did you mean" hints on mistyped check ids.
 * One row of the dynamic-programming table is kept, so the cost is
 * O(|a|·|b|) time and O(|b|) memory; ids are short.
 */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(
        row[j] + 1,
        row[j - 1] + 1,
        diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return row[b.length];
}

/**
 * The candidate closest to `word` (first of equals in candidate order), with
 * its distance; undefined when there are no candidates. Case is ignored.
 */
export function closest(
  word: string,
  candidates: readonly string[],
): { match: string; distance: number } | undefined {
  let best: { match: string; distance: number } | undefined;
  const needle = word.toLowerCase();
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate.toLowerCase());
    if (!best || distance < best.distance) {
      best = { match: candidate, distance };
    }
  }
  return best;
}
