import { define } from '../../checks/catalogue/define';

/** Tenancy: can one team's workloads starve the others? */
export const PLATFORM_TENANCY_CHECKS = [
  define({
    id: 'namespace-quotas',
    category: 'tenancy',
    severity: 'medium',
    target: 'cluster',
    title: 'Every application namespace has a ResourceQuota and a LimitRange',
    rationale:
      "Without a quota one namespace's runaway deployment takes the whole cluster's capacity; without a LimitRange a container without requests gets none and is scheduled anywhere.",
    remediation:
      'Create a ResourceQuota and a LimitRange in each application namespace (a namespace template or a policy engine can add them to new namespaces).',
    remediationSnippet: `apiVersion: v1
kind: ResourceQuota
metadata:
  name: quota
  namespace: shop
spec:
  hard:
    requests.cpu: "20"
    requests.memory: 64Gi
---
apiVersion: v1
kind: LimitRange
metadata:
  name: defaults
  namespace: shop
spec:
  limits:
    - type: Container
      defaultRequest: { cpu: 100m, memory: 128Mi }
      default: { memory: 512Mi }`,
  }),
];
