/**
 * Prometheus metrics in the text exposition format, without a dependency:
 * request counts and latencies by route, and a few process gauges. Routes
 * are a fixed list, so a scan of random URLs cannot blow up the number of
 * series.
 */

const LATENCY_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

interface RequestSeries {
  method: string;
  route: string;
  status: string;
  count: number;
}

interface Histogram {
  /** Observations at or below each bound of LATENCY_BUCKETS. */
  counts: number[];
  sum: number;
  count: number;
}

function escapeLabel(value: string): string {
  return value
    .replaceAll('\\', '\\\\')
    .replaceAll('"', '\\"')
    .replaceAll('\n', '\\n');
}

function labels(pairs: Record<string, string>): string {
  const text = Object.entries(pairs)
    .map(([key, value]) => `${key}="${escapeLabel(value)}"`)
    .join(',');
  return text ? `{${text}}` : '';
}

export class Metrics {
  readonly #requests = new Map<string, RequestSeries>();
  readonly #latencies = new Map<string, Histogram>();
  readonly #startedAt = Date.now();

  /** Records one finished request. */
  observe(method: string, route: string, status: number, seconds: number) {
    const key = `${method} ${route} ${status}`;
    const series = this.#requests.get(key);
    if (series) {
      series.count++;
    } else {
      this.#requests.set(key, {
        method,
        route,
        status: String(status),
        count: 1,
      });
    }

    let histogram = this.#latencies.get(route);
    if (!histogram) {
      histogram = {
        counts: LATENCY_BUCKETS.map(() => 0),
        sum: 0,
        count: 0,
      };
      this.#latencies.set(route, histogram);
    }
    histogram.counts = histogram.counts.map((count, index) =>
      seconds <= (LATENCY_BUCKETS[index] ?? Infinity) ? count + 1 : count,
    );
    histogram.sum += seconds;
    histogram.count++;
  }

  /** Everything, in the Prometheus text format. */
  render(): string {
    const lines: string[] = [];

    lines.push(
      '# HELP http_requests_total HTTP requests served, by method, route and status.',
      '# TYPE http_requests_total counter',
    );
    for (const { method, route, status, count } of this.#requests.values()) {
      lines.push(
        `http_requests_total${labels({ method, route, status })} ${count}`,
      );
    }

    lines.push(
      '# HELP http_request_duration_seconds Time to serve an HTTP request, by route.',
      '# TYPE http_request_duration_seconds histogram',
    );
    for (const [route, histogram] of this.#latencies) {
      histogram.counts.forEach((count, index) => {
        lines.push(
          `http_request_duration_seconds_bucket${labels({
            route,
            le: String(LATENCY_BUCKETS[index]),
          })} ${count}`,
        );
      });
      lines.push(
        `http_request_duration_seconds_bucket${labels({
          route,
          le: '+Inf',
        })} ${histogram.count}`,
        `http_request_duration_seconds_sum${labels({ route })} ${
          histogram.sum
        }`,
        `http_request_duration_seconds_count${labels({ route })} ${
          histogram.count
        }`,
      );
    }

    const memory = process.memoryUsage();
    lines.push(
      '# HELP process_resident_memory_bytes Resident memory size in bytes.',
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${memory.rss}`,
      '# HELP nodejs_heap_used_bytes V8 heap in use, in bytes.',
      '# TYPE nodejs_heap_used_bytes gauge',
      `nodejs_heap_used_bytes ${memory.heapUsed}`,
      '# HELP process_uptime_seconds Seconds since the process started.',
      '# TYPE process_uptime_seconds gauge',
      `process_uptime_seconds ${(Date.now() - this.#startedAt) / 1000}`,
    );
    return `${lines.join('\n')}\n`;
  }
}
