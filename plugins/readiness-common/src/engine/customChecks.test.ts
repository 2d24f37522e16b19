import { parseReadinessConfig } from '../config';
import { customCheckDefinition } from '../customChecks/definition';
import { ReadinessCheck } from '../customChecks/types';
import {
  companions,
  entity,
  evaluate,
  NOW,
  workload,
} from '../testing/fixtures';
import {
  evaluateYaml,
  readYaml,
  resultOf,
  workloadReport,
} from '../testing/manifests';
import { ObjectReport, ReadinessReport } from '../types';
import { evaluateReadiness } from './evaluate';

/**
 * The payments team's service as it is deployed: an API container on the
 * platform base image, a migration init container and a log-shipping
 * native sidecar that are not, and everything the engine relates to it.
 */
const PAYMENTS = `apiVersion: v1
kind: Namespace
metadata:
  name: payments
  labels:
    tier: critical
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: payments-api
  namespace: payments
spec:
  replicas: 2
  selector:
    matchLabels: { app: payments-api }
  template:
    metadata:
      labels:
        app: payments-api
        team: payments
        backstage.io/kubernetes-id: payments-api
    spec:
      serviceAccountName: payments-api
      initContainers:
        - name: migrate
          image: ghcr.io/acme/payments-migrate:4.1.0
        - name: log-shipper
          image: docker.io/fluent/fluent-bit:3.0.4
          restartPolicy: Always
      containers:
        - name: api
          image: registry.acme.example/base/python:3.12-acme
          envFrom:
            - configMapRef: { name: payments-api-settings }
---
apiVersion: v1
kind: Service
metadata:
  name: payments-api
  namespace: payments
  labels: { app: payments-api }
spec:
  selector: { app: payments-api }
  ports:
    - { name: http, port: 80, targetPort: 8080 }
---
apiVersion: v1
kind: Service
metadata:
  name: ledger
  namespace: payments
spec:
  selector: { app: ledger }
  ports:
    - { port: 5432 }
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: payments-api, namespace: payments }
spec:
  maxUnavailable: 1
  selector:
    matchLabels: { app: payments-api }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: payments-api, namespace: payments }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: payments-api }
  minReplicas: 3
  maxReplicas: 12
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: payments-api, namespace: payments }
spec:
  podSelector:
    matchLabels: { app: payments-api }
  policyTypes: [Ingress]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: payments-api, namespace: payments }
spec:
  ingressClassName: nginx
  tls:
    - hosts: [pay.acme.example]
      secretName: pay-tls
  rules:
    - host: pay.acme.example
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: { name: payments-api, port: { number: 80 } }
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: { name: payments-api, namespace: payments }
spec:
  selector:
    matchLabels: { app: payments-api }
---
apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata: { name: payments-api-pods, namespace: payments }
spec:
  selector:
    matchLabels: { app: payments-api }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: payments-api-settings, namespace: payments }
data:
  LOG_LEVEL: info
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: payments-api, namespace: payments }
`;

/** A small CronJob of another team, in a namespace not among the inputs. */
const REPORTS = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly-report
  namespace: reporting
spec:
  schedule: "0 2 * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          labels: { app: nightly-report }
        spec:
          restartPolicy: OnFailure
          containers:
            - name: report
              image: registry.acme.example/base/python:3.12-acme
