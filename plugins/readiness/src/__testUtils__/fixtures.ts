/**
 * Test data shaped like the backend's answers: a bronze service with a
 * failing probe, an exempt check and passing operations checks.
 */
import type { Entity } from '@backstage/catalog-model';
import type {
  CheckDefinition,
  EntityScorecard,
  OverviewRow,
  WorkloadDrift,
} from '@prodready/backstage-plugin-readiness-common';
import type { ReadinessApi } from '../api';
import { checkDocsLink } from '../model/checkDocs';

export const definitions: CheckDefinition[] = [
  {
    id: 'readiness-probe',
    category: 'health',
    severity: 'critical',
    target: 'workload',
    title: 'Containers declare a readiness probe',
    rationale: 'Traffic only reaches pods that can serve it.',
    remediation: 'Add a readinessProbe to every app container.',
    remediationSnippet:
      'readinessProbe:\n  httpGet:\n    path: /ready\n    port: http\n',
    docsAnchor: 'readiness-probe',
  },
  {
    id: 'liveness-probe',
    category: 'health',
    severity: 'high',
    target: 'workload',
    title: 'Containers declare a liveness probe',
    rationale: 'A stuck process is restarted.',
    remediation: 'Add a livenessProbe to every app container.',
    remediationSnippet: 'livenessProbe:\n  httpGet:\n    path: /live\n',
    docsAnchor: 'liveness-probe',
  },
  {
    id: 'run-as-non-root',
    category: 'security',
    severity: 'critical',
    target: 'workload',
    title: 'Containers run as a non-root user',
    rationale: 'A compromised process is not root.',
    remediation: 'Set runAsNonRoot: true.',
    remediationSnippet: 'securityContext:\n  runAsNonRoot: true\n',
    docsAnchor: 'run-as-non-root',
  },
  {
    id: 'runbook',
    category: 'operations',
    severity: 'high',
    target: 'entity',
    title: 'A runbook is linked',
    rationale: 'The person paged knows what to do.',
    remediation: 'Link a runbook in metadata.links.',
    remediationSnippet: 'metadata:\n  links:\n    - type: runbook\n',
    docsAnchor: 'runbook',
  },
];

export const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'notification-service',
    title: 'Notification Service',
    annotations: { 'backstage.io/kubernetes-id': 'notification-service' },
  },
  spec: { type: 'service', owner: 'group:default/cx', lifecycle: 'production' },
};

export const entityWithoutWorkloads: Entity = {
  ...entity,
  metadata: { name: 'customer-portal', title: 'Customer Portal' },
};

export const systems: Entity[] = ['freight', 'billing'].map(name => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name, namespace: 'default' },
  spec: { owner: 'group:default/platform' },
}));

export const scorecard: EntityScorecard = {
  entityRef: 'component:default/notification-service',
  title: 'Notification Service',
  owner: 'group:default/cx',
  score: 78,
  level: 'bronze',
  productionReady: false,
  evaluatedAt: '2026-11-22T07:53:29.088Z',
  stale: false,
  report: {
    evaluatedAt: '2026-11-22T07:53:29.088Z',
    summary: {
      score: 78,
      level: 'bronze',
      productionReady: false,
      counts: { pass: 3, fail: 2, skip: 0, exempt: 1, error: 0 },
    },
    workloads: [
      {
        kind: 'Deployment',
        namespace: 'notifications',
        name: 'notification-api',
        cluster: 'acme-prod',
        score: 70,
        level: 'bronze',
        results: [
          {
            check: 'readiness-probe',
            status: 'pass',
            severity: 'critical',
            message: 'Every app container has a readinessProbe.',
          },
          {
            check: 'liveness-probe',
            status: 'fail',
            severity: 'high',
            message: 'Some app containers have no livenessProbe.',
            findings: [
              {
                path: 'spec.template.spec.containers[1].livenessProbe',
                message: 'No livenessProbe is set.',
                container: 'sidecar',
              },
            ],
          },
          {
            check: 'run-as-non-root',
            status: 'exempt',
            severity: 'critical',
            message: 'Exempt.',
            exemption: {
              reason: 'Vendor image runs as root; replacement in INV-212',
              until: '2027-03-31',
              source: 'workload',
            },
          },
        ],
      },
      {
        kind: 'Deployment',
        namespace: 'notifications',
        name: 'notification-worker',
        cluster: 'acme-prod',
        score: 90,
        level: 'silver',
        results: [
          {
            check: 'readiness-probe',
            status: 'pass',
            severity: 'critical',
            message: 'Every app container has a readinessProbe.',
          },
          {
            check: 'liveness-probe',
            status: 'fail',
            severity: 'high',
            message: 'Some app containers have no livenessProbe.',
            findings: [
              {
                path: 'spec.template.spec.containers[0].livenessProbe',
                message: 'No livenessProbe is set.',
                container: 'worker',
              },
            ],
          },
        ],
      },
    ],
    objects: [],
    entity: {
      ref: 'component:default/notification-service',
      results: [
        {
          check: 'runbook',
          status: 'pass',
          severity: 'high',
          message: 'The prodready.dev/runbook annotation links a runbook.',
        },
      ],
    },
  },
};

