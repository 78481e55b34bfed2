// Turns a scoring run into alerts. Evaluation is driven by state, not by
// change alone: every firm of the run whose score calls for an alert is
// looked at, not only those whose stored result changed, so a level set by
// a run with --no-alerts, or stored by a process killed before it
// evaluated, still gets its alert at the next evaluation (a sweep, a
// rescoring, start-up). The alert rules (src/domain/alert-rules.ts) say
// whether to raise a new alert or update the open one; the episode rule
// keeps what a person closed from being raised again every sweep.
// Each alert change, its timeline entry, its audit entry and its outgoing
// deliveries are written in one transaction, shared by up to 100 changes
// whose timeline, audit and delivery rows go in one statement each.

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Config } from '../config/env.ts';
import type { Logger } from '../log/logger.ts';
import { SYSTEM_ACTOR } from '../audit/audit.ts';
import { type AlertCandidate, alertCandidates, decide, episodeCovered, inhibited, rankOf } from '../domain/alert-rules.ts';
import { dueTimes } from '../domain/alerts/index.ts';
import type { FirmScore, Level } from '../domain/scoring/index.ts';
import type { ScoreRunResult } from '../risk/score-run.ts';
import { type AlertHistoryRow, episodeStarts, isOpenStatus, loadAlertHistory } from './alert-history.ts';
import { type AlertRow, loadAlertDtos } from './alert-view.ts';
import type { FirmPlace } from './duty.ts';
import { loadRouter, raisedRecords, routeColumns, type Router } from './routing.ts';
import { type AlertEventType, alertEvent } from './alert-events.ts';
import { commitThenWake, enqueue, type Mentions, type Paged } from '../delivery/outbox.ts';
import type { Medium } from '../delivery/channels/index.ts';
import { recordEvents, type TimelineEntry } from './timeline.ts';
import { candidateKeys, type IncidentBook, openIncidentBook, storiesOf } from './incidents.ts';
import { writeCoverageGap } from './coverage-gap.ts';

export interface AlertDeps {
  db: Db;
  log: Logger;
  config: Config;
}

export interface EvaluateOutcome {
  raised: number;
  updated: number;
  deliveries: number;
}

interface FirmInfo extends FirmPlace {
  id: number;
  name: string;
}

interface Context {
  deps: AlertDeps;
  at: Date;
  route: Router;
  /** The story of each feed item that fired a raise (incident keys). */
  stories: ReadonlyMap<number, number>;
}

type Decided = { firmId: number; score: FirmScore; c: AlertCandidate; open?: AlertHistoryRow; levelRaised?: boolean };

/**
 * Raises or updates alerts for the firms of `run`: those whose results
 * changed are evaluated in full; the others (unchanged since their last
 * result) only get the alerts their standing state calls for and lacks.
 */
