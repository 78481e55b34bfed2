// The part of a firm's own score its inspections and petitions make, kept
// so a platform whose records did not change is not re-read when only its
// partners did (issue 16): a platform carries many records, and each
// import touches some partner of nearly every platform.
//
// Inspections and petitions are scored by whole Shanghai days (decay,
// order state, trigger windows), so their part computed at one instant
// holds exactly at any later instant of the same day, provided no record
// with a time of day in between exists (the caller checks that in the
// database). Mentions decay by the millisecond and are always scored anew.

import type { RecordTriggers } from './triggers.ts';
import type { Contribution } from './types.ts';
import type { SpikeFacts } from './contributions.ts';

export interface RecordsPart {
  model: string;
  /** The instant it was computed (epoch ms) and its Shanghai day number. */
  atMs: number;
  day: number;
  /** Raw points of inspections and of petitions. */
  rawI: number;
  rawP: number;
  /** The top list after inspections and petitions, largest first, `raw` set. */
  top: Contribution[];
  triggers: RecordTriggers;
}

export const NO_SPIKE: SpikeFacts = Object.freeze({ recent: 0, perDay: 0, surprise: 0 });

export function capturePart(
  model: string,
  atMs: number,
  day: number,
  rawI: number,
  rawP: number,
  top: Contribution[],
  triggers: { recordsState(): RecordTriggers },
): RecordsPart {
  return { model, atMs, day, rawI, rawP, top, triggers: triggers.recordsState() };
}

/**
 * Whether `part` gives the exact records part at `atMs` (Shanghai day
 * `atDay`): same model, same day, not computed later than `atMs`. The
 * caller must also know that the firm's records are those the part was
 * computed from, none recorded in (part.atMs, atMs].
 */
export function partValidAt(part: RecordsPart, model: string, atMs: number, atDay: number): boolean {
  return part.model === model && part.day === atDay && part.atMs <= atMs;
}
