import { define } from './define';

/** Observability: can the team see what the service is doing? */
export const OBSERVABILITY_CHECKS = [
  define({
    id: 'metrics-scraped',
    category: 'observability',
    severity: 'medium',
    target: 'workload',
    title: 'Metrics are scraped',
    rationale:
      'Without metrics, problems are found by users instead of alerts, and debugging means opening a shell in production. Scraped metrics feed the dashboards and alerts that tell you something is wrong before it becomes an incident.',
    remediation:
      'Expose a metrics endpoint and have Prometheus scrape it: a PodMonitor or ServiceMonitor selecting the pods (or their Service), or the prometheus.io/scrape annotation on the pod template.',
    remediationSnippet: `apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  podMetricsEndpoints:
    - port: metrics`,
  }),
];
