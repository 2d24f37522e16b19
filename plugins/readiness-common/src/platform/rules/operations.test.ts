import { parseReadinessConfig } from '../../config';
import {
  eksWithKarpenter,
  gkeDataplaneV2,
  metricsApiService,
  node,
  storageClass,
  without,
  workload,
} from '../testing/clusters';
import {
  checkCluster,
  evaluateCluster,
  resultOf,
} from '../testing/evaluateCluster';
import { snapshotOf, NOW } from '../testing/clusters';
import { evaluatePlatform } from '../evaluatePlatform';

describe('metrics-api', () => {
  it('passes when the metrics APIService is Available', () => {
    expect(checkCluster('metrics-api', [metricsApiService()])).toMatchObject({
      status: 'pass',
      message:
        'APIService v1beta1.metrics.k8s.io is Available (served by kube-system/metrics-server).',
    });
  });

  it('fails when it is not Available, with the reason', () => {
    expect(
      checkCluster('metrics-api', [metricsApiService(false)]).message,
    ).toBe(
      'APIService v1beta1.metrics.k8s.io exists (served by kube-system/metrics-server) but is not Available: MissingEndpoints.',
    );
  });

  it('fails when it does not exist', () => {
    expect(checkCluster('metrics-api', []).status).toBe('fail');
  });
});

describe('node-autoscaling', () => {
  it('passes on EKS with Karpenter', () => {
    expect(checkCluster('node-autoscaling', eksWithKarpenter()).status).toBe(
      'pass',
    );
  });

  it('passes on the cluster-autoscaler', () => {
    expect(
      checkCluster('node-autoscaling', [
        workload(
          'kube-system',
          'cluster-autoscaler',
          'registry.k8s.io/autoscaling/cluster-autoscaler:v1.31.0',
        ),
      ]).status,
    ).toBe('pass');
  });

  it('fails without either', () => {
    expect(checkCluster('node-autoscaling', gkeDataplaneV2()).status).toBe(
      'fail',
    );
  });
});

describe('dns-redundancy', () => {
  it('passes with two CoreDNS replicas, or two kube-dns replicas on GKE', () => {
    expect(checkCluster('dns-redundancy', eksWithKarpenter()).message).toBe(
      'coredns runs 2 replicas in kube-system.',
    );
    expect(checkCluster('dns-redundancy', gkeDataplaneV2()).status).toBe(
      'pass',
    );
  });

  it('fails with one replica', () => {
    const result = checkCluster('dns-redundancy', [
      workload(
        'kube-system',
        'coredns',
        'registry.k8s.io/coredns/coredns:v1.11.3',
      ),
    ]);
    expect(result).toMatchObject({
      status: 'fail',
      message:
        'coredns runs 1 replica in kube-system: one node loss stops name resolution in the cluster.',
    });
  });

  it('fails when no DNS Deployment is found in kube-system', () => {
    expect(
      checkCluster('dns-redundancy', [
        workload('dns', 'coredns', 'registry.k8s.io/coredns/coredns:v1.11.3', {
          replicas: 3,
        }),
      ]).status,
    ).toBe('fail');
  });
});

describe('node-redundancy', () => {
  it('passes with three schedulable Nodes across zones', () => {
    expect(checkCluster('node-redundancy', eksWithKarpenter()).message).toBe(
      '3 schedulable Nodes in 3 zones (eu-west-1a, eu-west-1b and eu-west-1c).',
    );
  });

  it('passes with three Nodes when no zone is labelled (on premises)', () => {
    expect(
      checkCluster('node-redundancy', [node('a'), node('b'), node('c')]).status,
    ).toBe('pass');
  });

  it('fails when cordoned and control-plane Nodes leave fewer than three', () => {
    const result = checkCluster('node-redundancy', [
      node('a', { zone: 'z1' }),
      node('b', { zone: 'z2' }),
      node('c', { zone: 'z2', unschedulable: true }),
      node('cp', {
        zone: 'z3',
        taints: [
          {
            key: 'node-role.kubernetes.io/control-plane',
            effect: 'NoSchedule',
          },
        ],
      }),
    ]);
    expect(result).toMatchObject({
      status: 'fail',
      message:
        '2 schedulable Nodes in 2 zones (z1 and z2); at least 3 are needed to drain one safely.',
    });
  });

  it('fails when every Node is in one zone', () => {
    const result = checkCluster('node-redundancy', [
      node('a', { zone: 'z1' }),
      node('b', { zone: 'z1' }),
      node('c', { zone: 'z1' }),
    ]);
    expect(result.message).toBe(
      '3 schedulable Nodes in 1 zone (z1); at least 2 zones are needed to survive a zone outage.',
    );
  });
});

