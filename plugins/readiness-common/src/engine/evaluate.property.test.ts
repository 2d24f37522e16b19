import fc from 'fast-check';
import { Entity } from '@backstage/catalog-model';
import { KubeObject, LEVELS_ASCENDING } from '../types';
import { CHECK_IDS } from '../checks/definitions';
import { evaluateReadiness } from './evaluate';
import { CHECK_STATUSES } from './scoring';

const KINDS = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'ReplicaSet',
  'Pod',
  'Rollout',
  'Service',
  'PodDisruptionBudget',
  'HorizontalPodAutoscaler',
  'NetworkPolicy',
  'ServiceAccount',
  'Ingress',
  'ConfigMap',
  'ServiceMonitor',
  'PodMonitor',
  'Schedule',
  'Namespace',
  'Widget',
];
const API_VERSIONS = [
  'v1',
  'apps/v1',
  'batch/v1',
  'argoproj.io/v1alpha1',
  'policy/v1',
  'networking.k8s.io/v1',
  'monitoring.coreos.com/v1',
  'velero.io/v1',
  'autoscaling/v2',
  'x.io/v1',
];

/** Anything JSON can hold, including deep nesting and wrong types. */
const junk = fc.letrec(tie => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.string(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const labels = fc.dictionary(
  fc.constantFrom('app', 'tier', 'env'),
  fc.constantFrom('web', 'api', 'prod'),
  { maxKeys: 3 },
);
const selector = fc.oneof(
  fc.record({ matchLabels: labels }),
  fc.record({
    matchExpressions: fc.array(
      fc.record({
        key: fc.constantFrom('app', 'tier', 'env'),
        operator: fc.constantFrom(
          'In',
          'NotIn',
          'Exists',
          'DoesNotExist',
          'Bad',
        ),
        values: fc.array(fc.constantFrom('web', 'api', 'prod'), {
          maxLength: 2,
        }),
      }),
      { maxLength: 2 },
    ),
  }),
  fc.constant({}),
  junk,
);
const probe = fc.oneof(
  fc.record({
    httpGet: fc.record({
      path: fc.constant('/'),
      port: fc.oneof(
        fc.integer({ min: 0, max: 9000 }),
        fc.constantFrom('http', 'metrics', '80'),
      ),
    }),
  }),
  fc.record({
    tcpSocket: fc.record({ port: fc.oneof(fc.integer(), fc.string()) }),
  }),
  junk,
);
const securityContext = fc.record(
  {
    runAsNonRoot: maybe(fc.oneof(fc.boolean(), junk)),
    runAsUser: maybe(fc.oneof(fc.integer({ min: -1, max: 2000 }), junk)),
    privileged: maybe(fc.boolean()),
    allowPrivilegeEscalation: maybe(fc.boolean()),
    readOnlyRootFilesystem: maybe(fc.boolean()),
    capabilities: maybe(
      fc.record({
        add: maybe(
          fc.array(fc.constantFrom('ALL', 'NET_ADMIN', 'CHOWN', 'sys_admin')),
        ),
        drop: maybe(
          fc.oneof(fc.array(fc.constantFrom('ALL', 'NET_RAW')), junk),
        ),
      }),
    ),
    seccompProfile: maybe(
      fc.record({
        type: fc.constantFrom('RuntimeDefault', 'Localhost', 'Unconfined'),
      }),
    ),
  },
  { requiredKeys: [] },
);
const container = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record(
      {
        name: fc.oneof(fc.constantFrom('app', 'sidecar'), junk),
        image: fc.oneof(
          fc.constantFrom(
            'nginx',
            'nginx:latest',
            'ghcr.io/a/b:1',
            'localhost:5000/x',
            'a@sha256:00',
          ),
          junk,
        ),
        ports: maybe(
          fc.oneof(
            fc.array(
              fc.record({
                name: maybe(fc.constantFrom('http', 'metrics')),
                containerPort: fc.integer({ min: 1, max: 9000 }),
                hostPort: maybe(fc.integer({ min: 0, max: 100 })),
              }),
              { maxLength: 2 },
            ),
            junk,
          ),
        ),
        readinessProbe: maybe(probe),
        livenessProbe: maybe(probe),
        startupProbe: maybe(probe),
        resources: maybe(
          fc.oneof(
            fc.record({
              requests: maybe(
                fc.record({
                  cpu: maybe(fc.constant('1')),
                  memory: maybe(fc.constant('1Gi')),
                }),
              ),
              limits: maybe(junk),
            }),
            junk,
          ),
        ),
        env: maybe(
          fc.oneof(
            fc.array(
              fc.record({
                name: fc.oneof(
                  fc.constantFrom('PASSWORD', 'LOG', 'TOKEN'),
                  junk,
                ),
                value: maybe(fc.oneof(fc.string(), junk)),
                valueFrom: maybe(junk),
              }),
            ),
            junk,
          ),
        ),
        envFrom: maybe(junk),
        securityContext: maybe(fc.oneof(securityContext, junk)),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: junk },
);
const podSpec = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record(
      {
        containers: fc.oneof(fc.array(container, { maxLength: 3 }), junk),
        initContainers: maybe(
          fc.oneof(fc.array(container, { maxLength: 2 }), junk),
        ),
        securityContext: maybe(fc.oneof(securityContext, junk)),
        volumes: maybe(
          fc.oneof(
            fc.array(
              fc.oneof(
                fc.record({
                  name: fc.string(),
                  hostPath: fc.record({ path: fc.string() }),
                }),
                fc.record({
                  name: fc.string(),
                  persistentVolumeClaim: fc.record({ claimName: fc.string() }),
                }),
                fc.record({ configMap: fc.record({ name: fc.string() }) }),
                junk,
              ),
            ),
            junk,
          ),
        ),
        hostNetwork: maybe(fc.oneof(fc.boolean(), junk)),
        serviceAccountName: maybe(
          fc.oneof(fc.constantFrom('default', 'app'), junk),
        ),
        automountServiceAccountToken: maybe(fc.oneof(fc.boolean(), junk)),
        affinity: maybe(junk),
        topologySpreadConstraints: maybe(junk),
        priorityClassName: maybe(junk),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: junk },
);
const template = fc.record(
  {
    metadata: fc.oneof(
      fc.record({ labels: fc.oneof(labels, junk), annotations: maybe(junk) }),
      junk,
    ),
    spec: podSpec,
  },
  { requiredKeys: [] },
);

const kubeObject: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record(
      {
        apiVersion: fc.oneof(fc.constantFrom(...API_VERSIONS), junk),
        kind: fc.oneof(
          { weight: 5, arbitrary: fc.constantFrom(...KINDS) },
          junk,
        ),
        metadata: fc.oneof(
          fc.record(
            {
              name: fc.oneof(fc.constantFrom('web', 'api', 'db'), junk),
              namespace: maybe(
                fc.oneof(fc.constantFrom('default', 'prod'), junk),
              ),
              labels: maybe(fc.oneof(labels, junk)),
              annotations: maybe(
                fc.oneof(
                  fc.dictionary(
                    fc.constantFrom(
                      'prodready.dev/exempt.pdb',
                      'prodready.dev/exempt-until.pdb',
                      'prometheus.io/scrape',
                      'x',
                    ),
                    fc.oneof(
                      fc.constantFrom(
                        '',
                        'reason',
                        '2020-01-01',
                        '2999-12-31',
                        'true',
                      ),
                      junk,
                    ),
                  ),
                  junk,
                ),
              ),
              ownerReferences: maybe(
                fc.oneof(
                  fc.array(
                    fc.record({ controller: fc.oneof(fc.boolean(), junk) }),
                  ),
                  junk,
                ),
              ),
            },
            { requiredKeys: [] },
          ),
          junk,
        ),
        spec: fc.oneof(
          fc.record(
            {
              replicas: maybe(fc.oneof(fc.integer({ min: -1, max: 5 }), junk)),
              template: maybe(fc.oneof(template, junk)),
              jobTemplate: maybe(fc.record({ spec: fc.record({ template }) })),
              selector: maybe(selector),
              podSelector: maybe(selector),
              policyTypes: maybe(
                fc.oneof(fc.array(fc.constantFrom('Ingress', 'Egress')), junk),
              ),
              scaleTargetRef: maybe(
                fc.oneof(
                  fc.record({
                    kind: fc.constantFrom('Deployment', 'StatefulSet'),
                    name: fc.constantFrom('web', 'api'),
                  }),
                  junk,
                ),
              ),
              minReplicas: maybe(
                fc.oneof(fc.integer({ min: 0, max: 5 }), junk),
              ),
              maxReplicas: maybe(
                fc.oneof(fc.integer({ min: 0, max: 10 }), junk),
              ),
              maxUnavailable: maybe(
                fc.oneof(
                  fc.integer({ min: 0, max: 3 }),
                  fc.constantFrom('0%', '50%'),
                  junk,
                ),
              ),
              minAvailable: maybe(
                fc.oneof(
                  fc.integer({ min: 0, max: 3 }),
                  fc.constantFrom('100%', '150%'),
                  junk,
                ),
              ),
              rules: maybe(junk),
              tls: maybe(junk),
              template_: maybe(junk),
              volumeClaimTemplates: maybe(junk),
              strategy: maybe(junk),
              revisionHistoryLimit: maybe(
                fc.oneof(fc.integer({ min: 0, max: 3 }), junk),
              ),
            },
            { requiredKeys: [] },
          ),
          junk,
        ),
        data: maybe(
          fc.oneof(
            fc.dictionary(
              fc.constantFrom('password', 'config', 'key'),
              fc.oneof(fc.string(), junk),
            ),
            junk,
          ),
        ),
        binaryData: maybe(junk),
        automountServiceAccountToken: maybe(fc.oneof(fc.boolean(), junk)),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: junk },
);

const entityArb = fc.option(
  fc.oneof(
    fc.record({
      apiVersion: fc.constant('backstage.io/v1alpha1'),
      kind: fc.constant('Component'),
      metadata: fc.record({
        name: fc.constant('web'),
        annotations: maybe(
          fc.dictionary(
            fc.constantFrom(
              'backstage.io/kubernetes-id',
              'backstage.io/kubernetes-label-selector',
              'prodready.dev/last-restore-test',
              'prodready.dev/exempt.owner',
            ),
            fc.oneof(fc.string(), junk),
          ),
        ),
        links: maybe(junk),
      }),
      spec: maybe(junk),
    }),
    junk,
  ),
  { nil: undefined },
);

const STATUSES = new Set<string>(CHECK_STATUSES);
const LEVELS = new Set<string>(LEVELS_ASCENDING);
const IDS = new Set(CHECK_IDS);

describe('evaluateReadiness on arbitrary input', () => {
  it('never throws and always returns a well-formed report', () => {
    fc.assert(
      fc.property(
        fc.array(kubeObject, { maxLength: 12 }),
        entityArb,
        fc.boolean(),
        (objects, entity, referenced) => {
          const report = evaluateReadiness({
            objects: objects.map(object => ({ object: object as KubeObject })),
            entity: entity as Entity | undefined,
            now: new Date('2025-06-15T00:00:00Z'),
            configMapScope: referenced ? 'referenced' : 'all',
          });
          const scored = [report.summary, ...report.workloads];
          for (const item of scored) {
            expect(Number.isInteger(item.score)).toBe(true);
            expect(item.score).toBeGreaterThanOrEqual(0);
            expect(item.score).toBeLessThanOrEqual(100);
            expect(LEVELS.has(item.level)).toBe(true);
          }
          const results = [
            ...report.workloads.flatMap(w => w.results),
            ...report.objects.flatMap(o => o.results),
            ...(report.entity?.results ?? []),
          ];
          for (const r of results) {
            expect(STATUSES.has(r.status)).toBe(true);
            expect(IDS.has(r.check)).toBe(true);
            expect(typeof r.message).toBe('string');
          }
          const counted = Object.values(report.summary.counts).reduce(
            (a, b) => a + b,
            0,
          );
          expect(counted).toBe(results.length);
          expect(() => JSON.stringify(report)).not.toThrow();
        },
      ),
      { numRuns: 400 },
    );
  });
});