/**
 * Drift as the backend reports it (detectDrift's words): the API scaled
 * down by hand and given more memory, and a debug worker started by hand.
 */
export const drift: WorkloadDrift[] = [
  {
    kind: 'Deployment',
    namespace: 'notifications',
    name: 'notification-api',
    cluster: 'acme-prod',
    state: 'changed',
    differences: [
      {
        field: 'replicas',
        git: '3',
        live: '1',
        message: 'live Deployment notification-api runs 1 replica, Git says 3',
      },
      {
        field: 'containers[api].resources.limits.memory',
        git: '512Mi',
        live: '1Gi',
        message:
          'Deployment notification-api container api memory limit: the cluster has 1Gi, Git says 512Mi',
      },
    ],
  },
  {
    kind: 'Deployment',
    namespace: 'notifications',
    name: 'notification-debug',
    cluster: 'acme-prod',
    state: 'only-live',
    differences: [
      {
        field: 'workload',
        live: 'present',
        message:
          'the cluster runs Deployment notification-debug, Git does not have it',
      },
    ],
  },
];

/**
 * Two custom checks as `/checks` lists them after the built-in ones: one in
 * a category of its own with Markdown remediation and a docs link, one in
 * a built-in category with nothing but a title.
 */
export const customDefinitions: CheckDefinition[] = [
  {
    id: 'encrypted-volumes',
    category: 'data-protection',
    severity: 'medium',
    target: 'workload',
    title: 'Volumes use the encrypted storage class',
    rationale: '',
    remediation:
      'Set `storageClassName: encrypted-ssd` on each claim; see [the storage guide](https://wiki.acme.example/storage).',
    remediationSnippet: '',
    docsAnchor: 'encrypted-volumes',
    origin: 'custom',
    scope: 'workload',
    docsUrl: 'https://wiki.acme.example/platform/encrypted-volumes',
  },
  {
    id: 'team-label',
    category: 'operations',
    severity: 'low',
    target: 'workload',
    title: 'Pods carry a team label',
    rationale: '',
    remediation: '',
    remediationSnippet: '',
    docsAnchor: 'team-label',
    origin: 'custom',
    scope: 'workload',
  },
];

/** {@link scorecard} with the custom checks' results on its first workload. */
export const scorecardWithCustomChecks: EntityScorecard = {
  ...scorecard,
  report: {
    ...scorecard.report,
    workloads: scorecard.report.workloads.map((workload, index) =>
      index === 0
        ? {
            ...workload,
            results: [
              ...workload.results,
              {
                check: 'encrypted-volumes',
                status: 'fail',
                severity: 'medium',
                message: 'Claim data uses storage class standard.',
              },
              {
                check: 'team-label',
                status: 'pass',
                severity: 'low',
                message: 'Pods carry a team label.',
              },
            ],
          }
        : workload,
    ),
  },
};

export function overviewRow(overrides: Partial<OverviewRow> = {}): OverviewRow {
  return {
    entityRef: 'component:default/notification-service',
    title: 'Notification Service',
    owner: 'group:default/cx',
    system: 'system:default/freight',
    score: 78,
    level: 'bronze',
    productionReady: false,
    evaluatedAt: '2026-11-22T07:53:29.088Z',
    stale: false,
    workloadCount: 1,
    ...overrides,
  };
}

/** An API whose every method fails unless the test gives it. */
export function fakeReadinessApi(
  methods: Partial<ReadinessApi> = {},
): ReadinessApi {
  const notMocked = (name: string) => () =>
    Promise.reject(new Error(`${name} is not mocked in this test`));
  return {
    getChecks: async () => definitions,
    getScorecard: async () => scorecard,
    getScoreHistory: async () => [],
    refreshScorecard: notMocked('refreshScorecard'),
    getOverview: async () => ({ items: [], total: 0, limit: 20, offset: 0 }),
    getOwnerAdoption: async () => [],
    getOrganisationTrend: async () => [],
    getCheckFailures: async () => [],
    getSourceHealth: async () => [],
    getPlatformOverview: async () => ({ clusters: [], checks: [] }),
    getPlatformScorecard: async () => undefined,
    getPlatformHistory: async () => [],
    getPublishTargetAvailability: notMocked('getPublishTargetAvailability'),
    getCampaigns: async () => [],
    getCampaign: async () => undefined,
    saveCampaign: notMocked('saveCampaign'),
    deleteCampaign: notMocked('deleteCampaign'),
    getEntityCampaigns: async () => [],
    ...methods,
  };
}

/** Docs links as the plugin makes them, under a check reference of tests. */
export function docsLink(definition: CheckDefinition): string | undefined {
  return checkDocsLink(
    definition,
    anchor => `https://docs.example/checks#${anchor}`,
  );
}