`;

const BASE_IMAGE = {
  id: 'base-image',
  title: 'Images come from the platform base images',
  category: 'supply-chain',
  severity: 'high',
  scope: 'container',
  rule: "container.image.startsWith('registry.acme.example/base/')",
  message: 'Build on the platform base images.',
  messageExpression:
    "'image ' + container.image + ' is not a platform base image'",
};

const TEAM_LABEL = {
  id: 'team-label',
  title: 'Pods carry a team label',
  category: 'operations',
  severity: 'medium',
  scope: 'workload',
  rule: "has(podTemplate.metadata.labels) && 'team' in podTemplate.metadata.labels",
  message: 'Pods need a team label so that alerts reach the owner.',
};

const PAYMENTS_REPLICAS = {
  id: 'payments-replicas',
  title: 'Payments services run three replicas',
  category: 'availability',
  severity: 'high',
  scope: 'workload',
  kinds: ['Deployment', 'StatefulSet'],
  when: "object.metadata.namespace == 'payments'",
  rule: 'object.spec.replicas >= 3',
  message: 'Services in the payments domain run at least three replicas.',
};

const INGRESS_CLASS = {
  id: 'ingress-class',
  title: 'Ingresses use the platform ingress class',
  category: 'platform-conventions',
  severity: 'low',
  scope: 'object',
  kinds: ['Ingress'],
  rule: "has(object.spec.ingressClassName) && object.spec.ingressClassName == 'acme-nginx'",
  message: 'Use ingressClassName acme-nginx.',
  messageExpression:
    "'ingressClassName is ' + object.spec.ingressClassName + ', not acme-nginx'",
};

/**
 * A check that always fails and reports, in its message, what a CEL
 * expression gave: a window on the variables.
 */
function probe(scope: string, expression: string, extra = {}) {
  return {
    id: 'probe',
    title: 'Probe',
    category: 'testing',
    severity: 'low',
    scope,
    rule: 'false',
    message: 'probe',
    messageExpression: expression,
    ...extra,
  };
}

function run(
  files: Record<string, string>,
  customChecks: unknown[],
  options: Parameters<typeof evaluateYaml>[1] = {},
): ReadinessReport {
  return evaluateYaml(files, {
    ...options,
    config: { ...(options.config as object), customChecks },
  });
}

function objectReport(
  report: ReadinessReport,
  kind: string,
  name: string,
): ObjectReport {
  const found = report.objects.find(o => o.kind === kind && o.name === name);
  if (!found) throw new Error(`no ${kind}/${name} among the object reports`);
  return found;
}

const api = (report: ReadinessReport) =>
  workloadReport(report, 'Deployment', 'payments-api');

describe('custom checks: workload scope', () => {
  it('passes and fails on the team label, after every built-in result', () => {
    const report = run({ 'payments.yaml': PAYMENTS, 'reports.yaml': REPORTS }, [
      TEAM_LABEL,
      PAYMENTS_REPLICAS,
    ]);
    const ids = api(report).results.map(r => r.check);
    expect(ids.slice(-2)).toEqual(['team-label', 'payments-replicas']);
    expect(ids.indexOf('backup-schedule')).toBeLessThan(
      ids.indexOf('team-label'),
    );
    expect(resultOf(api(report), 'team-label')).toEqual({
      check: 'team-label',
      status: 'pass',
      severity: 'medium',
      message: 'Pods carry a team label',
    });
    expect(
      resultOf(
        workloadReport(report, 'CronJob', 'nightly-report'),
        'team-label',
      ),
    ).toEqual({
      check: 'team-label',
      status: 'fail',
      severity: 'medium',
      message: 'Pods need a team label so that alerts reach the owner.',
    });
  });

  it('skips when `when` is false, saying which condition, and only runs on its kinds', () => {
    const report = run({ 'payments.yaml': PAYMENTS, 'reports.yaml': REPORTS }, [
      PAYMENTS_REPLICAS,
    ]);
    // The HPA's minReplicas does not matter: the rule reads spec.replicas.
    expect(resultOf(api(report), 'payments-replicas')).toMatchObject({
      status: 'fail',
      severity: 'high',
      message: 'Services in the payments domain run at least three replicas.',
    });
    const other = run(
      {
        'shop.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: nginx:1.27 }]
`,
      },
      [PAYMENTS_REPLICAS],
    );
    expect(
      resultOf(workloadReport(other, 'Deployment', 'web'), 'payments-replicas'),
    ).toMatchObject({
      status: 'skip',
      message:
        "Skipped: its condition is false (when: object.metadata.namespace == 'payments').",
    });
    expect(
      resultOf(
        workloadReport(report, 'CronJob', 'nightly-report'),
        'payments-replicas',
      ),
    ).toMatchObject({
      status: 'skip',
      message: 'Skipped: the check applies to Deployment, StatefulSet only.',
    });
  });

  it('uses messageExpression, and falls back to message when it fails', () => {
    const labels = {
      ...TEAM_LABEL,
      rule: "podTemplate.metadata.labels.exists(k, k == 'owner')",
      messageExpression:
        "'labels: ' + podTemplate.metadata.labels.map(k, k).join(', ')",
    };
    expect(
      resultOf(api(run({ 'payments.yaml': PAYMENTS }, [labels])), 'team-label')
        .message,
    ).toBe('labels: app, team, backstage.io/kubernetes-id');
    const broken = {
      ...labels,
      messageExpression: "'owner: ' + podTemplate.metadata.labels.owner",
    };
    expect(
      resultOf(api(run({ 'payments.yaml': PAYMENTS }, [broken])), 'team-label'),
    ).toMatchObject({
      status: 'fail',
      message:
        'Pods need a team label so that alerts reach the owner. (messageExpression could not be evaluated: No such key: owner (line 1, col 41))',
    });
  });

  it('gives error for this result only when the rule cannot be evaluated', () => {
    const report = run({ 'payments.yaml': PAYMENTS, 'reports.yaml': REPORTS }, [
      { ...TEAM_LABEL, rule: "podTemplate.metadata.labels.team == 'payments'" },
      {
        ...TEAM_LABEL,
        id: 'team-value',
        rule: 'podTemplate.metadata.labels.team',
      },
      BASE_IMAGE,
    ]);
    const cron = workloadReport(report, 'CronJob', 'nightly-report');
    expect(resultOf(cron, 'team-label')).toEqual({
      check: 'team-label',
      status: 'error',
      severity: 'medium',
      message:
        'The rule could not be evaluated: No such key: team (line 1, col 29).',
    });
    expect(resultOf(api(report), 'team-label').status).toBe('pass');
    expect(resultOf(api(report), 'team-value')).toMatchObject({
      status: 'error',
      message: 'The rule gave a string, not a bool.',
    });
    expect(resultOf(cron, 'base-image').status).toBe('pass');
    expect(report.summary.counts.error).toBe(3);
  });

  it('applies severity overrides, enabled: false and annotation exemptions to custom ids', () => {
    const exempted = PAYMENTS.replace(
      'name: payments-api\n  namespace: payments\nspec:\n  replicas',
      'name: payments-api\n  namespace: payments\n  annotations:\n    prodready.dev/exempt.payments-replicas: scaled by the HPA to 3 and more\n    prodready.dev/exempt.base-imag: typo\nspec:\n  replicas',
    );
    const report = run(
      { 'payments.yaml': exempted },
      [PAYMENTS_REPLICAS, BASE_IMAGE, TEAM_LABEL],
      {
        config: {
          checks: {
            'base-image': { severity: 'low' },
            'team-label': { enabled: false },
          },
        },
      },
    );
    expect(resultOf(api(report), 'payments-replicas')).toMatchObject({
      status: 'exempt',
      exemption: {
        reason: 'scaled by the HPA to 3 and more',
        source: 'workload',
      },
    });
    expect(resultOf(api(report), 'base-image')).toMatchObject({
      status: 'fail',
      severity: 'low',
    });
    expect(api(report).results.some(r => r.check === 'team-label')).toBe(false);
    expect(report.warnings).toEqual([
      'Deployment payments/payments-api (payments.yaml:8): annotation prodready.dev/exempt.base-imag names no known check; did you mean `base-image`?',
    ]);
  });

  it('honours config exemptions of an entity for custom ids', () => {
    const report = evaluate([workload(), ...companions()], {
      entity: entity(),
      config: {
        customChecks: [TEAM_LABEL],
        exemptions: [
          {
            entityRef: 'component:default/web',
            check: 'team-label',
            reason: 'labels come with the platform migration',
          },
        ],
      },
    });
    expect(resultOf(report.workloads[0], 'team-label')).toMatchObject({
      status: 'exempt',
      exemption: { source: 'config' },
    });
  });

  it('scores custom results like built-in ones', () => {
    const gold = evaluate([workload(), ...companions()]);
    expect(gold.workloads[0].level).toBe('gold');
    const failing = evaluate([workload(), ...companions()], {
      config: { customChecks: [BASE_IMAGE] },
    });
    expect(resultOf(failing.workloads[0], 'base-image').status).toBe('fail');
    expect(failing.workloads[0].level).toBe('bronze');
    expect(failing.summary.counts.fail).toBe(gold.summary.counts.fail + 1);
    expect(failing.summary.score).toBeLessThan(gold.summary.score);
  });
});

