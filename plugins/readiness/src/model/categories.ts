import {
  CHECK_CATEGORY_TITLES,
  type CheckCategory,
  type CheckDefinition,
} from '@prodready/backstage-plugin-readiness-common';

/** The built-in categories in catalogue order. */
export const CATEGORY_ORDER: readonly string[] = Object.keys(
  CHECK_CATEGORY_TITLES,
);

/**
 * The category's display name. A custom check's own category is
 * lower-kebab-case and has no title of its own, so one is made from its id:
 * `data-protection` becomes "Data protection".
 */
export function categoryTitle(category: string): string {
  const builtIn = CHECK_CATEGORY_TITLES[category as CheckCategory];
  if (builtIn) return builtIn;
  const words = category.split('-').filter(word => word !== '');
  if (words.length === 0) return category;
  const sentence = words.join(' ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/**
 * Categories in display order, as the backend's catalogue has them: the
 * built-in ones, then the new categories of custom checks in the order
 * their first check appears in `/checks`.
 */
export function categoryOrder(
  definitions: readonly CheckDefinition[],
): string[] {
  const order = [...CATEGORY_ORDER];
  for (const definition of definitions) {
    if (!order.includes(definition.category)) order.push(definition.category);
  }
  return order;
}

/**
 * Position of a category in `order`, for sorting; one nobody declared
 * (a check the backend no longer knows) sorts after all of them.
 */
export function categoryRank(
  category: string,
  order: readonly string[] = CATEGORY_ORDER,
): number {
  const index = order.indexOf(category);
  return index === -1 ? order.length : index;
}
