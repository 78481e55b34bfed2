// Coverage gaps (pure): stretches of time when nobody on the roster is on
// duty at a tier for a district and category. Used by the daily check
// (warn of gaps in the next 7 days) and the roster page.

import { type DutyQuery, onDuty, type Roster } from './roster.ts';

export interface CoverageGap {
  district: string | null;
  category: string;
  tier: number;
  start: Date;
  /** Exclusive. */
  end: Date;
}

export interface GapQuery {
  districts: readonly (string | null)[];
  categories: readonly string[];
  tier: number;
  from: Date;
  to: Date;
  /** Sampling step; shift edges between samples are found to the step (default 15 min). */
  stepMinutes?: number;
}

/**
 * The uncovered stretches of [from, to) for each district and category,
 * sampled every step: a sample with nobody on duty opens or extends a gap.
 */
export function coverageGaps(roster: Roster, q: GapQuery): CoverageGap[] {
  const step = (q.stepMinutes ?? 15) * 60_000;
  const out: CoverageGap[] = [];
  for (const district of q.districts) {
    for (const category of q.categories) {
      let open: CoverageGap | null = null;
      for (let t = q.from.getTime(); t < q.to.getTime(); t += step) {
        const query: DutyQuery = { at: new Date(t), place: { district, street: null }, category, tier: q.tier };
        const covered = onDuty(roster, query).length > 0;
        if (!covered) {
          if (open === null) open = { district, category, tier: q.tier, start: new Date(t), end: new Date(Math.min(t + step, q.to.getTime())) };
          else open.end = new Date(Math.min(t + step, q.to.getTime()));
        } else if (open !== null) {
          out.push(open);
          open = null;
        }
      }
      if (open !== null) out.push(open);
    }
  }
  return out;
}

/** Levels at which finding nobody on duty is itself an alert. */
export const GAP_LEVELS: readonly string[] = ['red', 'orange'];

/** Whether an alert of `level` that paged `notified` people (not held by a silence) is a coverage gap. */
export function isCoverageGap(level: string, notified: number, silenced: boolean): boolean {
  return !silenced && notified === 0 && GAP_LEVELS.includes(level);
}

/**
 * The district's fallback tier: the highest on-duty tier its escalation
 * policy names (the section chief in the default chain), or null when the
 * policy names none.
 */
export function fallbackTier(policy: { steps: readonly { target: { kind: string; tier?: number } }[] }): number | null {
  const tiers = policy.steps.flatMap((s) => (s.target.kind === 'on_duty' && s.target.tier !== undefined ? [s.target.tier] : []));
  return tiers.length === 0 ? null : Math.max(...tiers);
}
