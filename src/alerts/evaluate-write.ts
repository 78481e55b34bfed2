// Writing an evaluation's alert changes (decided in evaluate.ts): GROUP
// changes per transaction, and within a group a fixed number of
// statements whatever its size: its incidents planned in memory and
// written at once, its new alerts in one insert, its coverage gaps in one
// read and one insert, its updates, timeline, audit and delivery rows in
// one statement each. A first sweep raises ~17,000 alerts: five statements
// per raise made it take 55 s (docs/benchmarks.md).

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { SYSTEM_ACTOR } from '../audit/audit.ts';
import type { AlertCandidate } from '../domain/alert-rules.ts';
import { dueTimes } from '../domain/alerts/index.ts';
import type { Level } from '../domain/scoring/index.ts';
import type { Medium } from '../delivery/channels/index.ts';
import { type AlertRow, loadAlertDtos } from './alert-view.ts';
import { writeCoverageGaps } from './coverage-gap.ts';
import type { AlertDeps } from './evaluate.ts';
import { planIncidents } from './incidents.ts';
import { type AlertEventType, alertEvent } from './alert-events.ts';
import { commitThenWake, enqueue, type Mentions, type Paged } from '../delivery/outbox.ts';
import { raisedRecords, type Route, routeColumns } from './routing.ts';
import { recordEvents, type TimelineEntry } from './timeline.ts';

export interface Outgoing {
  alertId: number;
  type: AlertEventType;
  mentions?: Mentions;
  details?: Record<string, unknown>;
  paged?: readonly Paged[];
  media?: readonly Medium[];
}

/** What the updates of a group leave for its end. */
export interface GroupSink {
  /** The open alerts the group updates, read and locked at its start. */
  current: ReadonlyMap<number, AlertRow>;
  updates: AlertUpdate[];
  entries: TimelineEntry[];
  outgoing: Outgoing[];
}

export interface AlertUpdate {
  id: number;
  level: Level;
  title: string;
  fingerprint: string;
  score: number;
  evidence: string;
  ackDueAt: Date | null;
  handleDueAt: Date | null;
  infoDueAt: Date | null;
}

/** A new alert, routed (outside any transaction), with its incident group keys. */
export interface Raise {
  firm: { id: number; name: string; district: string | null };
  c: AlertCandidate;
  score: number;
  keys: string[];
  route: Route;
}

/** One alert change: a raise, or an update of an open alert applied to the group's sink. */
export type ChangeWrite =
  | { what: string; raise: Raise }
  | { what: string; updates: number; apply: (sink: GroupSink) => void };

/** The group's updates in one statement. */
async function updateAlerts(trx: Db, updates: readonly AlertUpdate[], at: Date): Promise<void> {
  if (updates.length === 0) return;
  const rows = updates.map(
    (u) => sql`(${u.id}::int, ${u.level}::text, ${u.title}::text, ${u.fingerprint}::text, ${u.score}::numeric,
    ${u.evidence}::jsonb, ${u.ackDueAt}::timestamptz, ${u.handleDueAt}::timestamptz, ${u.infoDueAt}::timestamptz)`,
  );
  await sql`update alerts a set level = v.level, title = v.title, fingerprint = v.fingerprint, score = v.score, evidence = v.evidence,
      updated_at = ${at}, ack_due_at = v.ack_due_at, handle_due_at = v.handle_due_at, info_due_at = v.info_due_at
    from (values ${sql.join(rows)}) as v(id, level, title, fingerprint, score, evidence, ack_due_at, handle_due_at, info_due_at)
    where a.id = v.id`.execute(trx);
}

/**
 * The group's raises: their incidents, their alert rows (one insert) and
 * their coverage gaps; returns each raise's timeline entries and events.
 */
