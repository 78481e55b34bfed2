// How a stored item's place reads for one firm (issue 14, item 6). An item
// about no place that names only platforms is national news (its volume
// must not make a local alert); an item that also names a partner firm of
// the registry (a station, a franchisee) is about that firm, which is local
// by being registered here, and so is the platform's share of it.

import type { Place } from './classify-place.ts';

/** What the model weighs: local fully, elsewhere little, national in its own capped signal. */
export type MentionPlace = 'local' | 'elsewhere' | 'national';

/**
 * null: stored before places were read, weighed as before (local).
 * platformOnly: the firm is a platform and the item names no partner firm.
 */
export function mentionPlace(place: string | null, platformOnly: boolean): MentionPlace | undefined {
  if (place === null) return undefined;
  if ((place as Place) === 'elsewhere') return 'elsewhere';
  if ((place as Place) === 'none') return platformOnly ? 'national' : 'local';
  return 'local';
}

const RANK: Record<MentionPlace, number> = { elsewhere: 0, national: 1, local: 2 };

/** Of two copies of one story, the place that ties it closest to the district. */
export function closerPlace(a: MentionPlace | undefined, b: MentionPlace | undefined): MentionPlace | undefined {
  if (a === undefined || b === undefined) return undefined;
  return RANK[a] >= RANK[b] ? a : b;
}
