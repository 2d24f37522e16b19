import {
  eksWithKarpenter,
  kubePrometheusStack,
  productionClusterObjects,
  without,
  workload,
} from '../testing/clusters';
import { checkCluster } from '../testing/evaluateCluster';

/** A production cluster without its monitoring and logging pieces. */
function bareCluster() {
  return productionClusterObjects().filter(
    object =>
      !['monitoring', 'logging'].includes(
        String(object.metadata?.namespace ?? ''),
      ) &&
      !['Prometheus', 'Alertmanager', 'PrometheusRule'].includes(
        String(object.kind),
      ),
  );
}

describe('cluster-metrics', () => {
  it('passes on kube-prometheus, naming the Prometheus that runs', () => {
    const result = checkCluster('cluster-metrics', [
      ...eksWithKarpenter(),
      ...kubePrometheusStack(),
    ]);
    expect(result.status).toBe('pass');
    expect(result.message).toBe(
      'Metrics pipeline: prometheus-kube-prometheus-stack-prometheus (quay.io/prometheus/prometheus:v3.1.0) in namespace monitoring; kube-prometheus-stack-operator (quay.io/prometheus-operator/prometheus-operator:v0.79.2) in namespace monitoring; Prometheus monitoring/kube-prometheus-stack-prometheus.',
    );
  });

  it('passes on a vendor agent matched by its last two path segments', () => {
    const result = checkCluster('cluster-metrics', [
      workload('datadog', 'datadog-agent', 'gcr.io/datadoghq/agent:7.60.0', {
        kind: 'DaemonSet',
      }),
    ]);
    expect(result.status).toBe('pass');
    expect(result.message).toContain(
      'datadog-agent (gcr.io/datadoghq/agent:7.60.0)',
    );
  });

  it('passes on an OpenTelemetry Collector distribution (a glob on the last segment)', () => {
    expect(
      checkCluster('cluster-metrics', [
        workload(
          'otel',
          'collector',
          'otel/opentelemetry-collector-contrib:0.116.0',
        ),
      ]).status,
    ).toBe('pass');
  });

  it('fails without a pipeline, saying what it looked for', () => {
    const result = checkCluster('cluster-metrics', bareCluster());
    expect(result.status).toBe('fail');
    expect(result.message).toContain(
      'No metrics pipeline found: looked for a running workload with an image prometheus, prometheus-operator',
    );
    expect(result.message).toContain('an object of kind Prometheus');
  });

  it('does not count a Prometheus scaled to zero, nor an image that only ends like one', () => {
    const result = checkCluster('cluster-metrics', [
      workload(
        'monitoring',
        'prometheus',
        'quay.io/prometheus/prometheus:v3.1.0',
        {
          replicas: 0,
        },
      ),
      workload('tools', 'exporter', 'example.com/my-prometheus:1.0'),
      workload(
        'tools',
        'node-exporter',
        'quay.io/prometheus/node-exporter:v1.8.2',
      ),
    ]);
    expect(result.status).toBe('fail');
  });
});

describe('cluster-logging', () => {
  it('passes on a Fluent Bit DaemonSet', () => {
    const result = checkCluster('cluster-logging', productionClusterObjects());
    expect(result).toMatchObject({
      status: 'pass',
      message:
        'Log shipper: fluent-bit (cr.fluentbit.io/fluent/fluent-bit:3.2.4) in namespace logging.',
    });
  });

  it('fails when the shipper runs as a Deployment: logs are shipped from every node', () => {
    const result = checkCluster('cluster-logging', [
      ...bareCluster(),
      workload('logging', 'vector', 'timberio/vector:0.43.1-distroless-libc'),
    ]);
    expect(result.status).toBe('fail');
    expect(result.message).toContain(
      'looked for a DaemonSet with an image fluent-bit',
    );
  });
});

describe('cluster-alerting', () => {
  it('passes with Alertmanager and PrometheusRules', () => {
    const result = checkCluster('cluster-alerting', kubePrometheusStack());
    expect(result.status).toBe('pass');
    expect(result.message).toContain('3 PrometheusRules');
  });

  it('fails with Alertmanager but no PrometheusRule', () => {
    const result = checkCluster(
      'cluster-alerting',
      without(kubePrometheusStack(), 'PrometheusRule'),
    );
    expect(result.status).toBe('fail');
    expect(result.message).toContain('no PrometheusRule exists');
  });

  it('fails with rules but nothing to route them', () => {
    const objects = kubePrometheusStack().filter(
      object =>
        object.kind !== 'Alertmanager' &&
        !String(object.metadata?.name).startsWith('alertmanager'),
    );
    const result = checkCluster('cluster-alerting', objects);
    expect(result.status).toBe('fail');
    expect(result.message).toContain('No alert router found');
    expect(result.message).toContain(
      '3 PrometheusRules exist but nothing routes their alerts',
    );
  });
});
