/**
 * The compiled functions against the CEL library, which stays the
 * reference: on the documentation's examples, the benchmark's checks and
 * expressions that reach every operator, for generated objects of the
 * shapes manifests have (fields missing, null, of another type), a
 * closure either gives the library's value or defers to it, never a value
 * of its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { Optional } from '@marcbachmann/cel-js';
import { parse } from 'yaml';
import { checkExpression, compileExpression, describeCelError } from '../cel';
import { compileClosure, Closure, Variables } from './compileClosure';
import { FAULT } from './fault';

const DOC = path.resolve(__dirname, '../../../../../docs/custom-checks.md');

/** Every `when`, `rule` and `messageExpression` of the docs' YAML blocks. */
function documentedExpressions(): string[] {
  const found: string[] = [];
  const doc = fs.readFileSync(DOC, 'utf8');
  for (const [, block] of doc.matchAll(/```yaml\n([\s\S]*?)```/g)) {
    let parsed: any;
    try {
      parsed = parse(block);
    } catch {
      continue;
    }
    const checks = parsed?.customChecks ?? parsed?.readiness?.customChecks;
    for (const check of Array.isArray(checks) ? checks : []) {
      for (const key of ['when', 'rule', 'messageExpression']) {
        if (typeof check[key] === 'string') found.push(check[key]);
      }
    }
  }
  return found;
}

/** The ten checks of packages/readiness-cli/bench/customChecks.js. */
const BENCHMARK = [
  "has(podTemplate.metadata.labels) && 'app.kubernetes.io/part-of' in podTemplate.metadata.labels",
  "object.metadata.namespace.startsWith('payments')",
  'object.spec.replicas >= 3',
  "'runs ' + string(int(object.spec.replicas)) + ' replicas; payments needs 3'",
  'object.spec.replicas < 2 || related.pdbs.size() > 0',
  'related.services.exists(s, s.spec.ports.exists(p, p.port == 80))',
  "namespaceObject.metadata.name != 'default'",
  "container.image.startsWith('registry.acme.example/')",
  "'image ' + container.image + ' is not from registry.acme.example'",
  "has(container.resources) && has(container.resources.limits) && 'memory' in container.resources.limits",
  '!has(container.ports) || container.ports.all(p, has(p.name))',
  'object.spec.ports.all(p, has(p.name))',
  'object.spec.maxReplicas <= 20',
];

