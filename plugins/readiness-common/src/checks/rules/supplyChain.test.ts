import {
  check,
  goodContainer,
  goodPodSpec,
  workload,
} from '../../testing/fixtures';

const withImages = (images: string[], initImages: string[] = []) =>
  workload({
    podSpec: goodPodSpec({
      containers: images.map((image, i) =>
        goodContainer({ name: `c${i}`, image }),
      ),
      initContainers: initImages.map((image, i) => ({ name: `i${i}`, image })),
    }),
  });

describe('image-tag', () => {
  it.each([
    ['nginx:1.27.0', 'pass'],
    ['ghcr.io/org/app:v2', 'pass'],
    ['localhost:5000/app:1.0', 'pass'],
    ['app@sha256:0123456789abcdef', 'pass'],
    ['app:latest@sha256:0123456789abcdef', 'pass'],
    ['nginx', 'fail'],
    ['nginx:latest', 'fail'],
    ['localhost:5000/app', 'fail'],
    ['registry.example.com:443/team/app', 'fail'],
    ['', 'fail'],
  ])('%s → %s', (image, expected) => {
    expect(check('image-tag', withImages([image])).status).toBe(expected);
  });

  it('checks init containers and names the failing one', () => {
    const result = check('image-tag', withImages(['nginx:1.0'], ['busybox']));
    expect(result.findings).toEqual([
      expect.objectContaining({
        path: 'spec.template.spec.initContainers[0].image',
        container: 'i0',
      }),
    ]);
  });
});

describe('image-registry', () => {
  it('skips when no allowed registries are configured', () => {
    expect(check('image-registry', withImages(['nginx:1.0'])).status).toBe(
      'skip',
    );
  });

  it.each([
    ['nginx:1.0', ['docker.io'], 'pass'],
    ['library/nginx:1.0', ['docker.io'], 'pass'],
    ['user/app:1.0', ['docker.io'], 'pass'],
    ['docker.io/library/nginx:1.0', ['docker.io'], 'pass'],
    ['ghcr.io/org/app:1.0', ['docker.io'], 'fail'],
    ['ghcr.io/org/app:1.0', ['ghcr.io', 'quay.io'], 'pass'],
    ['localhost:5000/app:1.0', ['localhost:5000'], 'pass'],
    ['localhost/app:1.0', ['localhost'], 'pass'],
    ['nginx:1.0', ['ghcr.io'], 'fail'],
  ])('%s with %j → %s', (image, allowed, expected) => {
    const result = check('image-registry', withImages([image]), [], {
      config: { allowedRegistries: allowed },
    });
    expect(result.status).toBe(expected);
  });

  it('names the container and path of a disallowed image', () => {
    const result = check(
      'image-registry',
      withImages(['r.example.com/a:1', 'nginx:1']),
      [],
      {
        config: { allowedRegistries: ['r.example.com'] },
      },
    );
    expect(result.findings).toEqual([
      expect.objectContaining({
        path: 'spec.template.spec.containers[1].image',
        container: 'c1',
      }),
    ]);
  });
});
