/**
 * A service's `kubernetes` folder shaped like the golden path's skeleton: a
 * base whose kustomization names every object (one in a subfolder), and a
 * production overlay that patches the Deployment. Paths are relative,
 * '/'-separated.
 */
export const KUSTOMIZE_TREE: Record<string, string> = {
  'base/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - namespace.yaml
  - serviceaccount.yaml
  - deployment.yaml
  - service.yaml
  - pdb.yaml
  - backup/velero-schedule.yaml
configurations:
  - kustomizeconfig.yaml
`,
  'base/namespace.yaml': `apiVersion: v1
kind: Namespace
metadata: { name: checkout }
`,
  'base/serviceaccount.yaml': `apiVersion: v1
kind: ServiceAccount
metadata: { name: checkout, namespace: checkout }
automountServiceAccountToken: false
`,
  'base/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  namespace: checkout
  labels: { app.kubernetes.io/name: checkout, backstage.io/kubernetes-id: checkout }
spec:
  replicas: 2
  selector: { matchLabels: { app.kubernetes.io/name: checkout } }
  template:
    metadata:
      labels: { app.kubernetes.io/name: checkout }
    spec:
      serviceAccountName: checkout
      containers:
        - name: app
          image: ghcr.io/acme/checkout:1.0.0
          readinessProbe: { httpGet: { path: /ready, port: 8080 } }
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { memory: 256Mi }
`,
  'base/service.yaml': `apiVersion: v1
kind: Service
metadata: { name: checkout, namespace: checkout }
spec:
  selector: { app.kubernetes.io/name: checkout }
  ports: [{ port: 80, targetPort: 8080 }]
`,
  'base/pdb.yaml': `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: checkout, namespace: checkout }
spec:
  maxUnavailable: 1
  selector: { matchLabels: { app.kubernetes.io/name: checkout } }
`,
  'base/backup/velero-schedule.yaml': `apiVersion: velero.io/v1
kind: Schedule
metadata: { name: checkout-nightly, namespace: velero }
spec:
  schedule: '0 2 * * *'
  template: { includedNamespaces: [checkout] }
`,
  // Kustomize configuration, named by 'configurations': not a resource.
  'base/kustomizeconfig.yaml': `nameReference:
  - kind: ServiceAccount
    fieldSpecs:
      - path: spec/template/spec/serviceAccountName
        kind: Deployment
`,
  'overlays/prod/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../base
images:
  - name: ghcr.io/acme/checkout
    newTag: 1.4.2
patches:
  - path: replicas.yaml
    target: { kind: Deployment, name: checkout }
patchesStrategicMerge:
  - memory.yaml
`,
  // Patches: partial Deployments, never workloads of their own.
  'overlays/prod/replicas.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: { name: checkout, namespace: checkout }
spec:
  replicas: 4
`,
  'overlays/prod/memory.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: { name: checkout-canary, namespace: checkout }
spec:
  template:
    spec:
      containers:
        - name: app
          resources: { limits: { memory: 512Mi } }
`,
};

/** The files the backend evaluates in that tree. */
export const KUSTOMIZE_TREE_EVALUATED = [
  'base/backup/velero-schedule.yaml',
  'base/deployment.yaml',
  'base/namespace.yaml',
  'base/pdb.yaml',
  'base/service.yaml',
  'base/serviceaccount.yaml',
];
