/**
 * The readiness API, as an OpenAPI 3.1 document. The router validates
 * requests against it, and serves it at `/openapi.json` for tooling.
 * `POST /evaluate` checks its own body, on a worker thread (see the router).
 */
import { YAML_CONTENT_TYPES } from '../service/evaluateBody';

const entityPathParameters = [
  { $ref: '#/components/parameters/kind' },
  { $ref: '#/components/parameters/namespace' },
  { $ref: '#/components/parameters/name' },
] as const;

const errorResponses = {
  '400': { $ref: '#/components/responses/ErrorResponse' },
  '401': { $ref: '#/components/responses/ErrorResponse' },
  '403': { $ref: '#/components/responses/ErrorResponse' },
} as const;

const json = (schema: object) => ({
  content: { 'application/json': { schema } },
});

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const levels = ['gold', 'silver', 'bronze', 'none'] as const;

const statusCounts = {
  type: 'object',
  description: 'How many results have each status.',
  properties: Object.fromEntries(
    ['pass', 'fail', 'skip', 'exempt', 'error'].map(status => [
      status,
      { type: 'integer' },
    ]),
  ),
  required: ['pass', 'fail', 'skip', 'exempt', 'error'],
} as const;

const objectRef = {
  kind: { type: 'string' },
  namespace: { type: 'string' },
  name: { type: 'string' },
  file: { type: 'string' },
  line: { type: 'integer' },
} as const;

/** A shortened report: the results of each subject are given by `results`. */
function shortReport(
  detail: 'compact' | 'summary',
  description: string,
  results: Record<string, object>,
) {
  const required = Object.keys(results);
  return {
    type: 'object',
    description,
    properties: {
      detail: { type: 'string', const: detail },
      summary: { type: 'object' },
      workloads: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            ...objectRef,
            score: { type: 'integer' },
            level: ref('Level'),
            ...results,
          },
          required: [
            'kind',
            'namespace',
            'name',
            'score',
            'level',
            ...required,
          ],
        },
      },
      objects: {
        type: 'array',
        items: {
          type: 'object',
          properties: { ...objectRef, ...results },
          required: ['kind', 'namespace', 'name', ...required],
        },
      },
      entity: {
        type: 'object',
        properties: { ref: { type: 'string' }, ...results },
        required: ['ref', ...required],
      },
      evaluatedAt: { type: 'string' },
      warnings: { type: 'array', items: { type: 'string' } },
    },
    required: ['detail', 'summary', 'workloads', 'objects', 'evaluatedAt'],
  };
}

const checkIds = { type: 'array', items: { type: 'string' } } as const;

