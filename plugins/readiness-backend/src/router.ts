import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CheckCatalogue,
  OverviewQuery,
  readinessCampaignManagePermission,
  readinessSourcesReadPermission,
} from '@prodready/backstage-plugin-readiness-common';
import { formatSize } from '@prodready/readiness-manifest-files';
import express from 'express';
import Router from 'express-promise-router';
import { Campaigns } from './campaigns/Campaigns';
import { ReadinessStore } from './database/ReadinessStore';
import { ReadinessEvaluator } from './evaluation/ReadinessEvaluator';
import { PublishTargetCheckers } from './publishTargets/PublishTargetCheckers';
import { createOpenApiRouter, spec } from './schema/openapi';
import { EntityAccess } from './service/EntityAccess';
import { PlatformAccess } from './service/PlatformAccess';
import { REPORT_DETAILS, ReportDetail } from './service/compactReport';
import { EvaluatePool } from './service/EvaluatePool';
import { readEvaluateBody } from './service/evaluateRequest';
import {
  BusyError,
  PayloadTooLargeError,
  TooManyRequestsError,
} from './service/httpErrors';
import { describeFailingChecks } from './service/overview';
import { ScorecardResponses } from './service/ScorecardResponses';
import { integerParam } from './service/queryParams';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  store: ReadinessStore;
  access: EntityAccess;
  platformAccess: PlatformAccess;
  evaluator: Pick<ReadinessEvaluator, 'refresh'>;
  publishTargets: Pick<PublishTargetCheckers, 'check'>;
  /** The checks of the configuration: built-in, then custom. */
  catalogue: CheckCatalogue;
  campaigns: Campaigns;
  evaluate: {
    pool: Pick<EvaluatePool, 'run'>;
    /** Largest body accepted, in bytes. */
    maxBodyBytes: number;
    /** Largest body for which the full report is given, in bytes. */
    fullReportMaxBytes: number;
  };
  now?: () => Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_HISTORY_DAYS = 90;

/** The bounds of the integer query parameters, as the spec gives them. */
type OverviewParameter =
  (typeof spec.paths)['/overview']['get']['parameters'][number];

/** The query parameter of `GET /overview` named `name`, in the spec. */
function overviewParameter<N extends OverviewParameter['name']>(
  name: N,
): Extract<OverviewParameter, { name: N }> {
  const found = spec.paths['/overview'].get.parameters.find(
    parameter => parameter.name === name,
  );
  if (!found) throw new Error(`The spec has no /overview parameter ${name}`);
  return found as Extract<OverviewParameter, { name: N }>;
}

const DAYS_BOUNDS = spec.components.parameters.days.schema;
const LIMIT_BOUNDS = overviewParameter('limit').schema;
const OFFSET_BOUNDS = overviewParameter('offset').schema;

function entityRefOf(params: {
  kind: string;
  namespace: string;
  name: string;
}): string {
  return stringifyEntityRef(params);
}

/** `days` of the history routes, checked; the default when left out. */
function daysParam(query: { days?: unknown }): number {
  return integerParam('days', query.days, DAYS_BOUNDS) ?? DEFAULT_HISTORY_DAYS;
}

