import { CheckCatalogue } from '../checks/CheckCatalogue';
import {
  parseReadinessConfig,
  ParseReadinessConfigOptions,
  ReadinessConfigError,
} from '../config';
import { catalogueOf } from './catalogueOf';
import { customCheckDefinition } from './definition';
import { ReadinessCheck } from './types';

/** The team-label check of the contract, as a platform team writes it. */
const TEAM_LABEL = {
  id: 'team-label',
  title: 'Pods carry a team label',
  category: 'operations',
  severity: 'medium',
  scope: 'workload',
  kinds: ['Deployment', 'StatefulSet'],
  when: "object.metadata.namespace != 'sandbox'",
  rule: "has(podTemplate.metadata.labels) && 'team' in podTemplate.metadata.labels",
  message: 'Pods need a team label so that alerts reach the owner.',
  messageExpression:
    "'labels: ' + podTemplate.metadata.labels.map(k, k).join(', ')",
  remediation: 'Add `team: <your-team>` to `spec.template.metadata.labels`.',
  docsUrl: 'https://wiki.acme.example/platform/labels',
};

const BASE_IMAGE = {
  id: 'base-image',
  title: 'Images come from the platform base images',
  category: 'supply-chain',
  severity: 'high',
  scope: 'container',
  rule: "container.image.startsWith('registry.acme.example/base/')",
  message: 'Build on the platform base images.',
};

const INGRESS_CLASS = {
  id: 'ingress-class',
  title: 'Ingresses use the platform ingress class',
  category: 'platform-conventions',
  severity: 'low',
  scope: 'object',
  kinds: ['Ingress'],
  rule: "has(object.spec.ingressClassName) && object.spec.ingressClassName == 'acme-nginx'",
  message: 'Use ingressClassName acme-nginx.',
};

function problemsOf(
  raw: unknown,
  options?: ParseReadinessConfigOptions,
): readonly string[] {
  try {
    parseReadinessConfig(raw, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ReadinessConfigError);
    const problems = (error as ReadinessConfigError).problems;
    expect((error as Error).message).toBe(
      `Invalid readiness config: ${problems.join('; ')}`,
    );
    return problems;
  }
  throw new Error('expected a ReadinessConfigError');
}

/** The problems of one custom check, placed third as in the contract's example. */
function problemsOfThird(check: Record<string, unknown>): readonly string[] {
  return problemsOf(
    { customChecks: [TEAM_LABEL, BASE_IMAGE, check] },
    { keyPrefix: 'readiness' },
  );
}

