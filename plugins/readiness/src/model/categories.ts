import type { CheckCategory } from '@prodready/backstage-plugin-readiness-common';

/** Display name of each category, in the order of the check catalogue. */
export const CATEGORY_TITLES: Readonly<Record<CheckCategory, string>> = {
  health: 'Health',
  resources: 'Resources',
  availability: 'Availability',
  security: 'Security',
  'supply-chain': 'Supply chain',
  network: 'Network',
  secrets: 'Secrets',
  observability: 'Observability',
  recovery: 'Recovery',
  operations: 'Operations',
};

/** Categories in catalogue order; anything unknown sorts after them. */
export const CATEGORY_ORDER = Object.keys(CATEGORY_TITLES);

/** The category's display name; an unknown one is shown as it is. */
export function categoryTitle(category: string): string {
  return CATEGORY_TITLES[category as CheckCategory] ?? category;
}

/** Position of a category in catalogue order, for sorting. */
export function categoryRank(category: string): number {
  const index = CATEGORY_ORDER.indexOf(category);
  return index === -1 ? CATEGORY_ORDER.length : index;
}
