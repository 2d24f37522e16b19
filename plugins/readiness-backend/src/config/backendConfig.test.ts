import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { ConfigReader } from '@backstage/config';
import { defaultEvaluateWorkers, readBackendConfig } from './backendConfig';

function read(evaluate: object) {
  return readBackendConfig(new ConfigReader({ readiness: { evaluate } }));
}

describe('readBackendConfig: evaluate', () => {
  it('keeps a core for the event loop on small machines', () => {
    expect([1, 2, 3, 4, 8, 64].map(defaultEvaluateWorkers)).toEqual([
      1, 1, 2, 3, 4, 4,
    ]);
  });

  it('has defaults for every setting', () => {
    const settings = readBackendConfig(new ConfigReader({}));
    expect(settings.evaluateMaxBytes).toBe(5 * 1024 * 1024);
    expect(settings.evaluate).toEqual({
      workers: defaultEvaluateWorkers(),
      maxQueued: 8,
      timeoutMs: 30_000,
      maxWorkerMemoryMb: 1024,
      fullReportMaxBytes: 1024 * 1024,
    });
  });

  it('reads the settings, the timeout as a duration', () => {
    expect(
      read({
        workers: 3,
        maxQueued: 0,
        timeout: '2m',
        maxWorkerMemoryMb: 512,
        fullReportMaxBytes: 65536,
      }).evaluate,
    ).toEqual({
      workers: 3,
      maxQueued: 0,
      timeoutMs: 120_000,
      maxWorkerMemoryMb: 512,
      fullReportMaxBytes: 65536,
    });
    expect(read({ timeout: { seconds: 5 } }).evaluate.timeoutMs).toBe(5000);
  });

  it('names the key of an invalid setting', () => {
    expect(() => read({ workers: 0 })).toThrow(
      'Invalid config readiness.evaluate.workers: expected a positive whole number, got 0',
    );
    expect(() => read({ maxQueued: -1 })).toThrow(
      'Invalid config readiness.evaluate.maxQueued: expected a whole number, 0 or more, got -1',
    );
    expect(() => read({ timeout: 'soon' })).toThrow(
      /^Invalid config readiness.evaluate.timeout: expected a duration such as '30s'/,
    );
  });
});

describe('readBackendConfig: refresh', () => {
  const withRefresh = (refresh: object) =>
    readBackendConfig(new ConfigReader({ readiness: { refresh } }));

  it('allows one refresh per entity every 30 seconds by default', () => {
    expect(
      readBackendConfig(new ConfigReader({})).refreshMinIntervalSeconds,
    ).toBe(30);
    expect(
      withRefresh({ minIntervalSeconds: 0 }).refreshMinIntervalSeconds,
    ).toBe(0);
    expect(
      withRefresh({ minIntervalSeconds: 300 }).refreshMinIntervalSeconds,
    ).toBe(300);
  });

  it('names the key when the interval is not a whole number of seconds', () => {
    expect(() => withRefresh({ minIntervalSeconds: 1.5 })).toThrow(
      'Invalid config readiness.refresh.minIntervalSeconds: expected a whole number of seconds, 0 or more, got 1.5',
    );
    expect(() => withRefresh({ minIntervalSeconds: -1 })).toThrow(
      /readiness\.refresh\.minIntervalSeconds: .* got -1$/,
    );
  });
});

describe('readBackendConfig: exemptions by match', () => {
  const withExemptions = (exemptions: object[]) =>
    readBackendConfig(new ConfigReader({ readiness: { exemptions } }));

  it('reads label keys with dots and slashes, as app-config holds them', () => {
    const exemption = {
      match: {
        namespaces: ['ingress-nginx'],
        labels: { 'app.kubernetes.io/managed-by': 'Helm' },
      },
      checks: ['*'],
      reason: 'third-party chart',
    };
    expect(withExemptions([exemption]).engine.exemptions).toEqual([exemption]);
  });

  it('stops start-up naming the key of an invalid match exemption', () => {
    expect(() =>
      withExemptions([
        { match: { kinds: ['deployment'] }, checks: ['*'], reason: 'r' },
      ]),
    ).toThrow(
      'exemptions[0].match.kinds[0]: "deployment": kinds are case-sensitive; did you mean Deployment?',
    );
  });
});

