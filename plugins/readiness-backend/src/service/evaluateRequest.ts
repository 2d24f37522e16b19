/**
 * Reads the body of `POST /evaluate` as bytes, for a worker thread to parse:
 * parsing multi-megabyte JSON or YAML on the event loop would hold up every
 * other request of the backend. Says 415 for a format it does not read and
 * 413 for a body over the limit, each with a message naming the problem.
 */
import { InputError } from '@backstage/errors';
import express from 'express';
import { formatSize } from '@prodready/readiness-manifest-files';
import {
  BodyFormat,
  JSON_CONTENT_TYPES,
  YAML_CONTENT_TYPES,
} from './evaluateBody';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from './httpErrors';

const ACCEPTED = [...JSON_CONTENT_TYPES, ...YAML_CONTENT_TYPES];
const ACCEPTED_TEXT = ACCEPTED.join(', ');
const CHARSETS = new Set(['utf-8', 'utf8', 'us-ascii']);

export interface EvaluateBody {
  body: Uint8Array;
  format: BodyFormat;
}

/** The format of the body by its Content-Type; throws 415 or 400. */
export function bodyFormatOf(req: express.Request): BodyFormat {
  const header = req.headers['content-type'];
  const matched = req.is(ACCEPTED);
  if (matched === null) {
    throw new InputError(
      'The request has no body: send manifests as YAML (Content-Type application/yaml) ' +
        'or as JSON { "manifests": ..., "entity": ... } (application/json)',
    );
  }
  if (!matched || !header) {
    throw new UnsupportedMediaTypeError(
      header
        ? `Content-Type '${header
            .split(';')[0]
            .trim()}' is not supported; send one of ${ACCEPTED_TEXT}`
        : `The request has no Content-Type; send one of ${ACCEPTED_TEXT}`,
    );
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(header)?.[1];
  if (charset && !CHARSETS.has(charset.toLowerCase())) {
    throw new UnsupportedMediaTypeError(
      `Charset '${charset}' is not supported; send UTF-8`,
    );
  }
  return JSON_CONTENT_TYPES.includes(matched) ? 'json' : 'yaml';
}

/** The body's bytes, at most `limit` of them (after decompression). */
export async function readEvaluateBody(
  req: express.Request,
  res: express.Response,
  limit: number,
): Promise<EvaluateBody> {
  const format = bodyFormatOf(req);
  const parser = express.raw({ type: () => true, limit });
  try {
    await new Promise<void>((resolve, reject) =>
      parser(req, res, error => (error ? reject(error) : resolve())),
    );
  } catch (error) {
    const { type } = error as { type?: string };
    if (type === 'entity.too.large') {
      throw new PayloadTooLargeError(
        `The request body is larger than the limit of ${formatSize(
          limit,
        )} (readiness.evaluate.maxBodyBytes); send fewer manifests per request`,
      );
    }
    if (type === 'encoding.unsupported') {
      throw new UnsupportedMediaTypeError(
        `Content-Encoding '${req.headers['content-encoding']}' is not supported; send gzip, deflate or none`,
      );
    }
    throw new InputError(
      `The request body could not be read: ${(error as Error).message}`,
    );
  }
  const body: unknown = req.body;
  return {
    body: Buffer.isBuffer(body) ? body : new Uint8Array(),
    format,
  };
}
