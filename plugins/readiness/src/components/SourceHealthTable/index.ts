export { SourceHealthTable } from './SourceHealthTable';
