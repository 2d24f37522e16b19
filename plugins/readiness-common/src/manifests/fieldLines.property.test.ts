import fc from 'fast-check';
import * as yaml from 'yaml';
import { fieldLineOf, parseManifests } from '.';

/** Words YAML 1.1 reads as booleans or null, which a YAML 1.2 writer leaves unquoted. */
const notSpecial = (word: string) =>
  !/^(y|n|yes|no|on|off|true|false|null)$/i.test(word);

/** Keys that YAML 1.1 reads as themselves, with a dotted one as annotations have. */
const key = fc.oneof(
  fc.constantFrom(
    'name',
    'image',
    'limits',
    'memory',
    'app.kubernetes.io/name',
  ),
  fc.stringMatching(/^[a-z][a-zA-Z]{2,7}$/).filter(notSpecial),
);
const scalar = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9-]{2,10}$/).filter(notSpecial),
  fc.integer({ min: 0, max: 70000 }),
  fc.boolean(),
);

const { tree } = fc.letrec(tie => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('tree'), { minLength: 1, maxLength: 3 }),
    fc.dictionary(key, tie('tree'), { minKeys: 1, maxKeys: 4 }),
  ),
}));

/** Every path to a field, as findings write them, with the field's key. */
function fieldPaths(
  value: unknown,
  path = '',
): Array<{ path: string; key: string }> {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => fieldPaths(item, `${path}[${i}]`));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([name, child]) => {
      const step = /^[\w-]+$/.test(name)
        ? `.${name}`
        : `[${JSON.stringify(name)}]`;
      const here = `${path}${step}`;
      return [{ path: here, key: name }, ...fieldPaths(child, here)];
    });
  }
  return [];
}

describe('fieldLineOf, on any object', () => {
  it.each([
    [
      'block YAML, kubectl layout',
      (o: object) => yaml.stringify(o, { indentSeq: false }),
      (k: string) => `${k}:`,
    ],
    [
      'block YAML, indented sequences',
      (o: object) => yaml.stringify(o),
      (k: string) => `${k}:`,
    ],
    [
      'indented JSON',
      (o: object) => JSON.stringify(o, null, 2),
      (k: string) => `${JSON.stringify(k)}:`,
    ],
  ])('finds the line of every field in %s', (_, write, written) => {
    fc.assert(
      fc.property(
        fc.dictionary(key, tree, { minKeys: 1, maxKeys: 4 }),
        spec => {
          const object = { apiVersion: 'v1', kind: 'ConfigMap', spec };
          const text = write(object);
          const [source] = parseManifests(text).objects;
          expect(source.object).toEqual(object);
          const lines = text.split('\n');
          for (const { path, key: name } of fieldPaths(spec, 'spec')) {
            const line = fieldLineOf(source, path);
            expect(line).toBeDefined();
            expect(lines[line! - 1].trimStart()).toMatch(
              new RegExp(`^(- )*${escape(written(name))}`),
            );
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
