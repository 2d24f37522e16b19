export {
  checkDocsUrl,
  DEFAULT_DOCS_BASE_URL,
  useChecksDocsUrl,
} from './useChecksDocsUrl';
export { useRefreshPermission } from './useRefreshPermission';
