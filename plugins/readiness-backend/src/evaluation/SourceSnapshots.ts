import {
  WorkloadSource,
  WorkloadSourceSnapshot,
} from '@prodready/backstage-plugin-readiness-node';
import { SourceRun } from '../database/ReadinessStore';
import { SourceIndex } from './SourceIndex';

/** The state of one source after the latest attempt to read it. */
export interface SourceState {
  source: WorkloadSource;
  /** Cluster the source stands for, matched against entities' cluster annotation. */
  cluster?: string;
  /** The last successful read, kept while later reads fail. */
  index?: SourceIndex;
  readAt?: Date;
  /** Why the latest read failed; undefined when it succeeded. */
  error?: string;
  failedAt?: Date;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads workload sources and remembers each one's last good snapshot, so a
 * source that fails keeps feeding its last known objects (reported stale)
 * instead of its workloads vanishing from scorecards.
 */
export class SourceSnapshots {
  private readonly states = new Map<string, SourceState>();
  private inFlight?: Promise<SourceRun[]>;

  constructor(private readonly sources: readonly WorkloadSource[]) {
    for (const source of sources) {
      this.states.set(source.id, { source, cluster: source.cluster });
    }
  }

  /**
   * Reads every source once, concurrently. Concurrent callers share one
   * read. Returns the run log entries.
   */
  readAll(options: { signal?: AbortSignal } = {}): Promise<SourceRun[]> {
    if (!this.inFlight) {
      this.inFlight = this.readEverySource(options).finally(() => {
        this.inFlight = undefined;
      });
    }
    return this.inFlight;
  }

  /** Reads again only when the last read is older than `maxAgeMs`. */
  async readIfOlderThan(maxAgeMs: number, now = Date.now()): Promise<void> {
    const stale = [...this.states.values()].some(state => {
      const last = Math.max(
        state.readAt?.getTime() ?? 0,
        state.failedAt?.getTime() ?? 0,
      );
      return now - last > maxAgeMs;
    });
    if (stale) await this.readAll();
  }

  private async readEverySource(options: {
    signal?: AbortSignal;
  }): Promise<SourceRun[]> {
    return Promise.all(
      this.sources.map(source => this.readOne(source, options.signal)),
    );
  }

  private async readOne(
    source: WorkloadSource,
    signal?: AbortSignal,
  ): Promise<SourceRun> {
    const startedAt = new Date();
    const state = this.states.get(source.id)!;
    let snapshot: WorkloadSourceSnapshot | undefined;
    try {
      snapshot = await source.read({ signal });
    } catch (error) {
      state.error = messageOf(error);
      state.failedAt = new Date();
      return {
        source: source.id,
        startedAt,
        durationMs: Date.now() - startedAt.getTime(),
        objectCount: 0,
        errors: [state.error],
        warnings: [],
      };
    }
    const objects = Array.isArray(snapshot?.objects) ? snapshot.objects : [];
    state.index = new SourceIndex(source.id, objects, state.cluster);
    state.readAt = new Date();
    state.error = undefined;
    state.failedAt = undefined;
    return {
      source: source.id,
      startedAt,
      durationMs: Date.now() - startedAt.getTime(),
      objectCount: objects.length,
      errors: [],
      warnings: snapshot?.warnings ?? [],
    };
  }

  list(): SourceState[] {
    return [...this.states.values()];
  }
}
