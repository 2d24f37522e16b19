/**
 * Shapes served by the readiness backend's HTTP API and read by the
 * frontend. The OpenAPI spec in the backend describes the same shapes.
 */
import type {
  CheckCategory,
  CheckDefinition,
  CheckStatus,
  ReadinessLevel,
  ReadinessReport,
  Severity,
} from '../types';
import type { PlatformReport } from '../platform/types';
import type { WorkloadDrift } from '../drift/types';

/** The latest scorecard of one catalog entity. @public */
export interface EntityScorecard {
  entityRef: string;
  title?: string;
  owner?: string;
  system?: string;
  score: number;
  level: ReadinessLevel;
  productionReady: boolean;
  /** When the report was computed, ISO 8601. */
  evaluatedAt: string;
  /** True when a source could not be read and some results are older. */
  stale: boolean;
  /** Why the scorecard is stale: which source failed and how. */
  staleReason?: string;
  report: ReadinessReport;
  /**
   * Where the entity's workloads in a cluster differ from its manifests in
   * Git, one entry per drifting workload (and cluster). Present only when
   * both were read for this evaluation: an empty list means they were
   * compared and agree; absent means there was nothing to compare.
   */
  drift?: WorkloadDrift[];
}

/** One point of an entity's score history. @public */
export interface ScoreHistoryPoint {
  recordedAt: string;
  score: number;
  level: ReadinessLevel;
  productionReady: boolean;
}

/** One row of the adoption overview. @public */
export interface OverviewRow {
  entityRef: string;
  title?: string;
  owner?: string;
  system?: string;
  score: number;
  level: ReadinessLevel;
  productionReady: boolean;
  evaluatedAt: string;
  stale: boolean;
  workloadCount: number;
  /**
   * Workloads whose live version differs from Git (see
   * {@link EntityScorecard.drift}); absent when Git and a cluster were not
   * both read for the entity.
   */
  driftCount?: number;
}

/** A page of the adoption overview. @public */
export interface OverviewPage {
  items: OverviewRow[];
  /** Rows matching the filters, over all pages. */
  total: number;
  limit: number;
  offset: number;
}

/** Number of entities at each level. @public */
export type LevelCounts = Record<ReadinessLevel, number>;

/** Adoption of one owning team. @public */
export interface OwnerAdoption {
  owner: string;
  entities: number;
  levels: LevelCounts;
  /** Share of the owner's entities that are production ready, 0–1. */
  productionReadyShare: number;
  meanScore: number;
}

/** The organisation on one UTC day. @public */
export interface OrganisationTrendPoint {
  /** `YYYY-MM-DD`. */
  day: string;
  entities: number;
  levels: LevelCounts;
  productionReadyShare: number;
  meanScore: number;
}

/** How many entities fail one check. @public */
export interface CheckFailureCount {
  check: string;
  title: string;
  /** A built-in {@link CheckCategory}, or a custom check's own category. */
  category: string;
  severity: Severity;
  failingEntities: number;
}

/**
 * How a workload source (a cluster, a folder) fared at its latest read, as
 * `GET /sources` serves it to administrators.
 *
 * @public
 */
export interface SourceHealth {
  /** The source's id, e.g. `cluster:prod-eu`. */
  source: string;
  /** When the latest read started, ISO 8601. */
  lastRunAt: string;
  /** How long the latest read took, in milliseconds. */
  durationMs: number;
  /** Objects the latest read returned; 0 when it failed. */
  objectCount: number;
  /** True when the latest read had no errors. */
  healthy: boolean;
  /** Why the latest read failed; empty when it succeeded. */
  errors: string[];
  /** Problems that did not stop the read, e.g. an optional kind not served. */
  warnings: string[];
  /** The latest read without errors still in the log, ISO 8601. */
  lastSuccessAt?: string;
}

/**
 * Whether a template may publish a new repository where the form says, as
 * `GET /publish-targets/availability` answers and a publish-target checker
 * returns it.
 *
 * @public
 */
