import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `bin/readiness` as a user runs it: a new process, sources compiled on the fly. */
const BIN = path.resolve(__dirname, '../bin/readiness');

/** More workloads than the JSON format indents, so it writes in pieces. */
function listOf(count: number): string {
  const items = Array.from({ length: count }, (_, i) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `web-${i}`, namespace: 'shop' },
    spec: {
      template: {
        metadata: { labels: { app: `web-${i}` } },
        spec: { containers: [{ name: 'web', image: 'web:1.0.0' }] },
      },
    },
  }));
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
}

const withoutTime = (report: string) =>
  report.replace(/"evaluatedAt": ?"[^"]*"/, '"evaluatedAt": ""');

describe('bin/readiness', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-bin-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes the same JSON report to a file as to a pipe', () => {
    const input = path.join(dir, 'cluster.json');
    fs.writeFileSync(input, listOf(250));
    const args = [BIN, 'check', input, '--format', 'json'];

    const toPipe = spawnSync(process.execPath, args, {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const output = path.join(dir, 'report.json');
    const fd = fs.openSync(output, 'w');
    let toFile;
    try {
      toFile = spawnSync(process.execPath, args, {
        stdio: ['ignore', fd, 'pipe'],
      });
    } finally {
      fs.closeSync(fd);
    }

    expect(toPipe.error).toBeUndefined();
    expect(toPipe.stderr).toBe('');
    expect(toPipe.status).toBe(1);
    expect(toFile.status).toBe(1);
    expect(JSON.parse(toPipe.stdout).workloads).toHaveLength(250);
    expect(withoutTime(fs.readFileSync(output, 'utf8'))).toBe(
      withoutTime(toPipe.stdout),
    );
  });
});
