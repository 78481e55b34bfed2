// The model counts a chain of follow-up inspections of one order once
// (inspection-chains.ts holds the rule); this adapts it to the evidence.

import { chainsOf, groupChains, mayChain, mergeChain } from '../inspection-chains.ts';
import { formatDay } from './calendar.ts';
import type { FirmEvidence } from './types.ts';

/**
 * The evidence with each chain of inspections as one record, as of the
 * Shanghai day `atDay`. A firm whose inspections form no chain (most of
 * them) keeps its evidence as it is: nothing is built, merged or copied;
 * in a firm with chains, only the chains of two or more records are merged.
 */
export function countChainsOnce(input: FirmEvidence, atDay: number, atMs: number): FirmEvidence {
  if (!mayChain(input.inspections)) return input;
  const grouping = groupChains(input.inspections, { date: formatDay(atDay), ms: atMs });
  if (grouping.count === input.inspections.length) return input;
  // A record alone stays itself (the model reads no chain list), in date order like the merged ones.
  return { ...input, inspections: chainsOf(grouping).map((c) => (c.length === 1 ? c[0]! : mergeChain(c))) };
}
