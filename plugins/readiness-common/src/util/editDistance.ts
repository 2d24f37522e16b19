/**
 * Edit distances for "did you mean" hints on mistyped check ids.
 */

/**
 * Optimal-string-alignment distance: insertions, deletions, substitutions
 * and swaps of two adjacent characters (`pbd` → `pdb`) each cost 1. Three
 * rows of the table are kept; ids are short.
 */
export function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, before[j - 2] + 1);
      }
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/**
 * How far a typed id is from a known one. Besides the whole id, the typed
 * word is compared with the id's start and with each of its `-` parts (one
 * more for the missing rest), so a shortened id finds its check: `seccomp`
 * is 1 from `seccomp-profile`, not 8.
 */
function idDistance(word: string, id: string): number {
  let best = editDistance(word, id);
  if (id.length > word.length) {
    best = Math.min(best, editDistance(word, id.slice(0, word.length)) + 1);
  }
  for (const part of id.split('-')) {
    if (part !== id) best = Math.min(best, editDistance(word, part) + 1);
  }
  return best;
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
    const distance = idDistance(needle, candidate.toLowerCase());
    if (!best || distance < best.distance) {
      best = { match: candidate, distance };
    }
  }
  return best;
}
