/**
 * The related objects of a namespace, as sent to the evaluation workers:
 * serialised once per change of the namespace (not per review), so a review
 * copies one string to a worker, and a worker parses it once per change.
 * Copying the objects themselves (structured clone) cost more than judging
 * them.
 */
import type { KubeObject } from '@prodready/backstage-plugin-readiness-common';

/** A namespace's related objects at one version. */
export interface RelatedSnapshot {
  /** Changes whenever any object of the snapshot changes. */
  key: string;
  /** The objects, as a JSON array. */
  json: string;
}

/** What the webhook asks a worker to judge. */
export interface EvaluationRequest {
  /** The incoming object, its namespace filled in. */
  object: KubeObject;
  namespace: string;
  snapshot: RelatedSnapshot;
}

/** Namespaces whose parsed snapshot a worker keeps. */
const KEPT_NAMESPACES = 256;

/** Worker side: the parsed snapshots, most recently used kept. */
export class SnapshotReader {
  private readonly parsed = new Map<
    string,
    { key: string; objects: KubeObject[] }
  >();

  read(namespace: string, snapshot: RelatedSnapshot): KubeObject[] {
    let entry = this.parsed.get(namespace);
    if (entry) this.parsed.delete(namespace);
    if (!entry || entry.key !== snapshot.key) {
      entry = {
        key: snapshot.key,
        objects: JSON.parse(snapshot.json) as KubeObject[],
      };
    }
    this.parsed.set(namespace, entry);
    if (this.parsed.size > KEPT_NAMESPACES) {
      const oldest = this.parsed.keys().next().value;
      if (oldest !== undefined) this.parsed.delete(oldest);
    }
    return entry.objects;
  }
}
