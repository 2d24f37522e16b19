import path from 'node:path';
import picomatch from 'picomatch';

/**
 * An `--exclude` pattern, in the common syntax of shells and `.gitignore`
 * (picomatch's): `*` matches within a path segment, `**` any number of
 * whole segments, `?` one character, `[abc]` a class, `{a,b}` alternatives.
 * A pattern without a `/` also matches a file or folder name at any depth
 * (`*-patch.yaml`), and a pattern that matches a folder leaves out
 * everything under it.
 */
export class GlobPattern {
  private readonly test: (file: string) => boolean;

  constructor(readonly source: string) {
    const pattern = source.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
    this.test = picomatch(pattern, {
      // Dot files and folders are files like the others here.
      dot: true,
      // Shell classes: `[!ab]` negates, as in .gitignore.
      posix: true,
      basename: !pattern.includes('/'),
    });
  }

  /** True when `file` (`/`-separated, relative or absolute) matches. */
  matches(file: string): boolean {
    return this.test(file);
  }
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
