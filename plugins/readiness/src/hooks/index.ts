export {
  checkDocsUrl,
  DEFAULT_DOCS_BASE_URL,
  useChecksDocsUrl,
} from './useChecksDocsUrl';
export { useRefreshPermission } from './useRefreshPermission';
export { useCurrentEntityTabLink, useEntityTabLinks } from './useEntityTabLink';
