/**
 * Platform test data shaped like the backend's answers: a production cluster
 * with everything in place but a logging pipeline it gets from a SaaS
 * service, and a staging cluster missing backups and network isolation.
 */
import type { Entity } from '@backstage/catalog-model';
import type {
  CheckDefinition,
  CheckResult,
  CheckStatus,
  PlatformClusterRow,
  PlatformOverview,
  PlatformScorecard,
  ScoreHistoryPoint,
} from '@prodready/backstage-plugin-readiness-common';

function platformCheck(
  definition: Omit<CheckDefinition, 'target' | 'docsAnchor'>,
): CheckDefinition {
  return { ...definition, target: 'cluster', docsAnchor: definition.id };
}

export const platformDefinitions: CheckDefinition[] = [
  platformCheck({
    id: 'cluster-metrics',
    category: 'observability',
    severity: 'high',
    title: 'A metrics pipeline runs in the cluster',
    rationale: 'Without metrics nobody sees a service degrade.',
    remediation: 'Install kube-prometheus-stack or another metrics pipeline.',
    remediationSnippet:
      'helm install monitoring prometheus-community/kube-prometheus-stack \\\n  --namespace monitoring --create-namespace',
  }),
  platformCheck({
    id: 'cluster-logging',
    category: 'observability',
    severity: 'high',
    title: 'A DaemonSet ships container logs',
    rationale: 'Logs of a crashed pod are gone with it unless shipped.',
    remediation: 'Run a log shipper such as Fluent Bit as a DaemonSet.',
    remediationSnippet:
      'helm install fluent-bit fluent/fluent-bit --namespace logging --create-namespace',
  }),
  platformCheck({
    id: 'default-deny-ingress',
    category: 'networking',
    severity: 'high',
    title: 'Every application namespace denies ingress by default',
    rationale: 'Pods accept traffic from anywhere until a policy selects them.',
    remediation:
      'In each application namespace, create a NetworkPolicy with an empty podSelector and policyTypes [Ingress].',
    remediationSnippet:
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny-ingress\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n',
  }),
  platformCheck({
    id: 'rbac-least-privilege',
    category: 'security',
    severity: 'high',
    title: 'Nobody outside the system holds cluster-admin',
    rationale: 'A stolen token with cluster-admin owns the cluster.',
    remediation: 'Bind narrower roles to service accounts and users.',
    remediationSnippet: 'kubectl delete clusterrolebinding <name>',
  }),
  platformCheck({
    id: 'backup-system',
    category: 'recovery',
    severity: 'high',
    title: 'Velero backs up the cluster on a schedule',
    rationale: 'A lost cluster without backups is rebuilt from memory.',
    remediation: 'Install Velero and create a backup Schedule.',
    remediationSnippet:
      'velero schedule create daily --schedule "0 3 * * *" --ttl 720h',
  }),
  platformCheck({
    id: 'default-storage-class',
    category: 'storage',
    severity: 'medium',
    title: 'A default StorageClass exists',
    rationale: 'A PersistentVolumeClaim without a class waits forever.',
    remediation: 'Mark one StorageClass as the default.',
    remediationSnippet:
      'kubectl annotate storageclass standard \\\n  storageclass.kubernetes.io/is-default-class="true"',
  }),
];

const result = (
  check: string,
  status: CheckStatus,
  message: string,
  extra: Partial<CheckResult> = {},
): CheckResult => {
  const definition = platformDefinitions.find(d => d.id === check);
  return {
    check,
    status,
    severity: definition?.severity ?? 'medium',
    message,
    ...extra,
  };
};

const prodResults: CheckResult[] = [
  result(
    'cluster-metrics',
    'pass',
    'Prometheus Operator in namespace monitoring, 1 Prometheus.',
  ),
  result(
    'cluster-logging',
    'exempt',
    'Exempt (platform.provided.cluster-logging): SaaS log pipeline (No DaemonSet ships logs.)',
    {
      exemption: {
        reason: 'SaaS log pipeline',
        source: 'config',
        configKey: 'platform.provided.cluster-logging',
      },
    },
  ),
  result(
    'default-deny-ingress',
    'pass',
    'All 4 application namespaces deny ingress by default.',
  ),
  result(
    'rbac-least-privilege',
    'pass',
    'No ClusterRoleBinding grants cluster-admin outside the system.',
  ),
  result(
    'backup-system',
    'pass',
    'Velero 1.14 in namespace velero, 3 schedules.',
  ),
  result('default-storage-class', 'pass', 'StorageClass gp3 is the default.'),
];

