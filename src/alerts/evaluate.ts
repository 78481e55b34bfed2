// Turns a scoring run into alerts: for every firm whose stored result
// changed, the alert rules (src/domain/alert-rules.ts) say which alerts its
// score calls for and whether to raise a new one or update the open one.
// Each alert change, its timeline entry, its audit entry and its outgoing
// deliveries are written in one transaction (shared by up to 100 changes).

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Config } from '../config/env.ts';
import type { Logger } from '../log/logger.ts';
import { SYSTEM_ACTOR } from '../audit/audit.ts';
import { type AlertCandidate, alertCandidates, decide, inhibited, rankOf } from '../domain/alert-rules.ts';
import { dueTimes } from '../domain/alerts/index.ts';
import type { FirmScore, Level } from '../domain/scoring/index.ts';
import type { ScoreRunResult } from '../risk/score-run.ts';
import { loadAlertDto } from './alert-view.ts';
import type { FirmPlace } from './duty.ts';
import { loadRouter, mentionsOf, recordRoute, routeColumns, type Router } from './routing.ts';
import { enqueueAlertEvent } from './outbox.ts';
import { recordEvent } from './timeline.ts';
import { wakeDeliveries } from './wake.ts';

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
}

/** Raises or updates alerts for the firms whose results changed in `run`. */
export async function evaluateAlerts(deps: AlertDeps, run: Pick<ScoreRunResult, 'at' | 'firms' | 'changes'>): Promise<EvaluateOutcome> {
  const out: EvaluateOutcome = { raised: 0, updated: 0, deliveries: 0 };
  if (run.changes.length === 0) return out;
  const scored = new Map(run.firms.map((f) => [f.firm.id, f]));
  const work: Array<{ firmId: number; score: FirmScore; candidates: AlertCandidate[] }> = [];
  const ids: number[] = [];
  for (const ch of run.changes) {
    const s = scored.get(ch.firmId);
    if (s === undefined) continue;
    const score = s.score;
    const candidates = alertCandidates(s.firm.name, score, ch.previousScoreLevel);
    if (candidates.length === 0) continue;
    work.push({ firmId: ch.firmId, score, candidates });
    ids.push(ch.firmId);
  }
  if (work.length === 0) return out;

  const db = deps.db;
  const [firms, latest, route] = await Promise.all([
    db.selectFrom('firms').select(['id', 'name', 'district', 'street']).where('id', '=', sql<number>`any(${ids}::int[])`).execute(),
    // The latest alert per firm and rule, open or closed.
    sql<{ id: number; firm_id: number; rule: string; status: string; level: Level; fingerprint: string; score: number }>`
      select distinct on (firm_id, rule) id, firm_id, rule, status, level, fingerprint, score from alerts
      where firm_id = any(${ids}::int[]) order by firm_id, rule, raised_at desc, id desc`.execute(db),
    loadRouter(db, run.at, deps.config.quietHours),
  ]);
  const ctx: Context = { deps, at: run.at, route };
  const firmById = new Map(firms.map((f) => [f.id, f]));
  const last = new Map(latest.rows.map((r) => [`${r.firm_id}|${r.rule}`, r]));
  const isOpen = (status: string) => status === 'open' || status === 'acknowledged' || status === 'in_progress';
  const openTriggerLevels = new Map<number, Level[]>();
  for (const r of latest.rows) {
    if (r.rule === 'risk_level' || !isOpen(r.status)) continue;
    const list = openTriggerLevels.get(r.firm_id);
    if (list === undefined) openTriggerLevels.set(r.firm_id, [r.level]);
    else list.push(r.level);
  }

  const writes: Array<{ what: string; write: AlertWrite }> = [];
  for (const w of work) {
    const firm = firmById.get(w.firmId)!;
    // Trigger alerts open for this firm, including those raised just now (triggers come first).
    const triggerLevels = [...(openTriggerLevels.get(w.firmId) ?? [])];
    for (const c of w.candidates) {
      const prev = last.get(`${w.firmId}|${c.rule}`);
      const open = prev && isOpen(prev.status) ? prev : undefined;
      if (c.rule !== 'risk_level') triggerLevels.push(c.level);
      else if (!open && inhibited(c, triggerLevels)) continue;
      const d = decide(c, open ? { level: open.level, fingerprint: open.fingerprint, score: open.score } : null, prev?.fingerprint ?? null, w.score.score);
      if (d.kind === 'raise') {
        writes.push({ what: `raise ${c.rule} for firm ${firm.id}`, write: await prepareRaise(ctx, firm, c, w.score) });
        out.raised++;
      } else if (d.kind === 'update') {
        writes.push({ what: `update alert ${open!.id}`, write: prepareUpdate(ctx, open!.id, c, w.score, d.levelRaised) });
        out.updated++;
      }
    }
  }
  out.deliveries = await commitInGroups(deps, writes);
  if (out.deliveries > 0) wakeDeliveries();
  return out;
}

