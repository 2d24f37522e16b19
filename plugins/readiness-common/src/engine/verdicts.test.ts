import {
  evaluateYaml,
  resultOf,
  WEB_DEPLOYMENT,
  workloadReport,
} from '../testing/manifests';

const pdb = (budget: string) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
  namespace: shop
spec:
  ${budget}
  selector:
    matchLabels:
      app: web
`;

function evictionOf(budget: string, replicas = 3) {
  const report = evaluateYaml({
    'deploy/web.yaml': WEB_DEPLOYMENT.replace(
      'replicas: 3',
      `replicas: ${replicas}`,
    ),
    'deploy/pdb.yaml': pdb(budget),
  });
  return resultOf(
    workloadReport(report, 'Deployment', 'web'),
    'pdb-allows-eviction',
  );
}

describe('pdb-allows-eviction computes percentages as Kubernetes does', () => {
  it.each([
    // minAvailable p% needs ceil(p × R / 100) pods: 67% of 3 is ceil(2.01) = 3.
    ['minAvailable: 67%', 3, 'fail'],
    ['minAvailable: 66%', 3, 'pass'],
    ['minAvailable: "50%"', 2, 'pass'],
    ['minAvailable: 51%', 2, 'fail'],
    ['minAvailable: 100%', 5, 'fail'],
    ['minAvailable: 2', 3, 'pass'],
    ['minAvailable: 3', 3, 'fail'],
    // maxUnavailable rounds up too: any percentage above 0 lets one pod go.
    ['maxUnavailable: 10%', 3, 'pass'],
    ['maxUnavailable: 0%', 3, 'fail'],
    ['maxUnavailable: 0', 3, 'fail'],
    ['maxUnavailable: 1', 3, 'pass'],
  ])('%s with %i replicas → %s', (budget, replicas, status) => {
    expect(evictionOf(budget, replicas).status).toBe(status);
  });

  it('points the finding at the PDB field, in the PDB’s own file', () => {
    expect(evictionOf('minAvailable: 67%')).toMatchObject({
      findings: [
        {
          path: 'spec.minAvailable',
          message: expect.stringContaining('67% of 3 pods (rounded up: 3)'),
          object: {
            kind: 'PodDisruptionBudget',
            namespace: 'shop',
            name: 'web',
            file: 'deploy/pdb.yaml',
            line: 1,
          },
        },
      ],
    });
  });
});

describe('network-policy-egress follows Kubernetes’ default policyTypes', () => {
  const policy = (body: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: web
${body}`;

  function egressOf(body: string) {
    const report = evaluateYaml({
      'deploy/web.yaml': WEB_DEPLOYMENT,
      'deploy/netpol.yaml': policy(body),
    });
    return resultOf(
      workloadReport(report, 'Deployment', 'web'),
      'network-policy-egress',
    );
  }

  it('governs Egress without policyTypes when it has egress rules', () => {
    expect(
      egressOf(`  egress:
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: kube-system
      ports:
        - { protocol: UDP, port: 53 }
`).status,
    ).toBe('pass');
  });

  it('governs only Ingress without policyTypes and without egress rules', () => {
    const result = egressOf(`  ingress:
    - from:
        - podSelector:
            matchLabels:
              role: frontend
`);
    expect(result).toMatchObject({
      status: 'fail',
      findings: [
        {
          path: 'spec.policyTypes',
          object: expect.objectContaining({
            kind: 'NetworkPolicy',
            file: 'deploy/netpol.yaml',
          }),
        },
      ],
    });
  });

  it('governs Egress when policyTypes lists it, even without rules (deny all)', () => {
    expect(egressOf(`  policyTypes: [Ingress, Egress]\n`).status).toBe('pass');
  });
});

