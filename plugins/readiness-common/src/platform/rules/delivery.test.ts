import { parseReadinessConfig } from '../../config';
import { companions, workload as goodWorkload } from '../../testing/fixtures';
import { crd, fluxInstall, namespace, workload } from '../testing/clusters';
import { checkCluster } from '../testing/evaluateCluster';

describe('gitops-delivery', () => {
  it('passes with Flux', () => {
    expect(checkCluster('gitops-delivery', fluxInstall()).status).toBe('pass');
  });

  it('passes with Argo CD', () => {
    expect(
      checkCluster('gitops-delivery', [crd('applications.argoproj.io')]),
    ).toMatchObject({
      status: 'pass',
      message: 'GitOps controller: CRD applications.argoproj.io is installed.',
    });
  });

  it('fails without either, naming both CRDs', () => {
    const result = checkCluster('gitops-delivery', [
      crd('gitrepositories.source.toolkit.fluxcd.io'),
    ]);
    expect(result.status).toBe('fail');
    expect(result.message).toBe(
      'No gitops controller found: looked for the CRD applications.argoproj.io or kustomizations.kustomize.toolkit.fluxcd.io.',
    );
  });
});

describe('workloads-ready', () => {
  it('passes when the share of workloads at the gate reaches 80 %', () => {
    const result = checkCluster('workloads-ready', [], {
      workloadLevels: ['gold', 'silver', 'silver', 'silver', 'bronze'],
    });
    expect(result).toMatchObject({
      status: 'pass',
      message:
        '4 of 5 application workloads (80 %) are at silver or above; 80 % required.',
    });
  });

  it('fails below the share, and the share and gate are configurable', () => {
    const levels = ['gold', 'silver', 'bronze', 'none'] as const;
    expect(
      checkCluster('workloads-ready', [], { workloadLevels: [...levels] })
        .status,
    ).toBe('fail');
    const lenient = parseReadinessConfig({
      gate: 'bronze',
      platform: { workloadsReadyShare: 0.75 },
    });
    expect(
      checkCluster('workloads-ready', [], {
        workloadLevels: [...levels],
        config: lenient,
      }),
    ).toMatchObject({
      status: 'pass',
      message:
        '3 of 4 application workloads (75 %) are at bronze or above; 75 % required.',
    });
  });

  it('skips a cluster without application workloads', () => {
    expect(
      checkCluster('workloads-ready', [], { workloadLevels: [] }).status,
    ).toBe('skip');
  });

  it('evaluates the snapshot’s application workloads itself when no levels are given, leaving out system namespaces', () => {
    const objects = [
      namespace('shop'),
      goodWorkload({ name: 'web', namespace: 'shop' }),
      ...companions({ name: 'web', namespace: 'shop' }),
      // Bare: fails probes, resources, security: level none.
      workload('shop', 'worker', 'ghcr.io/example/worker:1.0.0'),
      // Not an application workload.
      workload(
        'kube-system',
        'coredns',
        'registry.k8s.io/coredns/coredns:v1.11.3',
      ),
    ];
    const result = checkCluster('workloads-ready', objects, {
      workloadLevels: undefined,
    });
    expect(result).toMatchObject({
      status: 'fail',
      message:
        '1 of 2 application workloads (50 %) are at silver or above; 80 % required.',
    });
  });
});
