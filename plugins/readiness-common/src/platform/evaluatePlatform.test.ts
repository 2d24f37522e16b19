import { parseReadinessConfig } from '../config';
import { evaluateReadiness } from '../engine/evaluate';
import { PLATFORM_CHECK_IDS } from './catalogue';
import { evaluatePlatform } from './evaluatePlatform';
import {
  crd,
  namespace,
  node,
  NOW,
  productionClusterObjects,
  snapshotOf,
  without,
  workload,
} from './testing/clusters';
import {
  checkCluster,
  evaluateCluster,
  PRODUCTION_CONFIG,
  resultOf,
} from './testing/evaluateCluster';

describe('evaluatePlatform', () => {
  it('passes every platform check on a production cluster, naming what satisfied each', () => {
    const report = evaluateCluster(productionClusterObjects());
    const failing = report.cluster.results.filter(r => r.status !== 'pass');
    expect(failing).toEqual([]);
    expect(report.cluster.results.map(r => r.check)).toEqual(
      PLATFORM_CHECK_IDS,
    );
    expect(report.summary).toEqual({
      score: 100,
      level: 'gold',
      productionReady: true,
      counts: { pass: 25, fail: 0, skip: 0, exempt: 0, error: 0 },
    });
    expect(report.cluster.name).toBe('prod-eu');
    expect(report.evaluatedAt).toBe(NOW.toISOString());
    expect(report.warnings).toBeUndefined();
    const message = (id: string) => resultOf(report, id).message;
    expect(message('cluster-metrics')).toContain(
      'prometheus-kube-prometheus-stack-prometheus (quay.io/prometheus/prometheus:v3.1.0) in namespace monitoring',
    );
    expect(message('backup-system')).toBe(
      'Velero: velero (velero/velero:v1.15.0) in namespace velero; node-agent (velero/velero:v1.15.0) in namespace velero; CRD schedules.velero.io is installed; 3 schedules.',
    );
    expect(message('gitops-delivery')).toBe(
      'GitOps controller: CRD kustomizations.kustomize.toolkit.fluxcd.io is installed.',
    );
    expect(message('node-autoscaling')).toContain(
      'karpenter (public.ecr.aws/karpenter/controller:1.1.1) in namespace kube-system',
    );
    expect(message('kubernetes-version')).toBe(
      'Kubernetes 1.35 is one of the newest minor releases on 2026-12-06 (1.37, 1.36, 1.35).',
    );
  });

  it('scores and levels like workload reports: a failing high check makes the cluster bronze and not ready', () => {
    const report = evaluateCluster(
      without(productionClusterObjects(), 'StorageClass'),
    );
    // default-storage-class is medium (weight 2): silver, still ready at
    // the silver gate. The 25 checks weigh 90 in all (14 high, 9 medium, 2 low).
    expect(resultOf(report, 'default-storage-class').status).toBe('fail');
    expect(report.summary.level).toBe('silver');
    expect(report.summary.productionReady).toBe(true);
    expect(report.summary.score).toBe(Math.round((100 * 88) / 90));

    const noRestores = evaluateCluster(
      without(productionClusterObjects(), 'Restore'),
    );
    expect(resultOf(noRestores, 'restores-tested').status).toBe('fail');
    expect(noRestores.summary.level).toBe('bronze');
    expect(noRestores.summary.productionReady).toBe(false);
  });
});

