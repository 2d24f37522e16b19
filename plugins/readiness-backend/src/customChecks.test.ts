/**
 * Custom checks in the portal: from `readiness.customChecks` (CEL) and from
 * a backend module (TypeScript), served where the built-in checks are.
 * Every request and response is checked against the OpenAPI spec.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  customCheckDefinition,
  ReadinessCheck,
} from '@prodready/backstage-plugin-readiness-common';
import { readinessChecksExtensionPoint } from '@prodready/backstage-plugin-readiness-node';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { specCheckedServer } from './__testUtils__/specCheckedServer';
import { readinessPlugin } from './plugin';
import { alphaServiceFactories } from './__testUtils__/alphaServices';

jest.setTimeout(60_000);

const user = mockCredentials.user.header('user:default/maintainer');

const ORDERS: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'orders',
    annotations: { 'backstage.io/kubernetes-id': 'orders' },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

/** The shop namespace names its team; the orders pods do not. */
const MANIFESTS = `
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: { acme.example/team: checkout }
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
  namespace: shop
  labels: { backstage.io/kubernetes-id: orders }
spec:
  replicas: 3
  selector: { matchLabels: { app: orders } }
  template:
    metadata:
      labels: { app: orders, backstage.io/kubernetes-id: orders }
    spec:
      containers:
        - name: app
          image: registry.example/orders:1.0.0
        - name: proxy
          image: docker.io/envoyproxy/envoy:v1.31.0
`;

const TEAM_LABEL = {
  id: 'team-label',
  title: 'Pods carry a team label',
  category: 'ownership',
  severity: 'medium',
  scope: 'workload',
  rule: "has(podTemplate.metadata.labels) && 'team' in podTemplate.metadata.labels",
  message: 'Pods need a team label so that alerts reach the owner.',
  remediation: 'Add `team: <your-team>` to `spec.template.metadata.labels`.',
  docsUrl: 'https://wiki.acme.example/platform/labels',
};

const NAMESPACE_TEAM = {
  id: 'namespace-team',
  title: 'The namespace names its team',
  category: 'ownership',
  severity: 'low',
  scope: 'workload',
  rule: "has(namespaceObject.metadata.labels) && 'acme.example/team' in namespaceObject.metadata.labels",
  message: 'The namespace has no acme.example/team label.',
};

/** A check written in TypeScript: every image from the company registry. */
const ownRegistry: ReadinessCheck = {
  definition: customCheckDefinition({
    id: 'own-registry',
    title: 'Images come from registry.example',
    category: 'supply-chain',
    severity: 'high',
    scope: 'container',
  }),
  evaluate: ({ container }) =>
    String(container?.image).startsWith('registry.example/')
      ? { status: 'pass', message: 'From registry.example.' }
      : { status: 'fail', message: `${container?.image} is not ours.` },
};

function checksModule(...checks: ReadinessCheck[]) {
  return createBackendModule({
    pluginId: 'readiness',
    moduleId: 'test-checks',
    register(env) {
      env.registerInit({
        deps: { extension: readinessChecksExtensionPoint },
        async init({ extension }) {
          extension.addChecks(...checks);
        },
      });
    },
  });
}

function startBackend(readiness: object, ...checks: ReadinessCheck[]) {
  return startTestBackend({
    features: [
      readinessPlugin,
      ...alphaServiceFactories,
      checksModule(...checks),
      catalogServiceMock.factory({ entities: [ORDERS] }),
      mockServices.rootConfig.factory({
        data: {
          readiness: {
            // Cycles run only when a test asks for one.
            schedule: {
              frequency: { trigger: 'manual' },
              timeout: { minutes: 1 },
            },
            ...readiness,
          },
        },
      }),
    ],
  });
}

const resultOf = (results: any[], check: string) =>
  results.find(result => result.check === check);

