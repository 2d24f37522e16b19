import {
  CHECK_CATEGORY_TITLES,
  type CheckCategory,
} from '@prodready/backstage-plugin-readiness-common';

/** Categories in catalogue order; anything unknown sorts after them. */
export const CATEGORY_ORDER = Object.keys(CHECK_CATEGORY_TITLES);

/** The category's display name; an unknown one is shown as it is. */
export function categoryTitle(category: string): string {
  return CHECK_CATEGORY_TITLES[category as CheckCategory] ?? category;
}

/** Position of a category in catalogue order, for sorting. */
export function categoryRank(category: string): number {
  const index = CATEGORY_ORDER.indexOf(category);
  return index === -1 ? CATEGORY_ORDER.length : index;
}
