/**
 * Config exemptions that match objects by namespace, kind, name and labels
 * (third-party software a team does not control), rather than naming an
 * entity. They apply to workloads and to the objects the engine reports
 * (Ingresses, ConfigMaps), never to entity-level results, which have no
 * object to match.
 *
 * Patterns are compiled once per configuration. Namespace and kind rule
 * out most exemptions for most objects, and objects of one namespace and
 * kind come in numbers, so which exemptions remain for a namespace and kind
 * is worked out once per evaluation; names and labels are only tested for
 * those that remain.
 */
import { ExemptionConfig } from '../config';
import { KubeObject } from '../types';
import { asRecord, toLabelMap } from '../util/guards';
import { compileNameGlobs, NameMatcher } from '../util/nameGlob';
import { MatchedExemption } from './exemptions';

interface CompiledMatchExemption {
  matched: MatchedExemption;
  namespaces?: NameMatcher;
  kinds?: ReadonlySet<string>;
  names?: NameMatcher;
  labels?: ReadonlyArray<readonly [key: string, value: NameMatcher]>;
}

/** The match exemptions left once namespace and kind are known. */
interface Candidates {
  list: readonly CompiledMatchExemption[];
  /** Set when none of them looks at names or labels: the answer for all. */
  all?: readonly MatchedExemption[];
}

const EVERY_CHECK = () => true;

function stringsOf(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const strings = value.filter(
    (item): item is string => typeof item === 'string' && item !== '',
  );
  return strings.length > 0 ? strings : undefined;
}

/**
 * Compiles one entry; undefined for an entry that is not a match exemption,
 * or one with no condition at all (configuration that did not go through
 * `parseReadinessConfig`), which must never exempt everything.
 */
function compile(
  entry: unknown,
  index: number,
): CompiledMatchExemption | undefined {
  const record = asRecord(entry);
  const match = asRecord(record?.match);
  if (!record || !match) return undefined;
  const namespaces = stringsOf(match.namespaces);
  const kinds = stringsOf(match.kinds);
  const names = stringsOf(match.names);
  const labels = Object.entries(asRecord(match.labels) ?? {}).filter(
    (pair): pair is [string, string] => typeof pair[1] === 'string',
  );
  if (!namespaces && !kinds && !names && labels.length === 0) return undefined;

  const checks = stringsOf(record.checks) ?? [];
  const covered = new Set(checks);
  const declared = {
    reason: typeof record.reason === 'string' ? record.reason : '',
    until: typeof record.until === 'string' ? record.until : undefined,
    configKey: `exemptions[${index}]`,
  };
  return {
    matched: {
      declared,
      covers: covered.has('*') ? EVERY_CHECK : id => covered.has(id),
    },
    namespaces: namespaces && compileNameGlobs(namespaces),
    kinds: kinds && new Set(kinds),
    names: names && compileNameGlobs(names),
    labels:
      labels.length > 0
        ? labels.map(([key, value]) => [key, compileNameGlobs([value])])
        : undefined,
  };
}

const COMPILED = new WeakMap<
  readonly ExemptionConfig[],
  readonly CompiledMatchExemption[]
>();

function compileAll(
  exemptions: readonly ExemptionConfig[],
): readonly CompiledMatchExemption[] {
  let compiled = COMPILED.get(exemptions);
  if (!compiled) {
    compiled = exemptions.flatMap(
      (entry, index) => compile(entry, index) ?? [],
    );
    COMPILED.set(exemptions, compiled);
  }
  return compiled;
}

function labelsMatch(
  labels: ReadonlyArray<readonly [string, NameMatcher]>,
  object: KubeObject,
): boolean {
  const actual = toLabelMap(asRecord(object.metadata)?.labels);
  for (const [key, matches] of labels) {
    const value = actual[key];
    if (value === undefined || !matches(value)) return false;
  }
  return true;
}

/** Finds the match exemptions of each object in one evaluation. */
export class MatchExemptionIndex {
  private readonly byKind = new Map<string, Map<string, Candidates>>();

  private constructor(
    private readonly compiled: readonly CompiledMatchExemption[],
  ) {}

  /** An index over the config's match exemptions; undefined when it has none. */
  static of(
    exemptions: readonly ExemptionConfig[],
  ): MatchExemptionIndex | undefined {
    const compiled = compileAll(exemptions);
    return compiled.length > 0 ? new MatchExemptionIndex(compiled) : undefined;
  }

  /**
   * The match exemptions that apply to an object, in the order listed;
   * undefined when none does.
   */
  find(
    kind: string,
    namespace: string,
    name: string,
    object: KubeObject,
  ): readonly MatchedExemption[] | undefined {
    const candidates = this.candidates(kind, namespace);
    if (candidates.all) return candidates.all;
    let found: MatchedExemption[] | undefined;
    for (const exemption of candidates.list) {
      if (exemption.names && !exemption.names(name)) continue;
      if (exemption.labels && !labelsMatch(exemption.labels, object)) continue;
      (found ??= []).push(exemption.matched);
    }
    return found;
  }

  private candidates(kind: string, namespace: string): Candidates {
    let byNamespace = this.byKind.get(kind);
    if (!byNamespace) {
      byNamespace = new Map();
      this.byKind.set(kind, byNamespace);
    }
    let candidates = byNamespace.get(namespace);
    if (!candidates) {
      const list = this.compiled.filter(
        exemption =>
          (!exemption.kinds || exemption.kinds.has(kind)) &&
          (!exemption.namespaces || exemption.namespaces(namespace)),
      );
      const needsObject = list.some(e => e.names || e.labels);
      candidates = {
        list,
        all:
          list.length === 0 || needsObject
            ? undefined
            : list.map(exemption => exemption.matched),
      };
      byNamespace.set(namespace, candidates);
    }
    return candidates;
  }
}
