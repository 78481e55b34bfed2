// Who a rotation puts on duty at an instant. Turns follow each other from
// the anchor (the start of the first member's first turn) every `turnDays`
// days, members in order, round and round. A daily window limits each day
// of a turn to Shanghai wall-clock hours; an overnight window (22:00–08:00)
// belongs wholly to the member whose turn it started in, so a handoff at
// 00:00 never splits a night between two people.

import { DAY_MS } from '../scoring/calendar.ts';
import { type DailyWindow, windowOccurrence } from './local-time.ts';

export interface Rotation {
  id: number;
  tier: number;
  district: string | null;
  streets: readonly string[];
  /** Empty: every category. */
  categories: readonly string[];
  /** User ids in turn order. */
  members: readonly number[];
  /** The first handoff: member 0's first turn starts here; nobody is on duty before it. */
  anchor: Date;
  /** Length of one turn in days (7 = weekly); may be fractional (0.5 = 12 h). */
  turnDays: number;
  /** Shanghai local hours of duty each day; absent = around the clock. */
  dailyWindow?: DailyWindow | null;
}

/** Index of the turn holding instant `t` (epoch ms), or -1 before the anchor. */
function turnIndex(r: Rotation, t: number): number {
  const start = r.anchor.getTime();
  const turn = r.turnDays * DAY_MS;
  if (!(turn > 0) || t < start) return -1;
  return Math.floor((t - start) / turn);
}

/** The member of a rotation on duty at `at`, or null (before the anchor, outside the daily window, no members). */
export function rotationMemberAt(r: Rotation, at: Date): number | null {
  if (r.members.length === 0) return null;
  let decidingInstant = at.getTime();
  if (r.dailyWindow) {
    const occurrence = windowOccurrence(at, r.dailyWindow);
    if (occurrence === null) return null;
    decidingInstant = occurrence.start.getTime();
  }
  const k = turnIndex(r, decidingInstant);
  if (k < 0) return null;
  return r.members[k % r.members.length] ?? null;
}

/** The first handoff strictly after `at` (the anchor itself when `at` is before it); null for a degenerate turn length. */
export function nextHandoff(r: Rotation, at: Date): Date | null {
  const turn = r.turnDays * DAY_MS;
  if (!(turn > 0)) return null;
  const k = turnIndex(r, at.getTime());
  return new Date(r.anchor.getTime() + (k + 1) * turn);
}
