/**
 * Reads the `readiness` block of app-config into what the backend needs.
 * Every mistake is reported with the config key it is about.
 */
import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';
import os from 'node:os';
import {
  CampaignDefinition,
  parseReadinessConfig,
  ReadinessCheck,
  ReadinessConfig,
} from '@prodready/backstage-plugin-readiness-common';
import {
  campaignCheckIds,
  validateCampaignDefinition,
} from '../campaigns/campaignDefinition';
import {
  NotificationSettings,
  readNotificationSettings,
} from '../notifications/notificationSettings';

/** A folder of manifests or `kubectl get -o yaml` dumps, read as a source. */
export interface DirectorySourceConfig {
  id: string;
  path: string;
  /** Cluster name the objects are reported under, if they stand for one. */
  cluster?: string;
}

export interface ReadinessBackendConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  historyRetentionDays: number;
  /** Kinds scored even without a Kubernetes annotation (operations checks). */
  entityKinds: string[];
  directorySources: DirectorySourceConfig[];
  /** Largest body `POST /evaluate` accepts, in bytes. */
  evaluateMaxBytes: number;
  /** How `POST /evaluate` runs: off the event loop, in worker threads. */
  evaluate: EvaluateSettings;
  /** Largest manifest file read from a folder or from Git, in bytes. */
  maxManifestBytes: number;
  /** Shortest time between two evaluations of one entity by refresh, in seconds; 0 for no limit. */
  refreshMinIntervalSeconds: number;
  /** The engine's settings: checks, minReplicas, registries, gate, ... */
  engine: ReadinessConfig;
  /** Campaigns of `readiness.campaigns`, validated against the engine's catalogue. */
  campaigns: CampaignDefinition[];
  /** Notifications to the owners of entities (`readiness.notifications`). */
  notifications: NotificationSettings;
}

/** The worker threads of `POST /evaluate`. */
export interface EvaluateSettings {
  /** Threads evaluating at once. */
  workers: number;
  /** Requests that may wait for a thread; more are answered 503. */
  maxQueued: number;
  /** Time one evaluation may take, in milliseconds. */
  timeoutMs: number;
  /** Heap of one thread, in MiB. */
  maxWorkerMemoryMb: number;
  /** Largest body for which the full report (`?detail=full`) is given. */
  fullReportMaxBytes: number;
}

/**
 * One thread on a 2-core machine, leaving a core to the event loop (the
 * catalog, health checks, other plugins); one less than the cores above
 * that, at most 4.
 */
export function defaultEvaluateWorkers(cores = os.availableParallelism()) {
  return Math.max(1, Math.min(4, cores - 1));
}

export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 15 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 15 },
};

const DEFAULT_ENTITY_KINDS = ['Component'];
const MIB = 1024 * 1024;

function positiveInteger(config: Config, key: string, fallback: number) {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new InputError(
      `Invalid config readiness.${key}: expected a positive whole number, got ${value}`,
    );
  }
  return value;
}

function readRefreshMinInterval(block: Config | undefined): number {
  const key = 'refresh.minIntervalSeconds';
  const value = block?.getOptionalNumber(key) ?? 30;
  if (!Number.isInteger(value) || value < 0) {
    throw new InputError(
      `Invalid config readiness.${key}: expected a whole number of seconds, 0 or more, got ${value}`,
    );
  }
  return value;
}

function readDirectorySources(readiness: Config): DirectorySourceConfig[] {
  const entries = readiness.getOptionalConfigArray('sources') ?? [];
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const key = `readiness.sources[${index}]`;
    const type = entry.getString('type');
    if (type !== 'directory') {
      throw new InputError(
        `Invalid config ${key}.type: '${type}' is not a source type; use 'directory' ` +
          '(clusters come from kubernetes.clusterLocatorMethods and readiness.kubernetes)',
      );
    }
    const path = entry.getString('path');
    const id = `directory:${entry.getOptionalString('name') ?? path}`;
    if (seen.has(id)) {
      throw new InputError(
        `Invalid config ${key}: a directory source named '${id}' is configured twice`,
      );
    }
    seen.add(id);
    const cluster = entry.getOptionalString('cluster');
    return cluster ? { id, path, cluster } : { id, path };
  });
}

