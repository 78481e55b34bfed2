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
  HEADLINE_KEYS,
  MAIN_SECTORS,
  SERIES_WEEKS,
  weeksEndingWith,
  type BreakdownRow,
  type DigestInput,
  type FeedHealthRow,
  type HeadlineKey,
  type IsoWeek,
  type MajorOpinionAlert,
  type NotableItem,
} from '../domain/digest/index.ts';
import { loadDispositionCounts } from './dispositions.ts';
import { asLevel, iso, isoOrNull } from './load-values.ts';
import { loadTopFirms } from './load-top-firms.ts';
import { loadCredit } from './load-credit.ts';

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
