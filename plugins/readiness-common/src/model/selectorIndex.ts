/**
 * An index of selector-bearing objects (PDBs, NetworkPolicies, Services,
 * monitors) that lets a pod template find the selectors that may match it
 * without testing every selector in the input: each selector is filed under
 * one of its `matchLabels` pairs, so only selectors whose pair the labels
 * contain are tested. Selectors without `matchLabels` (empty, or expressions
 * only) go to a per-scope fallback list that every lookup tests.
 *
 * Keys are nested maps (scope → label key → label value) rather than joined
 * strings, so lookups allocate nothing.
 */
import { CompiledSelector, selectorMatches } from './selectors';

interface Entry<T> {
  selector: CompiledSelector;
  item: T;
}

type ByValue<T> = Map<string, Entry<T>[]>;
type ByKey<T> = Map<string, ByValue<T>>;

const NOTHING: readonly never[] = Object.freeze([]);

/** Selectors grouped by scope (usually the namespace). */
export class SelectorIndex<T> {
  private readonly byPair = new Map<string, ByKey<T>>();
  private readonly unkeyed = new Map<string, Entry<T>[]>();

  /** Files a selector; selectors that match nothing are dropped. */
  add(scope: string, selector: CompiledSelector, item: T): void {
    if (selector.matchesNothing) return;
    const entry = { selector, item };
    if (selector.equals.length === 0) {
      const list = this.unkeyed.get(scope);
      if (list) list.push(entry);
      else this.unkeyed.set(scope, [entry]);
      return;
    }
    const [key, value] = selector.equals[0];
    let byKey = this.byPair.get(scope);
    if (!byKey) {
      byKey = new Map();
      this.byPair.set(scope, byKey);
    }
    let byValue = byKey.get(key);
    if (!byValue) {
      byValue = new Map();
      byKey.set(key, byValue);
    }
    const list = byValue.get(value);
    if (list) list.push(entry);
    else byValue.set(value, [entry]);
  }

  /**
   * Items whose selector, filed under `scope`, matches the labels. The
   * returned array must not be modified (it may be shared when empty).
   */
  find(scope: string, labels: Record<string, string>): readonly T[] {
    let found: T[] | undefined;
    const byKey = this.byPair.get(scope);
    if (byKey) {
      for (const key in labels) {
        if (!Object.prototype.hasOwnProperty.call(labels, key)) continue;
        const candidates = byKey.get(key)?.get(labels[key]);
        if (!candidates) continue;
        for (const candidate of candidates) {
          if (selectorMatches(candidate.selector, labels)) {
            (found ??= []).push(candidate.item);
          }
        }
      }
    }
    const fallback = this.unkeyed.get(scope);
    if (fallback) {
      for (const candidate of fallback) {
        if (selectorMatches(candidate.selector, labels)) {
          (found ??= []).push(candidate.item);
        }
      }
    }
    return found ?? NOTHING;
  }
}
