/**
 * Starts the service with the settings from the environment (the
 * ${{ values.name }}-config ConfigMap in Kubernetes) and shuts it down
 * gracefully on SIGTERM.
 */
import { log } from './log.ts';
import { createService } from './server.ts';

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
const shutdownDelayMs = numberFromEnv('SHUTDOWN_DELAY_SECONDS', 5) * 1000;

const service = createService({
  name: '${{ values.name }}',
  dataDir: process.env.DATA_DIR || undefined,
});

service.server.listen(port, () => {
  log('info', 'listening', { port });
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
