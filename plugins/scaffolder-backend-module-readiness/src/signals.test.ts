/**
 * Signals that page someone, as the template generates them: Prometheus
 * scrapes every pod through a PodMonitor, burn-rate alerts on the service's
 * own request metrics link the runbook, and a public service gets an
 * Ingress with TLS that only the ingress controller may reach.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  allResults,
  evaluateRendered,
  objectsOfKind,
  readEntity,
  renderTemplate,
  STATEFUL,
  STATELESS,
} from './__testUtils__/goldenPathTemplate';

const PUBLIC = {
  ...STATELESS,
  exposure: 'public',
  host: 'tracking.acme-freight.example',
  certIssuer: 'acme-issuer',
};

/** Burn-rate pairs: (long window, short window, burn rate), by severity. */
const BURN_RATES = {
  page: [
    ['1h', '5m', 14.4],
    ['6h', '30m', 6],
  ],
  ticket: [
    ['1d', '2h', 3],
    ['3d', '6h', 1],
  ],
};

describe.each([
  ['stateless', STATELESS],
  ['stateful', STATEFUL],
])('the signals of a %s service', (_variant, chosen) => {
  let root: string;
  let podTemplate: any;

  beforeAll(async () => {
    root = await renderTemplate(chosen);
    const [workload] = [
      ...objectsOfKind(root, 'Deployment'),
      ...objectsOfKind(root, 'StatefulSet'),
    ];
    podTemplate = workload.spec.template;
  });

  it('are scraped through a PodMonitor, on a metrics port of their own', () => {
    const [podMonitor] = objectsOfKind(root, 'PodMonitor');
    expect(podMonitor.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(podMonitor.metadata.namespace).toBe(chosen.name);
    expect(podTemplate.metadata.labels).toMatchObject(
      podMonitor.spec.selector.matchLabels,
    );
    const [endpoint] = podMonitor.spec.podMetricsEndpoints;
    expect(endpoint).toMatchObject({ port: 'metrics', path: '/metrics' });

    const ports = podTemplate.spec.containers[0].ports;
    const metricsPort = ports.find((p: any) => p.name === 'metrics');
    const [config] = objectsOfKind(root, 'ConfigMap').filter(c =>
      c.metadata.name.endsWith('-config'),
    );
    expect(config.data.METRICS_PORT).toBe(String(metricsPort.containerPort));
    // No Service points at the metrics port.
    for (const service of objectsOfKind(root, 'Service')) {
      for (const port of service.spec.ports) {
        expect(port.targetPort).toBe('http');
      }
    }
    // One way to be scraped, not two: no annotation-based scraping as well.
    expect(podTemplate.metadata.annotations ?? {}).not.toHaveProperty(
      'prometheus.io/scrape',
    );
    const scraped = allResults(evaluateRendered(root)).find(
      r => r.check === 'metrics-scraped',
    );
    expect(scraped?.status).toBe('pass');
  });

  it('page on a fast error-budget burn and open a ticket on a slow one, over two windows each', () => {
    const [rule] = objectsOfKind(root, 'PrometheusRule');
    const rules = rule.spec.groups.flatMap((group: any) => group.rules);
    const recorded = new Map<string, string>(
      rules.filter((r: any) => r.record).map((r: any) => [r.record, r.expr]),
    );

    // Availability from the service's own request counter (src/metrics.ts),
    // without the probes.
    const metricsSource = fs.readFileSync(
      path.join(root, 'src/metrics.ts'),
      'utf8',
    );
    expect(metricsSource).toContain('http_requests_total');
    for (const expr of recorded.values()) {
      expect(expr).toContain(`http_requests_total{namespace="${chosen.name}"`);
      expect(expr).toContain('route!~"/healthz|/ready"');
    }

    const alerts = rules.filter((r: any) => r.alert === 'ErrorBudgetBurn');
    for (const [severity, pairs] of Object.entries(BURN_RATES)) {
      const alert = alerts.find((a: any) => a.labels.severity === severity);
      expect(alert).toBeDefined();
      for (const [long, short, rate] of pairs) {
        for (const window of [long, short]) {
          const series = `namespace:http_request_errors:ratio_rate${window}`;
          expect(recorded.has(series)).toBe(true);
          expect(alert.expr).toContain(
            `${series}{namespace="${chosen.name}"} > (${rate} * 0.001)`,
          );
        }
      }
    }
  });

  it('link every alert to the runbook and to the on-call rotation', () => {
    const [rule] = objectsOfKind(root, 'PrometheusRule');
    const alerts = rule.spec.groups
      .flatMap((group: any) => group.rules)
      .filter((r: any) => r.alert);
    const runbook = readEntity(root).metadata.links.find(
      (link: any) => link.type === 'runbook',
    );
    expect(alerts.map((a: any) => a.alert)).toEqual(
      expect.arrayContaining(['ErrorBudgetBurn', 'NoPodUp']),
    );
    for (const alert of alerts) {
      expect(alert.annotations.runbook_url).toBe(runbook.url);
      expect(alert.labels.oncall).toBe(chosen.onCall);
      expect(['page', 'ticket']).toContain(alert.labels.severity);
    }
  });

  it('has no Ingress while internal, and lets no ingress controller in', () => {
    expect(objectsOfKind(root, 'Ingress')).toEqual([]);
    const text = JSON.stringify(objectsOfKind(root, 'NetworkPolicy'));
    expect(text).not.toContain('ingress-nginx');
  });
});

describe('a public service', () => {
  let root: string;

  beforeAll(async () => {
    root = await renderTemplate(PUBLIC);
  });

  it('gets an Ingress with TLS for its host, the certificate from the chosen issuer', () => {
    const [ingress] = objectsOfKind(root, 'Ingress');
    expect(ingress.metadata.annotations).toEqual({
      'cert-manager.io/cluster-issuer': 'acme-issuer',
    });
    expect(ingress.spec.tls).toEqual([
      { hosts: [PUBLIC.host], secretName: `${STATELESS.name}-tls` },
    ]);
    const [rule] = ingress.spec.rules;
    expect(rule.host).toBe(PUBLIC.host);
    const backend = rule.http.paths[0].backend.service;
    const service = objectsOfKind(root, 'Service').find(
      s => s.metadata.name === backend.name,
    );
    expect(service.spec.ports.map((p: any) => p.name)).toContain(
      backend.port.name,
    );

    const report = evaluateRendered(root);
    expect(report.summary).toMatchObject({ score: 100, level: 'gold' });
    expect(
      allResults(report).find(r => r.check === 'ingress-tls')?.status,
    ).toBe('pass');
  });

  it('lets the ingress controller reach the http port, and only that', () => {
    const policies = objectsOfKind(root, 'NetworkPolicy');
    const fromController = policies.flatMap((policy: any) =>
      (policy.spec.ingress ?? []).filter((rule: any) =>
        JSON.stringify(rule.from).includes('ingress-nginx'),
      ),
    );
    expect(fromController).toHaveLength(1);
    expect(fromController[0].ports).toEqual([
      { protocol: 'TCP', port: 'http' },
    ]);
  });
});
