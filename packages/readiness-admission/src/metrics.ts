/**
 * The server's counters, in Prometheus' text format for `/metrics`. Few
 * series, so a map per metric is enough; no client library needed.
 */

/** How a review ended. */
export type ReviewOutcome =
  | 'skipped'
  | 'allowed'
  | 'warned'
  | 'denied'
  | 'timeout'
  | 'error';

/** Upper bounds of the latency buckets, in seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10];

function labelText(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  const escape = (value: string) =>
    value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  return `{${entries.map(([k, v]) => `${k}="${escape(v)}"`).join(',')}}`;
}

export class AdmissionMetrics {
  private readonly reviews = new Map<string, number>();
  private readonly auditViolations = new Map<string, number>();
  private readonly bucketCounts = LATENCY_BUCKETS.map(() => 0);
  private latencyCount = 0;
  private latencySum = 0;

  /** Counts a review and its latency. */
  recordReview(outcome: ReviewOutcome, dryRun: boolean, seconds: number): void {
    const key = labelText({ outcome, dry_run: String(dryRun) });
    this.reviews.set(key, (this.reviews.get(key) ?? 0) + 1);
    this.latencyCount++;
    this.latencySum += seconds;
    LATENCY_BUCKETS.forEach((bound, i) => {
      if (seconds <= bound) this.bucketCounts[i]++;
    });
  }

  /** Counts a workload below its namespace's audit level. */
  recordAuditViolation(namespace: string, required: string): void {
    const key = labelText({ namespace, required });
    this.auditViolations.set(key, (this.auditViolations.get(key) ?? 0) + 1);
  }

  /** The exposition text; `cacheObjects` are the cache's counts by kind. */
  render(cacheObjects: Record<string, number>): string {
    const lines: string[] = [];
    const counter = (
      name: string,
      help: string,
      series: Map<string, number>,
    ) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      for (const [labels, value] of series) {
        lines.push(`${name}${labels} ${value}`);
      }
    };
    counter(
      'readiness_admission_reviews_total',
      'AdmissionReview requests answered, by outcome.',
      this.reviews,
    );
    counter(
      'readiness_admission_audit_violations_total',
      'Workloads admitted below the level of their namespace prodready.dev/audit label.',
      this.auditViolations,
    );
    const histogram = 'readiness_admission_review_duration_seconds';
    lines.push(
      `# HELP ${histogram} Time from request to answer.`,
      `# TYPE ${histogram} histogram`,
    );
    LATENCY_BUCKETS.forEach((bound, i) => {
      lines.push(`${histogram}_bucket{le="${bound}"} ${this.bucketCounts[i]}`);
    });
    lines.push(
      `${histogram}_bucket{le="+Inf"} ${this.latencyCount}`,
      `${histogram}_sum ${this.latencySum}`,
      `${histogram}_count ${this.latencyCount}`,
    );
    const gauge = 'readiness_admission_cached_objects';
    lines.push(
      `# HELP ${gauge} Objects held by the informer cache, by kind.`,
      `# TYPE ${gauge} gauge`,
    );
    for (const [kind, count] of Object.entries(cacheObjects)) {
      lines.push(`${gauge}${labelText({ kind })} ${count}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
