/**
 * The plugin's OpenTelemetry metrics, through Backstage's metrics service:
 * gauges of the stored scorecards (entities per level and owner, the share
 * production ready, failing entities per check, campaign progress, entities
 * drifting from Git), the
 * duration of each evaluation cycle and its phases, and failed source reads.
 *
 * The gauges read aggregates that are computed after each cycle and at most
 * once per `maxAgeMs` on a scrape, never once per scrape: with 50,000
 * entities a query per scrape and replica would load the database for
 * numbers that change once per cycle. A replica that did not run the cycle
 * (the task runs on one replica at a time) reads the store when its copy
 * is older than `maxAgeMs`, so every replica reports the current state.
 */
import type {
  MetricsService,
  MetricsServiceHistogram,
  MetricsServiceCounter,
} from '@backstage/backend-plugin-api/alpha';
import {
  LEVELS_ASCENDING,
  OwnerAdoption,
} from '@prodready/backstage-plugin-readiness-common';
import { CheckFailureTally, ReadinessStore } from '../database/ReadinessStore';
import type { CycleSummary } from '../evaluation/ReadinessEvaluator';

/** A campaign's progress, as the campaign metric reports it. */
export interface CampaignProgress {
  /** The campaign's id. */
  id: string;
  progress: { passing: number; failing: number; exempt: number };
}

/**
 * Where the campaign metric reads progress from: the campaigns service,
 * connected with {@link ReadinessMetrics.setCampaigns}. Until then the
 * metric reports nothing.
 */
export interface CampaignProgressReader {
  /** Every campaign with its progress over all entities. */
  listProgress(): Promise<CampaignProgress[]>;
}

/** What the gauges report, as of `computedAt`. */
interface Aggregates {
  owners: OwnerAdoption[];
  checks: CheckFailureTally[];
  campaigns: CampaignProgress[];
  /** Entities with drift between Git and a cluster. */
  drifting: number;
  computedAt: number;
}

/** The phases of a cycle, as `CycleSummary.timings` names them. */
const PHASES = {
  sources: 'sourcesMs',
  catalog: 'catalogMs',
  scoring: 'scoringMs',
  write: 'writeMs',
  platform: 'platformMs',
} as const;

/** Seconds; a cycle takes from under a second to tens of minutes. */
const DURATION_BUCKETS = [
  0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600,
];

export interface ReadinessMetricsOptions {
  metrics: MetricsService;
  store: Pick<
    ReadinessStore,
    'adoptionByOwner' | 'failingCheckTallies' | 'queryOverview'
  >;
  /** The cluster a source reads, if any, for the source error counter. */
  clusterOf(sourceId: string): string | undefined;
  /** How old the gauges' aggregates may get before a scrape reads them again. */
  maxAgeMs: number;
  now?: () => number;
}

export class ReadinessMetrics {
  private readonly cycleDuration: MetricsServiceHistogram;
  private readonly phaseDuration: MetricsServiceHistogram;
  private readonly sourceErrors: MetricsServiceCounter;
  private campaigns?: CampaignProgressReader;
  private aggregates?: Aggregates;
  private computing?: Promise<Aggregates>;

