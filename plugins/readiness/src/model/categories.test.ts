import { customDefinitions, definitions } from '../__testUtils__/fixtures';
import {
  CATEGORY_ORDER,
  categoryOrder,
  categoryRank,
  categoryTitle,
} from './categories';

describe('categoryTitle', () => {
  it('uses the title of a built-in category', () => {
    expect(categoryTitle('supply-chain')).toBe('Supply chain');
    expect(categoryTitle('health')).toBe('Health');
  });

  it("makes a custom category's title from its id", () => {
    expect(categoryTitle('data-protection')).toBe('Data protection');
    expect(categoryTitle('cost')).toBe('Cost');
    expect(categoryTitle('pci-dss-v4')).toBe('Pci dss v4');
  });
});

describe('categoryOrder', () => {
  it('puts new categories after the built-in ones, in the order of /checks', () => {
    const order = categoryOrder([
      ...definitions,
      { ...customDefinitions[0], id: 'cost-label', category: 'cost' },
      ...customDefinitions,
    ]);
    expect(order.slice(0, CATEGORY_ORDER.length)).toEqual(CATEGORY_ORDER);
    // team-label's category, operations, is built-in and not repeated.
    expect(order.slice(CATEGORY_ORDER.length)).toEqual([
      'cost',
      'data-protection',
    ]);
  });
});

describe('categoryRank', () => {
  it('sorts a category nobody declares after every declared one', () => {
    const order = categoryOrder(customDefinitions);
    expect(categoryRank('data-protection', order)).toBe(order.length - 1);
    expect(categoryRank('other', order)).toBe(order.length);
    expect(categoryRank('health', order)).toBeLessThan(
      categoryRank('data-protection', order),
    );
  });
});
