/**
 * An action scoring Kubernetes manifests as `POST /evaluate` does: on the
 * same pool of worker threads, so a large input never holds up the event
 * loop, and under the same size limit.
 */
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import { formatSize } from '@prodready/readiness-manifest-files';
import { EvaluatePool } from '../service/EvaluatePool';

export interface EvaluateManifestsActionOptions {
  registry: ActionsRegistryService;
  pool: Pick<EvaluatePool, 'run'>;
  /** Largest input accepted, in bytes (readiness.evaluate.maxBodyBytes). */
  maxBytes: number;
  now?: () => Date;
}

const decoder = new TextDecoder();

export function registerEvaluateManifestsAction(
  options: EvaluateManifestsActionOptions,
) {
  const { registry, pool, maxBytes } = options;
  const now = options.now ?? (() => new Date());

  registry.register({
    name: 'evaluate-manifests',
    title: 'Evaluate Kubernetes manifests for production readiness',
    description:
      'Scores Kubernetes manifests (YAML, several documents separated by ---) against the readiness ' +
      'checks, as the readiness CLI does, without storing anything. Returns the summary (level, score, ' +
      'whether it reaches the gate) and, per workload, its score and the checks it fails with messages.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          manifests: z
            .string()
            .min(1)
            .describe('Kubernetes manifests as YAML text'),
          detail: z
            .enum(['compact', 'summary'])
            .default('compact')
            .describe(
              '`compact`: failing results with messages, passing checks as ids; `summary`: ids of failing checks only',
            ),
        }),
      output: z =>
        z.object({
          report: z
            .record(z.unknown())
            .describe(
              'The report: summary, workloads, objects, evaluatedAt, warnings',
            ),
        }),
    },
    action: async ({ input }) => {
      const body = new TextEncoder().encode(input.manifests);
      if (body.byteLength > maxBytes) {
        // An input error, which MCP clients are shown as the tool's answer.
        throw new InputError(
          `The manifests are ${formatSize(
            body.byteLength,
          )}, more than the limit of ${formatSize(
            maxBytes,
          )} (readiness.evaluate.maxBodyBytes); send fewer manifests at once`,
        );
      }
      const json = await pool.run({
        body,
        format: 'yaml',
        detail: input.detail,
        now: now().toISOString(),
      });
      return { output: { report: JSON.parse(decoder.decode(json)) } };
    },
  });
}
