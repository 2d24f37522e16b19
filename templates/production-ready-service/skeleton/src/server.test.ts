import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createService, type Service } from './server.ts';

async function start(options: { dataDir?: string } = {}) {
  const service = createService({ name: 'test-service', ...options });
  await new Promise<void>(resolve => service.server.listen(0, resolve));
  await new Promise<void>(resolve => service.metricsServer.listen(0, resolve));
  const { port } = service.server.address() as AddressInfo;
  const { port: metricsPort } = service.metricsServer.address() as AddressInfo;
  const get = (path: string) => fetch(`http://127.0.0.1:${port}${path}`);
  const getMetrics = (path: string) =>
    fetch(`http://127.0.0.1:${metricsPort}${path}`);
  return { service, get, getMetrics };
}

describe('the service', () => {
  let service: Service;
  let get: (path: string) => Promise<Response>;
  let getMetrics: (path: string) => Promise<Response>;

  before(async () => {
    ({ service, get, getMetrics } = await start());
  });
  after(() => {
    service.server.closeAllConnections();
    service.server.close();
    service.metricsServer.close();
  });

  it('is alive and ready', async () => {
    assert.equal((await get('/healthz')).status, 200);
    assert.equal((await get('/ready')).status, 200);
  });

  it('answers on its own route', async () => {
    const response = await get('/');
    assert.equal(response.status, 200);
    assert.equal((await response.json()).service, 'test-service');
  });

  it('counts requests in Prometheus format, without unbounded labels', async () => {
    await get('/no/such/page/1');
    await get('/no/such/page/2');
    const response = await getMetrics('/metrics');
    assert.equal(response.status, 200);
    const text = await response.text();
    assert.match(
      text,
      /^http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+$/m,
    );
    assert.match(
      text,
      /^http_requests_total\{method="GET",route="other",status="404"\} 2$/m,
    );
    assert.match(text, /^http_request_duration_seconds_count\{route="\/"\} \d+$/m);
    assert.doesNotMatch(text, /no\/such\/page/);
  });

  it('serves /metrics only on its own port, never where the Service and Ingress point', async () => {
    assert.equal((await get('/metrics')).status, 404);
    assert.equal((await getMetrics('/')).status, 404);
  });
});

describe('shutting down', () => {
  it('fails readiness at once but stays alive until the listener closes', async () => {
    const { service, get } = await start();
    const stopped = service.shutDown(200);

    assert.equal((await get('/ready')).status, 503);
    assert.equal((await get('/healthz')).status, 200);

    await stopped;
    await assert.rejects(get('/healthz'));
  });
});

describe('with a data directory', () => {
  it('is ready only while it can write there', async t => {
    const dataDir = await mkdtemp(join(tmpdir(), 'service-data-'));
    t.after(() => rm(dataDir, { recursive: true, force: true }));
    const { service, get } = await start({ dataDir });
    t.after(() => {
      service.server.closeAllConnections();
      service.server.close();
      service.metricsServer.close();
    });

    assert.equal((await get('/ready')).status, 200);

    // Root can write anywhere, so the read-only case only runs as a user.
    if (process.getuid?.() !== 0) {
      await chmod(dataDir, 0o500);
      const response = await get('/ready');
      assert.equal(response.status, 503);
      assert.match((await response.json()).reason, /not writable/);
      await chmod(dataDir, 0o700);
    }
  });
});
