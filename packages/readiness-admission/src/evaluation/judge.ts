/**
 * Judges one workload with the engine, as CI would judge it beside the
 * objects of its namespace, and keeps only what the answer needs: its
 * level and its failing checks, most severe first, each with its fix.
 */
import {
  evaluateReadiness,
  KubeObject,
  ReadinessConfig,
  ReadinessLevel,
  Severity,
} from '@prodready/backstage-plugin-readiness-common';

/** What the webhook sends to be judged. */
export interface JudgeRequest {
  /** The incoming object, its namespace filled in. */
  object: KubeObject;
  /** The cached objects it may relate to (its namespace's, monitors, the Namespace). */
  related: KubeObject[];
}

/** A check the workload fails (or could not be verified on). */
export interface FailingCheck {
  check: string;
  severity: Severity;
  title: string;
  /** What the engine found, e.g. which container lacks a probe. */
  message: string;
  /** What to change, in one line. */
  fix: string;
}

/** The verdict on one workload. */
export interface Verdict {
  /** False when the engine did not read the object as a workload. */
  evaluated: boolean;
  level: ReadinessLevel;
  score: number;
  failing: FailingCheck[];
  /** How many checks an exemption turned off. */
  exempt: number;
}

const SEVERITY_RANK: Record<Severity, number> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
};

/** The first paragraph of a remediation, on one line (custom ones are Markdown). */
function oneLine(text: string): string {
  const paragraph = text.trim().split(/\n\s*\n/)[0] ?? '';
  return paragraph.replace(/\s+/g, ' ').trim();
}

export function judgeWorkload(
  request: JudgeRequest,
  config: ReadinessConfig,
  now: Date = new Date(),
): Verdict {
  const namespace = request.object.metadata?.namespace;
  const report = evaluateReadiness({
    objects: [request.object, ...request.related].map(object => ({ object })),
    config,
    now,
    defaultNamespace: namespace,
    configMapScope: 'referenced',
  });
  // The incoming object comes first, so it is the first workload.
  const workload = report.workloads[0];
  if (!workload || workload.kind !== request.object.kind) {
    return {
      evaluated: false,
      level: 'gold',
      score: 100,
      failing: [],
      exempt: 0,
    };
  }
  const catalogue = config.catalogue;
  const failing: FailingCheck[] = [];
  let exempt = 0;
  workload.results.forEach(result => {
    if (result.status === 'exempt') exempt++;
    if (result.status !== 'fail' && result.status !== 'error') return;
    const definition = catalogue.get(result.check);
    failing.push({
      check: result.check,
      severity: result.severity,
      title: definition?.title ?? result.check,
      message: oneLine(result.message),
      fix: oneLine(definition?.remediation ?? ''),
    });
  });
  // Stable: within a severity, the catalogue's order.
  failing.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  return {
    evaluated: true,
    level: workload.level,
    score: workload.score,
    failing,
    exempt,
  };
}
