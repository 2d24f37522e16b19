import { define } from '../../checks/catalogue/define';

/** Scaling: can workloads and the cluster grow with the load? */
export const PLATFORM_SCALING_CHECKS = [
  define({
    id: 'metrics-api',
    category: 'scaling',
    severity: 'medium',
    target: 'cluster',
    title: 'The resource metrics API is available',
    rationale:
      'HorizontalPodAutoscalers read CPU and memory from the metrics API. Without it every HPA is stuck at its current size, and the autoscaling workload check passes on autoscalers that do nothing.',
    remediation:
      'Install metrics-server (managed clusters usually have it; check it is Available).',
    remediationSnippet: `helm repo add metrics-server https://kubernetes-sigs.github.io/metrics-server/
helm install metrics-server metrics-server/metrics-server --namespace kube-system`,
  }),
  define({
    id: 'node-autoscaling',
    category: 'scaling',
    severity: 'low',
    target: 'cluster',
    title: 'Nodes are added and removed with demand',
    rationale:
      'Without node autoscaling, pods scaled out by an HPA stay Pending when the nodes are full, and idle nodes cost money at night.',
    remediation:
      'Run the cluster-autoscaler or Karpenter; if the provider scales nodes outside the cluster (GKE Autopilot, node pool autoscaling), declare it in platform.provided.node-autoscaling.',
    remediationSnippet: `helm repo add autoscaler https://kubernetes.github.io/autoscaler
helm install cluster-autoscaler autoscaler/cluster-autoscaler \\
  --namespace kube-system --set autoDiscovery.clusterName=<cluster>`,
  }),
];
