/**
 * The examples of docs/custom-checks.md are copied by platform teams as
 * they are: they must load, and pass and fail where the text says.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { parseReadinessConfig } from '../config';
import { evaluateReadiness } from '../engine/evaluate';
import { entity, NOW } from '../testing/fixtures';
import { readYaml, resultOf } from '../testing/manifests';
import { ReadinessReport } from '../types';

const DOC = path.resolve(__dirname, '../../../../docs/custom-checks.md');

/** Every custom check of the YAML blocks of a section of the doc. */
function examplesIn(section: string): unknown[] {
  const text = fs.readFileSync(DOC, 'utf8');
  const start = text.indexOf(`\n## ${section}\n`);
  const end = text.indexOf('\n## ', start + 1);
  const body = text.slice(start, end === -1 ? undefined : end);
  const checks: unknown[] = [];
  for (const [, block] of body.matchAll(/```yaml\n([\s\S]*?)```/g)) {
    const parsed = parse(block);
    checks.push(
      ...(parsed.customChecks ?? parsed.readiness?.customChecks ?? []),
    );
  }
  return checks;
}

function cluster(options: {
  team: boolean;
  image: string;
  ingressClass: string;
  hpa: boolean;
}): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: payments
  labels: { domain: payments }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: payments-api, namespace: payments }
spec:
  replicas: 2
  selector: { matchLabels: { app: payments-api } }
  template:
    metadata:
      labels: { app: payments-api${options.team ? ', team: payments' : ''} }
    spec:
      containers:
        - name: api
          image: ${options.image}
---
apiVersion: v1
kind: Service
metadata: { name: payments-api, namespace: payments }
spec:
  selector: { app: payments-api }
  ports: [{ name: http, port: 80 }]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: payments-api, namespace: payments }
spec:
  ingressClassName: ${options.ingressClass}
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend: { service: { name: payments-api, port: { number: 80 } } }
${
  options.hpa
    ? `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: payments-api, namespace: payments }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: payments-api }
  minReplicas: 3
  maxReplicas: 9
`
    : ''
}`;
}

function customResults(report: ReadinessReport, ids: string[]) {
  const subjects = [...report.workloads, ...report.objects, report.entity!];
  const found: Record<string, [string, string]> = {};
  for (const subject of subjects) {
    for (const result of subject.results) {
      if (ids.includes(result.check)) {
        found[result.check] = [result.status, result.message];
      }
    }
  }
  return found;
}

describe('the examples of docs/custom-checks.md', () => {
  const examples = examplesIn('Examples');
  const config = parseReadinessConfig({ customChecks: examples });
  const ids = config.customChecks.map(check => check.id);

  it('are five, and load', () => {
    expect(ids).toEqual([
      'team-label',
      'base-image',
      'ingress-class',
      'payments-replicas',
      'cost-centre',
    ]);
    expect(() =>
      parseReadinessConfig({ customChecks: examplesIn('Where they go') }),
    ).not.toThrow();
  });

  it('pass on a service that follows the conventions', () => {
    const report = evaluateReadiness({
      objects: readYaml(
        cluster({
          team: true,
          image: 'registry.acme.example/base/python:3.12',
          ingressClass: 'acme-nginx',
          hpa: true,
        }),
      ),
      entity: entity({
        name: 'payments-api',
        annotations: {
          'backstage.io/kubernetes-id': 'payments-api',
          'acme.example/cost-centre': 'cc-4711',
        },
      }),
      config,
      now: NOW,
    });
    expect(
      Object.values(customResults(report, ids)).map(([status]) => status),
    ).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
  });

  it('fail, with their messages, on one that does not', () => {
    const report = evaluateReadiness({
      objects: readYaml(
        cluster({
          team: false,
          image: 'docker.io/library/python:3.12',
          ingressClass: 'nginx',
          hpa: false,
        }),
      ),
      entity: entity({
        name: 'payments-api',
        annotations: { 'backstage.io/kubernetes-id': 'payments-api' },
      }),
      config,
      now: NOW,
    });
    expect(customResults(report, ids)).toEqual({
      'team-label': ['fail', 'the pods are labelled app, but not team'],
      'base-image': [
        'fail',
        'image docker.io/library/python:3.12 is not built on a platform base image',
      ],
      'ingress-class': ['fail', 'ingressClassName is nginx, not acme-nginx'],
      'payments-replicas': [
        'fail',
        'runs 2 replicas; payments needs 3 (or an HPA with minReplicas 3)',
      ],
      'cost-centre': [
        'fail',
        'Add the acme.example/cost-centre annotation to catalog-info.yaml.',
      ],
    });
    const api = report.workloads[0];
    expect(resultOf(api, 'base-image').findings?.[0].path).toBe(
      'spec.template.spec.containers[0]',
    );
  });
});
