import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import {
  createValidatedOpenApiRouter,
  internal,
} from '@backstage/backend-openapi-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  CHECK_DEFINITIONS,
  OverviewQuery,
  ReadinessConfig,
} from '@prodready/backstage-plugin-readiness-common';
import express from 'express';
import { ReadinessStore } from './database/ReadinessStore';
import { ReadinessEvaluator } from './evaluation/ReadinessEvaluator';
import { spec } from './schema/openapi';
import { EntityAccess } from './service/EntityAccess';
import {
  evaluateRequestBody,
  YAML_CONTENT_TYPES,
} from './service/evaluateBody';
import {
  adoptionByOwner,
  failingChecks,
  queryOverview,
} from './service/overview';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  store: ReadinessStore;
  access: EntityAccess;
  evaluator: Pick<ReadinessEvaluator, 'refresh'>;
  engine: ReadinessConfig;
  evaluateMaxBytes: number;
  now?: () => Date;
}

type RequiredDoc = internal.RequiredDoc;

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_HISTORY_DAYS = 90;

function entityRefOf(req: express.Request): string {
  const { kind, namespace, name } = req.params;
  return stringifyEntityRef({ kind, namespace, name });
}

/** A query parameter the validator has already checked to be a number. */
function numberParam(value: unknown): number | undefined {
  return value === undefined ? undefined : Number(value);
}

function overviewQuery(req: express.Request): OverviewQuery {
  const { owner, system, level, q, sort, order, limit, offset } =
    req.query as Record<string, string | undefined>;
  return {
    owner,
    system,
    level: level as OverviewQuery['level'],
    q,
    sort: sort as OverviewQuery['sort'],
    order: order as OverviewQuery['order'],
    limit: numberParam(limit),
    offset: numberParam(offset),
  };
}

function notFound(entityRef: string): NotFoundError {
  return new NotFoundError(
    `No readiness scorecard for ${entityRef}: it has not been evaluated yet, ` +
      'is not a kind the plugin scores, or you cannot see it',
  );
}

/** The plugin's HTTP API, mounted at /api/readiness. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, store, access, evaluator } = options;
  const now = options.now ?? (() => new Date());
  const limit = options.evaluateMaxBytes;
  // Requests are validated against the spec; handlers read them as plain
  // express requests (the spec's types are too deep for the compiler).
  const router = createValidatedOpenApiRouter(spec as unknown as RequiredDoc, {
    middleware: [
      express.json({ limit }),
      express.text({ type: YAML_CONTENT_TYPES, limit }),
    ],
  }) as unknown as express.Router;

  const userOrService = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  const since = (days: number | undefined) =>
    new Date(now().getTime() - (days ?? DEFAULT_HISTORY_DAYS) * DAY_MS);

  async function visibleSummaries(credentials: BackstageCredentials) {
    const summaries = await store.listSummaries();
    const visible = await access.visibleRefs(
      summaries.map(summary => summary.entityRef),
      credentials,
    );
    return summaries.filter(summary => visible.has(summary.entityRef));
  }

  // Open to probes and load balancers; see the auth policy in plugin.ts.
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/checks', async (req, res) => {
    await userOrService(req);
    res.json({ items: [...CHECK_DEFINITIONS] });
  });

  router.get('/entities/:kind/:namespace/:name', async (req, res) => {
    const credentials = await userOrService(req);
    const entityRef = entityRefOf(req);
    const scorecard = (await access.canRead(entityRef, credentials))
      ? await store.getScorecard(entityRef)
      : undefined;
    if (!scorecard) throw notFound(entityRef);
    res.json(scorecard);
  });

  router.get('/entities/:kind/:namespace/:name/history', async (req, res) => {
    const credentials = await userOrService(req);
    const entityRef = entityRefOf(req);
    if (!(await access.canRead(entityRef, credentials))) {
      throw notFound(entityRef);
    }
    const items = await store.getHistory(
      entityRef,
      since(numberParam(req.query.days)),
    );
    res.json({ items });
  });

  router.post('/entities/:kind/:namespace/:name/refresh', async (req, res) => {
    const credentials = await userOrService(req);
    const entityRef = entityRefOf(req);
    if (!(await access.canRead(entityRef, credentials))) {
      throw notFound(entityRef);
    }
    if (!(await access.canRefresh(entityRef, credentials))) {
      throw new NotAllowedError(
        `You may not refresh the readiness of ${entityRef}`,
      );
    }
    await evaluator.refresh(entityRef);
    const scorecard = await store.getScorecard(entityRef);
    if (!scorecard) throw notFound(entityRef);
    res.json(scorecard);
  });

  router.get('/overview', async (req, res) => {
    const credentials = await userOrService(req);
    res.json(
      queryOverview(await visibleSummaries(credentials), overviewQuery(req)),
    );
  });

  router.get('/overview/groups', async (req, res) => {
    const credentials = await userOrService(req);
    res.json({ items: adoptionByOwner(await visibleSummaries(credentials)) });
  });

  router.get('/overview/history', async (req, res) => {
    const credentials = await userOrService(req);
    const refs = (await visibleSummaries(credentials)).map(
      summary => summary.entityRef,
    );
    res.json({
      items: await store.getTrend(since(numberParam(req.query.days)), refs),
    });
  });

  router.get('/overview/checks', async (req, res) => {
    const credentials = await userOrService(req);
    res.json({ items: failingChecks(await visibleSummaries(credentials)) });
  });

  router.post('/evaluate', async (req, res) => {
    await userOrService(req);
    res.json(
      evaluateRequestBody(req.body, {
        engine: options.engine,
        now: now(),
      }),
    );
  });

  return router;
}
