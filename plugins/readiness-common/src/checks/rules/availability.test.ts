import { KubeObject } from '../../types';
import { check, evaluate, goodPodSpec, workload } from '../../testing/fixtures';

const hpa = (
  min: number | undefined,
  max: number | undefined,
  target = 'web',
  kind = 'Deployment',
): KubeObject => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: `${target}-hpa` },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind, name: target },
    ...(min === undefined ? {} : { minReplicas: min }),
    ...(max === undefined ? {} : { maxReplicas: max }),
  },
});

const pdb = (
  spec: Record<string, unknown>,
  namespace?: string,
): KubeObject => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'web-pdb', ...(namespace ? { namespace } : {}) },
  spec: { selector: { matchLabels: { app: 'web' } }, ...spec },
});

describe('replicas', () => {
  it('uses spec.replicas against minReplicas (default 2)', () => {
    expect(check('replicas', workload({ spec: { replicas: 2 } })).status).toBe(
      'pass',
    );
    const result = check('replicas', workload({ spec: { replicas: 1 } }));
    expect(result.status).toBe('fail');
    expect(result.findings?.[0].path).toBe('spec.replicas');
  });

  it('defaults spec.replicas to 1', () => {
    expect(
      check('replicas', workload({ spec: { replicas: undefined } })).status,
    ).toBe('fail');
  });

  it("prefers an HPA's minReplicas (default 1) over spec.replicas", () => {
    expect(
      check('replicas', workload({ spec: { replicas: 1 } }), [hpa(2, 5)])
        .status,
    ).toBe('pass');
    expect(
      check('replicas', workload({ spec: { replicas: 5 } }), [
        hpa(undefined, 5),
      ]).status,
    ).toBe('fail');
  });

  it('honours the configured minimum', () => {
    const config = { minReplicas: 3 };
    expect(
      check('replicas', workload({ spec: { replicas: 2 } }), [], { config })
        .status,
    ).toBe('fail');
    expect(
      check('replicas', workload({ spec: { replicas: 3 } }), [], { config })
        .status,
    ).toBe('pass');
  });

  it('only matches an HPA by kind, name and namespace', () => {
    const deployment = workload({ spec: { replicas: 1 } });
    expect(check('replicas', deployment, [hpa(3, 5, 'other')]).status).toBe(
      'fail',
    );
    expect(
      check('replicas', deployment, [hpa(3, 5, 'web', 'StatefulSet')]).status,
    ).toBe('fail');
    const elsewhere = {
      ...hpa(3, 5),
      metadata: { name: 'x', namespace: 'prod' },
    };
    expect(check('replicas', deployment, [elsewhere]).status).toBe('fail');
  });

  it('applies to Rollouts and skips DaemonSets, Jobs and Pods', () => {
    expect(
      check('replicas', workload({ kind: 'Rollout', spec: { replicas: 1 } }))
        .status,
    ).toBe('fail');
    expect(check('replicas', workload({ kind: 'DaemonSet' })).status).toBe(
      'skip',
    );
    expect(check('replicas', workload({ kind: 'Job' })).status).toBe('skip');
    expect(check('replicas', workload({ kind: 'Pod' })).status).toBe('skip');
  });
});

describe('pdb', () => {
  it('passes with a PDB selecting the pods in the namespace', () => {
    expect(check('pdb', workload(), [pdb({ maxUnavailable: 1 })]).status).toBe(
      'pass',
    );
  });

  it('fails without one, or with one in another namespace or selecting other pods', () => {
    expect(check('pdb', workload()).status).toBe('fail');
    expect(
      check('pdb', workload(), [pdb({ maxUnavailable: 1 }, 'other')]).status,
    ).toBe('fail');
    expect(
      check('pdb', workload(), [
        pdb({ selector: { matchLabels: { app: 'api' } } }),
      ]).status,
    ).toBe('fail');
  });

  it('treats an empty selector as selecting every pod and a missing one as none', () => {
    expect(check('pdb', workload(), [pdb({ selector: {} })]).status).toBe(
      'pass',
    );
    expect(
      check('pdb', workload(), [pdb({ selector: undefined })]).status,
    ).toBe('fail');
  });
});

describe('pdb-allows-eviction', () => {
  const deployment = workload({ spec: { replicas: 3 } });
  it.each([
    [{ maxUnavailable: 1 }, 'pass'],
    [{ maxUnavailable: '25%' }, 'pass'],
    [{ maxUnavailable: 0 }, 'fail'],
    [{ maxUnavailable: '0%' }, 'fail'],
    [{ minAvailable: '100%' }, 'fail'],
    [{ minAvailable: '50%' }, 'pass'],
    [{ minAvailable: 2 }, 'pass'],
    [{ minAvailable: 3 }, 'fail'],
    [{ minAvailable: 4 }, 'fail'],
  ])('%j → %s with 3 replicas', (spec, expected) => {
    const result = check('pdb-allows-eviction', deployment, [pdb(spec)]);
    expect(result.status).toBe(expected);
    // A failure points at the PDB field to change; a pass has no finding.
    const findingPaths = (result.findings ?? []).map(f => f.path);
    const pdbField = /^spec\.(maxUnavailable|minAvailable)$/;
    expect(findingPaths.filter(path => pdbField.test(path))).toHaveLength(
      expected === 'fail' ? 1 : 0,
    );
    expect(findingPaths).toHaveLength(expected === 'fail' ? 1 : 0);
  });

  it('compares minAvailable with the HPA minimum when an HPA targets the workload', () => {
    expect(
      check('pdb-allows-eviction', deployment, [
        pdb({ minAvailable: 2 }),
        hpa(2, 5),
      ]).status,
    ).toBe('fail');
  });

  it('skips without a matching PDB', () => {
    expect(check('pdb-allows-eviction', deployment).status).toBe('skip');
  });
});

