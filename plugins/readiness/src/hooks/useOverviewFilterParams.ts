import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  filtersFromParams,
  type OverviewFilterValues,
  paramsWithFilters,
} from '../model/overviewFilters';

/**
 * The overview's filters, kept in the page's URL: a filtered view can be
 * linked to and survives a reload. Changes replace the history entry, so
 * Back leaves the page instead of undoing each keystroke of a search.
 */
export function useOverviewFilterParams(): [
  OverviewFilterValues,
  (filters: OverviewFilterValues) => void,
] {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(
    () => filtersFromParams(searchParams),
    [searchParams],
  );
  const setFilters = useCallback(
    (next: OverviewFilterValues) =>
      setSearchParams(current => paramsWithFilters(current, next), {
        replace: true,
      }),
    [setSearchParams],
  );
  return [filters, setFilters];
}
