import { define } from '../../checks/catalogue/define';

/** Observability: can the platform see and alert on what runs on it? */
export const PLATFORM_OBSERVABILITY_CHECKS = [
  define({
    id: 'cluster-metrics',
    category: 'observability',
    severity: 'high',
    target: 'cluster',
    title: 'A metrics pipeline runs in the cluster',
    rationale:
      'Without a metrics pipeline no service on the cluster can be watched: the workload check metrics-scraped has nothing to be scraped by, and capacity problems of the cluster itself show up as outages.',
    remediation:
      'Install a metrics pipeline: kube-prometheus-stack (Prometheus Operator), VictoriaMetrics, Grafana Alloy or an OpenTelemetry Collector, or a vendor agent (Datadog, New Relic). If metrics are collected from outside the cluster, declare it in platform.provided.cluster-metrics.',
    remediationSnippet: `helm repo add prometheus-community https://prometheus-community.github.io/helm-charts
helm install kube-prometheus-stack prometheus-community/kube-prometheus-stack \\
  --namespace monitoring --create-namespace`,
  }),
  define({
    id: 'cluster-logging',
    category: 'observability',
    severity: 'high',
    target: 'cluster',
    title: 'A DaemonSet ships container logs',
    rationale:
      'Container logs live on the node and vanish with the pod. Without an agent on every node shipping them away, the logs of a crashed pod or a drained node are gone exactly when they are needed.',
    remediation:
      'Run a log shipper as a DaemonSet on every node: Fluent Bit, Vector, Grafana Alloy, Promtail, Filebeat or an OpenTelemetry Collector. If logs are collected another way (a managed logging agent of the cloud provider), declare it in platform.provided.cluster-logging.',
    remediationSnippet: `helm repo add fluent https://fluent.github.io/helm-charts
helm install fluent-bit fluent/fluent-bit --namespace logging --create-namespace`,
  }),
  define({
    id: 'cluster-alerting',
    category: 'observability',
    severity: 'medium',
    target: 'cluster',
    title: 'Alerts are routed and alert rules exist',
    rationale:
      'Metrics nobody is paged about are found after the users found the problem. Alertmanager routes alerts to the on-call rotation, and PrometheusRules say what is worth waking someone for.',
    remediation:
      'Run Alertmanager (kube-prometheus-stack installs it) and create at least one PrometheusRule; the chart ships the default Kubernetes alert rules.',
    remediationSnippet: `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: node-down
  namespace: monitoring
spec:
  groups:
    - name: nodes
      rules:
        - alert: NodeNotReady
          expr: kube_node_status_condition{condition="Ready",status="true"} == 0
          for: 10m`,
  }),
];
