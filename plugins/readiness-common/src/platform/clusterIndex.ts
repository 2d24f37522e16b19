/**
 * One pass over a cluster snapshot: objects by kind, installed CRDs, the
 * running workloads and their images, the application namespaces. Every
 * platform check reads these lookups, never the object list, so evaluating
 * a cluster of thousands of namespaces stays linear.
 */
import { parseImageReference } from '../model/images';
import { WORKLOAD_KINDS } from '../model/workloads';
import { apiGroupOf, configuredKindOf, KNOWN_KINDS } from '../model/kinds';
import { KubeObject } from '../types';
import { asArray, asRecord, toInteger } from '../util/guards';
import { PLATFORM_KIND_GROUPS } from './kinds';
import { ClusterSnapshot } from './types';

/**
 * Namespaces that are never application namespaces, besides those of
 * `platform.systemNamespaces`.
 * @public
 */
export const SYSTEM_NAMESPACES: readonly string[] = [
  'kube-system',
  'kube-public',
  'kube-node-lease',
];

/** Kinds whose pods "run" a capability. */
const RUNNING_KINDS: ReadonlySet<string> = new Set([
  'Deployment',
  'DaemonSet',
  'StatefulSet',
]);

/** A Deployment, DaemonSet or StatefulSet with pods (replicas above 0). */
export interface RunningWorkload {
  kind: string;
  namespace: string;
  name: string;
  /** Every container and init container image. */
  images: string[];
}

/** One image of a running workload, split into its repository's segments. */
export interface ImageUse {
  workload: RunningWorkload;
  image: string;
  /** `quay.io/prometheus/prometheus:v2.53.0` → `['prometheus', 'prometheus']`. */
  segments: string[];
}

function nameOf(object: KubeObject): string {
  const name = object.metadata?.name;
  return typeof name === 'string' ? name : '';
}

function namespaceOf(object: KubeObject): string {
  const namespace = object.metadata?.namespace;
  return typeof namespace === 'string' ? namespace : '';
}

/**
 * The kind an object is indexed under: the engine's known kinds and the
 * snapshot's platform kinds only in their own API group (Calico's
 * NetworkPolicy is not one), any other kind by name.
 */
const ENGINE_KINDS: ReadonlySet<string> = new Set(KNOWN_KINDS);

function indexedKindOf(object: KubeObject): string | undefined {
  const kind = object.kind;
  if (typeof kind !== 'string' || kind === '') return undefined;
  const group = PLATFORM_KIND_GROUPS.get(kind);
  if (group === undefined || ENGINE_KINDS.has(kind)) {
    return configuredKindOf(object);
  }
  const actual = apiGroupOf(object.apiVersion);
  return actual === undefined || actual === group ? kind : undefined;
}

function imagesOf(object: KubeObject): string[] {
  const podSpec = asRecord(asRecord(asRecord(object.spec)?.template)?.spec);
  const images: string[] = [];
  for (const field of ['containers', 'initContainers']) {
    for (const container of asArray(podSpec?.[field])) {
      const image = asRecord(container)?.image;
      if (typeof image === 'string' && image.trim()) images.push(image.trim());
    }
  }
  return images;
}

/** True unless a Deployment or StatefulSet is scaled to zero. */
function hasPods(kind: string, object: KubeObject): boolean {
  if (kind === 'DaemonSet') return true;
  const replicas = toInteger(asRecord(object.spec)?.replicas);
  return replicas === undefined || replicas > 0;
}

/** The lookups of one snapshot. */
export class ClusterIndex {
  private readonly byKind = new Map<string, KubeObject[]>();
  /** Names of installed CustomResourceDefinitions. */
  readonly crds = new Set<string>();
  readonly running: RunningWorkload[] = [];
  /** Images of running workloads, by the last segment of their repository. */
  readonly imagesByLastSegment = new Map<string, ImageUse[]>();
  /** Kinds the reader could not read, with why. */
  readonly unread = new Map<string, string>();
  /** Namespaces that hold at least one workload of any kind. */
  private readonly namespacesWithWorkloads = new Set<string>();
  private readonly systemNamespaces: ReadonlySet<string>;
  private applicationNamespaceList?: string[];