export interface PublishTargetAvailability {
  /**
   * False when the publish step would fail because the target already
   * exists (or cannot be used): the form refuses the value, with `reason`.
   */
  available: boolean;
  /**
   * False when the target could not be looked at (the Git host unreachable,
   * no credentials, no checker for that kind of target): the value is let
   * through, and the publish step has the last word.
   */
  checked: boolean;
  /**
   * For the user: what exists and what to do when not available; why the
   * target was not (fully) looked at when not checked.
   */
  reason?: string;
}

/**
 * The latest platform scorecard of one cluster, as
 * `GET /platform/clusters/{cluster}` serves it.
 *
 * @public
 */
export interface PlatformScorecard {
  /** The cluster's configured name. */
  cluster: string;
  /**
   * The cluster's catalog entity, a `Resource` of type `kubernetes-cluster`
   * named after the cluster (or annotated `backstage.io/kubernetes-cluster`);
   * absent when the catalog has none.
   */
  entityRef?: string;
  /** The entity's title, when it has one. */
  title?: string;
  score: number;
  level: ReadinessLevel;
  productionReady: boolean;
  /** When the report was computed, ISO 8601. */
  evaluatedAt: string;
  /** True when the latest read of the cluster failed: this is the last good one. */
  stale: boolean;
  /** Why the scorecard is stale: what failed and how. */
  staleReason?: string;
  report: PlatformReport;
}

/**
 * One cluster in the platform overview: its score and the status of each
 * platform check, for the capabilities × clusters matrix.
 *
 * @public
 */
export interface PlatformClusterRow {
  cluster: string;
  entityRef?: string;
  title?: string;
  score: number;
  level: ReadinessLevel;
  productionReady: boolean;
  evaluatedAt: string;
  stale: boolean;
  staleReason?: string;
  /** The status of each check of the report, by check id. */
  statuses: Record<string, CheckStatus>;
  /** The score at the end of each of the last 30 days with a record, oldest first. */
  trend: ScoreHistoryPoint[];
}

/**
 * The platform overview, as `GET /platform/clusters` serves it: every
 * cluster the user may see, and the checks that make the matrix's rows.
 *
 * @public
 */
export interface PlatformOverview {
  clusters: PlatformClusterRow[];
  /** The platform checks (and custom checks of scope `cluster`), in catalogue order. */
  checks: CheckDefinition[];
}

/** Fields `GET /overview` can sort by. @public */
export const OVERVIEW_SORT_FIELDS = [
  'score',
  'level',
  'title',
  'owner',
  'system',
  'evaluatedAt',
] as const;

/** A field `GET /overview` can sort by. @public */
export type OverviewSortField = (typeof OVERVIEW_SORT_FIELDS)[number];

/**
 * Filters, search, sorting and paging of `GET /overview`.
 *
 * @public
 */
export interface OverviewQuery {
  /** Owner entity ref, e.g. `group:default/payments-team`. */
  owner?: string;
  /** System entity ref, e.g. `system:default/billing`. */
  system?: string;
  level?: ReadinessLevel;
  /** Free text matched against ref, title, owner and system. */
  q?: string;
  /** True: only entities with drift between Git and a cluster (a driftCount above 0). */
  drift?: boolean;
  sort?: OverviewSortField;
  order?: 'asc' | 'desc';
  /** Rows per page, at most 1000. */
  limit?: number;
  offset?: number;
}

/** Display name of each check category, in the order of the catalogue. @public */
export const CHECK_CATEGORY_TITLES: Readonly<Record<CheckCategory, string>> = {
  health: 'Health',
  resources: 'Resources',
  availability: 'Availability',
  security: 'Security',
  'supply-chain': 'Supply chain',
  network: 'Network',
  secrets: 'Secrets',
  observability: 'Observability',
  recovery: 'Recovery',
  operations: 'Operations',
  delivery: 'Delivery',
  networking: 'Networking',
  scaling: 'Scaling',
  storage: 'Storage',
  tenancy: 'Tenancy',
};

/** A zeroed count per level. @public */
export function emptyLevelCounts(): LevelCounts {
  return { gold: 0, silver: 0, bronze: 0, none: 0 };
}