async function writeRaises(
  trx: Db,
  raises: readonly Raise[],
  at: Date,
  deps: AlertDeps,
): Promise<Array<{ entries: TimelineEntry[]; outgoing: Outgoing[] }>> {
  if (raises.length === 0) return [];
  // One event pages once: an alert joining an incident at no higher level
  // is recorded on it, pages nobody and leaves the chain to the lead.
  const plan = await planIncidents(
    trx,
    raises.flatMap((r) => r.keys),
    at,
    deps.config.incidents,
  );
  const placed = raises.map((r) =>
    plan.place(r.keys, { level: r.c.level, title: r.c.title, district: r.firm.district }),
  );
  const incidentOf = await plan.write(trx);
  const rows = await trx
    .insertInto('alerts')
    .values(
      raises.map((r, i) => {
        const { c } = r;
        const due = dueTimes({ level: c.level, rule: c.rule, raisedAt: at }, deps.config.sla);
        const cols = routeColumns(r.route);
        return {
          firm_id: r.firm.id,
          rule: c.rule,
          category: c.category,
          level: c.level,
          title: c.title,
          fingerprint: c.fingerprint,
          score: r.score,
          evidence: JSON.stringify(c.evidence),
          raised_at: at,
          updated_at: at,
          ack_due_at: due.ackDueAt,
          handle_due_at: due.handleDueAt,
          info_due_at: due.infoDueAt,
          ...cols,
          incident_id: incidentOf(placed[i]!.incidentId),
          escalation_next_at: placed[i]!.kind === 'member' ? null : cols.escalation_next_at,
        };
      }),
    )
    .returning(['id', 'firm_id', 'rule'])
    .execute();
  // (firm, rule) is unique among open alerts: it maps the returned rows back.
  const idOf = new Map(rows.map((r) => [`${r.firm_id}:${r.rule}`, r.id]));
  const alertIds = raises.map((r) => idOf.get(`${r.firm.id}:${r.c.rule}`)!);
  await plan.setLeads(
    trx,
    placed.flatMap((p, i) =>
      p.kind === 'lead' ? [{ incidentId: incidentOf(p.incidentId), alertId: alertIds[i]! }] : [],
    ),
  );

  // Nobody on duty for a red or orange alert: the fallback tier and the admins are told at once.
  const gapAt = raises.flatMap((r, i) => (r.route.gap !== null && placed[i]!.kind !== 'member' ? [i] : []));
  const gaps = await writeCoverageGaps(
    trx,
    gapAt.map((i) => {
      const r = raises[i]!;
      return {
        alertId: alertIds[i]!,
        firm: r.firm,
        level: r.c.level,
        category: r.c.category,
        score: r.score,
        when: 'raise' as const,
        recipients: r.route.gap!,
      };
    }),
    at,
  );
  const gapOf = new Map(gapAt.map((i, k) => [i, gaps[k]!]));

  return raises.map((r, i) => {
    const id = alertIds[i]!;
    const p = placed[i]!;
    const incident = incidentOf(p.incidentId);
    const member = p.kind === 'member';
    const details = { level: r.c.level, rule: r.c.rule, score: r.score, fingerprint: r.c.fingerprint, incident };
    const records = raisedRecords(id, member ? { ...r.route, notified: [] } : r.route, at, details);
    const entries = [...records.entries];
    const outgoing: Outgoing[] = [];
    if (member) {
      entries.push({ alertId: id, kind: 'grouped', actor: SYSTEM_ACTOR, at, details: { incident }, audited: false });
    } else if (records.deliver) {
      outgoing.push({
        alertId: id,
        type: 'alert.raised',
        ...records.deliver,
        ...(p.kind === 'raises' ? { details: { incident } } : {}),
      });
    }
    const gap = gapOf.get(i);
    if (gap !== undefined) {
      entries.push(...gap.entries);
      if (gap.deliver)
        outgoing.push({
          alertId: gap.deliver.alertId,
          type: 'alert.raised',
          mentions: gap.deliver.mentions,
          details: { coverageGap: id },
        });
    }
    return { entries, outgoing };
  });
}

/** Alert changes per transaction: each group costs about a dozen statements whatever its size (at 100 a first sweep spent more in them than in its rows). */
const GROUP = 500;

/** One group in the caller's transaction; returns the deliveries queued. */
async function writeGroup(trx: Db, group: readonly ChangeWrite[], at: Date, deps: AlertDeps): Promise<number> {
  // Locked in id order, so that two runs updating the same alerts cannot deadlock.
  const ids = group.flatMap((w) => ('updates' in w ? [w.updates] : []));
  const current =
    ids.length === 0
      ? []
      : await trx.selectFrom('alerts').selectAll().where('id', 'in', ids).orderBy('id').forUpdate().execute();
  const raised = await writeRaises(
    trx,
    group.flatMap((w) => ('raise' in w ? [w.raise] : [])),
    at,
    deps,
  );
  const sink: GroupSink = { current: new Map(current.map((r) => [r.id, r])), updates: [], entries: [], outgoing: [] };
  let next = 0;
  for (const w of group) {
    if ('apply' in w) w.apply(sink);
    else {
      const r = raised[next++]!;
      sink.entries.push(...r.entries);
      sink.outgoing.push(...r.outgoing);
    }
  }
  await updateAlerts(trx, sink.updates, at);
  await recordEvents(trx, sink.entries);
  // The webhook payloads show each alert as the group left it.
  const dtos = await loadAlertDtos(
    trx,
    sink.outgoing.map((o) => o.alertId),
    deps.config.publicUrl,
  );
  return enqueue(
    trx,
    sink.outgoing.map(({ alertId, type, ...o }) => alertEvent(type, dtos.get(alertId)!, o)),
    at,
  );
}

/**
 * Commits the changes GROUP at a time, each group in one transaction, so
 * every change still lands whole (its timeline, audit and deliveries with
 * it). A group that fails is retried one change per transaction, so one
 * bad change (say, a concurrent run raised the same alert first) costs
 * only itself; the failures are logged and reported after the rest landed.
 */
export async function commitInGroups(deps: AlertDeps, at: Date, writes: readonly ChangeWrite[]): Promise<number> {
  let deliveries = 0;
  const failed: string[] = [];
  for (let i = 0; i < writes.length; i += GROUP) {
    const group = writes.slice(i, i + GROUP);
    try {
      deliveries += await commitThenWake(deps.db, (trx) => writeGroup(trx, group, at, deps));
    } catch {
      for (const w of group) {
        try {
          deliveries += await commitThenWake(deps.db, (trx) => writeGroup(trx, [w], at, deps));
        } catch (err) {
          deps.log.error({ err, change: w.what }, 'alert change failed');
          failed.push(`${w.what}: ${(err as Error).message}`);
        }
      }
    }
  }
  if (failed.length > 0)
    throw new Error(
      `${failed.length} alert change(s) failed (${failed.slice(0, 5).join('; ')}); the others were stored`,
    );
  return deliveries;
}