describe('custom checks in configuration', () => {
  it('accepts the contract example and compiles it into the catalogue', () => {
    const config = parseReadinessConfig({
      customChecks: [TEAM_LABEL, BASE_IMAGE, INGRESS_CLASS],
    });
    expect(config.customChecks.map(check => check.id)).toEqual([
      'team-label',
      'base-image',
      'ingress-class',
    ]);
    const { catalogue } = config;
    expect(catalogue.ids.slice(-3)).toEqual([
      'team-label',
      'base-image',
      'ingress-class',
    ]);
    expect(catalogue.ids.slice(0, -3)).toEqual(CheckCatalogue.builtIn.ids);
    expect(catalogue.has('team-label')).toBe(true);
    expect(catalogue.get('team-label')).toEqual({
      id: 'team-label',
      category: 'operations',
      severity: 'medium',
      target: 'workload',
      title: 'Pods carry a team label',
      rationale: '',
      remediation:
        'Add `team: <your-team>` to `spec.template.metadata.labels`.',
      remediationSnippet: '',
      docsAnchor: 'team-label',
      origin: 'custom',
      docsUrl: 'https://wiki.acme.example/platform/labels',
      scope: 'workload',
      kinds: ['Deployment', 'StatefulSet'],
    });
    expect(catalogue.get('ingress-class')?.target).toBe('object');
    expect(catalogue.get('readiness-probe')?.origin).toBe('built-in');
    // A new category is listed after the built-in ones, once.
    expect(catalogue.categories.slice(-2)).toEqual([
      'tenancy',
      'platform-conventions',
    ]);
  });

  it('lets check settings and exemptions name custom checks', () => {
    const config = parseReadinessConfig({
      customChecks: [TEAM_LABEL],
      checks: { 'team-label': { severity: 'high' } },
      exemptions: [
        {
          entityRef: 'component:default/legacy',
          check: 'team-label',
          reason: 'migrating to the platform labels in Q3',
        },
      ],
    });
    expect(config.checks['team-label']).toEqual({ severity: 'high' });
    expect(config.exemptions[0]).toMatchObject({ check: 'team-label' });
  });

  it('suggests custom ids for a mistyped one', () => {
    expect(
      problemsOf({
        customChecks: [TEAM_LABEL],
        checks: { 'team-lable': { enabled: false } },
      })[0],
    ).toContain(
      'checks.team-lable: "team-lable" is not a known check id; did you mean team-label?',
    );
  });

  it('names the check, the key and the CEL position of an undeclared variable', () => {
    expect(
      problemsOfThird({
        ...TEAM_LABEL,
        id: 'spec-has-containers',
        rule: 'has(podspec.containers)',
      }),
    ).toEqual([
      "readiness.customChecks[2].rule: undeclared reference to 'podspec' (line 1, col 5), did you mean podSpec?",
    ]);
  });

  it('counts lines and columns in multi-line rules', () => {
    expect(
      problemsOfThird({
        ...TEAM_LABEL,
        id: 'two-lines',
        when: undefined,
        rule: "object.metadata.name != '' &&\n  objectt.spec.replicas > 1",
      }),
    ).toEqual([
      "readiness.customChecks[2].rule: undeclared reference to 'objectt' (line 2, col 3), did you mean object?",
    ]);
  });

  it.each([
    [
      'container',
      'workload',
      'container.image != ""',
      "undeclared reference to 'container' (line 1, col 1), a variable of scope container only",
    ],
    [
      'related',
      'object',
      'related.services.size() > 0',
      "undeclared reference to 'related' (line 1, col 1), a variable of scope workload and container only",
    ],
    [
      'object',
      'entity',
      "object.kind == 'Deployment'",
      "undeclared reference to 'object' (line 1, col 1), a variable of scope workload and container and object only",
    ],
  ])('rejects %s in scope %s', (_variable, scope, rule, expected) => {
    const check = {
      ...TEAM_LABEL,
      id: 'misplaced',
      scope,
      when: undefined,
      messageExpression: undefined,
      kinds: scope === 'object' ? ['Service'] : undefined,
      rule,
    };
    expect(problemsOf({ customChecks: [check] })).toEqual([
      `customChecks[0].rule: ${expected}`,
    ]);
  });

  it('explains that CEL reserves namespace', () => {
    expect(
      problemsOf({
        customChecks: [
          {
            ...BASE_IMAGE,
            rule: "namespace.metadata.name != 'default'",
          },
        ],
      }),
    ).toEqual([
      'customChecks[0].rule: Reserved identifier: namespace (line 1, col 1), CEL reserves the word: the variable is namespaceObject',
    ]);
  });

  it('reports syntax errors in every CEL key, with their positions', () => {
    expect(
      problemsOf({
        customChecks: [
          {
            ...TEAM_LABEL,
            when: "object.metadata.namespace == 'payments' &&",
            rule: 'object.spec.replicas >= 3)',
            messageExpression: "'replicas: ' + ",
          },
        ],
      }),
    ).toEqual([
      'customChecks[0].when: Unexpected token: EOF (line 1, col 43)',
      "customChecks[0].rule: Unexpected character: ')' (line 1, col 26)",
      'customChecks[0].messageExpression: Unexpected token: EOF (line 1, col 16)',
    ]);
  });

  it('rejects expressions that give the wrong type', () => {
    expect(
      problemsOf({
        customChecks: [
          {
            ...TEAM_LABEL,
            when: "'sandbox'",
            messageExpression: 'size(podTemplate.metadata.labels)',
          },
        ],
      }),
    ).toEqual([
      'customChecks[0].when: must give a bool, but gives string',
      'customChecks[0].messageExpression: must give a string, but gives int',
    ]);
  });

  it.each([
    [
      { id: 'replicas' },
      'id: "replicas" is the id of a built-in check; choose another',
    ],
    [
      { id: 'Team_Label' },
      'id: "Team_Label" must be lower-kebab-case, e.g. team-label',
    ],
    [
      { scope: 'pod' },
      'scope must be one of workload, container, object, entity',
    ],
    [
      { severity: 'urgent' },
      'severity must be one of critical, high, medium, low',
    ],
    [
      { category: 'Platform Stuff' },
      'category: "Platform Stuff" must be a built-in category',
    ],
    [{ rule: undefined }, 'rule is missing; it must be a string'],
    [{ rule: '' }, 'rule must not be empty'],
    [
      { docsUrl: 'wiki/labels' },
      'docsUrl: "wiki/labels" must be an http(s) URL',
    ],
    [{ kinds: [] }, 'kinds: must list at least one kind'],
    [{ kinds: ['Service'] }, 'kinds: Service is not a workload kind'],
    [
      { kinds: ['deployment'] },
      'kinds: "deployment" is not a kind as Kubernetes spells it',
    ],
  ])('rejects %j with the key named', (change, expected) => {
    const problems = problemsOfThird({ ...TEAM_LABEL, id: 'third', ...change });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`readiness.customChecks[2].${expected}`);
  });

  it('requires kinds for scope object and refuses them for scope entity', () => {
    expect(
      problemsOf({
        customChecks: [
          { ...INGRESS_CLASS, kinds: undefined },
          {
            ...INGRESS_CLASS,
            id: 'deployments-as-objects',
            kinds: ['Deployment'],
          },
          {
            ...TEAM_LABEL,
            id: 'entity-kinds',
            scope: 'entity',
            when: undefined,
            messageExpression: undefined,
            rule: 'entity != null',
          },
        ],
      }),
    ).toEqual([
      'customChecks[0].kinds: is required for scope object, e.g. [Ingress] or [Service]',
      'customChecks[1].kinds: Deployment is a workload kind: use scope workload or container for it',
      'customChecks[2].kinds: does not apply to scope entity: remove it',
    ]);
  });

  it('rejects an id used twice, naming the first', () => {
    expect(
      problemsOf({
        customChecks: [
          TEAM_LABEL,
          BASE_IMAGE,
          { ...BASE_IMAGE, title: 'Again' },
        ],
      }),
    ).toEqual([
      'customChecks[2].id: "base-image" is also the id of customChecks[1]',
    ]);
  });

  it('rejects unknown keys, such as a misspelt rule', () => {
    const { rule, ...withoutRule } = BASE_IMAGE;
    expect(
      problemsOf({ customChecks: [{ ...withoutRule, rules: rule }] }),
    ).toEqual([
      'customChecks[0].rule is missing; it must be a string',
      'customChecks[0] has unknown key rules',
    ]);
  });

  it('reports every bad check, not only the first, with the other config errors', () => {
    expect(
      problemsOf(
        {
          gate: 'platinum',
          customChecks: [
            { ...TEAM_LABEL, rule: 'podspec.containers.size() > 0' },
            BASE_IMAGE,
            { ...INGRESS_CLASS, severity: 'urgent' },
          ],
          exemptions: [
            // Names a custom check that failed to compile: not a second error.
            {
              entityRef: 'component:default/web',
              check: 'team-label',
              reason: 'r',
            },
          ],
        },
        { keyPrefix: 'readiness' },
      ),
    ).toEqual([
      'readiness.gate must be one of gold, silver, bronze, none',
      "readiness.customChecks[0].rule: undeclared reference to 'podspec' (line 1, col 1), did you mean podSpec?",
      'readiness.customChecks[2].severity must be one of critical, high, medium, low',
    ]);
  });

  it('requires a list', () => {
    expect(problemsOf({ customChecks: TEAM_LABEL })).toEqual([
      'customChecks must be a list, not an object',
    ]);
  });
});

