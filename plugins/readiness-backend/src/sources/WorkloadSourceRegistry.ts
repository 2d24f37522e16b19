import {
  assertValidWorkloadSource,
  WorkloadSource,
} from '@prodready/backstage-plugin-readiness-node';

/** The workload sources configured or added by modules, by unique id. */
export class WorkloadSourceRegistry {
  readonly #sources = new Map<string, WorkloadSource>();

  add(source: WorkloadSource): void {
    assertValidWorkloadSource(source);
    if (this.#sources.has(source.id)) {
      throw new Error(
        `Readiness workload source '${source.id}' is added twice; source ids must be unique`,
      );
    }
    this.#sources.set(source.id, source);
  }

  list(): WorkloadSource[] {
    return [...this.#sources.values()];
  }
}
