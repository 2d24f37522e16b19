import { CheckResult } from '../../types';
import { entity, evaluate, NOW, workload } from '../../testing/fixtures';

type EntityOverrides = Parameters<typeof entity>[0];

function entityResult(
  id: string,
  overrides: EntityOverrides = {},
  options: {
    objects?: ReturnType<typeof workload>[];
    ownerExists?: boolean;
    config?: unknown;
  } = {},
): CheckResult {
  const report = evaluate(options.objects ?? [workload()], {
    entity: entity(overrides),
    ownerExists: options.ownerExists,
    config: options.config,
  });
  const found = report.entity?.results.find(r => r.check === id);
  if (!found) throw new Error(`no ${id} result`);
  return found;
}

describe('operations checks', () => {
  it('all pass for a complete entity', () => {
    const report = evaluate([workload()], { entity: entity() });
    expect(report.entity?.ref).toBe('component:default/web');
    expect(report.entity?.results.map(r => [r.check, r.status])).toEqual([
      ['restore-tested', 'skip'],
      ['workloads-found', 'pass'],
      ['owner', 'pass'],
      ['runbook', 'pass'],
      ['on-call', 'pass'],
      ['dashboard', 'pass'],
      ['docs', 'pass'],
      ['source-control', 'pass'],
    ]);
  });

  it('workloads-found fails for a mapped entity without workloads and skips unmapped ones', () => {
    expect(entityResult('workloads-found', {}, { objects: [] }).status).toBe(
      'fail',
    );
    expect(
      entityResult(
        'workloads-found',
        { annotations: { 'backstage.io/kubernetes-id': '' } },
        { objects: [] },
      ).status,
    ).toBe('skip');
    expect(
      entityResult(
        'workloads-found',
        {
          annotations: {
            'backstage.io/kubernetes-id': '',
            'prodready.dev/manifests': 'deploy/',
          },
        },
        { objects: [] },
      ).status,
    ).toBe('fail');
  });

  it('owner requires spec.owner, and an existing owner when the backend says', () => {
    expect(entityResult('owner', { spec: { owner: '' } }).status).toBe('fail');
    expect(entityResult('owner', {}, { ownerExists: true }).status).toBe(
      'pass',
    );
    const missing = entityResult('owner', {}, { ownerExists: false });
    expect(missing.status).toBe('fail');
    expect(missing.message).toMatch(/not in the catalog/);
  });

  it('runbook accepts a runbook link by type or title, or the annotation', () => {
    const none = { 'prodready.dev/runbook': '' };
    expect(entityResult('runbook', { annotations: none }).status).toBe('fail');
    expect(
      entityResult('runbook', {
        annotations: none,
        links: [{ url: 'u', type: 'runbook' }],
      }).status,
    ).toBe('pass');
    expect(
      entityResult('runbook', {
        annotations: none,
        links: [{ url: 'u', title: 'Ops RunBook' }],
      }).status,
    ).toBe('pass');
  });

  it.each([
    [
      'on-call',
      'pagerduty.com/service-id',
      [
        'pagerduty.com/integration-key',
        'opsgenie.com/team',
        'prodready.dev/on-call',
      ],
    ],
    [
      'dashboard',
      'grafana/dashboard-selector',
      ['grafana/overview-dashboard', 'datadoghq.com/dashboard-url'],
    ],
    ['docs', 'backstage.io/techdocs-ref', ['backstage.io/techdocs-entity']],
    [
      'source-control',
      'github.com/project-slug',
      ['backstage.io/source-location', 'gitlab.com/project-slug'],
    ],
  ])('%s is satisfied by its annotations', (id, present, alternatives) => {
    const without = { [present]: '' };
    expect(entityResult(id, { annotations: without }).status).toBe('fail');
    for (const alternative of alternatives) {
      expect(
        entityResult(id, { annotations: { ...without, [alternative]: 'x' } })
          .status,
      ).toBe('pass');
    }
  });

  it('dashboard accepts a dashboard link', () => {
    expect(
      entityResult('dashboard', {
        annotations: { 'grafana/dashboard-selector': '' },
        links: [{ url: 'https://g', type: 'dashboard' }],
      }).status,
    ).toBe('pass');
  });
});

describe('restore-tested', () => {
  const stateful = workload({
    kind: 'StatefulSet',
    spec: { volumeClaimTemplates: [{ metadata: { name: 'd' } }] },
  });
  const daysAgo = (days: number) =>
    new Date(NOW.getTime() - days * 86_400_000).toISOString().slice(0, 10);
  const restore = (value: string | undefined, config?: unknown) =>
    entityResult(
      'restore-tested',
      {
        annotations:
          value === undefined
            ? {}
            : { 'prodready.dev/last-restore-test': value },
      },
      { objects: [stateful], config },
    );

  it('skips entities without stateful workloads', () => {
    expect(entityResult('restore-tested').status).toBe('skip');
  });

  it('passes within maxRestoreTestAgeDays and fails beyond', () => {
    expect(restore(daysAgo(0)).status).toBe('pass');
    expect(restore(daysAgo(30)).status).toBe('pass');
    expect(restore(daysAgo(31)).status).toBe('fail');
    expect(restore(daysAgo(31), { maxRestoreTestAgeDays: 45 }).status).toBe(
      'pass',
    );
    expect(restore(`${daysAgo(2)}T10:00:00Z`).status).toBe('pass');
  });

  it('fails when missing, malformed or in the future', () => {
    expect(restore(undefined).status).toBe('fail');
    expect(restore('last tuesday').status).toBe('fail');
    expect(restore('2025-02-30').status).toBe('fail');
    expect(restore('2026-01-01').status).toBe('fail');
  });
});
