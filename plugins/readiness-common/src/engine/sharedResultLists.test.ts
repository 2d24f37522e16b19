import { parseReadinessConfig } from '../config';
import { SourcedObject } from '../types';
import { evaluateReadiness } from './evaluate';

function service(name: string, ports: Array<Record<string, unknown>>) {
  return {
    object: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: 'shop' },
      spec: { selector: { app: name }, ports },
    },
  } as SourcedObject;
}

const config = parseReadinessConfig({
  customChecks: [
    {
      id: 'service-ports-named',
      title: 'Service ports are named',
      category: 'platform-conventions',
      severity: 'low',
      scope: 'object',
      kinds: ['Service'],
      rule: 'object.spec.ports.all(p, has(p.name))',
      message: 'Name every Service port.',
      messageExpression: "object.metadata.name + ' has an unnamed port'",
    },
  ],
});

describe('object reports with only shared results', () => {
  const report = evaluateReadiness({
    objects: [
      service('cart', [{ name: 'http', port: 80 }]),
      service('search', [{ name: 'http', port: 80 }]),
      service('checkout', [{ port: 80 }]),
    ],
    config,
  });
  const [cart, search, checkout] = report.objects;

  it('keep their verdicts and messages', () => {
    expect(report.objects.map(o => [o.name, o.results])).toEqual([
      [
        'cart',
        [
          expect.objectContaining({
            status: 'pass',
            check: 'service-ports-named',
          }),
        ],
      ],
      [
        'search',
        [
          expect.objectContaining({
            status: 'pass',
            check: 'service-ports-named',
          }),
        ],
      ],
      [
        'checkout',
        [
          expect.objectContaining({
            status: 'fail',
            message: 'checkout has an unnamed port',
          }),
        ],
      ],
    ]);
  });

  it('share one read-only list; a result of its own keeps its own list', () => {
    expect(search.results).toBe(cart.results);
    expect(Object.isFrozen(cart.results)).toBe(true);
    expect(checkout.results).not.toBe(cart.results);
    expect(Object.isFrozen(checkout.results)).toBe(false);
  });

  it('are not shared between evaluations', () => {
    const again = evaluateReadiness({
      objects: [service('cart', [{ name: 'http', port: 80 }])],
      config,
    });
    expect(again.objects[0].results).not.toBe(cart.results);
    expect(again.objects[0].results).toEqual(cart.results);
  });
});