  constructor(
    snapshot: ClusterSnapshot,
    extraSystemNamespaces: readonly string[],
  ) {
    this.systemNamespaces = new Set([
      ...SYSTEM_NAMESPACES,
      ...extraSystemNamespaces,
    ]);
    for (const entry of asArray(snapshot.unreadKinds)) {
      const kind = asRecord(entry)?.kind;
      const reason = asRecord(entry)?.reason;
      if (typeof kind === 'string' && kind) {
        this.unread.set(kind, typeof reason === 'string' ? reason : '');
      }
    }
    for (const item of asArray(snapshot.objects)) {
      const object = asRecord(item) as KubeObject | undefined;
      if (!object) continue;
      const kind = indexedKindOf(object);
      if (!kind) continue;
      let list = this.byKind.get(kind);
      if (!list) {
        list = [];
        this.byKind.set(kind, list);
      }
      list.push(object);
      if (kind === 'CustomResourceDefinition') this.crds.add(nameOf(object));
      if (WORKLOAD_KINDS.has(kind)) {
        this.namespacesWithWorkloads.add(namespaceOf(object));
      }
      if (RUNNING_KINDS.has(kind) && hasPods(kind, object)) {
        this.addRunning(kind, object);
      }
    }
  }

  private addRunning(kind: string, object: KubeObject): void {
    const workload: RunningWorkload = {
      kind,
      namespace: namespaceOf(object),
      name: nameOf(object),
      images: imagesOf(object),
    };
    this.running.push(workload);
    for (const image of workload.images) {
      const repository = parseImageReference(image)?.repository;
      if (!repository) continue;
      const segments = repository.split('/');
      const last = segments[segments.length - 1];
      let uses = this.imagesByLastSegment.get(last);
      if (!uses) {
        uses = [];
        this.imagesByLastSegment.set(last, uses);
      }
      uses.push({ workload, image, segments });
    }
  }

  /** The objects of a kind, in snapshot order; empty when there are none. */
  of(kind: string): readonly KubeObject[] {
    return this.byKind.get(kind) ?? [];
  }

  /** Every kind with its objects, for custom checks' `objects`. */
  kinds(): ReadonlyMap<string, readonly KubeObject[]> {
    return this.byKind;
  }

  isSystemNamespace(namespace: string): boolean {
    return this.systemNamespaces.has(namespace);
  }

  /**
   * Application namespaces, sorted: every Namespace (and every namespace a
   * workload is in, for dumps without Namespaces) except the system ones
   * and `default` when no workload runs there.
   */
  applicationNamespaces(): readonly string[] {
    if (!this.applicationNamespaceList) {
      const names = new Set<string>();
      for (const namespace of this.of('Namespace'))
        names.add(nameOf(namespace));
      for (const name of this.namespacesWithWorkloads) names.add(name);
      names.delete('');
      this.applicationNamespaceList = [...names]
        .filter(
          name =>
            !this.systemNamespaces.has(name) &&
            (name !== 'default' || this.namespacesWithWorkloads.has(name)),
        )
        .sort();
    }
    return this.applicationNamespaceList;
  }

  /** The Namespace object of a name, when it was read. */
  namespace(name: string): KubeObject | undefined {
    this.namespaceByName ??= new Map(
      this.of('Namespace').map(object => [nameOf(object), object]),
    );
    return this.namespaceByName.get(name);
  }

  private namespaceByName?: Map<string, KubeObject>;

  /** Objects of a namespaced kind, by namespace. */
  byNamespace(kind: string): ReadonlyMap<string, readonly KubeObject[]> {
    let grouped = this.groupedByNamespace.get(kind);
    if (!grouped) {
      const map = new Map<string, KubeObject[]>();
      for (const object of this.of(kind)) {
        const namespace = namespaceOf(object);
        const list = map.get(namespace);
        if (list) list.push(object);
        else map.set(namespace, [object]);
      }
      grouped = map;
      this.groupedByNamespace.set(kind, grouped);
    }
    return grouped;
  }

  private readonly groupedByNamespace = new Map<
    string,
    ReadonlyMap<string, readonly KubeObject[]>
  >();
}

export { nameOf, namespaceOf };
