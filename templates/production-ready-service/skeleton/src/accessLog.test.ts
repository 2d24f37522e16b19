/**
 * The service as it runs in its container: `node src/main.ts` with the
 * settings of its ConfigMap, read from the JSON lines it writes to stdout.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { pathOf } from './accessLog.ts';

interface Running {
  child: ChildProcess;
  lines: Record<string, unknown>[];
  url: string;
}

/** Starts the service on a free port, and waits for it to say where. */
async function run(env: Record<string, string>): Promise<Running> {
  const child = spawn(
    process.execPath,
    ['--experimental-strip-types', '--no-warnings', 'src/main.ts'],
    {
      env: { ...process.env, NODE_OPTIONS: '', PORT: '0', METRICS_PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines: Record<string, unknown>[] = [];
  const listening = new Promise<number>((resolve, reject) => {
    child.once('exit', code => reject(new Error(`exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', text => {
      const line = JSON.parse(text);
      lines.push(line);
      if (line.message === 'listening') resolve(line.port);
    });
  });
  const port = await listening;
  return { child, lines, url: `http://127.0.0.1:${port}` };
}

async function stop({ child }: Running): Promise<number | null> {
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  return code;
}

/** Waits until stdout has a line for the request with this id. */
async function lineFor(running: Running, requestId: string) {
  // The line is written before the response ends, but may reach the pipe
  // later on a busy machine.
  for (let attempt = 0; attempt < 100; attempt++) {
    const line = running.lines.find(l => l.requestId === requestId);
    if (line) return line;
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  return undefined;
}

describe('access logs', () => {
  it('write one JSON line per request: method, path, status, duration and request id', async () => {
    const running = await run({ LOG_LEVEL: 'info', SHUTDOWN_DELAY_SECONDS: '0' });
    try {
      const response = await fetch(`${running.url}/?token=s3cr3t-value`, {
        headers: { 'x-request-id': 'req-42' },
      });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('x-request-id'), 'req-42');

      const line = await lineFor(running, 'req-42');
      assert.ok(line, 'no access log line for the request');
      assert.equal(line.level, 'info');
      assert.equal(line.message, 'request');
      assert.equal(line.method, 'GET');
      assert.equal(line.path, '/');
      assert.equal(line.status, 200);
      assert.equal(typeof line.durationMs, 'number');
      assert.ok((line.durationMs as number) >= 0);

      // Query strings carry tokens: they never reach the logs.
      assert.doesNotMatch(JSON.stringify(running.lines), /s3cr3t/);
    } finally {
      assert.equal(await stop(running), 0);
    }
  });

  it('give a request without a usable id a new one, and return it to the caller', async () => {
    const running = await run({ LOG_LEVEL: 'info', SHUTDOWN_DELAY_SECONDS: '0' });
    try {
      const response = await fetch(`${running.url}/no/such/page`, {
        headers: { 'x-request-id': 'not a valid id; DROP TABLE' },
      });
      assert.equal(response.status, 404);
      const requestId = response.headers.get('x-request-id')!;
      assert.match(requestId, /^[0-9a-f-]{36}$/);

      const line = await lineFor(running, requestId);
      assert.equal(line?.status, 404);
      assert.equal(line?.path, '/no/such/page');
    } finally {
      assert.equal(await stop(running), 0);
    }
  });

  it('leave out the probes unless LOG_LEVEL is debug', async () => {
    for (const [level, logged] of [['info', false], ['debug', true]] as const) {
      const running = await run({ LOG_LEVEL: level, SHUTDOWN_DELAY_SECONDS: '0' });
      try {
        await fetch(`${running.url}/healthz`, { headers: { 'x-request-id': 'probe' } });
        await fetch(`${running.url}/`, { headers: { 'x-request-id': 'after-probe' } });
        await lineFor(running, 'after-probe');
        assert.equal(running.lines.some(l => l.requestId === 'probe'), logged, level);
      } finally {
        await stop(running);
      }
    }
  });
});

describe('pathOf', () => {
  it('drops the query string and the fragment, and bounds the length', () => {
    assert.equal(pathOf('/parcels/42?api_key=abc#top'), '/parcels/42');
    assert.equal(pathOf('?only=query'), '/');
    assert.equal(pathOf(undefined), '/');
    assert.equal(pathOf(`/${'a'.repeat(1000)}`).length, 256 + 3);
  });
});
