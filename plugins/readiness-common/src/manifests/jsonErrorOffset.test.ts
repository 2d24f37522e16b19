import { jsonErrorOffset } from './jsonErrorOffset';

describe('jsonErrorOffset', () => {
  it.each([
    '{}',
    '[]',
    ' {"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"], "b": {}} ',
    '"text"',
    '0',
  ])('accepts valid JSON %s', text => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(jsonErrorOffset(text)).toBe(-1);
  });

  it.each([
    ['{"a": secret}', 6],
    ['[1, 2, hunter2]', 7],
    ['{"a": 1,}', 8],
    ['{"a" 1}', 5],
    ['{"a": 1} x', 9],
    ['[1, 2', 5],
    ['{"a": "\\q"}', 8],
    ['{"a": "x\ny"}', 8],
    ['[01]', 2],
    ['{"a": [1}', 8],
    ['', 0],
  ])('finds the error in %j at %d', (text, offset) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it('handles deep nesting without recursion', () => {
    const text = `${'['.repeat(200_000)}${']'.repeat(199_999)}`;
    expect(jsonErrorOffset(text)).toBe(text.length);
  });
});
