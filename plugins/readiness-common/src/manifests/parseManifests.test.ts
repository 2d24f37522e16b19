import * as yaml from 'yaml';
import { ManifestError, parseDocuments, parseManifests } from '.';

function expectManifestError(run: () => unknown): ManifestError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as Error).name).toBe('ManifestError');
    return error as ManifestError;
  }
  throw new Error('expected a ManifestError');
}

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
`;

describe('parseManifests', () => {
  describe('YAML', () => {
    it('reads multi-document YAML with the file and start line of each object', () => {
      const text = `# leading comment
${deployment}---
apiVersion: v1
kind: Service
metadata:
  name: web
`;
      const { objects, notes, format } = parseManifests(text, {
        file: 'deploy/web.yaml',
      });
      expect(format).toBe('yaml');
      expect(notes).toEqual([]);
      expect(objects).toEqual([
        {
          object: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name: 'web' },
            spec: { replicas: 2 },
          },
          file: 'deploy/web.yaml',
          line: 2,
        },
        {
          object: {
            apiVersion: 'v1',
            kind: 'Service',
            metadata: { name: 'web' },
          },
          file: 'deploy/web.yaml',
          line: 9,
        },
      ]);
    });

    it('leaves file unset when none is given', () => {
      const { objects } = parseManifests(deployment);
      expect(objects[0]).not.toHaveProperty('file');
    });

    it('notes empty documents and documents that are not Kubernetes objects', () => {
      const text = `---
