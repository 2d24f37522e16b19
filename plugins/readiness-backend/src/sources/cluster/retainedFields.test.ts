import fc from 'fast-check';
import {
  evaluateReadiness,
  findSecretsInConfigValue,
  KubeObject,
  secretMaterial,
} from '@prodready/backstage-plugin-readiness-common';
import {
  redactConfigMapValue,
  redactEnvValue,
  REDACTED_BINARY,
  REDACTED_BINARY_HARMLESS,
  REDACTED_BINARY_PRIVATE_KEY,
  REDACTED_CREDENTIALS,
  REDACTED_GENERATED_KEY,
  REDACTED_HARMLESS,
  REDACTED_PRIVATE_KEY,
  REDACTED_VALUE,
  redactSecretValues,
  retainObject,
} from './retainedFields';

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

const GENERATED = 'q7Vt2Lx9Rk4Wm8Zp3Hs6Bn1Yc5Dj0Fg2';
const NAMES = [
  'LOG_LEVEL',
  'DB_PASSWORD',
  'API_KEY',
  'ENCRYPTION_KEY',
  'SECRET_KEY',
  'tls.key',
  '',
];

describe('redaction markers', () => {
  it('are judged as the kind they stand for, under any name', () => {
    for (const name of NAMES) {
      expect(secretMaterial(name, REDACTED_HARMLESS)).toBeUndefined();
      for (const [format, marker] of Object.entries(REDACTED_CREDENTIALS)) {
        expect(secretMaterial(name, marker)).toBe(format);
      }
    }
    expect(secretMaterial('DB_PASSWORD', REDACTED_VALUE)).toBe(
      'sensitive-name',
    );
    expect(secretMaterial('LOG_LEVEL', REDACTED_VALUE)).toBeUndefined();
    // A sensitive name with a path is no secret, with or without redaction.
    expect(secretMaterial('SECRET_KEY', REDACTED_GENERATED_KEY)).toBe(
      'generated-key',
    );
    expect(secretMaterial('DB_PASSWORD', REDACTED_GENERATED_KEY)).toBe(
      undefined,
    );
    expect(atob(REDACTED_BINARY)).toBe(REDACTED_VALUE);
    expect(atob(REDACTED_BINARY_HARMLESS)).toBe(REDACTED_HARMLESS);
    expect(atob(REDACTED_BINARY_PRIVATE_KEY)).toBe(REDACTED_PRIVATE_KEY);
  });

  it.each([
    ['DB_PASSWORD', undefined, undefined],
    ['DB_PASSWORD', null, null],
    ['DB_PASSWORD', '', ''],
    ['LOG_LEVEL', 'debug', REDACTED_HARMLESS],
    ['DB_PASSWORD', 'hunter2', REDACTED_VALUE],
    ['MYSQL_ALLOW_EMPTY_PASSWORD', 'yes', REDACTED_HARMLESS],
    ['TOKEN_TTL', 3600, REDACTED_HARMLESS],
    ['DB_PASSWORD', { nested: 'x' }, REDACTED_HARMLESS],
    ['ENCRYPTION_KEY', GENERATED, REDACTED_GENERATED_KEY],
    [
      'BUILD_LABEL',
      'ghp_R8kq2LmZ0tW4vXy7Pn3Hs9DfGb1Jc6Ae5Uo2',
      REDACTED_CREDENTIALS['github-token'],
    ],
    [
      'CERT',
      '-----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY-----',
      REDACTED_PRIVATE_KEY,
    ],
    [
      'CERT',
      '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
      REDACTED_HARMLESS,
    ],
  ])('env %s=%j → %j', (name, value, expected) => {
    expect(redactEnvValue(name, value)).toEqual(expected);
  });

  it.each([
    ['data', 'LOG_LEVEL', 'x', REDACTED_HARMLESS],
    ['data', 'password', 'x', REDACTED_VALUE],
    ['data', 'password', '', ''],
    ['data', 'cert', 'a -----BEGIN PRIVATE KEY----- b', REDACTED_PRIVATE_KEY],
    ['binaryData', 'blob', base64('plain'), REDACTED_BINARY_HARMLESS],
    ['binaryData', 'secret', base64('plain'), REDACTED_BINARY],
    [
      'binaryData',
      'blob',
      base64('-----BEGIN RSA PRIVATE KEY-----'),
      REDACTED_BINARY_PRIVATE_KEY,
    ],
    // Not base64: the engine judges it as written, and so does redaction.
    [
      'binaryData',
      'blob',
      '-----BEGIN PRIVATE KEY-----',
      REDACTED_BINARY_PRIVATE_KEY,
    ],
    ['binaryData', 'blob', '!plain', REDACTED_BINARY_HARMLESS],
    ['binaryData', 'blob', null, null],
    ['binaryData', 'blob', 7, REDACTED_BINARY_HARMLESS],
  ] as const)('%s %s=%j → %j', (field, key, value, expected) => {
    expect(redactConfigMapValue(field, key, value)).toEqual(expected);
  });

  it('keeps the lines of an embedded file that hold secrets, and nothing else', () => {
    const properties = [
      'server.port=8080',
      'spring.datasource.password=hunter2',
      'spring.datasource.username=orders',
      `app.encryption.key=${GENERATED}`,
      'webhook=https://x:ghp_R8kq2LmZ0tW4vXy7Pn3Hs9DfGb1Jc6Ae5Uo2@github.com',
    ].join('\r\n');
    const redacted = redactConfigMapValue(
      'data',
      'application.properties',
      properties,
    );
    expect(redacted).toBe(
      [
        '#',
        `spring.datasource.password=${REDACTED_VALUE}`,
        '#',
        `app.encryption.key=${REDACTED_GENERATED_KEY}`,
        REDACTED_CREDENTIALS['github-token'],
      ].join('\n'),
    );
    expect(
      findSecretsInConfigValue('application.properties', redacted),
    ).toEqual(findSecretsInConfigValue('application.properties', properties));
  });
});

