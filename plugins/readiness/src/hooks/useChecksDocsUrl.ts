import { configApiRef, useApi } from '@backstage/frontend-plugin-api';
import {
  checkReferenceUrl,
  PackageSource,
} from '@prodready/backstage-plugin-readiness-common';
import { checkDocsLink, type CheckDocsLink } from '../model/checkDocs';
import packageJson from '../../package.json';

/**
 * Where the check reference lives when `readiness.docsBaseUrl` is not set:
 * `docs/checks.md` on `main` of the repository this plugin's package.json
 * names (its npm page if it names none), one heading per check.
 */
export const DEFAULT_DOCS_BASE_URL = checkReferenceUrl(
  packageJson as PackageSource,
);

/**
 * A section of the backend's README: beside the check reference in the same
 * repository, else the backend's npm page.
 */
function backendReadmeUrl(anchor: string): string {
  return DEFAULT_DOCS_BASE_URL.endsWith('/docs/checks.md')
    ? DEFAULT_DOCS_BASE_URL.replace(
        /\/docs\/checks\.md$/,
        `/plugins/readiness-backend/README.md#${anchor}`,
      )
    : 'https://www.npmjs.com/package/@prodready/backstage-plugin-readiness-backend';
}

/**
 * Where the backend's README says how to add a cluster (its `kubernetes`
 * configuration, which platform readiness reads too).
 */
export const CLUSTER_SETUP_URL = backendReadmeUrl('live-clusters');

/** Where the backend's README says how to define campaigns. */
export const CAMPAIGNS_DOCS_URL = backendReadmeUrl('campaigns');

/** The link to a check's section of the check reference. */
export function checkDocsUrl(baseUrl: string, docsAnchor: string): string {
  return `${baseUrl.replace(/#.*$/, '')}#${encodeURIComponent(docsAnchor)}`;
}

/** Returns a function giving the link of an anchor of the check reference. */
export function useChecksDocsUrl(): (docsAnchor: string) => string {
  const configApi = useApi(configApiRef);
  const baseUrl =
    configApi.getOptionalString('readiness.docsBaseUrl') ??
    DEFAULT_DOCS_BASE_URL;
  return docsAnchor => checkDocsUrl(baseUrl, docsAnchor);
}

/**
 * Returns a function giving a check's documentation link: the check
 * reference for built-in checks, `docsUrl` for custom ones.
 */
export function useCheckDocsLink(): CheckDocsLink {
  const referenceUrl = useChecksDocsUrl();
  return definition => checkDocsLink(definition, referenceUrl);
}
