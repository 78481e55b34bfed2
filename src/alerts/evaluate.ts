// Turns a scoring run into alerts: for every firm whose stored result
// changed, the alert rules (src/domain/alert-rules.ts) say which alerts its
// score calls for and whether to raise a new one or update the open one.
// Each alert change, its timeline entry, its audit entry and its outgoing
// deliveries are written in one transaction.

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Config } from '../config/env.ts';
import type { Logger } from '../log/logger.ts';
import { SYSTEM_ACTOR } from '../audit/audit.ts';
import { type AlertCandidate, alertCandidates, decide, inhibited, rankOf } from '../domain/alert-rules.ts';
import { activeSilence, advance, dueTimes, type EscalationPolicy, type Roster, type Silence, startEscalation } from '../domain/alerts/index.ts';
import type { FirmScore, Level } from '../domain/scoring/index.ts';
import type { ScoreRunResult } from '../risk/score-run.ts';
import { loadAlertDto } from './alert-view.ts';
import { type FirmPlace, loadPolicies, loadRoster, loadSilences, type Person, resolveTarget } from './duty.ts';
import { enqueueAlertEvent, type Mentions } from './outbox.ts';
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
  roster: Roster;
  policyFor: (level: Level) => EscalationPolicy;
  silences: Silence[];
}

export const mentionsOf = (people: readonly Person[]): Mentions => ({
  mobiles: people.map((p) => p.mobile).filter((m): m is string => !!m),
  userIds: [],
});

/** Raises or updates alerts for the firms whose results changed in `run`. */
export async function evaluateAlerts(deps: AlertDeps, run: Pick<ScoreRunResult, 'at' | 'firms' | 'changes'>): Promise<EvaluateOutcome> {
  const out: EvaluateOutcome = { raised: 0, updated: 0, deliveries: 0 };
  if (run.changes.length === 0) return out;
  const scores = new Map(run.firms.map((f) => [f.firm.id, f.score]));
  const work: Array<{ firmId: number; score: FirmScore; candidates: AlertCandidate[] }> = [];
  const ids: number[] = [];
  for (const ch of run.changes) {
    const score = scores.get(ch.firmId);
    if (score === undefined) continue;
    const firm = run.firms.find((f) => f.firm.id === ch.firmId)!.firm;
    const candidates = alertCandidates(firm.name, score, ch.previousScoreLevel);
    if (candidates.length === 0) continue;
    work.push({ firmId: ch.firmId, score, candidates });
    ids.push(ch.firmId);
  }
  if (work.length === 0) return out;

  const db = deps.db;
  const [firms, latest, roster, policyFor, silences] = await Promise.all([
    db.selectFrom('firms').select(['id', 'name', 'district', 'street']).where('id', '=', sql<number>`any(${ids}::int[])`).execute(),
    // The latest alert per firm and rule, open or closed.
    sql<{ id: number; firm_id: number; rule: string; status: string; level: Level; fingerprint: string; score: number }>`
      select distinct on (firm_id, rule) id, firm_id, rule, status, level, fingerprint, score from alerts
      where firm_id = any(${ids}::int[]) order by firm_id, rule, raised_at desc, id desc`.execute(db),
    loadRoster(db, run.at),
    loadPolicies(db),
    loadSilences(db, run.at),
  ]);
  const ctx: Context = { deps, at: run.at, roster, policyFor, silences };
  const firmById = new Map(firms.map((f) => [f.id, f]));
  const last = new Map(latest.rows.map((r) => [`${r.firm_id}|${r.rule}`, r]));

  const isOpen = (status: string) => status === 'open' || status === 'acknowledged' || status === 'in_progress';
  for (const w of work) {
    const firm = firmById.get(w.firmId)!;
    // Trigger alerts open for this firm, including those raised just now (triggers come first).
    const triggerLevels = latest.rows.filter((r) => r.firm_id === w.firmId && r.rule !== 'risk_level' && isOpen(r.status)).map((r) => r.level);
    for (const c of w.candidates) {
      const prev = last.get(`${w.firmId}|${c.rule}`);
      const open = prev && isOpen(prev.status) ? prev : undefined;
      if (c.rule !== 'risk_level') triggerLevels.push(c.level);
      else if (!open && inhibited(c, triggerLevels)) continue;
      const d = decide(c, open ? { level: open.level, fingerprint: open.fingerprint, score: open.score } : null, prev?.fingerprint ?? null, w.score.score);
      if (d.kind === 'raise') {
        out.deliveries += await raise(ctx, firm, c, w.score);
        out.raised++;
      } else if (d.kind === 'update') {
        out.deliveries += await update(ctx, open!.id, c, w.score, d.levelRaised);
        out.updated++;
      }
    }
  }
  if (out.deliveries > 0) wakeDeliveries();
  return out;
}

async function raise(ctx: Context, firm: FirmInfo, c: AlertCandidate, score: FirmScore): Promise<number> {
  const { deps, at } = ctx;
  const due = dueTimes({ level: c.level, rule: c.rule, raisedAt: at }, deps.config.sla);
  const silence = activeSilence(ctx.silences, { firmId: firm.id, rule: c.rule, level: c.level }, at);
  const policy = ctx.policyFor(c.level);
  const place = { district: firm.district, street: firm.street };
  // Step 0 of the chain fires with the raise itself: the on-duty officer is assigned and mentioned.
  // Non-red alerts raised in quiet hours reach the group at once, but page nobody until morning.
  const window = { level: c.level, quiet: deps.config.quietHours };
  let cursor = startEscalation(policy, at, window);
  let notified: Person[] = [];
  if (!silence) {
    const step = advance(policy, cursor, at, window);
    cursor = step.cursor;
    if (step.fire) notified = await resolveTarget(deps.db, ctx.roster, step.fire.target, { at, place, category: c.category });
  }
  const assignee = notified[0] ?? (await resolveTarget(deps.db, ctx.roster, { kind: 'on_duty', tier: 1 }, { at, place, category: c.category }))[0];
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('alerts').values({
      firm_id: firm.id, rule: c.rule, category: c.category, level: c.level, title: c.title, fingerprint: c.fingerprint,
      score: score.score, evidence: JSON.stringify(c.evidence), raised_at: at, updated_at: at,
      ack_due_at: due.ackDueAt, handle_due_at: due.handleDueAt, assignee_id: assignee?.id ?? null, silence_id: silence?.id ?? null,
      escalation_step: cursor.step, escalation_pass: cursor.pass, escalation_next_at: silence ? null : cursor.nextAt,
    }).returning('id').executeTakeFirstOrThrow();
    await recordEvent(trx, row.id, 'raised', SYSTEM_ACTOR, at, { level: c.level, rule: c.rule, score: score.score, fingerprint: c.fingerprint, assignee: assignee?.name ?? null });
    if (silence) {
      await recordEvent(trx, row.id, 'silenced', SYSTEM_ACTOR, at, { silence: silence.id, until: silence.endsAt.toISOString(), reason: silence.reason }, false);
      return 0;
    }
    if (notified.length > 0) await recordEvent(trx, row.id, 'notified', SYSTEM_ACTOR, at, { step: 0, users: notified.map((p) => p.name) }, false);
    const dto = (await loadAlertDto(trx, row.id, deps.config.publicUrl))!;
    return enqueueAlertEvent(trx, 'alert.raised', dto, at, { mentions: mentionsOf(notified) });
  });
}

async function update(ctx: Context, alertId: number, c: AlertCandidate, score: FirmScore, levelRaised: boolean): Promise<number> {
  const { deps, at } = ctx;
  return deps.db.transaction().execute(async (trx) => {
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
  });
}
