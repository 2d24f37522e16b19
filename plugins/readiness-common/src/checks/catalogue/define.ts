import { CheckCategory, CheckDefinition } from '../../types';

/** What a built-in check declares; the rest is derived. */
type BuiltInDefinition = Omit<
  CheckDefinition,
  'docsAnchor' | 'origin' | 'category' | 'docsUrl' | 'scope' | 'kinds'
> & { category: CheckCategory };

/** Builds a definition; the docs anchor is always the check id. */
export function define(definition: BuiltInDefinition): CheckDefinition {
  return { ...definition, docsAnchor: definition.id, origin: 'built-in' };
}