describe('custom checks in the portal', () => {
  let folder: string;
  let checked: http.Server;

  beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-custom-'));
    fs.writeFileSync(path.join(folder, 'shop.yaml'), MANIFESTS);
    const backend = await startBackend(
      {
        sources: [{ type: 'directory', name: 'test', path: folder }],
        customChecks: [TEAM_LABEL, NAMESPACE_TEAM],
      },
      ownRegistry,
    );
    checked = await specCheckedServer(backend.server);
    const refreshed = await request(checked)
      .post('/entities/component/default/orders/refresh')
      .set('Authorization', user);
    if (refreshed.status !== 200) throw new Error(refreshed.text);
  });

  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('lists them in GET /checks after the built-in checks, with what describes them', async () => {
    const response = await request(checked)
      .get('/checks')
      .set('Authorization', user);
    expect(response.status).toBe(200);
    const ids: string[] = response.body.items.map((item: any) => item.id);
    expect(ids.slice(-3)).toEqual([
      'team-label',
      'namespace-team',
      'own-registry',
    ]);
    expect(ids).toContain('readiness-probe');
    expect(resultOf(response.body.items.map(asCheck), 'team-label')).toEqual({
      check: 'team-label',
      id: 'team-label',
      title: 'Pods carry a team label',
      category: 'ownership',
      severity: 'medium',
      target: 'workload',
      scope: 'workload',
      origin: 'custom',
      rationale: '',
      remediation: TEAM_LABEL.remediation,
      remediationSnippet: '',
      docsAnchor: 'team-label',
      docsUrl: TEAM_LABEL.docsUrl,
    });
    expect(
      response.body.items.find((item: any) => item.id === 'own-registry'),
    ).toMatchObject({ origin: 'custom', scope: 'container' });
  });

  it('scores them in the scorecard, and the level counts them', async () => {
    const response = await request(checked)
      .get('/entities/component/default/orders')
      .set('Authorization', user);
    expect(response.status).toBe(200);
    const [workload] = response.body.report.workloads;
    expect(resultOf(workload.results, 'team-label')).toMatchObject({
      status: 'fail',
      severity: 'medium',
      message: TEAM_LABEL.message,
    });
    // The Namespace is read with the workload, so its labels are there.
    expect(resultOf(workload.results, 'namespace-team').status).toBe('pass');
    const registry = resultOf(workload.results, 'own-registry');
    expect(registry).toMatchObject({
      status: 'fail',
      severity: 'high',
      message: 'docker.io/envoyproxy/envoy:v1.31.0 is not ours.',
    });
    expect(registry.findings.map((finding: any) => finding.path)).toContain(
      'spec.template.spec.containers[1]',
    );
    // A high failure: bronze at best, whatever the built-in checks say.
    expect(['bronze', 'none']).toContain(response.body.level);
  });

  it('counts them among the failing checks of the overview', async () => {
    const response = await request(checked)
      .get('/overview/checks')
      .set('Authorization', user);
    expect(response.status).toBe(200);
    expect(
      response.body.items.filter((item: any) =>
        ['team-label', 'namespace-team', 'own-registry'].includes(item.check),
      ),
    ).toEqual(
      expect.arrayContaining([
        {
          check: 'team-label',
          title: 'Pods carry a team label',
          category: 'ownership',
          severity: 'medium',
          failingEntities: 1,
        },
        {
          check: 'own-registry',
          title: 'Images come from registry.example',
          category: 'supply-chain',
          severity: 'high',
          failingEntities: 1,
        },
      ]),
    );
    expect(
      response.body.items.some((item: any) => item.check === 'namespace-team'),
    ).toBe(false);
  });

  it('runs the configured ones in POST /evaluate, and says the module ones are not run there', async () => {
    const response = await request(checked)
      .post('/evaluate?detail=full')
      .set('Authorization', user)
      .send({ manifests: MANIFESTS });
    expect(response.status).toBe(200);
    const [workload] = response.body.workloads;
    expect(resultOf(workload.results, 'team-label').status).toBe('fail');
    expect(resultOf(workload.results, 'namespace-team').status).toBe('pass');
    expect(resultOf(workload.results, 'own-registry')).toBeUndefined();
    expect(response.body.warnings).toContain(
      "Checks added by backend modules are not run by POST /evaluate, only in the portal's scorecards: own-registry",
    );
  });
});

/** A definition as a result-like record, to find it by id. */
function asCheck(item: any) {
  return { check: item.id, ...item };
}

describe('invalid custom checks', () => {
  it('stop start-up, naming the key and the CEL position', async () => {
    await expect(
      startBackend({
        customChecks: [
          TEAM_LABEL,
          { ...NAMESPACE_TEAM, rule: 'podspec.containers.size() > 0' },
        ],
      }),
    ).rejects.toThrow(
      "readiness.customChecks[1].rule: undeclared reference to 'podspec' (line 1, col 1), did you mean podSpec?",
    );
  });

  it('stop start-up when a module check takes the id of a configured one', async () => {
    const taken: ReadinessCheck = {
      ...ownRegistry,
      definition: { ...ownRegistry.definition, id: 'team-label' },
    };
    await expect(
      startBackend({ customChecks: [TEAM_LABEL] }, taken),
    ).rejects.toThrow(
      /module check checks\[0\] \(team-label\): definition\.id: "team-label" is also the id of readiness\.customChecks\[0\]/,
    );
  });
});
