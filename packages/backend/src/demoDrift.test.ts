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
  objectNamespace,
  selectorMatches,
  SourcedObject,
  workloadKindOf,
} from '@prodready/backstage-plugin-readiness-common';
import path from 'node:path';
import {
  exampleEntities,
  exampleEntity,
  readExamples,
} from './__testUtils__/examples';

// The directory source of app-config.yaml's readiness.sources.
const LIVE_SOURCE = { folder: 'manifests', cluster: 'acme-prod' };

const live: SourcedObject[] = readExamples(LIVE_SOURCE.folder, {
  filesRelativeTo: 'folder',
}).map(source => ({ ...source, cluster: LIVE_SOURCE.cluster }));

function annotationsOf(name: string): Record<string, string> {
  return exampleEntity(name).metadata.annotations ?? {};
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
  return location
    ? readExamples(path.join('components', location), {
        filesRelativeTo: 'folder',
      })
    : [];
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
    const compared = exampleEntities()
      .map(entity => entity.metadata.name)
      .filter(
        name => gitObjectsOf(name).length > 0 && liveObjectsOf(name).length > 0,
      );
    expect(compared).toEqual(['notification-service']);
  });
});
