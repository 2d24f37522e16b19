/**
 * The vocabulary shared by the engine, the backend, the CLI, the scaffolder
 * action and the UI. The shapes of reports follow the JSON contract in the
 * check catalogue; anything added beyond it is optional.
 */

/** How much a failing check matters. @public */
export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** Weight of each severity in the score. @public */
export const SEVERITY_WEIGHTS: Readonly<Record<Severity, number>> = {
  critical: 10,
  high: 5,
  medium: 2,
  low: 1,
};

/** Outcome of one check on one object. @public */
export type CheckStatus = 'pass' | 'fail' | 'skip' | 'exempt' | 'error';

/** Readiness level, best first. @public */
export type ReadinessLevel = 'gold' | 'silver' | 'bronze' | 'none';

/** Levels ordered from worst to best, so an index comparison ranks them. @public */
export const LEVELS_ASCENDING: readonly ReadinessLevel[] = [
  'none',
  'bronze',
  'silver',
  'gold',
];

/** The check categories of the catalogue. @public */
export type CheckCategory =
  | 'health'
  | 'resources'
  | 'availability'
  | 'security'
  | 'supply-chain'
  | 'network'
  | 'secrets'
  | 'observability'
  | 'recovery'
  | 'operations';

/** What a check is evaluated on. @public */
export type CheckTarget = 'workload' | 'ingress' | 'configmap' | 'entity';

/** Static description of a check, as served by `GET /checks`. @public */
export interface CheckDefinition {
  id: string;
  category: CheckCategory;
  severity: Severity;
  target: CheckTarget;
  title: string;
  /** Why this matters in production. */
  rationale: string;
  /** What to change, in prose. */
  remediation: string;
  /** A YAML fragment showing the fix. */
  remediationSnippet: string;
  /** Anchor in the check reference docs, e.g. `readiness-probe`. */
  docsAnchor: string;
}

/**
 * One place where a check failed. Only names and field paths, never values:
 * env values and ConfigMap data must not leak through reports.
 * @public
 */
export interface Finding {
  /** Field path, e.g. `spec.template.spec.containers[1].resources.limits.memory`. */
  path: string;
  message: string;
  /** The container concerned, for container-level checks. */
  container?: string;
  /**
   * The object the finding is about when it is not the subject of the
   * result (a PodDisruptionBudget, an HPA, a ServiceAccount): `path` is then
   * a field of that object, and reports point at its own file.
   */
  object?: ObjectRef;
}

/** The exemption that turned a result into `exempt`. @public */
export interface AppliedExemption {
  reason: string;
  /** `YYYY-MM-DD`; the exemption ends at the end of that day, UTC. */
  until?: string;
  /** Where it was declared: a workload, its pod template, the entity, or config. */
  source: 'workload' | 'pod-template' | 'entity' | 'config';
  /**
   * For `source: config`, the entry that declared it, e.g. `exemptions[3]`:
   * tells apart the exemptions that match many workloads.
   */
  configKey?: string;
}

/** Outcome of one check on one object. @public */
export interface CheckResult {
  check: string;
  status: CheckStatus;
  /** Effective severity, after config overrides. */
  severity: Severity;
  message: string;
  findings?: Finding[];
  /** Present when status is `exempt`. */
  exemption?: AppliedExemption;
  /** Why an exemption was found but ignored (empty reason, expired). */
  exemptionIgnored?: string;
}

/** Score and level of a set of results. @public */
export interface Scored {
  score: number;
  level: ReadinessLevel;
}

/** Identifies a Kubernetes object and where it came from. @public */
export interface ObjectRef {
  kind: string;
  namespace: string;
  name: string;
  /** Manifest file it was read from (CLI, Git). */
  file?: string;
  /** Cluster it was read from (live sources). */
  cluster?: string;
  /** Id of the backend source it was read from, e.g. `cluster:prod-eu`. */
  source?: string;
  /** 1-based line of the manifest where the object starts, when known. */
  line?: number;
}

/** Results of one workload. @public */
export interface WorkloadReport extends ObjectRef, Scored {
  results: CheckResult[];
}

/** Results of a non-workload object that carries checks of its own. @public */
export interface ObjectReport extends ObjectRef {
  results: CheckResult[];
}

/** Counts of results by status. @public */
export type StatusCounts = Record<CheckStatus, number>;

/** The overall verdict. @public */
export interface ReportSummary extends Scored {
  productionReady: boolean;
  counts: StatusCounts;
}

/** Entity-level results. @public */
export interface EntityReport {
  ref: string;
  results: CheckResult[];
}

/** A full readiness report: the CLI's JSON output and the stored scorecard. @public */
export interface ReadinessReport {
  summary: ReportSummary;
  workloads: WorkloadReport[];
  objects: ObjectReport[];
  entity?: EntityReport;
  /** When the evaluation ran, ISO 8601. */
  evaluatedAt: string;
  /**
   * Problems in the input that did not stop the evaluation, each a sentence
   * naming the object (e.g. an exemption annotation for an unknown check).
   */
  warnings?: string[];
}

/** A Kubernetes object as read from YAML, JSON or the API. @public */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: Array<{
      apiVersion?: string;
      kind?: string;
      name?: string;
      controller?: boolean;
    }>;
    [key: string]: unknown;
  };
  spec?: any;
  data?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A Kubernetes object with where it came from. @public */
export interface SourcedObject {
  object: KubeObject;
  file?: string;
  cluster?: string;
  /** Id of the backend source that read it; copied to the report. */
  source?: string;
  /** 1-based line of the manifest where the object starts, when known. */
  line?: number;
}
