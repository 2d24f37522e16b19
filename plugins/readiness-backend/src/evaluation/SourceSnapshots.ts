import {
  WorkloadScope,
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

/** A snapshot's objects; a module returning something else gives none. */
function objectsOf(snapshot: WorkloadSourceSnapshot | undefined) {
  return Array.isArray(snapshot?.objects) ? snapshot!.objects : [];
}

/**
 * Reads workload sources and remembers each one's last good snapshot, so a
 * source that fails keeps feeding its last known objects (reported stale)
 * instead of its workloads vanishing from scorecards.
 */
export class SourceSnapshots {
  private readonly states = new Map<string, SourceState>();
  // Full reads under way, by source id: a cycle and a refresh that both
  // need a source read in full share one read.
  private readonly reading = new Map<string, Promise<SourceRun>>();

  constructor(private readonly sources: readonly WorkloadSource[]) {
    for (const source of sources) {
      this.states.set(source.id, { source, cluster: source.cluster });
    }
  }

  /**
   * Reads every source once, concurrently. A source already being read is
   * not read twice. Returns the run log entries.
   */
  readAll(options: { signal?: AbortSignal } = {}): Promise<SourceRun[]> {
    return Promise.all(
      this.sources.map(source => this.readShared(source, options.signal)),
    );
  }

  /**
   * The state of each of these sources with what one entity needs, for a
   * refresh: read now with the source's `readScoped`, else its last full
   * read, else (never read here) one full read of that source. Scoped reads
   * stay out of the shared snapshots; a failed one falls back on the last
   * full read, marked with the error as a failed cycle read is.
   */
  async readScoped(
    states: readonly SourceState[],
    scope: WorkloadScope,
    options: { signal?: AbortSignal } = {},
  ): Promise<SourceState[]> {
    return Promise.all(
      states.map(async (state): Promise<SourceState> => {
        const { source } = state;
        if (!source.readScoped) {
          if (!state.index) await this.readShared(source, options.signal);
          return this.states.get(source.id) ?? state;
        }
        try {
          const snapshot = await source.readScoped(scope, options);
          return {
            source,
            cluster: state.cluster,
            index: new SourceIndex(
              source.id,
              objectsOf(snapshot),
              state.cluster,
            ),
            readAt: new Date(),
          };
        } catch (error) {
          return { ...state, error: messageOf(error), failedAt: new Date() };
        }
      }),
    );
  }

  private readShared(
    source: WorkloadSource,
    signal?: AbortSignal,
  ): Promise<SourceRun> {
    let read = this.reading.get(source.id);
    if (!read) {
      read = this.readOne(source, signal).finally(() => {
        this.reading.delete(source.id);
      });
      this.reading.set(source.id, read);
    }
    return read;
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
    const objects = objectsOf(snapshot);
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
