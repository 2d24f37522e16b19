/**
 * The template's stateful variant: a StatefulSet whose replicas own data,
 * for each data model the form offers. Correct means: a fixed replica count
 * (no CPU autoscaling), peers that find and reach each other, clients that
 * reach only ready pods, the data model carried into the config, and a
 * runbook whose commands name objects that exist.
 */
import { JsonObject } from '@backstage/types';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import yaml from 'yaml';
import {
  allResults,
  evaluateRendered,
  formProperties,
  listFiles,
  objectsOfKind,
  renderTemplate,
  STATEFUL,
} from './__testUtils__/goldenPathTemplate';

type Labels = Record<string, string>;

function selects(
  selector: { matchLabels?: Labels } | undefined,
  labels: Labels,
) {
  return Object.entries(selector?.matchLabels ?? {}).every(
    ([key, value]) => labels[key] === value,
  );
}

/**
 * Whether the namespace's network policies let a pod with these labels open
 * a connection to another such pod on the named port: the sender needs an
 * egress rule and the receiver an ingress rule (both are denied by default).
 */
function peersMayTalk(policies: any[], podLabels: Labels, portName: string) {
  const governing = (type: string) =>
    policies.filter(
      policy =>
        selects(policy.spec.podSelector, podLabels) &&
        (policy.spec.policyTypes ?? ['Ingress']).includes(type),
    );
  const opens = (rules: any[] | undefined, peerKey: 'from' | 'to') =>
    (rules ?? []).some(
      rule =>
        (rule.ports ?? []).some((port: any) => port.port === portName) &&
        (rule[peerKey] ?? []).some(
          (peer: any) =>
            !peer.namespaceSelector && selects(peer.podSelector, podLabels),
        ),
    );
  return (
    governing('Egress').some(policy => opens(policy.spec.egress, 'to')) &&
    governing('Ingress').some(policy => opens(policy.spec.ingress, 'from'))
  );
}

