import { imagePinning, normalizeRegistry, parseImageReference } from './images';

describe('image references', () => {
  it.each([
    ['nginx', 'docker.io', 'library/nginx', undefined],
    ['nginx:1.27', 'docker.io', 'library/nginx', '1.27'],
    ['library/nginx', 'docker.io', 'library/nginx', undefined],
    ['user/app:2', 'docker.io', 'user/app', '2'],
    ['docker.io/library/nginx:1', 'docker.io', 'library/nginx', '1'],
    ['index.docker.io/x/y:1', 'docker.io', 'x/y', '1'],
    ['ghcr.io/org/app:v1', 'ghcr.io', 'org/app', 'v1'],
    ['localhost:5000/app', 'localhost:5000', 'app', undefined],
    ['localhost/app:1', 'localhost', 'app', '1'],
    ['Registry.Example.com:443/a/b:c', 'registry.example.com:443', 'a/b', 'c'],
  ])(
    '%s → registry %s, repository %s, tag %s',
    (image, registry, repository, tag) => {
      expect(parseImageReference(image)).toMatchObject({
        registry,
        repository,
        tag,
      });
    },
  );

  it('parses digests', () => {
    expect(parseImageReference('app:1@sha256:abc')).toMatchObject({
      tag: '1',
      digest: 'sha256:abc',
    });
  });

  it.each([
    ['nginx', 'untagged'],
    ['nginx:', 'untagged'],
    ['nginx:latest', 'latest'],
    ['nginx:latest2', 'tag'],
    ['localhost:5000/app', 'untagged'],
    ['localhost:5000/app:latest', 'latest'],
    ['app@sha256:abc', 'digest'],
    ['app:latest@sha256:abc', 'digest'],
    ['  ', 'empty'],
  ])('pinning of %j is %s', (image, pinning) => {
    expect(imagePinning(image)).toBe(pinning);
  });

  it('normalises configured registries', () => {
    expect(normalizeRegistry('https://Index.Docker.io/')).toBe('docker.io');
    expect(normalizeRegistry('GHCR.io')).toBe('ghcr.io');
  });
});