describe('evaluatePlatform: unread kinds', () => {
  const forbidden = (kind: string) => ({
    kind,
    reason: `forbidden: grant list on ${kind.toLowerCase()}s to the readiness ServiceAccount`,
  });

  it('makes a check that would fail an error naming the kind and why', () => {
    const objects = without(productionClusterObjects(), 'ClusterRoleBinding');
    const report = evaluatePlatform({
      snapshot: {
        ...snapshotOf(objects),
        unreadKinds: [forbidden('ClusterRoleBinding')],
      },
      config: PRODUCTION_CONFIG,
      now: NOW,
      workloadLevels: ['gold'],
    });
    expect(resultOf(report, 'rbac-least-privilege')).toMatchObject({
      status: 'error',
      message:
        'Cannot decide: the snapshot lacks ClusterRoleBinding (forbidden: grant list on clusterrolebindings to the readiness ServiceAccount), which this check reads.',
    });
    expect(report.warnings).toEqual([
      'ClusterRoleBinding could not be read: forbidden: grant list on clusterrolebindings to the readiness ServiceAccount; checks that read it report error.',
    ]);
    // An error counts as failing for the level, never as a pass.
    expect(report.summary.level).toBe('bronze');
  });

  it('keeps a pass backed by what was found, and turns a would-be failure into an error', () => {
    const snapshot = {
      ...snapshotOf([crd('kustomizations.kustomize.toolkit.fluxcd.io')]),
      unreadKinds: [forbidden('Deployment')],
    };
    const report = evaluatePlatform({ snapshot, now: NOW, workloadLevels: [] });
    expect(resultOf(report, 'gitops-delivery').status).toBe('pass');
    expect(resultOf(report, 'cluster-metrics').status).toBe('error');
    expect(resultOf(report, 'cluster-metrics').message).toContain(
      'Deployment (forbidden',
    );
    // Checks that do not read Deployments are judged as usual.
    expect(resultOf(report, 'default-storage-class').status).toBe('fail');
  });
});

describe('evaluatePlatform: configuration', () => {
  it('reports a capability declared as provided as exempt, with the reason and its key', () => {
    const config = parseReadinessConfig({
      platform: {
        provided: {
          'cluster-logging':
            'Logs go to Datadog through the node agent of the provider',
        },
      },
    });
    const result = checkCluster('cluster-logging', [], { config });
    expect(result).toMatchObject({
      status: 'exempt',
      exemption: {
        reason: 'Logs go to Datadog through the node agent of the provider',
        source: 'config',
        configKey: 'platform.provided.cluster-logging',
      },
    });
    expect(result.message).toMatch(
      /^Exempt \(platform\.provided\.cluster-logging\): Logs go to Datadog/,
    );
  });

  it('recognises signatures added in platform.signatures', () => {
    const objects = [
      workload(
        'obs',
        'logship',
        'registry.example.com/platform/log-shipper:4.2',
        { kind: 'DaemonSet' },
      ),
      crd('clusterissuers.certs.example.com'),
    ];
    expect(checkCluster('cluster-logging', objects).status).toBe('fail');
    const config = parseReadinessConfig({
      platform: {
        signatures: {
          'cluster-logging': { images: ['platform/log-shipper'] },
          'tls-automation': { crds: ['clusterissuers.certs.example.com'] },
        },
      },
    });
    expect(checkCluster('cluster-logging', objects, { config }).message).toBe(
      'Log shipper: logship (registry.example.com/platform/log-shipper:4.2) in namespace obs.',
    );
    expect(checkCluster('tls-automation', objects, { config }).status).toBe(
      'pass',
    );
  });

  it('applies severity overrides and leaves out disabled checks', () => {
    const config = parseReadinessConfig({
      checks: {
        'runtime-security': { enabled: false },
        'default-storage-class': { severity: 'critical' },
      },
    });
    const report = evaluateCluster(
      without(productionClusterObjects(), 'StorageClass'),
      { config },
    );
    expect(report.cluster.results.map(r => r.check)).not.toContain(
      'runtime-security',
    );
    expect(resultOf(report, 'default-storage-class').severity).toBe('critical');
    expect(report.summary.level).toBe('none');
  });

  it('applies the cluster entity’s exemption annotations and config exemptions naming it', () => {
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'prod-eu',
        annotations: {
          'prodready.dev/exempt.node-autoscaling':
            'Fixed-size cluster for licensing reasons',
          'prodready.dev/exempt.node-autoscalling': 'typo',
        },
      },
      spec: { type: 'kubernetes-cluster', owner: 'platform' },
    };
    const config = parseReadinessConfig({
      exemptions: [
        {
          entityRef: 'resource:default/prod-eu',
          check: 'runtime-security',
          reason: 'Sensor rollout planned',
          until: '2027-01-31',
        },
      ],
    });
    const report = evaluateCluster([], { entity, config });
    expect(resultOf(report, 'node-autoscaling')).toMatchObject({
      status: 'exempt',
      exemption: {
        source: 'entity',
        reason: 'Fixed-size cluster for licensing reasons',
      },
    });
    expect(resultOf(report, 'runtime-security')).toMatchObject({
      status: 'exempt',
      exemption: {
        source: 'config',
        configKey: 'exemptions[0]',
        until: '2027-01-31',
      },
    });
    expect(report.warnings).toEqual([
      'Entity resource:default/prod-eu: annotation prodready.dev/exempt.node-autoscalling names no known check; did you mean `node-autoscaling`?',
    ]);
  });
});