describe('checks from backend modules', () => {
  const pass = { status: 'pass' as const, message: 'ok' };
  const moduleCheck = (id: string, overrides = {}): ReadinessCheck => ({
    definition: customCheckDefinition({
      id,
      title: 'Owned by a known cost centre',
      category: 'finops',
      severity: 'low',
      scope: 'entity',
      ...overrides,
    }),
    evaluate: () => pass,
  });

  it('runs them after the configured ones', () => {
    const config = parseReadinessConfig(
      { customChecks: [TEAM_LABEL] },
      { checks: [moduleCheck('cost-centre')] },
    );
    expect(config.catalogue.ids.slice(-2)).toEqual([
      'team-label',
      'cost-centre',
    ]);
    expect(config.customChecks.map(check => check.id)).toEqual(['team-label']);
    expect(
      parseReadinessConfig(undefined, {
        checks: [moduleCheck('x-y')],
      }).catalogue.has('x-y'),
    ).toBe(true);
  });

  it('validates them like configured ones', () => {
    expect(
      problemsOf(
        { customChecks: [TEAM_LABEL] },
        {
          checks: [
            moduleCheck('team-label'),
            moduleCheck('pdb'),
            moduleCheck('Cost', { scope: 'object' }),
          ],
        },
      ),
    ).toEqual([
      'module check checks[0] (team-label): definition.id: "team-label" is also the id of customChecks[0]',
      'module check checks[1] (pdb): definition.id: "pdb" is the id of a built-in check; choose another',
      'module check checks[2] (Cost): definition.id: "Cost" must be lower-kebab-case, e.g. team-label',
      'module check checks[2] (Cost): definition.kinds: is required for scope object, e.g. [Ingress] or [Service]',
    ]);
  });
});

describe('catalogueOf', () => {
  it('compiles the custom checks again in a copy made for another thread', () => {
    const config = parseReadinessConfig({ customChecks: [TEAM_LABEL] });
    expect(catalogueOf(config)).toBe(config.catalogue);
    const copy = structuredClone(config);
    expect(copy.catalogue).not.toBeInstanceOf(CheckCatalogue);
    const restored = catalogueOf(copy);
    expect(restored).toBeInstanceOf(CheckCatalogue);
    expect(restored.ids).toEqual(config.catalogue.ids);
    expect(restored.customChecks[0].definition).toEqual(
      config.catalogue.customChecks[0].definition,
    );
    expect(catalogueOf(copy)).toBe(restored);
    expect(catalogueOf({})).toBe(CheckCatalogue.builtIn);
  });
});
