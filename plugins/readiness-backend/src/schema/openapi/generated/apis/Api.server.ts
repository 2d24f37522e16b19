// Written by hand in the shape that `backstage-repo-tools package schema
// openapi generate --server` writes (its generator jar could not be
// downloaded where this was written); rerun that command to replace it.
// The response types are the same shapes as the spec's, from the common
// package that the frontend reads them with.
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
  OwnerAdoption,
  PlatformOverview,
  PlatformScorecard,
  PublishTargetAvailability,
  ReadinessLevel,
  ReadinessReport,
  ScoreHistoryPoint,
} from '@prodready/backstage-plugin-readiness-common';

/** The path of every entity route. */
type EntityPath = { kind: string; namespace: string; name: string };

/** Source health, as `GET /sources` serves it. */
export type SourceHealth = {
  source: string;
  cluster?: string;
  lastRunAt: string;
  durationMs: number;
  objectCount: number;
  healthy: boolean;
  errors: Array<string>;
  warnings: Array<string>;
  lastSuccessAt?: string;
};

export type GetHealth = {
  response: { status: 'ok' };
};

export type ListChecks = {
  response: { items: Array<CheckDefinition> };
};

export type GetEntityScorecard = {
  path: EntityPath;
  response: EntityScorecard;
};

export type GetEntityHistory = {
  path: EntityPath;
  query: { days?: number };
  response: { items: Array<ScoreHistoryPoint> };
};

export type RefreshEntity = {
  path: EntityPath;
  response: EntityScorecard;
};

export type GetOverview = {
  query: {
    owner?: string;
    system?: string;
    level?: ReadinessLevel;
    q?: string;
    drift?: 'true' | 'false';
    sort?: 'score' | 'level' | 'title' | 'owner' | 'system' | 'evaluatedAt';
    order?: 'asc' | 'desc';
    limit?: number;
    offset?: number;
  };
  response: OverviewPage;
};

export type GetOverviewGroups = {
  response: { items: Array<OwnerAdoption> };
};

export type GetOverviewHistory = {
  query: { days?: number };
  response: { items: Array<OrganisationTrendPoint> };
};

export type GetOverviewChecks = {
  response: { items: Array<CheckFailureCount> };
};

export type ListSources = {
  response: { items: Array<SourceHealth> };
};

export type GetPlatformOverview = {
  response: PlatformOverview;
};

export type GetPlatformScorecard = {
  path: { cluster: string };
  response: PlatformScorecard;
};

export type GetPlatformHistory = {
  path: { cluster: string };
  query: { days?: number };
  response: { items: Array<ScoreHistoryPoint> };
};

export type GetPublishTargetAvailability = {
  query: { repoUrl: string; publishTo: string };
  response: PublishTargetAvailability;
};

export type Evaluate = {
  query: { detail?: 'compact' | 'summary' | 'full' };
  body: { manifests: string | Array<object>; entity?: object };
  response: ReadinessReport | object;
};

export type ListCampaigns = {
  response: { items: Array<CampaignSummary> };
};

export type GetCampaign = {
  path: { id: string };
  response: CampaignDetail;
};

export type SaveCampaign = {
  path: { id: string };
  body: CampaignDefinition;
  response: CampaignSummary;
};

export type DeleteCampaign = {
  path: { id: string };
  response: void;
};

export type GetEntityCampaigns = {
  path: EntityPath;
  response: { items: Array<EntityCampaignStatus> };
};

export type EndpointMap = {
  '#get|/health': GetHealth;
  '#get|/checks': ListChecks;
  '#get|/entities/{kind}/{namespace}/{name}': GetEntityScorecard;
  '#get|/entities/{kind}/{namespace}/{name}/history': GetEntityHistory;
  '#post|/entities/{kind}/{namespace}/{name}/refresh': RefreshEntity;
  '#get|/overview': GetOverview;
  '#get|/overview/groups': GetOverviewGroups;
  '#get|/overview/history': GetOverviewHistory;
  '#get|/overview/checks': GetOverviewChecks;
  '#get|/sources': ListSources;
  '#get|/platform/clusters': GetPlatformOverview;
  '#get|/platform/clusters/{cluster}': GetPlatformScorecard;
  '#get|/platform/clusters/{cluster}/history': GetPlatformHistory;
  '#get|/publish-targets/availability': GetPublishTargetAvailability;
  '#post|/evaluate': Evaluate;
  '#get|/campaigns': ListCampaigns;
  '#get|/campaigns/{id}': GetCampaign;
  '#put|/campaigns/{id}': SaveCampaign;
  '#_delete|/campaigns/{id}': DeleteCampaign;
  '#get|/entities/{kind}/{namespace}/{name}/campaigns': GetEntityCampaigns;
};
