/**
 * Actions reading stored scorecards: one entity's scorecard, and the failing
 * checks of an owner's entities. They see what the caller's credentials see
 * through the routes: `GET /entities/...` and `GET /overview`.
 */
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CheckCatalogue } from '@prodready/backstage-plugin-readiness-common';
import { ReadinessStore } from '../database/ReadinessStore';
import { EntityAccess } from '../service/EntityAccess';
import { failingResults } from './failingResults';

/** Failing results listed per scorecard; the count says how many in all. */
const MAX_FAILING_RESULTS = 100;
/** Entities listed per owner, lowest score first. */
const MAX_OWNER_ENTITIES = 100;

export interface EntityActionsOptions {
  registry: ActionsRegistryService;
  store: ReadinessStore;
  access: EntityAccess;
  catalogue: CheckCatalogue;
}

function refOf(text: string, defaultKind: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(text.trim(), { defaultKind, defaultNamespace: 'default' }),
    );
  } catch (error) {
    throw new InputError(`Not an entity ref: ${text}: ${error}`);
  }
}

export function registerEntityActions(options: EntityActionsOptions) {
  const { registry, store, access, catalogue } = options;

  registry.register({
    name: 'get-entity-scorecard',
    title: 'Get the readiness scorecard of an entity',
    description:
      "Returns an entity's production-readiness scorecard: its level (gold, silver, bronze or none), " +
      'score out of 100, whether it reaches the gate level, and each failing check with the subject ' +
      'that fails it and why. Use explain-check for how to fix a check.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .describe(
              'The entity, e.g. `component:default/payments`; kind defaults to component and namespace to default',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          title: z.string().optional(),
          owner: z.string().optional(),
          level: z.enum(['gold', 'silver', 'bronze', 'none']),
          score: z.number().describe('0 to 100'),
          productionReady: z
            .boolean()
            .describe('Whether the entity reaches the gate level'),
          evaluatedAt: z.string(),
          stale: z.boolean(),
          staleReason: z.string().optional(),
          failingChecks: z.array(
            z.object({
              check: z.string(),
              title: z.string(),
              severity: z.string(),
              status: z.enum(['fail', 'error']),
              subject: z.string(),
              message: z.string(),
            }),
          ),
          failingCheckCount: z
            .number()
            .describe('Failing results in all; the list stops at 100'),
        }),
    },
    action: async ({ input, credentials }) => {
      const entityRef = refOf(input.entityRef, 'component');
      const scorecard = (await access.canRead(entityRef, credentials))
        ? await store.getScorecard(entityRef)
        : undefined;
      if (!scorecard) {
        throw new NotFoundError(
          `No readiness scorecard for ${entityRef}: it has not been evaluated yet, ` +
            'is not a kind the plugin scores, or you cannot see it',
        );
      }
      const failing = failingResults(scorecard.report, catalogue);
      return {
        output: {
          entityRef: scorecard.entityRef,
          title: scorecard.title,
          owner: scorecard.owner,
          level: scorecard.level,
          score: scorecard.score,
          productionReady: scorecard.productionReady,
          evaluatedAt: scorecard.evaluatedAt,
          stale: scorecard.stale,
          staleReason: scorecard.staleReason,
          failingChecks: failing.slice(0, MAX_FAILING_RESULTS),
          failingCheckCount: failing.length,
        },
      };
    },
  });

  registry.register({
    name: 'list-owner-failing-checks',
    title: "List the failing readiness checks of an owner's entities",
    description:
      'Lists the entities an owner (a group or user) owns that you may see, lowest score first, ' +
      'each with its level, score and the checks it fails (how many subjects fail each). ' +
      'Use get-entity-scorecard for the messages of one entity.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          owner: z
            .string()
            .min(1)
            .describe(
              'The owner, e.g. `group:default/payments-team`; kind defaults to group and namespace to default',
            ),
        }),
      output: z =>
        z.object({
          owner: z.string(),
          entities: z.array(
            z.object({
              entityRef: z.string(),
              title: z.string().optional(),
              level: z.enum(['gold', 'silver', 'bronze', 'none']),
              score: z.number(),
              productionReady: z.boolean(),
              stale: z.boolean(),
              failingChecks: z.array(
                z.object({
                  check: z.string(),
                  title: z.string(),
                  severity: z.string(),
                  failingSubjects: z.number(),
                }),
              ),
            }),
          ),
          total: z
            .number()
            .describe(
              'Entities of the owner you may see; the list stops at 100',
            ),
        }),
    },
    action: async ({ input, credentials }) => {
      const owner = refOf(input.owner, 'group');
      const scope = await access.readableScope(credentials, () =>
        store.listEntityRefs(),
      );
      const page = await store.queryOverview(
        { owner, sort: 'score', order: 'asc', limit: MAX_OWNER_ENTITIES },
        scope,
      );
      const entities = [];
      for (const row of page.items) {
        const scorecard = await store.getScorecard(row.entityRef);
        if (!scorecard) continue;
        const byCheck = new Map<
          string,
          {
            check: string;
            title: string;
            severity: string;
            failingSubjects: number;
          }
        >();
        for (const result of failingResults(scorecard.report, catalogue)) {
          const entry = byCheck.get(result.check) ?? {
            check: result.check,
            title: result.title,
            severity: result.severity,
            failingSubjects: 0,
          };
          entry.failingSubjects++;
          byCheck.set(result.check, entry);
        }
        entities.push({
          entityRef: row.entityRef,
          title: row.title,
          level: row.level,
          score: row.score,
          productionReady: row.productionReady,
          stale: row.stale,
          failingChecks: [...byCheck.values()],
        });
      }
      return { output: { owner, entities, total: page.total } };
    },
  });
}