describe('retainObject', () => {
  it('drops Pods, ReplicaSets and ReplicationControllers owned by a controller, keeps bare ones', () => {
    const owned = {
      ownerReferences: [
        { kind: 'ReplicaSet', name: 'web-1', controller: true },
      ],
    };
    expect(
      retainObject({ kind: 'Pod', metadata: { name: 'p', ...owned } }),
    ).toBeUndefined();
    expect(
      retainObject({ kind: 'ReplicaSet', metadata: { name: 'r', ...owned } }),
    ).toBeUndefined();
    expect(
      retainObject({
        kind: 'ReplicationController',
        metadata: { name: 'shop-1', ...owned },
      }),
    ).toBeUndefined();
    expect(
      retainObject({
        kind: 'Pod',
        metadata: { name: 'p', ownerReferences: [{ kind: 'Node', name: 'n' }] },
      }),
    ).toBeDefined();
    expect(
      retainObject({
        kind: 'Deployment',
        metadata: { name: 'd', ...owned },
      }),
    ).toBeDefined();
  });

  it('drops status, managedFields and the last-applied copy', () => {
    const object = retainObject({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'web',
        managedFields: [{ manager: 'kubectl' }],
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration':
            '{"env":"secret"}',
          'prodready.dev/exempt.pdb': 'single replica by design',
        },
      },
      spec: { replicas: 1 },
      status: { readyReplicas: 1 },
    });
    expect(object).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'web',
        annotations: { 'prodready.dev/exempt.pdb': 'single replica by design' },
      },
      spec: { replicas: 1 },
    });
  });

  it('redacts env in every place a pod spec lives', () => {
    const env = () => [
      { name: 'A', value: 'secret-a' },
      { name: 'B', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
    ];
    const pod = { containers: [{ name: 'c', env: env() }] };
    const objects: KubeObject[] = [
      {
        kind: 'Pod',
        spec: { ...clone(pod), ephemeralContainers: [{ env: env() }] },
      },
      {
        kind: 'Deployment',
        spec: {
          template: {
            spec: { initContainers: [{ env: env() }], ...clone(pod) },
          },
        },
      },
      {
        kind: 'CronJob',
        spec: { jobTemplate: { spec: { template: { spec: clone(pod) } } } },
      },
    ];
    const text = JSON.stringify(objects.map(o => retainObject(o)));
    expect(text).not.toContain('secret-a');
    expect(text).toContain('secretKeyRef');
  });

  it('redacts ConfigMap values under any key, even __proto__', () => {
    const configMap = JSON.parse(
      '{"kind":"ConfigMap","metadata":{"name":"c"},' +
        '"data":{"__proto__":"secret-proto","password":"secret-pw"},' +
        '"binaryData":["secret-in-array"]}',
    );
    const kept = retainObject(configMap)!;
    expect(JSON.stringify(kept)).not.toContain('secret-');
    expect(Object.keys(kept.data!)).toEqual(['__proto__', 'password']);
    expect(kept.binaryData).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------
// Property: redaction changes no verdict and leaves no original value.

/** Every secret embeds a unique id, so a leak is easy to spot. */
const secretText = fc
  .uuid()
  .chain(id =>
    fc.constantFrom(
      `plain-${id}`,
      `-----BEGIN RSA PRIVATE KEY-----\n${id}\n-----END RSA PRIVATE KEY-----`,
      `config: 1\nkey: |\n  -----BEGIN OPENSSH PRIVATE KEY-----${id}`,
      `-----BEGIN CERTIFICATE-----\n${id}\n-----END CERTIFICATE-----`,
      `PRIVATE KEY ${id} -----BEGIN`,
      `ghp_${id.replace(/-/g, '')}`,
      `https://ci:glpat-${id}@gitlab.example.com/acme/app.git`,
      `eyJ${id}.eyJ${id}.${id}`,
      `AIza${id.replace(/-/g, '').slice(0, 31)}Q9x_`,
      `Zk${id.replace(/-/g, '')}`,
      `/run/secrets/${id}`,
      `$(${id.replace(/-/g, '_')})`,
      id.replace(/\D/g, ''),
      'yes',
      `a=1\r\npassword=${id}\ntoken: "${id}"\n# note ${id}\nmax_tokens=4096`,
      `[db]\nuser = app\nsecret = '${id}'\napi.key=Q${id}\n\n`,
      `db:\n  password: |\n    ${id}\n  url: https://${id}`,
      `one\rtwo\rpasswd=${id}`,
    ),
  );
const envValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(''),
  secretText,
  secretText.map(text => ({ nested: text })),
  fc.integer(),
  fc.boolean(),
);
const keyName = fc.constantFrom(
  'LOG_LEVEL',
  'DB_PASSWORD',
  'api_key',
  'GitHubToken',
  'tls.key',
  'ENCRYPTION_KEY',
  'credentials.json',
  'MAX_TOTAL_TOKENS',
  'DB_PASSWORD_FILE',
  'HOME',
  '',
);
const envEntry = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record(
      { name: keyName, value: envValue },
      { requiredKeys: ['name'] },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      name: keyName,
      valueFrom: fc.constant({ configMapKeyRef: { name: 'cm-0', key: 'k' } }),
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom(null, 'junk', 3) },
);
const container = fc.record({
  name: fc.constantFrom('app', 'sidecar'),
  image: fc.constant('registry.example.com/app:1.0'),
  env: fc.oneof(
    fc.array(envEntry, { maxLength: 5 }),
    fc.constant('not-a-list'),
  ),
});
const podSpec = fc.record(
  {
    containers: fc.array(container, { minLength: 1, maxLength: 2 }),
    initContainers: fc.array(container, { maxLength: 1 }),
  },
  { requiredKeys: ['containers'] },
);
const owner = fc.option(
  fc.constant([{ kind: 'ReplicaSet', name: 'owner', controller: true }]),
  { nil: undefined },
);
const workload = fc
  .tuple(
    fc.constantFrom(
      ['apps/v1', 'Deployment'],
      ['apps/v1', 'StatefulSet'],
      ['batch/v1', 'Job'],
      ['batch/v1', 'CronJob'],
      ['v1', 'Pod'],
      ['apps/v1', 'ReplicaSet'],
      ['argoproj.io/v1alpha1', 'Rollout'],
    ),
    podSpec,
    owner,
    fc.constantFrom('a', 'b'),
  )
  .map(([[apiVersion, kind], spec, ownerReferences, namespace]) => {
    let body: Record<string, unknown>;
    if (kind === 'Pod') body = spec;
    else if (kind === 'CronJob') {
      body = { jobTemplate: { spec: { template: { spec } } } };
    } else
      body = {
        replicas: 2,
        template: { metadata: { labels: { app: 'x' } }, spec },
      };
    return {
      apiVersion,
      kind,
      metadata: { namespace, ...(ownerReferences ? { ownerReferences } : {}) },
      spec: body,
    } as KubeObject;
  });
const binaryValue = fc.oneof(
  secretText.map(base64),
  secretText.map(text => `!${text}`), // not base64
  fc.constantFrom('', null, 5),
);
const configMap = fc
  .record(
    {
      data: fc.oneof(
        fc.dictionary(
          keyName,
          fc.oneof(secretText, fc.constantFrom('', null, 1)),
          {
            maxKeys: 4,
          },
        ),
        fc.array(secretText, { maxLength: 2 }),
      ),
      binaryData: fc.dictionary(keyName, binaryValue, { maxKeys: 3 }),
    },
    { requiredKeys: [] },
  )
  .chain(fields =>
    fc.constantFrom('a', 'b').map(
      namespace =>
        ({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { namespace },
          ...fields,
        } as KubeObject),
    ),
  );
const objects = fc
  .array(fc.oneof(workload, configMap), { maxLength: 8 })
  .map(list =>
    list.map(
      (object, index): KubeObject => ({
        ...object,
        metadata: {
          ...object.metadata,
          name: object.kind === 'ConfigMap' ? `cm-${index}` : `w-${index}`,
        },
      }),
    ),
  );

function report(list: KubeObject[]) {
  const { evaluatedAt, ...rest } = evaluateReadiness({
    objects: list.map(object => ({ object })),
    configMapScope: 'all',
    now: new Date('2026-01-01T00:00:00Z'),
  });
  return rest;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const TEXT_MARKERS = [
  REDACTED_HARMLESS,
  REDACTED_VALUE,
  REDACTED_GENERATED_KEY,
  ...Object.values(REDACTED_CREDENTIALS),
];
const ENV_MARKERS = new Set<unknown>([undefined, null, '', ...TEXT_MARKERS]);
const MARKER_LINE = new RegExp(
  `^(?:#|(?:[A-Za-z0-9_.-]+=)?(?:${TEXT_MARKERS.map(marker =>
    marker.replace(/[$()|[\]{}.*+?^\\]/g, '\\$&'),
  ).join('|')}))$`,
);

/** A marker, or an embedded file made only of marker lines and comments. */
function isDataMarker(value: unknown): boolean {
  if (value === null || value === '') return true;
  return (
    typeof value === 'string' &&
    value.split('\n').every(line => MARKER_LINE.test(line))
  );
}

function isBinaryMarker(value: unknown): boolean {
  if (value === null || value === '') return true;
  return typeof value === 'string' && isDataMarker(atob(value));
}

function podSpecOf(object: KubeObject): any {
  if (object.kind === 'Pod') return object.spec;
  if (object.kind === 'CronJob')
    return object.spec.jobTemplate.spec.template.spec;
  return object.spec.template.spec;
}

/** Every env and ConfigMap value of generated objects, after redaction. */
function valuesAfterRedaction(list: KubeObject[]) {
  const values = {
    env: [] as unknown[],
    data: [] as unknown[],
    binaryData: [] as unknown[],
  };
  for (const object of list) {
    if (object.kind === 'ConfigMap') {
      values.data.push(...Object.values(object.data ?? {}));
      values.binaryData.push(
        ...Object.values((object.binaryData as Record<string, unknown>) ?? {}),
      );
      continue;
    }
    const spec = podSpecOf(object);
    for (const item of [...spec.containers, ...(spec.initContainers ?? [])]) {
      if (!Array.isArray(item.env)) continue;
      for (const entry of item.env) {
        if (entry && typeof entry === 'object') values.env.push(entry.value);
      }
    }
  }
  return values;
}

describe('redaction (property)', () => {
  it('gives the same engine verdicts before and after', () => {
    fc.assert(
      fc.property(objects, list => {
        const kept = clone(list)
          .map(object => retainObject(object))
          .filter((object): object is KubeObject => object !== undefined);
        expect(report(kept)).toEqual(report(clone(list)));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves no original value behind, only markers', () => {
    fc.assert(
      fc.property(objects, list => {
        const secrets = JSON.stringify(list).match(UUID) ?? [];
        const redacted = clone(list).map(object => redactSecretValues(object));
        const text = JSON.stringify(redacted);
        expect(secrets.filter(secret => text.includes(secret))).toEqual([]);

        const values = valuesAfterRedaction(redacted);
        expect(values.env.filter(v => !ENV_MARKERS.has(v))).toEqual([]);
        expect(values.data.filter(v => !isDataMarker(v))).toEqual([]);
        expect(values.binaryData.filter(v => !isBinaryMarker(v))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
