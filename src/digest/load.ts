// Reads one week's digest figures from the database. Every query is bounded
// by the end of the week (raised_at, created_at, fetched_at, acknowledged_at,
// closed_at, firm_scores.at < end), so rebuilding an old week after new data
// arrived gives the same figures. The one exception is feed health: feeds
// keep only their current state, so it is a snapshot at build time (and a
// rebuild keeps the first snapshot; see publish.ts).

import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/connect.ts';
import {
  boundsOf,
  CREDIT_KINDS,
  HEADLINE_KEYS,
  MAIN_SECTORS,
  SERIES_WEEKS,
  weeksEndingWith,
  type BreakdownRow,
  type CreditEntry,
  type CreditInput,
  type CreditKind,
  type DigestInput,
  type FeedHealthRow,
  type HeadlineKey,
  type IsoWeek,
  type Level,
  type MajorOpinionAlert,
  type NotableItem,
  type TopFirmInput,
} from '../domain/digest/index.ts';
import { loadDispositionCounts } from './dispositions.ts';

export interface LoadOptions {
  week: IsoWeek;
  /** null: the whole deployment. */
  district: string | null;
  /** When feed health is checked (the build time). */
  now: Date;
  /** Petitions with at least this many petitioners are collective (劳动争议调解仲裁法 art. 7). */
  collectiveThreshold: number;
  topN?: number;
  notableN?: number;
  /** How many of the week's credit-list moves the document lists. */
  creditEntriesN?: number;
}

const iso = (v: unknown): string => (v instanceof Date ? v : new Date(String(v))).toISOString();
const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));
const LEVELS = new Set<Level>(['red', 'orange', 'yellow', 'blue']);
const asLevel = (v: unknown): Level | null => (LEVELS.has(v as Level) ? (v as Level) : null);

