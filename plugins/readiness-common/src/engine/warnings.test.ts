import { entity } from '../testing/fixtures';
import {
  evaluateYaml,
  resultOf,
  WEB_DEPLOYMENT,
  workloadReport,
} from '../testing/manifests';

const annotated = (annotations: string) =>
  WEB_DEPLOYMENT.replace(
    '  namespace: shop\n',
    `  namespace: shop\n  annotations:\n${annotations}`,
  );

describe('exemption annotations that name no known check', () => {
  it('are reported with the object carrying them and the closest check id', () => {
    const report = evaluateYaml({
      'deploy/web.yaml': annotated(
        '    prodready.dev/exempt.pbd: "single-zone cluster until Q3"\n',
      ),
    });
    expect(report.warnings).toEqual([
      'Deployment shop/web (deploy/web.yaml:1): annotation prodready.dev/exempt.pbd names no known check; did you mean `pdb`?',
    ]);
    // The typo exempts nothing.
    expect(
      resultOf(workloadReport(report, 'Deployment', 'web'), 'pdb').status,
    ).toBe('fail');
  });

  it('are reported once per id, also when only the end date is mistyped', () => {
    const report = evaluateYaml({
      'deploy/web.yaml': annotated(
        [
          '    prodready.dev/exempt.readines-probe: "warm-up handled by the mesh"',
          '    prodready.dev/exempt-until.readines-probe: "2025-12-31"',
          '    prodready.dev/exempt-until.network-polcy: "2025-12-31"',
          '',
        ].join('\n'),
      ),
    });
    expect(report.warnings).toEqual([
      expect.stringContaining(
        'annotation prodready.dev/exempt.readines-probe names no known check; did you mean `readiness-probe`?',
      ),
      expect.stringContaining(
        'annotation prodready.dev/exempt-until.network-polcy names no known check; did you mean `network-policy`?',
      ),
    ]);
  });

  it('are found on the pod template, an Ingress and the catalog entity', () => {
    const podTemplate = WEB_DEPLOYMENT.replace(
      '        prometheus.io/scrape: "true"\n',
      '        prometheus.io/scrape: "true"\n        prodready.dev/exempt.seccomp: "legacy runtime"\n',
    );
    const ingress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
  labels:
    backstage.io/kubernetes-id: web
  annotations:
    prodready.dev/exempt.ingress-tsl: "TLS ends at the CDN"
spec:
  rules:
    - host: shop.example.com
`;
    const report = evaluateYaml(
      { 'deploy/web.yaml': podTemplate, 'deploy/ingress.yaml': ingress },
      {
        entity: entity({
          annotations: { 'prodready.dev/exempt.runbok': 'in the wiki' },
        }),
      },
    );
    expect(report.warnings).toEqual([
      'Entity component:default/web: annotation prodready.dev/exempt.runbok names no known check; did you mean `runbook`?',
      'Deployment shop/web (deploy/web.yaml:1) pod template: annotation prodready.dev/exempt.seccomp names no known check; did you mean `seccomp-profile`?',
      'Ingress shop/web (deploy/ingress.yaml:1): annotation prodready.dev/exempt.ingress-tsl names no known check; did you mean `ingress-tls`?',
    ]);
  });

  it('leave no warnings when every id is known', () => {
    const report = evaluateYaml({
      'deploy/web.yaml': annotated(
        '    prodready.dev/exempt.pdb: "single-zone cluster"\n    prodready.dev/exempt-until.pdb: "2025-12-31"\n',
      ),
    });
    expect(report.warnings).toBeUndefined();
    expect(
      resultOf(workloadReport(report, 'Deployment', 'web'), 'pdb').status,
    ).toBe('exempt');
  });
});