describe('evaluatePlatform: custom checks of scope cluster', () => {
  const config = parseReadinessConfig({
    customChecks: [
      {
        id: 'team-namespaces-labelled',
        title: 'Every namespace names its team',
        category: 'tenancy',
        severity: 'medium',
        scope: 'cluster',
        rule: "objects.Namespace.all(n, n.metadata.name.startsWith('kube-') || (has(n.metadata.labels) && 'team' in n.metadata.labels))",
        message: 'Some namespaces have no team label.',
      },
      {
        id: 'cluster-named-after-version',
        title: 'The cluster reports its version',
        category: 'operations',
        severity: 'low',
        scope: 'cluster',
        rule: "cluster.version != '' && cluster.name == 'prod-eu'",
        message: 'Unknown version.',
      },
    ],
  });

  it('runs them after the built-in checks with objects by kind and the cluster', () => {
    const labelled = evaluateCluster(
      [
        namespace('kube-system'),
        namespace('shop', { team: 'shop' }),
        node('a', { kubelet: 'v1.36.1' }),
      ],
      { config },
    );
    const ids = labelled.cluster.results.map(r => r.check);
    expect(ids.slice(-2)).toEqual([
      'team-namespaces-labelled',
      'cluster-named-after-version',
    ]);
    expect(resultOf(labelled, 'team-namespaces-labelled').status).toBe('pass');
    expect(resultOf(labelled, 'cluster-named-after-version').status).toBe(
      'pass',
    );

    const unlabelled = evaluateCluster([namespace('shop')], { config });
    expect(resultOf(unlabelled, 'team-namespaces-labelled')).toMatchObject({
      status: 'fail',
      severity: 'medium',
      message: 'Some namespaces have no team label.',
    });
    // No Node, no version: the rule sees an empty version.
    expect(resultOf(unlabelled, 'cluster-named-after-version').status).toBe(
      'fail',
    );
  });

  it('lists them with the platform checks, and the workload evaluation never runs them', () => {
    expect(config.catalogue.platformIds.slice(-2)).toEqual([
      'team-namespaces-labelled',
      'cluster-named-after-version',
    ]);
    expect(config.catalogue.get('team-namespaces-labelled')?.target).toBe(
      'cluster',
    );
    const report = evaluateReadiness({
      objects: [
        { object: namespace('shop') },
        { object: workload('shop', 'web', 'example.com/web:1') },
      ],
      config,
      now: NOW,
    });
    const ran = report.workloads.flatMap(w => w.results.map(r => r.check));
    expect(ran).not.toContain('team-namespaces-labelled');
    expect(ran.filter(id => PLATFORM_CHECK_IDS.includes(id))).toEqual([]);
  });

  it('rejects variables of other scopes in a cluster rule when the configuration loads', () => {
    expect(() =>
      parseReadinessConfig({
        customChecks: [
          {
            id: 'x',
            title: 'x',
            category: 'tenancy',
            severity: 'low',
            scope: 'cluster',
            rule: 'has(podSpec.containers)',
            message: 'x',
          },
        ],
      }),
    ).toThrow(
      "customChecks[0].rule: undeclared reference to 'podSpec' (line 1, col 5), a variable of scope workload and container only",
    );
  });
});
