// The alert queue and one alert with its timeline, under the caller's jurisdiction.

import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../db/connect.ts';
import { Invalid, NotFound } from '../domain/errors.ts';
import type { Scope } from '../domain/jurisdiction.ts';
import { firmInScope } from '../firms/firms-repo.ts';
import { OPEN_STATUS_SQL } from '../domain/alerts/states.ts';
import { type AlertDto, alertQuery, toAlertDto } from './alert-view.ts';
import { msg } from '../domain/i18n/messages.ts';

export { OPEN_STATUSES } from '../domain/alerts/states.ts';
export const ALERT_LEVELS = ['red', 'orange', 'yellow', 'blue'] as const;

export interface AlertFilter {
  /** 'open' (the three open states, default), 'all', or one status. */
  status?: string | undefined;
  level?: string | undefined;
  rule?: string | undefined;
  firmId?: number | undefined;
  assigneeId?: number | undefined;
  overdue?: boolean | undefined;
  /** firms.sector */
  sector?: string | undefined;
  /** firms.street */
  street?: string | undefined;
  /** The alert's category: 'opinion' or 'labor'. */
  source?: string | undefined;
  limit: number;
  offset?: number | undefined;
  /** An opaque cursor from a previous page (`next`): rows after it. */
  after?: string | undefined;
}

// The queue order — level, overdue first, nearest deadline (none last),
// newest, highest id — written as one ascending row of keys, so that a
// page boundary is a single row comparison and one btree index (migration
// 0005, the same expressions verbatim) serves both the order and the
// cursor. Descending keys are negated: the timestamp as an interval before
// a fixed epoch, the id by sign; booleans by `not`; a missing deadline as
// +infinity. Constants are inlined (not parameters) so the planner matches
// the index expressions.
const K_RANK = sql<number>`array_position(array['red','orange','yellow','blue']::text[], alerts.level)`;
const K_LATE = sql<boolean>`(not alerts.overdue)`;
const K_DUE = sql<string>`coalesce(alerts.handle_due_at, alerts.ack_due_at, 'infinity'::timestamptz)`;
const K_NEWEST = sql<string>`('2000-01-01 00:00:00+00'::timestamptz - alerts.raised_at)`;
const K_ID = sql<number>`(- alerts.id)`;
const SORT_ROW = sql`(${K_RANK}, ${K_LATE}, ${K_DUE}, ${K_NEWEST}, ${K_ID})`;

interface CursorKey {
  rank: number;
  late: boolean;
  due: string;
  raised: string;
  id: number;
}

export function encodeCursor(k: CursorKey): string {
  return Buffer.from(JSON.stringify([k.rank, k.late ? 1 : 0, k.due, k.raised, k.id])).toString('base64url');
}

export function decodeCursor(s: string): CursorKey {
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 5) {
      const [rank, late, due, raised, id] = v as unknown[];
      const ts = (x: unknown): x is string =>
        typeof x === 'string' &&
        x.length <= 40 &&
        (x === 'infinity' ||
          !Number.isNaN(Date.parse(x.replace(' ', 'T'))) ||
          /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?[+-]\d\d(:\d\d)?$/.test(x));
      if (Number.isInteger(rank) && (late === 0 || late === 1) && ts(due) && ts(raised) && Number.isInteger(id)) {
        return { rank: rank as number, late: late === 1, due, raised, id: id as number };
      }
    }
  } catch {
    /* falls through */
  }
  throw new Invalid('after: not a cursor of this queue', undefined, msg('alert.bad_cursor'));
}

function filtered(db: Db, scope: Scope | null, f: Omit<AlertFilter, 'limit'>) {
  let q = alertQuery(db);
  if (scope) q = q.where(firmInScope(scope));
  q = q.where(statusIs(f.status));
  if (f.level) q = q.where('alerts.level', '=', f.level);
  if (f.rule) q = q.where('alerts.rule', '=', f.rule);
  if (f.firmId) q = q.where('alerts.firm_id', '=', f.firmId);
  if (f.assigneeId) q = q.where('alerts.assignee_id', '=', f.assigneeId);
  if (f.overdue !== undefined) q = q.where('alerts.overdue', '=', f.overdue);
  if (f.sector) q = q.where('firms.sector', '=', f.sector);
  if (f.street) q = q.where('firms.street', '=', f.street);
  if (f.source) q = q.where('alerts.category', '=', f.source);
  return q;
}