describe('ingress-tls', () => {
  const ingress = (
    annotations: string,
    tls = '',
  ) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
  annotations:
${annotations}
spec:
  ingressClassName: gce
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port: { number: 80 }
${tls}`;

  function tlsOf(text: string) {
    const report = evaluateYaml({ 'deploy/ingress.yaml': text });
    const [object] = report.objects;
    return resultOf(object, 'ingress-tls');
  }

  it.each([
    // GKE: a ManagedCertificate resource attached by name.
    ['networking.gke.io/managed-certificates: shop-example-com'],
    ['ingress.gcp.kubernetes.io/pre-shared-cert: shop-example-com-2024'],
    [
      'alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:123456789012:certificate/0b1c2d3e-aaaa-bbbb-cccc-1234567890ab',
    ],
    ['appgw.ingress.kubernetes.io/appgw-ssl-certificate: shop-example-com'],
  ])('passes with a managed certificate: %s', annotation => {
    expect(
      tlsOf(
        ingress(
          `    kubernetes.io/ingress.global-static-ip-name: shop\n    ${annotation}`,
        ),
      ),
    ).toMatchObject({
      status: 'pass',
      message: expect.stringContaining(annotation.split(':')[0]),
    });
  });

  it('passes with spec.tls', () => {
    expect(
      tlsOf(
        ingress(
          '    cert-manager.io/cluster-issuer: letsencrypt',
          `  tls:
    - hosts: [shop.example.com]
      secretName: shop-example-com-tls
`,
        ),
      ).status,
    ).toBe('pass');
  });

  it('fails saying the Ingress declares no TLS, not that it serves plain HTTP', () => {
    const result = tlsOf(
      ingress('    kubernetes.io/ingress.global-static-ip-name: shop'),
    );
    expect(result.status).toBe('fail');
    expect(result.message).toContain('declares no TLS');
    expect(JSON.stringify(result)).not.toMatch(/plain HTTP/i);
  });

  it('ignores an empty managed-certificate annotation', () => {
    expect(
      tlsOf(ingress('    networking.gke.io/managed-certificates: ""')).status,
    ).toBe('fail');
  });
});

describe('image-registry entries', () => {
  function registryOf(image: string, allowedRegistries: string[]) {
    const report = evaluateYaml(
      {
        'deploy/web.yaml': WEB_DEPLOYMENT.replace(
          'image: ghcr.io/acme/web:2.3.1',
          `image: ${image}`,
        ),
      },
      { config: { allowedRegistries } },
    );
    return resultOf(
      workloadReport(report, 'Deployment', 'web'),
      'image-registry',
    );
  }

  it.each([
    ['ghcr.io/acme/web:2.3.1', ['ghcr.io/acme'], 'pass'],
    ['ghcr.io/acme/platform/web:2.3.1', ['ghcr.io/acme'], 'pass'],
    ['ghcr.io/acmecorp/web:2.3.1', ['ghcr.io/acme'], 'fail'],
    ['ghcr.io/acme:1', ['ghcr.io/acme'], 'pass'],
    ['ghcr.io/other/web:1', ['ghcr.io'], 'pass'],
    ['GHCR.io/Acme/web:1', ['ghcr.io/acme/'], 'pass'],
    // Docker Hub names normalise to docker.io/library/...
    ['nginx:1.27', ['docker.io/library'], 'pass'],
    ['library/nginx:1.27', ['docker.io/library'], 'pass'],
    ['index.docker.io/library/nginx:1.27', ['docker.io/library'], 'pass'],
    ['bitnami/redis:7.2', ['docker.io/library'], 'fail'],
    ['bitnami/redis:7.2', ['https://index.docker.io/bitnami'], 'pass'],
    [
      'registry.internal:5000/team/app@sha256:3f1a',
      ['registry.internal:5000/team'],
      'pass',
    ],
    ['registry.internal/team/app:1', ['registry.internal:5000'], 'fail'],
  ])('%s with %j → %s', (image, allowed, status) => {
    expect(registryOf(image, allowed).status).toBe(status);
  });

  it('names the image that is outside the list', () => {
    expect(
      registryOf('ghcr.io/acmecorp/web:2.3.1', ['ghcr.io/acme']).findings,
    ).toEqual([
      expect.objectContaining({
        path: 'spec.template.spec.containers[0].image',
        message: expect.stringContaining('ghcr.io/acmecorp/web'),
      }),
    ]);
  });
});

describe('findings name the field that decides the verdict', () => {
  const securityOf = (podContext: string, containerContext = '') => {
    const text = WEB_DEPLOYMENT.replace(
      `      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
`,
      podContext,
    ).replace(
      '            allowPrivilegeEscalation: false\n',
      `            allowPrivilegeEscalation: false\n${containerContext}`,
    );
    return workloadReport(
      evaluateYaml({ 'deploy/web.yaml': text }),
      'Deployment',
      'web',
    );
  };

  it('a pod-level runAsUser: 0 is reported at the pod field', () => {
    const web = securityOf(`      securityContext:
        runAsUser: 0
        seccompProfile: { type: RuntimeDefault }
`);
    expect(resultOf(web, 'run-as-non-root').findings).toEqual([
      expect.objectContaining({
        path: 'spec.template.spec.securityContext.runAsUser',
        message: 'Container "web" runs as root: the pod sets runAsUser 0.',
        container: 'web',
      }),
    ]);
  });

  it('a pod-level setting names each container it makes fail', () => {
    const web = securityOf(`      securityContext:
        runAsUser: 0
        seccompProfile: { type: Unconfined }
      initContainers:
        - name: wait-for-db
          image: ghcr.io/acme/wait-for:1.2.0
          command: [wait-for, db:5432]
`);
    for (const id of ['run-as-non-root', 'seccomp-profile']) {
      const findings = resultOf(web, id).findings ?? [];
      expect(findings.map(f => f.container)).toEqual(['web', 'wait-for-db']);
      expect(new Set(findings.map(f => f.path)).size).toBe(1);
      expect(findings[0].message).toContain('"web"');
      expect(findings[1].message).toContain('"wait-for-db"');
    }
  });

  it('a container runAsUser: 0 overrides the pod and is reported on the container', () => {
    const web = securityOf(
      `      securityContext:
        runAsUser: 1000
        seccompProfile: { type: RuntimeDefault }
`,
      '            runAsUser: 0\n',
    );
    expect(resultOf(web, 'run-as-non-root').findings).toEqual([
      expect.objectContaining({
        path: 'spec.template.spec.containers[0].securityContext.runAsUser',
      }),
    ]);
  });

  it('a pod-level runAsNonRoot: false is reported at the pod field', () => {
    const web = securityOf(`      securityContext:
        runAsNonRoot: false
        seccompProfile: { type: RuntimeDefault }
`);
    expect(resultOf(web, 'run-as-non-root').findings).toEqual([
      expect.objectContaining({
        path: 'spec.template.spec.securityContext.runAsNonRoot',
      }),
    ]);
  });

  it('nothing set is reported where the fix belongs, on the container', () => {
    const web = securityOf('');
    expect(resultOf(web, 'run-as-non-root').findings).toEqual([
      expect.objectContaining({
        path: 'spec.template.spec.containers[0].securityContext.runAsNonRoot',
      }),
    ]);
  });

  it('a pod-level Unconfined seccomp profile is reported at the pod field', () => {
    const web = securityOf(`      securityContext:
        runAsNonRoot: true
        seccompProfile: { type: Unconfined }
`);
    expect(resultOf(web, 'seccomp-profile').findings).toEqual([
      expect.objectContaining({
        path: 'spec.template.spec.securityContext.seccompProfile.type',
      }),
    ]);
  });
});
