// Feed health alerts (issue 17, item 5): a feed failing for too long, or
// silent for far longer than it usually is, raises one alert per episode to
// the opinion team of its district — whoever is on duty at tier 1 for
// public opinion, else the district's opinion-response staff — through the
// one outbox. The alert stays open while the feed is unwell (later checks
// add nothing, or note a change of kind) and is closed, with a timeline
// entry and a `feed.recovered` message, when the feed is healthy again.
// Feed alerts are feed-level rows (feed_alerts), not firm alerts: a feed
// outage is no firm's risk, and the alert contract names a firm (CONTRACT §4).
// Evaluated after each feeds poll and in the risk sweep; time is passed in.

import { sql } from 'kysely';
import type { Config } from '../config/env.ts';
import type { Db } from '../db/connect.ts';
import type { Logger } from '../log/logger.ts';
import { auditMany, SYSTEM_ACTOR } from '../audit/audit.ts';
import {
  type FeedAlertStep,
  feedAlertStep,
  feedAlertTitle,
  feedProblem,
  type FeedProblem,
  usualInterval,
} from '../domain/alerts/feed-health.ts';
import { loadRoster, type Person, targetResolver } from './duty.ts';
import { mentionsOf } from './routing.ts';
import { commitThenWake, enqueue } from '../delivery/outbox.ts';

export const FEED_ALERT_EVENT = 'feed.alert';
export const FEED_RECOVERED_EVENT = 'feed.recovered';
/** Recent distinct arrivals read per feed for its usual interval. */
const RECENT_ARRIVALS = 21;

export interface FeedHealthDeps {
  db: Db;
  log: Logger;
  config: Pick<Config, 'feedHealth' | 'publicUrl'>;
}

export interface FeedHealthResult {
  raised: number;
  updated: number;
  recovered: number;
  deliveries: number;
}

interface FeedRow {
  id: number;
  name: string;
  district: string | null;
  enabled: boolean;
  created_at: Date;
  last_success_at: Date | null;
  consecutive_failures: number;
  last_error: string | null;
}

/** Checks every feed at `now` and writes what changed; never throws (a failed check is logged and the next one catches up). */
export async function evaluateFeedHealth(deps: FeedHealthDeps, now: Date): Promise<FeedHealthResult> {
  const result: FeedHealthResult = { raised: 0, updated: 0, recovered: 0, deliveries: 0 };
  try {
    const { db } = deps;
    const [feeds, open] = await Promise.all([
      db
        .selectFrom('feeds')
        .select([
          'id',
          'name',
          'district',
          'enabled',
          'created_at',
          'last_success_at',
          'consecutive_failures',
          'last_error',
        ])
        .orderBy('id')
        .execute(),
      db.selectFrom('feed_alerts').select(['id', 'feed_id', 'kind']).where('resolved_at', 'is', null).execute(),
    ]);
    const arrivals = await recentArrivals(
      db,
      feeds.filter((f) => f.enabled).map((f) => f.id),
    );
    const openOf = new Map(open.map((o) => [o.feed_id, o]));
    const plans: Array<{
      feed: FeedRow;
      step: Exclude<FeedAlertStep, null>;
      problem: FeedProblem | null;
      openId: number | null;
    }> = [];
    for (const feed of feeds) {
      const times = arrivals.get(feed.id) ?? [];
      const problem = feedProblem(
        {
          enabled: feed.enabled,
          createdAt: feed.created_at,
          lastSuccessAt: feed.last_success_at,
          consecutiveFailures: feed.consecutive_failures,
          lastItemAt: times.length > 0 ? new Date(Math.max(...times)) : null,
          usualIntervalMs: usualInterval(times),
        },
        now,
        deps.config.feedHealth,
      );
      const o = openOf.get(feed.id) ?? null;
      const step = feedAlertStep(o, problem);
      if (step) plans.push({ feed, step, problem, openId: o?.id ?? null });
    }
    if (plans.length === 0) return result;
    const roster = plans.some((p) => p.step === 'raise') ? await loadRoster(db, now) : null;
    const peopleFor = roster ? targetResolver(db, roster, now) : null;
    for (const p of plans) {
      // Read outside the transaction, as the alert router does.
      const people = p.step === 'raise' && peopleFor ? await opinionTeam(peopleFor, p.feed.district) : [];
      const queued = await commitThenWake(db, (trx) => writeStep(trx, deps.config.publicUrl, p, people, now));
      if (queued === null) continue;
      result[p.step === 'raise' ? 'raised' : p.step === 'update' ? 'updated' : 'recovered']++;
      result.deliveries += queued;
    }
    if (result.raised + result.recovered + result.updated > 0) deps.log.info({ ...result }, 'feed health alerts');
  } catch (e) {
    deps.log.error({ err: e }, 'feed health check failed');
  }
  return result;
}

/** The opinion team of a district: tier-1 public-opinion duty, else the opinion-response staff over the district. */
async function opinionTeam(peopleFor: ReturnType<typeof targetResolver>, district: string | null): Promise<Person[]> {
  const place = { district, street: null };
  const onDuty = await peopleFor({ kind: 'on_duty', tier: 1 }, place, 'opinion');
  return onDuty.length > 0 ? onDuty : peopleFor({ kind: 'role', role: 'opinion_staff' }, place, 'opinion');
}

