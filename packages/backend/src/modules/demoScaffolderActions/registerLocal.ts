import {
  BackstageCredentials,
  isChildPath,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import yaml from 'yaml';
import {
  LOCAL_PUBLISH_DIRECTORY_KEY,
  requireLocalPublishDirectory,
} from './localPublishDirectory';
import { examples } from './registerLocal.examples';

const MANAGED_BY_LOCATION = 'backstage.io/managed-by-location';
const DEFAULT_TIMEOUT_SECONDS = 60;

/** A catalog Location entity, as far as this action reads it. */
interface LocationEntity {
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
  };
  spec?: { type?: string; target?: string; targets?: string[] };
}

/** The ref of the entity in a catalog file: its Component, else its first entity. */
function entityRefInFile(file: string): string {
  let documents: unknown[];
  try {
    documents = yaml
      .parseAllDocuments(fs.readFileSync(file, 'utf8'))
      .map(document => document.toJS());
  } catch (error) {
    throw new InputError(`Cannot read ${file}: ${error}`);
  }
  const entities = documents.filter(
    (document): document is { kind: string; metadata: any } =>
      typeof (document as any)?.kind === 'string' &&
      typeof (document as any)?.metadata?.name === 'string',
  );
  const entity =
    entities.find(candidate => candidate.kind === 'Component') ?? entities[0];
  if (!entity) {
    throw new InputError(`${file} holds no catalog entity`);
  }
  const namespace = entity.metadata.namespace ?? 'default';
  return `${entity.kind.toLocaleLowerCase('en-US')}:${namespace}/${
    entity.metadata.name
  }`;
}

/** The folders a file Location entity reads, as absolute paths or globs. */
function locationTargets(location: LocationEntity): string[] {
  const targets = [
    ...(location.spec?.target ? [location.spec.target] : []),
    ...(location.spec?.targets ?? []),
  ];
  // A relative target is relative to the file the Location itself came from.
  const origin = location.metadata.annotations?.[MANAGED_BY_LOCATION] ?? '';
  const base = origin.startsWith('file:')
    ? path.dirname(origin.slice('file:'.length))
    : undefined;
  return targets.flatMap(target => {
    if (path.isAbsolute(target)) return [target];
    return base ? [path.resolve(base, target)] : [];
  });
}

/**
 * The catalog's file Locations that read from the local publish folder:
 * refreshing them makes the catalog find a newly written repository now,
 * instead of on its next processing round.
 */
async function locationsReading(
  catalog: CatalogService,
  root: string,
  credentials: BackstageCredentials,
): Promise<string[]> {
  const { items } = await catalog.getEntities(
    { filter: { kind: 'Location', 'spec.type': 'file' } },
    { credentials },
  );
  return (items as unknown as LocationEntity[])
    .filter(location =>
      locationTargets(location).some(target => isChildPath(root, target)),
    )
    .map(
      location =>
        `location:${location.metadata.namespace ?? 'default'}/${
          location.metadata.name
        }`,
    );
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error('Cancelled'));
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new Error('Cancelled'));
      },
      { once: true },
    );
  });
}

/**
 * Creates the `catalog:register:local` action, the local counterpart of
 * `catalog:register` for repositories written by `publish:local`.
 *
 * The catalog refuses to register `file` locations through its API (only
 * `url` locations can be added at run time, so nobody can make the catalog
 * read arbitrary files on its host). Instead, the portal's configuration
 * lists the local publish folder once in `catalog.locations`, as a glob;
 * this action refreshes that location so the catalog reads the new
 * repository at once, and waits until its entity is in the catalog.
 */
export function createRegisterLocalAction(options: {
  directory?: string;
  catalog: CatalogService;
  /** How often to ask the catalog whether the entity is there. Default 1 s. */
  pollIntervalMs?: number;
}) {
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  return createTemplateAction({
    id: 'catalog:register:local',
    description:
      'Makes the catalog read a repository written by publish:local, through the catalog location configured for the local publish folder, and waits until its entity is in the catalog.',
    examples,
    schema: {
      input: {
        repoContentsUrl: z =>
          z
            .string()
            .describe('The file: URL publish:local gave as repoContentsUrl'),
        catalogInfoPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Path of the catalog file in the repository. Defaults to /catalog-info.yaml.',
            ),
        timeoutSeconds: z =>
          z
            .number()
            .int()
            .min(1)
            .max(600)
            .optional()
            .describe(
              `How long to wait for the entity to appear. Defaults to ${DEFAULT_TIMEOUT_SECONDS}.`,
            ),
      },
      output: {
        entityRef: z => z.string().describe('The registered entity'),
        catalogInfoUrl: z =>
          z.string().describe('file: URL of the catalog file it was read from'),
      },
    },
    async handler(ctx) {
      const root = requireLocalPublishDirectory(options.directory);
      let folder: string;
      try {
        folder = fileURLToPath(ctx.input.repoContentsUrl);
      } catch {
        throw new InputError(
          `repoContentsUrl must be the file: URL publish:local gave, not '${ctx.input.repoContentsUrl}'`,
        );
      }
      if (!isChildPath(root, folder) || folder === root) {
        throw new InputError(
          `${folder} is not a repository in the local publish folder ${root}`,
        );
      }
      const file = resolveSafeChildPath(
        folder,
        (ctx.input.catalogInfoPath ?? '/catalog-info.yaml').replace(/^\/+/, ''),
      );
      const entityRef = entityRefInFile(file);
      const ownLocation = `file:${file}`;
      const credentials = await ctx.getInitiatorCredentials();

      const locations = await locationsReading(
        options.catalog,
        root,
        credentials,
      );
      if (locations.length === 0) {
        throw new InputError(
          `No catalog location reads the local publish folder ${root}, so the catalog would never see ${entityRef}. ` +
            `Add one to catalog.locations, next to ${LOCAL_PUBLISH_DIRECTORY_KEY}: ` +
            `{ type: file, target: <that folder>/*/*/catalog-info.yaml, rules: [{ allow: [Component] }] }`,
        );
      }
      for (const location of locations) {
        ctx.logger.info(`Asking the catalog to read ${location} again`);
        await options.catalog.refreshEntity(location, { credentials });
      }

      const timeoutSeconds =
        ctx.input.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
      const deadline = Date.now() + timeoutSeconds * 1000;
      for (;;) {
        const entity = await options.catalog.getEntityByRef(entityRef, {
          credentials,
        });
        const from = entity?.metadata.annotations?.[MANAGED_BY_LOCATION];
        if (entity && from === ownLocation) break;
        if (entity) {
          throw new ConflictError(
            `${entityRef} is already in the catalog, read from ${from}; the catalog keeps that one and ignores ${file}. Choose another name.`,
          );
        }
        if (Date.now() >= deadline) {
          throw new NotFoundError(
            `${entityRef} is not in the catalog ${timeoutSeconds} s after ${locations.join(
              ', ',
            )} was refreshed; look for processing errors of ${ownLocation} in the catalog's logs`,
          );
        }
        await sleep(pollIntervalMs, ctx.signal);
      }

      ctx.logger.info(`${entityRef} is in the catalog`);
      ctx.output('entityRef', entityRef);
      ctx.output('catalogInfoUrl', pathToFileURL(file).href);
    },
  });
}
