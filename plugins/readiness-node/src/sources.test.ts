import { assertValidWorkloadSource } from './sources';

describe('assertValidWorkloadSource', () => {
  const read = async () => ({ objects: [] });

  it('accepts sources with a stable id and a read function', () => {
    expect(() =>
      assertValidWorkloadSource({ id: 'cluster:prod-eu', read }),
    ).not.toThrow();
    expect(() =>
      assertValidWorkloadSource({ id: 'directory:examples/manifests', read }),
    ).not.toThrow();
  });

  it('names the problem when the id is unusable', () => {
    expect(() => assertValidWorkloadSource({ id: '', read })).toThrow(
      'Invalid readiness workload source id ""',
    );
    expect(() => assertValidWorkloadSource({ id: 'two words', read })).toThrow(
      /"two words"/,
    );
    expect(() => assertValidWorkloadSource({ read })).toThrow(/undefined/);
  });

  it('accepts a scoped reader and refuses one that is not a function', () => {
    expect(() =>
      assertValidWorkloadSource({
        id: 'cluster:prod-eu',
        read,
        readScoped: read,
      }),
    ).not.toThrow();
    expect(() =>
      assertValidWorkloadSource({ id: 'cluster:dev', read, readScoped: true }),
    ).toThrow(
      "Readiness workload source 'cluster:dev' has a readScoped that is not a function",
    );
  });

  it('names the source that cannot be read', () => {
    expect(() => assertValidWorkloadSource({ id: 'cluster:dev' })).toThrow(
      "Readiness workload source 'cluster:dev' has no read() function",
    );
  });
});
