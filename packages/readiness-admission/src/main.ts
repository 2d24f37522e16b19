/**
 * `readiness-admission`: starts the webhook with its cache and evaluation
 * workers. Options come from flags, or from the environment variables
 * named in the README (as the deployment manifests set them).
 */
import { parseArgs } from 'node:util';
import { KubeConfig } from '@kubernetes/client-node';
import { loadAdmissionConfig } from './config';
import { RelatedObjectsCache } from './cache/RelatedObjectsCache';
import { EvaluatorPool } from './evaluation/EvaluatorPool';
import { startAdmissionServer } from './server';

const USAGE = `Usage: readiness-admission [options]

  --config <file>       the portal's app-config YAML (its readiness: section)
  --tls-cert <file>     server certificate (PEM)  [/tls/tls.crt]
  --tls-key <file>      server private key (PEM)  [/tls/tls.key]
  --port <port>         HTTPS port  [8443]
  --budget-ms <ms>      longest time to answer a review  [2000]
  --on-timeout <mode>   allow or deny when not judged in time  [allow]
  --workers <n>         evaluation worker threads  [2]
  --kubeconfig <file>   cluster access (default: KUBECONFIG, ~/.kube/config, else in-cluster)
`;

/** The server's settings, from flags first, then the environment. */
export interface AdmissionSettings {
  configFile?: string;
  certFile: string;
  keyFile: string;
  port: number;
  budgetMs: number;
  onTimeout: 'allow' | 'deny';
  workers: number;
  kubeconfig?: string;
}

function positiveInteger(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer, not ${raw}`);
  }
  return value;
}

export function readSettings(
  argv: string[],
  env: NodeJS.ProcessEnv,
): AdmissionSettings | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      port: { type: 'string' },
      'budget-ms': { type: 'string' },
      'on-timeout': { type: 'string' },
      workers: { type: 'string' },
      kubeconfig: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  const onTimeout =
    values['on-timeout'] ?? env.READINESS_ADMISSION_ON_TIMEOUT ?? 'allow';
  if (onTimeout !== 'allow' && onTimeout !== 'deny') {
    throw new Error(`--on-timeout must be allow or deny, not ${onTimeout}`);
  }
  return {
    configFile: values.config ?? env.READINESS_ADMISSION_CONFIG,
    certFile:
      values['tls-cert'] ?? env.READINESS_ADMISSION_TLS_CERT ?? '/tls/tls.crt',
    keyFile:
      values['tls-key'] ?? env.READINESS_ADMISSION_TLS_KEY ?? '/tls/tls.key',
    port: positiveInteger(
      '--port',
      values.port ?? env.READINESS_ADMISSION_PORT ?? '8443',
    ),
    budgetMs: positiveInteger(
      '--budget-ms',
      values['budget-ms'] ?? env.READINESS_ADMISSION_BUDGET_MS ?? '2000',
    ),
    onTimeout,
    workers: positiveInteger(
      '--workers',
      values.workers ?? env.READINESS_ADMISSION_WORKERS ?? '2',
    ),
    kubeconfig: values.kubeconfig,
  };
}

const log = (record: Record<string, unknown>) =>
  process.stdout.write(
    `${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`,
  );

/** Runs the server until SIGTERM or SIGINT. */
export async function run(argv: string[] = process.argv.slice(2)) {
  let settings;
  try {
    settings = readSettings(argv, process.env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (settings === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  try {
    // Fail fast on a bad configuration, before any worker starts.
    loadAdmissionConfig(settings.configFile);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  const kc = new KubeConfig();
  if (settings.kubeconfig) kc.loadFromFile(settings.kubeconfig);
  else kc.loadFromDefault();

  const pool = new EvaluatorPool({
    size: settings.workers,
    configFile: settings.configFile,
  });
  await pool.start();
  const cache = new RelatedObjectsCache(kc, {
    onError: (kind, error) =>
      log({ level: 'warn', msg: 'watch failed', kind, error: String(error) }),
  });
  const server = await startAdmissionServer({
    tls: { certFile: settings.certFile, keyFile: settings.keyFile },
    port: settings.port,
    budgetMs: settings.budgetMs,
    onTimeout: settings.onTimeout,
    cache,
    evaluator: pool,
    log,
  });
  log({ level: 'info', msg: 'listening', port: server.port });
  // /readyz answers 503 until this resolves.
  cache
    .start()
    .then(() =>
      log({
        level: 'info',
        msg: 'cache synced',
        notInstalled: cache.notInstalled,
      }),
    )
    .catch(error => {
      log({ level: 'error', msg: 'cache failed', error: String(error) });
      process.exitCode = 1;
      shutdown();
    });

  let stopping = false;
  async function shutdown() {
    if (stopping) return;
    stopping = true;
    await server.close();
    await cache.stop();
    await pool.close();
  }
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