/** The distinct arrival instants (epoch ms) of each feed's latest items, one query. */
async function recentArrivals(db: Db, feedIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (feedIds.length === 0) return out;
  const rows = await sql<{ feed_id: number; fetched_at: Date }>`
    select f.id as feed_id, x.fetched_at from unnest(${[...feedIds]}::int[]) as f(id)
    cross join lateral (select distinct fetched_at from feed_items where feed_id = f.id order by fetched_at desc limit ${RECENT_ARRIVALS}) x`.execute(
    db,
  );
  for (const r of rows.rows) {
    const list = out.get(r.feed_id) ?? out.set(r.feed_id, []).get(r.feed_id)!;
    list.push(new Date(r.fetched_at).getTime());
  }
  return out;
}

const problemDetails = (p: FeedProblem | null, feed: FeedRow) =>
  p === null
    ? {}
    : {
        since: p.since.toISOString(),
        ...(p.kind === 'failing'
          ? { failures: p.failures, last_error: feed.last_error }
          : { usual_interval_minutes: Math.round(p.usualIntervalMs / 60_000) }),
      };

/** One step in one transaction: the row, its timeline, its audit entry and its message. Returns deliveries queued, or null when another run got there first. */
async function writeStep(
  trx: Db,
  publicUrl: string,
  p: { feed: FeedRow; step: Exclude<FeedAlertStep, null>; problem: FeedProblem | null; openId: number | null },
  people: readonly Person[],
  now: Date,
): Promise<number | null> {
  const { feed, problem } = p;
  const details = problemDetails(problem, feed);
  const title = feedAlertTitle(feed.name, problem, now);
  let id: number;
  const timeline: Array<{ kind: string; details: Record<string, unknown> }> = [];
  if (p.step === 'raise') {
    const row = await trx
      .insertInto('feed_alerts')
      .values({ feed_id: feed.id, kind: problem!.kind, raised_at: now, details: JSON.stringify({ ...details, title }) })
      .onConflict((oc) => oc.column('feed_id').where('resolved_at', 'is', null).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) return null;
    id = row.id;
    timeline.push({ kind: 'raised', details: { kind: problem!.kind, ...details } });
    timeline.push({ kind: 'notified', details: { users: people.map((x) => x.name) } });
  } else if (p.step === 'update') {
    const r = await trx
      .updateTable('feed_alerts')
      .set({ kind: problem!.kind, details: JSON.stringify({ ...details, title }) })
      .where('id', '=', p.openId!)
      .where('resolved_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return null;
    id = p.openId!;
    timeline.push({ kind: 'updated', details: { kind: problem!.kind, ...details } });
  } else {
    const r = await trx
      .updateTable('feed_alerts')
      .set({ resolved_at: now })
      .where('id', '=', p.openId!)
      .where('resolved_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return null;
    id = p.openId!;
    timeline.push({
      kind: 'recovered',
      details: feed.enabled ? { last_success: feed.last_success_at?.toISOString() ?? null } : { disabled: true },
    });
  }
  await trx
    .insertInto('feed_alert_events')
    .values(timeline.map((e) => ({ feed_alert_id: id, at: now, kind: e.kind, details: JSON.stringify(e.details) })))
    .execute();
  await auditMany(
    trx,
    timeline
      .filter((e) => e.kind !== 'notified')
      .map((e) => ({
        actor: SYSTEM_ACTOR,
        at: now,
        entry: {
          action: `feed_alert.${e.kind}`,
          objectType: 'feed_alert',
          objectId: id,
          details: { feed: feed.id, ...e.details },
        },
      })),
  );
  if (p.step === 'update') return 0;
  const type = p.step === 'raise' ? FEED_ALERT_EVENT : FEED_RECOVERED_EVENT;
  const data = {
    feed: {
      id: feed.id,
      name: feed.name,
      district: feed.district,
      alert_id: id,
      kind: problem?.kind ?? null,
      title,
      ...details,
      ...(p.step === 'recover' ? { recovered_at: now.toISOString() } : {}),
      url: `${publicUrl.replace(/\/$/, '')}/feed-alerts/${id}`,
    },
  };
  return enqueueFeedEvent(trx, type, data, feed.district, p.step === 'raise' ? people : [], now);
}

/**
 * Queues a feed event through the one outbox to every group robot and
 * webhook that subscribes to it and covers the feed's district (city-wide
 * endpoints hear every feed). Levels do not apply (a feed alert has none);
 * nobody is paged, so SMS and voice endpoints, which carry alert
 * acknowledgements, are left out.
 */
function enqueueFeedEvent(
  trx: Db,
  type: string,
  data: Record<string, unknown>,
  district: string | null,
  people: readonly Person[],
  at: Date,
): Promise<number> {
  const mentions = mentionsOf(people);
  return enqueue(
    trx,
    [{ type, data, audience: { district }, ...(mentions.mobiles.length > 0 ? { mentions } : {}) }],
    at,
  );
}
