import {
  DEFAULT_READINESS_CONFIG,
  emptyStatusCounts,
  evaluateReadiness,
  ReadinessLevel,
  ReadinessReport,
  WorkloadDrift,
} from '@prodready/backstage-plugin-readiness-common';
import { PreviousScorecard, ScorecardWrite } from '../database/ReadinessStore';
import { decideNotifications, DecideOptions } from './decideNotifications';
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  NotificationCause,
  NOTIFICATION_CAUSES,
} from './notificationSettings';

const REF = 'component:default/shipment-service';
const NOW = new Date('2026-12-10T12:00:00Z');
const EARLIER = '2026-12-10T11:45:00.000Z';

function report(level: ReadinessLevel, failing: string[]): ReadinessReport {
  return {
    summary: {
      score: 50,
      level,
      productionReady: level === 'gold' || level === 'silver',
      counts: emptyStatusCounts(),
    },
    workloads: [
      {
        kind: 'Deployment',
        namespace: 'shipments',
        name: 'api',
        score: 50,
        level,
        results: failing.map(check => ({
          check,
          status: 'fail',
          severity: 'high',
          message: `${check} fails`,
        })),
      },
    ],
    objects: [],
    evaluatedAt: NOW.toISOString(),
  };
}

function write(
  level: ReadinessLevel,
  failing: string[] = [],
  extra: Partial<ScorecardWrite> = {},
): ScorecardWrite {
  return {
    entityRef: REF,
    owner: 'group:default/fulfilment-team',
    report: report(level, failing),
    ...extra,
  };
}

function previous(
  level: ReadinessLevel,
  failingChecks: string[] = [],
  extra: Partial<PreviousScorecard> = {},
): PreviousScorecard {
  return {
    level,
    productionReady: level === 'gold' || level === 'silver',
    evaluatedAt: EARLIER,
    stale: false,
    failingChecks,
    driftedWorkloads: [],
    ...extra,
  };
}

function decide(options: Partial<DecideOptions> & { write: ScorecardWrite }) {
  return decideNotifications({
    now: NOW,
    gate: 'silver',
    settings: DEFAULT_NOTIFICATION_SETTINGS,
    ...options,
  });
}

function withCauses(...off: NotificationCause[]) {
  return {
    ...DEFAULT_NOTIFICATION_SETTINGS,
    causes: new Set(NOTIFICATION_CAUSES.filter(cause => !off.includes(cause))),
  };
}

