/**
 * Campaigns in the plugin's database: the definitions made through the API,
 * the daily progress points, and the tallies computed from the stored
 * scorecards. A tally is one grouped query over the scorecards' owner,
 * system, kind, lifecycle and tags columns and the failing and exempt check
 * tables (see the migration 20261214000200 for why they are columns), so it
 * reads no report and stays cheap at 50,000 entities.
 */
import type {
  CampaignBurndownPoint,
  CampaignDefinition,
  CampaignOwnerProgress,
  CampaignTally,
  CampaignTarget,
} from '@prodready/backstage-plugin-readiness-common';
import { Knex } from 'knex';
import { CampaignFacts } from '../campaigns/campaignTarget';
import { whereInScope } from './entityScope';
import { EntityScope } from './ReadinessStore';

const CAMPAIGNS = 'readiness_campaigns';
const PROGRESS = 'readiness_campaign_progress';

/** `%,tag,%` for LIKE, with LIKE's own wildcards taken literally. */
function tagPattern(tag: string): string {
  return `%,${tag.replace(/[\\%_]/g, char => `\\${char}`)},%`;
}

function emptyTally(): CampaignTally {
  return { inScope: 0, passing: 0, failing: 0, exempt: 0 };
}

/** Adds one owner's counts to a tally. */
function addTo(total: CampaignTally, part: CampaignTally): void {
  total.inScope += part.inScope;
  total.passing += part.passing;
  total.failing += part.failing;
  total.exempt += part.exempt;
}

/** A campaign's tally overall and per owner (owners sorted by ref). */
export interface CampaignTallies {
  total: CampaignTally;
  owners: CampaignOwnerProgress[];
}

export class CampaignStore {
  constructor(private readonly knex: Knex) {}

  /** Limits a scorecard query (alias `s`) to a campaign's target. */
  private inTarget(builder: Knex.QueryBuilder, target: CampaignTarget) {
    if (target.owners) builder.whereIn('s.owner', target.owners);
    if (target.systems) builder.whereIn('s.system', target.systems);
    if (target.kinds) {
      builder.whereIn(
        's.kind',
        target.kinds.map(kind => kind.toLocaleLowerCase('en-US')),
      );
    }
    if (target.lifecycles) builder.whereIn('s.lifecycle', target.lifecycles);
    const tags = target.tags;
    if (tags) {
      builder.where(inner => {
        tags.forEach(tag =>
          inner.orWhereRaw(`s.tags LIKE ? ESCAPE '\\'`, [tagPattern(tag)]),
        );
      });
    }
    return builder;
  }

  /**
   * A row of `table` for the scorecard's entity and a campaign check, for
   * `EXISTS ?` (knex puts the parentheses around a bound subquery).
   */
  private checkExists(table: string, checks: readonly string[]) {
    return this.knex(`${table} as c`)
      .select(this.knex.raw('1'))
      .whereRaw('c.entity_ref = s.entity_ref')
      .whereIn('c.check_id', [...checks]);
  }

  /**
   * The campaign's tally over the entities of `scope` in its target: an
   * entity fails when it fails a campaign check anywhere, is exempt when it
   * fails none and is exempt from one, and passes otherwise.
   */
  async tallies(
    definition: Pick<CampaignDefinition, 'checks' | 'target'>,
    scope: EntityScope,
  ): Promise<CampaignTallies> {
    const failing = this.checkExists(
      'readiness_failing_checks',
      definition.checks,
    );
    const exempt = this.checkExists(
      'readiness_exempt_checks',
      definition.checks,
    );
    const query = this.knex('readiness_scorecards as s')
      .select('s.owner')
      .count({ in_scope: '*' })
      .select(
        this.knex.raw('SUM(CASE WHEN EXISTS ? THEN 1 ELSE 0 END) AS failing', [
          failing,
        ]),
        this.knex.raw(
          'SUM(CASE WHEN NOT EXISTS ? AND EXISTS ? THEN 1 ELSE 0 END) AS exempt',
          [failing, exempt],
        ),
      )
      .groupBy('s.owner')
      .orderBy('s.owner');
    this.inTarget(query, definition.target);
    whereInScope(this.knex, query, 's.entity_ref', scope);

    const total = emptyTally();
    const rows: Array<{
      owner: string | null;
      in_scope: number | string;
      failing: number | string | null;
      exempt: number | string | null;
    }> = (await query) as any[];
    const owners = rows.map(row => {
      const inScope = Number(row.in_scope);
      const failingCount = Number(row.failing ?? 0);
      const exemptCount = Number(row.exempt ?? 0);
      const progress: CampaignOwnerProgress = {
        owner: String(row.owner ?? ''),
        inScope,
        passing: inScope - failingCount - exemptCount,
        failing: failingCount,
        exempt: exemptCount,
      };
      addTo(total, progress);
      return progress;
    });
    return { total, owners };
  }

