// Backtest arithmetic (pure): given each firm's warning level on each
// replayed day and the labelled incidents, how well did the levels warn?
//
// Per level L (meaning "L or higher"):
// - preceded: incidents for which the firm was at L on some replayed day in
//   the `horizonDays` before the incident's day (the day itself excluded:
//   a warning issued on the day of a strike is no warning);
// - lead time: days from the earliest such day to the incident; the median
//   over the preceded incidents;
// - episodes: maximal runs of replayed days at L. An episode is followed
//   when an incident of that firm falls between its first day and `horizon`
//   days after its last; it is pending when it is not (yet) followed and
//   its follow-up window reaches past the replay's end;
// - firmsWithoutIncident: firms that reached L and none of whose episodes
//   was followed (pending ones included, as "not followed so far"; the
//   pending count says how many of those could still be).

import type { Level } from './types.ts';

export const BACKTEST_LEVELS: readonly Level[] = ['red', 'orange', 'yellow', 'blue'];
const RANK: Readonly<Record<Level, number>> = { blue: 1, yellow: 2, orange: 3, red: 4 };

export interface BacktestIncident {
  firmId: number;
  /** Day number (days since 1970-01-01, Shanghai calendar). */
  day: number;
}

export interface BacktestInput {
  /** Replayed day numbers, ascending. */
  days: readonly number[];
  /** Per firm, its level on each replayed day (same length as days). */
  levels: ReadonlyMap<number, readonly (Level | null)[]>;
  incidents: readonly BacktestIncident[];
  horizonDays: number;
}

export interface LevelReport {
  level: Level;
  /** Incidents in the replayed period. */
  incidents: number;
  preceded: number;
  /** Median lead time in days over the preceded incidents; null when none. */
  medianLeadDays: number | null;
  firmsReached: number;
  firmsWithIncident: number;
  firmsWithoutIncident: number;
  /** Of firmsWithoutIncident, how many had an episode whose follow-up window is not over. */
  firmsPending: number;
}

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Index of the first day >= x (days ascending). */
function firstAtOrAfter(days: readonly number[], x: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function reportFor(level: Level, input: BacktestInput, inPeriod: readonly BacktestIncident[]): LevelReport {
  const { days, levels, horizonDays } = input;
  const at = (lv: Level | null | undefined) => lv != null && RANK[lv] >= RANK[level];
  const lastDay = days[days.length - 1] ?? Number.NEGATIVE_INFINITY;

  const leads: number[] = [];
  for (const inc of inPeriod) {
    const series = levels.get(inc.firmId);
    if (series === undefined) continue;
    const end = firstAtOrAfter(days, inc.day);
    for (let i = firstAtOrAfter(days, inc.day - horizonDays); i < end; i++) {
      if (at(series[i])) {
        leads.push(inc.day - days[i]!);
        break;
      }
    }
  }

  const incidentDays = new Map<number, number[]>();
  for (const inc of input.incidents) {
    let list = incidentDays.get(inc.firmId);
    if (list === undefined) incidentDays.set(inc.firmId, (list = []));
    list.push(inc.day);
  }
  let reached = 0;
  let withIncident = 0;
  let pending = 0;
  for (const [firmId, series] of levels) {
    let any = false;
    let followed = false;
    let open = false;
    const own = incidentDays.get(firmId) ?? [];
    for (let i = 0; i < series.length; i++) {
      if (!at(series[i])) continue;
      let j = i;
      while (j + 1 < series.length && at(series[j + 1])) j++;
      any = true;
      const from = days[i]!;
      const until = days[j]! + horizonDays;
      if (own.some((d) => d >= from && d <= until)) followed = true;
      else if (until > lastDay) open = true;
      i = j;
    }
    if (!any) continue;
    reached++;
    if (followed) withIncident++;
    else if (open) pending++;
  }
  return {
    level,
    incidents: inPeriod.length,
    preceded: leads.length,
    medianLeadDays: median(leads),
    firmsReached: reached,
    firmsWithIncident: withIncident,
    firmsWithoutIncident: reached - withIncident,
    firmsPending: pending,
  };
}

/** One report per level, red first. Only incidents after the first replayed day and up to the last are counted. */
export function evaluateBacktest(input: BacktestInput): LevelReport[] {
  const first = input.days[0];
  const last = input.days[input.days.length - 1];
  const inPeriod = first === undefined ? [] : input.incidents.filter((i) => i.day > first && i.day <= last!);
  return BACKTEST_LEVELS.map((l) => reportFor(l, input, inPeriod));
}