export async function loadDigestInput(db: Db, o: LoadOptions): Promise<DigestInput> {
  const weeks = weeksEndingWith(o.week, SERIES_WEEKS);
  const cur = boundsOf(o.week);
  const first = weeks[0]!;
  const { start, end } = cur;
  const s0 = first.start.getTime() / 1000;
  const D = o.district;
  const inScope = (f: string): RawBuilder<unknown> => (D === null ? sql`true` : sql`${sql.ref(f)} = ${D}`);
  const bucket = (col: string) => sql`floor((extract(epoch from ${sql.ref(col)}) - ${s0}) / 604800)::int`;
  const series = Object.fromEntries(HEADLINE_KEYS.map((k) => [k, new Array<number>(SERIES_WEEKS).fill(0)])) as Record<
    HeadlineKey,
    number[]
  >;
  const add = (k: HeadlineKey, w: number, n: number) => {
    if (w >= 0 && w < SERIES_WEEKS) series[k][w]! += n;
  };

  // New alerts by the level they were raised at (the 'raised' event), per week; this week's also by sector and area.
  const sectors = new Map<string, BreakdownRow>(MAIN_SECTORS.map((k) => [k, { key: k, alerts: 0, redOrange: 0 }]));
  const areas = new Map<string, BreakdownRow>();
  const areaKind = D === null ? 'district' : 'street';
  const areaOf = (r: { street: string | null; district: string | null }) =>
    (D === null ? r.district : r.street) ?? '未登记';
  const row = (m: Map<string, BreakdownRow>, k: string) =>
    m.get(k) ?? m.set(k, { key: k, alerts: 0, redOrange: 0 }).get(k)!;
  const alertRows = await sql<{
    w: number;
    level: string;
    rule: string;
    sector: string;
    street: string | null;
    district: string | null;
    n: number;
  }>`
    select ${bucket('a.raised_at')} as w,
      coalesce((select e.details->>'level' from alert_events e where e.alert_id = a.id and e.kind = 'raised' order by e.at, e.id limit 1), a.level) as level,
      a.rule, f.sector, f.street, f.district, count(*)::int as n
    from alerts a join firms f on f.id = a.firm_id
    where a.raised_at >= ${first.start} and a.raised_at < ${end} and ${inScope('f.district')}
    group by 1, 2, 3, 4, 5, 6`.execute(db);
  for (const r of alertRows.rows) {
    const lvl = asLevel(r.level);
    if (lvl) add(`alerts_${lvl}`, r.w, r.n);
    if (r.rule === 'major_opinion') add('major_opinion', r.w, r.n);
    if (r.w === SERIES_WEEKS - 1) {
      row(sectors, r.sector).alerts += r.n;
      row(areas, areaOf(r)).alerts += r.n;
    }
  }

  // Records ingested per week (created_at = when they were stored).
  for (const [table, key] of [
    ['inspections', 'records_inspections'],
    ['petitions', 'records_petitions'],
  ] as const) {
    const res = await sql<{ w: number; n: number }>`
      select ${bucket('r.created_at')} as w, count(*)::int as n from ${sql.table(table)} r left join firms f on f.id = r.firm_id
      where r.created_at >= ${first.start} and r.created_at < ${end} and ${D === null ? sql`true` : sql`coalesce(f.district, r.district) = ${D}`}
      group by 1`.execute(db);
    for (const r of res.rows) add(key, r.w, r.n);
  }
  const opinion =
    D === null
      ? await sql<{ w: number; n: number }>`select ${bucket('i.fetched_at')} as w, count(*)::int as n from feed_items i
        where i.fetched_at >= ${first.start} and i.fetched_at < ${end} group by 1`.execute(db)
      : await sql<{
          w: number;
          n: number;
        }>`select ${bucket('i.fetched_at')} as w, count(distinct i.id)::int as n from feed_items i
        join mentions m on m.item_id = i.id join firms f on f.id = m.firm_id
        where i.fetched_at >= ${first.start} and i.fetched_at < ${end} and f.district = ${D} group by 1`.execute(db);
  for (const r of opinion.rows) add('records_opinion', r.w, r.n);

  // Collective petitions by the week they were received, as known at the end of this week.
  const collective = await sql<{ w: number; n: number }>`
    select ((r.received - ${first.firstDay}::date) / 7)::int as w, count(*)::int as n from petitions r left join firms f on f.id = r.firm_id
    where r.received >= ${first.firstDay}::date and r.received <= ${cur.lastDay}::date and r.created_at < ${end}
      and r.petitioners >= ${o.collectiveThreshold} and ${D === null ? sql`true` : sql`coalesce(f.district, r.district) = ${D}`}
    group by 1`.execute(db);
  for (const r of collective.rows) add('collective_petitions', r.w, r.n);

  // This week's petitions by channel (12345, 领导留言板, ...), as known at the end of the week.
  const channels = await sql<{ channel: string | null; n: number }>`
    select r.channel, count(*)::int as n from petitions r left join firms f on f.id = r.firm_id
    where r.received >= ${cur.firstDay}::date and r.received <= ${cur.lastDay}::date and r.created_at < ${end}
      and ${D === null ? sql`true` : sql`coalesce(f.district, r.district) = ${D}`}
    group by 1 order by 1`.execute(db);

  // Firms at red/orange at each week's end: each firm's latest stored score before that instant, for all 12
  // week ends in one pass over the history (bucket b = the week a result was stored in, earlier ones in week 0;
  // a firm's last result of bucket b holds from week b until its next bucket), not one sort per week end.
  const levels = await sql<{
    k: number;
    level: string;
    sector: string;
    street: string | null;
    district: string | null;
    n: number;
  }>`
    select k, s.level, f.sector, f.street, f.district, count(*)::int as n
    from (select firm_id, level, b, coalesce(lag(b) over (partition by firm_id order by b desc), ${SERIES_WEEKS}) as nb
          from (select distinct on (firm_id, b) firm_id, b, level
                from (select firm_id, level, at, id, greatest(0, ${bucket('at')}) as b from firm_scores where at < ${end}) h
                order by firm_id, b desc, at desc, id desc) l) s
      join firms f on f.id = s.firm_id
      cross join lateral generate_series(s.b, s.nb - 1) k
    where s.level in ('red', 'orange') and ${inScope('f.district')}
    group by 1, 2, 3, 4, 5`.execute(db);
  for (const r of levels.rows) {
    add(r.level === 'red' ? 'firms_red' : 'firms_orange', r.k, r.n);
    if (r.k !== SERIES_WEEKS - 1) continue;
    row(sectors, r.sector).redOrange += r.n;
    row(areas, areaOf(r)).redOrange += r.n;
  }

  const topFirms = await loadTopFirms(db, end, start, inScope, o.topN ?? 10);
  const response = await loadResponse(db, start, end, inScope);
  const credit = await loadCredit(db, weeks[SERIES_WEEKS - 2]!.start, start, end, inScope, o.creditEntriesN ?? 30);
  const feeds = await loadFeedHealth(db, o.now);
  const notable = await loadNotable(db, start, end, D, o.notableN ?? 10);
  const dispositions = await loadDispositionCounts(db, start, end, inScope);

  return {
    week: cur.label,
    firstDay: cur.firstDay,
    lastDay: cur.lastDay,
    asOf: end.toISOString(),
    district: D,
    areaKind,
    weeks: weeks.map((w) => w.label),
    series,
    topFirms,
    sectors: [...sectors.values()],
    areas: [...areas.values()].sort(
      (a, b) => b.alerts + b.redOrange - (a.alerts + a.redOrange) || a.key.localeCompare(b.key),
    ),
    petitionChannels: channels.rows.map((r) => ({ channel: r.channel, petitions: r.n })),
    ...response,
    credit,
    feeds,
    feedsCheckedAt: o.now.toISOString(),
    notable,
    dispositions,
  };
}

