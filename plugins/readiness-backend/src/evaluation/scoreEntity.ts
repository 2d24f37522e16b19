/**
 * Scores one catalog entity from the sources' latest snapshots: finds its
 * workloads the way the Backstage Kubernetes plugin does (label selector or
 * kubernetes-id, optional namespace and cluster), adds what the checks
 * consult in their namespaces, and runs the engine. With the entity's Git
 * manifests read too, compares them with what each source runs (drift).
 */
import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_KUBERNETES_CLUSTER,
  ANNOTATION_KUBERNETES_NAMESPACE,
  DEFAULT_NAMESPACE,
  entityLabelSelector,
  evaluateReadiness,
  objectNamespace,
  ReadinessConfig,
  ReadinessReport,
  SourcedObject,
  WorkloadDrift,
} from '@prodready/backstage-plugin-readiness-common';
import { entityDrift, LiveObjects } from './entityDrift';
import { SourceState } from './SourceSnapshots';

/** The entity's own manifests from Git, or why they could not be read. */
export type EntityManifests =
  | {
      sourceId: string;
      objects: SourcedObject[];
      error?: string;
      /** Files left out of the read, and why (a remote Kustomize base, ...). */
      warnings?: string[];
    }
  | { sourceId: string; objects?: undefined; error: string };

export interface ScoreEntityOptions {
  sources: readonly SourceState[];
  manifests?: EntityManifests;
  engine: ReadinessConfig;
  now: Date;
  ownerExists?: boolean;
}

export interface EntityScore {
  report: ReadinessReport;
  /** Sources that failed; their last good objects were used where known. */
  staleReasons: string[];
  /** False when a source the entity needs has never been read: the report lacks its objects. */
  complete: boolean;
  /**
   * Where the sources run the entity's workloads differently from its Git
   * manifests, per source; undefined unless manifests were read and some
   * source runs the entity's workloads.
   */
  drift?: WorkloadDrift[];
}

function annotation(entity: Entity, name: string): string | undefined {
  const value = entity.metadata.annotations?.[name];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** The sources an entity reads from: all, or those of its pinned cluster. */
export function sourcesForEntity(
  entity: Entity,
  sources: readonly SourceState[],
): SourceState[] {
  const cluster = annotation(entity, ANNOTATION_KUBERNETES_CLUSTER);
  return cluster
    ? sources.filter(state => state.cluster === cluster)
    : [...sources];
}

function staleReason(state: SourceState): string {
  const since = state.readAt
    ? `; using objects last read at ${state.readAt.toISOString()}`
    : '';
  return `${state.source.id}: ${state.error}${since}`;
}

export function scoreEntity(
  entity: Entity,
  options: ScoreEntityOptions,
): EntityScore {
  const selector = entityLabelSelector(entity.metadata.annotations ?? {});
  const namespace = annotation(entity, ANNOTATION_KUBERNETES_NAMESPACE);
  const objects: SourcedObject[] = [];
  const staleReasons: string[] = [];
  let complete = true;

  // Without a selector no source can hold the entity's workloads, so none
  // makes its scorecard stale or incomplete.
  const sources = selector ? sourcesForEntity(entity, options.sources) : [];
  for (const state of sources) {
    if (state.error) staleReasons.push(staleReason(state));
    if (!state.index) complete = false;
  }
  const live: LiveObjects[] = [];
  for (const state of sources) {
    const { index } = state;
    if (!selector || !index) continue;
    const workloads = index.workloadsMatching(selector, namespace);
    if (workloads.length === 0) continue;
    const namespaces = new Set(
      workloads.map(({ object }) => objectNamespace(object, DEFAULT_NAMESPACE)),
    );
    const sourceObjects = [...workloads, ...index.relatedObjects(namespaces)];
    objects.push(...sourceObjects);
    live.push({
      name: state.cluster ?? state.source.id,
      objects: sourceObjects,
    });
  }

  const { manifests } = options;
  if (manifests) {
    if (manifests.error) {
      staleReasons.push(
        `${manifests.sourceId}: ${manifests.error}${
          manifests.objects ? '; using the manifests last read' : ''
        }`,
      );
    }
    if (manifests.objects) objects.push(...manifests.objects);
    else complete = false;
  }

  const report = evaluateReadiness({
    objects,
    entity,
    config: options.engine,
    now: options.now,
    ownerExists: options.ownerExists,
    configMapScope: 'referenced',
  });
  if (manifests?.objects && manifests.warnings?.length) {
    report.warnings = [...(report.warnings ?? []), ...manifests.warnings];
  }
  const drift = manifests?.objects
    ? entityDrift(entity, manifests.objects, live)
    : undefined;
  return { report, staleReasons, complete, ...(drift ? { drift } : {}) };
}