const stagingResults: CheckResult[] = [
  result(
    'cluster-metrics',
    'pass',
    'Prometheus Operator in namespace monitoring, 1 Prometheus.',
  ),
  result('cluster-logging', 'pass', 'DaemonSet logging/fluent-bit runs.'),
  result(
    'default-deny-ingress',
    'fail',
    '2 of 3 application namespaces have no default-deny ingress policy.',
    {
      findings: [
        {
          path: 'metadata.name',
          message:
            'No NetworkPolicy with an empty podSelector governs Ingress.',
          object: { kind: 'Namespace', name: 'shop', namespace: '' },
        },
        {
          path: 'metadata.name',
          message:
            'No NetworkPolicy with an empty podSelector governs Ingress.',
          object: { kind: 'Namespace', name: 'billing', namespace: '' },
        },
      ],
    },
  ),
  result(
    'rbac-least-privilege',
    'error',
    'ClusterRoleBinding could not be read: 403 Forbidden. Grant list on clusterrolebindings to the reader.',
  ),
  result(
    'backup-system',
    'fail',
    'Velero is not installed: no CRD schedules.velero.io.',
  ),
  result(
    'default-storage-class',
    'pass',
    'StorageClass standard is the default.',
  ),
];

const summary = (
  score: number,
  level: PlatformScorecard['level'],
  results: CheckResult[],
) => {
  const counts = { pass: 0, fail: 0, skip: 0, exempt: 0, error: 0 };
  for (const { status } of results) counts[status] += 1;
  return { score, level, productionReady: level !== 'none', counts };
};

const EVALUATED_AT = '2026-12-05T06:00:00.000Z';

export const prodScorecard: PlatformScorecard = {
  cluster: 'prod-eu',
  entityRef: 'resource:default/prod-eu',
  title: 'Production EU',
  score: 100,
  level: 'gold',
  productionReady: true,
  evaluatedAt: EVALUATED_AT,
  stale: false,
  report: {
    summary: summary(100, 'gold', prodResults),
    cluster: { name: 'prod-eu', results: prodResults },
    evaluatedAt: EVALUATED_AT,
  },
};

export const stagingScorecard: PlatformScorecard = {
  cluster: 'staging',
  score: 52,
  level: 'none',
  productionReady: false,
  evaluatedAt: EVALUATED_AT,
  stale: false,
  report: {
    summary: summary(52, 'none', stagingResults),
    cluster: { name: 'staging', results: stagingResults },
    evaluatedAt: EVALUATED_AT,
  },
};

export function historyPoint(
  recordedAt: string,
  score: number,
  level: ScoreHistoryPoint['level'] = 'bronze',
): ScoreHistoryPoint {
  return { recordedAt, score, level, productionReady: level !== 'none' };
}

/** The overview row of a scorecard, as `GET /platform/clusters` makes it. */
export function clusterRow(
  scorecard: PlatformScorecard,
  trend: ScoreHistoryPoint[] = [],
): PlatformClusterRow {
  const { report, ...rest } = scorecard;
  return {
    ...rest,
    statuses: Object.fromEntries(
      report.cluster.results.map(r => [r.check, r.status]),
    ),
    trend,
  };
}

export const platformOverview: PlatformOverview = {
  clusters: [
    clusterRow(prodScorecard, [
      historyPoint('2026-11-20T06:00:00Z', 88, 'silver'),
      historyPoint('2026-12-05T06:00:00Z', 100, 'gold'),
    ]),
    clusterRow(stagingScorecard, [
      historyPoint('2026-11-20T06:00:00Z', 64),
      historyPoint('2026-12-05T06:00:00Z', 52, 'none'),
    ]),
  ],
  checks: platformDefinitions,
};

/** The catalog entity of the production cluster. */
export const clusterEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'prod-eu',
    title: 'Production EU',
    annotations: { 'backstage.io/kubernetes-cluster': 'prod-eu' },
  },
  spec: { type: 'kubernetes-cluster', owner: 'group:default/platform' },
};
