export { OverviewFilters } from './OverviewFilters';
export type { OverviewFilterValues } from '../../model/overviewFilters';
