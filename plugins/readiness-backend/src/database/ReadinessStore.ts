/**
 * What the plugin keeps: the latest scorecard per entity, its history, daily
 * points for trends, and the log of source reads. The router and the
 * evaluator depend on this interface; `DatabaseReadinessStore` implements it
 * over the plugin's database, so every replica reads the same state.
 */
import type {
  EntityScorecard,
  OrganisationTrendPoint,
  OverviewPage,
  OverviewQuery,
  OwnerAdoption,
  PlatformClusterRow,
  PlatformReport,
  PlatformScorecard,
  ReadinessLevel,
  ReadinessReport,
  ScoreHistoryPoint,
  SourceHealth,
  WorkloadDrift,
} from '@prodready/backstage-plugin-readiness-common';

/** A freshly computed scorecard to store. */
export interface ScorecardWrite {
  entityRef: string;
  title?: string;
  owner?: string;
  system?: string;
  /** The entity's kind; campaign targets filter on it (case-insensitively). */
  kind?: string;
  /** The entity's `spec.lifecycle`, for campaign targets. */
  lifecycle?: string;
  /** The entity's `metadata.tags`, for campaign targets. */
  tags?: string[];
  report: ReadinessReport;
  /** Set when some results were carried over from a source that failed. */
  staleReason?: string;
  /**
   * Where the sources run the entity's workloads differently from Git;
   * undefined when Git and a source were not both read.
   */
  drift?: WorkloadDrift[];
}

/**
 * What an entity's stored scorecard said before a save replaced it: what
 * owner notifications compare the new scorecard with.
 */
export interface PreviousScorecard {
  level: ReadinessLevel;
  productionReady: boolean;
  /** When the replaced scorecard was computed, ISO 8601. */
  evaluatedAt: string;
  stale: boolean;
  /**
   * The checks it failed, sorted; read only when the new scorecard's level
   * or verdict is worse (the only case where they are told), else empty.
   */
  failingChecks: string[];
  /**
   * The workloads it found drifting, as `workloadDriftKey` names them; read only
   * when the new scorecard has drift (the only case where it is told),
   * else empty.
   */
  driftedWorkloads: string[];
}

/** A freshly computed platform scorecard of one cluster. */
export interface PlatformScorecardWrite {
  cluster: string;
  /** The cluster's catalog entity, when the catalog has one. */
  entityRef?: string;
  title?: string;
  report: PlatformReport;
}

/** A stored platform scorecard without its report, for the overview. */
export type PlatformSummary = Omit<PlatformClusterRow, 'trend'>;

/** One read of a workload source. */
export interface SourceRun {
  source: string;
  startedAt: Date;
  durationMs: number;
  objectCount: number;
  errors: string[];
  warnings: string[];
}

/** How many visible entities fail a check. */
export interface CheckFailureTally {
  check: string;
  failingEntities: number;
}

/**
 * The entities a query may cover: all of them, or only those listed (the
 * ones the caller may see when the permission policy is conditional).
 */
export type EntityScope =
  | { type: 'all' }
  | { type: 'refs'; refs: readonly string[] };

export interface ReadinessStore {
  /**
   * Stores scorecards and the history points their changes make. Returns
   * the scorecards they replaced, by entity ref; an entity evaluated for the
   * first time has none.
   */
  saveScorecards(
    writes: ScorecardWrite[],
    now: Date,
  ): Promise<Map<string, PreviousScorecard>>;
  /** Marks stored scorecards stale, keeping their results. */
  markStale(reasons: Map<string, string>): Promise<void>;
  /** Removes scorecards of entities that left the catalog; history stays. */
  deleteScorecards(entityRefs: string[]): Promise<void>;
  getScorecard(entityRef: string): Promise<EntityScorecard | undefined>;
  /**
   * The same scorecard as JSON text, made without parsing the stored report:
   * what the scorecard route sends, at a fraction of the cost.
   */
  getScorecardJson(entityRef: string): Promise<string | undefined>;
  /**
   * The scorecard's JSON without its report: the part that changes with
   * every evaluation (`evaluatedAt`) and with staleness, read without the
   * report, so that a response made earlier can be recognised as current.
   * `getScorecardJson` of the same row starts with this text, its closing
   * brace aside.
   */
  getScorecardSummaryJson(entityRef: string): Promise<string | undefined>;
  /** When the entity's stored scorecard was computed, if it has one. */
  getEvaluatedAt(entityRef: string): Promise<string | undefined>;
  listEntityRefs(): Promise<string[]>;
  getHistory(entityRef: string, since: Date): Promise<ScoreHistoryPoint[]>;

  /** A filtered, sorted page of the overview, with the total count. */
  queryOverview(
    query: OverviewQuery,
    scope: EntityScope,
  ): Promise<OverviewPage>;
  /** Adoption per owner, lowest share production-ready first. */
  adoptionByOwner(scope: EntityScope): Promise<OwnerAdoption[]>;
  /** Each failing check with how many entities fail it, most first. */
  failingCheckTallies(scope: EntityScope): Promise<CheckFailureTally[]>;
  /** The organisation per UTC day since `since`. */
  getTrend(since: Date, scope: EntityScope): Promise<OrganisationTrendPoint[]>;

  recordSourceRuns(runs: SourceRun[]): Promise<void>;
  /** The latest read of each source, with its last success. */
  sourceHealth(): Promise<SourceHealth[]>;
  /** Deletes history (platform history too), daily points and source runs older than `before`. */
  pruneHistory(before: Date): Promise<void>;

  /**
   * Stores a cluster's platform scorecard (no longer stale) and a history
   * point when the score, level, verdict or a check's status changed, or on
   * the cluster's first evaluation of the UTC day.
   */
  savePlatformScorecard(
    write: PlatformScorecardWrite,
    now: Date,
  ): Promise<void>;
  /** Marks a cluster's stored platform scorecard stale, keeping its results. */
  markPlatformStale(cluster: string, reason: string): Promise<void>;
  /** Removes the platform scorecards of clusters no longer read; history stays until pruned. */
  deletePlatformScorecards(clusters: string[]): Promise<void>;
  getPlatformScorecard(cluster: string): Promise<PlatformScorecard | undefined>;
  /** The clusters with a stored platform scorecard. */
  listPlatformClusters(): Promise<string[]>;
  /** Every stored platform scorecard, by cluster name, with each check's status. */
  listPlatformSummaries(): Promise<PlatformSummary[]>;
  /** A cluster's history points since `since`, oldest first. */
  getPlatformHistory(
    cluster: string,
    since: Date,
  ): Promise<ScoreHistoryPoint[]>;
  /**
   * Per cluster, its last history point of each UTC day since `since`,
   * oldest first: the overview's trend.
   */
  platformDailyTrends(since: Date): Promise<Map<string, ScoreHistoryPoint[]>>;

  /**
   * Called after a cycle has rewritten the scorecards: brings the
   * database's statistics and visibility up to date, so that the overview's
   * index-only reads are fast at once rather than after the next autovacuum.
   */
  optimizeForReads(): Promise<void>;
}
