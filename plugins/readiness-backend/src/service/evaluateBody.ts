/**
 * `POST /evaluate`: scores manifests sent in the request, as the CLI does,
 * so tools without the CLI (a bot, a pipeline step) get the same report.
 *
 * Everything here runs in a worker thread (see `EvaluatePool`): reading a
 * multi-megabyte body and evaluating it takes seconds of CPU, which must not
 * hold up the backend's event loop.
 */
import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_MANIFEST_LIMITS,
  evaluateReadiness,
  isCatalogEntity,
  KubeObject,
  ManifestError,
  ManifestLimits,
  parseManifests,
  ReadinessConfig,
  ReadinessReport,
  SourcedObject,
} from '@prodready/backstage-plugin-readiness-common';
import {
  CompactReport,
  reportAt,
  ReportDetail,
  SummaryReport,
} from './compactReport';

/** Content types read as YAML (or JSON) text. */
export const YAML_CONTENT_TYPES = [
  'application/yaml',
  'application/x-yaml',
  'text/yaml',
  'text/x-yaml',
  'text/plain',
];

/** Content types read as the JSON envelope `{ manifests, entity }`. */
export const JSON_CONTENT_TYPES = ['application/json'];

/** How the body is read: YAML (or JSON) manifests, or the JSON envelope. */
export type BodyFormat = 'yaml' | 'json';

export interface EvaluateRequest {
  /** The request body as received (UTF-8). */
  body: Uint8Array;
  format: BodyFormat;
  detail: ReportDetail;
  /** Evaluation time, ISO 8601. */
  now: string;
}

const FILE = 'request body';
const UTF8 = new TextDecoder('utf-8');

function inputError(error: unknown): unknown {
  return error instanceof ManifestError ? new InputError(error.message) : error;
}

function parseText(text: string, file: string, limits: ManifestLimits) {
  try {
    return parseManifests(text, { file, limits }).objects;
  } catch (error) {
    throw inputError(error);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * True when `value` nests objects and arrays more than `levels` deep. The
 * recursion stops at the limit, so its own depth stays bounded.
 */
function exceedsDepth(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (levels === 0) return true;
  for (const item of Object.values(value)) {
    if (exceedsDepth(item, levels - 1)) return true;
  }
  return false;
}

/** 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; ) {
    line++;
    i = text.indexOf('\n', i + 1);
  }
  return line;
}

/**
 * Says where a JSON body is malformed. V8 quotes the text around some
 * errors ('Unexpected token ..., "..." is not valid JSON'); that text may
 * hold a secret, so it is left out.
 */
function jsonSyntaxError(error: unknown, text: string): InputError {
  const message = error instanceof Error ? error.message : String(error);
  const lineMatch = /\(line (\d+) column \d+\)/.exec(message);
  const positionMatch = /at position (\d+)/.exec(message);
  let line: number | undefined;
  if (lineMatch) line = Number(lineMatch[1]);
  else if (positionMatch) line = lineAt(text, Number(positionMatch[1]));
  else if (/end of JSON input/i.test(message)) line = lineAt(text, text.length);
  const reason = /is not valid JSON|"/.test(message)
    ? 'unexpected token'
    : message
        .replace(/\s*\(line \d+ column \d+\)/, '')
        .replace(/\s*(in JSON )?at position \d+/, '');
  return new InputError(
    `${FILE}${line === undefined ? '' : `:${line}`}: invalid JSON: ${reason}`,
  );
}

function tooDeep(what: string, limits: ManifestLimits): InputError {
  return new InputError(
    `${FILE}: ${what}: nesting is too deep: more than ${limits.maxDepth} levels of mappings and sequences`,
  );
}

/**
 * Reads the JSON envelope with the limits YAML manifests have: at most
 * `maxDocuments` objects, each nested at most `maxDepth` levels.
 */
function readEnvelope(
  text: string,
  limits: ManifestLimits,
): { objects: SourcedObject[]; entity?: Entity } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw jsonSyntaxError(error, text);
  }
  if (!isRecord(body)) {
    throw new InputError(
      `${FILE}: expected a JSON object { "manifests": ..., "entity": ... }; ` +
        'to send manifests as they are, use Content-Type application/yaml',
    );
  }
  const unknown = Object.keys(body).filter(
    key => key !== 'manifests' && key !== 'entity',
  );
  if (unknown.length > 0) {
    throw new InputError(
      `${FILE}: unknown field ${unknown
        .map(key => `'${key}'`)
        .join(', ')}; the fields are 'manifests' and 'entity'`,
    );
  }

  const { manifests, entity } = body;
  let objects: SourcedObject[];
  if (typeof manifests === 'string') {
    objects = parseText(manifests, FILE, limits);
  } else if (Array.isArray(manifests)) {
    if (manifests.length > limits.maxDocuments) {
      throw new InputError(
        `${FILE}: too many manifests: ${manifests.length}, more than the limit of ${limits.maxDocuments}`,
      );
    }
    objects = manifests.map((object, index) => {
      const file = `manifests[${index}]`;
      if (!isRecord(object)) {
        throw new InputError(
          `${FILE}: ${file} is not an object; each item of 'manifests' is a Kubernetes object`,
        );
      }
      if (exceedsDepth(object, limits.maxDepth)) throw tooDeep(file, limits);
      return { object: object as KubeObject, file };
    });
  } else {
    throw new InputError(
      `${FILE}: 'manifests' is required: YAML or JSON text, or an array of Kubernetes objects`,
    );
  }

  if (entity === undefined) return { objects };
  if (!isRecord(entity)) {
    throw new InputError(`${FILE}: 'entity' is not an object`);
  }
  if (exceedsDepth(entity, limits.maxDepth)) throw tooDeep('entity', limits);
  return { objects, entity: entity as unknown as Entity };
}

/**
 * Reads and scores a request body; the report, compact unless asked for in
 * full. Throws `InputError` with a message naming what is wrong.
 */
export function evaluateRequestBody(
  request: EvaluateRequest,
  engine: ReadinessConfig,
  limits: ManifestLimits = DEFAULT_MANIFEST_LIMITS,
): ReadinessReport | CompactReport | SummaryReport {
  const text = UTF8.decode(request.body);
  const read =
    request.format === 'json'
      ? readEnvelope(text, limits)
      : { objects: parseText(text, FILE, limits), entity: undefined };

  // A catalog-info document among the manifests is the entity, as in the CLI.
  const documents = read.objects.filter(source => !isCatalogEntity(source));
  const entity =
    read.entity ??
    (read.objects.find(isCatalogEntity)?.object as Entity | undefined);
  if (documents.length === 0 && !entity) {
    throw new InputError(
      'The request has no Kubernetes objects to evaluate: send YAML or JSON manifests',
    );
  }
  const report = evaluateReadiness({
    objects: documents,
    entity,
    config: engine,
    now: new Date(request.now),
  });
  return reportAt(report, request.detail);
}
