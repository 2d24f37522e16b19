/**
 * The webhook end to end over HTTPS: real AdmissionReview bodies, the
 * informer cache filled by list+watch from the fake API server, and the
 * evaluation in worker threads.
 */
import { writeFileSync } from 'node:fs';
import { generateCertificates } from '@prodready/fake-kube-apiserver';
import {
  call,
  eventually,
  Harness,
  startHarness,
} from './__testUtils__/harness';
import {
  admissionReview,
  namespaceObject,
  typicalDeployment,
  typicalPdb,
  typicalRelatedObjects,
} from './__testUtils__/fixtures';

const APP_CONFIG = `
app:
  title: Portal
readiness:
  exemptions:
    - match:
        namespaces: [legacy-*]
        kinds: [Deployment]
      checks: [pdb]
      reason: The legacy platform drains nodes by hand
`;

// Worker threads compile the engine from source at start: seconds on a busy machine.
jest.setTimeout(30_000);

describe('readiness admission webhook over HTTPS', () => {
  let harness: Harness;

  /**
   * The typical Deployment of a service deployed without its PDB (its other
   * objects are in the cluster): fails `pdb` (high) alone, so bronze.
   */
  const withoutPdb = (namespace: string, name: string) =>
    typicalDeployment(namespace, name);
  const servicesWithoutPdb = [
    ['staging', 'web'],
    ['audited', 'web'],
    ['mixed', 'api'],
    ['shop', 'batch'],
    ['legacy-billing', 'web'],
  ];

  beforeAll(async () => {
    harness = await startHarness({
      appConfig: APP_CONFIG,
      certificateCheckMs: 100,
      objects: [
        namespaceObject('shop', { 'prodready.dev/enforce': 'silver' }),
        namespaceObject('staging', { 'prodready.dev/warn': 'silver' }),
        namespaceObject('audited', { 'prodready.dev/audit': 'silver' }),
        namespaceObject('mixed', {
          'prodready.dev/enforce': 'silver',
          'prodready.dev/audit': 'gold',
        }),
        namespaceObject('legacy-billing', {
          'prodready.dev/enforce': 'silver',
        }),
        namespaceObject('typo', { 'prodready.dev/enforce': 'silvr' }),
        namespaceObject('free'),
        ...typicalRelatedObjects('shop', 'web'),
        ...servicesWithoutPdb.flatMap(([namespace, name]) =>
          typicalRelatedObjects(namespace, name).filter(
            object => object.kind !== 'PodDisruptionBudget',
          ),
        ),
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('admits a Deployment judged with its PDB, Service, HPA and NetworkPolicy from the cache', async () => {
    const response = await harness.review(
      admissionReview(typicalDeployment('shop', 'web')),
    );
    expect(response.allowed).toBe(true);
    expect(response.warnings).toBeUndefined();
    expect(response.uid).toMatch(/^0f1e2d3c-/);
  });

  it('denies below the enforce level, naming both levels and the failing checks, most severe first', async () => {
    const deployment = withoutPdb('shop', 'api');
    deployment.spec.template.spec.containers[0].securityContext.privileged =
      true;
    const review = admissionReview(deployment);
    const response = await harness.review(review);
    expect(response.uid).toBe(review.request!.uid);
    expect(response.allowed).toBe(false);
    expect(response.status).toMatchObject({ code: 403, reason: 'Forbidden' });
    const message = response.status!.message;
    expect(message).toContain(
      'Deployment shop/api reaches readiness level none; namespace shop enforces silver',
    );
    expect(message).toContain('[critical] no-privileged');
    expect(message).toContain('[high] pdb');
    expect(message).toContain(
      'Fix: Create a PodDisruptionBudget in the same namespace',
    );
    expect(message.indexOf('[critical] no-privileged')).toBeLessThan(
      message.indexOf('[high] pdb'),
    );
  });

  it('admits with warnings in warn mode: the failing checks, most severe first, with the fix', async () => {
    const response = await harness.review(
      admissionReview(withoutPdb('staging', 'web')),
    );
    expect(response.allowed).toBe(true);
    expect(response.status).toBeUndefined();
    const warnings = response.warnings ?? [];
    expect(warnings[0]).toBe(
      'Deployment staging/web reaches readiness level bronze, below silver (prodready.dev/warn on namespace staging); 1 failing check(s):',
    );
    expect(warnings[1]).toMatch(
      /^\[high\] pdb: .+ Fix: Create a PodDisruptionBudget/,
    );
    for (const warning of warnings) {
      expect(Array.from(warning).length).toBeLessThanOrEqual(256);
    }
  });

  it('audits below the audit level with a log line and a counter, and admits', async () => {
    const review = admissionReview(withoutPdb('audited', 'web'));
    const response = await harness.review(review);
    expect(response).toMatchObject({ allowed: true });
    expect(response.warnings).toBeUndefined();
    const line = harness.logs.find(log => log.uid === review.request!.uid);
    expect(line).toMatchObject({
      msg: 'readiness audit',
      namespace: 'audited',
      reached: 'bronze',
      required: 'silver',
      failingChecks: ['pdb'],
      user: 'jane@example.com',
    });
    const metrics = await call(
      `${harness.server.url}/metrics`,
      harness.ca,
      'GET',
    );
    expect(metrics.body).toContain(
      'readiness_admission_audit_violations_total{namespace="audited",required="silver"} 1',
    );
  });

  it('answers a dry run the same and records no audit', async () => {
    const deployment = withoutPdb('mixed', 'api');
    const dry = await harness.review(
      admissionReview(deployment, { dryRun: true }),
    );
    const auditsBefore = harness.logs.filter(
      log => log.msg === 'readiness audit' && log.namespace === 'mixed',
    ).length;
    expect(auditsBefore).toBe(0);
    const real = await harness.review(admissionReview(deployment));
    expect(dry.allowed).toBe(false);
    expect({ ...dry, uid: '', ms: 0 }).toEqual({ ...real, uid: '', ms: 0 });
    const audits = harness.logs.filter(
      log => log.msg === 'readiness audit' && log.namespace === 'mixed',
    );
    expect(audits).toHaveLength(1);
  });

  it('applies exemptions from the workload annotations and from the portal configuration', async () => {
    const annotated = withoutPdb('shop', 'batch');
    annotated.metadata!.annotations = {
      'prodready.dev/exempt.pdb':
        'Runs one replica by design and tolerates eviction',
    };
    expect((await harness.review(admissionReview(annotated))).allowed).toBe(
      true,
    );
    // legacy-* namespaces are exempt from pdb in the portal's app-config.
    expect(
      (
        await harness.review(
          admissionReview(withoutPdb('legacy-billing', 'web')),
        )
      ).allowed,
    ).toBe(true);
    // The same Deployment without either is denied.
    expect(
      (await harness.review(admissionReview(withoutPdb('shop', 'batch'))))
        .allowed,
    ).toBe(false);
  });

  it('judges without the PDB once it is deleted through the watch, and with it again once it is back', async () => {
    const pdb = typicalPdb('shop', 'web');
    const review = () =>
      harness.review(admissionReview(typicalDeployment('shop', 'web')));
    expect((await review()).allowed).toBe(true);

    harness.api.removeObjects([pdb as never]);
    const denied = await eventually(review, response => !response.allowed);
    expect(denied.allowed).toBe(false);
    expect(denied.status!.message).toContain('[high] pdb');

    harness.api.addObjects([pdb as never]);
    const admitted = await eventually(review, response => response.allowed);
    expect(admitted.allowed).toBe(true);
  });

  it('reads a misspelt level as gold, and says so', async () => {
    const response = await harness.review(
      admissionReview(typicalDeployment('typo', 'web')),
    );
    // Without its PDB and friends in this namespace, the Deployment is below gold.
    expect(response.allowed).toBe(false);
    expect(response.warnings).toEqual([
      'namespace label prodready.dev/enforce="silvr" is no level (gold, silver, bronze or none): read as gold',
    ]);
  });

  it('admits a workload of a namespace it has not seen yet, with a warning', async () => {
    const response = await harness.review(
      admissionReview(withoutPdb('brand-new', 'web')),
    );
    expect(response.allowed).toBe(true);
    expect(response.warnings).toEqual([
      "readiness admission: namespace brand-new is not in the webhook's cache yet; Deployment not judged",
    ]);
  });

  it('admits untouched what it does not judge', async () => {
    const skipped = [
      // A namespace without policy labels.
      admissionReview(withoutPdb('free', 'web')),
      // Not a workload.
      admissionReview({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'settings', namespace: 'shop' },
        data: {},
      }),
      // A deletion.
      admissionReview(withoutPdb('shop', 'old'), { operation: 'DELETE' }),
      // The scale subresource.
      admissionReview(withoutPdb('shop', 'web'), { subResource: 'scale' }),
      // An update that leaves the spec alone (a controller's annotation).
      admissionReview(withoutPdb('shop', 'api'), {
        operation: 'UPDATE',
        oldObject: withoutPdb('shop', 'api'),
      }),
    ];
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: 'report-28391',
        namespace: 'shop',
        ownerReferences: [
          {
            apiVersion: 'batch/v1',
            kind: 'CronJob',
            name: 'report',
            controller: true,
          },
        ],
      },
      spec: {
        template: { spec: { containers: [{ name: 'r', image: 'r:1' }] } },
      },
    };
    // A Job its CronJob created: the CronJob was judged.
    skipped.push(admissionReview(job));
    for (const review of skipped) {
      const response = await harness.review(review);
      expect(response).toEqual({
        uid: review.request!.uid,
        allowed: true,
        ms: response.ms,
      });
    }
  });

  it('judges an update that changes the spec', async () => {
    const response = await harness.review(
      admissionReview(withoutPdb('shop', 'api'), {
        operation: 'UPDATE',
        oldObject: typicalDeployment('shop', 'other'),
      }),
    );
    expect(response.allowed).toBe(false);
  });

  it('answers 400 to a body that is no AdmissionReview v1', async () => {
    const url = `${harness.server.url}/validate`;
    expect((await call(url, harness.ca, 'POST', '{')).status).toBe(400);
    expect(
      (
        await call(url, harness.ca, 'POST', {
          apiVersion: 'admission.k8s.io/v1beta1',
          kind: 'AdmissionReview',
          request: { uid: 'x' },
        })
      ).status,
    ).toBe(400);
  });

  it('serves health, readiness once synced, and metrics', async () => {
    const base = harness.server.url;
    expect((await call(`${base}/healthz`, harness.ca, 'GET')).status).toBe(200);
    expect((await call(`${base}/readyz`, harness.ca, 'GET')).status).toBe(200);
    const metrics = (await call(`${base}/metrics`, harness.ca, 'GET')).body;
    expect(metrics).toMatch(
      /readiness_admission_reviews_total\{outcome="denied",dry_run="false"\} \d+/,
    );
    expect(metrics).toContain(
      'readiness_admission_cached_objects{kind="PodDisruptionBudget"} 1',
    );
    // The fake cluster serves PodMonitors but not ServiceMonitors.
    expect(metrics).toContain(
      `readiness_admission_cached_objects{kind="PodMonitor"} ${
        1 + servicesWithoutPdb.length
      }`,
    );
    expect(metrics).not.toContain('kind="ServiceMonitor"');
  });

  // Last: it replaces the certificate the other tests trust.
  it('serves a renewed certificate without a restart', async () => {
    const renewed = await generateCertificates('readiness-admission-renewed');
    writeFileSync(harness.tls.keyFile, renewed.keyPem);
    writeFileSync(harness.tls.certFile, renewed.certPem);
    const healthz = `${harness.server.url}/healthz`;
    const answer = await eventually(
      () => call(healthz, renewed.caPem, 'GET').catch(() => undefined),
      result => result?.status === 200,
    );
    expect(answer?.status).toBe(200);
    // The old CA no longer verifies the server.
    await expect(call(healthz, harness.ca, 'GET')).rejects.toThrow();
  });
});
