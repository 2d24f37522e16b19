import { createApiRef } from '@backstage/frontend-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  CampaignDefinition,
  CampaignDetail,
  CampaignSummary,
  CheckDefinition,
  CheckFailureCount,
  EntityCampaignStatus,
  EntityScorecard,
  OrganisationTrendPoint,
  OverviewPage,
  OverviewQuery,
  OwnerAdoption,
  PlatformOverview,
  PlatformScorecard,
  PublishTargetAvailability,
  ScoreHistoryPoint,
  SourceHealth,
} from '@prodready/backstage-plugin-readiness-common';

/**
 * An entity, as a ref string (`component:default/web`) or its parts.
 *
 * @public
 */
export type ReadinessEntityRef = string | CompoundEntityRef;

/**
 * Client for the readiness backend.
 *
 * @public
 */
export interface ReadinessApi {
  /** The catalogue of readiness checks the backend evaluates. */
  getChecks(): Promise<CheckDefinition[]>;

  /**
   * The latest scorecard of an entity, or `undefined` when there is none:
   * not evaluated yet, not a kind the backend scores, or not visible to the
   * user.
   */
  getScorecard(
    entityRef: ReadinessEntityRef,
  ): Promise<EntityScorecard | undefined>;

  /** The entity's score over the last `days` days (backend default 90), oldest first. */
  getScoreHistory(
    entityRef: ReadinessEntityRef,
    options?: { days?: number },
  ): Promise<ScoreHistoryPoint[]>;

  /**
   * Evaluates the entity now and returns its new scorecard. Needs the
   * `readiness.entity.refresh` permission.
   */
  refreshScorecard(entityRef: ReadinessEntityRef): Promise<EntityScorecard>;

  /** One page of the adoption overview. */
  getOverview(query?: OverviewQuery): Promise<OverviewPage>;

  /** Adoption per owning team, lowest share production-ready first. */
  getOwnerAdoption(): Promise<OwnerAdoption[]>;

  /** The organisation per UTC day, oldest first. */
  getOrganisationTrend(options?: {
    days?: number;
  }): Promise<OrganisationTrendPoint[]>;

  /** Each check failing somewhere, with how many entities fail it. */
  getCheckFailures(): Promise<CheckFailureCount[]>;

  /**
   * How each workload source fared at its latest read. Needs the
   * `readiness.sources.read` permission.
   */
  getSourceHealth(): Promise<SourceHealth[]>;

  /**
   * Every cluster the user may see with its platform score, the status of
   * each platform check and its trend, and the platform checks themselves.
   */
  getPlatformOverview(): Promise<PlatformOverview>;

  /**
   * The latest platform scorecard of a cluster, by its configured name, or
   * `undefined` when there is none: the backend does not read that cluster,
   * has not evaluated it yet, or the user may not see it.
   */
  getPlatformScorecard(cluster: string): Promise<PlatformScorecard | undefined>;

  /** The cluster's platform score over the last `days` days (backend default 90), oldest first. */
  getPlatformHistory(
    cluster: string,
    options?: { days?: number },
  ): Promise<ScoreHistoryPoint[]>;

  /**
   * Whether a template may publish a new repository at `repoUrl` (as the
   * RepoUrlPicker writes it) to the `publishTo` target, e.g. `github`:
   * `available` is false when the repository already exists there.
   */
  getPublishTargetAvailability(options: {
    repoUrl: string;
    publishTo: string;
  }): Promise<PublishTargetAvailability>;

  /** Every campaign with its overall progress over the entities the user may see. */
  getCampaigns(): Promise<CampaignSummary[]>;

  /**
   * One campaign with its progress per owner and its burndown, or
   * `undefined` when there is no such campaign.
   */
  getCampaign(id: string): Promise<CampaignDetail | undefined>;

  /**
   * Creates a campaign, or replaces the one with the same id that was made
   * through the API. Needs the `readiness.campaign.manage` permission;
   * campaigns from configuration cannot be replaced.
   */
  saveCampaign(campaign: CampaignDefinition): Promise<CampaignSummary>;

  /** Deletes a campaign made through the API. Needs `readiness.campaign.manage`. */
  deleteCampaign(id: string): Promise<void>;

  /** The running or overdue campaigns the entity is in and still fails. */
  getEntityCampaigns(
    entityRef: ReadinessEntityRef,
  ): Promise<EntityCampaignStatus[]>;
}

/** @public */
export const readinessApiRef = createApiRef<ReadinessApi>().with({
  id: 'plugin.readiness.api',
  pluginId: 'readiness',
});
