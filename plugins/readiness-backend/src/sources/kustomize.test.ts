import { selectManifestFiles } from './kustomize';
import { KUSTOMIZE_TREE, KUSTOMIZE_TREE_EVALUATED } from './testKustomizeTree';

function select(tree: Record<string, string>, root = 'kubernetes') {
  return selectManifestFiles(
    Object.keys(tree).sort(),
    file => tree[file],
    root,
  );
}

/** The tree as seen from one of its folders. */
function below(tree: Record<string, string>, folder: string) {
  return Object.fromEntries(
    Object.entries(tree)
      .filter(([file]) => file.startsWith(`${folder}/`))
      .map(([file, text]) => [file.slice(folder.length + 1), text]),
  );
}

describe('selectManifestFiles', () => {
  it('reads the resources of a base and its overlays, never their patches', async () => {
    const { files, warnings } = await select(KUSTOMIZE_TREE);
    expect([...files].sort()).toEqual(KUSTOMIZE_TREE_EVALUATED);
    expect(warnings).toEqual([]);
  });

  it('reads a base on its own, as the golden path points at it', async () => {
    const { files } = await select(below(KUSTOMIZE_TREE, 'base'), 'base');
    expect([...files].sort()).toEqual(
      KUSTOMIZE_TREE_EVALUATED.map(file => file.slice('base/'.length)),
    );
  });

  it('refuses an overlay whose base is outside the folder read', async () => {
    await expect(
      select(
        below(KUSTOMIZE_TREE, 'overlays/prod'),
        'kubernetes/overlays/prod',
      ),
    ).rejects.toThrow(
      "kustomization.yaml: resource '../../base' is outside kubernetes/overlays/prod, the folder read",
    );
  });

  it('leaves out patch files even when another folder lists them as resources', async () => {
    const { files } = await select({
      'kustomization.yaml':
        'resources: [deployment.yaml, patch.yaml]\npatchesStrategicMerge: [patch.yaml]\n',
      'deployment.yaml': 'kind: Deployment',
      'patch.yaml': 'kind: Deployment',
    });
    expect(files).toEqual(['deployment.yaml']);
  });

  it('reads inline patches as no file, and folders without a kustomization as before', async () => {
    const { files } = await select({
      'apps/kustomization.yaml': `resources: [web.yaml]
patches:
  - patch: |-
      - op: replace
        path: /spec/replicas
        value: 3
    target: { kind: Deployment }
`,
      'apps/web.yaml': 'kind: Deployment',
      'cluster/dump.yaml': 'kind: List',
    });
    expect(files).toEqual(['apps/web.yaml', 'cluster/dump.yaml']);
  });

  it('warns about remote and missing resources instead of reading them', async () => {
    const { files, warnings } = await select({
      'kustomization.yaml': `resources:
  - https://github.com/acme/platform//network?ref=v1.2.0
  - github.com/acme/platform/monitoring?ref=v1
  - deployment.yaml
  - gone.yaml
`,
      'deployment.yaml': 'kind: Deployment',
    });
    expect(files).toEqual(['deployment.yaml']);
    expect(warnings).toEqual([
      "kustomization.yaml: remote resource 'https://github.com/acme/platform//network?ref=v1.2.0' is not read; only files in kubernetes are evaluated",
      "kustomization.yaml: remote resource 'github.com/acme/platform/monitoring?ref=v1' is not read; only files in kubernetes are evaluated",
      "kustomization.yaml: resource 'gone.yaml' is not among the manifest files of kubernetes",
    ]);
  });

  it('reads every file when there is no kustomization', async () => {
    const { files } = await select({ 'a.yaml': '', 'b/c.json': '' });
    expect(files).toEqual(['a.yaml', 'b/c.json']);
  });
});
