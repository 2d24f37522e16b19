/**
 * The vocabulary of platform readiness: a cluster snapshot goes in, a
 * platform report comes out (../shared/spec/platform-checks.md). The report
 * uses the same statuses, severities, score and levels as workload reports.
 */
import type { CheckResult, KubeObject, ReportSummary } from '../types';

/** The server's version, as `GET /version` answers it. @public */
export interface ServerVersion {
  major: string;
  /** May carry a suffix on managed clusters, e.g. `31+`. */
  minor: string;
  gitVersion?: string;
}

/** A kind that could not be read from the cluster, and why. @public */
export interface UnreadKind {
  /** e.g. `ClusterRoleBinding`. */
  kind: string;
  /**
   * For the reader: what failed and how to fix it, e.g. the ClusterRole rule
   * to add after a 403.
   */
  reason: string;
}

/**
 * Everything a platform evaluation reads about one cluster. Objects keep
 * only what the checks read (names, labels, annotations, the spec fields
 * used, status phases and times), never Secret data.
 *
 * @public
 */
export interface ClusterSnapshot {
  /** The cluster's name, as configured in the backend or given to the CLI. */
  cluster: string;
  /**
   * From `/version`; absent in a dump without it, where the oldest Node
   * `status.nodeInfo.kubeletVersion` stands for it.
   */
  serverVersion?: ServerVersion;
  /**
   * Every object read, workloads included, each with `apiVersion` and
   * `kind` set. A custom resource whose CRD is not installed simply has no
   * objects: that is "not installed", not an error.
   */
  objects: KubeObject[];
  /**
   * Kinds the reader was refused or failed to read. Checks that need one of
   * them report `error` naming the kind, instead of a false `fail`.
   */
  unreadKinds?: UnreadKind[];
  /** When the snapshot was read, ISO 8601. */
  readAt: string;
}

/**
 * The platform readiness of one cluster: the CLI's JSON output of
 * `readiness platform`, and the report in a stored platform scorecard.
 *
 * @public
 */
export interface PlatformReport {
  summary: ReportSummary;
  cluster: {
    /** `--cluster-name` in the CLI, else `cluster`; the configured name in the backend. */
    name: string;
    /**
     * One result per platform check (and custom check of scope `cluster`).
     * A passing result's message names what satisfied it; a failing one
     * names what is missing.
     */
    results: CheckResult[];
  };
  /** When the evaluation ran, ISO 8601. */
  evaluatedAt: string;
  /** Problems that did not stop the evaluation, each a sentence. */
  warnings?: string[];
}
