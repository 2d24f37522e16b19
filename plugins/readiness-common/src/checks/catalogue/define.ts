import { CheckDefinition } from '../../types';

/** Builds a definition; the docs anchor is always the check id. */
export function define(
  definition: Omit<CheckDefinition, 'docsAnchor'>,
): CheckDefinition {
  return { ...definition, docsAnchor: definition.id };
}
