import {
  BackstageCredentials,
  LoggerService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  evaluateReadiness,
  isAtLeastLevel,
  isCatalogEntity,
  parseManifests,
  ReadinessConfig,
  ReadinessLevel,
  SourcedObject,
} from '@prodready/backstage-plugin-readiness-common';
import {
  isDirectory,
  listManifestFiles,
  readTextFile,
} from '@prodready/readiness-manifest-files';
import path from 'node:path';
import { examples } from './readinessCheck.examples';
import { summariseFailures } from './summariseFailures';

const LEVELS = ['gold', 'silver', 'bronze', 'none'] as const;
const MAX_FILE_BYTES = 8 * 1024 * 1024;

/**
 * Options of {@link createReadinessCheckAction}.
 *
 * @public
 */
export interface ReadinessCheckActionOptions {
  /**
   * The readiness configuration: checks, severities, `minReplicas`,
   * `allowedRegistries`, the gate, exemptions and custom checks. The module
   * passes the `readiness` block of app-config, so a template run is held
   * to the same rules as the portal's scorecards. Defaults apply when
   * absent.
   *
   * A function is called at each run: when it throws (a configuration
   * error, naming its key), the step fails with that message, so an
   * invalid custom check stops the runs that would use it rather than the
   * backend.
   */
  config?: ReadinessConfig | (() => ReadinessConfig);
  /**
   * The catalog, to check that the entity's owner exists, as the portal
   * does. Without it the `owner` check only needs `spec.owner` to be set.
   */
  catalog?: CatalogService;
}

/**
 * Creates the `readiness:check` action: scores the Kubernetes manifests in
 * the workspace before anything is published, and fails the run when they
 * miss the gate.
 *
 * @public
 */
export function createReadinessCheckAction(
  options: ReadinessCheckActionOptions = {},
) {
  return createTemplateAction({
    id: 'readiness:check',
    description:
      'Scores the Kubernetes manifests in the workspace against the production-readiness checks and fails the run when they do not meet the gate.',
    examples,
    schema: {
      input: {
        paths: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              'Files or folders in the workspace to read manifests from. Defaults to the whole workspace.',
            ),
        entityPath: z =>
          z
            .string()
            .optional()
            .describe(
              'The catalog-info.yaml whose entity-level checks (owner, runbook, on-call...) to include. Defaults to a single Component found among the paths.',
            ),
        minLevel: z =>
          z
            .enum(LEVELS)
            .optional()
            .describe(
              'The lowest acceptable level. Defaults to the gate of the readiness configuration (silver unless configured).',
            ),
        minScore: z =>
          z
            .number()
            .min(0)
            .max(100)
            .optional()
            .describe('The lowest acceptable score, 0 to 100.'),
      },
      output: {
        score: z => z.number().describe('Score from 0 to 100'),
        level: z => z.enum(LEVELS).describe('Readiness level'),
        productionReady: z =>
          z.boolean().describe('Whether the level meets the configured gate'),
        report: z =>
          z.record(z.string(), z.any()).describe('The full readiness report'),
      },
    },
    // It only reads the workspace, so a dry run in the template editor shows
    // the verdict too.
    supportsDryRun: true,
    async handler(ctx) {
      const config = configOf(options.config);
      const minLevel: ReadinessLevel =
        ctx.input.minLevel ?? config?.gate ?? 'silver';
      const minScore = ctx.input.minScore ?? 0;

      const { objects, entities } = readWorkspaceManifests(
        ctx.workspacePath,
        ctx.input.paths ?? ['.'],
      );
      const entity = pickEntity(
        ctx.workspacePath,
        ctx.input.entityPath,
        entities,
      );
      if (!objects.some(source => source.object.kind)) {
        throw new InputError(
          `No Kubernetes manifests found in ${(ctx.input.paths ?? ['.']).join(
            ', ',
          )}`,
        );
      }

      const report = evaluateReadiness({
        objects,
        entity,
        config,
        ownerExists: await ownerExists(
          options.catalog,
          entity,
          () => ctx.getInitiatorCredentials(),
          ctx.logger,
        ),
      });
      const { score, level, productionReady } = report.summary;
      ctx.output('score', score);
      ctx.output('level', level);
      ctx.output('productionReady', productionReady);
      ctx.output('report', report as any);

      const verdict = `Readiness: level ${level}, score ${score}/100 (gate: ${minLevel}${
        minScore > 0 ? `, score ${minScore}` : ''
      })`;
      if (isAtLeastLevel(level, minLevel) && score >= minScore) {
        ctx.logger.info(`${verdict}: passed`);
        return;
      }
      throw new InputError(
        `${verdict}: not met.\n${summariseFailures(report)}`,
      );
    },
  });
}

