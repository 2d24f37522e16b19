/**
 * An index of selector-bearing objects (PDBs, NetworkPolicies, Services,
 * monitors) that lets a pod template find the selectors that may match it
 * without testing every selector in the input. Each selector is filed under
 * something the labels must contain for it to match: its first `matchLabels`
 * pair; else every value of its first `In` expression; else the key of its
 * first `Exists` expression. Only selectors filed under the labels' own
 * pairs and keys are tested. Selectors with none of these (empty, or only
 * `NotIn`/`DoesNotExist`) go to a per-scope fallback list that every lookup
 * tests; real inputs have few of those (typically a default-deny policy).
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

function getOrCreate<K, V>(
  map: Map<K, Map<string, V>>,
  key: K,
): Map<string, V> {
  let inner = map.get(key);
  if (!inner) {
    inner = new Map();
    map.set(key, inner);
  }
  return inner;
}

function append<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Adds the items of matching candidates to `found`, allocating lazily. */
function collect<T>(
  candidates: readonly Entry<T>[],
  labels: Record<string, string>,
  found: T[] | undefined,
): T[] | undefined {
  let out = found;
  for (const candidate of candidates) {
    if (selectorMatches(candidate.selector, labels)) {
      (out ??= []).push(candidate.item);
    }
  }
  return out;
}

/** Selectors grouped by scope (usually the namespace). */
export class SelectorIndex<T> {
  private readonly byPair = new Map<string, ByKey<T>>();
  private readonly byKey = new Map<string, ByValue<T>>();
  private readonly unkeyed = new Map<string, Entry<T>[]>();

  /** Files a selector; selectors that match nothing are dropped. */
  add(scope: string, selector: CompiledSelector, item: T): void {
    if (selector.matchesNothing) return;
    const entry = { selector, item };
    if (selector.equals.length > 0) {
      const [key, value] = selector.equals[0];
      this.filePair(scope, key, value, entry);
      return;
    }
    const oneOf = selector.requirements.find(r => r.operator === 'In');
    if (oneOf) {
      // A pod has one value per key, so it can hit at most one of these.
      for (const value of new Set(oneOf.values)) {
        this.filePair(scope, oneOf.key, value, entry);
      }
      return;
    }
    const exists = selector.requirements.find(r => r.operator === 'Exists');
    if (exists) {
      append(getOrCreate(this.byKey, scope), exists.key, entry);
      return;
    }
    const list = this.unkeyed.get(scope);
    if (list) list.push(entry);
    else this.unkeyed.set(scope, [entry]);
  }

  private filePair(scope: string, key: string, value: string, entry: Entry<T>) {
    append(getOrCreate(getOrCreate(this.byPair, scope), key), value, entry);
  }

  /**
   * Items whose selector, filed under `scope`, matches the labels. The
   * returned array must not be modified (it may be shared when empty).
   */
  find(scope: string, labels: Record<string, string>): readonly T[] {
    let found: T[] | undefined;
    const pairs = this.byPair.get(scope);
    const keys = this.byKey.get(scope);
    if (pairs || keys) {
      for (const key in labels) {
        if (!Object.prototype.hasOwnProperty.call(labels, key)) continue;
        const candidates = pairs?.get(key)?.get(labels[key]);
        if (candidates) found = collect(candidates, labels, found);
        const withKey = keys?.get(key);
        if (withKey) found = collect(withKey, labels, found);
      }
    }
    const fallback = this.unkeyed.get(scope);
    if (fallback) found = collect(fallback, labels, found);
    return found ?? NOTHING;
  }
}
