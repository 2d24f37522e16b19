/**
 * Errors for the statuses `@backstage/errors` has no class for. Backstage's
 * error handler answers with an error's `statusCode` when it has one, and
 * renders the body as for every other error: `{ error: { name, message } }`.
 */
import { CustomErrorBase } from '@backstage/errors';

/** 413: the request body is larger than the route accepts. */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  readonly statusCode = 413;
}

/** 415: the request body is in a format the route does not read. */
export class UnsupportedMediaTypeError extends CustomErrorBase {
  name = 'UnsupportedMediaTypeError' as const;
  readonly statusCode = 415;
}

/**
 * 503 with a `Retry-After`: the server is busy, not broken. The router sets
 * the header from `retryAfterSeconds` before the error handler renders it.
 */
export class BusyError extends CustomErrorBase {
  name = 'ServiceUnavailableError' as const;
  readonly statusCode = 503;
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}

/**
 * 429 with a `Retry-After`: the caller asked again too soon. The router sets
 * the header from `retryAfterSeconds` before the error handler renders it.
 */
export class TooManyRequestsError extends CustomErrorBase {
  name = 'TooManyRequestsError' as const;
  readonly statusCode = 429;
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}
