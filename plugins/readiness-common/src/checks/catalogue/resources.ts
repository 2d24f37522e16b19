import { define } from './define';

/** Resources: can the scheduler place the pod and keep neighbours safe? */
export const RESOURCE_CHECKS = [
  define({
    id: 'cpu-requests',
    category: 'resources',
    severity: 'high',
    target: 'workload',
    title: 'Containers request CPU',
    rationale:
      'The scheduler places pods by their requests. A container without a CPU request is treated as needing nothing, so it lands on crowded nodes and gets starved under load exactly when it is needed most. Requests also drive autoscaling on utilisation.',
    remediation:
      'Set resources.requests.cpu on every app container (native sidecars included) to what it needs under normal load; measure it rather than guess.',
    remediationSnippet: `resources:
  requests:
    cpu: 250m`,
  }),
  define({
    id: 'memory-requests',
    category: 'resources',
    severity: 'high',
    target: 'workload',
    title: 'Containers request memory',
    rationale:
      'Without a memory request the scheduler may pack the pod onto a node that cannot hold it, and under memory pressure the kubelet evicts pods without requests first. The service then disappears during the busiest moments.',
    remediation:
      'Set resources.requests.memory on every app container (native sidecars included) to its steady-state working set.',
    remediationSnippet: `resources:
  requests:
    memory: 256Mi`,
  }),
  define({
    id: 'memory-limits',
    category: 'resources',
    severity: 'high',
    target: 'workload',
    title: 'Containers limit memory',
    rationale:
      "A memory leak in a container without a limit grows until the node runs out, and then the kernel kills whatever it picks, often other teams' pods. A limit confines the failure to the leaking container, which is restarted on its own.",
    remediation:
      'Set resources.limits.memory on every app container (native sidecars included), with headroom above the request for peaks.',
    remediationSnippet: `resources:
  requests:
    memory: 256Mi
  limits:
    memory: 512Mi`,
  }),
  define({
    id: 'cpu-limits',
    category: 'resources',
    severity: 'low',
    target: 'workload',
    title: 'Containers limit CPU',
    rationale:
      'A container without a CPU limit can take every spare cycle on its node, which makes the latency of its neighbours depend on its load. A limit keeps performance predictable and makes capacity planning honest.',
    remediation:
      'Set resources.limits.cpu on every app container (native sidecars included). If throttling hurts latency, set it generously rather than leave it out.',
    remediationSnippet: `resources:
  limits:
    cpu: "1"`,
  }),
];
