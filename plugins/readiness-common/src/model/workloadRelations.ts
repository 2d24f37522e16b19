/**
 * What one workload relates to, looked up lazily and at most once: several
 * checks ask for the same PDBs or HPAs, and many workloads never need some
 * relations at all (a Job is never asked for its PDB).
 */
import { asRecord, toInteger } from '../util/guards';
import { AutoscalerInfo, RelatedObject, RelationIndex } from './relationIndex';
import { Workload } from './workloads';

/** Where the effective replica count came from. */
export interface EffectiveReplicas {
  count: number;
  /** `hpa` when an HPA targets the workload, else `spec`. */
  from: 'hpa' | 'spec';
  /** The HPA's name when `from` is `hpa`. */
  autoscaler?: string;
}

export class WorkloadRelations {
  private cachedPdbs?: readonly RelatedObject[];
  private cachedPolicies?: readonly RelatedObject[];
  private cachedServices?: readonly RelatedObject[];
  private cachedAutoscalers?: readonly AutoscalerInfo[];
  private cachedReplicas?: EffectiveReplicas;

  constructor(readonly workload: Workload, readonly index: RelationIndex) {}

  get pdbs(): readonly RelatedObject[] {
    this.cachedPdbs ??= this.index.pdbsFor(this.workload);
    return this.cachedPdbs;
  }

  get networkPolicies(): readonly RelatedObject[] {
    this.cachedPolicies ??= this.index.networkPoliciesFor(this.workload);
    return this.cachedPolicies;
  }

  get services(): readonly RelatedObject[] {
    this.cachedServices ??= this.index.servicesFor(this.workload);
    return this.cachedServices;
  }

  get autoscalers(): readonly AutoscalerInfo[] {
    this.cachedAutoscalers ??= this.index.autoscalersFor(this.workload);
    return this.cachedAutoscalers;
  }

  /**
   * Replicas the workload runs with: an HPA's minReplicas (default 1) when
   * one targets it, since the HPA overrides spec.replicas; otherwise
   * spec.replicas (default 1).
   */
  get effectiveReplicas(): EffectiveReplicas {
    if (!this.cachedReplicas) {
      const autoscaler = this.autoscalers[0];
      if (autoscaler) {
        this.cachedReplicas = {
          count: autoscaler.minReplicas,
          from: 'hpa',
          autoscaler: autoscaler.object.name,
        };
      } else {
        const replicas = toInteger(
          asRecord(this.workload.object.spec)?.replicas,
        );
        this.cachedReplicas = { count: replicas ?? 1, from: 'spec' };
      }
    }
    return this.cachedReplicas;
  }
}