describe('pod-spread', () => {
  it('passes with topologySpreadConstraints or pod anti-affinity', () => {
    expect(check('pod-spread', workload()).status).toBe('pass');
    const affinity = {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 1, podAffinityTerm: {} },
        ],
      },
    };
    const podSpec = goodPodSpec({
      topologySpreadConstraints: undefined,
      affinity,
    });
    expect(check('pod-spread', workload({ podSpec })).status).toBe('pass');
  });

  it('fails when replicas have nothing keeping them apart', () => {
    const podSpec = goodPodSpec({ topologySpreadConstraints: [] });
    const result = check('pod-spread', workload({ podSpec }));
    expect(result.status).toBe('fail');
    expect(result.findings?.[0].path).toBe(
      'spec.template.spec.topologySpreadConstraints',
    );
  });

  it('skips below 2 effective replicas', () => {
    const podSpec = goodPodSpec({ topologySpreadConstraints: [] });
    expect(
      check('pod-spread', workload({ podSpec, spec: { replicas: 1 } })).status,
    ).toBe('skip');
  });
});

describe('autoscaling', () => {
  it('passes with an HPA whose minReplicas ≥ 2 and maxReplicas > minReplicas', () => {
    expect(check('autoscaling', workload(), [hpa(2, 3)]).status).toBe('pass');
  });

  it.each([
    [undefined, 5],
    [1, 5],
    [3, 3],
    [3, undefined],
  ])('fails for minReplicas %p and maxReplicas %p', (min, max) => {
    expect(check('autoscaling', workload(), [hpa(min, max)]).status).toBe(
      'fail',
    );
  });

  it('fails without an HPA and skips kinds that cannot autoscale', () => {
    expect(check('autoscaling', workload()).status).toBe('fail');
    expect(check('autoscaling', workload({ kind: 'DaemonSet' })).status).toBe(
      'skip',
    );
    expect(
      check('autoscaling', workload({ kind: 'StatefulSet' }), [
        hpa(2, 4, 'web', 'StatefulSet'),
      ]).status,
    ).toBe('pass');
  });
});

describe('rolling-update', () => {
  it('fails Recreate Deployments and OnDelete StatefulSets/DaemonSets', () => {
    expect(
      check(
        'rolling-update',
        workload({ spec: { strategy: { type: 'Recreate' } } }),
      ).findings?.[0].path,
    ).toBe('spec.strategy.type');
    expect(
      check(
        'rolling-update',
        workload({
          kind: 'StatefulSet',
          spec: { updateStrategy: { type: 'OnDelete' } },
        }),
      ).status,
    ).toBe('fail');
    expect(
      check(
        'rolling-update',
        workload({
          kind: 'DaemonSet',
          spec: { updateStrategy: { type: 'OnDelete' } },
        }),
      ).status,
    ).toBe('fail');
  });

  it('passes the default and RollingUpdate; skips other kinds', () => {
    expect(check('rolling-update', workload()).status).toBe('pass');
    expect(
      check(
        'rolling-update',
        workload({ spec: { strategy: { type: 'RollingUpdate' } } }),
      ).status,
    ).toBe('pass');
    expect(check('rolling-update', workload({ kind: 'Rollout' })).status).toBe(
      'skip',
    );
  });
});

describe('priority-class', () => {
  it('passes with priorityClassName, fails without, skips Jobs', () => {
    expect(check('priority-class', workload()).status).toBe('pass');
    const podSpec = goodPodSpec({ priorityClassName: undefined });
    expect(
      check('priority-class', workload({ podSpec })).findings?.[0].path,
    ).toBe('spec.template.spec.priorityClassName');
    expect(
      check('priority-class', workload({ kind: 'Job', podSpec })).status,
    ).toBe('skip');
  });
});

describe('controller-managed', () => {
  it('fails bare Pods and ReplicaSets and skips controllers', () => {
    expect(check('controller-managed', workload({ kind: 'Pod' })).status).toBe(
      'fail',
    );
    expect(
      check('controller-managed', workload({ kind: 'ReplicaSet' })).status,
    ).toBe('fail');
    expect(check('controller-managed', workload()).status).toBe('skip');
  });

  it('does not evaluate Pods owned by a controller at all', () => {
    const pod = workload({ kind: 'Pod' });
    pod.metadata!.ownerReferences = [
      { kind: 'ReplicaSet', name: 'web-1', controller: true },
    ];
    expect(evaluate([pod]).workloads).toEqual([]);
  });
});
