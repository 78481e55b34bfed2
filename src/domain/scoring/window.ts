// How far back the model looks. Records beyond the horizon are ignored
// outright (not just decayed to almost nothing), which makes the window
// exact: a rescoring job that loads only the records evidenceWindow names
// gets bit-for-bit the score it would get from the full history.

import { DAY_MS, formatDay, requireInstant, shanghaiDayOf } from './calendar.ts';
import type { ModelConfig } from './config.ts';

export interface Horizons {
  /** Oldest inspection age in whole days that still counts. */
  inspectionDays: number;
  petitionDays: number;
  /** Oldest mention age in milliseconds that still counts. */
  opinionMs: number;
}

// Each horizon also covers the windows of the triggers and the spike
// baseline of its source, so no rule looks past what the model loads.
export function horizons(c: ModelConfig): Horizons {
  const h = c.horizonHalfLives;
  const spikeDays = c.opinion.spike.baselineDays + c.opinion.spike.windowHours / 24;
  return {
    inspectionDays: Math.ceil(Math.max(c.halfLifeDays.inspections * h, c.triggers.overdueWageOrder.days)),
    petitionDays: Math.ceil(
      Math.max(
        c.halfLifeDays.petitions * h,
        c.triggers.collectiveWagePetition.days,
        c.triggers.collectiveAction.petitionDays,
      ),
    ),
    opinionMs:
      Math.max(c.halfLifeDays.opinion * h, spikeDays, c.triggers.majorOpinion.days, c.triggers.collectiveAction.days) *
      DAY_MS,
  };
}

export interface EvidenceWindow {
  /** Inspections dated on or after this day (YYYY-MM-DD) and on or before `untilDate`. */
  inspectionsFrom: string;
  /** Petitions received on or after this day and on or before `untilDate`. */
  petitionsFrom: string;
  /** Mentions published at or after this instant and at or before `until`. */
  mentionsFrom: Date;
  untilDate: string;
  until: Date;
}

/**
 * The records that can change a score at `at`; everything outside may be
 * left in the database. Date bounds are inclusive Shanghai calendar dates.
 */
export function evidenceWindow(at: Date, config: ModelConfig): EvidenceWindow {
  const atMs = requireInstant(at, 'at');
  const day = shanghaiDayOf(at);
  const h = horizons(config);
  return {
    inspectionsFrom: formatDay(day - h.inspectionDays),
    petitionsFrom: formatDay(day - h.petitionDays),
    mentionsFrom: new Date(atMs - h.opinionMs),
    untilDate: formatDay(day),
    until: new Date(atMs),
  };
}
