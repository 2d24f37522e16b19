/**
 * The differences between one container (or pod) in Git and in the
 * cluster, in the fields readiness checks read: image, resources, probes
 * and security context. Fields the API server fills in with defaults are
 * compared with those defaults applied to both sides, so a manifest that
 * leaves them out is not drift.
 */
import { asArray, asRecord, scalarToString } from '../util/guards';
import { deepEqual } from '../util/deepEqual';
import { sameQuantity } from './quantity';
import { DriftDifference } from './types';

const RESOURCE_NAMES = ['cpu', 'memory', 'ephemeral-storage'];
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];

// What the API server sets on a probe that does not say.
const PROBE_DEFAULTS: Readonly<Record<string, number>> = {
  initialDelaySeconds: 0,
  timeoutSeconds: 1,
  periodSeconds: 10,
  successThreshold: 1,
  failureThreshold: 3,
};

const CONTAINER_SECURITY_FIELDS = [
  'runAsNonRoot',
  'runAsUser',
  'runAsGroup',
  'readOnlyRootFilesystem',
  'allowPrivilegeEscalation',
  'privileged',
];
const POD_SECURITY_FIELDS = [
  'runAsNonRoot',
  'runAsUser',
  'runAsGroup',
  'fsGroup',
];

/** A value as the messages show it; `undefined` for "not set". */
function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return scalarToString(value) ?? JSON.stringify(value);
}

function difference(
  field: string,
  git: unknown,
  live: unknown,
  message: string,
): DriftDifference {
  const result: DriftDifference = { field, message };
  const gitText = text(git);
  const liveText = text(live);
  if (gitText !== undefined) result.git = gitText;
  if (liveText !== undefined) result.live = liveText;
  return result;
}

/** "the cluster has 512Mi, Git says 1Gi" / "…, Git sets none". */
function contrast(git: unknown, live: unknown): string {
  const liveText = text(live) ?? 'none';
  const gitText = text(git);
  return `the cluster has ${liveText}, Git ${
    gitText === undefined ? 'sets none' : `says ${gitText}`
  }`;
}

function normalizedProbe(probe: unknown): unknown {
  const record = asRecord(probe);
  if (!record) return probe;
  const normalized: Record<string, unknown> = { ...PROBE_DEFAULTS, ...record };
  const httpGet = asRecord(record.httpGet);
  if (httpGet) normalized.httpGet = { scheme: 'HTTP', ...httpGet };
  return normalized;
}

/**
 * A probe as drift shows it: how it checks and how often, never what it
 * sends. Header values and exec commands can carry credentials (an
 * `Authorization` header, a token on a `curl` line), and drift is stored
 * and served to everyone who can see the entity.
 */
export function describeProbe(probe: unknown): string {
  const record = asRecord(normalizedProbe(probe));
  if (!record) return 'set';
  const parts: string[] = [];
  const httpGet = asRecord(record.httpGet);
  const tcpSocket = asRecord(record.tcpSocket);
  const grpc = asRecord(record.grpc);
  if (httpGet) {
    const path = scalarToString(httpGet.path) ?? '/';
    parts.push(
      `${scalarToString(httpGet.scheme)} GET :${scalarToString(
        httpGet.port,
      )}${path}`,
    );
    const headers = asArray(httpGet.httpHeaders)
      .map(header => scalarToString(asRecord(header)?.name))
      .filter((name): name is string => !!name);
    if (headers.length > 0) parts.push(`headers ${headers.join(', ')}`);
  } else if (tcpSocket) {
    parts.push(`TCP :${scalarToString(tcpSocket.port)}`);
  } else if (grpc) {
    parts.push(`gRPC :${scalarToString(grpc.port)}`);
  } else if (asRecord(record.exec)) {
    parts.push('exec (command not shown)');
  }
  for (const [field, label] of [
    ['initialDelaySeconds', 'delay'],
    ['periodSeconds', 'period'],
    ['timeoutSeconds', 'timeout'],
  ]) {
    parts.push(`${label} ${scalarToString(record[field])}s`);
  }
  parts.push(
    `success ${scalarToString(record.successThreshold)}`,
    `failure ${scalarToString(record.failureThreshold)}`,
  );
  return parts.join(', ');
}

function capabilities(securityContext: Record<string, any> | undefined) {
  const caps = asRecord(securityContext?.capabilities);
  const sorted = (value: unknown) =>
    asArray(value)
      .map(item => String(item).toUpperCase())
      .sort()
      .join(',');
  return { add: sorted(caps?.add), drop: sorted(caps?.drop) };
}

