/**
 * Finds where a JSON text stops being valid. Used only after `JSON.parse`
 * failed with a message that quotes the input instead of giving a position:
 * such a quote may contain a secret, so it is never shown, and this scanner
 * supplies the line instead. Iterative, so deep nesting cannot overflow.
 */

/**
 * What the scanner expects next: a value; a value or `]` (just after `[`);
 * a key or `}` (just after `{`); a key (after `,` in an object); `:` after a
 * key; `,` or the closing bracket of the innermost container.
 */
type Expect =
  | 'value'
  | 'value-or-end'
  | 'key-or-end'
  | 'key'
  | 'colon'
  | 'comma-or-end';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

/** Offset of the first character that makes `text` invalid JSON, or -1. */
export function jsonErrorOffset(text: string): number {
  /** Open containers: `[` or `{`. */
  const stack: string[] = [];
  let expect = 'value' as Expect;
  let i = 0;

  const skipWhitespace = () => {
    WHITESPACE.lastIndex = i;
    WHITESPACE.exec(text);
    i = WHITESPACE.lastIndex;
  };

  /** Moves past a string starting at `i`; returns false on an error. */
  const readString = (): boolean => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22 /* " */) {
        i++;
        return true;
      }
      if (c < 0x20) {
        return false;
      }
      if (c === 0x5c /* \ */) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i++;
            return false;
          }
          i += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) {
          i++;
          return false;
        }
        i += 2;
        continue;
      }
      i++;
    }
    return false;
  };

  for (;;) {
    skipWhitespace();
    if (i >= text.length) {
      return stack.length === 0 && expect === 'comma-or-end' ? -1 : i;
    }
    const c = text[i];
    switch (expect) {
      case 'value':
      case 'value-or-end':
        if (c === ']' && expect === 'value-or-end') {
          stack.pop();
          i++;
          expect = 'comma-or-end';
        } else if (c === '[') {
          stack.push('[');
          i++;
          expect = 'value-or-end';
        } else if (c === '{') {
          stack.push('{');
          i++;
          expect = 'key-or-end';
        } else if (c === '"') {
          if (!readString()) return i;
          expect = 'comma-or-end';
        } else if (text.startsWith('true', i)) {
          i += 4;
          expect = 'comma-or-end';
        } else if (text.startsWith('false', i)) {
          i += 5;
          expect = 'comma-or-end';
        } else if (text.startsWith('null', i)) {
          i += 4;
          expect = 'comma-or-end';
        } else {
          NUMBER.lastIndex = i;
          if (!NUMBER.test(text)) return i;
          i = NUMBER.lastIndex;
          expect = 'comma-or-end';
        }
        break;
      case 'key-or-end':
      case 'key':
        if (c === '}' && expect === 'key-or-end') {
          stack.pop();
          i++;
          expect = 'comma-or-end';
        } else if (c === '"') {
          if (!readString()) return i;
          expect = 'colon';
        } else {
          return i;
        }
        break;
      case 'colon':
        if (c !== ':') return i;
        i++;
        expect = 'value';
        break;
      default: {
        const open = stack[stack.length - 1];
        if (open === undefined) {
          return i; // something after the root value
        }
        if (c === ',') {
          i++;
          expect = open === '[' ? 'value' : 'key';
        } else if ((c === ']' && open === '[') || (c === '}' && open === '{')) {
          stack.pop();
          i++;
          expect = 'comma-or-end';
        } else {
          return i;
        }
      }
    }
  }
}