/** The writes of one alert change (alert, timeline, audit, outbox); returns the deliveries queued. */
type AlertWrite = (trx: Db) => Promise<number>;

/** Alert changes per transaction: a commit per change made a first sweep's 17,000 alerts take minutes. */
const GROUP = 100;

/**
 * Commits the changes GROUP at a time, each group in one transaction, so
 * every change still lands whole (its timeline, audit and deliveries with
 * it). A group that fails is retried one change per transaction, so one
 * bad change (say, a concurrent run raised the same alert first) costs
 * only itself; the failures are logged and reported after the rest landed.
 */
async function commitInGroups(deps: AlertDeps, writes: ReadonlyArray<{ what: string; write: AlertWrite }>): Promise<number> {
  let deliveries = 0;
  const failed: string[] = [];
  for (let i = 0; i < writes.length; i += GROUP) {
    const group = writes.slice(i, i + GROUP);
    try {
      deliveries += await deps.db.transaction().execute(async (trx) => {
        let n = 0;
        for (const w of group) n += await w.write(trx);
        return n;
      });
    } catch {
      for (const w of group) {
        try {
          deliveries += await deps.db.transaction().execute((trx) => w.write(trx));
        } catch (err) {
          deps.log.error({ err, change: w.what }, 'alert change failed');
          failed.push(w.what);
        }
      }
    }
  }
  if (failed.length > 0) throw new Error(`${failed.length} alert change(s) failed (${failed.slice(0, 5).join('; ')}); the others were stored`);
  return deliveries;
}

/** Routes a raise (people on duty, read outside any transaction) and returns its writes. */
async function prepareRaise(ctx: Context, firm: FirmInfo, c: AlertCandidate, score: FirmScore): Promise<AlertWrite> {
  const { deps, at } = ctx;
  const due = dueTimes({ level: c.level, rule: c.rule, raisedAt: at }, deps.config.sla);
  const route = await ctx.route({ firmId: firm.id, rule: c.rule, level: c.level, category: c.category, place: { district: firm.district, street: firm.street } });
  return async (trx) => {
    const row = await trx.insertInto('alerts').values({
      firm_id: firm.id, rule: c.rule, category: c.category, level: c.level, title: c.title, fingerprint: c.fingerprint,
      score: score.score, evidence: JSON.stringify(c.evidence), raised_at: at, updated_at: at,
      ack_due_at: due.ackDueAt, handle_due_at: due.handleDueAt, ...routeColumns(route),
    }).returning('id').executeTakeFirstOrThrow();
    await recordEvent(trx, row.id, 'raised', SYSTEM_ACTOR, at, { level: c.level, rule: c.rule, score: score.score, fingerprint: c.fingerprint, assignee: route.assignee?.name ?? null });
    if (!(await recordRoute(trx, row.id, route, at))) return 0;
    const dto = (await loadAlertDto(trx, row.id, deps.config.publicUrl))!;
    return enqueueAlertEvent(trx, 'alert.raised', dto, at, { mentions: mentionsOf(route.notified) });
  };
}

function prepareUpdate(ctx: Context, alertId: number, c: AlertCandidate, score: FirmScore, levelRaised: boolean): AlertWrite {
  const { deps, at } = ctx;
  return async (trx) => {
    const cur = await trx.selectFrom('alerts').selectAll().where('id', '=', alertId).forUpdate().executeTakeFirstOrThrow();
    const level = rankOf(c.level) > rankOf(cur.level as Level) ? c.level : (cur.level as Level);
    let ack = cur.ack_due_at;
    let handle = cur.handle_due_at;
    if (levelRaised) {
      // A higher level tightens the clock, never loosens it.
      const due = dueTimes({ level, rule: c.rule, raisedAt: at }, deps.config.sla);
      const earlier = (a: Date | null, b: Date | null) => (a === null ? b : b === null ? a : a < b ? a : b);
      if (cur.acknowledged_at === null) ack = earlier(ack, due.ackDueAt);
      handle = earlier(handle, due.handleDueAt);
    }
    await trx.updateTable('alerts').set({
      level, title: levelRaised ? c.title : cur.title, fingerprint: c.fingerprint, score: score.score,
      evidence: JSON.stringify(c.evidence), updated_at: at, ack_due_at: ack, handle_due_at: handle,
    }).where('id', '=', alertId).execute();
    const details = { from: cur.level, to: level, score: score.score, previousScore: cur.score, fingerprint: c.fingerprint };
    await recordEvent(trx, alertId, levelRaised ? 'level_raised' : 'updated', SYSTEM_ACTOR, at, details, levelRaised);
    if (!levelRaised || cur.silence_id !== null) return 0;
    const dto = (await loadAlertDto(trx, alertId, deps.config.publicUrl))!;
    return enqueueAlertEvent(trx, 'alert.escalated', dto, at, { details: { reason: 'level_raised', from: cur.level } });
  };
}
