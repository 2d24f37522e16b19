/**
 * The campaigns of the portal: those of configuration (read-only) and those
 * made through the API (stored), with their progress from the stored
 * scorecards. The routes, the evaluation cycle and the notifier go through
 * this one place.
 */
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type {
  CampaignDefinition,
  CampaignDetail,
  CampaignOrigin,
  CampaignSummary,
  CampaignTally,
  EntityCampaignStatus,
} from '@prodready/backstage-plugin-readiness-common';
import { CampaignStore, CampaignTallies } from '../database/CampaignStore';
import { EntityScope } from '../database/ReadinessStore';
import { utcDay } from '../database/rows';
import { validateCampaignDefinition } from './campaignDefinition';
import { campaignStatus } from './campaignStatus';
import { matchesTarget } from './campaignTarget';

/** A campaign's definition and where it comes from. */
export interface KnownCampaign {
  definition: CampaignDefinition;
  origin: CampaignOrigin;
}

const ALL: EntityScope = { type: 'all' };

export class Campaigns {
  constructor(
    private readonly options: {
      store: CampaignStore;
      /** From `readiness.campaigns`, already validated. */
      configured: readonly CampaignDefinition[];
      /** The check ids a campaign may name. */
      checkIds: readonly string[];
      now?: () => Date;
    },
  ) {}

  private today(): string {
    return utcDay(this.options.now?.() ?? new Date());
  }

  private configured(id: string): CampaignDefinition | undefined {
    return this.options.configured.find(definition => definition.id === id);
  }

  /** Every campaign: configuration's in its order, then the API's by id. */
  async list(): Promise<KnownCampaign[]> {
    const configuredIds = new Set(this.options.configured.map(c => c.id));
    const stored = await this.options.store.listDefinitions();
    return [
      ...this.options.configured.map(definition => ({
        definition,
        origin: 'config' as const,
      })),
      // A stored campaign whose id configuration took later is hidden by it.
      ...stored
        .filter(definition => !configuredIds.has(definition.id))
        .map(definition => ({ definition, origin: 'api' as const })),
    ];
  }

  async get(id: string): Promise<KnownCampaign | undefined> {
    const configured = this.configured(id);
    if (configured) return { definition: configured, origin: 'config' };
    const stored = await this.options.store.getDefinition(id);
    return stored ? { definition: stored, origin: 'api' } : undefined;
  }

  /**
   * The campaign with counts over `scope`. Its status is the campaign's
   * own, judged on every entity in its target, so every caller sees the
   * same status whatever part of the scope they may see.
   */
  private async summarize(
    campaign: KnownCampaign,
    scope: EntityScope,
  ): Promise<{ summary: CampaignSummary; tallies: CampaignTallies }> {
    const { store } = this.options;
    const tallies = await store.tallies(campaign.definition, scope);
    const overall =
      scope.type === 'all'
        ? tallies.total
        : (await store.tallies(campaign.definition, ALL)).total;
    return {
      summary: {
        ...campaign.definition,
        origin: campaign.origin,
        status: campaignStatus(campaign.definition, overall, this.today()),
        progress: tallies.total,
      },
      tallies,
    };
  }

  async summaries(scope: EntityScope): Promise<CampaignSummary[]> {
    const summaries: CampaignSummary[] = [];
    for (const campaign of await this.list()) {
      summaries.push((await this.summarize(campaign, scope)).summary);
    }
    return summaries;
  }

  /**
   * The campaign with its progress per owner and its burndown. The stored
   * burndown counts every entity in the target, so a caller who may see
   * only some entities gets today's point alone, counted over what they see.
   */
  async detail(
    id: string,
    scope: EntityScope,
  ): Promise<CampaignDetail | undefined> {
    const campaign = await this.get(id);
    if (!campaign) return undefined;
    const { summary, tallies } = await this.summarize(campaign, scope);
    const today = this.today();
    const { startDate, dueDate } = campaign.definition;
    let burndown: CampaignDetail['burndown'] = [];
    if (today >= startDate) {
      burndown =
        scope.type === 'all'
          ? await this.options.store.burndown(
              id,
              startDate,
              today < dueDate ? today : dueDate,
            )
          : [{ day: today, ...tallies.total }];
    }
    return { ...summary, owners: tallies.owners, burndown };
  }

