/**
 * A plain list of one resource, as the API server sends it: the informers
 * need the raw JSON (client-node's typed lists turn objects into classes and
 * timestamps into Dates), and list items of built-in kinds come without
 * `apiVersion` and `kind`, which the engine needs to recognise them.
 */
import { request } from 'node:https';
import type { RequestOptions } from 'node:https';
import type {
  KubeConfig,
  KubernetesListObject,
  KubernetesObject,
} from '@kubernetes/client-node';

/** A list answered with an error status (404: the kind is not installed). */
export class ListError extends Error {
  constructor(readonly statusCode: number, message: string) {
    super(message);
    this.name = 'ListError';
  }
}

/** Lists are answered in seconds; a stuck connection must not stall start-up. */
const LIST_TIMEOUT_MS = 60_000;

export async function listObjects(
  kc: KubeConfig,
  path: string,
  apiVersion: string,
  kind: string,
): Promise<KubernetesListObject<KubernetesObject>> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig names no current cluster');
  const url = new URL(path, cluster.server);
  const options: RequestOptions = {
    method: 'GET',
    headers: { accept: 'application/json' },
    timeout: LIST_TIMEOUT_MS,
  };
  await kc.applyToHTTPSOptions(options);
  const body = await new Promise<string>((resolveBody, rejectBody) => {
    const req = request(url, options, res => {
      const chunks: Buffer[] = [];
      res.on('data', chunk => chunks.push(chunk));
      res.on('error', rejectBody);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) {
          rejectBody(
            new ListError(
              res.statusCode ?? 0,
              `GET ${path}: ${res.statusCode} ${text.slice(0, 200)}`,
            ),
          );
        } else {
          resolveBody(text);
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${path}: timed out`)));
    req.on('error', rejectBody);
    req.end();
  });
  const list = JSON.parse(body) as KubernetesListObject<KubernetesObject>;
  for (const item of list.items ?? []) {
    item.apiVersion ??= apiVersion;
    item.kind ??= kind;
  }
  return list;
}
