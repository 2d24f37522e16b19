/**
 * TechDocs of a generated service build from where the repository was
 * published: the real TechDocs preparer resolves the entity's
 * `backstage.io/techdocs-ref` as the TechDocs backend does, and the runbook's
 * commands fit the distroless image the service runs on.
 */
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  getLocationForEntity,
  getMkdocsYml,
} from '@backstage/plugin-techdocs-node';
import fs from 'node:fs';
import path from 'node:path';
import {
  readEntity,
  renderTemplate,
  STATEFUL,
  STATELESS,
} from './__testUtils__/goldenPathTemplate';

const integrations = ScmIntegrations.fromConfig(new ConfigReader({}));

/** The entity as the catalog stores it, read from a location. */
function asReadFrom(root: string, location: string) {
  const entity = readEntity(root);
  entity.metadata.annotations['backstage.io/managed-by-location'] = location;
  return entity;
}

describe('TechDocs of a generated service', () => {
  it('are read from the local folder it was published to', async () => {
    const root = await renderTemplate({ ...STATEFUL, publishTo: 'local' });
    // publish:local writes the repository, the catalog reads it as a file.
    const entity = asReadFrom(root, `file:${root}/catalog-info.yaml`);

    expect(entity.metadata.annotations).not.toHaveProperty(
      'backstage.io/source-location',
    );
    expect(getLocationForEntity(entity, integrations)).toEqual({
      type: 'dir',
      target: root,
    });

    // What the generator then reads: mkdocs.yml and every page of its nav.
    const { content } = await getMkdocsYml(root);
    const nav = [...content.matchAll(/^\s+- [^:]+: (\S+\.md)$/gm)].map(
      match => match[1],
    );
    expect(nav).toEqual(['index.md', 'runbook.md']);
    for (const page of nav) {
      expect(fs.existsSync(path.join(root, 'docs', page))).toBe(true);
    }
  });

  it('are read from the GitHub repository it was published to', async () => {
    const root = await renderTemplate({ ...STATELESS, publishTo: 'github' });
    const entity = asReadFrom(
      root,
      'url:https://github.com/acme-freight/parcel-tracker/blob/main/catalog-info.yaml',
    );

    expect(getLocationForEntity(entity, integrations)).toEqual({
      type: 'url',
      target: 'https://github.com/acme-freight/parcel-tracker/tree/main/',
    });
  });
});

describe('the runbook on a distroless image', () => {
  it.each([
    ['stateless', STATELESS],
    ['stateful', STATEFUL],
  ])(
    'runs no shell, curl or node from PATH inside the %s pod',
    async (_v, chosen) => {
      const root = await renderTemplate(chosen);
      const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
      expect(dockerfile).toMatch(/^FROM gcr\.io\/distroless\/nodejs22/m);

      const runbook = fs.readFileSync(
        path.join(root, 'docs/runbook.md'),
        'utf8',
      );
      const execs = [...runbook.matchAll(/kubectl exec [^`\n]*/g)].map(
        m => m[0],
      );
      for (const command of execs) {
        // The only program in the image, at its absolute path.
        expect(command).toMatch(/ -- \/nodejs\/bin\/node /);
      }
      const debugs = [
        ...runbook.matchAll(/kubectl debug (?:[^`\n]*\\\n)*[^`\n]*/g),
      ].map(m => m[0]);
      expect(debugs.length).toBeGreaterThan(0);
      for (const command of debugs) {
        // Allowed in a restricted namespace, as the app's non-root user,
        // beside the app container.
        expect(command).toContain('--profile=restricted');
        expect(command).toContain('--target=app');
        expect(command).toMatch(/--image=\S+:debug-nonroot/);
      }
      expect(runbook).toMatch(/kubectl port-forward .* \d+:metrics/);
    },
  );
});
