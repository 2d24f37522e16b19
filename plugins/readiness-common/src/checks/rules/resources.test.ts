import {
  check,
  goodContainer,
  goodPodSpec,
  workload,
} from '../../testing/fixtures';

describe.each([
  ['cpu-requests', 'requests', 'cpu'],
  ['memory-requests', 'requests', 'memory'],
  ['memory-limits', 'limits', 'memory'],
  ['cpu-limits', 'limits', 'cpu'],
])('%s', (id, bucket, resource) => {
  it('passes when every app container sets it', () => {
    expect(check(id, workload()).status).toBe('pass');
  });

  it('fails with the exact path and container name when one is missing', () => {
    const second = goodContainer({ name: 'proxy' });
    delete (second.resources as any)[bucket][resource];
    const result = check(
      id,
      workload({
        podSpec: goodPodSpec({ containers: [goodContainer(), second] }),
      }),
    );
    expect(result.status).toBe('fail');
    expect(result.findings).toEqual([
      expect.objectContaining({
        path: `spec.template.spec.containers[1].resources.${bucket}.${resource}`,
        container: 'proxy',
      }),
    ]);
  });

  it('applies to Jobs as well', () => {
    const podSpec = goodPodSpec({
      containers: [goodContainer({ resources: {} })],
    });
    expect(check(id, workload({ kind: 'Job', podSpec })).status).toBe('fail');
  });

  it('is an error for a pod template without containers', () => {
    expect(
      check(id, workload({ podSpec: goodPodSpec({ containers: [] }) })),
    ).toMatchObject({
      status: 'error',
      message: expect.stringContaining('no containers'),
    });
  });
});
