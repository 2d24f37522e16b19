import { parseEntityRef } from '@backstage/catalog-model';

/**
 * A short name for an entity ref in a menu or a file: `payments-team` for
 * `group:default/payments-team`, `ops/payments-team` in another namespace.
 */
export function shortRefName(ref: string): string {
  try {
    const { namespace, name } = parseEntityRef(ref);
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return ref;
  }
}

/** An entity ref without the default namespace: `component:web`. */
export function compactEntityRef(ref: string): string {
  try {
    const { kind } = parseEntityRef(ref);
    return `${kind.toLocaleLowerCase('en-US')}:${shortRefName(ref)}`;
  } catch {
    return ref;
  }
}
