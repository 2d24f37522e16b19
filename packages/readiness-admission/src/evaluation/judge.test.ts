import { parseReadinessConfig } from '@prodready/backstage-plugin-readiness-common';
import { judgeWorkload } from './judge';
import {
  typicalDeployment,
  typicalRelatedObjects,
  namespaceObject,
} from '../__testUtils__/fixtures';

describe('judgeWorkload', () => {
  const config = parseReadinessConfig(undefined);

  it('judges a typical Deployment gold beside its related objects', () => {
    const verdict = judgeWorkload(
      {
        object: typicalDeployment('shop', 'web'),
        related: [
          namespaceObject('shop'),
          ...typicalRelatedObjects('shop', 'web'),
        ],
      },
      config,
    );
    expect(verdict).toMatchObject({
      evaluated: true,
      level: 'gold',
      failing: [],
    });
  });

  it('lists failing checks most severe first, each with its fix', () => {
    const deployment = typicalDeployment('shop', 'web');
    deployment.spec.template.spec.containers[0].securityContext.privileged =
      true;
    const verdict = judgeWorkload(
      { object: deployment, related: [namespaceObject('shop')] },
      config,
    );
    expect(verdict.level).toBe('none');
    const ids = verdict.failing.map(check => check.check);
    expect(ids[0]).toBe('no-privileged');
    expect(ids).toContain('pdb');
    const severities = verdict.failing.map(check => check.severity);
    const rank = { critical: 0, high: 1, medium: 2, low: 3 };
    expect(severities.map(s => rank[s])).toEqual(
      [...severities.map(s => rank[s])].sort((a, b) => a - b),
    );
    const pdb = verdict.failing.find(check => check.check === 'pdb')!;
    expect(pdb.fix).toMatch(/PodDisruptionBudget/);
    expect(pdb.fix).not.toMatch(/\n/);
  });

  it('does not judge an object the engine reads as no workload', () => {
    const verdict = judgeWorkload(
      {
        object: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'x', namespace: 'shop' },
        },
        related: [],
      },
      config,
    );
    expect(verdict.evaluated).toBe(false);
  });
});
