import { define } from './define';

/** Availability: does the service stay up through failures and maintenance? */
export const AVAILABILITY_CHECKS = [
  define({
    id: 'replicas',
    category: 'availability',
    severity: 'high',
    target: 'workload',
    title: 'Runs enough replicas',
    rationale:
      'A single replica means every node drain, rollout or crash is an outage. With several replicas one can fail or be replaced while the others keep serving.',
    remediation:
      'Set spec.replicas to at least the configured minimum (2 by default), or let a HorizontalPodAutoscaler manage the count with minReplicas at or above it.',
    remediationSnippet: `spec:
  replicas: 2`,
  }),
  define({
    id: 'pdb',
    category: 'availability',
    severity: 'high',
    target: 'workload',
    title: 'A PodDisruptionBudget protects the pods',
    rationale:
      'Node upgrades and cluster autoscaling evict pods on purpose. Without a PodDisruptionBudget nothing stops them from evicting every replica at once, so planned maintenance turns into an outage. A budget keeps at least one instance available during planned disruption.',
    remediation:
      'Create a PodDisruptionBudget in the same namespace whose selector matches the pod template labels.',
    remediationSnippet: `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: web`,
  }),
  define({
    id: 'pdb-allows-eviction',
    category: 'availability',
    severity: 'medium',
    target: 'workload',
    title: 'The PodDisruptionBudget allows evictions',
    rationale:
      'A budget that never allows an eviction (maxUnavailable 0, or a minAvailable as large as the replica count) blocks node drains entirely. Cluster upgrades stall until someone deletes the budget by hand, which removes the protection it was meant to give. Percentages are rounded up as Kubernetes rounds them: minAvailable 67% of 3 replicas is 3 pods, so it allows no eviction.',
    remediation:
      'Allow at least one pod to be evicted: use maxUnavailable of 1 (or a percentage above 0), or a minAvailable that stays below the replica count once rounded up (for 3 replicas, 66% or 2).',
    remediationSnippet: `spec:
  maxUnavailable: 1`,
  }),
  define({
    id: 'pod-spread',
    category: 'availability',
    severity: 'medium',
    target: 'workload',
    title: 'Replicas are spread across failure domains',
    rationale:
      'Replicas only protect against failures they do not share. If the scheduler puts them all on one node or in one zone, losing that node or zone takes every replica down together.',
    remediation:
      'Add a topologySpreadConstraints entry (by node and/or zone) or a podAntiAffinity rule to the pod spec.',
    remediationSnippet: `topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        app: web`,
  }),
  define({
    id: 'autoscaling',
    category: 'availability',
    severity: 'low',
    target: 'workload',
    title: 'A HorizontalPodAutoscaler scales the workload',
    rationale:
      'Traffic changes faster than people can edit replica counts. An autoscaler with room between its minimum and maximum absorbs peaks, and a minimum of at least two keeps redundancy when load is low.',
    remediation:
      'Add a HorizontalPodAutoscaler targeting the workload with minReplicas of at least 2 and maxReplicas above minReplicas.',
    remediationSnippet: `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70`,
  }),
  define({
    id: 'rolling-update',
    category: 'availability',
    severity: 'medium',
    target: 'workload',
    title: 'Updates roll out gradually',
    rationale:
      'The Recreate strategy (Deployment, OpenShift DeploymentConfig) stops every old pod before starting new ones, so every deploy is a planned outage. OnDelete (StatefulSet, DaemonSet) never updates pods at all until someone deletes them, so a release silently does not reach production.',
    remediation:
      'Use the rolling strategy (the default): RollingUpdate for Deployments, StatefulSets and DaemonSets, Rolling for DeploymentConfigs, so new pods become ready before old ones go away.',
    remediationSnippet: `spec:
  strategy:          # Deployment
    type: RollingUpdate
  # strategy:        # DeploymentConfig
  #   type: Rolling
  # updateStrategy:  # StatefulSet, DaemonSet
  #   type: RollingUpdate`,
  }),
  define({
    id: 'priority-class',
    category: 'availability',
    severity: 'low',
    target: 'workload',
    title: 'Pods have a priority class',
    rationale:
      'When a cluster runs short of capacity the scheduler preempts lower-priority pods first. Without a priority class a production service competes on equal terms with batch jobs and experiments, and may be the one that gets evicted.',
    remediation:
      'Set priorityClassName on the pod spec to the class your platform defines for production services.',
    remediationSnippet: `spec:
  template:
    spec:
      priorityClassName: production`,
  }),
  define({
    id: 'controller-managed',
    category: 'availability',
    severity: 'high',
    target: 'workload',
    title: 'Pods are managed by a controller',
    rationale:
      'A bare Pod is not recreated when its node fails, and a bare ReplicaSet cannot roll out a new version. Both need manual work to recover or to change, which is exactly what a controller is there to do.',
    remediation:
      'Run the pods through a Deployment (or a StatefulSet, DaemonSet or Job, depending on the workload).',
    remediationSnippet: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: registry.example.com/web:1.4.2`,
  }),
];
