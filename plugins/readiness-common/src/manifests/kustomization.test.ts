import { parseDocuments } from './parseManifests';
import { isKustomization, readKustomization } from './kustomization';

function parse(text: string): unknown {
  return parseDocuments(text).documents[0].value;
}

describe('readKustomization', () => {
  it('separates resources from every kind of patch file', () => {
    const kustomization = parse(`
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources: [deployment.yaml, ../../base]
bases: [../common]
components: [../../components/tls]
patches:
  - path: replicas-patch.yaml
    target: { kind: Deployment, name: web }
  - patch: |-
      - op: replace
        path: /spec/replicas
        value: 3
patchesStrategicMerge:
  - memory-patch.yaml
  - |-
    apiVersion: apps/v1
    kind: Deployment
    metadata: { name: web }
patchesJson6902:
  - target: { group: apps, version: v1, kind: Deployment, name: web }
    path: json-patch.yaml
transformers: [labels.yaml]
configurations: [name-reference.yaml]
replacements:
  - path: replacement.yaml
configMapGenerator:
  - name: web-config
    files: [app.properties, nginx=nginx.conf]
    envs: [web.env]
secretGenerator:
  - name: web-tls
    files: [tls.crt]
`);
    expect(isKustomization(kustomization)).toBe(true);
    expect(readKustomization(kustomization)).toEqual({
      resources: ['deployment.yaml', '../../base', '../common'],
      components: ['../../components/tls'],
      patches: ['replicas-patch.yaml', 'memory-patch.yaml', 'json-patch.yaml'],
      otherFiles: [
        'labels.yaml',
        'name-reference.yaml',
        'replacement.yaml',
        'app.properties',
        'nginx.conf',
        'web.env',
        'tls.crt',
      ],
    });
  });

  it('recognises a kustomization written without apiVersion and kind', () => {
    expect(isKustomization(parse('resources: [a.yaml]'))).toBe(true);
    expect(
      isKustomization(parse('apiVersion: v1\nkind: ConfigMap\ndata: {}')),
    ).toBe(false);
  });

  it('reads malformed fields as empty', () => {
    expect(readKustomization(parse('resources: a.yaml\npatches: 3'))).toEqual({
      resources: [],
      components: [],
      patches: [],
      otherFiles: [],
    });
  });
});