# only a comment
---
${deployment}---
just a string
---
name: no-kind
---
kind: Thing
---
`;
      const { objects, notes } = parseManifests(text, { file: 'a.yaml' });
      expect(objects.map(o => o.object.kind)).toEqual(['Deployment']);
      expect(notes.map(n => [n.document, n.reason])).toEqual([
        [1, 'empty'],
        [3, 'not-kubernetes'],
        [4, 'not-kubernetes'],
        [5, 'not-kubernetes'],
        [6, 'empty'],
      ]);
      expect(notes[1].message).toMatch(/^a\.yaml:\d+: document 3 ignored: /);
      expect(notes[2].message).toContain('no apiVersion and no kind');
      expect(notes[3].message).toContain('no apiVersion)');
    });

    it('returns nothing for empty text', () => {
      expect(parseManifests('')).toEqual({
        objects: [],
        notes: [],
        format: 'yaml',
      });
      expect(parseManifests('  \n# nothing\n').objects).toEqual([]);
    });

    it('accepts anchors, aliases and merge keys in moderation', () => {
      const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: &labels
    app: web
spec:
  selector:
    matchLabels: *labels
  template:
    metadata:
      labels:
        <<: *labels
        tier: front
`;
      const [{ object }] = parseManifests(text).objects;
      expect(object.spec.selector.matchLabels).toEqual({ app: 'web' });
      expect(object.spec.template.metadata.labels).toEqual({
        app: 'web',
        tier: 'front',
      });
    });

    it('names the file and line of a syntax error', () => {
      const text = `${deployment}---
apiVersion: v1
kind: Service
metadata:
  name: web
    labels: [a, b
`;
      const error = expectManifestError(() =>
        parseManifests(text, { file: 'deploy/web.yaml' }),
      );
      expect(error.file).toBe('deploy/web.yaml');
      expect(error.line).toBe(11);
      expect(error.message).toMatch(/^deploy\/web\.yaml:11: invalid YAML: /);
      // The yaml package's source snippet is not repeated in the message.
      expect(error.message).not.toContain('\n');
    });

    it('reports a tab used for indentation with its line', () => {
      const error = expectManifestError(() =>
        parseManifests('apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n', {
          file: 'pod.yaml',
        }),
      );
      expect(error.message).toMatch(/^pod\.yaml:4: invalid YAML: /);
    });

    it('never repeats the input quoted in a YAML error', () => {
      const error = expectManifestError(() =>
        parseManifests('apiVersion: v1\nkind: Secret\n- s3cr3t-value\n', {
          file: 'bad.yaml',
        }),
      );
      expect(error.message).toMatch(/^bad\.yaml:3: invalid YAML: /);
      expect(error.message).not.toContain('s3cr3t');
    });

    it('rejects duplicate keys', () => {
      const error = expectManifestError(() =>
        parseManifests('apiVersion: v1\nkind: Pod\nkind: Service\n', {
          file: 'dup.yaml',
        }),
      );
      expect(error.message).toMatch(/^dup\.yaml:3: invalid YAML: .*unique/i);
    });

    it('refuses an alias bomb', () => {
      // "Billion laughs": each level multiplies the previous one by nine.
      const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: lol
data:
  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
  g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
  h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
  i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`;
      const error = expectManifestError(() =>
        parseManifests(text, { file: 'bomb.yaml' }),
      );
      expect(error.message).toBe(
        'bomb.yaml:1: too many YAML aliases (possible alias bomb): more than 100 alias expansions in one document',
      );
    });

    it('refuses 100 levels of nesting, block or flow style', () => {
      let block =
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n';
      for (let level = 0; level < 100; level++) {
        block += `${'  '.repeat(level + 1)}k${level}:\n`;
      }
      block += `${'  '.repeat(101)}leaf: 1\n`;
      const flow = `apiVersion: v1\nkind: ConfigMap\ndata: ${'['.repeat(
        100,
      )}1${']'.repeat(100)}\n`;

      for (const text of [block, flow]) {
        const error = expectManifestError(() =>
          parseManifests(text, { file: 'deep.yaml' }),
        );
        expect(error.message).toBe(
          'deep.yaml:1: nesting is too deep: more than 64 levels of mappings and sequences',
        );
      }
    });

    it('accepts nesting up to the limit', () => {
      const text = `apiVersion: v1\nkind: ConfigMap\ndata: ${'['.repeat(
        63,
      )}1${']'.repeat(63)}\n`;
      expect(parseManifests(text).objects).toHaveLength(1);
      expect(() => parseManifests(text, { limits: { maxDepth: 10 } })).toThrow(
        'more than 10 levels',
      );
    });

    it('refuses nesting so deep that the YAML parser itself gives up', () => {
      const text = `a: ${'['.repeat(20_000)}\n`;
      const error = expectManifestError(() =>
        parseManifests(text, { file: 'deeper.yaml' }),
      );
      expect(error.message).toContain('nesting is too deep');
    });

    it('refuses too many documents before parsing them', () => {
      const text = `${'---\na: 1\n'.repeat(11)}`;
      expect(() =>
        parseManifests(text, {
          file: 'many.yaml',
          limits: { maxDocuments: 10 },
        }),
      ).toThrow(
        'many.yaml: too many YAML documents: 11, more than the limit of 10',
      );
      expect(() =>
        parseManifests('a: 1\n---\nb: 2\n---\nc: 3\n', {
          limits: { maxDocuments: 2 },
        }),
      ).toThrow('too many YAML documents: 3');
    });

    it('refuses oversized input, naming the limit', () => {
      expect(() =>
        parseManifests(deployment, {
          file: 'big.yaml',
          limits: { maxLength: 10 },
        }),
      ).toThrow(
        `big.yaml: input is too large: ${deployment.length} characters, more than the limit of 10 characters`,
      );
      const huge = 'x'.repeat(32 * 1024 * 1024 + 1);
      expect(() => parseManifests(huge, { file: 'huge.yaml' })).toThrow(
        /huge\.yaml: input is too large: 32\.0 MiB, more than the limit of 32 MiB/,
      );
    });

    it('ignores a byte order mark', () => {
      expect(parseManifests(`\uFEFF${deployment}`).objects).toHaveLength(1);
    });
  });

  describe('lists', () => {
    it('flattens kind: List, with the line of each item', () => {
      const text = `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
  - apiVersion: v1
    kind: Service
    metadata:
      name: web
  - not-an-object
`;
      const { objects, notes } = parseManifests(text, { file: 'list.yaml' });
      expect(
        objects.map(o => [o.object.kind, o.object.metadata?.name, o.line]),
      ).toEqual([
        ['Deployment', 'web', 4],
        ['Service', 'web', 8],
      ]);
      expect(objects.every(o => o.file === 'list.yaml')).toBe(true);
      expect(notes).toHaveLength(1);
      expect(notes[0].message).toBe(
        'list.yaml:12: document 1, items[2] ignored: not a Kubernetes object (a string, not a mapping)',
      );
    });

    it('gives the items of an API list the kind of the list', () => {
      const text = JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'DeploymentList',
        metadata: { resourceVersion: '1' },
        items: [
          { metadata: { name: 'a' }, spec: {} },
          { metadata: { name: 'b' }, spec: {} },
        ],
      });
      const { objects } = parseManifests(text, { file: 'deploys.json' });
      expect(objects.map(o => o.object)).toEqual([
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'a' },
          spec: {},
        },
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'b' },
          spec: {},
        },
      ]);
    });

    it('flattens nested lists and top-level sequences', () => {
      const text = `- apiVersion: v1
  kind: List
  items:
    - apiVersion: v1
      kind: ConfigMap
      metadata: { name: a }
- apiVersion: v1
  kind: ConfigMap
  metadata: { name: b }
`;
      const { objects } = parseManifests(text);
      expect(objects.map(o => [o.object.metadata?.name, o.line])).toEqual([
        ['a', 4],
        ['b', 7],
      ]);
    });

    it('reads an empty list as no objects', () => {
      expect(
        parseManifests('{"apiVersion":"v1","kind":"List","items":[]}'),
      ).toEqual({ objects: [], notes: [], format: 'json' });
    });
  });

  describe('parseDocuments', () => {
    it('returns plain values of YAML or JSON documents with their lines', () => {
      expect(parseDocuments('a: 1\n---\n\nb: [2]\n---\n')).toEqual({
        documents: [
          { index: 1, value: { a: 1 }, line: 1 },
          { index: 2, value: { b: [2] }, line: 4 },
          { index: 3, value: null, line: 5 },
        ],
        format: 'yaml',
      });
      expect(parseDocuments(' {"a": 1}')).toEqual({
        documents: [{ index: 1, value: { a: 1 }, line: 1 }],
        format: 'json',
      });
    });

    it('applies the same limits', () => {
      expect(() =>
        parseDocuments('a: [[[1]]]', {
          file: 'c.yaml',
          limits: { maxDepth: 2 },
        }),
      ).toThrow('c.yaml:1: nesting is too deep');
    });
  });

  describe('JSON', () => {
    const kubectlOutput = `{
    "apiVersion": "v1",
    "items": [
        {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": { "name": "web", "namespace": "shop" }
        },
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": { "name": "web", "namespace": "shop" }
        }
    ],
    "kind": "List",
    "metadata": { "resourceVersion": "" }
}
`;

    it('reads kubectl get -o json output', () => {
      const { objects, format } = parseManifests(kubectlOutput, {
        file: 'cluster.json',
      });
      expect(format).toBe('json');
      expect(objects.map(o => [o.object.kind, o.file])).toEqual([
        ['Deployment', 'cluster.json'],
        ['Service', 'cluster.json'],
      ]);
    });

    it('reads JSON with JSON.parse, never with the YAML parser', () => {
      const parse = jest.spyOn(JSON, 'parse');
      const parseYaml = jest.spyOn(yaml, 'parseAllDocuments');
      try {
        parseManifests(`\n  ${kubectlOutput}`);
        parseManifests('[]');
        expect(parse).toHaveBeenCalledTimes(2);
        expect(parseYaml).not.toHaveBeenCalled();
      } finally {
        parse.mockRestore();
        parseYaml.mockRestore();
      }
    });

    it('gives a single JSON object the line it starts on', () => {
      const { objects } = parseManifests(
        '\n\n{"apiVersion":"v1","kind":"Pod"}',
      );
      expect(objects[0].line).toBe(3);
    });

    it('names the file and line of a JSON syntax error', () => {
      const text =
        '{\n  "apiVersion": "v1",\n  "kind": "Pod"\n  "metadata": {}\n}\n';
      const error = expectManifestError(() =>
        parseManifests(text, { file: 'pod.json' }),
      );
      expect(error.line).toBe(4);
      expect(error.message).toMatch(/^pod\.json:4: invalid JSON: /);
      expect(error.message).not.toMatch(/position/);
    });

    it('never repeats the input quoted by JSON.parse, which may be a secret', () => {
      // Invalid as YAML too (one brace too many), so no flow-YAML fallback.
      const text =
        '{\n  "apiVersion": "v1",\n  "data": {"token": s3cr3t-value}\n}}';
      const error = expectManifestError(() =>
        parseManifests(text, { file: 'cm.json' }),
      );
      expect(error.message).toBe('cm.json:3: invalid JSON: unexpected token');
    });

    it('names the line of truncated JSON', () => {
      const error = expectManifestError(() =>
        parseManifests('{\n  "apiVersion": "v1",\n  "kind": "Pod"\n', {
          file: 'cut.json',
        }),
      );
      expect(error.message).toMatch(/^cut\.json:\d+: invalid JSON: /);
    });

    it('reads small flow-style YAML that only looks like JSON', () => {
      const { objects, format } = parseManifests(
        '{apiVersion: v1, kind: Pod, metadata: {name: x}}',
      );
      expect(format).toBe('yaml');
      expect(objects[0].object.metadata?.name).toBe('x');
    });

    it('refuses deep JSON nesting', () => {
      const text = `{"apiVersion":"v1","kind":"ConfigMap","data":${'['.repeat(
        100_000,
      )}${']'.repeat(100_000)}}`;
      const error = expectManifestError(() =>
        parseManifests(text, { file: 'deep.json' }),
      );
      expect(error.message).toBe(
        'deep.json:1: nesting is too deep: more than 64 levels of mappings and sequences',
      );
    });
  });
});
