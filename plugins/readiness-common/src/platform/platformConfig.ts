/**
 * The `platform` section of the readiness configuration: which namespaces
 * are the platform's own, signatures added to the built-in table,
 * capabilities provided from outside the cluster, and the thresholds of the
 * recovery, delivery and version checks.
 */
import type { z } from 'zod/v4';
import { KubernetesRelease } from './releases';
import { PlatformSignature } from './signatures';

/** The `platform` section, validated, with defaults filled in. @public */
export interface PlatformConfig {
  /**
   * Namespaces that are not application namespaces, besides kube-system,
   * kube-public, kube-node-lease (and `default` while empty).
   */
  systemNamespaces: string[];
  /** Signatures added to the built-in table, by check id. */
  signatures: Record<string, PlatformSignature>;
  /**
   * Capabilities that come from outside the cluster (a SaaS log pipeline),
   * by check id, with the reason: the check is `exempt` with that reason.
   */
  provided: Record<string, string>;
  /** Oldest acceptable last backup of a Velero Schedule, in hours. Default 48. */
  maxBackupAgeHours: number;
  /** Share of application workloads that must be at the gate level. Default 0.8. */
  workloadsReadyShare: number;
  /** Replaces the built-in table of Kubernetes minor releases when set. */
  kubernetesReleases?: KubernetesRelease[];
}

/** The `platform` section when none is given. @public */
export const DEFAULT_PLATFORM_CONFIG: Readonly<PlatformConfig> = Object.freeze({
  systemNamespaces: [],
  signatures: {},
  provided: {},
  maxBackupAgeHours: 48,
  workloadsReadyShare: 0.8,
});

/** Why a check id may not be used at this key, or undefined. */
export type IdProblem = (id: string) => string | undefined;

const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const MINOR = /^\d+\.\d+$/;

/**
 * The zod schema of the section. `signatureIdProblem` judges the keys of
 * `signatures` (checks recognised by signatures), `providedIdProblem` those
 * of `provided` (every platform check); `isDate` judges release dates.
 */
export function buildPlatformSchema(
  zod: typeof z,
  signatureIdProblem: IdProblem,
  providedIdProblem: IdProblem,
  isDate: (text: string) => boolean,
) {
  const keyedBy = <T extends z.ZodType>(value: T, problemOf: IdProblem) =>
    zod.record(zod.string(), value).superRefine((entries, context) => {
      for (const id of Object.keys(entries)) {
        const problem = problemOf(id);
        if (problem) {
          context.addIssue({ code: 'custom', path: [id], message: problem });
        }
      }
    });
  const names = zod.array(zod.string().min(1)).optional();
  const signature = zod.strictObject({
    images: names,
    crds: names,
    kinds: names,
    workloads: zod
      .array(
        zod.string().regex(/^[^/\s]+\/[^/\s]+$/, {
          error: 'must be written namespace/name, e.g. kube-system/anetd',
        }),
      )
      .optional(),
  });
  const release = zod.strictObject({
    minor: zod.string().regex(MINOR, {
      error: 'must be a minor version written major.minor, e.g. "1.34"',
    }),
    released: zod
      .string()
      .refine(isDate, { error: 'must be a date written as YYYY-MM-DD' }),
  });
  return zod.strictObject({
    systemNamespaces: zod
      .array(
        zod.string().regex(NAMESPACE_NAME, {
          error: 'must be a namespace name: lowercase letters, digits and "-"',
        }),
      )
      .optional(),
    signatures: keyedBy(signature, signatureIdProblem).optional(),
    provided: keyedBy(
      // The reason is what the report shows: an empty one is refused.
      zod.string().trim().min(1),
      providedIdProblem,
    ).optional(),
    maxBackupAgeHours: zod.int().min(1).optional(),
    workloadsReadyShare: zod.number().min(0).max(1).optional(),
    kubernetesReleases: zod.array(release).min(1).optional(),
  });
}

/** Parsed section → config with defaults. */
export function platformConfigOf(
  parsed:
    | {
        systemNamespaces?: string[];
        signatures?: Record<string, PlatformSignature>;
        provided?: Record<string, string>;
        maxBackupAgeHours?: number;
        workloadsReadyShare?: number;
        kubernetesReleases?: KubernetesRelease[];
      }
    | undefined,
): PlatformConfig {
  const config: PlatformConfig = {
    systemNamespaces: parsed?.systemNamespaces ?? [],
    signatures: parsed?.signatures ?? {},
    provided: parsed?.provided ?? {},
    maxBackupAgeHours:
      parsed?.maxBackupAgeHours ?? DEFAULT_PLATFORM_CONFIG.maxBackupAgeHours,
    workloadsReadyShare:
      parsed?.workloadsReadyShare ??
      DEFAULT_PLATFORM_CONFIG.workloadsReadyShare,
  };
  if (parsed?.kubernetesReleases) {
    config.kubernetesReleases = parsed.kubernetesReleases;
  }
  return config;
}
