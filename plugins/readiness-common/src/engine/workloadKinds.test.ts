import {
  evaluateYaml,
  resultOf,
  statuses,
  workloadReport,
} from '../testing/manifests';

// An OpenShift DeploymentConfig as `oc new-app` writes them: a plain-map
// selector, triggers, and its pod template at spec.template.
const deploymentConfig = (strategy: string) => `apiVersion: apps.openshift.io/v1
kind: DeploymentConfig
metadata:
  name: orders
  namespace: shop
spec:
  replicas: 2
  revisionHistoryLimit: 5
  selector:
    app: orders
    deploymentconfig: orders
  strategy:
    type: ${strategy}
  triggers:
    - type: ConfigChange
    - type: ImageChange
      imageChangeParams:
        automatic: true
        containerNames: [orders]
        from:
          kind: ImageStreamTag
          name: orders:1.8.0
  template:
    metadata:
      labels:
        app: orders
        deploymentconfig: orders
    spec:
      containers:
        - name: orders
          image: image-registry.openshift-image-registry.svc:5000/shop/orders:1.8.0
          ports:
            - containerPort: 8080
          resources:
            requests: { cpu: 200m, memory: 512Mi }
            limits: { memory: 512Mi }
`;

const replicationController = `apiVersion: v1
kind: ReplicationController
metadata:
  name: legacy-cache
  namespace: shop
spec:
  replicas: 1
  selector:
    app: legacy-cache
  template:
    metadata:
      labels:
        app: legacy-cache
    spec:
      containers:
        - name: memcached
          image: memcached:1.6.29
          ports:
            - containerPort: 11211
`;

describe('OpenShift DeploymentConfig', () => {
  it('is evaluated as a long-running, replicated workload', () => {
    const report = evaluateYaml({
      'openshift/orders.yaml': deploymentConfig('Rolling'),
    });
    const orders = workloadReport(report, 'DeploymentConfig', 'orders');
    expect(orders).toMatchObject({
      namespace: 'shop',
      file: 'openshift/orders.yaml',
      line: 1,
    });
    expect(statuses(orders)).toMatchObject({
      'readiness-probe': 'fail',
      'memory-limits': 'pass',
      'cpu-limits': 'fail',
      replicas: 'pass',
      pdb: 'fail',
      'rolling-update': 'pass',
      'rollback-history': 'pass',
      'priority-class': 'fail',
      'metrics-scraped': 'fail',
      // Autoscaling is asked of Deployments, StatefulSets and Rollouts only.
      autoscaling: 'skip',
      'controller-managed': 'skip',
    });
    expect(resultOf(orders, 'readiness-probe').findings).toEqual([
      expect.objectContaining({
        path: 'spec.template.spec.containers[0].readinessProbe',
        container: 'orders',
      }),
    ]);
  });

  it('fails rolling-update on the Recreate strategy only', () => {
    const recreate = workloadReport(
      evaluateYaml({ 'dc.yaml': deploymentConfig('Recreate') }),
      'DeploymentConfig',
      'orders',
    );
    expect(resultOf(recreate, 'rolling-update')).toMatchObject({
      status: 'fail',
      findings: [expect.objectContaining({ path: 'spec.strategy.type' })],
    });
    const custom = workloadReport(
      evaluateYaml({ 'dc.yaml': deploymentConfig('Custom') }),
      'DeploymentConfig',
      'orders',
    );
    expect(resultOf(custom, 'rolling-update').status).toBe('pass');
  });

  it('fails rollback-history when no revision is kept', () => {
    const report = evaluateYaml({
      'dc.yaml': deploymentConfig('Rolling').replace(
        'revisionHistoryLimit: 5',
        'revisionHistoryLimit: 0',
      ),
    });
    expect(
      resultOf(
        workloadReport(report, 'DeploymentConfig', 'orders'),
        'rollback-history',
      ).status,
    ).toBe('fail');
  });

  it('leaves the ReplicationControllers it owns to it', () => {
    const owned = `apiVersion: v1
kind: ReplicationController
metadata:
  name: orders-7
  namespace: shop
  ownerReferences:
    - apiVersion: apps.openshift.io/v1
      kind: DeploymentConfig
      name: orders
      uid: 5c1b2f1e-1111-4a3b-9c55-0b7c0e1f2a3d
      controller: true
      blockOwnerDeletion: true
spec:
  replicas: 2
  template:
    metadata:
      labels: { app: orders }
    spec:
      containers:
        - name: orders
          image: image-registry.openshift-image-registry.svc:5000/shop/orders:1.8.0
`;
    const report = evaluateYaml({
      'dc.yaml': deploymentConfig('Rolling'),
      'rc.yaml': owned,
    });
    expect(report.workloads.map(w => `${w.kind}/${w.name}`)).toEqual([
      'DeploymentConfig/orders',
    ]);
  });

  it('is matched by its API group', () => {
    const report = evaluateYaml({
      'dc.yaml': deploymentConfig('Rolling').replace(
        'apps.openshift.io/v1',
        'apps.example.com/v1',
      ),
    });
    expect(report.workloads).toEqual([]);
  });
});

describe('ReplicationController', () => {
  it('is a long-running, replicated workload with no update strategy or history', () => {
    const report = evaluateYaml({ 'legacy/cache.yaml': replicationController });
    const cache = workloadReport(
      report,
      'ReplicationController',
      'legacy-cache',
    );
    expect(statuses(cache)).toMatchObject({
      'readiness-probe': 'fail',
      'liveness-probe': 'fail',
      replicas: 'fail',
      pdb: 'fail',
      'priority-class': 'fail',
      'metrics-scraped': 'fail',
      'rolling-update': 'skip',
      'rollback-history': 'skip',
      autoscaling: 'skip',
      // It is a controller: it replaces its pods.
      'controller-managed': 'skip',
    });
    expect(resultOf(cache, 'replicas').message).toContain('Runs 1 replica');
  });

  it('is scaled by an HPA that targets it', () => {
    const hpa = `apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata:
  name: legacy-cache
  namespace: shop
spec:
  scaleTargetRef:
    apiVersion: v1
    kind: ReplicationController
    name: legacy-cache
  minReplicas: 3
  maxReplicas: 6
  targetCPUUtilizationPercentage: 70
`;
    const report = evaluateYaml({
      'legacy/cache.yaml': replicationController,
      'legacy/hpa.yaml': hpa,
    });
    expect(
      resultOf(
        workloadReport(report, 'ReplicationController', 'legacy-cache'),
        'replicas',
      ),
    ).toMatchObject({
      status: 'pass',
      message: expect.stringContaining('HorizontalPodAutoscaler/legacy-cache'),
    });
  });
});
