import { createTemplateGlobalFunction } from '@backstage/plugin-scaffolder-node/alpha';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The UTC date `days` days after `now`, as `YYYY-MM-DD`: the format of
 * readiness exemption expiries and restore-test dates.
 *
 * @public
 */
export function isoDateInDays(days: number, now: Date = new Date()): string {
  if (!Number.isInteger(days) || days < 0) {
    throw new TypeError(
      `isoDateInDays needs a whole number of days, not ${days}`,
    );
  }
  return new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * `isoDateInDays(n)` for templates, e.g. the end of a readiness exemption
 * that gives a new service time for its first restore drill.
 *
 * @alpha
 */
export const isoDateInDaysTemplateGlobal = createTemplateGlobalFunction({
  id: 'isoDateInDays',
  description:
    'The UTC date a number of days from now, as YYYY-MM-DD, e.g. for prodready.dev/exempt-until annotations.',
  examples: [
    {
      description:
        'An exemption that ends 30 days after the service is created',
      example:
        'prodready.dev/exempt-until.restore-tested: "${{ isoDateInDays(30) }}"',
    },
  ],
  schema: z =>
    z.function().args(z.number().int().min(0).max(3650)).returns(z.string()),
  fn: days => isoDateInDays(days),
});
