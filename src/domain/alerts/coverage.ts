// Coverage gaps (pure): stretches of time when nobody on the roster is on
// duty at a tier for a district and category. Used by the daily check
// (warn of gaps in the next 7 days) and the roster page.

import { type DutyQuery, onDuty, type Roster } from './roster.ts';
import { LEVEL_ZH } from '../alert-rules.ts';
import { codeLabel } from '../i18n/codes.ts';
import type { Level } from '../scoring/index.ts';

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
          if (open === null)
            open = {
              district,
              category,
              tier: q.tier,
              start: new Date(t),
              end: new Date(Math.min(t + step, q.to.getTime())),
            };
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
  const tiers = policy.steps.flatMap((s) =>
    s.target.kind === 'on_duty' && s.target.tier !== undefined ? [s.target.tier] : [],
  );
  return tiers.length === 0 ? null : Math.max(...tiers);
}

/**
 * The unit of a coverage-gap alert: one open gap alert per district and
 * alert category (its fingerprint, unique among open gap alerts). A later
 * gap in the same district and category, while that alert is open, is
 * added to its timeline instead of paging the fallback again; once it is
 * closed, the next gap raises a new one.
 */
export function gapFingerprint(district: string | null, category: string): string {
  return `gap:${district ?? '*'}:${category}`;
}

/** The title of a gap alert, naming the first alert nobody was found for. */
export function gapTitle(g: {
  level: Level;
  district: string | null;
  category: string;
  alertId: number;
  firmName: string;
}): string {
  const where = `${g.district ?? '全市'}·${codeLabel('zh', 'alertCategory', g.category)}`;
  return `【${LEVEL_ZH[g.level]}预警·无人值班】${where}：预警 #${g.alertId}（${g.firmName}）未找到值班人员`;
}
