// Turns a scoring run into alerts. Evaluation is driven by state, not by
// change alone: every firm of the run whose score calls for an alert is
// looked at, not only those whose stored result changed, so a level set by
// a run with --no-alerts, or stored by a process killed before it
// evaluated, still gets its alert at the next evaluation (a sweep, a
// rescoring, start-up). The alert rules (src/domain/alert-rules.ts) say
// whether to raise a new alert or update the open one; the episode rule
// keeps what a person closed from being raised again every sweep.
// Each alert change, its timeline entry, its audit entry and its outgoing
// deliveries are written in one transaction, shared by up to 500 changes
// written in a few statements for the whole group (evaluate-write.ts).

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Config } from '../config/env.ts';
import type { Logger } from '../log/logger.ts';
import { SYSTEM_ACTOR } from '../audit/audit.ts';
import {
  type AlertCandidate,
  alertCandidates,
  decide,
  episodeCovered,
  inhibited,
  rankOf,
} from '../domain/alert-rules.ts';
import { dueTimes } from '../domain/alerts/index.ts';
import type { FirmScore, Level } from '../domain/scoring/index.ts';
import type { ScoreRunResult } from '../scoring/score-run.ts';
import { type AlertHistoryRow, episodeStarts, isOpenStatus, loadAlertHistory } from './alert-history.ts';
import { loadRouter } from './routing.ts';
import { candidateKeys, storiesOf } from './incidents.ts';
import { COVERAGE_GAP_RULE } from './coverage-gap.ts';
import { type ChangeWrite, commitInGroups, type GroupSink } from './evaluate-write.ts';

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

type Decided = { firmId: number; score: FirmScore; c: AlertCandidate; open?: AlertHistoryRow; levelRaised?: boolean };

/**
 * Raises or updates alerts for the firms of `run`: those whose results
 * changed are evaluated in full; the others (unchanged since their last
 * result) only get the alerts their standing state calls for and lacks.
 */
export async function evaluateAlerts(
  deps: AlertDeps,
  run: Pick<ScoreRunResult, 'at' | 'firms' | 'changes'>,
): Promise<EvaluateOutcome> {
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
    // (A coverage-gap alert filed under the firm is the district's, not a trigger of the firm's.)
    const triggerLevels = past
      .filter((r) => r.rule !== 'risk_level' && r.rule !== COVERAGE_GAP_RULE && isOpenStatus(r.status))
      .map((r) => r.level);
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
      const d = decide(
        c,
        open ? { level: open.level, fingerprint: open.fingerprint, score: open.score } : null,
        { fingerprintSeen: seen, covered: false },
        w.score.score,
      );
      if (d.kind === 'raise') decided.push({ firmId: w.firmId, score: w.score, c });
      else if (d.kind === 'update')
        decided.push({ firmId: w.firmId, score: w.score, c, open, levelRaised: d.levelRaised });
    }
  }
  // The episode rule, for firms at a level with no open alert and no rise.
  const starts = await episodeStarts(
    db,
    needsEpisode.map((n) => ({ firmId: n.firmId, level: n.c.level })),
    run.at,
  );
  for (const n of needsEpisode) {
    const past = (byFirm.get(n.firmId) ?? []).map((r) => ({
      level: r.level,
      raisedAt: r.raised_at,
      closedAt: r.closed_at,
    }));
    const covered = episodeCovered(n.c.level, starts.get(n.firmId) ?? run.at, past);
    if (decide(n.c, null, { fingerprintSeen: false, covered }, n.score.score).kind === 'raise') decided.push(n);
  }
  if (decided.length === 0) return out;

  const firmIds = [...new Set(decided.map((d) => d.firmId))];
  const [firms, route, stories] = await Promise.all([
    db
      .selectFrom('firms')
      .select(['id', 'name', 'district', 'street'])
      .where('id', '=', sql<number>`any(${firmIds}::int[])`)
      .execute(),
    loadRouter(db, run.at, deps.config.quietHours),
    storiesOf(
      db,
      decided.filter((d) => d.open === undefined).map((d) => d.c),
    ),
  ]);
  const firmById = new Map(firms.map((f) => [f.id, f]));
  const writes: ChangeWrite[] = [];
  for (const d of decided) {
    const firm = firmById.get(d.firmId)!;
    if (d.open === undefined) {
      const r = await route({
        firmId: firm.id,
        rule: d.c.rule,
        level: d.c.level,
        category: d.c.category,
        place: { district: firm.district, street: firm.street },
      });
      const raise = { firm, c: d.c, score: d.score.score, keys: candidateKeys(firm.id, d.c, stories), route: r };
      writes.push({ what: `raise ${d.c.rule} for firm ${firm.id}`, raise });
      out.raised++;
    } else {
      writes.push({
        what: `update alert ${d.open.id}`,
        updates: d.open.id,
        apply: prepareUpdate(deps, run.at, d.open.id, d.c, d.score, d.levelRaised ?? false),
      });
      out.updated++;
    }
  }
  out.deliveries = await commitInGroups(deps, run.at, writes);
  return out;
}

function prepareUpdate(
  deps: AlertDeps,
  at: Date,
  alertId: number,
  c: AlertCandidate,
  score: FirmScore,
  levelRaised: boolean,
): (sink: GroupSink) => void {
  return (sink) => {
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
      id: alertId,
      level,
      title: levelRaised ? c.title : cur.title,
      fingerprint: c.fingerprint,
      score: score.score,
      evidence: JSON.stringify(c.evidence),
      ackDueAt: ack,
      handleDueAt: handle,
      infoDueAt: info,
    });
    const details = {
      from: cur.level,
      to: level,
      score: score.score,
      previousScore: cur.score,
      fingerprint: c.fingerprint,
    };
    sink.entries.push({
      alertId,
      kind: levelRaised ? 'level_raised' : 'updated',
      actor: SYSTEM_ACTOR,
      at,
      details,
      audited: levelRaised,
    });
    if (levelRaised && cur.silence_id === null) {
      sink.outgoing.push({ alertId, type: 'alert.escalated', details: { reason: 'level_raised', from: cur.level } });
    }
  };
}