/**
 * The highest scores as of the end of the week: each firm's latest result before then, one index probe per
 * firm in scope (firm_scores_firm_at), rather than sorting the whole history.
 */
async function loadTopFirms(
  db: Db,
  end: Date,
  start: Date,
  inScope: (f: string) => RawBuilder<unknown>,
  n: number,
): Promise<TopFirmInput[]> {
  const top = await sql<{
    id: number;
    firm_id: number;
    score: string | number;
    level: string | null;
    name: string;
    uscc: string | null;
    sector: string;
    street: string | null;
  }>`
    select s.id, f.id as firm_id, s.score, s.level, f.name, f.uscc, f.sector, f.street
    from firms f cross join lateral (select h.id, h.score, h.level from firm_scores h where h.firm_id = f.id and h.at < ${end}
                                     order by h.at desc, h.id desc limit 1) s
    where ${inScope('f.district')} order by s.score desc, f.id limit ${n}`.execute(db);
  if (top.rows.length === 0) return [];
  const ids = top.rows.map((r) => r.firm_id);
  const prev = await sql<{ firm_id: number; score: string | number }>`
    select distinct on (firm_id) firm_id, score from firm_scores where at < ${start} and firm_id in (${sql.join(ids)})
    order by firm_id, at desc, id desc`.execute(db);
  const prevOf = new Map(prev.rows.map((r) => [r.firm_id, Number(r.score)]));
  const details = await sql<{
    id: number;
    c: unknown;
  }>`select id, detail->'contributions' as c from firm_scores where id in (${sql.join(top.rows.map((r) => r.id))})`.execute(
    db,
  );
  const reasonsOf = new Map(details.rows.map((r) => [r.id, reasons(r.c)]));
  const keysOf = new Map(details.rows.map((r) => [r.id, reasons(r.c, 'key')]));
  return top.rows.map((r) => ({
    firmId: r.firm_id,
    name: r.name,
    uscc: r.uscc,
    sector: r.sector,
    street: r.street,
    score: Number(r.score),
    previousScore: prevOf.get(r.firm_id) ?? null,
    level: asLevel(r.level),
    reasons: reasonsOf.get(r.id) ?? [],
    reasonKeys: keysOf.get(r.id) ?? [],
  }));
}

/** The top two distinct reasons in words (or their keys, in the same order), from the score's contributions (largest first). */
function reasons(c: unknown, part: 'text' | 'key' = 'text'): string[] {
  const list = typeof c === 'string' ? (JSON.parse(c) as unknown) : c;
  if (!Array.isArray(list)) return [];
  const out: string[] = [];
  const seen: string[] = [];
  for (const x of list) {
    const why = (x as { why?: { text?: unknown; key?: unknown } })?.why;
    const text = why?.text;
    if (typeof text === 'string' && text && !seen.includes(text)) {
      seen.push(text);
      out.push(part === 'text' ? text : String(why?.key ?? ''));
    }
    if (seen.length === 2) break;
  }
  return out;
}

