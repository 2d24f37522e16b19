/**
 * The demo's deliberate drift, as examples/README.md ("Drift") describes
 * it: notification-service keeps its manifests in Git
 * (examples/components/deploy/notification-service) and runs in the
 * `acme-prod` directory source (examples/manifests), and the two differ in
 * one field only: the cluster runs 1 replica, Git says 3. The browser test
 * (e2e/drift.test.mjs) looks for that message on the Readiness tab.
 */
import {
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_MANIFESTS,
  DEFAULT_NAMESPACE,
  detectDrift,
  entityLabelSelector,
  isCatalogEntity,
  objectNamespace,
  parseManifests,
  selectorMatches,
  SourcedObject,
  workloadKindOf,
} from '@prodready/backstage-plugin-readiness-common';
import fs from 'node:fs';
import path from 'node:path';

const EXAMPLES = path.resolve(__dirname, '../../../examples');
// The directory source of app-config.yaml's readiness.sources.
const LIVE_SOURCE = { folder: 'manifests', cluster: 'acme-prod' };

/** The objects of every YAML file under a folder, as the backend reads them. */
function readFolder(folder: string): SourcedObject[] {
  const directory = path.join(EXAMPLES, folder);
  return fs
    .readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter(entry => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .filter(entry => entry.name !== 'kustomization.yaml')
    .flatMap(entry => {
      const file = path.join(entry.parentPath, entry.name);
      return parseManifests(fs.readFileSync(file, 'utf8'), {
        file: path.relative(directory, file),
      }).objects;
    });
}

const components = readFolder('components')
  .filter(isCatalogEntity)
  .map(source => source.object);
const live: SourcedObject[] = readFolder(LIVE_SOURCE.folder).map(source => ({
  ...source,
  cluster: LIVE_SOURCE.cluster,
}));

function annotationsOf(name: string): Record<string, string> {
  const entity = components.find(
    component => component.metadata?.name === name,
  );
  if (!entity) throw new Error(`examples/components has no ${name}`);
  return entity.metadata?.annotations ?? {};
}

/**
 * The entity's live workloads (by its selector, on their own or their pod
 * template's labels) and the other objects of their namespaces.
 */
function liveObjectsOf(name: string): SourcedObject[] {
  const selector = entityLabelSelector(annotationsOf(name));
  if (!selector) return [];
  const workloads = live.filter(({ object }) => {
    if (!workloadKindOf(object)) return false;
    const template =
      object.kind === 'CronJob'
        ? object.spec?.jobTemplate?.spec?.template
        : object.spec?.template;
    return (
      selectorMatches(selector, object.metadata?.labels ?? {}) ||
      selectorMatches(selector, template?.metadata?.labels ?? {})
    );
  });
  const namespaces = new Set(
    workloads.map(({ object }) => objectNamespace(object, DEFAULT_NAMESPACE)),
  );
  return [
    ...workloads,
    ...live.filter(
      ({ object }) =>
        !workloadKindOf(object) &&
        namespaces.has(objectNamespace(object, DEFAULT_NAMESPACE)),
    ),
  ];
}

/** The entity's manifests in Git, relative to examples/components. */
function gitObjectsOf(name: string): SourcedObject[] {
  const location = annotationsOf(name)[ANNOTATION_MANIFESTS];
  return location ? readFolder(path.join('components', location)) : [];
}

describe("the demo's drift between Git and the cluster", () => {
  it('is one field of notification-service: the cluster runs 1 replica, Git says 3', () => {
    const annotations = annotationsOf('notification-service');
    const drift = detectDrift(
      gitObjectsOf('notification-service'),
      liveObjectsOf('notification-service'),
      {
        gitDefaultNamespace:
          annotations[ANNOTATION_KUBERNETES_NAMESPACE] ?? DEFAULT_NAMESPACE,
      },
    );
    expect(drift).toEqual([
      {
        kind: 'Deployment',
        namespace: 'notifications',
        name: 'notification-service',
        cluster: 'acme-prod',
        state: 'changed',
        differences: [
          {
            field: 'replicas',
            git: '3',
            live: '1',
            message:
              'live Deployment notification-service runs 1 replica, Git says 3',
          },
        ],
      },
    ]);
  });

  it('is the only drift: no other component has both manifests in Git and workloads in acme-prod', () => {
    const compared = components
      .map(component => component.metadata?.name as string)
      .filter(
        name => gitObjectsOf(name).length > 0 && liveObjectsOf(name).length > 0,
      );
    expect(compared).toEqual(['notification-service']);
  });
});
