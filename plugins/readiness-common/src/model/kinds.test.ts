import {
  evaluateYaml,
  resultOf,
  WEB_DEPLOYMENT,
  workloadReport,
} from '../testing/manifests';
import { knownKindOf } from './kinds';

describe('kinds are matched by API group and kind', () => {
  it.each([
    ['networking.k8s.io/v1', 'NetworkPolicy', 'NetworkPolicy'],
    ['extensions/v1beta1', 'NetworkPolicy', 'NetworkPolicy'],
    ['projectcalico.org/v3', 'NetworkPolicy', undefined],
    ['crd.projectcalico.org/v1', 'NetworkPolicy', undefined],
    ['networking.k8s.io/v1', 'Ingress', 'Ingress'],
    ['extensions/v1beta1', 'Ingress', 'Ingress'],
    ['policy/v1', 'PodDisruptionBudget', 'PodDisruptionBudget'],
    ['policy/v1beta1', 'PodDisruptionBudget', 'PodDisruptionBudget'],
    ['autoscaling/v1', 'HorizontalPodAutoscaler', 'HorizontalPodAutoscaler'],
    ['autoscaling/v2', 'HorizontalPodAutoscaler', 'HorizontalPodAutoscaler'],
    ['monitoring.coreos.com/v1', 'PodMonitor', 'PodMonitor'],
    ['monitoring.gke.io/v1', 'PodMonitor', undefined],
    ['monitoring.coreos.com/v1', 'ServiceMonitor', 'ServiceMonitor'],
    ['velero.io/v1', 'Schedule', 'Schedule'],
    ['v1', 'Service', 'Service'],
    ['serving.knative.dev/v1', 'Service', undefined],
    ['v1', 'ConfigMap', 'ConfigMap'],
    ['v1', 'ServiceAccount', 'ServiceAccount'],
    ['v1', 'Namespace', 'Namespace'],
    [undefined, 'NetworkPolicy', undefined],
  ])('%s %s → %s', (apiVersion, kind, expected) => {
    expect(knownKindOf({ apiVersion, kind })).toBe(expected);
  });
});

describe('related objects of another API group are not consulted', () => {
  it('a Calico NetworkPolicy does not satisfy network-policy', () => {
    // Calico's own policy kind: a different API, with a string selector
    // and an order; it says nothing about Kubernetes NetworkPolicies.
    const calico = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: allow-frontend
  namespace: shop
spec:
  selector: app == 'web'
  order: 100
  types:
    - Ingress
  ingress:
    - action: Allow
      source:
        selector: role == 'frontend'
`;
    const report = evaluateYaml({
      'deploy/web.yaml': WEB_DEPLOYMENT,
      'deploy/calico.yaml': calico,
    });
    const web = workloadReport(report, 'Deployment', 'web');
    expect(resultOf(web, 'network-policy')).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('No NetworkPolicy in namespace shop'),
    });
  });

  it('a Kubernetes NetworkPolicy in the old extensions group still counts', () => {
    const legacy = `apiVersion: extensions/v1beta1
kind: NetworkPolicy
metadata:
  name: web-ingress
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: web
  ingress:
    - from:
        - podSelector:
            matchLabels:
              role: frontend
`;
    const report = evaluateYaml({
      'deploy/web.yaml': WEB_DEPLOYMENT,
      'deploy/netpol.yaml': legacy,
    });
    const web = workloadReport(report, 'Deployment', 'web');
    expect(resultOf(web, 'network-policy').status).toBe('pass');
  });

  it('a GKE managed-Prometheus PodMonitor does not satisfy metrics-scraped', () => {
    const unannotated = WEB_DEPLOYMENT.replace(
      '        prometheus.io/scrape: "true"\n',
      '        team: storefront\n',
    );
    const gke = `apiVersion: monitoring.gke.io/v1
kind: PodMonitoring
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels:
      app: web
  endpoints:
    - port: http
      interval: 30s
---
apiVersion: monitoring.gke.io/v1
kind: PodMonitor
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels:
      app: web
`;
    const withGke = evaluateYaml({
      'deploy/web.yaml': unannotated,
      'deploy/monitor.yaml': gke,
    });
    expect(
      resultOf(workloadReport(withGke, 'Deployment', 'web'), 'metrics-scraped')
        .status,
    ).toBe('fail');

    const withOperator = evaluateYaml({
      'deploy/web.yaml': unannotated,
      'deploy/monitor.yaml': gke.replace(
        /monitoring\.gke\.io\/v1\nkind: PodMonitor\n/,
        'monitoring.coreos.com/v1\nkind: PodMonitor\n',
      ),
    });
    expect(
      resultOf(
        workloadReport(withOperator, 'Deployment', 'web'),
        'metrics-scraped',
      ).status,
    ).toBe('pass');
  });

  it('a Knative Service is not a Service that selects pods', () => {
    const unannotated = WEB_DEPLOYMENT.replace(
      '        prometheus.io/scrape: "true"\n',
      '        team: storefront\n',
    );
    const objects = `apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: web
  namespace: shop
  labels:
    app: web
spec:
  selector:
    app: web
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels:
      app: web
  endpoints:
    - port: http
`;
    const report = evaluateYaml({
      'deploy/web.yaml': unannotated,
      'deploy/knative.yaml': objects,
    });
    expect(
      resultOf(workloadReport(report, 'Deployment', 'web'), 'metrics-scraped')
        .status,
    ).toBe('fail');
  });

  it('an HPA, PDB or Velero Schedule of another group is ignored', () => {
    const stateful = WEB_DEPLOYMENT.replace(
      '      containers:\n',
      '      volumes:\n        - name: data\n          persistentVolumeClaim:\n            claimName: web-data\n      containers:\n',
    );
    const lookalikes = `apiVersion: example.com/v1
kind: PodDisruptionBudget
metadata:
  name: web
  namespace: shop
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: web
---
apiVersion: example.com/v1
kind: HorizontalPodAutoscaler
metadata:
  name: web
  namespace: shop
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  minReplicas: 3
  maxReplicas: 9
---
apiVersion: batch.example.com/v1
kind: Schedule
metadata:
  name: nightly
  namespace: velero
spec:
  schedule: "0 1 * * *"
`;
    const report = evaluateYaml({
      'deploy/web.yaml': stateful,
      'deploy/lookalikes.yaml': lookalikes,
    });
    const web = workloadReport(report, 'Deployment', 'web');
    expect(resultOf(web, 'pdb').status).toBe('fail');
    expect(resultOf(web, 'autoscaling').status).toBe('fail');
    expect(resultOf(web, 'backup-schedule').status).toBe('fail');
  });
});
