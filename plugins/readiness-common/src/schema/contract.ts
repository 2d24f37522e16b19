/**
 * One contract: the types the frontend client, the CLI and the backend
 * share (api/types.ts, types.ts) must be the shapes the backend's OpenAPI
 * spec declares. `openapi.generated.ts` is generated from that spec
 * (`yarn build:openapi-types`; CI fails when it is stale), and this file
 * holds each shared type equal to its schema, so a field added, dropped,
 * renamed or made optional on one side only fails `yarn tsc`.
 *
 * Nothing imports this file; the type-check is the point.
 */
import type { components } from './openapi.generated';
import type * as api from '../api/types';
import type * as campaigns from '../api/campaigns';
import type * as core from '../types';
import type * as drift from '../drift/types';
import type * as platform from '../platform/types';

type Schemas = components['schemas'];

/**
 * True when each is assignable to the other and both have the same keys.
 * Assignability alone lets an optional field exist on one side only; the
 * key check catches that. Nested shapes are compared where they are listed
 * below in their own right.
 */
type SameShape<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? [keyof A] extends [keyof B]
      ? [keyof B] extends [keyof A]
        ? true
        : false
      : false
    : false
  : false;

type Holds<Check extends true> = Check;

export type SharedTypesMatchTheSpec = [
  Holds<SameShape<core.ReadinessReport, Schemas['ReadinessReport']>>,
  Holds<SameShape<core.ReportSummary, Schemas['ReportSummary']>>,
  Holds<SameShape<core.WorkloadReport, Schemas['WorkloadReport']>>,
  Holds<SameShape<core.ObjectReport, Schemas['ObjectReport']>>,
  Holds<SameShape<core.EntityReport, Schemas['EntityReport']>>,
  Holds<SameShape<core.ObjectRef, Schemas['ObjectRef']>>,
  Holds<SameShape<core.CheckResult, Schemas['CheckResult']>>,
  Holds<SameShape<core.Finding, Schemas['Finding']>>,
  Holds<SameShape<core.AppliedExemption, Schemas['AppliedExemption']>>,
  Holds<SameShape<core.StatusCounts, Schemas['StatusCounts']>>,
  Holds<SameShape<core.CheckDefinition, Schemas['CheckDefinition']>>,
  Holds<SameShape<api.EntityScorecard, Schemas['EntityScorecard']>>,
  Holds<SameShape<drift.WorkloadDrift, Schemas['WorkloadDrift']>>,
  Holds<SameShape<drift.DriftDifference, Schemas['DriftDifference']>>,
  Holds<SameShape<api.ScoreHistoryPoint, Schemas['ScoreHistoryPoint']>>,
  Holds<SameShape<api.OverviewRow, Schemas['OverviewRow']>>,
  Holds<SameShape<api.OverviewPage, Schemas['OverviewPage']>>,
  Holds<SameShape<api.LevelCounts, Schemas['LevelCounts']>>,
  Holds<SameShape<api.OwnerAdoption, Schemas['OwnerAdoption']>>,
  Holds<
    SameShape<api.OrganisationTrendPoint, Schemas['OrganisationTrendPoint']>
  >,
  Holds<SameShape<api.CheckFailureCount, Schemas['CheckFailureCount']>>,
  Holds<SameShape<api.SourceHealth, Schemas['SourceHealth']>>,
  Holds<
    SameShape<
      api.PublishTargetAvailability,
      Schemas['PublishTargetAvailability']
    >
  >,
  Holds<SameShape<platform.PlatformReport, Schemas['PlatformReport']>>,
  Holds<
    SameShape<
      platform.PlatformReport['cluster'],
      Schemas['PlatformReportCluster']
    >
  >,
  Holds<SameShape<api.PlatformScorecard, Schemas['PlatformScorecard']>>,
  Holds<SameShape<api.PlatformClusterRow, Schemas['PlatformClusterRow']>>,
  Holds<SameShape<api.PlatformOverview, Schemas['PlatformOverview']>>,
  Holds<SameShape<campaigns.CampaignTarget, Schemas['CampaignTarget']>>,
  Holds<SameShape<campaigns.CampaignDefinition, Schemas['CampaignDefinition']>>,
  Holds<SameShape<campaigns.CampaignOrigin, Schemas['CampaignOrigin']>>,
  Holds<SameShape<campaigns.CampaignStatus, Schemas['CampaignStatus']>>,
  Holds<SameShape<campaigns.CampaignTally, Schemas['CampaignTally']>>,
  Holds<
    SameShape<campaigns.CampaignOwnerProgress, Schemas['CampaignOwnerProgress']>
  >,
  Holds<
    SameShape<campaigns.CampaignBurndownPoint, Schemas['CampaignBurndownPoint']>
  >,
  Holds<SameShape<campaigns.CampaignSummary, Schemas['CampaignSummary']>>,
  Holds<SameShape<campaigns.CampaignDetail, Schemas['CampaignDetail']>>,
  Holds<
    SameShape<campaigns.EntityCampaignStatus, Schemas['EntityCampaignStatus']>
  >,
];
