import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import {
  createValidatedOpenApiRouter,
  internal,
} from '@backstage/backend-openapi-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  CHECK_DEFINITIONS,
  OverviewQuery,
} from '@prodready/backstage-plugin-readiness-common';
import { formatSize } from '@prodready/readiness-manifest-files';
import express from 'express';
import Router from 'express-promise-router';
import { ReadinessStore } from './database/ReadinessStore';
import { ReadinessEvaluator } from './evaluation/ReadinessEvaluator';
import { spec } from './schema/openapi';
import { EntityAccess } from './service/EntityAccess';
import { REPORT_DETAILS, ReportDetail } from './service/compactReport';
import { EvaluatePool } from './service/EvaluatePool';
import { readEvaluateBody } from './service/evaluateRequest';
import {
  BusyError,
  PayloadTooLargeError,
  TooManyRequestsError,
} from './service/httpErrors';
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
  evaluate: {
    pool: Pick<EvaluatePool, 'run'>;
    /** Largest body accepted, in bytes. */
    maxBodyBytes: number;
    /** Largest body for which the full report is given, in bytes. */
    fullReportMaxBytes: number;
  };
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

function reportDetail(req: express.Request): ReportDetail {
  const detail = req.query.detail ?? 'compact';
  if (!REPORT_DETAILS.includes(detail as ReportDetail)) {
    throw new InputError(
      `Invalid query parameter detail: expected ${REPORT_DETAILS.join(' or ')}`,
    );
  }
  return detail as ReportDetail;
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
  // Requests are validated against the spec; handlers read them as plain
  // express requests (the spec's types are too deep for the compiler).
  const router = createValidatedOpenApiRouter(
    spec as unknown as RequiredDoc,
  ) as unknown as express.Router;

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
    const refresh = await access.refreshAccess(entityRef, credentials);
    if (refresh === 'not-found') {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    if (refresh === 'denied') {
      throw new NotAllowedError(
        `You may not refresh the readiness of ${entityRef}`,
      );
    }
    try {
      await evaluator.refresh(entityRef);
    } catch (error) {
      if (error instanceof TooManyRequestsError) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      throw error;
    }
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

  // POST /evaluate reads its body itself, as bytes handed to a worker
  // thread, so it is routed before the validator (which would parse the body
  // on the event loop, and answers every failure with 400). The body is
  // checked in the worker against the same schema, with the manifest limits.
  const evaluateRouter = Router();
  evaluateRouter.post('/evaluate', async (req, res) => {
    await userOrService(req);
    const detail = reportDetail(req);
    const { pool, maxBodyBytes, fullReportMaxBytes } = options.evaluate;
    const { body, format } = await readEvaluateBody(req, res, maxBodyBytes);
    if (detail === 'full' && body.byteLength > fullReportMaxBytes) {
      throw new PayloadTooLargeError(
        `The full report is given for bodies up to ${formatSize(
          fullReportMaxBytes,
        )} (readiness.evaluate.fullReportMaxBytes), and this one is ${formatSize(
          body.byteLength,
        )}: leave out detail=full for the compact report, or send fewer manifests`,
      );
    }
    let json: Uint8Array;
    try {
      json = await pool.run({
        // A copy the size of the body, not of the buffer it may share.
        body: new Uint8Array(body),
        format,
        detail,
        now: now().toISOString(),
      });
    } catch (error) {
      if (error instanceof BusyError) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      throw error;
    }
    res
      .status(200)
      .type('application/json')
      .send(Buffer.from(json.buffer, json.byteOffset, json.byteLength));
  });
  evaluateRouter.use(router);
  return evaluateRouter;
}