  constructor(private readonly options: ReadinessMetricsOptions) {
    const { metrics } = options;
    this.cycleDuration = metrics.createHistogram('readiness.cycle.duration', {
      description: 'How long a full evaluation cycle took',
      unit: 's',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    });
    this.phaseDuration = metrics.createHistogram(
      'readiness.cycle.phase.duration',
      {
        description:
          'How long each phase of an evaluation cycle took (sources, catalog, scoring, write, platform)',
        unit: 's',
        advice: { explicitBucketBoundaries: DURATION_BUCKETS },
      },
    );
    this.sourceErrors = metrics.createCounter('readiness.source.errors', {
      description: 'Reads of a workload source that failed during a cycle',
      unit: '{error}',
    });

    metrics
      .createObservableGauge('readiness.entities', {
        description: 'Scored entities per readiness level and owner',
        unit: '{entity}',
      })
      .addCallback(async result => {
        for (const owner of (await this.current()).owners) {
          for (const level of LEVELS_ASCENDING) {
            // Entities without an owner come as owner `unowned`.
            result.observe(owner.levels[level], { level, owner: owner.owner });
          }
        }
      });
    metrics
      .createObservableGauge('readiness.production_ready', {
        description:
          'Share of scored entities at or above the gate level (readiness.gate), 0 to 1',
        unit: '1',
      })
      .addCallback(async result => {
        const { owners } = await this.current();
        const entities = owners.reduce((sum, o) => sum + o.entities, 0);
        if (entities === 0) return;
        const ready = owners.reduce(
          (sum, o) => sum + Math.round(o.productionReadyShare * o.entities),
          0,
        );
        result.observe(ready / entities);
      });
    metrics
      .createObservableGauge('readiness.check.failing_entities', {
        description: 'Entities failing each check',
        unit: '{entity}',
      })
      .addCallback(async result => {
        for (const tally of (await this.current()).checks) {
          result.observe(tally.failingEntities, { check: tally.check });
        }
      });
    metrics
      .createObservableGauge('readiness.campaign.entities', {
        description:
          'Entities in scope of each campaign, by state (passing, failing, exempt)',
        unit: '{entity}',
      })
      .addCallback(async result => {
        for (const campaign of (await this.current()).campaigns) {
          for (const state of ['passing', 'failing', 'exempt'] as const) {
            result.observe(campaign.progress[state], {
              campaign: campaign.id,
              state,
            });
          }
        }
      });
    metrics
      .createObservableGauge('readiness.drift.entities', {
        description:
          'Scored entities whose workloads in a cluster differ from their manifests in Git',
        unit: '{entity}',
      })
      .addCallback(async result => {
        result.observe((await this.current()).drifting);
      });
  }

  /** Connects the campaign metric to the campaigns' progress. */
  setCampaigns(campaigns: CampaignProgressReader) {
    this.campaigns = campaigns;
  }

  /**
   * Records a finished cycle: its duration, each phase's, and each source
   * that failed; then recomputes the gauges' aggregates from the store.
   */
  async recordCycle(summary: CycleSummary, durationMs: number): Promise<void> {
    this.cycleDuration.record(durationMs / 1000);
    for (const [phase, key] of Object.entries(PHASES)) {
      this.phaseDuration.record(summary.timings[key] / 1000, { phase });
    }
    for (const source of summary.failedSources) {
      const cluster = this.options.clusterOf(source);
      this.sourceErrors.add(1, { source, ...(cluster ? { cluster } : {}) });
    }
    await this.refresh();
  }

  /** Reads the aggregates again; concurrent callers share one read. */
  refresh(): Promise<Aggregates> {
    if (!this.computing) {
      this.computing = this.compute().finally(() => {
        this.computing = undefined;
      });
    }
    return this.computing;
  }

  /** The aggregates, read again when older than `maxAgeMs`. */
  private async current(): Promise<Aggregates> {
    const { aggregates } = this;
    if (aggregates && this.now() - aggregates.computedAt < this.maxAge()) {
      return aggregates;
    }
    return this.refresh();
  }

  private async compute(): Promise<Aggregates> {
    const { store } = this.options;
    const all = { type: 'all' } as const;
    const [owners, checks, campaigns, drifting] = await Promise.all([
      store.adoptionByOwner(all),
      store.failingCheckTallies(all),
      this.campaigns?.listProgress() ?? Promise.resolve([]),
      // The overview's count of drifting entities, kept until the next write.
      store
        .queryOverview({ drift: true, limit: 1 }, all)
        .then(page => page.total),
    ]);
    this.aggregates = {
      owners,
      checks,
      campaigns,
      drifting,
      computedAt: this.now(),
    };
    return this.aggregates;
  }

  private maxAge() {
    return this.options.maxAgeMs;
  }

  private now() {
    return this.options.now?.() ?? Date.now();
  }
}