async function loadResponse(db: Db, start: Date, end: Date, inScope: (f: string) => RawBuilder<unknown>) {
  const ack = await sql<{ m: string | number | null }>`
    select case when a.acknowledged_at < ${end} then extract(epoch from (a.acknowledged_at - a.raised_at)) / 60 end as m
    from alerts a join firms f on f.id = a.firm_id
    where a.raised_at >= ${start} and a.raised_at < ${end} and ${inScope('f.district')}`.execute(db);
  const ackMinutes = ack.rows.filter((r) => r.m !== null).map((r) => Number(r.m));
  const dl = await sql<{ due: number; met: number }>`
    select count(*)::int as due, (count(*) filter (where a.closed_at is not null and a.closed_at <= a.handle_due_at))::int as met
    from alerts a join firms f on f.id = a.firm_id
    where a.handle_due_at >= ${start} and a.handle_due_at < ${end} and ${inScope('f.district')}`.execute(db);
  const mo = await sql<{
    id: number;
    title: string;
    level: string;
    name: string;
    raised_at: unknown;
    handle_due_at: unknown;
    closed_at: unknown;
  }>`
    select a.id, a.title, a.level, f.name, a.raised_at, a.handle_due_at, case when a.closed_at < ${end} then a.closed_at end as closed_at
    from alerts a join firms f on f.id = a.firm_id
    where a.rule = 'major_opinion' and a.raised_at >= ${start} and a.raised_at < ${end} and ${inScope('f.district')}
    order by a.raised_at, a.id`.execute(db);
  const majorOpinion: MajorOpinionAlert[] = mo.rows.map((r) => ({
    alertId: r.id,
    firm: r.name,
    title: r.title,
    ...(asLevel(r.level) ? { level: asLevel(r.level)! } : {}),
    raisedAt: iso(r.raised_at),
    handleDueAt: isoOrNull(r.handle_due_at),
    closedAt: isoOrNull(r.closed_at),
  }));
  return {
    ackMinutes,
    unacknowledged: ack.rows.length - ackMinutes.length,
    deadlines: { due: dl.rows[0]?.due ?? 0, met: dl.rows[0]?.met ?? 0 },
    majorOpinion,
  };
}

/**
 * The credit list from its history (credit_events, append-only): moves into
 * candidate / proposed / listed / removed during the week and the week
 * before (a row whose state changed; refreshes and objection steps keep the
 * state and do not count), and each case's state at the end of the week
 * (its last history row before then). Case columns are not read: they hold
 * the current state, which a later step may have changed.
 */
