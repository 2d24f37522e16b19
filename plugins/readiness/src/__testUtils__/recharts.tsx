/**
 * recharts' ResponsiveContainer measures its parent, which is 0 × 0 in
 * jsdom, and then draws nothing. Chart tests swap it for a fixed size:
 *
 *   jest.mock('recharts', () => require('../../__testUtils__/recharts').fixedSizeRecharts());
 */
import { cloneElement, ReactElement } from 'react';

export function fixedSizeRecharts() {
  const actual = jest.requireActual('recharts');
  return {
    ...actual,
    ResponsiveContainer: (props: { children: ReactElement }) =>
      cloneElement(props.children, { width: 800, height: 240 }),
  };
}
