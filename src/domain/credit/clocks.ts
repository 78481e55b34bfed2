// Every statutory clock of a credit case, in working days with the work
// calendar (public holidays and 调休), computed from the case: what starts
// it, when it ends, whether it is stopped (a notice not yet received),
// running, met or lapsed. Pure; the daily job alerts on the ones about to
// lapse and the case page shows them all.

import { isWorkingDay, type WorkCalendar } from '../alerts/working-days.ts';
import { dayNumber } from '../scoring/calendar.ts';
import type { ArticleKey } from './articles.ts';
import type { CreditConfig } from './config.ts';
import { endOfDay, nthWorkingDayAfter } from './deadlines.ts';
import type { CaseState } from './states.ts';

export const CLOCK_KEYS = [
  'statement',
  'statement_review',
  'decision',
  'publication',
  'early_removal_decision',
  'expiry_removal',
] as const;
export type ClockKey = (typeof CLOCK_KEYS)[number];

export const CLOCK_ZH: Readonly<Record<ClockKey, string>> = {
  statement: '异议（陈述申辩）期限',
  statement_review: '异议核实期限',
  decision: '作出列入决定期限',
  publication: '列入后公开期限',
  early_removal_decision: '提前移出申请决定期限',
  expiry_removal: '期满移出期限',
};

export const CLOCK_ARTICLE: Readonly<Record<ClockKey, ArticleKey>> = {
  statement: 'statementPeriod',
  statement_review: 'statementReview',
  decision: 'decisionDeadline',
  publication: 'publicationPeriod',
  early_removal_decision: 'earlyRemovalDecision',
  expiry_removal: 'expiryRemoval',
};

export type ClockStatus = 'stopped' | 'running' | 'met' | 'lapsed';

export interface Clock {
  key: ClockKey;
  article: ArticleKey;
  /** The date of the act the period runs from (the period starts the next day); null while stopped. */
  from: string | null;
  workingDays: number;
  /** The last day of the period (24:00 Shanghai), null while stopped. */
  dueOn: string | null;
  dueAt: string | null;
  status: ClockStatus;
  /** The day the step was taken (met), if it was. */
  metOn: string | null;
  /** Why stopped, or what moved it (extension). */
  note: string | null;
}

function clock(
  key: ClockKey,
  from: string | null,
  n: number,
  metOn: string | null,
  today: string,
  cal: WorkCalendar,
  note: string | null = null,
): Clock {
  if (from === null)
    return {
      key,
      article: CLOCK_ARTICLE[key],
      from: null,
      workingDays: n,
      dueOn: null,
      dueAt: null,
      status: 'stopped',
      metOn: null,
      note,
    };
  const dueOn = nthWorkingDayAfter(from, n, cal);
  const status: ClockStatus = metOn !== null ? 'met' : dayNumber(today) > dayNumber(dueOn) ? 'lapsed' : 'running';
  return {
    key,
    article: CLOCK_ARTICLE[key],
    from,
    workingDays: n,
    dueOn,
    dueAt: endOfDay(dueOn).toISOString(),
    status,
    metOn,
    note,
  };
}

const DECIDED = new Set(['listed', 'removed', 'rejected', 'withdrawn', 'not_listed_paid']);

/** The clocks that apply to the case as of the Shanghai date `today`, in procedure order. */
export function caseClocks(c: CaseState, today: string, cal: WorkCalendar, cfg: CreditConfig): Clock[] {
  const f = c.file;
  const out: Clock[] = [];
  if (c.noticeNo !== null) {
    const received = f.noticeService?.receivedOn ?? null;
    const met = f.statementReceivedOn ?? f.noStatementOn ?? (DECIDED.has(c.state) ? (f.closedOn ?? c.listedOn) : null);
    out.push(
      clock(
        'statement',
        received,
        cfg.statementWorkingDays,
        met,
        today,
        cal,
        received === null ? '告知书尚未送达，期限不起算' : null,
      ),
    );
  }
  if (f.statementReceivedOn !== null) {
    out.push(
      clock(
        'statement_review',
        f.statementReceivedOn,
        cfg.statementReviewWorkingDays,
        f.statementReview?.reviewedOn ?? f.closedOn,
        today,
        cal,
      ),
    );
  }
  if (f.paymentDeadline !== null && c.state !== 'candidate') {
    const n = cfg.decisionWorkingDays + (f.extension?.workingDays ?? 0);
    const met = c.listedOn ?? f.closedOn;
    out.push(
      clock(
        'decision',
        f.paymentDeadline,
        n,
        met,
        today,
        cal,
        f.extension ? `经${f.extension.by}批准延长${f.extension.workingDays}个工作日：${f.extension.reason}` : null,
      ),
    );
  }
  if (c.listedOn !== null) {
    out.push(clock('publication', c.listedOn, cfg.publishWorkingDays, f.publishedOn, today, cal));
  }
  if (f.earlyRemoval !== null) {
    out.push(
      clock(
        'early_removal_decision',
        f.earlyRemoval.appliedOn,
        cfg.earlyRemovalDecideWorkingDays,
        f.earlyRemoval.decidedOn,
        today,
        cal,
      ),
    );
  }
  if (c.expectedExitOn !== null && (c.state === 'listed' || c.removalKind === 'expiry')) {
    out.push(
      clock(
        'expiry_removal',
        c.expectedExitOn,
        cfg.expiryRemovalWorkingDays,
        c.removalKind === 'expiry' ? c.removedOn : null,
        today,
        cal,
      ),
    );
  }
  return out;
}

/** Clocks running and within `warn` working days of their end (or lapsed today or earlier and never met). */
export function clocksDueSoon(clocks: readonly Clock[], today: string, warn: number, cal: WorkCalendar): Clock[] {
  return clocks.filter((k) => {
    if (k.dueOn === null || k.status === 'met' || k.status === 'stopped') return false;
    if (k.status === 'lapsed') return true;
    // The warning starts on the day that is `warn` working days before the end.
    let d = dayNumber(k.dueOn);
    let left = 0;
    const t = dayNumber(today);
    while (d > t && left <= warn) {
      d--;
      if (isWorkingDay(d, cal)) left++;
    }
    return left <= warn;
  });
}
