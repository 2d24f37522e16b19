import { define } from '../../checks/catalogue/define';

/** Delivery: do changes reach the cluster reproducibly, and are services ready? */
export const PLATFORM_DELIVERY_CHECKS = [
  define({
    id: 'gitops-delivery',
    category: 'delivery',
    severity: 'medium',
    target: 'cluster',
    title: 'Changes are delivered by a GitOps controller',
    rationale:
      'With kubectl apply from laptops and CI jobs, nobody knows what runs nor how to rebuild it. A GitOps controller makes Git the record of the cluster, reverts drift, and can rebuild a lost cluster.',
    remediation:
      'Install Argo CD or Flux and point it at the repository of the cluster.',
    remediationSnippet: `flux bootstrap github --owner=<org> --repository=<repo> \\
  --path=clusters/<cluster>`,
  }),
  define({
    id: 'workloads-ready',
    category: 'delivery',
    severity: 'medium',
    target: 'cluster',
    title: 'Most application workloads reach the gate level',
    rationale:
      'A platform is there to run services well. When most of the workloads on it fail the gate, the cause is usually the platform: missing defaults, templates or guidance.',
    remediation:
      'Look at the workloads below the gate level in the readiness overview and fix what they have in common, for example in the golden-path template.',
    remediationSnippet: `readiness check --min-level silver deploy/`,
  }),
];
