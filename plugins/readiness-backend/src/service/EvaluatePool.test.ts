import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { EvaluatePool } from './EvaluatePool';
import { BodyFormat } from './evaluateBody';
import { BusyError, PayloadTooLargeError } from './httpErrors';
import { deploymentYaml, manyDeploymentsYaml } from './testManifests';

jest.setTimeout(60_000);

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function request(text: string, format: BodyFormat = 'yaml') {
  return {
    body: encoder.encode(text),
    format,
    detail: 'compact' as const,
    now: '2026-12-01T00:00:00Z',
  };
}

describe('EvaluatePool', () => {
  let pool: EvaluatePool | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it('evaluates on a worker thread and hands back the report as JSON', async () => {
    pool = new EvaluatePool({
      workers: 1,
      maxQueued: 1,
      timeoutMs: 30_000,
      maxMemoryMb: 256,
    });
    const json = await pool.run(request(deploymentYaml('checkout')));
    const report = JSON.parse(decoder.decode(json));
    expect(report.detail).toBe('compact');
    expect(report.workloads.map((w: any) => w.name)).toEqual(['checkout']);
  });

  it('reports a body it cannot read as an InputError naming the line', async () => {
    pool = new EvaluatePool({
      workers: 1,
      maxQueued: 1,
      timeoutMs: 30_000,
      maxMemoryMb: 256,
    });
    const failure = pool.run(request('kind: Deployment\nspec: [unclosed'));
    await expect(failure).rejects.toBeInstanceOf(InputError);
    await expect(failure).rejects.toThrow(/^request body:\d+: invalid YAML/);
  });

  it('refuses work beyond its threads and queue, saying when to retry', async () => {
    pool = new EvaluatePool({
      workers: 1,
      maxQueued: 1,
      timeoutMs: 30_000,
      maxMemoryMb: 256,
    });
    const body = deploymentYaml('checkout');
    const running = pool.run(request(body));
    const queued = pool.run(request(body));
    const refused = pool.run(request(body));
    await expect(refused).rejects.toBeInstanceOf(BusyError);
    await expect(refused).rejects.toThrow(
      'Too many evaluations in progress (1 running, 1 waiting)',
    );
    expect((await refused.catch(e => e)).retryAfterSeconds).toBeGreaterThan(0);
    await expect(running).resolves.toBeInstanceOf(Uint8Array);
    await expect(queued).resolves.toBeInstanceOf(Uint8Array);
  });

  it('stops a job that runs too long and keeps serving', async () => {
    pool = new EvaluatePool({
      workers: 1,
      maxQueued: 1,
      timeoutMs: 200,
      maxMemoryMb: 512,
    });
    // Several seconds of YAML parsing.
    const slow = pool.run(request(manyDeploymentsYaml(2 * 1024 * 1024)));
    await expect(slow).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(slow).rejects.toThrow(
      /took longer than 0 s and was stopped \(readiness.evaluate.timeout\)/,
    );
    const json = await pool.run(request(deploymentYaml('checkout')));
    expect(JSON.parse(decoder.decode(json)).workloads).toHaveLength(1);
  });

  it('refuses a body that needs more memory than a thread has, and keeps serving', async () => {
    pool = new EvaluatePool({
      workers: 1,
      maxQueued: 1,
      timeoutMs: 60_000,
      maxMemoryMb: 24,
    });
    const huge = pool.run(request(manyDeploymentsYaml(4 * 1024 * 1024)));
    await expect(huge).rejects.toBeInstanceOf(PayloadTooLargeError);
    await expect(huge).rejects.toThrow(
      'Evaluating the request body needed more than the 24 MiB a thread may use',
    );
    const json = await pool.run(request(deploymentYaml('checkout')));
    expect(JSON.parse(decoder.decode(json)).workloads).toHaveLength(1);
  });
});