describe('kubernetes-version', () => {
  const at = (date: string, minor: string) =>
    resultOf(
      evaluatePlatform({
        snapshot: snapshotOf([], { serverVersion: { major: '1', minor } }),
        now: new Date(date),
        workloadLevels: [],
      }),
      'kubernetes-version',
    );

  it('passes on one of the three newest minors at the evaluation date, managed suffixes included', () => {
    expect(at('2026-12-06T00:00:00Z', '35+')).toMatchObject({
      status: 'pass',
      message:
        'Kubernetes 1.35 is one of the newest minor releases on 2026-12-06 (1.37, 1.36, 1.35).',
    });
  });

  it('fails on an older minor, naming the oldest supported one', () => {
    expect(at('2026-12-06T00:00:00Z', '34')).toMatchObject({
      status: 'fail',
      message:
        'Kubernetes 1.34 is older than the three newest minor releases on 2026-12-06 (1.37, 1.36, 1.35): upgrade to 1.35 or later.',
    });
  });

  it('does not count releases after the evaluation date', () => {
    // 1.37 was released on 2026-08-26: the day before, 1.34 is still supported.
    expect(at('2026-08-25T12:00:00Z', '34').status).toBe('pass');
    expect(at('2026-08-26T12:00:00Z', '34').status).toBe('fail');
  });

  it('passes on a minor newer than the table knows', () => {
    expect(at('2026-12-06T00:00:00Z', '38').status).toBe('pass');
  });

  it('reads the version from the oldest kubelet when the server version is missing', () => {
    const objects = [
      ...eksWithKarpenter(),
      node('old', { zone: 'eu-west-1a', kubelet: 'v1.33.5-eks-1234' }),
    ];
    expect(checkCluster('kubernetes-version', objects).message).toContain(
      'Kubernetes 1.33 is older',
    );
  });

  it('takes the release table from platform.kubernetesReleases', () => {
    const config = parseReadinessConfig({
      platform: {
        kubernetesReleases: [
          { minor: '1.38', released: '2026-12-01' },
          { minor: '1.37', released: '2026-08-26' },
          { minor: '1.36', released: '2026-04-22' },
        ],
      },
    });
    const result = resultOf(
      evaluatePlatform({
        snapshot: snapshotOf([], {
          serverVersion: { major: '1', minor: '35' },
        }),
        config,
        now: NOW,
      }),
      'kubernetes-version',
    );
    expect(result.message).toBe(
      'Kubernetes 1.35 is older than the three newest minor releases on 2026-12-06 (1.38, 1.37, 1.36): upgrade to 1.36 or later.',
    );
  });

  it('is an error when the version is unknown', () => {
    const result = checkCluster(
      'kubernetes-version',
      without(eksWithKarpenter(), 'Node'),
    );
    expect(result.status).toBe('error');
    expect(result.message).toContain(
      'no Node reports status.nodeInfo.kubeletVersion',
    );
  });
});

describe('default-storage-class', () => {
  it('passes naming the default class and its provisioner', () => {
    expect(
      checkCluster('default-storage-class', eksWithKarpenter()).message,
    ).toBe('StorageClass gp3 (ebs.csi.aws.com) is the default.');
  });

  it('fails when none is marked default, naming them', () => {
    expect(
      checkCluster('default-storage-class', [
        storageClass('gp2', 'kubernetes.io/aws-ebs'),
      ]).message,
    ).toBe(
      'StorageClass gp2 exists but none is marked default: PersistentVolumeClaims without a storageClassName stay Pending.',
    );
  });

  it('fails without StorageClasses', () => {
    expect(
      evaluateCluster([]).cluster.results.find(
        r => r.check === 'default-storage-class',
      )?.status,
    ).toBe('fail');
  });
});
