/**
 * Entity refs (`kind:namespace/name`), parsed and written by the rules of
 * `parseEntityRef` and `stringifyEntityRef` of `@backstage/catalog-model`.
 *
 * They are reimplemented here because loading `@backstage/catalog-model` at
 * run time (ajv, lodash, fetch polyfills...) costs about 100 ms of start-up
 * in the CLI, for two small functions. `entityRef.test.ts` checks that both
 * agree with the originals.
 */

const DEFAULT_NAMESPACE = 'default';

/** The parts of an entity ref; all set, as `parseEntityRef` returns them. */
export interface EntityRefParts {
  kind: string;
  namespace: string;
  name: string;
}

/**
 * Reads `[<kind>:][<namespace>/]<name>`; missing parts come from `defaults`.
 * Throws on an empty ref or part, like `parseEntityRef`.
 */
export function parseEntityRef(
  ref: string,
  defaults: { defaultKind?: string; defaultNamespace?: string } = {},
): EntityRefParts {
  if (!ref) {
    throw new Error('Entity reference must not be empty');
  }
  let colon = ref.indexOf(':');
  const slash = ref.indexOf('/');
  if (slash !== -1 && slash < colon) {
    // A colon after the slash is part of the name.
    colon = -1;
  }
  const kind = colon === -1 ? undefined : ref.slice(0, colon);
  const namespace = slash === -1 ? undefined : ref.slice(colon + 1, slash);
  const name = ref.slice(Math.max(colon + 1, slash + 1));
  if (kind === '' || namespace === '' || name === '') {
    throw new TypeError(
      `Entity reference "${ref}" was not on the form [<kind>:][<namespace>/]<name>`,
    );
  }
  const parts = {
    kind: kind ?? defaults.defaultKind,
    namespace: namespace ?? (defaults.defaultNamespace || DEFAULT_NAMESPACE),
    name,
  };
  if (!parts.kind) {
    throw new Error(
      `Entity reference ${JSON.stringify(
        ref,
      )} had missing or empty kind (e.g. did not start with "component:" or similar)`,
    );
  }
  return parts as EntityRefParts;
}

/**
 * `kind:namespace/name` in lower case, of ref parts or of an entity
 * (`kind` and `metadata.namespace`, `metadata.name`). Throws when a part is
 * not a string, like `stringifyEntityRef`.
 */
export function stringifyEntityRef(
  ref:
    | { kind: string; namespace?: string; name: string }
    | { kind: string; metadata: { namespace?: string; name: string } },
): string {
  const { namespace, name } = 'metadata' in ref ? ref.metadata : ref;
  return `${ref.kind.toLowerCase()}:${(
    namespace ?? DEFAULT_NAMESPACE
  ).toLowerCase()}/${name.toLowerCase()}`;
}
