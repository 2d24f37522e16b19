/**
 * Whether one entity is in a campaign's target, for the entity's own
 * banner. The store filters many entities in SQL by the same rules
 * (CampaignStore.tallies); the tests hold the two together.
 */
import type { CampaignTarget } from '@prodready/backstage-plugin-readiness-common';

/** What the target filters on, as stored with the entity's scorecard. */
export interface CampaignFacts {
  owner?: string;
  system?: string;
  /** Lower-cased. */
  kind: string;
  lifecycle?: string;
  tags: string[];
}

function anyOf(
  wanted: string[] | undefined,
  has: (value: string) => boolean,
): boolean {
  return !wanted || wanted.some(has);
}

/** Every given filter must match; within one, any value may. */
export function matchesTarget(
  target: CampaignTarget,
  facts: CampaignFacts,
): boolean {
  return (
    anyOf(target.owners, owner => owner === facts.owner) &&
    anyOf(target.systems, system => system === facts.system) &&
    anyOf(
      target.kinds,
      kind => kind.toLocaleLowerCase('en-US') === facts.kind,
    ) &&
    anyOf(target.lifecycles, lifecycle => lifecycle === facts.lifecycle) &&
    anyOf(target.tags, tag => facts.tags.includes(tag))
  );
}
