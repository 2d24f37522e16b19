import {
  evaluateYaml,
  resultOf,
  WEB_DEPLOYMENT,
  workloadReport,
} from '../testing/manifests';

const hpa = (
  minReplicas: number,
  maxReplicas: number,
) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
  namespace: shop
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: ${minReplicas}
  maxReplicas: ${maxReplicas}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target: { type: Utilization, averageUtilization: 70 }
`;

describe('findings about another object point at that object', () => {
  it('autoscaling and replicas point at the HPA’s minReplicas', () => {
    const report = evaluateYaml({
      'deploy/web.yaml': WEB_DEPLOYMENT,
      'deploy/hpa.yaml': hpa(1, 5),
    });
    const web = workloadReport(report, 'Deployment', 'web');
    const hpaRef = {
      kind: 'HorizontalPodAutoscaler',
      namespace: 'shop',
      name: 'web',
      file: 'deploy/hpa.yaml',
      line: 1,
    };
    expect(resultOf(web, 'autoscaling').findings).toEqual([
      expect.objectContaining({ path: 'spec.minReplicas', object: hpaRef }),
    ]);
    expect(resultOf(web, 'replicas').findings).toEqual([
      expect.objectContaining({ path: 'spec.minReplicas', object: hpaRef }),
    ]);
  });

  it('autoscaling points at the HPA’s maxReplicas when it leaves no room', () => {
    const report = evaluateYaml({
      'deploy/web.yaml': WEB_DEPLOYMENT,
      'deploy/hpa.yaml': hpa(3, 3),
    });
    expect(
      resultOf(workloadReport(report, 'Deployment', 'web'), 'autoscaling')
        .findings,
    ).toEqual([
      expect.objectContaining({
        path: 'spec.maxReplicas',
        object: expect.objectContaining({ file: 'deploy/hpa.yaml' }),
      }),
    ]);
  });

  it('spec.replicas stays a finding on the workload itself', () => {
    const report = evaluateYaml({
      'deploy/web.yaml': WEB_DEPLOYMENT.replace('replicas: 3', 'replicas: 1'),
    });
    const [finding] =
      resultOf(workloadReport(report, 'Deployment', 'web'), 'replicas')
        .findings ?? [];
    expect(finding.path).toBe('spec.replicas');
    expect(finding.object).toBeUndefined();
  });

  it('service-account-token points at the ServiceAccount that mounts its token', () => {
    const unset = WEB_DEPLOYMENT.replace(
      '      automountServiceAccountToken: false\n',
      '',
    );
    const account = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
  namespace: shop
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/shop-web
`;
    const report = evaluateYaml({
      'deploy/web.yaml': unset,
      'deploy/rbac.yaml': account,
    });
    expect(
      resultOf(
        workloadReport(report, 'Deployment', 'web'),
        'service-account-token',
      ),
    ).toMatchObject({
      status: 'fail',
      findings: [
        {
          path: 'automountServiceAccountToken',
          object: {
            kind: 'ServiceAccount',
            namespace: 'shop',
            name: 'web',
            file: 'deploy/rbac.yaml',
          },
        },
      ],
    });

    // Without the ServiceAccount among the inputs, the fix is on the pod.
    const alone = evaluateYaml({ 'deploy/web.yaml': unset });
    const [finding] =
      resultOf(
        workloadReport(alone, 'Deployment', 'web'),
        'service-account-token',
      ).findings ?? [];
    expect(finding).toEqual({
      path: 'spec.template.spec.automountServiceAccountToken',
      message: expect.any(String),
    });
  });

  it('network-policy points at the selecting policies that do not govern Ingress', () => {
    const egressOnly = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-egress
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes: [Egress]
`;
    const report = evaluateYaml({
      'deploy/web.yaml': WEB_DEPLOYMENT,
      'deploy/netpol.yaml': egressOnly,
    });
    expect(
      resultOf(workloadReport(report, 'Deployment', 'web'), 'network-policy')
        .findings,
    ).toEqual([
      expect.objectContaining({
        path: 'spec.policyTypes',
        object: expect.objectContaining({
          kind: 'NetworkPolicy',
          name: 'web-egress',
          file: 'deploy/netpol.yaml',
        }),
      }),
    ]);
  });
});

describe('objects named by generateName only', () => {
  // Two migration Jobs as a deploy pipeline creates them with
  // `kubectl create -f`: no name, a prefix the API server completes.
  const jobs = `apiVersion: batch/v1
kind: Job
metadata:
  generateName: migrate-
  namespace: shop
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: ghcr.io/acme/web-migrations:2.3.1
---
apiVersion: batch/v1
kind: Job
metadata:
  generateName: migrate-
  namespace: shop
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: ghcr.io/acme/web-migrations:latest
`;

  it('are shown as <generateName>*, each with its own file and line', () => {
    const report = evaluateYaml({ 'deploy/migrate.yaml': jobs });
    expect(
      report.workloads.map(({ kind, namespace, name, file, line }) => ({
        kind,
        namespace,
        name,
        file,
        line,
      })),
    ).toEqual([
      {
        kind: 'Job',
        namespace: 'shop',
        name: 'migrate-*',
        file: 'deploy/migrate.yaml',
        line: 1,
      },
      {
        kind: 'Job',
        namespace: 'shop',
        name: 'migrate-*',
        file: 'deploy/migrate.yaml',
        line: 14,
      },
    ]);
    // Each keeps its own verdicts.
    expect(report.workloads.map(w => resultOf(w, 'image-tag').status)).toEqual([
      'pass',
      'fail',
    ]);
  });

  it('keep a real name when they have one', () => {
    const named = jobs.replace(
      '  generateName: migrate-\n',
      '  name: migrate-2024-06\n  generateName: migrate-\n',
    );
    const report = evaluateYaml({ 'deploy/migrate.yaml': named });
    expect(report.workloads.map(w => w.name)).toEqual([
      'migrate-2024-06',
      'migrate-*',
    ]);
  });
});
