/**
 * Checks that pass when a capability is present: a signature of the table
 * (images, CRDs, kinds, named workloads) matches something in the cluster.
 */
import { fail } from '../../checks/rules/outcome';
import {
  describeMatches,
  matchSignature,
  MatchOptions,
  PlatformSignature,
  SignatureMatch,
} from '../signatures';
import {
  found,
  listNames,
  PlatformContext,
  PlatformOutcome,
  PlatformRule,
  RUNNING_WORKLOAD_KINDS,
} from './context';

/** The kinds a signature's verdict depends on. */
export function signatureReads(signature: PlatformSignature): string[] {
  const kinds: string[] = [];
  if (signature.images?.length || signature.workloads?.length) {
    kinds.push(...RUNNING_WORKLOAD_KINDS);
  }
  if (signature.crds?.length) kinds.push('CustomResourceDefinition');
  kinds.push(...(signature.kinds ?? []));
  return kinds;
}

/** What was looked for, for the message of a failure. */
export function describeSignature(
  signature: PlatformSignature,
  imageWhere = 'a running workload',
): string {
  const parts: string[] = [];
  if (signature.images?.length) {
    parts.push(
      `${imageWhere} with an image ${listNames(signature.images, 12, 'or')}`,
    );
  }
  if (signature.workloads?.length) {
    parts.push(`the workload ${listNames(signature.workloads, 5, 'or')}`);
  }
  if (signature.crds?.length) {
    parts.push(`the CRD ${listNames(signature.crds, 5, 'or')}`);
  }
  if (signature.kinds?.length) {
    parts.push(`an object of kind ${listNames(signature.kinds, 5, 'or')}`);
  }
  return parts.length > 0 ? parts.join('; or ') : 'nothing';
}

/** The matches of a check's signature in the cluster. */
export function matchesOf(
  context: PlatformContext,
  checkId: string,
  options?: MatchOptions,
): SignatureMatch[] {
  return matchSignature(context.index, context.signature(checkId), options);
}

interface CapabilityOptions extends MatchOptions {
  /** What is present, e.g. `Metrics pipeline`. */
  what: string;
  /** Where images must run, for the failure message. */
  imageWhere?: string;
}

/** A rule that passes when the check's signature matches. */
export function capabilityRule(
  checkId: string,
  options: CapabilityOptions,
): PlatformRule {
  return {
    reads: context => signatureReads(context.signature(checkId)),
    evaluate(context): PlatformOutcome {
      const matches = matchesOf(context, checkId, options);
      if (matches.length > 0) {
        return found(`${options.what}: ${describeMatches(matches)}.`);
      }
      return fail(
        `No ${options.what.toLocaleLowerCase(
          'en-US',
        )} found: looked for ${describeSignature(
          context.signature(checkId),
          options.imageWhere,
        )}.`,
      );
    },
  };
}
