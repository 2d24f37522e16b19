import { KubeObject } from '../../types';
import {
  check,
  evaluate,
  goodContainer,
  goodPodSpec,
  workload,
} from '../../testing/fixtures';

// Made-up credentials in the real shapes; none of them was ever valid.
const PEM = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  '-----END RSA PRIVATE KEY-----',
].join('\n');
const GITHUB_TOKEN = 'ghp_R8kq2LmZ0tW4vXy7Pn3Hs9DfGb1Jc6Ae5Uo2';
const GENERATED_32 = 'q7Vt2Lx9Rk4Wm8Zp3Hs6Bn1Yc5Dj0Fg2';

const withEnv = (env: unknown[], initEnv?: unknown[]) =>
  workload({
    podSpec: goodPodSpec({
      containers: [goodContainer({ env })],
      initContainers: initEnv
        ? [{ name: 'init', image: 'x:1', env: initEnv }]
        : undefined,
    }),
  });

const envResult = (env: unknown[]) => check('no-secrets-in-env', withEnv(env));

describe('no-secrets-in-env', () => {
  it.each([
    ['DB_PASSWORD', 'hunter2'],
    ['passwd', 'hunter2'],
    ['GITHUB_TOKEN', 'abc'],
    ['OAUTH_CLIENT_SECRET', 'changeme'],
    ['ApiKey', 'k-123'],
    ['X_API_KEY', 'k-123'],
    ['api-key', 'k-123'],
    ['camelCaseApiKey', 'k-123'],
    ['PRIVATE_KEY', 'inline'],
    ['AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['CREDENTIALS', 'user:pw'],
    ['BEARER', 'abc'],
  ])('fails for %s with a secret-looking literal', (name, value) => {
    const result = envResult([
      { name: 'OK', value: 'x' },
      { name, value },
    ]);
    expect(result.status).toBe('fail');
    expect(result.findings).toEqual([
      {
        path: 'spec.template.spec.containers[0].env[1].value',
        container: 'app',
        message: `Env var ${name} has a sensitive name and a literal value that looks like a secret.`,
      },
    ]);
  });

  it('passes the settings that used to be false alarms', () => {
    // From an inference server, a database image and a GCP workload.
    const env = [
      { name: 'MAX_TOTAL_TOKENS', value: '4096' },
      { name: 'MAX_INPUT_TOKENS', value: '2048' },
      { name: 'TOKENIZERS_PARALLELISM', value: 'false' },
      { name: 'TOKENIZER', value: 'bert-base-uncased' },
      { name: 'MYSQL_ALLOW_EMPTY_PASSWORD', value: '1' },
      { name: 'MARIADB_ALLOW_EMPTY_PASSWORD', value: 'yes' },
      { name: 'ALLOW_EMPTY_PASSWORD', value: true },
      {
        name: 'GOOGLE_APPLICATION_CREDENTIALS',
        value: '/var/secrets/google/key.json',
      },
      { name: 'DB_PASSWORD_FILE', value: '/run/secrets/db' },
      { name: 'TOKEN_TTL', value: 3600 },
      { name: 'SESSION_TOKEN_TTL', value: '3600' },
      { name: 'API_KEY', value: '$(API_KEY_FROM_SECRET)' },
      { name: 'DB_PASSWORD', value: '' },
      { name: 'accessKeyId', value: 'AKIAIOSFODNN7EXAMPLE' },
      { name: 'AWS_ACCESS_KEY_ID', value: 'AKIAIOSFODNN7EXAMPLE' },
      { name: 'JWT_SECRET_NAME', value: 'orders-jwt' },
      { name: 'VAULT_TOKEN_PATH', value: 'secret/data/orders' },
      { name: 'SIGNING_KEY', value: 'abc' },
      { name: 'KEY_ROTATION_DAYS', value: '30' },
      {
        name: 'DB_PASSWORD',
        valueFrom: { secretKeyRef: { name: 'orders-db', key: 'password' } },
      },
      { name: 'LOG_LEVEL', value: 'debug' },
      { name: 'PORT', value: 8080 },
    ];
    expect(envResult(env)).toMatchObject({ status: 'pass' });
  });

  it('fails for a known credential format under an innocuous name', () => {
    const result = envResult([
      { name: 'BUILD_LABEL', value: GITHUB_TOKEN },
      {
        name: 'CHART_REPO',
        value: `https://x-access-token:${GITHUB_TOKEN}@github.com/acme/charts`,
      },
      { name: 'MAX_TOTAL_TOKENS', value: 'xoxb-2048163859-4096327718-Qm7R' },
    ]);
    expect(result.findings?.map(f => f.message)).toEqual([
      'Env var BUILD_LABEL holds a GitHub token as a literal value.',
      'Env var CHART_REPO holds a GitHub token as a literal value.',
      'Env var MAX_TOTAL_TOKENS holds a Slack token as a literal value.',
    ]);
  });

  it('fails for a generated key under a key name, not for a short or plain one', () => {
    const result = envResult([
      { name: 'ENCRYPTION_KEY', value: GENERATED_32 },
      { name: 'SIGNING_KEY', value: 'abc' },
      { name: 'ENCRYPTION_KEY_VERSION', value: GENERATED_32 },
      { name: 'COOKIE_KEY', value: 'not a key but a sentence of words 123' },
    ]);
    expect(result.findings).toEqual([
      expect.objectContaining({
        path: 'spec.template.spec.containers[0].env[0].value',
        message:
          'Env var ENCRYPTION_KEY holds what looks like a generated key as a literal value.',
      }),
    ]);
  });

  it('fails for a private key in any literal value, and checks init containers', () => {
    const result = check(
      'no-secrets-in-env',
      withEnv([], [{ name: 'CERT', value: PEM }]),
    );
    expect(result.findings).toEqual([
      {
        path: 'spec.template.spec.initContainers[0].env[0].value',
        container: 'init',
        message: 'Env var CERT holds a private key as a literal value.',
      },
    ]);
  });

  it('names an unnamed variable by its index', () => {
    expect(envResult([{ value: GITHUB_TOKEN }]).findings?.[0].message).toBe(
      'Env var #0 holds a GitHub token as a literal value.',
    );
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
  const resultOf = (body: Record<string, unknown>) =>
    evaluate([configMap('cm', body)]).objects[0].results[0];

  it.each([
    [{ data: { 'db.password': 'hunter2' } }, 'fail'],
    [{ data: { API_TOKEN: 'abc' } }, 'fail'],
    [{ data: { 'tls.key': PEM } }, 'fail'],
    [{ data: { BUILD_LABEL: GITHUB_TOKEN } }, 'fail'],
    [{ data: { ENCRYPTION_KEY: GENERATED_32 } }, 'fail'],
    [{ binaryData: { secret_blob: 'AAEC' } }, 'fail'],
    [{ binaryData: { cert: btoa(PEM) } }, 'fail'],
    [{ data: { PASSWORD: '' } }, 'pass'],
    [{ data: { MYSQL_ALLOW_EMPTY_PASSWORD: 'yes' } }, 'pass'],
    [{ data: { TOKEN_TTL: '3600', MAX_TOTAL_TOKENS: '4096' } }, 'pass'],
    [
      { data: { GOOGLE_APPLICATION_CREDENTIALS: '/var/secrets/key.json' } },
      'pass',
    ],
    [
      { data: { SIGNING_KEY: 'abc', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' } },
      'pass',
    ],
    [{ data: { LOG_LEVEL: 'info', 'app.yaml': 'port: 80' } }, 'pass'],
    [{}, 'pass'],
  ])('%j → %s', (body, expected) => {
    expect(resultOf(body).status).toBe(expected);
  });

  it('names the key path and says why', () => {
    expect(
      resultOf({
        data: {
          'db.password': 'x',
          TOKEN: 'abc',
          'tls.key': PEM,
          ENCRYPTION_KEY: GENERATED_32,
        },
      }),
    ).toMatchObject({
      message:
        'ConfigMap cm holds secret material in 4 keys; move it to a Secret.',
      findings: [
        {
          path: 'data["db.password"]',
          message:
            'Key db.password has a sensitive name and a value that looks like a secret.',
        },
        {
          path: 'data.TOKEN',
          message:
            'Key TOKEN has a sensitive name and a value that looks like a secret.',
        },
        {
          path: 'data["tls.key"]',
          message: 'Key tls.key, line 1: holds a private key.',
        },
        {
          path: 'data.ENCRYPTION_KEY',
          message: 'Key ENCRYPTION_KEY holds what looks like a generated key.',
        },
      ],
    });
  });

  it('reads an embedded application.properties line by line', () => {
    const properties = [
      'server.port=8080',
      'spring.datasource.url=jdbc:postgresql://orders-db:5432/orders',
      'spring.datasource.username=orders',
      'spring.datasource.password=hunter2',
      'spring.security.oauth2.client.registration.github.client-secret=${GITHUB_CLIENT_SECRET}',
      'spring.ai.openai.chat.options.max-tokens=4096',
      'management.endpoints.web.exposure.include=health,prometheus',
    ].join('\n');
    const result = resultOf({ data: { 'application.properties': properties } });
    expect(result.status).toBe('fail');
    // A Spring `${...}` placeholder is a reference, not material.
    expect(result.findings).toEqual([
      {
        path: 'data["application.properties"]',
        message:
          'Key application.properties, line 4: sets spring.datasource.password to a literal value that looks like a secret.',
      },
    ]);
  });

  it('reads .env, INI and YAML files, and base64 ones in binaryData', () => {
    const dotenv = [
      '# generated by the release job',
      'DATABASE_HOST=orders-db',
      'export SMTP_PASSWORD="mail-pw"',
      'MAX_TOTAL_TOKENS=4096',
    ].join('\n');
    const ini = ['[client]', 'user = app', "password = 'hunter2'"].join('\n');
    const yaml = [
      'database:',
      '  host: orders-db',
      '  password: hunter2',
      '  passwordFile: /run/secrets/db',
      '  timeout: 30',
    ].join('\n');
    const result = resultOf({
      data: { '.env': dotenv, 'my.cnf': ini, 'config.yaml': yaml },
      binaryData: { 'legacy.env': btoa(dotenv) },
    });
    expect(result.findings).toEqual([
      {
        path: 'data[".env"]',
        message:
          'Key .env, line 3: sets SMTP_PASSWORD to a literal value that looks like a secret.',
      },
      {
        path: 'data["my.cnf"]',
        message:
          'Key my.cnf, line 3: sets password to a literal value that looks like a secret.',
      },
      {
        path: 'data["config.yaml"]',
        message:
          'Key config.yaml, line 3: sets password to a literal value that looks like a secret.',
      },
      {
        path: 'binaryData["legacy.env"]',
        message:
          'Key legacy.env, line 3: sets SMTP_PASSWORD to a literal value that looks like a secret.',
      },
    ]);
  });

  it('passes a redis.conf: requirepass is not one of the sensitive words', () => {
    const redis = ['port 6379', 'requirepass foobared', 'maxmemory 256mb'];
    expect(resultOf({ data: { 'redis.conf': redis.join('\n') } }).status).toBe(
      'pass',
    );
  });

  it('finds a credential format anywhere in an embedded file', () => {
    const values = [
      'replicas: 2',
      'webhook:',
      '  tls.key: |',
      '    -----BEGIN EC PRIVATE KEY-----',
      '    MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5dWGtE8eNZKNhoAoGCCqGSM49',
      '    -----END EC PRIVATE KEY-----',
      `  notify: https://hooks.example.com/?t=${GITHUB_TOKEN}`,
    ].join('\n');
    expect(
      resultOf({ data: { 'values.yaml': values } }).findings?.map(
        f => f.message,
      ),
    ).toEqual([
      'Key values.yaml, line 4: holds a private key.',
      'Key values.yaml, line 7: holds a GitHub token.',
    ]);
  });

  it('judges an embedded file under a sensitive key by its name too', () => {
    const json = [
      '{',
      '  "type": "service_account",',
      '  "project_id": "acme"',
      '}',
    ];
    expect(
      resultOf({ data: { 'credentials.json': json.join('\n') } }).findings,
    ).toEqual([
      {
        path: 'data["credentials.json"]',
        message:
          'Key credentials.json has a sensitive name and a value that looks like a secret.',
      },
    ]);
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
  it('reports names, paths and line numbers only', () => {
    const markers = [
      's3cr3t-MARKER-123',
      'tok-MARKER-456',
      'pem-MARKER-789',
      'bin-MARKER-000',
      'prop-MARKER-321',
      'Gen0MARKER0Key0Abcdefghij9',
    ];
    const pem = `-----BEGIN PRIVATE KEY-----\n${markers[2]}\n-----END PRIVATE KEY-----`;
    const token = `ghp_${markers[1].replace(/-/g, '')}ABCDEFGH`;
    const properties = `a=1\nspring.datasource.password=${markers[4]}\nb=2`;
    const report = evaluate(
      [
        withEnv([
          { name: 'DB_PASSWORD', value: markers[0] },
          { name: 'SOME_TOKEN', value: `prefix-${markers[1]}` },
          { name: 'KEY_MATERIAL', value: pem },
          { name: 'INNOCUOUS', value: token },
          { name: 'ENCRYPTION_KEY', value: markers[5] },
        ]),
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'leaky' },
          data: {
            password: markers[0],
            'api-key': markers[1],
            cert: pem,
            label: token,
            'application.properties': properties,
            ENCRYPTION_KEY: markers[5],
          },
          binaryData: {
            secret: btoa(markers[3]),
            blob: btoa(pem),
            'app.properties': btoa(properties),
          },
        },
      ],
      { config: { exemptions: [] } },
    );
    const envChecked = report.workloads[0].results.find(
      r => r.check === 'no-secrets-in-env',
    );
    expect(envChecked?.findings).toHaveLength(5);
    expect(report.objects[0].results[0].findings).toHaveLength(9);
    const text = JSON.stringify(report);
    for (const marker of [...markers, token]) {
      expect(text).not.toContain(marker);
      expect(text).not.toContain(marker.slice(0, 8));
      expect(text).not.toContain(btoa(marker));
    }
    expect(text).not.toContain('-----BEGIN');
    expect(text).not.toContain('ghp_');
  });
});
