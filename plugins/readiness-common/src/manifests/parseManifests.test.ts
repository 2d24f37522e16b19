import jsYaml from 'js-yaml';
import * as yaml from 'yaml';
import {
  ManifestError,
  ParsedDocuments,
  ParsedManifests,
  SourcedObjectWithLine,
  UnrenderedTemplateError,
  fieldLineOf,
  parseDocuments,
  parseManifests,
} from '.';

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
      expect(error.line).toBe(12);
      expect(error.message).toMatch(/^deploy\/web\.yaml:12: invalid YAML: /);
      // The parser's source snippet is not repeated in the message.
      expect(error.message).not.toContain('\n');
    });

    it('places an error at the end of the text on its last line', () => {
      const error = expectManifestError(() =>
        parseManifests('kind: Deployment\nspec: [oops', { file: 'cut.yaml' }),
      );
      expect(error.message).toBe(
        'cut.yaml:2: invalid YAML: unexpected end of the stream within a flow collection',
      );
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
      expect(error.message).toBe(
        'dup.yaml:3: invalid YAML: duplicated mapping key',
      );
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

    it('accepts 64 levels of block mappings and sequences, not 65', () => {
      const nested = (levels: number) => {
        // The document's mapping, `data`'s mapping, then levels - 3 more
        // mappings and a sequence.
        let text = 'apiVersion: v1\nkind: ConfigMap\ndata:\n';
        for (let level = 1; level < levels - 1; level++) {
          text += `${'  '.repeat(level)}k:\n`;
        }
        return `${text}${'  '.repeat(levels - 1)}- leaf\n`;
      };
      expect(parseManifests(nested(64)).objects).toHaveLength(1);
      expect(() => parseManifests(nested(65))).toThrow(
        'nesting is too deep: more than 64 levels',
      );
    });

    it('refuses nesting so deep that the YAML parser itself gives up', () => {
      for (const text of [
        `a: ${'['.repeat(20_000)}\n`,
        // {{ at the bottom: too deep to look for a template in.
        `a: ${'['.repeat(20_000)}{{ x }}\n`,
      ]) {
        const error = expectManifestError(() =>
          parseManifests(text, { file: 'deeper.yaml' }),
        );
        expect(error.message).toContain('nesting is too deep');
      }
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

    it('reads JSON with JSON.parse, never with a YAML parser', () => {
      const parse = jest.spyOn(JSON, 'parse');
      const loadYaml = jest.spyOn(jsYaml, 'load');
      const parseYaml = jest.spyOn(yaml.Parser.prototype, 'parse');
      try {
        parseManifests(`\n  ${kubectlOutput}`);
        parseManifests('[]');
        expect(parse).toHaveBeenCalledTimes(2);
        expect(loadYaml).not.toHaveBeenCalled();
        expect(parseYaml).not.toHaveBeenCalled();
        parseManifests('apiVersion: v1\nkind: Pod\n');
        expect(loadYaml).toHaveBeenCalledTimes(1);
      } finally {
        parse.mockRestore();
        loadYaml.mockRestore();
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

  describe('YAML read as Kubernetes reads it', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  hostNetwork: on
  hostPID: Off
  containers:
    - name: shell
      image: busybox:1.36
      securityContext:
        privileged: Yes
        runAsNonRoot: n
        allowPrivilegeEscalation: TRUE
        readOnlyRootFilesystem: NO
      env:
        - name: FEATURE_ENABLED
          value: "yes"
        - name: LEGACY
          value: 'on'
  volumes:
    - name: config
      configMap:
        name: debug
        defaultMode: 0644
`;

    it('reads unquoted yes, no, on, off, y, n, true and false in any case as booleans', () => {
      const [{ object }] = parseManifests(pod).objects;
      expect(object.spec.hostNetwork).toBe(true);
      expect(object.spec.hostPID).toBe(false);
      expect(object.spec.containers[0].securityContext).toEqual({
        privileged: true,
        runAsNonRoot: false,
        allowPrivilegeEscalation: true,
        readOnlyRootFilesystem: false,
      });
      for (const [word, value] of [
        ['y', true],
        ['Y', true],
        ['yes', true],
        ['YES', true],
        ['On', true],
        ['true', true],
        ['True', true],
        ['n', false],
        ['N', false],
        ['No', false],
        ['off', false],
        ['OFF', false],
        ['FALSE', false],
      ] as const) {
        const { documents } = parseDocuments(`flag: ${word}\n`);
        expect(documents[0].value).toEqual({ flag: value });
      }
    });

    it('keeps quoted words and words that are not YAML 1.1 booleans as strings', () => {
      const [{ object }] = parseManifests(pod).objects;
      expect(object.spec.containers[0].env).toEqual([
        { name: 'FEATURE_ENABLED', value: 'yes' },
        { name: 'LEGACY', value: 'on' },
      ]);
      const { documents } = parseDocuments(
        'a: yEs\nb: oN\nc: enabled\nd: !!str yes\ne: |\n  yes\n',
      );
      expect(documents[0].value).toEqual({
        a: 'yEs',
        b: 'oN',
        c: 'enabled',
        d: 'yes',
        e: 'yes\n',
      });
    });

    it('reads numbers as go-yaml v2 does: octal 0644, hex, underscores, no sexagesimal', () => {
      const [{ object }] = parseManifests(pod).objects;
      expect(object.spec.volumes[0].configMap.defaultMode).toBe(420);
      const { documents } = parseDocuments(
        [
          'octal: 0755',
          'octalO: 0o17',
          'hex: 0x1F',
          'binary: 0b101',
          'grouped: 1_000',
          'notOctal: 08',
          'float: 1.5e3',
          'sexagesimal: 1:30',
          'quotedOctal: "0644"',
          'timestamp: 2026-01-31',
          'version: 1.10',
          'tilde: ~',
          'empty:',
        ].join('\n'),
      );
      expect(documents[0].value).toEqual({
        octal: 493,
        octalO: 15,
        hex: 31,
        binary: 5,
        grouped: 1000,
        notOctal: 8,
        float: 1500,
        sexagesimal: '1:30',
        quotedOctal: '0644',
        timestamp: '2026-01-31',
        version: 1.1,
        tilde: null,
        empty: null,
      });
    });

    it('reads a boolean-looking key as Kubernetes does, as the key "true"', () => {
      const { documents } = parseDocuments('on: push\n"off": kept\n');
      expect(documents[0].value).toEqual({ true: 'push', off: 'kept' });
    });

    it('reads a tag Kubernetes does not know as if untagged, and says so', () => {
      const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: stack
data:
  bucket: !Ref BucketName
  blob: !!binary aGVsbG8=
`;
      const { objects, notes } = parseManifests(text, { file: 'cm.yaml' });
      expect(objects[0].object.data).toEqual({
        bucket: 'BucketName',
        blob: 'aGVsbG8=',
      });
      expect(notes).toEqual([
        {
          file: 'cm.yaml',
          line: 1,
          document: 1,
          reason: 'unknown-tag',
          message:
            'cm.yaml:1: document 1: tags !Ref, !!binary unknown to Kubernetes, read as if untagged',
        },
      ]);
    });

    it('never prints a Node.js warning, whatever the input', () => {
      const emitWarning = jest.spyOn(process, 'emitWarning');
      const warn = jest.spyOn(console, 'warn');
      const errors: unknown[] = [];
      try {
        for (const text of [
          'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: !Sub "${AWS::Region}"\n  b: !GetAtt [X, Arn]\n',
          'apiVersion: v1\nkind: ConfigMap\ndata:\n  ? [a, b]\n  : c\n',
          'apiVersion: v1\nkind: ConfigMap\ndata:\n  x: "{{ .Values.a }}"\n  y: {{ .Values.b }}\n',
          '%YAML 1.1\n---\napiVersion: v1\nkind: Pod\n',
          'a: [1, 2\n{{ broken }}',
        ]) {
          try {
            parseManifests(text);
          } catch (error) {
            errors.push(error);
          }
        }
        expect(errors.map(e => (e as ManifestError).kind)).toEqual([
          'template',
          'template',
        ]);
        expect(emitWarning).not.toHaveBeenCalled();
        expect(warn).not.toHaveBeenCalled();
      } finally {
        emitWarning.mockRestore();
        warn.mockRestore();
      }
    });
  });

  describe('un-rendered templates', () => {
    const helmDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "web.fullname" . }}
  labels:
    {{- include "web.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  template:
    spec:
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
`;

    it("refuses a Helm chart's deployment template, saying to render it first", () => {
      const error = expectManifestError(() =>
        parseManifests(helmDeployment, {
          file: 'charts/web/templates/deployment.yaml',
        }),
      );
      expect(error.kind).toBe('template');
      expect(error.line).toBe(4);
      expect(error.message).toBe(
        'charts/web/templates/deployment.yaml:4: un-rendered Helm or Go template ({{ ... }} in a key or an unquoted value), not evaluated: render it first, e.g. `helm template ... | readiness check -`',
      );
    });

    it('refuses a template that happens to be valid YAML instead of scoring it', () => {
      const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: {{ .Values.replicaCount }}
  template:
    spec:
      containers:
        - name: web
          image: nginx:{{ .Values.tag }}
`;
      const error = expectManifestError(() =>
        parseManifests(text, { file: 'web.yaml' }),
      );
      expect(error.kind).toBe('template');
      expect(error.line).toBe(6);
      expect(error.message).not.toContain('replicaCount');
    });

    it('refuses a template expression in a key, and in an unquoted value alone', () => {
      const inKey = expectManifestError(() =>
        parseManifests(
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  {{ .Values.key }}: value\n',
        ),
      );
      expect([inKey.kind, inKey.line]).toEqual(['template', 6]);
      const inValue = expectManifestError(() =>
        parseManifests(
          'apiVersion: v1\nkind: Service\nmetadata:\n  name: web-{{ .Release.Name }}\n',
        ),
      );
      expect([inValue.kind, inValue.line]).toEqual(['template', 4]);
    });

    it('skips only the template documents of a text, keeping what the others hold for the caller', () => {
      // A chart's conditional Ingress is refused, not the whole file; the
      // alert rule's text is Prometheus' own templating, read as it is.
      const text = `${deployment}---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: web
spec:
  groups:
    - name: web
      rules:
        - alert: WebDown
          annotations:
            summary: Pod {{ $labels.pod }} is down
---
apiVersion: v1
kind: Service
metadata:
  name: web
---
{{- if .Values.ingress.enabled }}
apiVersion: networking.k8s.io/v1
kind: Ingress
{{- end }}
`;
      const error = expectManifestError(() =>
        parseManifests(text, { file: 'all.yaml' }),
      );
      expect(error).toBeInstanceOf(UnrenderedTemplateError);
      const template = error as UnrenderedTemplateError<ParsedManifests>;
      expect(template.kind).toBe('template');
      expect(template.line).toBe(25);
      expect(template.templates).toEqual([{ document: 4, line: 25 }]);
      expect(template.parsed.objects.map(o => [o.object.kind, o.line])).toEqual(
        [
          ['Deployment', 1],
          ['PrometheusRule', 8],
          ['Service', 20],
        ],
      );
      const documents = expectManifestError(() => parseDocuments(text));
      expect(
        (
          documents as UnrenderedTemplateError<ParsedDocuments>
        ).parsed.documents.map(d => d.index),
      ).toEqual([1, 2, 3]);
    });

    it('reads {{ }} text as it is in objects the checks never read (CRD descriptions, alert rules), not in those they do', () => {
      // argo-rollouts' CRDs describe `{{args.x}}`; kube-prometheus' rules
      // hold `{{ $labels.pod }}` unquoted: both are rendered manifests.
      const rendered = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: analysistemplates.argoproj.io
spec:
  versions:
    - name: v1alpha1
      schema:
        openAPIV3Schema:
          description: Arguments are referenced as {{args.name}} in queries
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: kube-state-metrics
spec:
  groups:
    - name: pods
      rules:
        - alert: PodCrashLooping
          annotations:
            description: Pod {{ $labels.namespace }}/{{ $labels.pod }} restarts
`;
      const { objects } = parseManifests(rendered);
      expect(objects.map(o => o.object.kind)).toEqual([
        'CustomResourceDefinition',
        'PrometheusRule',
      ]);
      // The same text in a kind the checks read, or in an object whose
      // identity is itself templated, is a chart not yet rendered.
      for (const text of [
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  greeting: Hello {{ .Values.name }}\n',
        'apiVersion: monitoring.coreos.com/v1\nkind: {{ .Values.kind }}\nmetadata:\n  name: web\n',
      ]) {
        expect(expectManifestError(() => parseManifests(text)).kind).toBe(
          'template',
        );
      }
    });

    it('reads quoted {{ }} text, block scalars and comments as plain strings (Argo Workflows, alert rules)', () => {
      const text = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: hello-
spec:
  entrypoint: print
  templates:
    - name: print
      inputs:
        parameters:
          - name: message
      container:
        image: busybox:1.36
        # prints {{ the message }}
        args: ["{{inputs.parameters.message}}", '{{workflow.name}}']
        command:
          - sh
          - -c
          - |
            echo {{inputs.parameters.message}}
`;
      const { objects } = parseManifests(text);
      expect(objects[0].object.spec.templates[0].container.args).toEqual([
        '{{inputs.parameters.message}}',
        '{{workflow.name}}',
      ]);
      expect(objects[0].object.spec.templates[0].container.command[2]).toBe(
        'echo {{inputs.parameters.message}}\n',
      );
    });

    it('reports a syntax error, not a template, when the only {{ is quoted', () => {
      const error = expectManifestError(() =>
        parseManifests(
          'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: "{{ x }}"\n  b: [1, 2\n',
          { file: 'cm.yaml' },
        ),
      );
      expect(error.kind).toBe('syntax');
      expect(error.message).toMatch(/^cm\.yaml:\d+: invalid YAML: /);
    });

    it('recognises a template among kinds of errors callers can tell apart', () => {
      expect(expectManifestError(() => parseManifests('a: [1\n')).kind).toBe(
        'syntax',
      );
      expect(
        expectManifestError(() =>
          parseManifests(deployment, { limits: { maxLength: 10 } }),
        ).kind,
      ).toBe('limit');
    });
  });

  describe('lines of JSON items', () => {
    // As `kubectl get deploy,svc -o json` prints it: four-space indentation.
    const dump = JSON.stringify(
      {
        apiVersion: 'v1',
        items: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name: 'web', namespace: 'shop' },
            spec: { replicas: 1 },
          },
          {
            apiVersion: 'v1',
            kind: 'Service',
            metadata: { name: 'web', namespace: 'shop' },
          },
          {
            apiVersion: 'batch/v1',
            kind: 'Job',
            metadata: { generateName: 'migrate-', namespace: 'shop' },
          },
        ],
        kind: 'List',
        metadata: { resourceVersion: '' },
      },
      null,
      4,
    );
    const lineOfText = (text: string, needle: string) =>
      text.split('\n').findIndex(line => line.includes(needle)) + 1;

    it('gives each item of a kubectl JSON List the line its object starts on', () => {
      const { objects } = parseManifests(dump, { file: 'shop.json' });
      // Each item's "{" is the line before its "apiVersion".
      expect(objects.map(o => [o.object.kind, o.file, o.line])).toEqual([
        ['Deployment', 'shop.json', lineOfText(dump, '"apps/v1"') - 1],
        ['Service', 'shop.json', lineOfText(dump, '"Service"') - 2],
        ['Job', 'shop.json', lineOfText(dump, '"batch/v1"') - 1],
      ]);
    });

    it('gives the items of a top-level JSON array and of nested lists their lines', () => {
      const text = `[
  {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}},
  {
    "apiVersion": "v1",
    "kind": "List",
    "items": [
      {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "b"}}
    ]
  }
]`;
      const { objects } = parseManifests(text);
      expect(objects.map(o => [o.object.metadata?.name, o.line])).toEqual([
        ['a', 2],
        ['b', 7],
      ]);
    });

    it('puts every item of one-line JSON on line 1', () => {
      const { objects } = parseManifests(JSON.stringify(JSON.parse(dump)));
      expect(objects.map(o => o.line)).toEqual([1, 1, 1]);
    });

    it('keeps the file and line of an object named by generateName only', () => {
      const job = parseManifests(dump, { file: 'shop.json' }).objects[2];
      expect(job.object.metadata).toEqual({
        generateName: 'migrate-',
        namespace: 'shop',
      });
      expect([job.file, job.line]).toEqual([
        'shop.json',
        lineOfText(dump, '"batch/v1"') - 1,
      ]);
      const yamlJob = parseManifests(
        `${deployment}---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\n`,
        { file: 'jobs.yaml' },
      ).objects[1];
      expect([yamlJob.file, yamlJob.line]).toEqual(['jobs.yaml', 8]);
    });
  });

  describe('fieldLineOf', () => {
    const web = `# The shop's web front end
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    prodready.dev/exempt.cpu-limits: "bursty at start-up"
spec:
  replicas: 2
  template:
    metadata:
      labels: {app: web}
    spec:
      securityContext:
        runAsUser: 0
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
          args:
            - --config
            - |
              resources:
                limits:
                  memory: 1Gi
          resources:
            requests: {cpu: 100m, memory: 128Mi}
        - name: proxy
          image: envoyproxy/envoy:v1.31.0
          "resources":
            limits:
              # the proxy buffers whole requests
              memory: 512Mi
`;
    const lineOfText = (needle: string, from = 0) =>
      web
        .split('\n')
        .findIndex((line, index) => index >= from && line.includes(needle)) + 1;

    it('finds the line of a field of a container and of the pod', () => {
      const [source] = parseManifests(web, { file: 'web.yaml' }).objects;
      expect(source.line).toBe(2);
      expect(
        fieldLineOf(
          source,
          'spec.template.spec.containers[1].resources.limits.memory',
        ),
      ).toBe(lineOfText('memory: 512Mi'));
      expect(
        fieldLineOf(source, 'spec.template.spec.securityContext.runAsUser'),
      ).toBe(lineOfText('runAsUser: 0'));
      expect(fieldLineOf(source, 'spec.template.spec.containers[1]')).toBe(
        lineOfText('- name: proxy'),
      );
      expect(
        fieldLineOf(
          source,
          'spec.template.spec.containers[0].resources.requests.memory',
        ),
      ).toBe(lineOfText('requests: {cpu'));
      expect(
        fieldLineOf(
          source,
          'metadata.annotations["prodready.dev/exempt.cpu-limits"]',
        ),
      ).toBe(lineOfText('prodready.dev/exempt.cpu-limits'));
    });

    it('falls back to the nearest parent that exists, then to the object', () => {
      const [source] = parseManifests(web).objects;
      // containers[0] sets no limits, and the text in its block scalar that
      // looks like them is not a field.
      expect(
        fieldLineOf(
          source,
          'spec.template.spec.containers[0].resources.limits.memory',
        ),
      ).toBe(lineOfText('resources:', 22));
      expect(
        fieldLineOf(source, 'spec.template.spec.containers[0].livenessProbe'),
      ).toBe(lineOfText('- name: web'));
      expect(
        fieldLineOf(source, 'spec.template.spec.containers[5].image'),
      ).toBe(lineOfText('containers:'));
      expect(fieldLineOf(source, 'status.conditions[0]')).toBe(2);
      expect(fieldLineOf(source, '')).toBe(2);
    });

    it('finds fields in the items of a kubectl YAML List and in later documents', () => {
      const list = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: a
  spec:
    hostNetwork: true
    containers:
    - name: a
      ports:
      - containerPort: 80
        hostPort: 80
- apiVersion: v1
  kind: Pod
  metadata:
    name: b
  spec:
    containers:
    - name: b
      securityContext:
        privileged: yes
`;
      const text = `${deployment}---\n${list}`;
      const { objects } = parseManifests(text);
      const [, a, b] = objects;
      expect(a.line).toBe(11);
      expect(fieldLineOf(a, 'spec.hostNetwork')).toBe(16);
      expect(fieldLineOf(a, 'spec.containers[0].ports[0].hostPort')).toBe(21);
      expect(b.line).toBe(22);
      expect(
        fieldLineOf(b, 'spec.containers[0].securityContext.privileged'),
      ).toBe(30);
      expect(fieldLineOf(objects[0], 'spec.replicas')).toBe(6);
    });

    it('follows flow collections, quoted keys and Windows line endings', () => {
      const text = [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: tools',
        'spec:',
        '  ? complex',
        '  : key',
        '  containers: [',
        '    {name: a, image: "busybox:1.36"},',
        '    {name: b,',
        '     securityContext: {runAsUser: 0}}',
        '  ]',
        '  "hostPID": true',
        "  'volumes': [{name: data, hostPath: {path: /var/data}}]",
        '',
      ].join('\r\n');
      const [source] = parseManifests(text).objects;
      expect(source.object.spec.hostPID).toBe(true);
      expect(
        fieldLineOf(source, 'spec.containers[1].securityContext.runAsUser'),
      ).toBe(11);
      expect(fieldLineOf(source, 'spec.containers[0].image')).toBe(9);
      expect(fieldLineOf(source, 'spec.hostPID')).toBe(13);
      expect(fieldLineOf(source, 'spec.volumes[0].hostPath')).toBe(14);
    });

    it('finds fields in JSON', () => {
      const text = JSON.stringify(
        {
          apiVersion: 'v1',
          kind: 'List',
          items: [
            { apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' } },
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              metadata: { name: 'web', annotations: { 'a.b/c': 'd' } },
              spec: {
                template: {
                  spec: {
                    securityContext: { runAsUser: 0 },
                    containers: [
                      { name: 'a', image: 'a:1' },
                      { name: 'b', resources: { limits: { memory: '1Gi' } } },
                    ],
                  },
                },
              },
            },
          ],
        },
        null,
        2,
      );
      const lineOf = (needle: string) =>
        text.split('\n').findIndex(line => line.includes(needle)) + 1;
      const [, source] = parseManifests(text).objects;
      expect(
        fieldLineOf(
          source,
          'spec.template.spec.containers[1].resources.limits.memory',
        ),
      ).toBe(lineOf('"memory"'));
      expect(
        fieldLineOf(source, 'spec.template.spec.securityContext.runAsUser'),
      ).toBe(lineOf('"runAsUser"'));
      expect(fieldLineOf(source, 'metadata.annotations["a.b/c"]')).toBe(
        lineOf('"a.b/c"'),
      );
      expect(
        fieldLineOf(source, 'spec.template.spec.containers[0].resources'),
      ).toBe(lineOf('"name": "a"') - 1);
    });

    it('is undefined for objects that were not read from text', () => {
      const built: SourcedObjectWithLine = {
        object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } },
        file: 'web.yaml',
        line: 3,
      };
      expect(fieldLineOf(built, 'spec')).toBeUndefined();
    });

    it('keeps objects plain data: nothing extra to copy or serialise', () => {
      const { objects } = parseManifests(web, { file: 'web.yaml' });
      const copied = structuredClone(objects);
      expect(copied).toEqual(objects);
      expect(JSON.parse(JSON.stringify(objects))).toEqual(objects);
      expect(Object.keys(objects[0])).toEqual(['object', 'file', 'line']);
      // A copy of the source with the same object still finds its fields;
      // a deep copy (as from a worker thread) is not from the text any more.
      expect(
        fieldLineOf(
          { ...objects[0] },
          'spec.template.spec.securityContext.runAsUser',
        ),
      ).toBe(lineOfText('runAsUser: 0'));
      expect(fieldLineOf(copied[0], 'spec')).toBeUndefined();
    });
  });
});
