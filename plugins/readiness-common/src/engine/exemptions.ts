/**
 * Exemptions: a team's recorded decision that a check does not apply to them
 * (for now). Declared by annotation on the workload, its pod template or the
 * catalog entity, or in config (for one entity, or for every object that
 * matches). An exemption without a reason, or past its end date, does not
 * count; the result then says why it was ignored.
 */
import {
  ANNOTATION_EXEMPT_PREFIX,
  ANNOTATION_EXEMPT_UNTIL_PREFIX,
} from '../annotations';
import { CheckCatalogue } from '../checks/CheckCatalogue';
import { ExemptionConfig, isIsoDate, isMatchExemption } from '../config';
import { closest } from '../util/editDistance';
import { AppliedExemption } from '../types';
import { dateLikeToString } from '../util/guards';

type Source = AppliedExemption['source'];

/** An exemption as declared, before it is judged. */
export interface Declared {
  reason: string;
  until?: string;
  /** The first annotation key that declared it, for warnings. */
  key?: string;
  /** The config entry that declared it, e.g. `exemptions[3]`. */
  configKey?: string;
}

/** A config exemption that matched the object, and the checks it covers. */
export interface MatchedExemption {
  declared: Declared;
  covers(checkId: string): boolean;
}

/** Exemptions declared in one place, by check id. */
export type DeclaredExemptions = ReadonlyMap<string, Declared>;

const SOURCE_LABELS: Record<Source, string> = {
  workload: 'on the object',
  'pod-template': 'on the pod template',
  entity: 'on the catalog entity',
  config: 'in config',
};

/**
 * Reads `prodready.dev/exempt.<id>` and `prodready.dev/exempt-until.<id>`
 * annotations. Returns undefined when there are none, which is the common
 * case and lets evaluation skip exemption handling entirely.
 */
export function readAnnotationExemptions(
  annotations: Record<string, unknown> | undefined,
): DeclaredExemptions | undefined {
  if (!annotations) return undefined;
  let found: Map<string, Declared> | undefined;
  for (const key of Object.keys(annotations)) {
    // Cheap prefix test first: nearly every annotation is unrelated.
    if (
      key.charCodeAt(0) !== 112 /* p */ ||
      !key.startsWith('prodready.dev/exempt')
    ) {
      continue;
    }
    let id: string;
    let field: 'reason' | 'until';
    if (key.startsWith(ANNOTATION_EXEMPT_PREFIX)) {
      id = key.slice(ANNOTATION_EXEMPT_PREFIX.length);
      field = 'reason';
    } else if (key.startsWith(ANNOTATION_EXEMPT_UNTIL_PREFIX)) {
      id = key.slice(ANNOTATION_EXEMPT_UNTIL_PREFIX.length);
      field = 'until';
    } else {
      continue;
    }
    found ??= new Map();
    const entry = found.get(id) ?? { reason: '', key };
    const value = dateLikeToString(annotations[key]) ?? '';
    if (field === 'reason') entry.reason = value;
    else entry.until = value;
    found.set(id, entry);
  }
  return found;
}

/**
 * Warnings for exemption annotations that name no known check (a typo
 * exempts nothing, silently), each naming the annotation, the object that
 * carries it and the closest known id.
 */
