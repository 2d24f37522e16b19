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
  | 'operations'
  | 'delivery'
  | 'networking'
  | 'scaling'
  | 'storage'
  | 'tenancy';

/**
 * What a check is evaluated on. `object` is for custom checks on objects of
 * the kinds they list (see {@link CheckDefinition.kinds}); `cluster` for
 * platform checks, evaluated once per cluster.
 * @public
 */
export type CheckTarget =
  | 'workload'
  | 'ingress'
  | 'configmap'
  | 'object'
  | 'entity'
  | 'cluster';

/**
 * What a custom check runs on: each workload, each container of each
 * workload, each object of its kinds, the catalog entity, or a whole
 * cluster (platform readiness).
 * @public
 */
export type CheckScope =
  | 'workload'
  | 'container'
  | 'object'
  | 'entity'
  | 'cluster';

/** Static description of a check, as served by `GET /checks`. @public */
export interface CheckDefinition {
  id: string;
  /**
   * A built-in {@link CheckCategory}, or a custom check's own category
   * (lower-kebab-case), shown as a group of its own.
   */
  category: string;
  severity: Severity;
  target: CheckTarget;
  title: string;
  /** Why this matters in production; may be empty for custom checks. */
  rationale: string;
  /** What to change, in prose (Markdown for custom checks); may be empty. */
  remediation: string;
  /** A YAML fragment showing the fix; empty for custom checks. */
  remediationSnippet: string;
  /**
   * Anchor in the check reference docs, e.g. `readiness-probe`. Custom
   * checks have no entry there: their anchor is their id, and their
   * documentation is {@link CheckDefinition.docsUrl}.
   */
  docsAnchor: string;
  /**
   * `built-in` for the checks of the catalogue, `custom` for checks from
   * configuration or a backend module. Absent (older reports) means
   * built-in.
   */
  origin?: 'built-in' | 'custom';
  /** Where a custom check is documented, e.g. the platform team's wiki. */
  docsUrl?: string;
  /** What a custom check runs on; absent for built-in checks. */
  scope?: CheckScope;
  /**
   * The kinds a custom check runs on, e.g. `["Ingress"]`; absent means
   * every workload kind (workload and container scopes).
   */
  kinds?: string[];
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