describe('the stateful variant of the template', () => {
  it('offers the two data models, single writer by default', () => {
    const { dataModel } = formProperties();
    expect(dataModel.enum).toEqual(['single-writer', 'sharded']);
    expect(dataModel.default).toBe('single-writer');
  });

  describe.each(['single-writer', 'sharded'] as const)(
    'with the %s data model',
    dataModel => {
      const chosen: JsonObject = { ...STATEFUL, dataModel };
      let root: string;
      let statefulSet: any;
      let podLabels: Labels;

      beforeAll(async () => {
        root = await renderTemplate(chosen);
        [statefulSet] = objectsOfKind(root, 'StatefulSet');
        podLabels = statefulSet.spec.template.metadata.labels;
      });

      it('is gold with a score of 100, with autoscaling exempt for a stated reason', () => {
        const report = evaluateRendered(root);
        expect(report.summary).toMatchObject({ score: 100, level: 'gold' });

        const results = allResults(report);
        const autoscaling = results.find(r => r.check === 'autoscaling')!;
        expect(autoscaling.status).toBe('exempt');
        expect(JSON.stringify(autoscaling)).toMatch(/Replicas own their data/);
        // The fixed count still meets the replica minimum and spreads out.
        for (const check of [
          'replicas',
          'pdb',
          'pdb-allows-eviction',
          'pod-spread',
        ]) {
          expect({
            check,
            status: results.find(r => r.check === check)?.status,
          }).toEqual({
            check,
            status: 'pass',
          });
        }
      });

      it('keeps a fixed replica count that nothing scales by CPU', () => {
        expect(statefulSet.spec.replicas).toBe(chosen.replicas);
        expect(objectsOfKind(root, 'HorizontalPodAutoscaler')).toEqual([]);
        expect(fs.existsSync(path.join(root, 'kubernetes/base/hpa.yaml'))).toBe(
          false,
        );
        // The exemption sits on the workload, not on the whole entity.
        expect(Object.keys(statefulSet.metadata.annotations)).toEqual([
          'prodready.dev/exempt.autoscaling',
        ]);
      });

      it('lets peers find each other through a headless Service, and clients reach only ready pods', () => {
        const services = objectsOfKind(root, 'Service');
        const headless = services.find(
          s => s.metadata.name === statefulSet.spec.serviceName,
        );
        expect(headless.spec).toMatchObject({
          clusterIP: 'None',
          // A starting pod must resolve its peers before it is ready.
          publishNotReadyAddresses: true,
        });
        expect(
          selects({ matchLabels: headless.spec.selector }, podLabels),
        ).toBe(true);

        const client = services.find(s => s.metadata.name === chosen.name);
        expect(client.spec.clusterIP).toBeUndefined();
        expect(client.spec.publishNotReadyAddresses).toBeUndefined();
        expect(selects({ matchLabels: client.spec.selector }, podLabels)).toBe(
          true,
        );
      });

      it('lets the pods talk to each other, and only to each other, on their http port', () => {
        const policies = objectsOfKind(root, 'NetworkPolicy');
        expect(peersMayTalk(policies, podLabels, 'http')).toBe(true);
        // Not the metrics port, and not pods of another service.
        expect(peersMayTalk(policies, podLabels, 'metrics')).toBe(false);
        expect(
          peersMayTalk(
            policies,
            { 'app.kubernetes.io/name': 'someone-else' },
            'http',
          ),
        ).toBe(false);
      });

      it('carries the data model into the config and the pods', () => {
        const [config] = objectsOfKind(root, 'ConfigMap').filter(c =>
          c.metadata.name.endsWith('-config'),
        );
        expect(config.data).toMatchObject({
          DATA_MODEL: dataModel,
          PEER_SERVICE: statefulSet.spec.serviceName,
        });
        const env = statefulSet.spec.template.spec.containers[0].env;
        expect(env).toEqual(
          expect.arrayContaining([
            {
              name: 'POD_NAME',
              valueFrom: { fieldRef: { fieldPath: 'metadata.name' } },
            },
          ]),
        );

        // Sharded: one shard per pod, so the count is part of the data's
        // layout. Single writer: pod 0 first, and a Service for the writes.
        const expected = {
          'single-writer': {
            shardCount: undefined,
            start: 'OrderedReady',
            writer: 1,
          },
          sharded: {
            shardCount: String(chosen.replicas),
            start: 'Parallel',
            writer: 0,
          },
        }[dataModel]!;
        expect(config.data.SHARD_COUNT).toBe(expected.shardCount);
        expect(statefulSet.spec.podManagementPolicy).toBe(expected.start);
        const writers = objectsOfKind(root, 'Service').filter(
          s => s.metadata.name === `${chosen.name}-writer`,
        );
        expect(writers).toHaveLength(expected.writer);
        for (const writer of writers) {
          expect(writer.spec.selector).toEqual({
            ...statefulSet.spec.selector.matchLabels,
            'statefulset.kubernetes.io/pod-name': `${chosen.name}-0`,
          });
        }
        const index = fs.readFileSync(path.join(root, 'docs/index.md'), 'utf8');
        expect(index).toMatch(
          dataModel === 'sharded'
            ? /## Data model: sharded/
            : /## Data model: single writer/,
        );
      });

      it('has a runbook whose kubectl commands name objects that exist', () => {
        const runbook = fs.readFileSync(
          path.join(root, 'docs/runbook.md'),
          'utf8',
        );
        const names = new Map<string, string[]>();
        for (const kind of ['StatefulSet', 'Service', 'PodDisruptionBudget']) {
          names.set(
            kind,
            objectsOfKind(root, kind).map(o => o.metadata.name),
          );
        }
        const kindOf: Record<string, string> = {
          statefulset: 'StatefulSet',
          svc: 'Service',
          service: 'Service',
          pdb: 'PodDisruptionBudget',
        };
        const references = [
          ...runbook.matchAll(
            /\b(statefulset|svc|service|pdb|deployment|hpa)\/([a-z0-9-]+)/g,
          ),
        ];
        expect(references.length).toBeGreaterThan(3);
        for (const [reference, kind, name] of references) {
          expect({
            reference,
            exists: names.get(kindOf[kind])?.includes(name) ?? false,
          }).toEqual({
            reference,
            exists: true,
          });
        }
        // Rolling a StatefulSet back: undo, the stuck pod, and the data that stays.
        expect(runbook).toContain(
          `kubectl rollout undo statefulset/${chosen.name}`,
        );
        expect(runbook).toMatch(/partition/);
        expect(runbook).toMatch(/volumes are not rolled back/i);
      });

      it('renders with kubectl kustomize, every file of the base listed', async () => {
        const { stdout } = await promisify(execFile)(
          'kubectl',
          ['kustomize', 'kubernetes/base'],
          {
            cwd: root,
          },
        );
        const kinds = yaml.parseAllDocuments(stdout).map(d => d.toJS().kind);
        expect(kinds).toEqual(
          expect.arrayContaining([
            'StatefulSet',
            'PodMonitor',
            'PrometheusRule',
          ]),
        );
        expect(kinds).not.toContain('HorizontalPodAutoscaler');
        const kustomization = yaml.parse(
          fs.readFileSync(
            path.join(root, 'kubernetes/base/kustomization.yaml'),
            'utf8',
          ),
        );
        expect([...kustomization.resources].sort()).toEqual(
          listFiles(path.join(root, 'kubernetes/base'))
            .filter(file => file !== 'kustomization.yaml')
            .sort(),
        );
      });

      it("passes the generated service's own tests, its data model's included", async () => {
        expect(listFiles(root)).toEqual(
          expect.arrayContaining([
            'src/stateful/topology.ts',
            'src/stateful/topology.test.ts',
          ]),
        );
        const { stdout } = await promisify(execFile)(
          process.execPath,
          [
            '--experimental-strip-types',
            '--no-warnings',
            '--test',
            '--test-reporter=tap',
            'src/**/*.test.ts',
          ],
          { cwd: root, env: { ...process.env, NODE_OPTIONS: '' } },
        );
        expect(stdout).toMatch(/^# fail 0$/m);
        expect(stdout).toMatch(/sharded/);
      }, 120_000);
    },
  );
});