describe('decideNotifications', () => {
  it('tells a drop, naming the checks that newly fail and linking to the tab', () => {
    const planned = decide({
      write: write('silver', ['pdb', 'probes', 'run-as-non-root']),
      previous: previous('gold', ['run-as-non-root']),
    });
    expect(planned).toEqual([
      {
        key: `readiness:level-dropped:${REF}:${EARLIER}:gold>silver`,
        cause: 'level-dropped',
        payload: {
          title: 'shipment-service dropped from gold to silver',
          description:
            'It dropped from gold to silver. 2 checks newly fail: pdb, probes.',
          link: '/catalog/default/component/shipment-service/readiness',
          severity: 'normal',
          topic: 'readiness-level',
        },
      },
    ]);
  });

  it('tells a drop below the gate once, as a high severity notification', () => {
    const planned = decide({
      write: write('bronze', ['pdb']),
      previous: previous('silver'),
    });
    expect(planned).toHaveLength(1);
    expect(planned[0]).toMatchObject({
      cause: 'below-gate',
      key: `readiness:below-gate:${REF}:${EARLIER}:silver>bronze`,
      payload: {
        title: 'shipment-service fell below the readiness gate (silver)',
        description:
          'It dropped from silver to bronze; the gate is silver. 1 check newly fails: pdb.',
        severity: 'high',
        topic: 'readiness-level',
      },
    });
  });

  it('tells a drop below the gate as a drop when below-gate is turned off', () => {
    const planned = decide({
      write: write('bronze', ['pdb']),
      previous: previous('silver'),
      settings: withCauses('below-gate'),
    });
    expect(planned.map(p => p.cause)).toEqual(['level-dropped']);
  });

  it('tells the gate reached again, and nothing for a rise above it', () => {
    expect(
      decide({ write: write('silver'), previous: previous('bronze', ['pdb']) }),
    ).toEqual([
      expect.objectContaining({
        cause: 'gate-reached',
        payload: expect.objectContaining({
          title: 'shipment-service reached the readiness gate (silver)',
          description: 'It rose from bronze to silver; the gate is silver.',
          severity: 'normal',
        }),
      }),
    ]);
    expect(
      decide({ write: write('gold'), previous: previous('silver') }),
    ).toEqual([]);
  });

  it('tells nothing on a first evaluation, for a stale scorecard, or with the cause off', () => {
    expect(decide({ write: write('none', ['pdb']) })).toEqual([]);
    expect(
      decide({
        write: write('none', ['pdb'], {
          staleReason: 'directory:prod: cannot read; using objects last read',
        }),
        previous: previous('gold'),
      }),
    ).toEqual([]);
    expect(
      decide({
        write: write('bronze', ['pdb']),
        previous: previous('silver'),
        settings: withCauses('below-gate', 'level-dropped'),
      }),
    ).toEqual([]);
  });

  it('compares with a stale previous scorecard: its results were the last read', () => {
    const planned = decide({
      write: write('silver', ['pdb']),
      previous: previous('gold', [], { stale: true }),
    });
    expect(planned.map(p => p.cause)).toEqual(['level-dropped']);
  });

  it('gives the same key for the same transition and another for the next one', () => {
    const first = decide({
      write: write('bronze', ['pdb']),
      previous: previous('gold'),
    });
    const sameTransition = decide({
      write: { ...write('bronze', ['pdb']), title: 'seen by another replica' },
      previous: previous('gold'),
    });
    const later = decide({
      write: write('bronze', ['pdb']),
      previous: previous('gold', [], { evaluatedAt: NOW.toISOString() }),
    });
    expect(sameTransition[0].key).toBe(first[0].key);
    expect(later[0].key).not.toBe(first[0].key);
  });

  it('uses the configured tab path and the lower-cased kind in the link', () => {
    const planned = decide({
      write: write('bronze', ['pdb'], { entityRef: 'Resource:Ops/Queue' }),
      previous: previous('gold'),
      settings: { ...DEFAULT_NOTIFICATION_SETTINGS, entityTabPath: 'scores' },
    });
    expect(planned[0].payload.link).toBe('/catalog/ops/resource/Queue/scores');
  });

  describe('exemptions, as the engine reports them', () => {
    // A deployment exempt from pdb until `until`, scored by the real engine.
    function exemptReport(until: string): ReadinessReport {
      return evaluateReadiness({
        objects: [
          {
            object: {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              metadata: {
                name: 'api',
                namespace: 'shipments',
                annotations: {
                  'prodready.dev/exempt.pdb': 'Singleton until the migration',
                  'prodready.dev/exempt-until.pdb': until,
                },
              },
              spec: {
                replicas: 3,
                selector: { matchLabels: { app: 'api' } },
                template: {
                  metadata: { labels: { app: 'api' } },
                  spec: {
                    containers: [{ name: 'api', image: 'r.example/a:1' }],
                  },
                },
              },
            },
          },
        ],
        config: DEFAULT_READINESS_CONFIG,
        now: NOW,
      });
    }

    function exemptionNotes(until: string) {
      const scored = exemptReport(until);
      return decide({
        write: { ...write(scored.summary.level), report: scored },
        previous: previous(scored.summary.level),
      });
    }

    it('warns of an exemption ending within 7 days, not earlier', () => {
      expect(exemptionNotes('2026-12-16')).toEqual([
        {
          key: `readiness:exemption-expiring:${REF}:pdb:workload Deployment shipments/api:2026-12-16`,
          cause: 'exemption-expiring',
          payload: {
            title:
              'shipment-service: the exemption from pdb ends on 2026-12-16',
            description:
              'It covers Deployment shipments/api ("Singleton until the migration"). ' +
              'After 2026-12-16 the check counts again: fix what it finds or renew the exemption.',
            link: '/catalog/default/component/shipment-service/readiness',
            severity: 'normal',
            topic: 'readiness-exemption',
          },
        },
      ]);
      expect(exemptionNotes('2026-12-18')).toEqual([]);
    });

    it('tells an expired exemption, with where the check now fails', () => {
      const planned = exemptionNotes('2026-12-09');
      expect(planned).toEqual([
        expect.objectContaining({
          key: `readiness:exemption-expired:${REF}:pdb:on the object Deployment shipments/api:2026-12-09`,
          cause: 'exemption-expired',
          payload: expect.objectContaining({
            title:
              'shipment-service: the exemption from pdb expired on 2026-12-09',
            description:
              'The check counts again and fails on Deployment shipments/api.',
            topic: 'readiness-exemption',
          }),
        }),
      ]);
    });
  });

  describe('drift from Git', () => {
    function drifted(
      name: string,
      messages: string[],
      cluster: string | null = 'prod-eu',
    ): WorkloadDrift {
      return {
        kind: 'Deployment',
        namespace: 'shipments',
        name,
        ...(cluster ? { cluster } : {}),
        state: 'changed',
        differences: messages.map(message => ({ field: 'replicas', message })),
      };
    }
    const web = drifted('web', [
      'live Deployment web runs 1 replica, Git says 3',
    ]);
    const driftNotes = (
      drift: WorkloadDrift[] | undefined,
      driftedWorkloads: string[],
      extra: Partial<DecideOptions> = {},
    ) =>
      decide({
        write: write('gold', [], drift ? { drift } : {}),
        previous: previous('gold', [], { driftedWorkloads }),
        ...extra,
      });

    it('tells drift that appears, naming what differs and where', () => {
      expect(driftNotes([web], [])).toEqual([
        {
          key: `readiness:drift-detected:${REF}:${EARLIER}:prod-eu|Deployment/shipments/web`,
          cause: 'drift-detected',
          payload: {
            title: 'shipment-service drifted from Git',
            description:
              'live Deployment web runs 1 replica, Git says 3 (prod-eu).',
            link: '/catalog/default/component/shipment-service/readiness',
            severity: 'normal',
            topic: 'readiness-drift',
          },
        },
      ]);
    });

    it('tells a workload that newly drifts, not drift that stays', () => {
      const worker = drifted('worker', ['Git has a PodDisruptionBudget']);
      expect(driftNotes([web], ['prod-eu|Deployment/shipments/web'])).toEqual(
        [],
      );
      const planned = driftNotes(
        [web, worker],
        ['prod-eu|Deployment/shipments/web'],
      );
      expect(planned.map(p => [p.key, p.payload.description])).toEqual([
        [
          `readiness:drift-detected:${REF}:${EARLIER}:prod-eu|Deployment/shipments/worker`,
          'Git has a PodDisruptionBudget (prod-eu).',
        ],
      ]);
      // The same workload drifting in another cluster is new there.
      const elsewhere = { ...web, cluster: 'prod-us' };
      expect(
        driftNotes([elsewhere], ['prod-eu|Deployment/shipments/web']),
      ).toHaveLength(1);
    });

    it('names the first three differences and counts the rest', () => {
      const planned = driftNotes(
        [
          drifted('web', ['one', 'two'], null),
          drifted('worker', ['three', 'four', 'five']),
        ],
        [],
      );
      expect(planned[0].payload.description).toBe(
        'one; two; three (prod-eu); and 2 more.',
      );
    });

    it('tells nothing without drift, on a first or stale evaluation, or with the cause off', () => {
      expect(driftNotes([], [])).toEqual([]);
      expect(driftNotes(undefined, [])).toEqual([]);
      expect(decide({ write: write('gold', [], { drift: [web] }) })).toEqual(
        [],
      );
      expect(
        driftNotes([web], [], {
          write: write('gold', [], {
            drift: [web],
            staleReason: 'cluster:prod-eu: HTTP 500',
          }),
        }),
      ).toEqual([]);
      expect(
        driftNotes([web], [], { settings: withCauses('drift-detected') }),
      ).toEqual([]);
    });
  });
});