export function unknownExemptionWarnings(
  declared: DeclaredExemptions | undefined,
  carrier: string,
  catalogue: Pick<CheckCatalogue, 'has' | 'ids'> = CheckCatalogue.builtIn,
): string[] {
  if (!declared) return [];
  const warnings: string[] = [];
  for (const [id, entry] of declared) {
    if (catalogue.has(id)) continue;
    const key = entry.key ?? `${ANNOTATION_EXEMPT_PREFIX}${id}`;
    const best = closest(id, catalogue.ids);
    warnings.push(
      `${carrier}: annotation ${key} names no known check${
        best ? `; did you mean \`${best.match}\`?` : '.'
      }`,
    );
  }
  return warnings;
}

/** Config exemptions that apply to one entity, by check id. */
export function configExemptionsFor(
  exemptions: readonly ExemptionConfig[],
  entityRef: string | undefined,
  normalizeRef: (ref: string) => string,
): DeclaredExemptions | undefined {
  if (!entityRef || exemptions.length === 0) return undefined;
  let found: Map<string, Declared> | undefined;
  exemptions.forEach((exemption, index) => {
    if (isMatchExemption(exemption)) return;
    if (normalizeRef(exemption.entityRef) !== entityRef) return;
    found ??= new Map();
    // The first one listed for a check wins, like the first annotation source.
    if (!found.has(exemption.check)) {
      found.set(exemption.check, {
        reason: exemption.reason,
        until: exemption.until,
        configKey: `exemptions[${index}]`,
      });
    }
  });
  return found;
}

/** Exemption sources of one object, most specific first. */
export interface ExemptionSources {
  workload?: DeclaredExemptions;
  podTemplate?: DeclaredExemptions;
  entity?: DeclaredExemptions;
  config?: DeclaredExemptions;
  /** Config exemptions that match the object, in the order listed. */
  matched?: readonly MatchedExemption[];
}

/**
 * The exemption sources of one object: its own annotations (and its pod
 * template's), the entity-wide ones and the config entries that match it;
 * undefined when nothing declares an exemption, the engine's fast path.
 */
export function subjectExemptionSources(
  own: DeclaredExemptions | undefined,
  podTemplate: DeclaredExemptions | undefined,
  shared: ExemptionSources,
  matched?: readonly MatchedExemption[],
): ExemptionSources | undefined {
  if (!own && !podTemplate && !shared.entity && !shared.config && !matched) {
    return undefined;
  }
  return { ...shared, workload: own, podTemplate, matched };
}

/** `Deployment shop/web (deploy/web.yaml:12)`: an annotation's carrier, for warnings. */
export function describeCarrier(
  kind: string,
  namespace: string,
  name: string,
  source: { file?: string; line?: number },
): string {
  const where =
    typeof source.file === 'string'
      ? ` (${source.file}${
          typeof source.line === 'number' ? `:${source.line}` : ''
        })`
      : '';
  return `${kind} ${namespace}/${name || '(unnamed)'}${where}`;
}

/** Outcome of looking for an exemption. */
export interface ExemptionDecision {
  exemption?: AppliedExemption;
  ignored?: string;
}

const NO_DECISION: ExemptionDecision = Object.freeze({});

/** End of the given `YYYY-MM-DD` day in UTC, in epoch milliseconds. */
export function endOfDayUtc(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day, 23, 59, 59, 999);
}

function judge(
  declared: Declared,
  source: Source,
  now: number,
): ExemptionDecision {
  const { configKey } = declared;
  const where = configKey
    ? `${SOURCE_LABELS[source]} (${configKey})`
    : SOURCE_LABELS[source];
  const reason = declared.reason.trim();
  if (!reason) {
    return {
      ignored: `An exemption ${where} was ignored because its reason is empty.`,
    };
  }
  const until = declared.until?.trim();
  if (until !== undefined && until !== '') {
    if (!isIsoDate(until)) {
      return {
        ignored: `An exemption ${where} was ignored because its end date "${until}" is not a YYYY-MM-DD date.`,
      };
    }
    if (now > endOfDayUtc(until)) {
      return {
        ignored: `An exemption ${where} was ignored because it expired on ${until}.`,
      };
    }
    return { exemption: applied(reason, until, source, configKey) };
  }
  return { exemption: applied(reason, undefined, source, configKey) };
}

function applied(
  reason: string,
  until: string | undefined,
  source: Source,
  configKey: string | undefined,
): AppliedExemption {
  const exemption: AppliedExemption = { reason, source };
  if (until !== undefined) exemption.until = until;
  if (configKey !== undefined) exemption.configKey = configKey;
  return exemption;
}

/**
 * The exemption that applies to a check, or why a declared one was ignored.
 * The first valid exemption wins, searched from the most specific source:
 * workload, pod template, entity, config for the entity, config by match.
 */
export function decideExemption(
  checkId: string,
  sources: ExemptionSources,
  now: number,
): ExemptionDecision {
  let ignored: string | undefined;
  const order: Array<[DeclaredExemptions | undefined, Source]> = [
    [sources.workload, 'workload'],
    [sources.podTemplate, 'pod-template'],
    [sources.entity, 'entity'],
    [sources.config, 'config'],
  ];
  for (const [declaredById, source] of order) {
    const declared = declaredById?.get(checkId);
    if (!declared) continue;
    const decision = judge(declared, source, now);
    if (decision.exemption) return decision;
    ignored ??= decision.ignored;
  }
  for (const matched of sources.matched ?? []) {
    if (!matched.covers(checkId)) continue;
    const decision = judge(matched.declared, 'config', now);
    if (decision.exemption) return decision;
    ignored ??= decision.ignored;
  }
  return ignored ? { ignored } : NO_DECISION;
}

/** True when no source declares anything. */
export function hasNoExemptions(sources: ExemptionSources): boolean {
  return (
    !sources.workload &&
    !sources.podTemplate &&
    !sources.entity &&
    !sources.config &&
    !sources.matched
  );
}
