import { spawn, spawnSync } from 'node:child_process';
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

/**
 * Runs the bin with one of its output pipes closed by the reader after the
 * first chunk, as `readiness check . | head -1` does; collects the other.
 */
function runWithClosedPipe(
  args: string[],
  closed: 'stdout' | 'stderr',
): Promise<{ code: number | null; signal: string | null; other: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const reader = closed === 'stdout' ? child.stdout : child.stderr;
    const other = closed === 'stdout' ? child.stderr : child.stdout;
    reader.once('data', () => reader.destroy());
    let text = '';
    other.setEncoding('utf8');
    other.on('data', chunk => {
      text += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, other: text }));
  });
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

  it('never lets a Node.js warning reach the user', () => {
    // Custom and unusual YAML tags, as CloudFormation-minded or templated
    // manifests carry them.
    fs.writeFileSync(
      path.join(dir, 'tags.yaml'),
      `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  annotations:
    note: !custom hello
data:
  config: !include config.yaml
  raw: !!binary aGVsbG8=
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: !!int "2"
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: !Sub "ghcr.io/acme/web:\${Version}"
          args: !!set { a, b }
`,
    );
    // An un-rendered Helm template.
    fs.writeFileSync(
      path.join(dir, 'template.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicas }}\n',
    );
    // A large cluster dump and a large multi-document YAML file.
    fs.writeFileSync(path.join(dir, 'cluster.json'), listOf(2000));
    fs.writeFileSync(
      path.join(dir, 'many.yaml'),
      Array.from(
        { length: 2000 },
        (_, i) =>
          `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c-${i}\ndata:\n  LOG_LEVEL: info\n`,
      ).join('---\n'),
    );
    for (const [args, status] of [
      [['tags.yaml'], 1],
      [['template.yaml'], 2],
      [['cluster.json', 'many.yaml', '--format', 'json'], 1],
      [['.', '-x', 'cluster.json', '-x', 'many.yaml', '--format', 'sarif'], 2],
      [['-'], 1],
    ] as Array<[string[], number]>) {
      const run = spawnSync(process.execPath, [BIN, 'check', ...args], {
        cwd: dir,
        encoding: 'utf8',
        input: fs.readFileSync(path.join(dir, 'tags.yaml'), 'utf8'),
        maxBuffer: 256 * 1024 * 1024,
        // No flag that would hide warnings; colour settings that
        // contradict each other, as CI runners and users combine them.
        env: {
          ...process.env,
          NODE_OPTIONS: '',
          NODE_NO_WARNINGS: '',
          NO_COLOR: '1',
          FORCE_COLOR: '1',
        },
      });
      expect({ args, status: run.status }).toEqual({ args, status });
      const lines = run.stderr.split('\n').filter(Boolean);
      const warnings = lines.filter(line => /Warning:|\(node:/.test(line));
      expect({ args, warnings }).toEqual({ args, warnings: [] });
      // Every line on stderr is the CLI's own.
      expect(lines.filter(line => !line.startsWith('readiness: '))).toEqual([]);
    }
  });

  it('ends quietly when the reader of its output goes away', async () => {
    const input = path.join(dir, 'cluster.json');
    fs.writeFileSync(input, listOf(2000));

    // The JSON report of 2,000 workloads is far larger than a pipe's buffer,
    // so the bin is still writing when the reader stops.
    const stdoutClosed = await runWithClosedPipe(
      ['check', input, '--format', 'json'],
      'stdout',
    );
    expect(stdoutClosed).toEqual({ code: 1, signal: null, other: '' });

    // One error line per missing file, more than a pipe's buffer holds.
    const missing = Array.from({ length: 3000 }, (_, i) =>
      path.join(dir, `missing-${i}-${'x'.repeat(40)}.yaml`),
    );
    const stderrClosed = await runWithClosedPipe(
      ['check', ...missing],
      'stderr',
    );
    expect(stderrClosed.signal).toBeNull();
    expect(stderrClosed.code).toBe(2);
  });
});
