// Feed health alerts as the console reads them: the open ones (above the
// queue) and one with its timeline. A district sees its own feeds' alerts
// and the city-wide feeds' (as it sees those feeds: src/ingest/opinion/feeds-repo.ts).

import { sql, type SqlBool } from 'kysely';
import type { Db } from '../db/connect.ts';
import { NotFound } from '../domain/errors.ts';
import type { Scope } from '../domain/jurisdiction.ts';
import { msg } from '../domain/i18n/messages.ts';

export interface FeedAlertView {
  id: number;
  feed: { id: number; name: string; district: string | null };
  kind: 'failing' | 'silent';
  raisedAt: Date;
  resolvedAt: Date | null;
  /** since, failures, last_error, usual_interval_minutes (as src/alerts/feed-alerts.ts writes them). */
  details: Record<string, unknown>;
}

export interface FeedAlertTimelineEntry {
  at: Date;
  kind: string;
  actor: string;
  details: Record<string, unknown>;
}

const feedInScope = (scope: Scope | null) =>
  scope === null || scope.kind === 'all'
    ? sql<SqlBool>`true`
    : sql<SqlBool>`(feeds.district is null or feeds.district = ${scope.district})`;

function query(db: Db, scope: Scope | null) {
  return db
    .selectFrom('feed_alerts')
    .innerJoin('feeds', 'feeds.id', 'feed_alerts.feed_id')
    .select([
      'feed_alerts.id',
      'feed_alerts.kind',
      'feed_alerts.raised_at',
      'feed_alerts.resolved_at',
      'feed_alerts.details',
      'feeds.id as feed_id',
      'feeds.name as feed_name',
      'feeds.district as feed_district',
    ])
    .where(feedInScope(scope));
}

type Row = Awaited<ReturnType<ReturnType<typeof query>['execute']>>[number];
const view = (r: Row): FeedAlertView => ({
  id: r.id,
  feed: { id: r.feed_id, name: r.feed_name, district: r.feed_district },
  kind: r.kind,
  raisedAt: r.raised_at,
  resolvedAt: r.resolved_at,
  details: r.details,
});

/** The feed alerts the caller may see (open ones, or the latest of all), oldest first among the open, newest first otherwise. */
export async function listFeedAlerts(
  db: Db,
  scope: Scope | null,
  status: 'open' | 'all',
  limit = 100,
): Promise<FeedAlertView[]> {
  const q = query(db, scope);
  const rows =
    status === 'open'
      ? await q
          .where('feed_alerts.resolved_at', 'is', null)
          .orderBy('feed_alerts.raised_at')
          .orderBy('feed_alerts.id')
          .limit(limit)
          .execute()
      : await q.orderBy('feed_alerts.raised_at', 'desc').orderBy('feed_alerts.id', 'desc').limit(limit).execute();
  return rows.map(view);
}

export const listOpenFeedAlerts = (db: Db, scope: Scope | null): Promise<FeedAlertView[]> =>
  listFeedAlerts(db, scope, 'open');

/** One feed alert with its timeline; out of scope reads as not found. */
export async function getFeedAlert(
  db: Db,
  scope: Scope | null,
  id: number,
): Promise<FeedAlertView & { timeline: FeedAlertTimelineEntry[] }> {
  const row = await query(db, scope).where('feed_alerts.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound(`feed alert ${id} not found`, undefined, msg('generic.not_found'));
  const events = await db
    .selectFrom('feed_alert_events')
    .select(['at', 'kind', 'actor_name', 'details'])
    .where('feed_alert_id', '=', id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return {
    ...view(row),
    timeline: events.map((e) => ({ at: e.at, kind: e.kind, actor: e.actor_name, details: e.details })),
  };
}