/** Expressions reaching every operator and function the compiler handles. */
const OPERATORS = [
  'object.spec.replicas == 3',
  'object.spec.replicas != 2.5',
  'object.spec.replicas > 1 && object.spec.replicas <= 3.0',
  'object.spec.replicas + 1.0 > 2.0',
  'object.spec.replicas - 1.0 < 2.0',
  'object.spec.replicas * 2.0 >= 4.0',
  'object.spec.replicas / 2.0 == 1.0',
  'int(object.spec.replicas) % 2 == 0',
  'int(object.spec.replicas) * 3 - 1 == 5',
  'int(object.spec.replicas) / 2 == 1',
  '-object.spec.replicas < 0.0',
  '!(object.spec.replicas == 1)',
  'object.spec.replicas == object.spec.maxReplicas',
  "object.spec.replicas == 'three'",
  'object.spec.paused == true',
  'object.spec.paused == object.spec.replicas',
  'object.metadata.name == object.metadata.labels',
  'object.metadata.name in object.spec.ports',
  'object.spec.replicas in object.metadata.labels',
  'object.spec.replicas in object.spec.template',
  'object.spec.paused == null',
  'object.metadata.labels == null',
  "object.metadata.name < 'm' || object.metadata.name >= 'x'",
  'object.spec.paused < true',
  "object.metadata.name + '-' + object.metadata.namespace == 'a-b'",
  "object.metadata.name in ['api', 'web', 'worker']",
  'object.spec.replicas in [1, 2, 3]',
  'object.spec.replicas in object.spec.ports.map(p, p.port)',
  "'team' in object.metadata.labels",
  "'team' in object.metadata.labels && object.metadata.labels.team != ''",
  "object.metadata.labels['team'] == 'payments'",
  'object.spec.ports[0].port == 80',
  "object.spec.ports[1].name == 'http'",
  'object.spec.ports.size() > 1 ? object.spec.ports[1].port == 443 : false',
  'size(object.spec.ports) == 2',
  'size(object.metadata.name) > 3',
  'object.metadata.labels.size() == 0',
  'size(object.metadata.labels) == 0',
  "object.metadata.name.endsWith('-api')",
  "object.metadata.name.contains('pay')",
  "object.metadata.name.matches('^[a-z]+(-[a-z]+)*$')",
  "object.metadata.name.matches('([') || true",
  'object.metadata.name.lowerAscii() == object.metadata.name',
  "object.metadata.name.upperAscii() != ''",
  'object.metadata.name.trim() == object.metadata.name',
  "object.metadata.name.split('-').size() == 2",
  "object.metadata.labels.map(k, k).join(',') != ''",
  "object.metadata.labels.map(k, k).join() != ''",
  "object.spec.ports.map(p, string(p.port)).join(', ') != ''",
  'object.spec.ports.map(p, p.port > 100, p.port).size() > 0',
  'object.spec.ports.filter(p, has(p.name)).size() == 1',
  'object.spec.ports.exists_one(p, p.port == 80)',
  'object.spec.ports.all(p, p.port > 0) || object.spec.ports.exists(p, p.port == 0)',
  "object.metadata.labels.all(k, k.startsWith('app'))",
  "object.metadata.labels.exists(k, object.metadata.labels[k] == 'payments')",
  'related.services.all(s, s.spec.ports.all(p, p.port == 80 || has(p.name)))',
  "related.services.exists(object, object.metadata.name == 'api')",
  'string(object.spec.replicas) != string(1)',
  "string(object.spec.paused) == 'true'",
  'double(int(object.spec.replicas)) == object.spec.replicas',
  'dyn(object.spec.replicas) == 1',
  'object.?spec.?replicas.orValue(1) >= 3',
  "object.?spec.?strategy.?type.orValue('RollingUpdate') == 'Recreate'",
  'object.spec.?replicas.hasValue()',
  'object.spec.?replicas.value() > 1',
  'object.?metadata.labels.orValue({}).size() == 0',
  'has(object.spec.template.metadata.labels)',
  'has(object.metadata.labels.team) && object.metadata.labels.team == container.name',
  'entity == null || has(entity.metadata.annotations)',
  "container.image.startsWith(object.metadata.namespace + '/')",
  'podSpec.containers.exists(c, c.name == container.name)',
  'podTemplate.spec.containers.size() == podSpec.containers.size()',
  "related.serviceAccount == null || related.serviceAccount.metadata.name != 'default'",
  '(object.spec.replicas > 1 || object.spec.paused) && !object.spec.paused',
  'object.spec.paused || object.spec.replicas > 1',
  'object.spec.replicas > 1 && object.spec.paused',
  'object.spec.paused && object.spec.replicas > 1',
  '[1, 2, 3].exists(n, n == int(object.spec.replicas))',
  "['a', 'b'].all(x, x in object.metadata.labels)",
  '[object.spec.replicas, dyn(2)].size() == 2',
  'now == now || true',
  "now > timestamp('2020-01-01T00:00:00Z')",
  "{'a': 1}.a == 1",
  "{'a': object.metadata.name, 'b': object.metadata.namespace}.size() == 2",
  "'a' in {'a': object.spec.replicas}",
  // The CLI's and the backend's READMEs.
  "'team' in podTemplate.?metadata.?labels.orValue({})",
  "entity != null && entity.?spec.?system.orValue('') == 'payments'",
  "container.image.contains('@sha256:')",
  "has(object.spec.ingressClassName) && object.spec.ingressClassName in ['internal-nginx', 'public-nginx']",
];

