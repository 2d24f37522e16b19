/**
 * `Status` objects: how the API server reports failures (`kind: Status`,
 * `status: Failure`, a machine-readable `reason` and the HTTP `code`).
 */

/** The `reason` the real server gives for each status code. */
const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Expired',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

const MESSAGES: Record<number, string> = {
  401: 'Unauthorized',
  404: 'the server could not find the requested resource',
  405: 'the server does not allow this method on the requested resource',
  429: 'Too many requests, please try again later.',
  500: 'Internal error occurred: injected failure',
  503: 'the server is currently unable to handle the request',
  504: 'the server was unable to return a response in the time allotted',
};

/** A Kubernetes `Status` object. @public */
export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: Record<string, unknown>;
  code: number;
}

/** The reason for a status code, `Unknown` when the server has none. */
export function reasonFor(code: number): string {
  return REASONS[code] ?? 'Unknown';
}

/** Builds the `Status` body of a failed request. @public */
export function statusObject(
  code: number,
  message?: string,
  details?: Record<string, unknown>,
): KubeStatus {
  const status: KubeStatus = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: message ?? MESSAGES[code] ?? `request failed with code ${code}`,
    reason: reasonFor(code),
    code,
  };
  if (details) status.details = details;
  return status;
}

/** The message the real server gives when RBAC denies a list. */
export function forbiddenMessage(
  group: string,
  resource: string,
  namespace: string | undefined,
): string {
  const qualified = group ? `${resource}.${group}` : resource;
  const scope = namespace
    ? `in the namespace "${namespace}"`
    : 'at the cluster scope';
  return (
    `${qualified} is forbidden: User "system:serviceaccount:backstage:readiness" ` +
    `cannot list resource "${resource}" in API group "${group}" ${scope}`
  );
}