function readEvaluateTimeout(block: Config | undefined): number {
  const key = 'evaluate.timeout';
  if (!block?.has(key)) return 30_000;
  let milliseconds: number;
  try {
    milliseconds = durationToMilliseconds(
      readDurationFromConfig(block, { key }),
    );
  } catch (error) {
    throw new InputError(
      `Invalid config readiness.${key}: expected a duration such as '30s' or { seconds: 30 }: ${
        (error as Error).message
      }`,
    );
  }
  if (!(milliseconds > 0)) {
    throw new InputError(
      `Invalid config readiness.${key}: must be longer than zero`,
    );
  }
  return milliseconds;
}

function readEvaluateSettings(block: Config | undefined): EvaluateSettings {
  const whole = (key: string, fallback: number) =>
    block ? positiveInteger(block, key, fallback) : fallback;
  const maxQueued = block?.getOptionalNumber('evaluate.maxQueued') ?? 8;
  if (!Number.isInteger(maxQueued) || maxQueued < 0) {
    throw new InputError(
      `Invalid config readiness.evaluate.maxQueued: expected a whole number, 0 or more, got ${maxQueued}`,
    );
  }
  return {
    workers: whole('evaluate.workers', defaultEvaluateWorkers()),
    maxQueued,
    timeoutMs: readEvaluateTimeout(block),
    maxWorkerMemoryMb: whole('evaluate.maxWorkerMemoryMb', 1024),
    fullReportMaxBytes: whole('evaluate.fullReportMaxBytes', MIB),
  };
}

/**
 * `readiness.campaigns`, each checked as the API checks a body, with check
 * ids judged against the catalogue including custom checks.
 */
function readCampaigns(
  block: Config | undefined,
  engine: ReadinessConfig,
): CampaignDefinition[] {
  const raw = block?.getOptional('campaigns');
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    throw new InputError('Invalid config readiness.campaigns: expected a list');
  }
  const context = { checkIds: campaignCheckIds(engine.catalogue) };
  const seen = new Set<string>();
  return raw.map((entry, index) => {
    const where = `readiness.campaigns[${index}]`;
    const campaign = validateCampaignDefinition(entry, context, where);
    if (seen.has(campaign.id)) {
      throw new InputError(
        `Invalid campaign ${where} (${campaign.id}): another campaign has the same id`,
      );
    }
    seen.add(campaign.id);
    return campaign;
  });
}

/** What {@link readBackendConfig} adds to the configuration. */
export interface ReadBackendConfigOptions {
  /** Checks written in TypeScript, from backend modules. */
  checks?: readonly ReadinessCheck[];
}

/**
 * Reads and validates `readiness.*`, compiling its custom checks once;
 * throws naming the key at fault.
 */
export function readBackendConfig(
  config: Config,
  options: ReadBackendConfigOptions = {},
): ReadinessBackendConfig {
  const block = config.getOptionalConfig('readiness');
  const schedule = block?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        block.getConfig('schedule'),
      )
    : DEFAULT_SCHEDULE;

  // Throws ReadinessConfigError naming the engine key at fault, e.g.
  // `readiness.customChecks[2].rule: ... (line 1, col 5)`.
  const engine: ReadinessConfig = parseReadinessConfig(block?.get() ?? {}, {
    keyPrefix: 'readiness',
    checks: options.checks,
  });

  return {
    schedule,
    historyRetentionDays: block
      ? positiveInteger(block, 'history.retentionDays', 365)
      : 365,
    entityKinds:
      block?.getOptionalStringArray('entityKinds') ?? DEFAULT_ENTITY_KINDS,
    directorySources: block ? readDirectorySources(block) : [],
    evaluateMaxBytes: block
      ? positiveInteger(block, 'evaluate.maxBodyBytes', 5 * MIB)
      : 5 * MIB,
    evaluate: readEvaluateSettings(block),
    maxManifestBytes: block
      ? positiveInteger(block, 'maxManifestBytes', 8 * MIB)
      : 8 * MIB,
    refreshMinIntervalSeconds: readRefreshMinInterval(block),
    engine,
    // Throws, naming the campaign and the check, e.g. for an unknown check id.
    campaigns: readCampaigns(block, engine),
    notifications: readNotificationSettings(block),
  };
}
