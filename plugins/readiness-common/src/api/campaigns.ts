/**
 * Campaigns: a platform team's push to get a set of checks passing across a
 * slice of the catalog by a due date ("every service has a PDB by the end of
 * the quarter"). Defined in configuration (`readiness.campaigns`) or through
 * the API; progress is computed from the stored scorecards.
 */

/**
 * Which entities a campaign covers. Every listed filter must match (AND);
 * within one filter any value may match (OR). An empty target covers every
 * scored entity.
 *
 * @public
 */
export interface CampaignTarget {
  /** Owner entity refs, e.g. `group:default/payments-team`. */
  owners?: string[];
  /** System entity refs, e.g. `system:default/freight`. */
  systems?: string[];
  /** Entity kinds, e.g. `Component`; compared case-insensitively. */
  kinds?: string[];
  /** `spec.lifecycle` values, e.g. `production`. */
  lifecycles?: string[];
  /** `metadata.tags` values; an entity matches when it has any of them. */
  tags?: string[];
}

/**
 * What a campaign asks for, as configured or sent to the API.
 *
 * @public
 */
export interface CampaignDefinition {
  /** Lower-case letters, digits and dashes, unique. */
  id: string;
  title: string;
  /** Markdown, shown on the campaign page and in notifications. */
  description?: string;
  /** Check ids (built-in or custom) every entity in scope must pass. */
  checks: string[];
  target: CampaignTarget;
  /** First day of the campaign, `YYYY-MM-DD` (UTC). */
  startDate: string;
  /** Last day of the campaign, `YYYY-MM-DD` (UTC); overdue after it. */
  dueDate: string;
  /** Who runs the campaign (a group or user ref): receives its summaries. */
  owner?: string;
}

/**
 * Where a campaign is defined. Campaigns from configuration are read-only
 * through the API.
 *
 * @public
 */
export type CampaignOrigin = 'config' | 'api';

/**
 * Where a campaign is in its life: before its start date, between start and
 * due date, after the due date with entities still failing, or every entity
 * in scope passing or exempt.
 *
 * @public
 */
export type CampaignStatus = 'scheduled' | 'running' | 'overdue' | 'completed';

/**
 * How many entities in a campaign's scope pass, fail or are exempt. An
 * entity passes when each campaign check that applies to it passes or does
 * not apply; it is exempt when its only non-passing results for the
 * campaign's checks are exempt; otherwise it fails.
 *
 * @public
 */
export interface CampaignTally {
  inScope: number;
  passing: number;
  failing: number;
  exempt: number;
}

/** A campaign's tally for one owning team. @public */
export interface CampaignOwnerProgress extends CampaignTally {
  /** Owner entity ref; `''` for entities without an owner. */
  owner: string;
}

/** A campaign's tally at the end of one UTC day. @public */
export interface CampaignBurndownPoint extends CampaignTally {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
}

/** A campaign with its overall progress, as listed. @public */
export interface CampaignSummary extends CampaignDefinition {
  origin: CampaignOrigin;
  status: CampaignStatus;
  progress: CampaignTally;
}

/**
 * A campaign with its progress per owner and over time. Counts cover only
 * the entities the caller may see.
 *
 * @public
 */
export interface CampaignDetail extends CampaignSummary {
  owners: CampaignOwnerProgress[];
  /** One point per day from the start date to today (or the due date), oldest first. */
  burndown: CampaignBurndownPoint[];
}

/**
 * A running or overdue campaign the entity is in and still fails: what the
 * entity tab's banner shows.
 *
 * @public
 */
export interface EntityCampaignStatus {
  campaign: CampaignSummary;
  /** The campaign's checks this entity fails, in the campaign's order. */
  failingChecks: string[];
}
