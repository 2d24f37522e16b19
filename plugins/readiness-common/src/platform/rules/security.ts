import { fail, Outcome } from '../../checks/rules/outcome';
import { Finding } from '../../types';
import { asArray, asRecord } from '../../util/guards';
import { nameOf } from '../clusterIndex';
import { describeMatches } from '../signatures';
import { capabilityRule, matchesOf, signatureReads } from './capability';
import { found, plural, PlatformRule } from './context';
import { everyNamespace, namespacesOf } from './namespaces';

const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
const ENFORCED_LEVELS: ReadonlySet<string> = new Set([
  'baseline',
  'restricted',
]);

export const podSecurityEnforced: PlatformRule = {
  reads: context => [
    'Namespace',
    ...signatureReads(context.signature('policy-engine')),
  ],
  evaluate(context): Outcome {
    const engines = matchesOf(context, 'policy-engine');
    if (engines.length > 0) {
      return found(`Policy engine: ${describeMatches(engines)}.`);
    }
    const { index } = context;
    const namespaces = index.applicationNamespaces();
    return everyNamespace(
      namespaces,
      namespace => {
        const level =
          index.namespace(namespace)?.metadata?.labels?.[ENFORCE_LABEL];
        if (typeof level === 'string' && ENFORCED_LEVELS.has(level)) {
          return undefined;
        }
        return {
          path: 'metadata.labels',
          message:
            typeof level === 'string'
              ? `Namespace ${namespace} enforces Pod Security level "${level}", not baseline or restricted.`
              : `Namespace ${namespace} has no ${ENFORCE_LABEL} label.`,
        };
      },
      {
        passed: total =>
          `All ${total} application namespaces enforce Pod Security baseline or restricted.`,
        failed: count =>
          `${namespacesOf(
            count,
            namespaces.length,
          )} do not enforce Pod Security, and no policy engine is installed.`,
      },
    );
  },
};

export const policyEngine = capabilityRule('policy-engine', {
  what: 'Policy engine',
});

export const secretsManagement = capabilityRule('secrets-management', {
  what: 'Secrets manager',
});

export const imageScanning = capabilityRule('image-scanning', {
  what: 'Image scanner',
});

export const runtimeSecurity = capabilityRule('runtime-security', {
  what: 'Runtime security sensor',
});

/** Subjects that stand for every user, signed in or not. */
const EVERYONE: ReadonlySet<string> = new Set([
  'system:authenticated',
  'system:unauthenticated',
  'system:anonymous',
]);

export const rbacLeastPrivilege: PlatformRule = {
  reads: () => ['ClusterRoleBinding'],
  evaluate({ index }): Outcome {
    const findings: Finding[] = [];
    let adminBindings = 0;
    for (const binding of index.of('ClusterRoleBinding')) {
      const roleRef = asRecord((binding as Record<string, unknown>).roleRef);
      if (
        roleRef?.kind !== 'ClusterRole' ||
        roleRef?.name !== 'cluster-admin'
      ) {
        continue;
      }
      adminBindings++;
      const name = nameOf(binding);
      asArray((binding as Record<string, unknown>).subjects).forEach(
        (raw, position) => {
          const subject = asRecord(raw);
          const subjectName = String(subject?.name ?? '');
          let problem: string | undefined;
          if (EVERYONE.has(subjectName)) {
            problem = `ClusterRoleBinding ${name} grants cluster-admin to ${subjectName}: anyone who reaches the API server.`;
          } else if (subject?.kind === 'ServiceAccount') {
            const namespace = String(subject.namespace ?? '');
            if (!index.isSystemNamespace(namespace)) {
              problem = `ClusterRoleBinding ${name} grants cluster-admin to ServiceAccount ${namespace}/${subjectName}.`;
            }
          }
          if (problem) {
            findings.push({
              path: `subjects[${position}]`,
              message: problem,
              object: { kind: 'ClusterRoleBinding', name, namespace: '' },
            });
          }
        },
      );
    }
    if (findings.length > 0) {
      return fail(
        `${plural(findings.length, 'subject')} outside the system namespaces ${
          findings.length === 1 ? 'holds' : 'hold'
        } cluster-admin.`,
        findings,
      );
    }
    return {
      status: 'pass',
      message:
        adminBindings === 0
          ? 'No ClusterRoleBinding grants cluster-admin.'
          : `cluster-admin is bound only to users, groups and system ServiceAccounts (${plural(
              adminBindings,
              'binding',
            )}).`,
    };
  },
};
