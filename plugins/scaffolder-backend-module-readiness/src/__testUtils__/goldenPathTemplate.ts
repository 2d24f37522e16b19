/**
 * Renders the golden-path template (templates/production-ready-service) with
 * the scaffolder's real fetch:template action, for the tests that look at
 * one part of what it generates.
 */
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject, JsonValue } from '@backstage/types';
import {
  CheckResult,
  evaluateReadiness,
  parseManifests,
  parseReadinessConfig,
  ReadinessConfig,
  ReadinessReport,
  SourcedObject,
} from '@prodready/backstage-plugin-readiness-common';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { isoDateInDays } from '../templating/isoDateInDays';

export const TEMPLATE_DIR = path.resolve(
  __dirname,
  '../../../../templates/production-ready-service',
);
export const TEMPLATE_FILE = path.join(TEMPLATE_DIR, 'template.yaml');
export const template = yaml.parse(fs.readFileSync(TEMPLATE_FILE, 'utf8'));

const fetchStep = template.spec.steps.find(
  (step: { action: string }) => step.action === 'fetch:template',
);

/** Every parameter the form offers, across its pages and dependencies. */
export function formProperties(): Record<string, any> {
  const properties: Record<string, any> = {};
  for (const page of template.spec.parameters) {
    Object.assign(properties, page.properties);
    for (const dependency of Object.values<any>(page.dependencies ?? {})) {
      for (const branch of dependency.oneOf ?? []) {
        for (const [name, schema] of Object.entries<any>(branch.properties)) {
          if (schema.type) properties[name] = schema;
        }
      }
    }
  }
  return properties;
}

/** What a user fills in, on top of the form's defaults. */
export function parametersWith(chosen: JsonObject): JsonObject {
  const parameters: JsonObject = {};
  for (const [name, schema] of Object.entries(formProperties())) {
    if (schema.default !== undefined) parameters[name] = schema.default;
  }
  return { ...parameters, ...chosen };
}

/** How the fetch step passes a parameter to the skeleton unchanged. */
export const PASSTHROUGH = /^\$\{\{ parameters\.(\w+) \}\}$/;

/** The values the fetch step hands to the skeleton (it passes parameters through). */
function fetchValues(parameters: JsonObject): JsonObject {
  const values: JsonObject = {};
  for (const [key, expression] of Object.entries(
    fetchStep.input.values as Record<string, string>,
  )) {
    const name = PASSTHROUGH.exec(expression)![1];
    if (parameters[name] !== undefined) values[key] = parameters[name];
  }
  return values;
}

/** A stateful service as a user would choose it; override what a test varies. */
export const STATEFUL: JsonObject = {
  name: 'label-archive',
  description: 'Keeps every shipping label ever printed, for audits.',
  owner: 'group:default/fulfilment-team',
  stateful: true,
  storageSize: '20Gi',
  replicas: 3,
  onCall: 'fulfilment-primary',
  runbookUrl: 'https://runbooks.acme-freight.example/fulfilment/label-archive',
  repoUrl: 'github.com?owner=acme-freight&repo=label-archive',
  publishTo: 'local',
};

export const STATELESS: JsonObject = {
  name: 'parcel-tracker',
  description: 'Tracks parcels between hubs.',
  owner: 'group:default/fulfilment-team',
  onCall: 'fulfilment-primary',
  runbookUrl: 'https://runbooks.acme-freight.example/fulfilment/parcel-tracker',
  repoUrl: 'github.com?owner=acme-freight&repo=parcel-tracker',
  publishTo: 'local',
};

/** The reader fetch:template gets; rendering the local skeleton must not use it. */
export const templateUrlReader = mockServices.urlReader.mock();

const fetchTemplate = createFetchTemplateAction({
  reader: templateUrlReader,
  integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  additionalTemplateGlobals: {
    isoDateInDays: (days: JsonValue | undefined) =>
      isoDateInDays(days as number),
  },
});

const mockDirectory = createMockDirectory();
let renders = 0;

/** Renders the skeleton as the template's fetch step does; returns the folder. */
export async function renderTemplate(chosen: JsonObject): Promise<string> {
  renders += 1;
  const workspacePath = mockDirectory.resolve(`workspace-${renders}`);
  const scratch = mockDirectory.resolve(`scratch-${renders}`);
  fs.mkdirSync(workspacePath, { recursive: true });
  fs.mkdirSync(scratch, { recursive: true });
  const ctx = createMockActionContext({
    input: { ...fetchStep.input, values: fetchValues(parametersWith(chosen)) },
    workspacePath,
    templateInfo: {
      entityRef: 'template:default/production-ready-service',
      baseUrl: `file://${TEMPLATE_FILE}`,
    },
  });
  ctx.createTemporaryDirectory = async () => scratch;
  await fetchTemplate.handler(ctx as any);
  return workspacePath;
}

export function listFiles(root: string, dir = root): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory()
      ? listFiles(root, full)
      : [path.relative(root, full)];
  });
}

/** Every object of the YAML files of a folder, as the engine reads them. */
export function readObjects(
  root: string,
  folder: string,
  include: (file: string) => boolean = file => file.endsWith('.yaml'),
): SourcedObject[] {
  const directory = path.join(root, folder);
  return listFiles(directory)
    .filter(include)
    .flatMap(
      file =>
        parseManifests(fs.readFileSync(path.join(directory, file), 'utf8'), {
          file,
        }).objects,
    );
}

/** Every object of the Kustomize base, as the engine reads them. */
export function readBase(root: string): SourcedObject[] {
  return readObjects(
    root,
    'kubernetes/base',
    file => file.endsWith('.yaml') && file !== 'kustomization.yaml',
  );
}

/** The generated repository's own CI settings (`readiness.yaml`). */
export function readCiConfig(root: string): ReadinessConfig {
  return parseReadinessConfig(
    yaml.parse(fs.readFileSync(path.join(root, 'readiness.yaml'), 'utf8')),
  );
}

/** The objects of one kind in the base, as plain YAML. */
export function objectsOfKind(root: string, kind: string): any[] {
  const folder = path.join(root, 'kubernetes/base');
  return listFiles(folder)
    .filter(file => file.endsWith('.yaml'))
    .flatMap(file =>
      yaml
        .parseAllDocuments(fs.readFileSync(path.join(folder, file), 'utf8'))
        .map(document => document.toJS()),
    )
    .filter(object => object?.kind === kind);
}

export function readEntity(root: string) {
  return yaml.parse(
    fs.readFileSync(path.join(root, 'catalog-info.yaml'), 'utf8'),
  );
}

/** The engine's report with the generated repository's own CI settings. */
export function evaluateRendered(root: string, now?: Date): ReadinessReport {
  return evaluateReadiness({
    objects: readBase(root),
    entity: readEntity(root),
    config: readCiConfig(root),
    ownerExists: true,
    now,
  });
}

export function allResults(report: ReadinessReport): CheckResult[] {
  return [
    ...report.workloads.flatMap(workload => workload.results),
    ...report.objects.flatMap(object => object.results),
    ...(report.entity?.results ?? []),
  ];
}
