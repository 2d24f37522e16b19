import { define } from '../../checks/catalogue/define';

/** Operations: does the cluster survive the loss of a node, and is it maintained? */
export const PLATFORM_OPERATIONS_CHECKS = [
  define({
    id: 'dns-redundancy',
    category: 'operations',
    severity: 'high',
    target: 'cluster',
    title: 'Cluster DNS runs at least two replicas',
    rationale:
      'Every service call starts with a DNS lookup. A single DNS pod makes every node drain or DNS crash an outage of the whole cluster.',
    remediation:
      'Scale the coredns (or kube-dns) Deployment in kube-system to at least 2 replicas, or run its autoscaler.',
    remediationSnippet: `kubectl -n kube-system scale deployment coredns --replicas=2`,
  }),
  define({
    id: 'node-redundancy',
    category: 'operations',
    severity: 'high',
    target: 'cluster',
    title: 'At least three schedulable nodes, across zones',
    rationale:
      'With fewer than three nodes, draining one for an upgrade leaves no room for its pods; with all nodes in one zone, one zone outage takes down every replica.',
    remediation:
      'Run at least 3 schedulable nodes, spread over at least 2 zones (labelled topology.kubernetes.io/zone).',
    remediationSnippet: `eksctl scale nodegroup --cluster <cluster> --name <group> --nodes 3
# or: gcloud container clusters update <cluster> --node-locations=<zone-a>,<zone-b>,<zone-c>`,
  }),
  define({
    id: 'kubernetes-version',
    category: 'operations',
    severity: 'high',
    target: 'cluster',
    title: 'Kubernetes is a supported minor release',
    rationale:
      'The Kubernetes project supports the three newest minor releases. An older cluster gets no security fixes, and the longer it waits the more versions one upgrade must cross.',
    remediation:
      'Upgrade the control plane and nodes one minor release at a time until the version is one of the three newest.',
    remediationSnippet: `kubeadm upgrade plan
# managed: eksctl upgrade cluster --name <cluster> --approve
#          gcloud container clusters upgrade <cluster> --master --cluster-version <version>`,
  }),
];