  /**
   * What a campaign target filters one entity on, with the checks it fails;
   * undefined when it has no scorecard.
   */
  async entityFacts(
    entityRef: string,
  ): Promise<(CampaignFacts & { failingChecks: Set<string> }) | undefined> {
    const row = await this.knex('readiness_scorecards')
      .select('owner', 'system', 'kind', 'lifecycle', 'tags')
      .where('entity_ref', entityRef)
      .first();
    if (!row) return undefined;
    const failing = await this.knex('readiness_failing_checks')
      .select('check_id')
      .where('entity_ref', entityRef);
    return {
      owner: row.owner || undefined,
      system: row.system || undefined,
      kind: String(row.kind ?? ''),
      lifecycle: row.lifecycle || undefined,
      tags: String(row.tags ?? '')
        .split(',')
        .filter(Boolean),
      failingChecks: new Set(failing.map(f => String(f.check_id))),
    };
  }

  /** The owners of entities in the target that fail a campaign check. */
  async failingOwners(
    definition: Pick<CampaignDefinition, 'checks' | 'target'>,
  ): Promise<string[]> {
    const query = this.knex('readiness_scorecards as s')
      .distinct('s.owner')
      .whereExists(
        this.checkExists('readiness_failing_checks', definition.checks),
      )
      .whereNot('s.owner', '')
      .orderBy('s.owner');
    this.inTarget(query, definition.target);
    return (await query).map(row => String(row.owner));
  }

  /** The owners of every entity in the target. */
  async ownersInScope(
    definition: Pick<CampaignDefinition, 'target'>,
  ): Promise<string[]> {
    const query = this.knex('readiness_scorecards as s')
      .distinct('s.owner')
      .whereNot('s.owner', '')
      .orderBy('s.owner');
    this.inTarget(query, definition.target);
    return (await query).map(row => String(row.owner));
  }

  /** Campaigns made through the API, by id. */
  async listDefinitions(): Promise<CampaignDefinition[]> {
    const rows = await this.knex(CAMPAIGNS).select('definition').orderBy('id');
    return rows.map(row => JSON.parse(row.definition));
  }

  async getDefinition(id: string): Promise<CampaignDefinition | undefined> {
    const row = await this.knex(CAMPAIGNS)
      .select('definition')
      .where('id', id)
      .first();
    return row ? JSON.parse(row.definition) : undefined;
  }

  /** Creates or replaces a campaign made through the API. */
  async saveDefinition(
    definition: CampaignDefinition,
    now: Date,
  ): Promise<void> {
    await this.knex(CAMPAIGNS)
      .insert({
        id: definition.id,
        definition: JSON.stringify(definition),
        updated_at: now,
      })
      .onConflict('id')
      .merge();
  }

  /** Deletes a campaign made through the API with its progress; false when there was none. */
  async deleteDefinition(id: string): Promise<boolean> {
    return this.knex.transaction(async tx => {
      const deleted = await tx(CAMPAIGNS).where('id', id).delete();
      await tx(PROGRESS).where('campaign_id', id).delete();
      return deleted > 0;
    });
  }

  /** Stores the campaign's tally as the day's progress point, replacing an earlier one. */
  async saveProgress(
    campaignId: string,
    day: string,
    tally: CampaignTally,
  ): Promise<void> {
    await this.knex(PROGRESS)
      .insert({
        campaign_id: campaignId,
        day,
        in_scope: tally.inScope,
        passing: tally.passing,
        failing: tally.failing,
        exempt: tally.exempt,
      })
      .onConflict(['campaign_id', 'day'])
      .merge();
  }

  /** The campaign's progress points from `from` to `to`, both days included, oldest first. */
  async burndown(
    campaignId: string,
    from: string,
    to: string,
  ): Promise<CampaignBurndownPoint[]> {
    const rows = await this.knex(PROGRESS)
      .select('day', 'in_scope', 'passing', 'failing', 'exempt')
      .where('campaign_id', campaignId)
      .whereBetween('day', [from, to])
      .orderBy('day');
    return rows.map(row => ({
      day: String(row.day),
      inScope: Number(row.in_scope),
      passing: Number(row.passing),
      failing: Number(row.failing),
      exempt: Number(row.exempt),
    }));
  }

  /** Forgets progress points of days before `day`. */
  async pruneProgress(day: string): Promise<void> {
    await this.knex(PROGRESS).where('day', '<', day).delete();
  }
}
