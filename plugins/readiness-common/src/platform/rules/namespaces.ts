/**
 * Checks that every application namespace has something: each namespace
 * lacking it is a finding pointing at the Namespace.
 */
import { fail, Outcome, skip } from '../../checks/rules/outcome';
import { Finding } from '../../types';
import { plural } from './context';

/** A finding about one namespace. */
export function namespaceFinding(
  namespace: string,
  message: string,
  path = 'metadata.name',
): Finding {
  return {
    path,
    message,
    object: { kind: 'Namespace', name: namespace, namespace: '' },
  };
}

/**
 * Runs `lacks` on each application namespace (undefined when it is fine,
 * else the finding's message) and sums up.
 */
export function everyNamespace(
  namespaces: readonly string[],
  lacks: (namespace: string) => { message: string; path?: string } | undefined,
  texts: {
    passed: (count: number) => string;
    failed: (count: number) => string;
  },
): Outcome {
  if (namespaces.length === 0) {
    return skip('Skipped: the cluster has no application namespace.');
  }
  const findings: Finding[] = [];
  for (const namespace of namespaces) {
    const problem = lacks(namespace);
    if (problem) {
      findings.push(namespaceFinding(namespace, problem.message, problem.path));
    }
  }
  if (findings.length === 0) {
    return { status: 'pass', message: texts.passed(namespaces.length) };
  }
  return fail(texts.failed(findings.length), findings);
}

/** `3 of 12 application namespaces`. */
export function namespacesOf(count: number, total: number): string {
  return `${count} of ${plural(total, 'application namespace')}`;
}
