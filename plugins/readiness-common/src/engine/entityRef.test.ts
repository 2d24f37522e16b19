import * as catalogModel from '@backstage/catalog-model';
import { parseEntityRef, stringifyEntityRef } from './entityRef';

/** The result of `run`, or the class (and message) of what it throws. */
function outcome(run: () => unknown, withMessage = true) {
  try {
    return { value: run() };
  } catch (error) {
    const { name, message } = error as Error;
    return withMessage ? { thrown: name, message } : { thrown: name };
  }
}

describe('entity refs, as @backstage/catalog-model reads and writes them', () => {
  const refs = [
    'web',
    'Component:web',
    'component:shop/web',
    'shop/web',
    'Group:Team-A',
    'user:default/Jane.Doe',
    'component:a/b:c',
    'a/b:c',
    'a:b/c/d',
    ':web',
    'component:/web',
    'component:shop/',
    '/web',
    'shop/',
    'component:',
    '',
  ];
  const contexts = [
    undefined,
    { defaultKind: 'Component' },
    { defaultKind: 'Component', defaultNamespace: 'Shop' },
    { defaultNamespace: '' },
    { defaultKind: '', defaultNamespace: 'shop' },
  ];

  it.each(refs)('parses %j the same way', ref => {
    for (const context of contexts) {
      expect(outcome(() => parseEntityRef(ref, context))).toEqual(
        outcome(() => catalogModel.parseEntityRef(ref, context)),
      );
    }
  });

  // Both throw on a missing or non-string part (V8's messages differ).
  it('writes refs and entities the same way', () => {
    const inputs: unknown[] = [
      { kind: 'Component', namespace: 'Shop', name: 'Web' },
      { kind: 'Component', name: 'web' },
      { kind: 'Component', metadata: { name: 'Web', namespace: 'Shop' } },
      { kind: 'Component', metadata: { name: 'web' } },
      { kind: 'Component', metadata: { name: 'web', namespace: '' } },
      { kind: 'Component', metadata: { name: 'web', namespace: 7 } },
      { kind: 'Component', metadata: {} },
      { kind: 'Component' },
      { kind: 7, metadata: { name: 'web' } },
      { metadata: { name: 'web' } },
      { kind: 'Component', metadata: null },
    ];
    for (const input of inputs) {
      expect({
        input,
        ...outcome(() => stringifyEntityRef(input as any), false),
      }).toEqual({
        input,
        ...outcome(() => catalogModel.stringifyEntityRef(input as any), false),
      });
    }
  });
});
