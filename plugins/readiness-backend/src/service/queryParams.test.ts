import { InputError } from '@backstage/errors';
import { integerParam } from './queryParams';

const bounds = { minimum: 1, maximum: 1000 };

describe('integerParam', () => {
  it('reads decimal digits within the bounds', () => {
    expect(integerParam('limit', '1', bounds)).toBe(1);
    expect(integerParam('limit', '1000', bounds)).toBe(1000);
    expect(integerParam('limit', 25, bounds)).toBe(25);
    expect(integerParam('limit', undefined, bounds)).toBeUndefined();
  });

  it.each([
    'Infinity',
    '-Infinity',
    'NaN',
    '1e3',
    '2.5',
    '0x10',
    '',
    ' 5',
    '0',
    '1001',
    '99999999999999999999',
  ])('refuses %p, naming the parameter', value => {
    expect(() => integerParam('limit', value, bounds)).toThrow(InputError);
    expect(() => integerParam('limit', value, bounds)).toThrow(
      `Invalid query parameter limit: expected an integer from 1 to 1000, got '${value}'`,
    );
  });

  it('refuses numbers that are not integers, and arrays', () => {
    expect(() => integerParam('days', Infinity, bounds)).toThrow(/days/);
    expect(() => integerParam('days', ['1', '2'], bounds)).toThrow(/days/);
  });
});
