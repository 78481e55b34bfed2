// The model counts a chain of follow-up inspections of one order once
// (inspection-chains.ts holds the rule); this adapts it to the evidence.

import { collapseChains, mayChain } from '../inspection-chains.ts';
import { formatDay } from './calendar.ts';
import type { FirmEvidence } from './types.ts';

/** The evidence with each chain of inspections as one record, as of the Shanghai day `atDay`. */
export function countChainsOnce(input: FirmEvidence, atDay: number, atMs: number): FirmEvidence {
  if (!mayChain(input.inspections)) return input;
  const merged = collapseChains(input.inspections, { date: formatDay(atDay), ms: atMs });
  return merged.length === input.inspections.length ? input : { ...input, inspections: merged };
}