function overviewQuery(
  query: Omit<OverviewQuery, 'drift'> & { drift?: 'true' | 'false' },
): OverviewQuery {
  return {
    ...query,
    drift: query.drift === 'true' ? true : undefined,
    limit: integerParam('limit', query.limit, LIMIT_BOUNDS),
    offset: integerParam('offset', query.offset, OFFSET_BOUNDS),
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

/** How many days of history make an overview row's trend. */
const PLATFORM_TREND_DAYS = 30;

function clusterNotFound(cluster: string): NotFoundError {
  return new NotFoundError(
    `No platform scorecard for cluster ${cluster}: it is not configured, ` +
      'has not been evaluated yet, or you cannot see it',
  );
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
  const { httpAuth, store, access, evaluator, catalogue, campaigns } = options;
  const scorecardResponses = new ScorecardResponses(store);
  const now = options.now ?? (() => new Date());
  // Requests are validated against the spec (src/schema/openapi.yaml), and
  // handlers are typed by it.
  const router = await createOpenApiRouter();

  const userOrService = (req: Parameters<HttpAuthService['credentials']>[0]) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  const since = (days: number) => new Date(now().getTime() - days * DAY_MS);

  const readableScope = (credentials: BackstageCredentials) =>
    access.readableScope(credentials, () => store.listEntityRefs());

  // Open to probes and load balancers; see the auth policy in plugin.ts.
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/checks', async (req, res) => {
    await userOrService(req);
    // Workload checks, platform checks, then custom checks.
    res.json({ items: [...catalogue.allDefinitions] });
  });

  router.get('/entities/:kind/:namespace/:name', async (req, res) => {
    const credentials = await userOrService(req);
    const entityRef = entityRefOf(req.params);
    const scorecard = (await access.canRead(entityRef, credentials))
      ? await scorecardResponses.get(entityRef)
      : undefined;
    if (!scorecard) throw notFound(entityRef);
    // Each reader has its own view, so shared caches must not keep it; a
    // browser revalidates its copy with the tag and gets a 304 when current.
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('ETag', scorecard.etag);
    res.setHeader('Vary', 'Accept-Encoding');
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.status(200).type('application/json');
    if (req.acceptsEncodings('gzip') === 'gzip') {
      // Already compressed: the compression middleware lets it through.
      res.setHeader('Content-Encoding', 'gzip');
      res.end(scorecard.gzipped);
    } else {
      res.end(await scorecard.json());
    }
  });

  router.get('/entities/:kind/:namespace/:name/history', async (req, res) => {
    const credentials = await userOrService(req);
    const entityRef = entityRefOf(req.params);
    if (!(await access.canRead(entityRef, credentials))) {
      throw notFound(entityRef);
    }
    const items = await store.getHistory(
      entityRef,
      since(daysParam(req.query)),
    );
    res.json({ items });
  });

  router.post('/entities/:kind/:namespace/:name/refresh', async (req, res) => {
    const credentials = await userOrService(req);
    const entityRef = entityRefOf(req.params);
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
    const scorecard = await store.getScorecardJson(entityRef);
    if (!scorecard) throw notFound(entityRef);
    res.status(200).type('application/json').end(scorecard);
  });

  router.get('/overview', async (req, res) => {
    const credentials = await userOrService(req);
    res.json(
      await store.queryOverview(
        overviewQuery(req.query),
        await readableScope(credentials),
      ),
    );
  });

  router.get('/overview/groups', async (req, res) => {
    const credentials = await userOrService(req);
    res.json({
      items: await store.adoptionByOwner(await readableScope(credentials)),
    });
  });

  router.get('/overview/history', async (req, res) => {
    const credentials = await userOrService(req);
    res.json({
      items: await store.getTrend(
        since(daysParam(req.query)),
        await readableScope(credentials),
      ),
    });
  });

  router.get('/overview/checks', async (req, res) => {
    const credentials = await userOrService(req);
    const tallies = await store.failingCheckTallies(
      await readableScope(credentials),
    );
    res.json({ items: describeFailingChecks(tallies, catalogue) });
  });

  router.get('/platform/clusters', async (req, res) => {
    const credentials = await userOrService(req);
    const visible = await options.platformAccess.visible(
      await store.listPlatformSummaries(),
      credentials,
    );
    const trends =
      visible.length > 0
        ? await store.platformDailyTrends(since(PLATFORM_TREND_DAYS))
        : new Map();
    res.json({
      clusters: visible.map(row => ({
        ...row,
        trend: trends.get(row.cluster) ?? [],
      })),
      checks: [...catalogue.platformDefinitions],
    });
  });

  router.get('/platform/clusters/:cluster', async (req, res) => {
    const credentials = await userOrService(req);
    const { cluster } = req.params;
    const scorecard = await store.getPlatformScorecard(cluster);
    if (
      !scorecard ||
      !(await options.platformAccess.canRead(scorecard, credentials))
    ) {
      throw clusterNotFound(cluster);
    }
    res.json(scorecard);
  });

  router.get('/platform/clusters/:cluster/history', async (req, res) => {
    const credentials = await userOrService(req);
    const { cluster } = req.params;
    const days = daysParam(req.query);
    const scorecard = await store.getPlatformScorecard(cluster);
    if (
      !scorecard ||
      !(await options.platformAccess.canRead(scorecard, credentials))
    ) {
      throw clusterNotFound(cluster);
    }
    res.json({ items: await store.getPlatformHistory(cluster, since(days)) });
  });

  router.get('/entities/:kind/:namespace/:name/campaigns', async (req, res) => {
    const credentials = await userOrService(req);
    const entityRef = entityRefOf(req.params);
    if (!(await access.canRead(entityRef, credentials))) {
      throw notFound(entityRef);
    }
    res.json({
      items: await campaigns.forEntity(
        entityRef,
        await readableScope(credentials),
      ),
    });
  });

  router.get('/campaigns', async (req, res) => {
    const credentials = await userOrService(req);
    res.json({
      items: await campaigns.summaries(await readableScope(credentials)),
    });
  });

  router.get('/campaigns/:id', async (req, res) => {
    const credentials = await userOrService(req);
    const detail = await campaigns.detail(
      req.params.id,
      await readableScope(credentials),
    );
    if (!detail) throw new NotFoundError(`No campaign ${req.params.id}`);
    res.json(detail);
  });

  const assertMayManageCampaigns = async (
    credentials: BackstageCredentials,
  ) => {
    const [decision] = await options.permissions.authorize(
      [{ permission: readinessCampaignManagePermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'You may not manage readiness campaigns (readiness.campaign.manage)',
      );
    }
  };

  router.put('/campaigns/:id', async (req, res) => {
    const credentials = await userOrService(req);
    await assertMayManageCampaigns(credentials);
    res.json(await campaigns.save(req.params.id, req.body));
  });

  router.delete('/campaigns/:id', async (req, res) => {
    const credentials = await userOrService(req);
    await assertMayManageCampaigns(credentials);
    await campaigns.delete(req.params.id);
    res.status(204).end();
  });

  // The health of each workload source: an administrator's view.
  router.get('/sources', async (req, res) => {
    const credentials = await userOrService(req);
    const [decision] = await options.permissions.authorize(
      [{ permission: readinessSourcesReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'You may not read the health of readiness sources',
      );
    }
    res.json({ items: await store.sourceHealth() });
  });

  // Asked by a template's form before the run: is the new repository's
  // name still free where it will be published?
  router.get('/publish-targets/availability', async (req, res) => {
    await userOrService(req);
    const { publishTo, repoUrl } = req.query;
    res.json(await options.publishTargets.check(publishTo, repoUrl));
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
