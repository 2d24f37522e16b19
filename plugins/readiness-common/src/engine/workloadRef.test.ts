import { CHECK_DEFINITIONS } from '../checks/definitions';
import {
  evaluateYaml,
  resultOf,
  statuses,
  WEB_DEPLOYMENT,
  workloadReport,
} from '../testing/manifests';

// Migrating a Deployment to Argo Rollouts without copying its template:
// the Rollout points at the Deployment, which is scaled to zero.
const rollout = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
  revisionHistoryLimit: 3
  selector:
    matchLabels:
      app: web
  workloadRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
    scaleDown: onsuccess
  strategy:
    canary:
      steps:
        - setWeight: 20
        - pause: { duration: 10m }
`;

const TEMPLATE_FREE = [
  'replicas',
  'autoscaling',
  'rolling-update',
  'rollback-history',
  'controller-managed',
  'image-registry',
];

describe('an Argo Rollout with spec.workloadRef', () => {
  it('takes its pod template from the referenced Deployment', () => {
    const deployment = WEB_DEPLOYMENT.replace(
      'replicas: 3',
      'replicas: 0',
    ).replace(
      '          readinessProbe:\n            httpGet: { path: /ready, port: http }\n',
      '',
    );
    const report = evaluateYaml({
      'deploy/rollout.yaml': rollout,
      'deploy/deployment.yaml': deployment,
    });
    const web = workloadReport(report, 'Rollout', 'web');
    // The Deployment holds the Rollout's template at zero replicas: it is
    // part of the Rollout, not a workload failing `replicas` of its own.
    expect(report.workloads.map(w => `${w.kind}/${w.name}`)).toEqual([
      'Rollout/web',
    ]);
    expect(statuses(web)).toMatchObject({
      'liveness-probe': 'pass',
      'cpu-requests': 'pass',
      'run-as-non-root': 'pass',
      'seccomp-profile': 'pass',
      'image-tag': 'pass',
      'priority-class': 'pass',
      'pod-spread': 'pass',
      'metrics-scraped': 'pass',
      replicas: 'pass',
      'rollback-history': 'pass',
    });
    // A finding in the template points at the Deployment and its file.
    expect(resultOf(web, 'readiness-probe')).toMatchObject({
      status: 'fail',
      findings: [
        {
          path: 'spec.template.spec.containers[0].readinessProbe',
          container: 'web',
          object: {
            kind: 'Deployment',
            namespace: 'shop',
            name: 'web',
            file: 'deploy/deployment.yaml',
            line: 1,
          },
        },
      ],
    });
  });

  it('finds the referenced object in its own namespace only', () => {
    const elsewhere = WEB_DEPLOYMENT.replace(
      'namespace: shop',
      'namespace: staging',
    );
    const report = evaluateYaml({
      'deploy/rollout.yaml': rollout,
      'deploy/deployment.yaml': elsewhere,
    });
    expect(
      resultOf(workloadReport(report, 'Rollout', 'web'), 'readiness-probe')
        .status,
    ).toBe('error');
    // A Deployment of that name elsewhere is a workload of its own.
    expect(workloadReport(report, 'Deployment', 'web').namespace).toBe(
      'staging',
    );
  });

  it('is an error, never a skip or a pass, for every check that needs the template when the Deployment is not among the inputs', () => {
    const report = evaluateYaml({ 'deploy/rollout.yaml': rollout });
    const web = workloadReport(report, 'Rollout', 'web');
    const workloadChecks = CHECK_DEFINITIONS.filter(
      definition => definition.target === 'workload',
    ).map(definition => definition.id);
    const errored = workloadChecks.filter(
      id => resultOf(web, id).status === 'error',
    );
    expect(errored).toEqual(
      workloadChecks.filter(id => !TEMPLATE_FREE.includes(id)),
    );
    expect(new Set(errored.map(id => resultOf(web, id).message))).toEqual(
      new Set([
        'The pod template is in Deployment/web, which is not among the inputs (spec.workloadRef).',
      ]),
    );
    expect(resultOf(web, 'replicas').status).toBe('pass');
    expect(resultOf(web, 'rollback-history').status).toBe('pass');
    // What could not be verified is not certified: the critical checks in
    // error hold the level at none, while the score counts only verdicts.
    expect(web.level).toBe('none');
    expect(report.summary.level).toBe('none');
    expect(report.summary.productionReady).toBe(false);
    expect(report.summary.counts.error).toBeGreaterThan(20);
  });
});

describe('a pod template without containers', () => {
  it('is an error for every container-level check', () => {
    const empty = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: placeholder
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: { app: placeholder }
  template:
    metadata:
      labels: { app: placeholder }
    spec:
      containers: []
`;
    const report = evaluateYaml({ 'deploy/placeholder.yaml': empty });
    const placeholder = workloadReport(report, 'Deployment', 'placeholder');
    const byStatus = statuses(placeholder);
    for (const id of [
      'readiness-probe',
      'liveness-probe',
      'probes-distinct',
      'probe-port-declared',
      'cpu-requests',
      'memory-limits',
      'run-as-non-root',
      'no-privileged',
      'seccomp-profile',
      'no-host-port',
      'image-tag',
      'no-secrets-in-env',
    ]) {
      expect([id, byStatus[id]]).toEqual([id, 'error']);
    }
    // Pod-level checks still have something to judge.
    expect(byStatus['no-host-namespaces']).toBe('pass');
    expect(byStatus.pdb).toBe('fail');
    expect(placeholder.level).toBe('none');
  });
});
