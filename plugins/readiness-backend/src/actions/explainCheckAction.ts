/**
 * An action explaining one check of the configuration, built-in or custom:
 * why it matters, how to fix it, and the catalogue's example fix.
 */
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError } from '@backstage/errors';
import { CheckCatalogue } from '@prodready/backstage-plugin-readiness-common';

export function registerExplainCheckAction(options: {
  registry: ActionsRegistryService;
  catalogue: CheckCatalogue;
}) {
  const { registry, catalogue } = options;

  registry.register({
    name: 'explain-check',
    title: 'Explain a readiness check',
    description:
      'Explains one production-readiness check by id (as named in scorecards, e.g. `readiness-probe`): ' +
      'what it checks, why it matters in production, how to fix a failure, and an example YAML fix. ' +
      'Covers the built-in checks and the custom checks this Backstage is configured with.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          checkId: z
            .string()
            .min(1)
            .describe('The check id, e.g. `readiness-probe`'),
        }),
      output: z =>
        z.object({
          id: z.string(),
          title: z.string(),
          category: z.string(),
          severity: z.string(),
          origin: z.enum(['built-in', 'custom']),
          rationale: z.string().describe('Why it matters in production'),
          remediation: z.string().describe('What to change'),
          remediationSnippet: z
            .string()
            .describe('A YAML fragment showing the fix; may be empty'),
          docsUrl: z.string().optional(),
        }),
    },
    action: async ({ input }) => {
      const id = input.checkId.trim();
      const check = catalogue.get(id);
      if (!check) {
        throw new NotFoundError(
          `No readiness check ${id}; the checks are: ${catalogue.allDefinitions
            .map(definition => definition.id)
            .join(', ')}`,
        );
      }
      return {
        output: {
          id: check.id,
          title: check.title,
          category: check.category,
          severity: check.severity,
          origin: check.origin ?? 'built-in',
          rationale: check.rationale,
          remediation: check.remediation,
          remediationSnippet: check.remediationSnippet,
          ...(check.docsUrl ? { docsUrl: check.docsUrl } : {}),
        },
      };
    },
  });
}
