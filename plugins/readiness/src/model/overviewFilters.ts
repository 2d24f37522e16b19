/**
 * The overview table's filters and their place in the page's URL, so a
 * filtered view can be bookmarked, shared and returned to with Back.
 */
import {
  LEVELS_ASCENDING,
  type ReadinessLevel,
} from '@prodready/backstage-plugin-readiness-common';

/** What the adoption table is narrowed to. */
export interface OverviewFilterValues {
  owner?: string;
  system?: string;
  level?: ReadinessLevel;
  search?: string;
  /** Only entities whose cluster differs from Git. */
  drift?: boolean;
}

/** The URL parameters, named like the API's query parameters. */
const PARAMS = {
  owner: 'owner',
  system: 'system',
  level: 'level',
  search: 'q',
  drift: 'drift',
} as const;

function isLevel(value: string | null): value is ReadinessLevel {
  return (LEVELS_ASCENDING as readonly string[]).includes(value ?? '');
}

/** The filters a URL names; what it names wrongly is left out. */
export function filtersFromParams(
  params: URLSearchParams,
): OverviewFilterValues {
  const level = params.get(PARAMS.level);
  const filters: OverviewFilterValues = {
    owner: params.get(PARAMS.owner) || undefined,
    system: params.get(PARAMS.system) || undefined,
    level: isLevel(level) ? level : undefined,
    search: params.get(PARAMS.search) || undefined,
    drift: params.get(PARAMS.drift) === 'true' || undefined,
  };
  return Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined),
  );
}

/**
 * The URL parameters with the filters set: filters not in use are removed,
 * parameters the filters do not own are kept.
 */
export function paramsWithFilters(
  params: URLSearchParams,
  filters: OverviewFilterValues,
): URLSearchParams {
  const next = new URLSearchParams(params);
  const values: Record<keyof typeof PARAMS, string | undefined> = {
    owner: filters.owner,
    system: filters.system,
    level: filters.level,
    search: filters.search,
    drift: filters.drift ? 'true' : undefined,
  };
  for (const [key, name] of Object.entries(PARAMS)) {
    const value = values[key as keyof typeof PARAMS];
    if (value) next.set(name, value);
    else next.delete(name);
  }
  return next;
}
