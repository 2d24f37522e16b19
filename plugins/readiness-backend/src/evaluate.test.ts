import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { performance } from 'node:perf_hooks';
import request from 'supertest';
import { readinessPlugin } from './plugin';
import { JSON_CONTENT_TYPES, YAML_CONTENT_TYPES } from './service/evaluateBody';
import { deploymentYaml, manyDeploymentsYaml } from './service/testManifests';
import { alphaServiceFactories } from './__testUtils__/alphaServices';

jest.setTimeout(120_000);

const MIB = 1024 * 1024;
const user = mockCredentials.user.header('user:default/maintainer');

const PDB = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: checkout, namespace: shop }
spec:
  maxUnavailable: 1
  selector: { matchLabels: { app.kubernetes.io/name: checkout } }
`;

/** A ConfigMap whose data nests `levels` mappings deep. */
function deeplyNested(levels: number): object {
  let value: object = { leaf: 'x' };
  for (let i = 1; i < levels; i++) value = { next: value };
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'deep', namespace: 'shop' },
    data: value,
  };
}

describe('POST /evaluate', () => {
  let server: any;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        readinessPlugin,
        ...alphaServiceFactories,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: {
            readiness: {
              schedule: {
                frequency: { hours: 1 },
                timeout: { minutes: 1 },
                initialDelay: { hours: 1 },
              },
              evaluate: {
                maxBodyBytes: 4 * MIB,
                fullReportMaxBytes: 64 * 1024,
                workers: 2,
                maxQueued: 2,
              },
            },
          },
        }),
      ],
    });
    server = backend.server;
  });

  const evaluate = (query = '') =>
    request(server)
      .post(`/api/readiness/evaluate${query}`)
      .set('Authorization', user);

  it('keeps /health answering within a second while large bodies are evaluated', async () => {
    const body = manyDeploymentsYaml(1.5 * MIB);
    let inFlight = 4;
    const evaluations = Array.from({ length: inFlight }, () =>
      evaluate('?detail=summary')
        .set('Content-Type', 'application/yaml')
        .send(body)
        .then(response => {
          inFlight--;
          return response;
        }),
    );

    const latencies: number[] = [];
    while (inFlight > 0) {
      const started = performance.now();
      const health = await request(server).get('/api/readiness/health');
      latencies.push(performance.now() - started);
      expect(health.status).toBe(200);
      await new Promise(resolve => setTimeout(resolve, 100));
    }

    const responses = await Promise.all(evaluations);
    expect(responses.map(response => response.status)).toEqual([
      200, 200, 200, 200,
    ]);
    expect(responses[0].body.workloads.length).toBeGreaterThan(1000);
    // The probes ran while the evaluations were in flight, not after them.
    expect(latencies.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...latencies)).toBeLessThan(1000);
  });

  it('answers 503 with Retry-After when every thread and the queue are busy', async () => {
    const body = manyDeploymentsYaml(0.5 * MIB);
    const responses = await Promise.all(
      Array.from({ length: 7 }, () =>
        evaluate('?detail=summary')
          .set('Content-Type', 'application/yaml')
          .send(body),
      ),
    );
    const refused = responses.filter(response => response.status === 503);
    const served = responses.filter(response => response.status === 200);
    expect(refused.length + served.length).toBe(7);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(served.length).toBeGreaterThanOrEqual(4);
    for (const response of refused) {
      expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(response.body.error.message).toMatch(
        /^Too many evaluations in progress \(2 running, 2 waiting\); retry in \d+ s$/,
      );
    }
  });

  it('answers 413 for a body over the limit, naming the limit', async () => {
    const response = await evaluate()
      .set('Content-Type', 'application/yaml')
      .send(manyDeploymentsYaml(4 * MIB + 1));
    expect(response.status).toBe(413);
    expect(response.body.error).toMatchObject({
      name: 'PayloadTooLargeError',
      message:
        'The request body is larger than the limit of 4 MiB (readiness.evaluate.maxBodyBytes); send fewer manifests per request',
    });
  });

  it('answers 413 for detail=full on a body over the full-report limit', async () => {
    const response = await evaluate('?detail=full')
      .set('Content-Type', 'application/yaml')
      .send(manyDeploymentsYaml(100 * 1024));
    expect(response.status).toBe(413);
    expect(response.body.error.message).toMatch(
      /^The full report is given for bodies up to 64 KiB \(readiness.evaluate.fullReportMaxBytes\)/,
    );
  });

  it('answers 415 for a content type it does not read', async () => {
    const xml = await evaluate()
      .set('Content-Type', 'application/xml')
      .send('<Deployment/>');
    expect(xml.status).toBe(415);
    expect(xml.body.error).toMatchObject({
      name: 'UnsupportedMediaTypeError',
      message: `Content-Type 'application/xml' is not supported; send one of ${[
        ...JSON_CONTENT_TYPES,
        ...YAML_CONTENT_TYPES,
      ].join(', ')}`,
    });

    const latin1 = await evaluate()
      .set('Content-Type', 'application/yaml; charset=iso-8859-1')
      .send(deploymentYaml('checkout'));
    expect(latin1.status).toBe(415);
    expect(latin1.body.error.message).toBe(
      "Charset 'iso-8859-1' is not supported; send UTF-8",
    );
  });

  it('applies the YAML nesting and document limits to JSON bodies', async () => {
    const deepJson = await evaluate()
      .set('Content-Type', 'application/json')
      .send({ manifests: [deeplyNested(70)] });
    expect(deepJson.status).toBe(400);
    expect(deepJson.body.error.message).toBe(
      'request body: manifests[0]: nesting is too deep: more than 64 levels of mappings and sequences',
    );

    const deepEntity = await evaluate()
      .set('Content-Type', 'application/json')
      .send({ manifests: [], entity: deeplyNested(70) });
    expect(deepEntity.status).toBe(400);
    expect(deepEntity.body.error.message).toMatch(
      /^request body: entity: nesting is too deep/,
    );

    const deepYaml = await evaluate()
      .set('Content-Type', 'application/yaml')
      .send(JSON.stringify(deeplyNested(70)));
    expect(deepYaml.status).toBe(400);
    expect(deepYaml.body.error.message).toMatch(/nesting is too deep/);

    const many = await evaluate()
      .set('Content-Type', 'application/json')
      .send({
        manifests: Array.from({ length: 10_001 }, (_, i) => ({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: `c${i}` },
        })),
      });
    expect(many.status).toBe(400);
    expect(many.body.error.message).toBe(
      'request body: too many manifests: 10001, more than the limit of 10000',
    );
  });

  it('says what is wrong with a JSON body', async () => {
    const unknown = await evaluate()
      .set('Content-Type', 'application/json')
      .send({ manifest: 'kind: Deployment' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe(
      "request body: unknown field 'manifest'; the fields are 'manifests' and 'entity'",
    );

    const broken = await evaluate()
      .set('Content-Type', 'application/json')
      .send('{"manifests": [\n{"kind" "Deployment"}]}');
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toBe(
      "request body:2: invalid JSON: Expected ':' after property name",
    );

    const secret = await evaluate()
      .set('Content-Type', 'application/json')
      .send('{"manifests": [], "token": ghp_notquoted}');
    expect(secret.status).toBe(400);
    expect(secret.body.error.message).toBe(
      'request body: invalid JSON: unexpected token',
    );
  });

  it('returns the compact report by default', async () => {
    const response = await evaluate()
      .set('Content-Type', 'application/yaml')
      .send(`${deploymentYaml('checkout')}---\n${PDB}`);
    expect(response.status).toBe(200);
    const { body } = response;
    expect(body.detail).toBe('compact');
    expect(body.summary.counts.pass).toBeGreaterThan(0);
    const [workload] = body.workloads;
    expect(workload).toMatchObject({
      kind: 'Deployment',
      namespace: 'shop',
      name: 'checkout',
      file: 'request body',
    });
    expect(workload.passed).toEqual(
      expect.arrayContaining(['readiness-probe', 'pdb', 'image-tag']),
    );
    expect(workload.skipped).toContain('backup-schedule');
    const statuses = workload.results.map((result: any) => result.status);
    expect(statuses).not.toContain('pass');
    expect(statuses).not.toContain('skip');
    const liveness = workload.results.find(
      (result: any) => result.check === 'liveness-probe',
    );
    expect(liveness).toMatchObject({
      status: 'fail',
      severity: 'high',
      findings: [
        expect.objectContaining({
          path: 'spec.template.spec.containers[0].livenessProbe',
        }),
      ],
    });
    const total = Object.values(workload.counts as Record<string, number>);
    expect(total.reduce((a, b) => a + b, 0)).toBe(
      workload.results.length +
        workload.passed.length +
        workload.skipped.length,
    );
  });

  it('returns the full or the summary report when asked', async () => {
    const full = await evaluate('?detail=full')
      .set('Content-Type', 'application/yaml')
      .send(deploymentYaml('checkout'));
    expect(full.status).toBe(200);
    expect(full.body.detail).toBeUndefined();
    const readiness = full.body.workloads[0].results.find(
      (result: any) => result.check === 'readiness-probe',
    );
    expect(readiness.status).toBe('pass');

    const summary = await evaluate('?detail=summary')
      .set('Content-Type', 'application/yaml')
      .send(deploymentYaml('checkout'));
    expect(summary.body.detail).toBe('summary');
    expect(summary.body.workloads[0].results).toBeUndefined();
    expect(summary.body.workloads[0].failing).toEqual(
      expect.arrayContaining(['liveness-probe', 'pdb']),
    );

    const invalid = await evaluate('?detail=everything')
      .set('Content-Type', 'application/yaml')
      .send(deploymentYaml('checkout'));
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toBe(
      'Invalid query parameter detail: expected summary or compact or full',
    );
  });

  it('refuses callers without credentials before reading the body', async () => {
    const response = await request(server)
      .post('/api/readiness/evaluate')
      .set('Authorization', 'Bearer mock-none-token')
      .set('Content-Type', 'application/yaml')
      .send(deploymentYaml('checkout'));
    expect(response.status).toBe(401);
  });

  it('documents the content types, detail levels and statuses it answers', async () => {
    const response = await request(server)
      .get('/api/readiness/openapi.json')
      .set('Authorization', user);
    const operation = response.body.paths['/api/readiness/evaluate'].post;
    expect(Object.keys(operation.requestBody.content).sort()).toEqual(
      [...JSON_CONTENT_TYPES, ...YAML_CONTENT_TYPES].sort(),
    );
    expect(operation.parameters[0].schema.enum).toEqual([
      'compact',
      'summary',
      'full',
    ]);
    expect(Object.keys(operation.responses)).toEqual(
      expect.arrayContaining(['200', '400', '413', '415', '503']),
    );
  });
});
