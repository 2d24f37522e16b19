/**
 * Where a check is documented. Built-in checks have a section of the check
 * reference; custom checks are the platform team's, documented wherever
 * their `docsUrl` points, if anywhere.
 */
import type { CheckDefinition } from '@prodready/backstage-plugin-readiness-common';

/** A check's documentation link, or undefined when it has none. */
export type CheckDocsLink = (definition: CheckDefinition) => string | undefined;

/** True for a check from configuration or a backend module. */
export function isCustomCheck(definition: CheckDefinition): boolean {
  // Definitions from before custom checks carry no origin: all built-in.
  return definition.origin === 'custom';
}

/** Only web links are followed; anything else is not a link to offer. */
function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * The link for a check: its section of the check reference for a built-in
 * one (`referenceUrl` turns its anchor into a URL), its own `docsUrl` for a
 * custom one, which the reference does not describe.
 */
export function checkDocsLink(
  definition: CheckDefinition,
  referenceUrl: (docsAnchor: string) => string,
): string | undefined {
  if (!isCustomCheck(definition)) return referenceUrl(definition.docsAnchor);
  return definition.docsUrl && isWebUrl(definition.docsUrl)
    ? definition.docsUrl
    : undefined;
}
