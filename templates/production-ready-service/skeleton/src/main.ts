/**
 * Starts the service with the settings from the environment (the
 * ${{ values.name }}-config ConfigMap in Kubernetes) and shuts it down
 * gracefully on SIGTERM.
 */
import type { AddressInfo } from 'node:net';
import { log } from './log.ts';
import { createService } from './server.ts';
{%- if values.stateful %}
import { topologyFromEnv } from './stateful/topology.ts';
{%- endif %}

function numberFromEnv(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`${name} must be a number, not "${text}"`);
  }
  return value;
}

const port = numberFromEnv('PORT', ${{ values.port }});
const metricsPort = numberFromEnv('METRICS_PORT', ${{ 9465 if values.port == 9464 else 9464 }});
const shutdownDelayMs = numberFromEnv('SHUTDOWN_DELAY_SECONDS', 5) * 1000;
{%- if values.stateful %}
// Outside Kubernetes (npm run dev) there are no peers: one writer, alone.
const topology = process.env.POD_NAME ? topologyFromEnv(process.env) : undefined;
{%- endif %}

const service = createService({
  name: '${{ values.name }}',
  dataDir: process.env.DATA_DIR || undefined,
{%- if values.stateful %}
  about: topology && { topology },
{%- endif %}
});

service.server.listen(port, () => {
  const { port: actual } = service.server.address() as AddressInfo;
  log('info', 'listening', { port: actual });
});
service.metricsServer.listen(metricsPort, () => {
  const { port: actual } = service.metricsServer.address() as AddressInfo;
  log('info', 'serving metrics', { port: actual });
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    service.shutDown(shutdownDelayMs).then(
      () => process.exit(0),
      error => {
        log('error', 'shutdown failed', { error: (error as Error).message });
        process.exit(1);
      },
    );
  });
}