function securityDrift(
  prefix: string,
  what: string,
  fields: readonly string[],
  git: Record<string, any> | undefined,
  live: Record<string, any> | undefined,
): DriftDifference[] {
  const found: DriftDifference[] = [];
  for (const field of fields) {
    if (git?.[field] === live?.[field]) continue;
    found.push(
      difference(
        `${prefix}.securityContext.${field}`,
        git?.[field],
        live?.[field],
        `${what} securityContext.${field}: ${contrast(
          git?.[field],
          live?.[field],
        )}`,
      ),
    );
  }
  const seccompGit = asRecord(git?.seccompProfile)?.type;
  const seccompLive = asRecord(live?.seccompProfile)?.type;
  if (seccompGit !== seccompLive) {
    found.push(
      difference(
        `${prefix}.securityContext.seccompProfile.type`,
        seccompGit,
        seccompLive,
        `${what} seccompProfile: ${contrast(seccompGit, seccompLive)}`,
      ),
    );
  }
  return found;
}

/** Differences of one container present on both sides. */
export function containerDrift(
  workloadLabel: string,
  name: string,
  git: Record<string, any>,
  live: Record<string, any>,
): DriftDifference[] {
  const prefix = `containers[${name}]`;
  const what = `${workloadLabel} container ${name}`;
  const found: DriftDifference[] = [];

  if (git.image !== live.image) {
    found.push(
      difference(
        `${prefix}.image`,
        git.image,
        live.image,
        `live ${what} runs ${text(live.image) ?? 'no image'}, Git says ${
          text(git.image) ?? 'none'
        }`,
      ),
    );
  }

  for (const bound of ['requests', 'limits']) {
    const gitValues = asRecord(asRecord(git.resources)?.[bound]);
    const liveValues = asRecord(asRecord(live.resources)?.[bound]);
    for (const resource of RESOURCE_NAMES) {
      const gitValue = gitValues?.[resource];
      const liveValue = liveValues?.[resource];
      if (gitValue === undefined && liveValue === undefined) continue;
      if (sameQuantity(gitValue, liveValue)) continue;
      found.push(
        difference(
          `${prefix}.resources.${bound}.${resource}`,
          gitValue,
          liveValue,
          `${what} ${resource} ${
            bound === 'requests' ? 'request' : 'limit'
          }: ${contrast(gitValue, liveValue)}`,
        ),
      );
    }
  }

  for (const probe of PROBES) {
    const gitProbe = git[probe];
    const liveProbe = live[probe];
    if (gitProbe === undefined && liveProbe === undefined) continue;
    if (gitProbe === undefined || liveProbe === undefined) {
      found.push(
        difference(
          `${prefix}.${probe}`,
          gitProbe === undefined ? undefined : 'set',
          liveProbe === undefined ? undefined : 'set',
          liveProbe === undefined
            ? `live ${what} has no ${probe}, Git has one`
            : `live ${what} has a ${probe} that Git does not`,
        ),
      );
    } else if (
      !deepEqual(normalizedProbe(gitProbe), normalizedProbe(liveProbe))
    ) {
      const gitText = describeProbe(gitProbe);
      const liveText = describeProbe(liveProbe);
      found.push(
        difference(
          `${prefix}.${probe}`,
          gitText,
          liveText,
          gitText === liveText
            ? `live ${what} ${probe} differs from Git in a command or header value (not shown)`
            : `live ${what} ${probe} differs from Git`,
        ),
      );
    }
  }

  const gitSecurity = asRecord(git.securityContext);
  const liveSecurity = asRecord(live.securityContext);
  found.push(
    ...securityDrift(
      prefix,
      what,
      CONTAINER_SECURITY_FIELDS,
      gitSecurity,
      liveSecurity,
    ),
  );
  const gitCaps = capabilities(gitSecurity);
  const liveCaps = capabilities(liveSecurity);
  for (const change of ['add', 'drop'] as const) {
    if (gitCaps[change] === liveCaps[change]) continue;
    found.push(
      difference(
        `${prefix}.securityContext.capabilities.${change}`,
        gitCaps[change] || undefined,
        liveCaps[change] || undefined,
        `${what} capabilities.${change}: ${contrast(
          gitCaps[change] || undefined,
          liveCaps[change] || undefined,
        )}`,
      ),
    );
  }
  return found;
}

/** Differences of the pod-level security context. */
export function podSecurityDrift(
  workloadLabel: string,
  git: Record<string, any>,
  live: Record<string, any>,
): DriftDifference[] {
  return securityDrift(
    'pod',
    `${workloadLabel} pod`,
    POD_SECURITY_FIELDS,
    asRecord(git.securityContext),
    asRecord(live.securityContext),
  );
}