/** The status filter, spelled as the partial index's predicate for the open queue. */
function statusIs(status: string | undefined): Expression<SqlBool> {
  const s = status ?? 'open';
  if (s === 'open') return sql<SqlBool>`alerts.status in ${sql.raw(OPEN_STATUS_SQL)}`;
  if (s === 'all') return sql<SqlBool>`true`;
  return sql<SqlBool>`alerts.status = ${s}`;
}

export interface AlertPage {
  alerts: AlertDto[];
  /** Cursor of the page after this one; null on the last page. */
  next: string | null;
}

/** Most urgent first: level, overdue, then the nearest deadline, then the newest. */
export async function listAlertsPage(
  db: Db,
  scope: Scope | null,
  f: AlertFilter,
  publicUrl: string,
): Promise<AlertPage> {
  let q = filtered(db, scope, f);
  if (f.after) {
    const c = decodeCursor(f.after);
    q = q.where(
      sql<SqlBool>`${SORT_ROW} > (${c.rank}::int, ${c.late}::boolean, ${c.due}::timestamptz, '2000-01-01 00:00:00+00'::timestamptz - ${c.raised}::timestamptz, ${-c.id}::int)`,
    );
  }
  const rows = await q
    .select([
      K_RANK.as('k_rank'),
      K_LATE.as('k_late'),
      sql<string>`(${K_DUE})::text`.as('k_due'),
      sql<string>`alerts.raised_at::text`.as('k_raised'),
    ])
    .orderBy(K_RANK)
    .orderBy(K_LATE)
    .orderBy(K_DUE)
    .orderBy(K_NEWEST)
    .orderBy(K_ID)
    .limit(f.limit + 1)
    .offset(f.offset ?? 0)
    .execute();
  const more = rows.length > f.limit;
  const page = more ? rows.slice(0, f.limit) : rows;
  const last = page.at(-1);
  return {
    alerts: page.map((r) => toAlertDto(r, publicUrl)),
    next:
      more && last
        ? encodeCursor({
            rank: Number(last.k_rank),
            late: last.k_late,
            due: last.k_due,
            raised: last.k_raised,
            id: last.id,
          })
        : null,
  };
}

export async function listAlerts(db: Db, scope: Scope | null, f: AlertFilter, publicUrl: string): Promise<AlertDto[]> {
  return (await listAlertsPage(db, scope, f, publicUrl)).alerts;
}

/**
 * Alerts per level under the queue's other filters (status, rule, sector,
 * street, source, assignee): what each level chip would list. One grouped count.
 */
export async function countByLevel(
  db: Db,
  scope: Scope | null,
  f: Omit<AlertFilter, 'limit' | 'level' | 'after' | 'offset'>,
): Promise<Record<string, number>> {
  const rows = await filtered(db, scope, { ...f, level: undefined })
    .clearSelect()
    .select(['alerts.level', sql<string>`count(*)`.as('n')])
    .groupBy('alerts.level')
    .execute();
  const out: Record<string, number> = Object.fromEntries(ALERT_LEVELS.map((l) => [l, 0]));
  for (const r of rows) out[r.level] = Number(r.n);
  return out;
}

/** Open alerts per level in the caller's jurisdiction: one grouped count. */
export async function countOpenByLevel(db: Db, scope: Scope | null): Promise<Record<string, number>> {
  let q = db
    .selectFrom('alerts')
    .select(['alerts.level', sql<string>`count(*)`.as('n')])
    .where(statusIs('open'));
  if (scope && scope.kind !== 'all') q = q.innerJoin('firms', 'firms.id', 'alerts.firm_id').where(firmInScope(scope));
  const rows = await q.groupBy('alerts.level').execute();
  const out: Record<string, number> = Object.fromEntries(ALERT_LEVELS.map((l) => [l, 0]));
  for (const r of rows) out[r.level] = Number(r.n);
  return out;
}

export interface TimelineEntry {
  at: string;
  kind: string;
  actor: string;
  details: Record<string, unknown>;
}