export async function evaluateAlerts(deps: AlertDeps, run: Pick<ScoreRunResult, 'at' | 'firms' | 'changes'>): Promise<EvaluateOutcome> {
  const out: EvaluateOutcome = { raised: 0, updated: 0, deliveries: 0 };
  const changed = new Map(run.changes.map((c) => [c.firmId, c.previousScoreLevel]));
  const work: Array<{ firmId: number; score: FirmScore; changed: boolean; candidates: AlertCandidate[] }> = [];
  for (const s of run.firms) {
    const isChanged = changed.has(s.firm.id);
    // An unchanged firm's level did not rise with this result.
    const candidates = alertCandidates(s.firm.name, s.score, isChanged ? changed.get(s.firm.id)! : s.score.scoreLevel);
    if (candidates.length > 0) work.push({ firmId: s.firm.id, score: s.score, changed: isChanged, candidates });
  }
  if (work.length === 0) return out;
  const ids = work.map((w) => w.firmId);

  const db = deps.db;
  const history = await loadAlertHistory(db, ids);
  const byFirm = new Map<number, AlertHistoryRow[]>();
  for (const r of history) {
    const list = byFirm.get(r.firm_id);
    if (list === undefined) byFirm.set(r.firm_id, [r]);
    else list.push(r);
  }

  const decided: Decided[] = [];
  const needsEpisode: Array<{ firmId: number; score: FirmScore; c: AlertCandidate }> = [];
  for (const w of work) {
    const past = byFirm.get(w.firmId) ?? [];
    // Trigger alerts open for this firm, including those raised just now (triggers come first).
    const triggerLevels = past.filter((r) => r.rule !== 'risk_level' && isOpenStatus(r.status)).map((r) => r.level);
    for (const c of w.candidates) {
      const open = past.find((r) => r.rule === c.rule && isOpenStatus(r.status));
      // An unchanged firm's open alert already says what its result says.
      if (open && !w.changed) continue;
      if (c.rule !== 'risk_level') triggerLevels.push(c.level);
      else if (!open && inhibited(c, triggerLevels)) continue;
      if (!open && c.rule === 'risk_level' && !c.rose) {
        needsEpisode.push({ firmId: w.firmId, score: w.score, c });
        continue;
      }
      const seen = past.some((r) => r.rule === c.rule && r.fingerprint === c.fingerprint);
      const d = decide(c, open ? { level: open.level, fingerprint: open.fingerprint, score: open.score } : null, { fingerprintSeen: seen, covered: false }, w.score.score);
      if (d.kind === 'raise') decided.push({ firmId: w.firmId, score: w.score, c });
      else if (d.kind === 'update') decided.push({ firmId: w.firmId, score: w.score, c, open, levelRaised: d.levelRaised });
    }
  }
  // The episode rule, for firms at a level with no open alert and no rise.
  const starts = await episodeStarts(db, needsEpisode.map((n) => ({ firmId: n.firmId, level: n.c.level })), run.at);
  for (const n of needsEpisode) {
    const past = (byFirm.get(n.firmId) ?? []).map((r) => ({ level: r.level, raisedAt: r.raised_at, closedAt: r.closed_at }));
    const covered = episodeCovered(n.c.level, starts.get(n.firmId) ?? run.at, past);
    if (decide(n.c, null, { fingerprintSeen: false, covered }, n.score.score).kind === 'raise') decided.push(n);
  }
  if (decided.length === 0) return out;

  const firmIds = [...new Set(decided.map((d) => d.firmId))];
  const [firms, route, stories] = await Promise.all([
    db.selectFrom('firms').select(['id', 'name', 'district', 'street']).where('id', '=', sql<number>`any(${firmIds}::int[])`).execute(),
    loadRouter(db, run.at, deps.config.quietHours),
    storiesOf(db, decided.filter((d) => d.open === undefined).map((d) => d.c)),
  ]);
  const ctx: Context = { deps, at: run.at, route, stories };
  const firmById = new Map(firms.map((f) => [f.id, f]));
  const writes: ChangeWrite[] = [];
  for (const d of decided) {
    const firm = firmById.get(d.firmId)!;
    if (d.open === undefined) {
      const keys = candidateKeys(firm.id, d.c, stories);
      writes.push({ what: `raise ${d.c.rule} for firm ${firm.id}`, keys, write: await prepareRaise(ctx, firm, d.c, d.score, keys) });
      out.raised++;
    } else {
      writes.push({ what: `update alert ${d.open.id}`, updates: d.open.id, write: prepareUpdate(ctx, d.open.id, d.c, d.score, d.levelRaised ?? false) });
      out.updated++;
    }
  }
  out.deliveries = await commitInGroups(deps, run.at, writes);
  return out;
}

/**
 * What the changes of a group leave for its end: timeline entries (with
 * their audit entries) and events to deliver, written in a few statements
 * for the whole group once every alert row is written.
 */
interface GroupSink {
  /** The open alerts the group updates, read and locked at its start. */
  current: ReadonlyMap<number, AlertRow>;
  updates: AlertUpdate[];
  entries: TimelineEntry[];
  outgoing: Array<{ alertId: number; type: AlertEventType; mentions?: Mentions; details?: Record<string, unknown>; paged?: readonly Paged[]; media?: readonly Medium[] }>;
  /** The open incidents the group's raises may join. */
  incidents: IncidentBook;
}

