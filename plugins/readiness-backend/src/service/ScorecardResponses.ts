import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { ReadinessStore } from '../database/ReadinessStore';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** A scorecard response, compressed, with the tag of its evaluation. */
export interface ScorecardResponse {
  /** A strong HTTP entity tag, quoted: changes with every evaluation. */
  etag: string;
  gzipped: Buffer;
  /** The JSON text, uncompressed, for a client that does not take gzip. */
  json(): Promise<string>;
}

interface Entry {
  etag: string;
  gzipped: Buffer;
}

/** About 8,000 typical scorecards (4 KB compressed each). */
const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

/**
 * The scorecard route's responses, gzip-compressed once per evaluation
 * rather than once per request (a 30 KB scorecard costs about half a
 * millisecond of CPU to compress, the largest part of serving it).
 *
 * Coherent across replicas: a request for a scorecard kept here first reads
 * its summary from the database (a small primary-key read, without the
 * report), and the kept response is used only when it was made from that
 * same summary. The summary carries `evaluatedAt` and the staleness, so a refresh or a
 * cycle on any replica is seen at once. Only the report's text is spared.
 */
export class ScorecardResponses {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(
    private readonly store: ReadinessStore,
    private readonly maxBytes = DEFAULT_MAX_BYTES,
  ) {}

  /** The entity's current scorecard response, or undefined when it has none. */
  async get(entityRef: string): Promise<ScorecardResponse | undefined> {
    const kept = this.entries.get(entityRef);
    // With nothing kept, the summary alone would only add a round trip.
    if (kept) {
      const summary = await this.store.getScorecardSummaryJson(entityRef);
      if (summary === undefined) {
        this.drop(entityRef, kept);
        return undefined;
      }
      if (kept.etag === entityTag(summary)) {
        this.touch(entityRef, kept);
        return response(kept);
      }
    }
    const json = await this.store.getScorecardJson(entityRef);
    if (json === undefined) return undefined;
    // The row may have changed between the two reads: tag what was read.
    const entry = {
      etag: entityTag(summaryPartOf(json)),
      gzipped: await gzipAsync(json),
    };
    this.keep(entityRef, entry);
    return { ...response(entry), json: async () => json };
  }

  private touch(entityRef: string, entry: Entry) {
    // A Map iterates in insertion order: re-inserting marks it recently used.
    this.entries.delete(entityRef);
    this.entries.set(entityRef, entry);
  }

  private drop(entityRef: string, entry: Entry) {
    this.entries.delete(entityRef);
    this.bytes -= entry.gzipped.byteLength;
  }

  private keep(entityRef: string, entry: Entry) {
    const previous = this.entries.get(entityRef);
    if (previous) this.drop(entityRef, previous);
    if (entry.gzipped.byteLength > this.maxBytes) return;
    this.entries.set(entityRef, entry);
    this.bytes += entry.gzipped.byteLength;
    for (const [ref, oldest] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(ref, oldest);
    }
  }
}

function response(entry: Entry): ScorecardResponse {
  return {
    etag: entry.etag,
    gzipped: entry.gzipped,
    json: async () => (await gunzipAsync(entry.gzipped)).toString('utf8'),
  };
}

function entityTag(summaryJson: string): string {
  const digest = createHash('sha256').update(summaryJson).digest('base64url');
  return `"${digest.slice(0, 22)}"`;
}

/**
 * The summary at the start of a scorecard's JSON (see
 * `ReadinessStore.getScorecardSummaryJson`). The first `,"report":` is the
 * summary's own last key: inside the summary's string values every quote
 * is escaped, so the sequence cannot occur there.
 */
function summaryPartOf(json: string): string {
  return `${json.slice(0, json.indexOf(',"report":'))}}`;
}