const LEAVES = [
  'payments',
  'payments-api',
  'api',
  'default',
  'team',
  'http',
  'registry.acme.example/base/api:1',
  '',
  0,
  1,
  2,
  3,
  2.5,
  80,
  443,
  -1,
  true,
  false,
  null,
];

/** A value as manifests hold them: a leaf, a list or a map, often nested. */
const value: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>(tie => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...LEAVES),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(
      fc.constantFrom('name', 'port', 'team', 'app'),
      tie('value'),
      {
        maxKeys: 3,
      },
    ),
  ),
})).value;

/** A field that is usually of the expected shape, sometimes anything. */
const mostly = <T>(expected: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: expected }, { weight: 1, arbitrary: value });

const labels = mostly(
  fc.dictionary(
    fc.constantFrom('team', 'app', 'app.kubernetes.io/part-of'),
    fc.constantFrom('payments', 'api', ''),
    { maxKeys: 3 },
  ),
);
const port = mostly(
  fc.record(
    {
      port: mostly(fc.constantFrom(80, 443, 8080, 0)),
      name: mostly(fc.constantFrom('http', 'grpc')),
    },
    { requiredKeys: ['port'] },
  ),
);
const container = mostly(
  fc.record(
    {
      name: mostly(fc.constantFrom('api', 'sidecar')),
      image: mostly(
        fc.constantFrom(
          'registry.acme.example/base/api:1',
          'payments/api:2',
          'nginx',
        ),
      ),
      ports: mostly(fc.array(port, { maxLength: 2 })),
      resources: mostly(
        fc.record(
          {
            limits: mostly(
              fc.dictionary(
                fc.constantFrom('memory', 'cpu'),
                fc.constantFrom('1Gi', '1'),
              ),
            ),
          },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: ['name'] },
  ),
);
const metadata = mostly(
  fc.record(
    {
      name: mostly(fc.constantFrom('api', 'payments-api', 'web', 'x')),
      namespace: mostly(fc.constantFrom('payments', 'default', 'sandbox')),
      labels,
    },
    { requiredKeys: ['name'] },
  ),
);
const podSpec = mostly(
  fc.record({ containers: mostly(fc.array(container, { maxLength: 2 })) }),
);
const podTemplate = mostly(
  fc.record({ metadata, spec: podSpec }, { requiredKeys: [] }),
);
const kubeObject = fc.record(
  {
    metadata,
    spec: mostly(
      fc.record(
        {
          replicas: mostly(fc.constantFrom(1, 2, 3, 5)),
          maxReplicas: mostly(fc.constantFrom(3, 20, 30)),
          paused: mostly(fc.boolean()),
          ports: mostly(fc.array(port, { maxLength: 3 })),
          template: podTemplate,
          ingressClassName: mostly(fc.constantFrom('acme-nginx', 'nginx')),
        },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: [] },
);

const variables: fc.Arbitrary<Variables> = fc.record({
  object: kubeObject,
  podTemplate,
  podSpec,
  container,
  related: fc.record({
    services: mostly(fc.array(kubeObject, { maxLength: 2 })),
    pdbs: mostly(fc.array(kubeObject, { maxLength: 2 })),
    hpas: mostly(fc.array(kubeObject, { maxLength: 1 })),
    networkPolicies: fc.constant([]),
    ingresses: fc.constant([]),
    serviceMonitors: fc.constant([]),
    podMonitors: fc.constant([]),
    configMaps: fc.constant([]),
    serviceAccount: fc.oneof(fc.constant(null), kubeObject),
  }),
  namespaceObject: kubeObject,
  entity: fc.oneof(fc.constant(null), fc.record({ metadata })),
  now: fc.constant(new Date('2026-01-15T00:00:00Z')),
});

type Result = { value: unknown } | { error: true } | { fault: true };

function libraryResult(
  library: (variables: object) => unknown,
  input: Variables,
): Result {
  try {
    return { value: library(input) };
  } catch {
    return { error: true };
  }
}

function closureResult(closure: Closure, input: Variables): Result {
  try {
    return { value: closure(input) };
  } catch (problem) {
    if (problem !== FAULT) throw problem;
    return { fault: true };
  }
}

/** The checked expression, a rule or (failing that) a message. */
function checked(source: string) {
  try {
    return checkExpression(source, 'container', 'bool');
  } catch {
    return checkExpression(source, 'container', 'string');
  }
}

function compiled(source: string) {
  const library = checked(source);
  return { library, closure: compileClosure(library.ast, Optional) };
}

const EXPRESSIONS = [
  ...new Set([...documentedExpressions(), ...BENCHMARK, ...OPERATORS]),
];

/** Expressions with a node the compiler leaves to the library. */
const LEFT_TO_THE_LIBRARY = [
  "now > timestamp('2020-01-01T00:00:00Z')",
  "{'a': 1}.a == 1",
];

describe('compiled CEL closures', () => {
  it('finds the documentation examples', () => {
    expect(documentedExpressions().length).toBeGreaterThanOrEqual(10);
  });

  it('compiles every expression but those with nodes it leaves to the library', () => {
    const notCompiled = EXPRESSIONS.filter(
      source => compiled(source).closure === undefined,
    );
    expect(notCompiled).toEqual(LEFT_TO_THE_LIBRARY);
  });

  it.each(EXPRESSIONS)(
    'gives the library value or defers to it: %s',
    source => {
      const { library, closure } = compiled(source);
      if (!closure) return;
      let answered = 0;
      fc.assert(
        fc.property(variables, input => {
          const reference = libraryResult(library, input);
          const result = closureResult(closure, input);
          if ('fault' in result) return;
          answered++;
          expect(result).toEqual(reference);
        }),
        { numRuns: 150 },
      );
      // Closures that always deferred would be slower than the library.
      expect(answered).toBeGreaterThan(0);
    },
  );

  it('answers the benchmark checks without the library on a well-formed workload', () => {
    const workload: Variables = {
      object: {
        metadata: {
          name: 'api',
          namespace: 'payments',
          labels: { app: 'api' },
        },
        spec: {
          replicas: 2,
          maxReplicas: 5,
          ports: [{ name: 'http', port: 80 }],
        },
      },
      podTemplate: { metadata: { labels: { app: 'api' } }, spec: {} },
      podSpec: {},
      container: {
        name: 'api',
        image: 'nginx',
        ports: [{ containerPort: 80 }],
      },
      related: {
        services: [{ spec: { ports: [{ port: 80 }] } }],
        pdbs: [],
      },
      namespaceObject: { metadata: { name: 'payments' } },
      entity: null,
      now: new Date(),
    };
    for (const source of BENCHMARK) {
      const { closure } = compiled(source);
      expect(closureResult(closure!, workload)).toEqual({
        value: expect.anything(),
      });
    }
  });

  it('gives the library its say on paths from variables that hold no map', () => {
    // Paths are read by one closure without a check of the variable: the
    // fields' own checks must then stand in for it.
    const sources = [
      'object.spec.replicas == 1',
      'object.spec == 1',
      'has(object.spec)',
      'has(object.spec.replicas)',
      'container.ports.all(p, has(p.name) && p.name.size() > 0)',
    ];
    const roots: unknown[] = [
      undefined,
      null,
      'text',
      3,
      [],
      [{ spec: {} }],
      new Map([['spec', { replicas: 1 }]]),
      new Date(0),
      Object.assign(Object.create(null), { spec: { replicas: 1 } }),
      { spec: { replicas: 1 } },
      { spec: null },
    ];
    const outcomes = new Set<string>();
    for (const source of sources) {
      const { library, closure } = compiled(source);
      for (const root of roots) {
        const input: Variables = { object: root, container: root };
        const result = closureResult(closure!, input);
        outcomes.add(Object.keys(result)[0]);
        if ('fault' in result) continue;
        expect(result).toEqual(libraryResult(library, input));
      }
    }
    expect([...outcomes].sort()).toEqual(['fault', 'value']);
  });

  it('reads the keys an expression names as the library does, on objects of any kind', () => {
    // Each key an expression names, and each list a comprehension runs
    // over, is read by a function of the expression's own, which answers
    // for plain values and leaves the rest to the runtime's helpers: keys
    // every object inherits, objects without a prototype or with a key
    // named `constructor`, lists of other values, Maps, classes.
    const sources = [
      "object.metadata.constructor == 'x'",
      "object.metadata.toString == 'x'",
      'has(object.metadata.constructor)',
      'has(object.metadata.hasOwnProperty)',
      "'constructor' in object.metadata",
      "'valueOf' in object.metadata",
      "object.metadata.name == 'api'",
      'has(object.metadata.name)',
      "'name' in object.metadata",
      'has(object.metadata.labels.team)',
      "object.metadata.exists(x, x == 'name')",
      'object.metadata.all(x, x != null)',
    ];
    class Metadata {
      name = 'api';
    }
    const metadataValues: unknown[] = [
      {},
      { name: 'api' },
      { name: 'api', labels: { team: 'x' } },
      { name: new Date(0) },
      { name: new Map() },
      { labels: null },
      { constructor: 'x', name: 'api' },
      { toString: 'x', valueOf: 'y', hasOwnProperty: 'z' },
      Object.assign(Object.create(null), { name: 'api', constructor: 'x' }),
      new Metadata(),
      new Map([['name', 'api']]),
      ['name'],
      ['name', null],
      [new Date(0)],
      [new Map()],
      'name',
      null,
    ];
    const outcomes = new Set<string>();
    for (const source of sources) {
      const { library, closure } = compiled(source);
      for (const held of metadataValues) {
        const input: Variables = { object: { metadata: held } };
        const result = closureResult(closure!, input);
        outcomes.add(Object.keys(result)[0]);
        if ('fault' in result) continue;
        expect({ source, held, result }).toEqual({
          source,
          held,
          result: libraryResult(library, input),
        });
      }
    }
    expect([...outcomes].sort()).toEqual(['fault', 'value']);
  });

  it('turns no text of an expression into code', () => {
    // Strings and keys that would end a JavaScript string or comment if
    // they were pasted into the generated code rather than quoted.
    const hostile = [
      `"); globalThis.celInjected = true; ("`,
      `'); globalThis.celInjected = true; ('`,
      '`${globalThis.celInjected = true}`',
      '*/ globalThis.celInjected = true; /*',
      '\\"); globalThis.celInjected = true; //',
      'line\u2028separator\u2029and\nnewline',
    ];
    const celString = (text: string) => JSON.stringify(text);
    for (const text of hostile) {
      const sources = [
        `object.metadata.name == ${celString(text)}`,
        `object.metadata.labels[${celString(text)}] == 'x'`,
        `{${celString(text)}: 1}.size() == 1 || object.metadata.name != ''`,
        `[${celString(text)}].exists(s, s == object.metadata.name)`,
        `${celString(text)} in object.metadata.labels`,
      ];
      for (const source of sources) {
        const { library, closure } = compiled(source);
        const input: Variables = {
          object: { metadata: { name: text, labels: { [text]: 'x' } } },
        };
        const reference = libraryResult(library, input);
        const result = closure ? closureResult(closure, input) : reference;
        // A fault defers to the library, whose answer is then the result.
        expect('fault' in result ? reference : result).toEqual(reference);
      }
    }
    expect((globalThis as Record<string, unknown>).celInjected).toBeUndefined();
  });

  it("keeps the library's error messages, with positions", () => {
    const source = 'object.spec.replicas >= 3';
    const rule = compileExpression(source, 'workload', 'bool');
    let thrown: unknown;
    try {
      rule({ object: { spec: {} } });
    } catch (problem) {
      thrown = problem;
    }
    expect(describeCelError(thrown, source)).toBe(
      'No such key: replicas (line 1, col 13)',
    );
  });
});
