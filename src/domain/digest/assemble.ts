import { dayStartMs, shanghaiDayOf } from '../time/shanghai.ts';
import { median, percentile, ratio } from './stats.ts';
import { dispositionCounts } from './dispositions.ts';
import {
  CREDIT_KINDS,
  HEADLINE_KEYS,
  type CreditSection,
  type DigestContent,
  type DigestInput,
  type MajorOpinionAlert,
  type Response,
} from './types.ts';

/** Without a stored deadline, a major opinion alert is due by the end of its Shanghai day (重大舆情不过夜). */
export function sameDayDeadline(a: Pick<MajorOpinionAlert, 'raisedAt' | 'handleDueAt'>): number {
  if (a.handleDueAt !== null) return Date.parse(a.handleDueAt);
  return dayStartMs(shanghaiDayOf(new Date(a.raisedAt)) + 1);
}

function response(input: DigestInput): Response {
  const asOf = Date.parse(input.asOf);
  let inTime = 0;
  let pending = 0;
  const overdueAlerts: MajorOpinionAlert[] = [];
  for (const a of input.majorOpinion) {
    const due = sameDayDeadline(a);
    const closed = a.closedAt === null ? null : Date.parse(a.closedAt);
    if (closed !== null && closed <= due) inTime++;
    else if (due >= asOf && closed === null) pending++;
    else overdueAlerts.push(a);
  }
  const ack = input.ackMinutes;
  return {
    acknowledged: ack.length,
    unacknowledged: input.unacknowledged,
    ackMedianMinutes: median(ack),
    ackP90Minutes: percentile(ack, 90),
    deadlinesDue: input.deadlines.due,
    deadlinesMet: input.deadlines.met,
    deadlineShare: ratio(input.deadlines.met, input.deadlines.due),
    sameDay: {
      total: input.majorOpinion.length,
      inTime,
      overdue: overdueAlerts.length,
      pending,
      rate: ratio(inTime, inTime + overdueAlerts.length),
      overdueAlerts,
    },
  };
}

function credit(input: DigestInput): CreditSection {
  const c = input.credit;
  return {
    counts: CREDIT_KINDS.map((kind) => ({
      kind,
      value: c.week[kind],
      previous: c.previous[kind],
      change: c.week[kind] - c.previous[kind],
    })),
    listedAtEnd: c.listedAtEnd,
    inProcedureAtEnd: c.inProcedureAtEnd,
    entries: c.entries,
    entriesTotal: c.entriesTotal,
  };
}

/** Derives changes and rates; everything else is passed through as loaded. */
export function assembleDigest(input: DigestInput): DigestContent {
  const headlines = HEADLINE_KEYS.map((key) => {
    const series = input.series[key];
    const value = series[series.length - 1] ?? 0;
    const previous = series[series.length - 2] ?? 0;
    return { key, value, previous, change: value - previous, series };
  });
  return {
    version: 1,
    week: input.week,
    firstDay: input.firstDay,
    lastDay: input.lastDay,
    asOf: input.asOf,
    district: input.district,
    areaKind: input.areaKind,
    weeks: input.weeks,
    headlines,
    topFirms: input.topFirms.map((f) => ({
      ...f,
      change: f.previousScore === null ? null : round1(f.score - f.previousScore),
    })),
    sectors: input.sectors,
    areas: input.areas,
    petitionChannels: input.petitionChannels ?? [],
    response: response(input),
    credit: credit(input),
    feeds: input.feeds,
    feedsCheckedAt: input.feedsCheckedAt,
    notable: input.notable,
    ...(input.dispositions ? { dispositions: dispositionCounts(input.dispositions) } : {}),
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
