import {
  entityLabelSelector,
  KubeObject,
} from '@prodready/backstage-plugin-readiness-common';
import { SourceIndex } from './SourceIndex';

function workload(
  kind: string,
  name: string,
  namespace: string,
  labels: Record<string, string>,
  podLabels: Record<string, string> = {},
): KubeObject {
  const template = { metadata: { labels: podLabels }, spec: {} };
  return {
    apiVersion: kind === 'CronJob' ? 'batch/v1' : 'apps/v1',
    kind,
    metadata: { name, namespace, labels },
    spec:
      kind === 'CronJob'
        ? { jobTemplate: { spec: { template } } }
        : { template },
  };
}

function selectorOf(annotations: Record<string, string>) {
  const selector = entityLabelSelector(annotations);
  if (!selector) throw new Error('no selector');
  return selector;
}

const names = (objects: { object: KubeObject }[]) =>
  objects.map(({ object }) => object.metadata?.name).sort();

describe('SourceIndex', () => {
  const index = new SourceIndex(
    'cluster:prod',
    [
      {
        object: workload('Deployment', 'web', 'shop', {
          'backstage.io/kubernetes-id': 'web',
        }),
      },
      // Labelled on the pod template only, as many charts do.
      {
        object: workload(
          'CronJob',
          'web-report',
          'shop',
          {},
          { 'backstage.io/kubernetes-id': 'web' },
        ),
      },
      {
        object: workload('Deployment', 'web', 'other', {
          'backstage.io/kubernetes-id': 'web',
        }),
      },
      {
        object: workload('StatefulSet', 'db', 'shop', {
          app: 'db',
          tier: 'data',
        }),
      },
      {
        object: workload('Deployment', 'cache', 'shop', {
          app: 'cache',
          tier: 'data',
        }),
      },
      {
        object: {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'web', namespace: 'shop' },
        },
      },
      {
        object: {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'web', namespace: 'other' },
        },
      },
      {
        object: {
          apiVersion: 'velero.io/v1',
          kind: 'Schedule',
          metadata: { name: 'nightly', namespace: 'velero' },
        },
      },
      {
        object: {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'shop', labels: { team: 'checkout' } },
        },
      },
      {
        object: {
          apiVersion: 'velero.io/v1',
          kind: 'Schedule',
          metadata: { name: 'other-only', namespace: 'velero' },
          spec: { template: { includedNamespaces: ['other'] } },
        },
      },
    ],
    'prod',
  );

  it('finds workloads by kubernetes-id on their own or their pod template labels', () => {
    const found = index.workloadsMatching(
      selectorOf({ 'backstage.io/kubernetes-id': 'web' }),
    );
    expect(
      found
        .map(
          ({ object }) =>
            `${object.metadata?.namespace}/${object.metadata?.name}`,
        )
        .sort(),
    ).toEqual(['other/web', 'shop/web', 'shop/web-report']);
    expect(found.every(source => source.source === 'cluster:prod')).toBe(true);
    expect(found.every(source => source.cluster === 'prod')).toBe(true);
  });

  it('limits the match to a namespace', () => {
    expect(
      names(
        index.workloadsMatching(
          selectorOf({ 'backstage.io/kubernetes-id': 'web' }),
          'other',
        ),
      ),
    ).toEqual(['web']);
  });

  it('matches set-based label selectors', () => {
    const match = (selector: string) =>
      names(
        index.workloadsMatching(
          selectorOf({ 'backstage.io/kubernetes-label-selector': selector }),
        ),
      );
    expect(match('tier=data')).toEqual(['cache', 'db']);
    expect(match('tier=data,app notin (cache)')).toEqual(['db']);
    expect(match('app in (db, cache),!missing')).toEqual(['cache', 'db']);
    expect(match('tier=web')).toEqual([]);
  });

  it('gives the related objects of the namespaces, their Namespace and the Velero schedules covering them', () => {
    const related = index.relatedObjects(['shop']);
    expect(
      related.map(
        ({ object }) =>
          `${object.kind} ${object.metadata?.namespace ?? '(cluster)'}/${
            object.metadata?.name
          }`,
      ),
    ).toEqual([
      'Schedule velero/nightly',
      'Namespace (cluster)/shop',
      'Service shop/web',
    ]);
    const other = index.relatedObjects(['other']);
    expect(other.map(({ object }) => object.metadata?.name)).toEqual([
      'nightly',
      'web',
      'other-only',
    ]);
  });

  it('gives a Namespace with the objects of that namespace only, not of default', () => {
    expect(
      index
        .relatedObjects(['default'])
        .some(({ object }) => object.kind === 'Namespace'),
    ).toBe(false);
  });

  it('counts what it indexed', () => {
    expect(index.objectCount).toBe(10);
  });
});
