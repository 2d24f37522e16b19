import { appNamespace, namespace, without } from '../testing/clusters';
import { checkCluster } from '../testing/evaluateCluster';

describe('namespace-quotas', () => {
  it('passes when every application namespace has a ResourceQuota and a LimitRange', () => {
    expect(
      checkCluster('namespace-quotas', [
        ...appNamespace('shop'),
        ...appNamespace('payments'),
        namespace('kube-system'),
      ]),
    ).toMatchObject({
      status: 'pass',
      message:
        'All 2 application namespaces have a ResourceQuota and a LimitRange.',
    });
  });

  it('fails naming each namespace and what it lacks', () => {
    const result = checkCluster('namespace-quotas', [
      ...appNamespace('shop'),
      ...without(appNamespace('payments'), 'LimitRange'),
      namespace('search'),
    ]);
    expect(result.status).toBe('fail');
    expect(result.message).toBe(
      '2 of 3 application namespaces lack a ResourceQuota or a LimitRange.',
    );
    expect(result.findings).toEqual([
      {
        path: 'metadata.name',
        message: 'Namespace payments has no LimitRange.',
        object: { kind: 'Namespace', name: 'payments', namespace: '' },
      },
      {
        path: 'metadata.name',
        message: 'Namespace search has no ResourceQuota and no LimitRange.',
        object: { kind: 'Namespace', name: 'search', namespace: '' },
      },
    ]);
  });
});