  /**
   * The running and overdue campaigns whose target holds the entity and
   * whose checks it fails, with those checks in the campaign's order.
   */
  async forEntity(
    entityRef: string,
    scope: EntityScope,
  ): Promise<EntityCampaignStatus[]> {
    const facts = await this.options.store.entityFacts(entityRef);
    if (!facts) return [];
    const statuses: EntityCampaignStatus[] = [];
    for (const campaign of await this.list()) {
      const { definition } = campaign;
      if (!matchesTarget(definition.target, facts)) continue;
      const failingChecks = definition.checks.filter(check =>
        facts.failingChecks.has(check),
      );
      if (failingChecks.length === 0) continue;
      const { summary } = await this.summarize(campaign, scope);
      if (summary.status === 'running' || summary.status === 'overdue') {
        statuses.push({ campaign: summary, failingChecks });
      }
    }
    return statuses;
  }

  /**
   * Creates or replaces a campaign made through the API, and records its
   * progress for today at once. Throws InputError for an invalid body or
   * one whose id is not `id`, ConflictError for a campaign of configuration.
   */
  async save(id: string, body: unknown): Promise<CampaignSummary> {
    if (this.configured(id)) throw this.readOnly(id);
    const bodyId = (body as { id?: unknown } | undefined)?.id;
    if (bodyId !== id) {
      throw new InputError(
        `The campaign's id in the body (${JSON.stringify(
          bodyId,
        )}) must be the id in the path (${id})`,
      );
    }
    const definition = validateCampaignDefinition(
      body,
      { checkIds: this.options.checkIds },
      'in the request body',
    );
    const now = this.options.now?.() ?? new Date();
    await this.options.store.saveDefinition(definition, now);
    const campaign: KnownCampaign = { definition, origin: 'api' };
    await this.recordOne(campaign, utcDay(now));
    return (await this.summarize(campaign, ALL)).summary;
  }

  /** Deletes a campaign made through the API. */
  async delete(id: string): Promise<void> {
    if (this.configured(id)) throw this.readOnly(id);
    if (!(await this.options.store.deleteDefinition(id))) {
      throw new NotFoundError(`No campaign ${id}`);
    }
  }

  private readOnly(id: string): ConflictError {
    return new ConflictError(
      `Campaign ${id} is defined in configuration (readiness.campaigns) and ` +
        'cannot be changed through the API; change the configuration instead',
    );
  }

  /** Stores today's burndown point of a campaign between its start and due dates. */
  private async recordOne(
    campaign: KnownCampaign,
    day: string,
  ): Promise<CampaignTally | undefined> {
    const { startDate, dueDate, id } = campaign.definition;
    if (day < startDate || day > dueDate) return undefined;
    const { total } = await this.options.store.tallies(
      campaign.definition,
      ALL,
    );
    await this.options.store.saveProgress(id, day, total);
    return total;
  }

  /**
   * After scorecards were written (a cycle or a refresh): today's burndown
   * point of every campaign between its start and due dates.
   */
  async recordProgress(now: Date): Promise<void> {
    const day = utcDay(now);
    for (const campaign of await this.list()) {
      await this.recordOne(campaign, day);
    }
  }

  /**
   * Forgets burndown points of days before the one `before` falls on, as
   * score history is forgotten: without it, every campaign ever run keeps
   * a row per day, and one dropped from configuration keeps them forever.
   */
  async pruneProgress(before: Date): Promise<void> {
    await this.options.store.pruneProgress(utcDay(before));
  }
}