export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'readiness',
    version: '1',
    description:
      'Production-readiness scorecards of catalog entities, their history, and adoption across the organisation.',
    license: { name: 'Apache-2.0' },
  },
  servers: [{ url: '/' }],
  components: {
    parameters: {
      kind: {
        name: 'kind',
        in: 'path',
        required: true,
        schema: { type: 'string', minLength: 1 },
      },
      namespace: {
        name: 'namespace',
        in: 'path',
        required: true,
        schema: { type: 'string', minLength: 1 },
      },
      name: {
        name: 'name',
        in: 'path',
        required: true,
        schema: { type: 'string', minLength: 1 },
      },
      days: {
        name: 'days',
        in: 'query',
        required: false,
        description: 'How many days back to go; default 90.',
        schema: { type: 'integer', minimum: 1, maximum: 3650 },
      },
    },
    responses: {
      ErrorResponse: {
        description: 'An error, with a message saying what is wrong.',
        ...json(ref('Error')),
      },
    },
    schemas: {
      Error: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              message: { type: 'string' },
            },
            required: ['name', 'message'],
          },
          request: { type: 'object' },
          response: { type: 'object' },
        },
        required: ['error'],
      },
      Level: { type: 'string', enum: levels },
      LevelCounts: {
        type: 'object',
        properties: Object.fromEntries(
          levels.map(level => [level, { type: 'integer' }]),
        ),
        required: levels,
      },
      Report: {
        type: 'object',
        description:
          'The readiness report: the JSON contract of the CLI (summary, workloads, objects, entity).',
        properties: {
          summary: { type: 'object' },
          workloads: { type: 'array', items: { type: 'object' } },
          objects: { type: 'array', items: { type: 'object' } },
          entity: { type: 'object' },
          evaluatedAt: { type: 'string' },
        },
        required: ['summary', 'workloads', 'objects', 'evaluatedAt'],
      },
      CompactReport: shortReport(
        'compact',
        'The default answer of POST /evaluate: per workload, object and entity, the results that are not pass or skip in full, and the ids of the passing and skipped checks.',
        {
          counts: statusCounts,
          results: {
            type: 'array',
            description: 'Results with status fail, error or exempt.',
            items: { type: 'object' },
          },
          passed: checkIds,
          skipped: checkIds,
        },
      ),
      SummaryReport: shortReport(
        'summary',
        'POST /evaluate?detail=summary: per workload, object and entity, the counts and the ids of the failing and exempt checks.',
        {
          counts: statusCounts,
          failing: {
            ...checkIds,
            description: 'Checks with status fail or error.',
          },
          exempt: checkIds,
        },
      ),
      Scorecard: {
        type: 'object',
        properties: {
          entityRef: { type: 'string' },
          title: { type: 'string' },
          owner: { type: 'string' },
          system: { type: 'string' },
          score: { type: 'integer' },
          level: ref('Level'),
          productionReady: { type: 'boolean' },
          evaluatedAt: { type: 'string', format: 'date-time' },
          stale: { type: 'boolean' },
          staleReason: { type: 'string' },
          report: ref('Report'),
        },
        required: [
          'entityRef',
          'score',
          'level',
          'productionReady',
          'evaluatedAt',
          'stale',
          'report',
        ],
      },
      OverviewRow: {
        type: 'object',
        properties: {
          entityRef: { type: 'string' },
          title: { type: 'string' },
          owner: { type: 'string' },
          system: { type: 'string' },
          score: { type: 'integer' },
          level: ref('Level'),
          productionReady: { type: 'boolean' },
          evaluatedAt: { type: 'string', format: 'date-time' },
          stale: { type: 'boolean' },
          workloadCount: { type: 'integer' },
        },
        required: [
          'entityRef',
          'score',
          'level',
          'productionReady',
          'evaluatedAt',
          'stale',
          'workloadCount',
        ],
      },
    },
  },
  paths: {
    '/health': {
      get: {
        operationId: 'GetHealth',
        description: 'Liveness of the plugin; needs no credentials.',
        responses: { '200': { description: 'Up.' } },
      },
    },
    '/checks': {
      get: {
        operationId: 'ListChecks',
        description: 'The check catalogue.',
        responses: {
          '200': {
            description: 'Every check with its rationale and remediation.',
            ...json({
              type: 'object',
              properties: {
                items: { type: 'array', items: { type: 'object' } },
              },
              required: ['items'],
            }),
          },
          ...errorResponses,
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}': {
      get: {
        operationId: 'GetEntityScorecard',
        description: 'The latest scorecard of an entity.',
        parameters: entityPathParameters,
        responses: {
          '200': { description: 'The scorecard.', ...json(ref('Scorecard')) },
          '404': {
            description: 'No scorecard for this entity (yet), or not visible.',
            ...json(ref('Error')),
          },
          ...errorResponses,
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/history': {
      get: {
        operationId: 'GetEntityHistory',
        description:
          'Score history of an entity: a point per change and at least one per day evaluated.',
        parameters: [
          ...entityPathParameters,
          { $ref: '#/components/parameters/days' },
        ],
        responses: {
          '200': {
            description: 'History points, oldest first.',
            ...json({
              type: 'object',
              properties: {
                items: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      recordedAt: { type: 'string', format: 'date-time' },
                      score: { type: 'integer' },
                      level: ref('Level'),
                      productionReady: { type: 'boolean' },
                    },
                    required: [
                      'recordedAt',
                      'score',
                      'level',
                      'productionReady',
                    ],
                  },
                },
              },
              required: ['items'],
            }),
          },
          '404': { description: 'Not visible.', ...json(ref('Error')) },
          ...errorResponses,
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/refresh': {
      post: {
        operationId: 'RefreshEntity',
        description:
          'Re-evaluates an entity now and returns its new scorecard.',
        parameters: entityPathParameters,
        responses: {
          '200': {
            description: 'The new scorecard.',
            ...json(ref('Scorecard')),
          },
          '404': { description: 'Not visible.', ...json(ref('Error')) },
          ...errorResponses,
        },
      },
    },
    '/overview': {
      get: {
        operationId: 'GetOverview',
        description:
          'One row per entity the caller may see, filtered, sorted and paged.',
        parameters: [
          { name: 'owner', in: 'query', schema: { type: 'string' } },
          { name: 'system', in: 'query', schema: { type: 'string' } },
          { name: 'level', in: 'query', schema: ref('Level') },
          {
            name: 'q',
            in: 'query',
            description: 'Text to find in the ref, title, owner or system.',
            schema: { type: 'string' },
          },
          {
            name: 'sort',
            in: 'query',
            schema: {
              type: 'string',
              enum: [
                'score',
                'level',
                'title',
                'owner',
                'system',
                'evaluatedAt',
              ],
            },
          },
          {
            name: 'order',
            in: 'query',
            schema: { type: 'string', enum: ['asc', 'desc'] },
          },
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 1000 },
          },
          {
            name: 'offset',
            in: 'query',
            schema: { type: 'integer', minimum: 0 },
          },
        ],
        responses: {
          '200': {
            description: 'A page of rows and the total.',
            ...json({
              type: 'object',
              properties: {
                items: { type: 'array', items: ref('OverviewRow') },
                total: { type: 'integer' },
                limit: { type: 'integer' },
                offset: { type: 'integer' },
              },
              required: ['items', 'total', 'limit', 'offset'],
            }),
          },
          ...errorResponses,
        },
      },
    },
    '/overview/groups': {
      get: {
        operationId: 'GetOverviewGroups',
        description: 'Adoption per owning team.',
        responses: {
          '200': {
            description: 'One item per owner.',
            ...json({
              type: 'object',
              properties: {
                items: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      owner: { type: 'string' },
                      entities: { type: 'integer' },
                      levels: ref('LevelCounts'),
                      productionReadyShare: { type: 'number' },
                      meanScore: { type: 'number' },
                    },
                    required: [
                      'owner',
                      'entities',
                      'levels',
                      'productionReadyShare',
                      'meanScore',
                    ],
                  },
                },
              },
              required: ['items'],
            }),
          },
          ...errorResponses,
        },
      },
    },
    '/overview/history': {
      get: {
        operationId: 'GetOverviewHistory',
        description: 'The organisation per UTC day.',
        parameters: [{ $ref: '#/components/parameters/days' }],
        responses: {
          '200': {
            description: 'One item per day, oldest first.',
            ...json({
              type: 'object',
              properties: {
                items: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      day: { type: 'string' },
                      entities: { type: 'integer' },
                      levels: ref('LevelCounts'),
                      productionReadyShare: { type: 'number' },
                      meanScore: { type: 'number' },
                    },
                    required: [
                      'day',
                      'entities',
                      'levels',
                      'productionReadyShare',
                      'meanScore',
                    ],
                  },
                },
              },
              required: ['items'],
            }),
          },
          ...errorResponses,
        },
      },
    },
    '/overview/checks': {
      get: {
        operationId: 'GetOverviewChecks',
        description: 'Each check with how many entities fail it, most first.',
        responses: {
          '200': {
            description: 'One item per check.',
            ...json({
              type: 'object',
              properties: {
                items: { type: 'array', items: { type: 'object' } },
              },
              required: ['items'],
            }),
          },
          ...errorResponses,
        },
      },
    },
    '/sources': {
      get: {
        operationId: 'GetSourceHealth',
        description:
          'How each workload source fared at its latest read: an administrator view, ' +
          'allowed by the readiness.sources.read permission.',
        responses: {
          '200': {
            description: 'One item per source.',
            ...json({
              type: 'object',
              properties: {
                items: { type: 'array', items: { type: 'object' } },
              },
              required: ['items'],
            }),
          },
          ...errorResponses,
        },
      },
    },
    '/evaluate': {
      post: {
        operationId: 'Evaluate',
        description:
          'Scores manifests sent in the body, as the CLI does, with the server configuration. ' +
          'The body is read and evaluated on worker threads; when they and their queue are busy ' +
          'the answer is 503 with Retry-After. Manifests have the limits of the CLI: at most ' +
          '10,000 documents (or items of manifests), nested at most 64 levels.',
        parameters: [
          {
            name: 'detail',
            in: 'query',
            required: false,
            description:
              'How much of the report to return: compact (default), summary, or full (the ' +
              "CLI's report, for bodies up to readiness.evaluate.fullReportMaxBytes, 1 MiB by default).",
            schema: {
              type: 'string',
              enum: ['compact', 'summary', 'full'],
              default: 'compact',
            },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  manifests: {
                    description:
                      'YAML or JSON text, or an array of Kubernetes objects.',
                    oneOf: [
                      { type: 'string' },
                      {
                        type: 'array',
                        items: { type: 'object' },
                        maxItems: 10000,
                      },
                    ],
                  },
                  entity: {
                    type: 'object',
                    description: 'Optional catalog entity, for entity checks.',
                  },
                },
                required: ['manifests'],
                additionalProperties: false,
              },
            },
            ...Object.fromEntries(
              YAML_CONTENT_TYPES.map(type => [
                type,
                {
                  schema: {
                    type: 'string',
                    description:
                      'YAML manifests (one or more documents, kind: List) or JSON (kubectl get -o json).',
                  },
                },
              ]),
            ),
          },
        },
        responses: {
          '200': {
            description:
              'The report, at the detail asked for: compact (default), summary or full.',
            content: {
              'application/json': {
                schema: {
                  oneOf: [
                    ref('CompactReport'),
                    ref('SummaryReport'),
                    ref('Report'),
                  ],
                },
              },
            },
          },
          '413': {
            description:
              'The body is over readiness.evaluate.maxBodyBytes, or over fullReportMaxBytes with detail=full, or needs more memory than a worker thread has.',
            ...json(ref('Error')),
          },
          '415': {
            description: 'The Content-Type or charset is not one read here.',
            ...json(ref('Error')),
          },
          '503': {
            description:
              'Every worker thread is busy and the queue is full (with Retry-After), or the evaluation took longer than readiness.evaluate.timeout.',
            headers: {
              'Retry-After': {
                description: 'Seconds after which to try again.',
                schema: { type: 'integer', minimum: 1 },
              },
            },
            ...json(ref('Error')),
          },
          ...errorResponses,
        },
      },
    },
  },
} as const;
