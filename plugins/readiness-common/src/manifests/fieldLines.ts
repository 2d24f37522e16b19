import type { SourcedObjectWithLine } from './types';
import { TextSource, countLines, locatePath, parseFieldPath } from './locate';

/** Where an object read by `parseManifests` sits in its text. */
interface ObjectOrigin {
  source: TextSource;
  /** First character of the object: its first key, or its `{`. */
  start?: number;
  /** 1-based line of `start`. */
  line?: number;
}

/**
 * Kept beside the objects rather than on them: objects stay plain data that
 * can be copied to a worker thread or written as JSON, and nothing is
 * computed unless {@link fieldLineOf} is called. Weak, so an object and its
 * text are freed with the last reference to the object.
 */
const origins = new WeakMap<object, ObjectOrigin>();

/** Records where an object read from `source` starts. */
export function recordOrigin(
  object: object,
  source: TextSource,
  start: number | undefined,
  line: number | undefined,
): void {
  origins.set(object, { source, start, line });
}

/**
 * The 1-based line of the field that `path` names in an object read by
 * {@link parseManifests} (YAML or JSON), e.g.
 * `spec.template.spec.containers[1].resources.limits.memory`: the line of
 * the field itself, else of its nearest parent that exists in the text,
 * else the object's own line. Undefined for objects that were not read by
 * `parseManifests` (from a cluster, or built in code).
 *
 * The text is searched on each call, from the object's start and along the
 * path only; nothing is prepared for it while parsing.
 * @public
 */
export function fieldLineOf(
  source: SourcedObjectWithLine,
  path: string,
): number | undefined {
  const object = source?.object;
  const origin =
    typeof object === 'object' && object !== null
      ? origins.get(object)
      : undefined;
  if (!origin) {
    return undefined;
  }
  const { start, line } = origin;
  if (start === undefined || line === undefined) {
    return line ?? source.line;
  }
  const offset = locatePath(origin.source, start, parseFieldPath(path));
  return line + countLines(origin.source.text, start, offset);
}