describe('readBackendConfig: campaigns', () => {
  const campaign = {
    id: 'team-label',
    title: 'Pods carry a team label',
    checks: ['pdb', 'team-label'],
    target: { systems: ['freight'], kinds: ['Component'] },
    startDate: '2026-11-16',
    dueDate: '2027-01-31',
  };
  const customChecks = [
    {
      id: 'team-label',
      title: 'Pods carry a team label',
      category: 'operations',
      severity: 'medium',
      scope: 'workload',
      rule: "has(podTemplate.metadata.labels) && 'team' in podTemplate.metadata.labels",
      message: 'No team label',
    },
  ];
  const withCampaigns = (campaigns: object[]) =>
    readBackendConfig(
      new ConfigReader({ readiness: { customChecks, campaigns } }),
    );

  it('reads campaigns naming built-in and custom checks, and sends no notifications unless enabled', () => {
    const settings = withCampaigns([campaign]);
    expect(settings.campaigns).toEqual([
      {
        ...campaign,
        target: { ...campaign.target, systems: ['system:default/freight'] },
      },
    ]);
    expect(settings.notifications.enabled).toBe(false);
    expect(
      readBackendConfig(
        new ConfigReader({ readiness: { notifications: { enabled: true } } }),
      ).notifications.enabled,
    ).toBe(true);
  });

  it('stops start-up naming the campaign and the unknown check', () => {
    expect(() =>
      withCampaigns([{ ...campaign, checks: ['pdb', 'team-lable'] }]),
    ).toThrow(
      'Invalid campaign readiness.campaigns[0] (team-label): checks has unknown check id "team-lable"',
    );
  });

  it('stops start-up on bad ids, dates and duplicates', () => {
    expect(() => withCampaigns([{ ...campaign, id: 'Team Label' }])).toThrow(
      /readiness\.campaigns\[0\] \(Team Label\): id must be lower-case/,
    );
    expect(() =>
      withCampaigns([{ ...campaign, dueDate: '31/01/2027' }]),
    ).toThrow('dueDate must be a date written as YYYY-MM-DD, not "31/01/2027"');
    expect(() =>
      withCampaigns([{ ...campaign, dueDate: '2026-11-15' }]),
    ).toThrow('dueDate 2026-11-15 is before startDate 2026-11-16');
    expect(() => withCampaigns([campaign, campaign])).toThrow(
      'Invalid campaign readiness.campaigns[1] (team-label): another campaign has the same id',
    );
    expect(() =>
      withCampaigns([{ ...campaign, target: { teams: ['a'] } }]),
    ).toThrow('target has unknown key teams');
  });
});

describe('the README example of a campaign', () => {
  it('loads as the README shows it', () => {
    const readme = fs.readFileSync(
      path.resolve(__dirname, '../../README.md'),
      'utf8',
    );
    const section = readme.slice(readme.indexOf('\n## Campaigns\n'));
    const [, block] = /```yaml\n([\s\S]*?)```/.exec(section)!;
    const settings = readBackendConfig(new ConfigReader(yaml.parse(block)));
    expect(settings.campaigns[0]).toMatchObject({
      id: 'pdb-everywhere',
      target: { owners: ['group:default/payments-team'] },
    });
  });
});

describe('readBackendConfig: notifications', () => {
  const notifications = (block: object) =>
    readBackendConfig(new ConfigReader({ readiness: { notifications: block } }))
      .notifications;

  it('is off by default, with every cause and a 7-day warning', () => {
    const settings = readBackendConfig(new ConfigReader({})).notifications;
    expect(settings.enabled).toBe(false);
    expect([...settings.causes]).toEqual([
      'level-dropped',
      'below-gate',
      'gate-reached',
      'exemption-expiring',
      'exemption-expired',
      'drift-detected',
    ]);
    expect(settings.exemptionWarningDays).toBe(7);
    expect(settings.entityTabPath).toBe('readiness');
  });

  it('turns causes off, and reads the warning days and the tab path', () => {
    const settings = notifications({
      enabled: true,
      exemptionWarningDays: 14,
      causes: { 'gate-reached': false, 'level-dropped': true },
      entityTabPath: '/scores/',
    });
    expect(settings.enabled).toBe(true);
    expect(settings.causes.has('gate-reached')).toBe(false);
    expect(settings.causes.has('level-dropped')).toBe(true);
    expect(settings.exemptionWarningDays).toBe(14);
    expect(settings.entityTabPath).toBe('scores');
  });

  it('names the key at fault', () => {
    expect(() => notifications({ causes: { 'level-drop': false } })).toThrow(
      'Invalid config readiness.notifications.causes.level-drop: not a cause; the causes are level-dropped, below-gate, gate-reached, exemption-expiring, exemption-expired, drift-detected',
    );
    expect(() => notifications({ exemptionWarningDays: 1.5 })).toThrow(
      'Invalid config readiness.notifications.exemptionWarningDays: expected a whole number of days, 0 or more, got 1.5',
    );
  });
});
