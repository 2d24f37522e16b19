import { define } from './define';

/** Health: does Kubernetes know when a pod can serve and when it is stuck? */
export const HEALTH_CHECKS = [
  define({
    id: 'readiness-probe',
    category: 'health',
    severity: 'critical',
    target: 'workload',
    title: 'Containers declare a readiness probe',
    rationale:
      'Without a readiness probe a pod receives traffic the moment its process starts, long before it can answer. During every rollout and restart users see errors while caches warm up and connections open. A readiness probe that exercises real work keeps traffic away until the pod can actually serve it.',
    remediation:
      "Add a readinessProbe to every app container, native sidecars included (init containers with restartPolicy: Always, which serve for the pod's whole life). Point it at an endpoint that proves the service can do its job (for example that it reached its database), not merely that the process is alive.",
    remediationSnippet: `containers:
  - name: app
    readinessProbe:
      httpGet:
        path: /ready
        port: http
      periodSeconds: 5
      failureThreshold: 3`,
  }),
  define({
    id: 'liveness-probe',
    category: 'health',
    severity: 'high',
    target: 'workload',
    title: 'Containers declare a liveness probe',
    rationale:
      'A process can deadlock or wedge while still running. Without a liveness probe Kubernetes keeps such a pod around forever and someone has to notice and delete it by hand. A liveness probe lets the platform restart what cannot recover by itself.',
    remediation:
      'Add a livenessProbe to every app container (native sidecars included) that checks the process is responsive. Keep it cheap and independent of downstream dependencies so a slow database does not restart every pod at once.',
    remediationSnippet: `containers:
  - name: app
    livenessProbe:
      httpGet:
        path: /healthz
        port: http
      initialDelaySeconds: 10
      periodSeconds: 10`,
  }),
  define({
    id: 'probes-distinct',
    category: 'health',
    severity: 'medium',
    target: 'workload',
    title: 'Liveness and readiness probes differ',
    rationale:
      'When the liveness probe is a copy of the readiness probe, a dependency outage that should only take pods out of rotation makes Kubernetes restart them too. Restarts then pile on top of the outage and turn a degraded service into a down one.',
    remediation:
      'Make the liveness probe check only that the process itself is healthy, and let the readiness probe check whether it can serve (dependencies included). Use different endpoints or at least different thresholds.',
    remediationSnippet: `livenessProbe:
  httpGet:
    path: /healthz   # process is responsive
    port: http
readinessProbe:
  httpGet:
    path: /ready     # dependencies reachable, ready for traffic
    port: http`,
  }),
  define({
    id: 'probe-port-declared',
    category: 'health',
    severity: 'low',
    target: 'workload',
    title: 'Probes target a declared container port',
    rationale:
      'A probe pointing at a port name the container does not declare never succeeds, and a probe on an undeclared number usually means the port changed and the probe did not. Either way the pod is restarted or never becomes ready, and the cause is easy to miss in review.',
    remediation:
      "Declare the port in the container's ports list and reference it by name from the probe, so renaming or renumbering the port keeps the probe in step.",
    remediationSnippet: `ports:
  - name: http
    containerPort: 8080
readinessProbe:
  httpGet:
    path: /ready
    port: http`,
  }),
];