interface AlertUpdate {
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

/** One alert change: a raise writes its alert row at once, an update leaves it to the group; the rest goes through the sink. */
interface ChangeWrite {
  what: string;
  /** The open alert an update changes. */
  updates?: number;
  /** A raise's incident group keys. */
  keys?: string[];
  write: (trx: Db, sink: GroupSink) => Promise<void>;
}

/** The group's updates in one statement. */
async function updateAlerts(trx: Db, updates: readonly AlertUpdate[], at: Date): Promise<void> {
  if (updates.length === 0) return;
  const rows = updates.map((u) => sql`(${u.id}::int, ${u.level}::text, ${u.title}::text, ${u.fingerprint}::text, ${u.score}::numeric,
    ${u.evidence}::jsonb, ${u.ackDueAt}::timestamptz, ${u.handleDueAt}::timestamptz, ${u.infoDueAt}::timestamptz)`);
  await sql`update alerts a set level = v.level, title = v.title, fingerprint = v.fingerprint, score = v.score, evidence = v.evidence,
      updated_at = ${at}, ack_due_at = v.ack_due_at, handle_due_at = v.handle_due_at, info_due_at = v.info_due_at
    from (values ${sql.join(rows)}) as v(id, level, title, fingerprint, score, evidence, ack_due_at, handle_due_at, info_due_at)
    where a.id = v.id`.execute(trx);
}

/** Alert changes per transaction: a commit and five statements per change made a first sweep's 17,000 alerts take minutes. */
const GROUP = 100;

/** One group in the caller's transaction; returns the deliveries queued. */
async function writeGroup(trx: Db, group: readonly ChangeWrite[], at: Date, deps: AlertDeps): Promise<number> {
  const publicUrl = deps.config.publicUrl;
  // Locked in id order, so that two runs updating the same alerts cannot deadlock.
  const ids = group.flatMap((w) => (w.updates === undefined ? [] : [w.updates]));
  const current = ids.length === 0 ? [] : await trx.selectFrom('alerts').selectAll().where('id', 'in', ids).orderBy('id').forUpdate().execute();
  const incidents = await openIncidentBook(trx, group.flatMap((w) => w.keys ?? []), at, deps.config.incidents);
  const sink: GroupSink = { current: new Map(current.map((r) => [r.id, r])), updates: [], entries: [], outgoing: [], incidents };
  for (const w of group) await w.write(trx, sink);
  await updateAlerts(trx, sink.updates, at);
  await recordEvents(trx, sink.entries);
  // The webhook payloads show each alert as the group left it.
  const dtos = await loadAlertDtos(trx, sink.outgoing.map((o) => o.alertId), publicUrl);
  return enqueue(trx, sink.outgoing.map(({ alertId, type, ...o }) => alertEvent(type, dtos.get(alertId)!, o)), at);
}

/**
 * Commits the changes GROUP at a time, each group in one transaction, so
 * every change still lands whole (its timeline, audit and deliveries with
 * it). A group that fails is retried one change per transaction, so one
 * bad change (say, a concurrent run raised the same alert first) costs
 * only itself; the failures are logged and reported after the rest landed.
 */
async function commitInGroups(deps: AlertDeps, at: Date, writes: readonly ChangeWrite[]): Promise<number> {
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
  if (failed.length > 0) throw new Error(`${failed.length} alert change(s) failed (${failed.slice(0, 5).join('; ')}); the others were stored`);
  return deliveries;
}

/** Routes a raise (people on duty, read outside any transaction) and returns its writes. */
async function prepareRaise(ctx: Context, firm: FirmInfo, c: AlertCandidate, score: FirmScore, keys: string[]): Promise<ChangeWrite['write']> {
  const { deps, at } = ctx;
  const due = dueTimes({ level: c.level, rule: c.rule, raisedAt: at }, deps.config.sla);
  const route = await ctx.route({ firmId: firm.id, rule: c.rule, level: c.level, category: c.category, place: { district: firm.district, street: firm.street } });
  return async (trx, sink) => {
    // One event pages once: an alert joining an incident at no higher level
    // is recorded on it, pages nobody and leaves the chain to the lead.
    const inc = await sink.incidents.assign(trx, keys, { level: c.level, title: c.title, district: firm.district });
    const member = inc.kind === 'member';
    const row = await trx.insertInto('alerts').values({
      firm_id: firm.id, rule: c.rule, category: c.category, level: c.level, title: c.title, fingerprint: c.fingerprint,
      score: score.score, evidence: JSON.stringify(c.evidence), raised_at: at, updated_at: at,
      ack_due_at: due.ackDueAt, handle_due_at: due.handleDueAt, info_due_at: due.infoDueAt, ...routeColumns(route),
      incident_id: inc.incidentId, ...(member ? { escalation_next_at: null } : {}),
    }).returning('id').executeTakeFirstOrThrow();
    if (inc.kind === 'lead') await sink.incidents.setLead(trx, inc.incidentId, row.id);
    const details = { level: c.level, rule: c.rule, score: score.score, fingerprint: c.fingerprint, incident: inc.incidentId };
    const records = raisedRecords(row.id, member ? { ...route, notified: [] } : route, at, details);
    sink.entries.push(...records.entries);
    if (member) {
      sink.entries.push({ alertId: row.id, kind: 'grouped', actor: SYSTEM_ACTOR, at, details: { incident: inc.incidentId }, audited: false });
    } else if (records.deliver) {
      sink.outgoing.push({ alertId: row.id, type: 'alert.raised', ...records.deliver, ...(inc.kind === 'raises' ? { details: { incident: inc.incidentId } } : {}) });
    }
    // Nobody on duty for a red or orange alert: the fallback tier and the admins are told at once.
    if (route.gap !== null && !member) {
      const gap = await writeCoverageGap(trx, {
        alertId: row.id, firm: { id: firm.id, name: firm.name }, level: c.level, category: c.category, when: 'raise', recipients: route.gap,
      }, at);
      sink.entries.push(...gap.entries);
      if (gap.deliver) sink.outgoing.push({ alertId: gap.deliver.alertId, type: 'alert.raised', mentions: gap.deliver.mentions, details: { coverageGap: row.id } });
    }
  };
}

function prepareUpdate(ctx: Context, alertId: number, c: AlertCandidate, score: FirmScore, levelRaised: boolean): ChangeWrite['write'] {
  const { deps, at } = ctx;
  return async (_trx, sink) => {
    const cur = sink.current.get(alertId);
    if (cur === undefined) throw new Error(`alert ${alertId} is gone`);
    const level = rankOf(c.level) > rankOf(cur.level as Level) ? c.level : (cur.level as Level);
    let ack = cur.ack_due_at;
    let handle = cur.handle_due_at;
    let info = cur.info_due_at;
    if (levelRaised) {
      // A higher level tightens the clock, never loosens it.
      const due = dueTimes({ level, rule: c.rule, raisedAt: at }, deps.config.sla);
      const earlier = (a: Date | null, b: Date | null) => (a === null ? b : b === null ? a : a < b ? a : b);
      if (cur.acknowledged_at === null) ack = earlier(ack, due.ackDueAt);
      handle = earlier(handle, due.handleDueAt);
      if (cur.info_published_at === null) info = earlier(info, due.infoDueAt);
    }
    sink.updates.push({
      id: alertId, level, title: levelRaised ? c.title : cur.title, fingerprint: c.fingerprint, score: score.score,
      evidence: JSON.stringify(c.evidence), ackDueAt: ack, handleDueAt: handle, infoDueAt: info,
    });
    const details = { from: cur.level, to: level, score: score.score, previousScore: cur.score, fingerprint: c.fingerprint };
    sink.entries.push({ alertId, kind: levelRaised ? 'level_raised' : 'updated', actor: SYSTEM_ACTOR, at, details, audited: levelRaised });
    if (levelRaised && cur.silence_id === null) {
      sink.outgoing.push({ alertId, type: 'alert.escalated', details: { reason: 'level_raised', from: cur.level } });
    }
  };
}
