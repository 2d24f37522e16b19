import { entity, entityWithoutWorkloads } from '../__testUtils__/fixtures';
import { clusterEntity } from '../__testUtils__/platformFixtures';
import { isReadinessAvailable } from './entity';

describe('isReadinessAvailable', () => {
  it("accepts components, with or without workloads, and a cluster's Resource", () => {
    expect(isReadinessAvailable(entity)).toBe(true);
    expect(isReadinessAvailable(entityWithoutWorkloads)).toBe(true);
    expect(isReadinessAvailable(clusterEntity)).toBe(true);
  });

  it('leaves out other Resources and kinds without workloads', () => {
    expect(
      isReadinessAvailable({
        ...clusterEntity,
        spec: { type: 'database', owner: 'group:default/platform' },
      }),
    ).toBe(false);
    expect(
      isReadinessAvailable({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: { name: 'freight' },
      }),
    ).toBe(false);
  });
});
