import type { Entity } from '@backstage/catalog-model';
import { clusterNameOfEntity, isClusterEntity } from './clusterEntity';

function resource(
  name: string,
  type: string,
  annotations?: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, annotations },
    spec: { type, owner: 'group:default/platform' },
  };
}

describe('clusterNameOfEntity', () => {
  it('is the name of a kubernetes-cluster Resource', () => {
    expect(clusterNameOfEntity(resource('prod-eu', 'kubernetes-cluster'))).toBe(
      'prod-eu',
    );
  });

  it('prefers the backstage.io/kubernetes-cluster annotation', () => {
    const entity = resource('production-europe', 'kubernetes-cluster', {
      'backstage.io/kubernetes-cluster': ' prod-eu ',
    });
    expect(clusterNameOfEntity(entity)).toBe('prod-eu');
  });

  it('is undefined for other entities', () => {
    expect(isClusterEntity(resource('orders-db', 'database'))).toBe(false);
    expect(clusterNameOfEntity(resource('orders-db', 'database'))).toBe(
      undefined,
    );
    const component: Entity = {
      ...resource('prod-eu', 'kubernetes-cluster'),
      kind: 'Component',
    };
    expect(clusterNameOfEntity(component)).toBeUndefined();
  });
});
