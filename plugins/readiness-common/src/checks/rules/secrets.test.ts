import { KubeObject } from '../../types';
import {
  check,
  evaluate,
  goodContainer,
  goodPodSpec,
  workload,
} from '../../testing/fixtures';

const PEM =
  '-----BEGIN RSA PRIVATE KEY-----\nMIIEvQ\n-----END RSA PRIVATE KEY-----';

const withEnv = (env: unknown[], initEnv?: unknown[]) =>
  workload({
    podSpec: goodPodSpec({
      containers: [goodContainer({ env })],
      initContainers: initEnv
        ? [{ name: 'init', image: 'x:1', env: initEnv }]
        : undefined,
    }),
  });

describe('no-secrets-in-env', () => {
  it.each([
    'DB_PASSWORD',
    'passwd',
    'GITHUB_TOKEN',
    'client_secret',
    'ApiKey',
    'X_API_KEY',
    'api-key',
    'PRIVATE_KEY',
    'privatekey',
    'AWS_ACCESS_KEY_ID',
    'CREDENTIALS',
    'BEARER',
  ])('fails for a literal value named %s', name => {
    const result = check(
      'no-secrets-in-env',
      withEnv([
        { name: 'OK', value: 'x' },
        { name, value: 'v' },
      ]),
    );
    expect(result.status).toBe('fail');
    expect(result.findings).toEqual([
      expect.objectContaining({
        path: 'spec.template.spec.containers[0].env[1].value',
        container: 'app',
      }),
    ]);
  });

  it('fails for a private key in any literal value, and checks init containers', () => {
    const result = check(
      'no-secrets-in-env',
      withEnv([], [{ name: 'CERT', value: PEM }]),
    );
    expect(result.findings?.[0].path).toBe(
      'spec.template.spec.initContainers[0].env[0].value',
    );
  });

  it('passes valueFrom references and harmless literals', () => {
    const env = [
      {
        name: 'DB_PASSWORD',
        valueFrom: { secretKeyRef: { name: 's', key: 'k' } },
      },
      { name: 'LOG_LEVEL', value: 'debug' },
      { name: 'PORT', value: 8080 },
    ];
    expect(check('no-secrets-in-env', withEnv(env)).status).toBe('pass');
  });
});

describe('no-secrets-in-configmap', () => {
  const configMap = (
    name: string,
    body: Record<string, unknown>,
  ): KubeObject => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name },
    ...body,
  });
  const statusOf = (body: Record<string, unknown>) =>
    evaluate([configMap('cm', body)]).objects[0].results[0];

  it.each([
    [{ data: { 'db.password': 'hunter2' } }, 'fail'],
    [{ data: { API_TOKEN: 'abc' } }, 'fail'],
    [{ data: { 'tls.key': PEM } }, 'fail'],
    [{ binaryData: { secret_blob: 'AAEC' } }, 'fail'],
    [{ binaryData: { cert: btoa(PEM) } }, 'fail'],
    [{ data: { PASSWORD: '' } }, 'pass'],
    [{ data: { LOG_LEVEL: 'info', 'app.yaml': 'port: 80' } }, 'pass'],
    [{}, 'pass'],
  ])('%j → %s', (body, expected) => {
    expect(statusOf(body).status).toBe(expected);
  });

  it('names the key path', () => {
    expect(
      statusOf({ data: { 'db.password': 'x', TOKEN: 'y' } }).findings?.map(
        f => f.path,
      ),
    ).toEqual(['data["db.password"]', 'data.TOKEN']);
  });

  it('checks every ConfigMap in the CLI, only referenced ones in the backend', () => {
    const objects = [
      workload({
        podSpec: goodPodSpec({
          containers: [
            goodContainer({
              env: [
                {
                  name: 'A',
                  valueFrom: {
                    configMapKeyRef: { name: 'from-env', key: 'a' },
                  },
                },
              ],
              envFrom: [{ configMapRef: { name: 'from-envfrom' } }],
            }),
          ],
          volumes: [
            { name: 'v', configMap: { name: 'from-volume' } },
            {
              name: 'p',
              projected: {
                sources: [{ configMap: { name: 'from-projected' } }],
              },
            },
          ],
        }),
      }),
      configMap('from-env', { data: {} }),
      configMap('from-envfrom', { data: {} }),
      configMap('from-volume', { data: {} }),
      configMap('from-projected', { data: {} }),
      configMap('unrelated', { data: {} }),
      {
        ...configMap('from-env', { data: {} }),
        metadata: { name: 'from-env', namespace: 'other' },
      },
    ];
    expect(evaluate(objects).objects).toHaveLength(6);
    expect(
      evaluate(objects, { configMapScope: 'referenced' }).objects.map(
        o => `${o.namespace}/${o.name}`,
      ),
    ).toEqual([
      'default/from-env',
      'default/from-envfrom',
      'default/from-volume',
      'default/from-projected',
    ]);
  });
});

describe('secret values never reach the report', () => {
  it('reports names and paths only', () => {
    const markers = [
      's3cr3t-MARKER-123',
      'tok-MARKER-456',
      'pem-MARKER-789',
      'bin-MARKER-000',
    ];
    const pem = `-----BEGIN PRIVATE KEY-----\n${markers[2]}\n-----END PRIVATE KEY-----`;
    const report = evaluate(
      [
        withEnv([
          { name: 'DB_PASSWORD', value: markers[0] },
          { name: 'SOME_TOKEN', value: `prefix-${markers[1]}` },
          { name: 'KEY_MATERIAL', value: pem },
        ]),
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'leaky' },
          data: { password: markers[0], 'api-key': markers[1], cert: pem },
          binaryData: { secret: btoa(markers[3]), blob: btoa(pem) },
        },
      ],
      { config: { exemptions: [] } },
    );
    const text = JSON.stringify(report);
    expect(
      report.workloads[0].results.find(r => r.check === 'no-secrets-in-env')
        ?.status,
    ).toBe('fail');
    expect(report.objects[0].results[0].status).toBe('fail');
    for (const marker of markers) {
      expect(text).not.toContain(marker);
      expect(text).not.toContain(marker.slice(0, 8));
      expect(text).not.toContain(btoa(marker));
    }
    expect(text).not.toContain('-----BEGIN');
  });
});
