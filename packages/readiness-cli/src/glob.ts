import path from 'node:path';

/**
 * `--exclude` patterns. The syntax is the common one of shells and
 * `.gitignore`: `*` matches within a path segment, `**` any number of whole
 * segments, `?` one character, `[abc]` / `[!abc]` a character class,
 * `{a,b}` alternatives, `\` escapes the next character. A pattern without a
 * `/` also matches a file or folder name at any depth (`*-patch.yaml`), and
 * a pattern that matches a folder leaves out everything under it.
 *
 * Written here rather than taken from a package: the matchers in the
 * dependency tree are hoisted copies of other packages' dependencies (not
 * ours to rely on), and Node's own `path.matchesGlob` is experimental, with
 * a warning, in some of the Node versions the CLI supports.
 */
export class GlobPattern {
  private readonly regex: RegExp;
  private readonly baseNameOnly: boolean;

  constructor(readonly source: string) {
    const pattern = source.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
    this.baseNameOnly = !pattern.includes('/');
    this.regex = new RegExp(`^${translate(pattern)}$`);
  }

  /** True when `file` (`/`-separated, relative or absolute) matches. */
  matches(file: string): boolean {
    if (this.regex.test(file)) {
      return true;
    }
    if (this.baseNameOnly) {
      const slash = file.lastIndexOf('/');
      return slash >= 0 && this.regex.test(file.slice(slash + 1));
    }
    return false;
  }
}

/** Turns a glob into the body of a regular expression. */
function translate(glob: string): string {
  let out = '';
  let i = 0;
  while (i < glob.length) {
    const char = glob[i];
    if (char === '\\' && i + 1 < glob.length) {
      out += escapeRegex(glob[i + 1]);
      i += 2;
    } else if (char === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        const atEnd = i + 2 === glob.length;
        if (atStart && glob[i + 2] === '/') {
          // `**/`: zero or more whole segments.
          out += '(?:[^/]*/)*';
          i += 3;
        } else if (atStart && atEnd) {
          // Trailing `**`: everything below, and the folder itself
          // (`charts/**` matches `charts`).
          if (out.endsWith('/')) {
            out = `${out.slice(0, -1)}(?:/.*)?`;
          } else {
            out += '.*';
          }
          i += 2;
        } else {
          out += '[^/]*';
          i += 2;
        }
      } else {
        out += '[^/]*';
        i += 1;
      }
    } else if (char === '?') {
      out += '[^/]';
      i += 1;
    } else if (char === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) {
        out += '\\[';
        i += 1;
      } else {
        let body = glob.slice(i + 1, end);
        const negated = body.startsWith('!') || body.startsWith('^');
        if (negated) body = body.slice(1);
        body = body.replace(/[\\\]^]/g, '\\$&');
        out += negated ? `[^/${body}]` : `[${body}]`;
        i = end + 1;
      }
    } else if (char === '{') {
      const end = glob.indexOf('}', i + 1);
      if (end < 0) {
        out += '\\{';
        i += 1;
      } else {
        const options = glob.slice(i + 1, end).split(',');
        out += `(?:${options.map(translate).join('|')})`;
        i = end + 1;
      }
    } else {
      out += escapeRegex(char);
      i += 1;
    }
  }
  return out;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A path with `/` separators and no leading `./`. */
export function toSlashes(file: string): string {
  return file
    .split(path.sep)
    .join('/')
    .replace(/^(\.\/)+/, '');
}

/**
 * Decides whether a path is left out by `--exclude`. Each pattern is tried
 * against the path as the user sees it from where the CLI runs (relative to
 * the current directory), relative to the argument it was found under, and
 * absolute, so `--exclude 'charts/**'` works for `readiness check .` and
 * `readiness check deploy/` alike.
 */
export class Excluder {
  private readonly patterns: GlobPattern[];

  constructor(patterns: readonly string[], private readonly cwd: string) {
    this.patterns = patterns
      .filter(pattern => pattern.trim() !== '')
      .map(pattern => new GlobPattern(pattern));
  }

  get active(): boolean {
    return this.patterns.length > 0;
  }

  /**
   * The pattern that leaves `file` out, if any. `relativeToArgument` is the
   * path below the directory argument (absent for a file argument).
   */
  match(file: string, relativeToArgument?: string): string | undefined {
    if (this.patterns.length === 0) {
      return undefined;
    }
    const absolute = path.resolve(this.cwd, file);
    const candidates = new Set([
      toSlashes(path.relative(this.cwd, absolute)),
      toSlashes(file),
      toSlashes(absolute),
    ]);
    if (relativeToArgument !== undefined) {
      candidates.add(relativeToArgument);
    }
    for (const pattern of this.patterns) {
      for (const candidate of candidates) {
        if (candidate !== '' && pattern.matches(candidate)) {
          return pattern.source;
        }
      }
    }
    return undefined;
  }
}