/** The configuration of this run; its error, if any, fails the step. */
function configOf(
  config: ReadinessCheckActionOptions['config'],
): ReadinessConfig | undefined {
  if (typeof config !== 'function') return config;
  try {
    return config();
  } catch (error) {
    // A ReadinessConfigError lists every problem with its key.
    throw new InputError(
      `readiness:check cannot run: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
}

interface WorkspaceManifests {
  objects: SourcedObject[];
  entities: SourcedObject[];
}

/** Reads every manifest under the given workspace paths, never outside it. */
function readWorkspaceManifests(
  workspacePath: string,
  paths: string[],
): WorkspaceManifests {
  const result: WorkspaceManifests = { objects: [], entities: [] };
  for (const relative of paths) {
    const target = resolveSafeChildPath(workspacePath, relative);
    const files = isDirectory(target) ? listManifestFiles(target) : [target];
    for (const file of files) {
      const name = path.relative(workspacePath, file);
      const text = readTextFile(file, MAX_FILE_BYTES);
      for (const source of parseManifests(text, { file: name }).objects) {
        (isCatalogEntity(source) ? result.entities : result.objects).push(
          source,
        );
      }
    }
  }
  return result;
}

/** The catalog entity whose entity-level checks count, if any. */
function pickEntity(
  workspacePath: string,
  entityPath: string | undefined,
  found: SourcedObject[],
) {
  let candidates = found;
  if (entityPath) {
    const file = resolveSafeChildPath(workspacePath, entityPath);
    const text = readTextFile(file, MAX_FILE_BYTES);
    candidates = parseManifests(text, { file: entityPath }).objects;
  }
  const components = candidates.filter(c => c.object.kind === 'Component');
  if (entityPath && components.length !== 1) {
    throw new InputError(
      `${entityPath} must hold exactly one Component entity, found ${components.length}`,
    );
  }
  return components.length === 1 ? (components[0].object as any) : undefined;
}

/**
 * Whether the entity's owner is in the catalog, as the portal checks it; an
 * owner written without kind or namespace is a Group in the entity's
 * namespace, as the catalog reads it. Undefined when it cannot be known
 * (no catalog, no owner, or the catalog did not answer), so the check
 * falls back to "spec.owner is set".
 */
async function ownerExists(
  catalog: CatalogService | undefined,
  entity: { metadata?: { namespace?: string }; spec?: { owner?: unknown } },
  credentials: () => Promise<BackstageCredentials>,
  logger: LoggerService,
): Promise<boolean | undefined> {
  const owner = entity?.spec?.owner;
  if (!catalog || typeof owner !== 'string' || !owner.trim()) {
    return undefined;
  }
  const namespace = entity.metadata?.namespace ?? 'default';
  let ref = owner.trim();
  if (!ref.includes(':')) ref = `group:${ref}`;
  if (!ref.includes('/')) ref = ref.replace(':', `:${namespace}/`);
  try {
    const found = await catalog.getEntityByRef(ref, {
      credentials: await credentials(),
    });
    return found !== undefined;
  } catch (error) {
    logger.warn(
      `Could not look up the owner ${ref} in the catalog; checking only that spec.owner is set: ${error}`,
    );
    return undefined;
  }
}