async function loadCredit(
  db: Db,
  prevStart: Date,
  start: Date,
  end: Date,
  inScope: (f: string) => RawBuilder<unknown>,
  n: number,
): Promise<CreditInput> {
  const zero = () => Object.fromEntries(CREDIT_KINDS.map((k) => [k, 0])) as Record<CreditKind, number>;
  const week = zero();
  const previous = zero();
  const moves = sql`e.to_state in ('candidate', 'proposed', 'listed', 'removed') and e.from_state is distinct from e.to_state`;
  const counts = await sql<{ cur: boolean; kind: CreditKind; n: number }>`
    select e.at >= ${start} as cur, e.to_state as kind, count(*)::int as n
    from credit_events e join credit_cases c on c.id = e.case_id join firms f on f.id = c.firm_id
    where e.at >= ${prevStart} and e.at < ${end} and ${moves} and ${inScope('f.district')}
    group by 1, 2`.execute(db);
  for (const r of counts.rows) (r.cur ? week : previous)[r.kind] += r.n;
  const atEnd = await sql<{ listed: number; active: number }>`
    select (count(*) filter (where s.to_state = 'listed'))::int as listed,
      (count(*) filter (where s.to_state in ('candidate', 'proposed', 'notified', 'statement_recorded', 'no_statement', 'approved')))::int as active
    from (select distinct on (e.case_id) e.case_id, e.to_state from credit_events e where e.at < ${end} order by e.case_id, e.at desc, e.id desc) s
      join credit_cases c on c.id = s.case_id join firms f on f.id = c.firm_id
    where ${inScope('f.district')}`.execute(db);
  const rows = await sql<{
    case_id: number;
    name: string;
    uscc: string | null;
    kind: CreditKind;
    at: unknown;
    action: string;
    details: unknown;
  }>`
    select e.case_id, f.name, f.uscc, e.to_state as kind, e.at, e.action, e.details
    from credit_events e join credit_cases c on c.id = e.case_id join firms f on f.id = c.firm_id
    where e.at >= ${start} and e.at < ${end} and ${moves} and ${inScope('f.district')}
    order by e.at, e.id limit ${n}`.execute(db);
  const entries: CreditEntry[] = rows.rows.map((r) => {
    const d = (typeof r.details === 'string' ? JSON.parse(r.details) : (r.details ?? {})) as {
      decisionNo?: unknown;
      kind?: unknown;
    };
    const removalKind =
      r.kind !== 'removed'
        ? null
        : r.action === 'expire'
          ? 'expiry'
          : r.action === 'decide-objection'
            ? 'revoked'
            : d.kind === 'early' || d.kind === 'revoked' || d.kind === 'expiry'
              ? d.kind
              : null;
    return {
      caseId: r.case_id,
      firm: r.name,
      uscc: r.uscc,
      kind: r.kind,
      at: iso(r.at),
      decisionNo: r.kind === 'listed' && typeof d.decisionNo === 'string' ? d.decisionNo : null,
      removalKind,
    };
  });
  return {
    week,
    previous,
    listedAtEnd: atEnd.rows[0]?.listed ?? 0,
    inProcedureAtEnd: atEnd.rows[0]?.active ?? 0,
    entries,
    entriesTotal: CREDIT_KINDS.reduce((a, k) => a + week[k], 0),
  };
}

/** Enabled feeds whose last success (or, never successful, whose registration) is more than a day before `now`. */
export async function loadFeedHealth(db: Db, now: Date): Promise<FeedHealthRow[]> {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const rows = await db
    .selectFrom('feeds')
    .select(['name', 'last_success_at', 'consecutive_failures', 'last_error', 'created_at'])
    .where('enabled', '=', true)
    .where('consecutive_failures', '>', 0)
    .orderBy('name')
    .execute();
  return rows
    .filter((f) => (f.last_success_at ?? f.created_at).getTime() < dayAgo.getTime())
    .map((f) => ({
      name: f.name,
      lastSuccessAt: isoOrNull(f.last_success_at),
      consecutiveFailures: f.consecutive_failures,
      lastError: f.last_error,
    }));
}

async function loadNotable(db: Db, start: Date, end: Date, D: string | null, n: number): Promise<NotableItem[]> {
  const items = await sql<{
    id: number;
    title: string;
    link: string | null;
    feed: string;
    max_severity: number;
    major: boolean;
    fetched_at: unknown;
  }>`
    select i.id, i.title, i.link, fd.name as feed, i.max_severity, i.major, i.fetched_at from feed_items i join feeds fd on fd.id = i.feed_id
    where i.fetched_at >= ${start} and i.fetched_at < ${end} and i.max_severity > 0 and not i.neutral
      and ${D === null ? sql`true` : sql`exists (select 1 from mentions m join firms f on f.id = m.firm_id where m.item_id = i.id and f.district = ${D})`}
    order by i.major desc, i.max_severity desc, i.fetched_at, i.id limit ${n}`.execute(db);
  if (items.rows.length === 0) return [];
  const names = await sql<{ item_id: number; name: string }>`
    select distinct m.item_id, f.name from mentions m join firms f on f.id = m.firm_id
    where m.item_id in (${sql.join(items.rows.map((r) => r.id))}) ${D === null ? sql`` : sql`and f.district = ${D}`} order by f.name`.execute(
    db,
  );
  return items.rows.map((r) => ({
    title: r.title,
    link: r.link,
    feed: r.feed,
    severity: r.max_severity,
    major: r.major,
    at: iso(r.fetched_at),
    firms: names.rows.filter((x) => x.item_id === r.id).map((x) => x.name),
  }));
}