describe('custom checks: variables', () => {
  it('gives object, podTemplate, podSpec, namespaceObject and now', () => {
    const report = run({ 'payments.yaml': PAYMENTS }, [
      probe(
        'workload',
        "object.kind + ' ' + object.metadata.name + ' | ' + podTemplate.metadata.labels.team + ' | ' + podSpec.serviceAccountName + ' | ' + namespaceObject.metadata.labels.tier + ' | ' + (entity == null ? 'no entity' : entity.metadata.name) + ' | ' + (now == timestamp('2025-06-15T12:00:00Z') ? 'now' : 'not now')",
      ),
    ]);
    expect(resultOf(api(report), 'probe').message).toBe(
      'Deployment payments-api | payments | payments-api | critical | no entity | now',
    );
  });

  it('gives the namespace the object is evaluated in when its manifest names none', () => {
    // As kubectl apply -n would: the manifest leaves the namespace out.
    const manifest = `apiVersion: apps/v1
kind: Deployment
metadata: { name: worker }
spec:
  selector: { matchLabels: { app: worker } }
  template:
    metadata: { labels: { app: worker } }
    spec:
      containers: [{ name: worker, image: registry.acme.example/worker:1 }]
---
apiVersion: v1
kind: Service
metadata: { name: worker }
spec:
  selector: { app: worker }
  ports: [{ port: 80 }]
`;
    const notSandbox = {
      id: 'outside-sandbox',
      title: 'Outside the sandbox',
      category: 'testing',
      severity: 'low',
      when: "object.metadata.namespace != 'sandbox'",
      rule: 'true',
      message: 'never fails',
    };
    const checks = [
      { ...notSandbox, scope: 'workload' },
      {
        ...notSandbox,
        id: 'service-outside-sandbox',
        scope: 'object',
        kinds: ['Service'],
      },
    ];
    const inTeam = run({ 'worker.yaml': manifest }, checks, {
      defaultNamespace: 'shipping',
    });
    const worker = workloadReport(inTeam, 'Deployment', 'worker');
    expect(resultOf(worker, 'outside-sandbox').status).toBe('pass');
    expect(
      resultOf(
        objectReport(inTeam, 'Service', 'worker'),
        'service-outside-sandbox',
      ).status,
    ).toBe('pass');

    const objects = readYaml(manifest, 'worker.yaml');
    const inSandbox = evaluateReadiness({
      objects,
      config: parseReadinessConfig({ customChecks: checks }),
      defaultNamespace: 'sandbox',
      now: NOW,
    });
    expect(
      resultOf(
        workloadReport(inSandbox, 'Deployment', 'worker'),
        'outside-sandbox',
      ).status,
    ).toBe('skip');
    // The input itself is left as it was read.
    expect(objects[0].object.metadata).toEqual({ name: 'worker' });
  });

  it('gives the related objects', () => {
    const names = (list: string) =>
      `${list}: ' + related.${list}.map(o, o.metadata.name).join(',') + '`;
    const expression = `'${[
      'services',
      'pdbs',
      'hpas',
      'networkPolicies',
      'ingresses',
      'serviceMonitors',
      'podMonitors',
      'configMaps',
    ]
      .map(names)
      .join(' ')} serviceAccount: ' + related.serviceAccount.metadata.name`;
    const report = run({ 'payments.yaml': PAYMENTS }, [
      probe('workload', expression),
    ]);
    expect(resultOf(api(report), 'probe').message).toBe(
      'services: payments-api pdbs: payments-api hpas: payments-api networkPolicies: payments-api ingresses: payments-api serviceMonitors: payments-api podMonitors: payments-api-pods configMaps: payments-api-settings serviceAccount: payments-api',
    );
    const alone = run({ 'reports.yaml': REPORTS }, [
      probe(
        'workload',
        "string(related.services.size() + related.pdbs.size() + related.configMaps.size()) + ' ' + (related.serviceAccount == null ? 'no account' : 'account') + ' ' + namespaceObject.metadata.name",
      ),
    ]);
    expect(
      resultOf(workloadReport(alone, 'CronJob', 'nightly-report'), 'probe')
        .message,
    ).toBe('0 no account reporting');
  });

  it('gives the pod template wherever the kind keeps it', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: toolbox
  labels: { team: platform }
spec:
  containers: [{ name: shell, image: busybox:1.36 }]
`;
    const report = run({ 'reports.yaml': REPORTS, 'pod.yaml': pod }, [
      probe(
        'workload',
        "podTemplate.metadata.labels.map(k, k + '=' + podTemplate.metadata.labels[k]).join(',') + ' ' + podSpec.containers[0].name",
      ),
    ]);
    expect(
      resultOf(workloadReport(report, 'CronJob', 'nightly-report'), 'probe')
        .message,
    ).toBe('app=nightly-report report');
    expect(
      resultOf(workloadReport(report, 'Pod', 'toolbox'), 'probe').message,
    ).toBe('team=platform shell');
  });

  it('gives the entity when there is one', () => {
    const report = evaluate([workload(), ...companions()], {
      entity: entity({ spec: { owner: 'group:default/payments' } }),
      config: {
        customChecks: [
          probe(
            'workload',
            "entity.metadata.name + ' owned by ' + entity.spec.owner",
          ),
        ],
      },
    });
    expect(resultOf(report.workloads[0], 'probe').message).toBe(
      'web owned by group:default/payments',
    );
  });
});

describe('custom checks: container scope', () => {
  it('judges every container, init container and native sidecar, naming the failing ones', () => {
    const report = run({ 'payments.yaml': PAYMENTS, 'reports.yaml': REPORTS }, [
      BASE_IMAGE,
    ]);
    expect(resultOf(api(report), 'base-image')).toEqual({
      check: 'base-image',
      status: 'fail',
      severity: 'high',
      message:
        'image ghcr.io/acme/payments-migrate:4.1.0 is not a platform base image',
      findings: [
        {
          path: 'spec.template.spec.initContainers[0]',
          container: 'migrate',
          message:
            'image ghcr.io/acme/payments-migrate:4.1.0 is not a platform base image',
        },
        {
          path: 'spec.template.spec.initContainers[1]',
          container: 'log-shipper',
          message:
            'image docker.io/fluent/fluent-bit:3.0.4 is not a platform base image',
        },
      ],
    });
    expect(
      resultOf(
        workloadReport(report, 'CronJob', 'nightly-report'),
        'base-image',
      ),
    ).toMatchObject({ status: 'pass', message: BASE_IMAGE.title });
  });

  it('applies `when` to each container', () => {
    const report = run({ 'payments.yaml': PAYMENTS, 'reports.yaml': REPORTS }, [
      { ...BASE_IMAGE, when: "container.name != 'log-shipper'" },
      {
        ...BASE_IMAGE,
        id: 'shipper-only',
        when: "container.name == 'log-shipper'",
        rule: "container.image.startsWith('docker.io/fluent/')",
      },
    ]);
    expect(
      resultOf(api(report), 'base-image').findings?.map(f => f.container),
    ).toEqual(['migrate']);
    expect(resultOf(api(report), 'shipper-only').status).toBe('pass');
    expect(
      resultOf(
        workloadReport(report, 'CronJob', 'nightly-report'),
        'shipper-only',
      ),
    ).toMatchObject({
      status: 'skip',
      message:
        "Skipped: its condition is false (when: container.name == 'log-shipper').",
    });
  });

  it('points findings at the CronJob template', () => {
    const report = run({ 'reports.yaml': REPORTS }, [
      { ...BASE_IMAGE, rule: "container.image.startsWith('ghcr.io/')" },
    ]);
    expect(
      resultOf(
        workloadReport(report, 'CronJob', 'nightly-report'),
        'base-image',
      ).findings,
    ).toEqual([
      {
        path: 'spec.jobTemplate.spec.template.spec.containers[0]',
        container: 'report',
        message:
          'image registry.acme.example/base/python:3.12-acme is not a platform base image',
      },
    ]);
  });
});

describe('custom checks: object scope', () => {
  it('adds results to the Ingress report after the built-in ones', () => {
    const report = run({ 'payments.yaml': PAYMENTS }, [INGRESS_CLASS]);
    const ingress = objectReport(report, 'Ingress', 'payments-api');
    expect(ingress.results.map(r => [r.check, r.status])).toEqual([
      ['ingress-tls', 'pass'],
      ['ingress-class', 'fail'],
    ]);
    expect(resultOf(ingress, 'ingress-class').message).toBe(
      'ingressClassName is nginx, not acme-nginx',
    );
    expect(report.objects.filter(o => o.kind === 'Ingress')).toHaveLength(1);
  });

  it('reports other kinds as objects of their own, with their origin', () => {
    const report = run({ 'payments.yaml': PAYMENTS }, [
      {
        ...INGRESS_CLASS,
        id: 'service-ports-named',
        kinds: ['Service'],
        rule: 'object.spec.ports.all(p, has(p.name))',
        messageExpression: undefined,
        message: 'Name every Service port.',
      },
    ]);
    expect(
      report.objects
        .filter(o => o.kind === 'Service')
        .map(o => [o.name, o.file, o.line, o.results.map(r => r.status)]),
    ).toEqual([
      ['payments-api', 'payments.yaml', 37, ['pass']],
      ['ledger', 'payments.yaml', 48, ['fail']],
    ]);
  });

  it('with an entity, takes only the objects that belong to it', () => {
    const report = run(
      { 'payments.yaml': PAYMENTS },
      [
        {
          ...INGRESS_CLASS,
          id: 'service-ports-named',
          kinds: ['Service', 'PodDisruptionBudget'],
          rule: 'true',
        },
      ],
      {
        entity: entity({
          name: 'payments-api',
          annotations: { 'backstage.io/kubernetes-id': 'payments-api' },
        }),
      },
    );
    // ledger is another team's Service in the same namespace.
    expect(report.objects.map(o => `${o.kind}/${o.name}`)).toEqual([
      'Ingress/payments-api',
      'ConfigMap/payments-api-settings',
      'Service/payments-api',
      'PodDisruptionBudget/payments-api',
    ]);
  });

  it('gives object, namespaceObject and entity', () => {
    const report = run({ 'payments.yaml': PAYMENTS }, [
      probe(
        'object',
        "object.metadata.name + ' in ' + namespaceObject.metadata.name + ' (' + namespaceObject.metadata.labels.tier + ') ' + string(entity == null)",
        { kinds: ['HorizontalPodAutoscaler'] },
      ),
    ]);
    expect(
      resultOf(
        objectReport(report, 'HorizontalPodAutoscaler', 'payments-api'),
        'probe',
      ).message,
    ).toBe('payments-api in payments (critical) true');
  });
});

describe('custom checks: entity scope', () => {
  const COST_CENTRE = {
    id: 'cost-centre',
    title: 'The entity names its cost centre',
    category: 'finops',
    severity: 'low',
    scope: 'entity',
    rule: "has(entity.metadata.annotations) && 'acme.example/cost-centre' in entity.metadata.annotations",
    message: 'Add the acme.example/cost-centre annotation.',
  };

  it('runs with the entity checks, after them', () => {
    const report = evaluate([workload(), ...companions()], {
      entity: entity({ annotations: { 'acme.example/cost-centre': 'cc-42' } }),
      config: { customChecks: [COST_CENTRE] },
    });
    const ids = report.entity!.results.map(r => r.check);
    expect(ids[ids.length - 1]).toBe('cost-centre');
    expect(resultOf(report.entity as any, 'cost-centre').status).toBe('pass');
    const missing = evaluate([workload(), ...companions()], {
      entity: entity(),
      config: { customChecks: [COST_CENTRE] },
    });
    expect(resultOf(missing.entity as any, 'cost-centre')).toMatchObject({
      status: 'fail',
      message: 'Add the acme.example/cost-centre annotation.',
    });
  });

  it('does not run without an entity', () => {
    const report = evaluate([workload(), ...companions()], {
      config: { customChecks: [COST_CENTRE] },
    });
    expect(report.entity).toBeUndefined();
    expect(JSON.stringify(report)).not.toContain('cost-centre');
  });
});

describe('custom checks: special cases', () => {
  it('makes checks that read a missing pod template an error', () => {
    const rollout = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: { name: checkout, namespace: shop }
spec:
  replicas: 3
  workloadRef: { apiVersion: apps/v1, kind: Deployment, name: checkout }
`;
    const report = run({ 'rollout.yaml': rollout }, [
      TEAM_LABEL,
      {
        ...TEAM_LABEL,
        id: 'three-replicas',
        rule: 'object.spec.replicas >= 3',
      },
      BASE_IMAGE,
    ]);
    const results = workloadReport(report, 'Rollout', 'checkout');
    const missing =
      'The pod template is in Deployment/checkout, which is not among the inputs (spec.workloadRef).';
    expect(resultOf(results, 'team-label')).toMatchObject({
      status: 'error',
      message: missing,
    });
    expect(resultOf(results, 'base-image')).toMatchObject({
      status: 'error',
      message: missing,
    });
    expect(resultOf(results, 'three-replicas').status).toBe('pass');
  });

  it('runs checks from backend modules the same way', () => {
    const seen: string[] = [];
    const noLatest: ReadinessCheck = {
      definition: customCheckDefinition({
        id: 'no-latest-tag',
        title: 'No image uses the latest tag',
        category: 'supply-chain',
        severity: 'high',
        scope: 'container',
      }),
      evaluate: ({ container, entity: owner }) => {
        seen.push(`${container!.name}:${owner === null}`);
        return container!.image.endsWith(':latest')
          ? {
              status: 'fail',
              message: 'Pin the image.',
              findings: [{ path: 'image', message: 'uses latest' }],
            }
          : { status: 'pass', message: 'Pinned.' };
      },
    };
    const broken: ReadinessCheck = {
      definition: customCheckDefinition({
        id: 'broken',
        title: 'Broken',
        category: 'testing',
        severity: 'low',
        scope: 'workload',
      }),
      evaluate: () => {
        throw new Error('boom');
      },
    };
    const config = parseReadinessConfig(
      { customChecks: [TEAM_LABEL] },
      { checks: [noLatest, broken] },
    );
    const objects = readYaml(
      PAYMENTS.replace('fluent-bit:3.0.4', 'fluent-bit:latest'),
      'payments.yaml',
    );
    const report = evaluateReadiness({ objects, config, now: NOW });
    expect(
      api(report)
        .results.slice(-3)
        .map(r => r.check),
    ).toEqual(['team-label', 'no-latest-tag', 'broken']);
    expect(seen).toEqual(['api:true', 'migrate:true', 'log-shipper:true']);
    expect(resultOf(api(report), 'no-latest-tag').findings).toEqual([
      {
        path: 'spec.template.spec.initContainers[1]',
        container: 'log-shipper',
        message: 'Pin the image.',
      },
      {
        path: 'spec.template.spec.initContainers[1].image',
        message: 'uses latest',
      },
    ]);
    expect(resultOf(api(report), 'broken')).toMatchObject({
      status: 'error',
      message: 'The check could not be evaluated (Error: boom).',
    });
  });

  it('evaluates a configuration copied to another thread the same way', () => {
    const config = parseReadinessConfig({
      customChecks: [TEAM_LABEL, BASE_IMAGE, INGRESS_CLASS, PAYMENTS_REPLICAS],
    });
    const objects = readYaml(PAYMENTS, 'payments.yaml');
    const direct = evaluateReadiness({ objects, config, now: NOW });
    const copied = evaluateReadiness({
      objects,
      config: structuredClone(config),
      now: NOW,
    });
    expect(copied).toEqual(direct);
  });
});
