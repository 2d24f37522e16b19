/**
 * The demo's custom checks (readiness.customChecks in app-config.yaml, and
 * the TypeScript check of modules/readinessChecks) on the Acme Freight
 * examples, as examples/README.md describes them: which pass, which fail
 * where, and that the levels of its table still hold; and its campaign
 * (readiness.campaigns), which fails where its comment says.
 */
import {
  CheckResult,
  evaluateReadiness,
  parseReadinessConfig,
} from '@prodready/backstage-plugin-readiness-common';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { exampleEntity, readExamples } from './__testUtils__/examples';
import { memoryBurstRatioCheck } from './modules/readinessChecks/memoryBurstRatio';

const ROOT = path.resolve(__dirname, '../../..');

const appConfig = yaml.parse(
  fs.readFileSync(path.join(ROOT, 'app-config.yaml'), 'utf8'),
);
const config = parseReadinessConfig(appConfig.readiness, {
  keyPrefix: 'readiness',
  checks: [memoryBurstRatioCheck],
});

// What the demo's directory source holds for every entity: Velero
// schedules and cluster-wide objects.
const SHARED = [
  ...readExamples('manifests/velero'),
  ...readExamples('manifests/cluster'),
];

/**
 * Each component, its manifests, and its level in examples/README.md. The
 * backend scores a component's manifests in Git together with its live
 * workloads: notification-service has both.
 */
const COMPONENTS: Array<[string, string[], string]> = [
  ['shipment-service', ['manifests/shipments'], 'gold'],
  ['payment-gateway', ['manifests/payments'], 'gold'],
  ['shipment-documents', ['manifests/documents'], 'silver'],
  ['rate-quote', ['components/deploy/rate-quote'], 'silver'],
  [
    'notification-service',
    ['manifests/notifications', 'components/deploy/notification-service'],
    'bronze',
  ],
  ['customer-portal', [], 'bronze'],
  ['legacy-invoicing', ['manifests/invoicing'], 'none'],
];

const CUSTOM = [
  'production-system',
  'payments-three-replicas',
  'named-ports',
  'memory-burst-ratio',
];

const reports = new Map(
  COMPONENTS.map(([name, folders]) => [
    name,
    evaluateReadiness({
      objects: folders.length
        ? [...folders.flatMap(folder => readExamples(folder)), ...SHARED]
        : [],
      entity: exampleEntity(name),
      config,
      now: new Date(),
    }),
  ]),
);

/** `subject check status` for every custom result of a component. */
function customResults(name: string): string[] {
  const report = reports.get(name)!;
  const lines: string[] = [];
  const add = (subject: string, results: CheckResult[]) => {
    for (const result of results) {
      if (CUSTOM.includes(result.check)) {
        lines.push(`${subject} ${result.check} ${result.status}`);
      }
    }
  };
  for (const workload of report.workloads) {
    add(`${workload.kind}/${workload.name}`, workload.results);
  }
  if (report.entity) add('entity', report.entity.results);
  return lines;
}

describe("the demo's custom checks on the Acme Freight examples", () => {
  it('are in the configuration, with the TypeScript one after them', () => {
    expect(config.catalogue.customChecks.map(c => c.definition.id)).toEqual(
      CUSTOM,
    );
  });

  it.each(COMPONENTS)(
    '%s keeps the level examples/README.md gives it',
    (name, _folders, level) => {
      expect(reports.get(name)!.summary.level).toBe(level);
    },
  );

  it('pass everywhere but payments-three-replicas on rate-quote and legacy-invoicing', () => {
    const failing = COMPONENTS.flatMap(([name]) =>
      customResults(name)
        .filter(line => / (fail|error)$/.test(line))
        .map(line => `${name}: ${line}`),
    );
    expect(failing).toEqual([
      'rate-quote: Deployment/rate-quote payments-three-replicas fail',
      'legacy-invoicing: Deployment/legacy-invoicing payments-three-replicas fail',
    ]);
  });

  it('judge what examples/README.md says they judge', () => {
    expect(customResults('payment-gateway')).toEqual(
      expect.arrayContaining([
        // Its HorizontalPodAutoscaler keeps three replicas.
        'Deployment/payment-gateway payments-three-replicas pass',
        'Deployment/payment-gateway named-ports pass',
        'Deployment/payment-gateway memory-burst-ratio pass',
        'entity production-system pass',
      ]),
    );
    // Not a payments namespace: the check does not apply.
    expect(customResults('shipment-service')).toContain(
      'Deployment/shipment-service payments-three-replicas skip',
    );
    // Experimental, not production.
    expect(customResults('rate-quote')).toContain(
      'entity production-system skip',
    );
    expect(customResults('customer-portal')).toEqual([
      'entity production-system pass',
    ]);
  });

  it("explains rate-quote's failure with the replicas it runs and the remediation", () => {
    const [workload] = reports.get('rate-quote')!.workloads;
    const result = workload.results.find(
      r => r.check === 'payments-three-replicas',
    );
    expect(result).toMatchObject({
      severity: 'medium',
      message:
        'Runs 2 replica(s), and no HorizontalPodAutoscaler keeps three: the payments team runs at least three, so that a zone can fail during a deploy.',
    });
    expect(
      config.catalogue.get('payments-three-replicas')?.remediation,
    ).toMatch(/^Set `spec.replicas: 3`, or add a HorizontalPodAutoscaler/);
  });
});

describe('the demo campaign on the Acme Freight examples', () => {
  const [campaign] = appConfig.readiness.campaigns;

  it('is running, over the production components of both systems', () => {
    expect(campaign).toMatchObject({
      id: 'pdb-everywhere',
      checks: ['pdb'],
      target: {
        systems: ['freight-platform', 'billing'],
        kinds: ['Component'],
        lifecycles: ['production'],
      },
    });
    expect(campaign.startDate < '2026-12-06').toBe(true);
    expect(campaign.dueDate).toBe('2027-01-31');
  });

  it('fails on notification-service and legacy-invoicing only, as its comment says', () => {
    const inScope = COMPONENTS.map(([name]) => name).filter(
      name => exampleEntity(name).spec?.lifecycle === 'production',
    );
    const failing = inScope.filter(name =>
      reports
        .get(name)!
        .workloads.some(workload =>
          workload.results.some(
            r => campaign.checks.includes(r.check) && r.status === 'fail',
          ),
        ),
    );
    expect(inScope).toHaveLength(6);
    expect(failing).toEqual(['notification-service', 'legacy-invoicing']);
  });
});