export async function getAlert(
  db: Db,
  scope: Scope,
  id: number,
  publicUrl: string,
): Promise<AlertDto & { timeline: TimelineEntry[] }> {
  const row = await alertQuery(db).where('alerts.id', '=', id).where(firmInScope(scope)).executeTakeFirst();
  if (!row) throw new NotFound(`alert ${id} not found`, undefined, msg('alert.not_found', { id }));
  const events = await db
    .selectFrom('alert_events')
    .select(['at', 'kind', 'actor_name', 'details'])
    .where('alert_id', '=', id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return {
    ...toAlertDto(row, publicUrl),
    timeline: events.map((e) => ({ at: e.at.toISOString(), kind: e.kind, actor: e.actor_name, details: e.details })),
  };
}

export interface OpinionEvidence {
  id: number;
  feed: string;
  title: string;
  link: string | null;
  publishedAt: string | null;
  /** `title + "\n" + text`: the string the mention and term offsets count in. */
  matched: string;
  /** The title's length in `matched` (the body starts one after it). */
  titleLength: number;
  html: string | null;
  /** [offset, length] in `matched` of the firm's names and the risk terms. */
  aliases: Array<{ offset: number; length: number; alias: string }>;
  terms: Array<{ offset: number; length: number; term: string }>;
  /** 'local' | 'elsewhere' | 'none'; null for items stored before places were read. */
  place: string | null;
  places: string[];
  /** The other copies of the same story (reprints on other feeds); the story counted once. */
  copies: Array<{ id: number; feed: string; title: string; link: string | null; publishedAt: string | null }>;
}

/**
 * The feed items behind an alert (its own evidence, else the firm's
 * contributing items), with where the firm's names and the risk terms
 * matched, for highlighting. The firm is already known to be in scope.
 */
export async function opinionEvidence(db: Db, firmId: number, itemIds: readonly number[]): Promise<OpinionEvidence[]> {
  if (itemIds.length === 0) return [];
  const [items, mentions] = await Promise.all([
    db
      .selectFrom('feed_items')
      .innerJoin('feeds', 'feeds.id', 'feed_items.feed_id')
      .select([
        'feed_items.id',
        'feeds.name as feed',
        'feed_items.title',
        'feed_items.link',
        'feed_items.published_at',
        'feed_items.text',
        'feed_items.html',
        'feed_items.terms',
        'feed_items.place',
        'feed_items.places',
        sql<number>`coalesce(feed_items.story_id, feed_items.id)`.as('story'),
      ])
      .where('feed_items.id', 'in', [...itemIds])
      .execute(),
    db
      .selectFrom('mentions')
      .select(['item_id', 'alias', 'offset', 'length'])
      .where('item_id', 'in', [...itemIds])
      .where('firm_id', '=', firmId)
      .execute(),
  ]);
  const copies = await storyCopies(
    db,
    items.map((i) => i.story),
  );
  const order = new Map(itemIds.map((id, i) => [id, i]));
  return items
    .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
    .map((i) => {
      const terms = Array.isArray(i.terms) ? (i.terms as Array<Record<string, unknown>>) : [];
      return {
        id: i.id,
        feed: i.feed,
        title: i.title,
        link: i.link,
        publishedAt: i.published_at?.toISOString() ?? null,
        matched: `${i.title}\n${i.text}`,
        titleLength: i.title.length,
        html: i.html,
        aliases: mentions
          .filter((m) => m.item_id === i.id)
          .map((m) => ({ offset: m.offset, length: m.length, alias: m.alias })),
        terms: terms
          .filter((t) => typeof t['offset'] === 'number' && typeof t['length'] === 'number')
          .map((t) => ({
            offset: t['offset'] as number,
            length: t['length'] as number,
            term: String(t['term'] ?? ''),
          })),
        place: i.place,
        places: i.places,
        copies: copies
          .filter((c) => c.story === i.story && c.id !== i.id)
          .map((c) => ({
            id: c.id,
            feed: c.feed,
            title: c.title,
            link: c.link,
            publishedAt: c.published_at?.toISOString() ?? null,
          })),
      };
    });
}

/** Every item of the given stories (issue 14: one story, many copies), oldest first. */
function storyCopies(db: Db, stories: readonly number[]) {
  if (stories.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('feed_items')
    .innerJoin('feeds', 'feeds.id', 'feed_items.feed_id')
    .select([
      'feed_items.id',
      'feeds.name as feed',
      'feed_items.title',
      'feed_items.link',
      'feed_items.published_at',
      sql<number>`coalesce(feed_items.story_id, feed_items.id)`.as('story'),
    ])
    .where((eb) => eb.or([eb('feed_items.id', 'in', [...stories]), eb('feed_items.story_id', 'in', [...stories])]))
    .orderBy('feed_items.id')
    .limit(200)
    .execute();
}
