// Stores a scoring run. History rows are written only when a firm's result
// changed (score, own score, level, hard triggers or model); an unchanged
// firm just gets its checked_at moved, so a daily sweep over a quiet city
// writes almost nothing while the series stays exact at every run instant.

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Actor } from '../audit/audit.ts';
import type { FirmScore, Level } from '../domain/scoring/index.ts';
import type { ScoredFirm } from './compute.ts';
import { clearPending, type PendingMark } from './rescore-pending.ts';
import { storeParts } from './own-parts.ts';

/** What must differ for a new history row. Contributions' small drift with decay does not count. */
export function signatureOf(s: FirmScore, ownScore: number): string {
  const t = s.triggers.map((x) => `${x.kind}:${String(x.id)}:${x.count}`).join(',');
  return `${s.model}|${s.score.toFixed(1)}|${ownScore.toFixed(1)}|${s.level ?? '-'}|${s.scoreLevel ?? '-'}|${t}`;
}

/** The score level a stored signature records (the alert rules compare it with the new one). */
export function scoreLevelOf(signature: string): Level | null {
  const v = signature.split('|')[4];
  return v === 'red' || v === 'orange' || v === 'yellow' || v === 'blue' ? v : null;
}

const isBlank = (s: FirmScore) => s.score === 0 && s.triggers.length === 0;

const WRITE_BATCH = 2000;

export interface RunRecord {
  at: Date;
  model: string;
  scope: 'all' | 'touched';
  reason: string;
  actor: Actor;
  startedAt: Date;
}

/** A firm whose stored result changed in this run, with its score level before. */
export interface ScoreChange {
  firmId: number;
  previousScoreLevel: Level | null;
}

export interface PersistOutcome {
  runId: number;
  changes: ScoreChange[];
}

// Serializes writers of scores (a sweep and an import's rescoring may meet).
const SCORES_LOCK = 0x5153_5243; // 'QSRC'

interface Current {
  firm_id: number;
  at: Date;
  signature: string;
}

/** The signature each firm had as of `at`: its latest row, or for a replay of the past, its last row at or before `at`. */
async function previousSignatures(trx: Db, firmIds: number[], at: Date): Promise<Map<number, string>> {
  const current = await sql<Current>`
    select firm_id, at, signature from firm_risk where firm_id = any(${firmIds}::int[])`.execute(trx);
  const prev = new Map<number, string>();
  const replayed: number[] = [];
  for (const r of current.rows) {
    if (r.at.getTime() <= at.getTime()) prev.set(r.firm_id, r.signature);
    else replayed.push(r.firm_id);
  }
  if (replayed.length > 0) {
    const past = await sql<{ firm_id: number; signature: string }>`
      select distinct on (firm_id) firm_id, signature from firm_scores
      where firm_id = any(${replayed}::int[]) and at <= ${at}
      order by firm_id, at desc, id desc`.execute(trx);
    for (const r of past.rows) prev.set(r.firm_id, r.signature);
  }
  return prev;
}

export async function persistRun(
  db: Db,
  run: RunRecord,
  scored: readonly ScoredFirm[],
  finishedAt: Date,
  pending: readonly PendingMark[] = [],
): Promise<PersistOutcome> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${SCORES_LOCK})`.execute(trx);
    const ids = scored.map((s) => s.firm.id);
    const prev = await previousSignatures(trx, ids, run.at);
    const changed: Array<{ s: ScoredFirm; signature: string; before: string | undefined }> = [];
    const unchanged: number[] = [];
    for (const s of scored) {
      const signature = signatureOf(s.score, s.ownScore);
      const before = prev.get(s.firm.id);
      if (before === signature) unchanged.push(s.firm.id);
      else if (before !== undefined || !isBlank(s.score)) changed.push({ s, signature, before });
    }

    const inserted = await trx
      .insertInto('score_runs')
      .values({
        at: run.at,
        model: run.model,
        scope: run.scope,
        reason: run.reason,
        actor_name: run.actor.name,
        started_at: run.startedAt,
        finished_at: finishedAt,
        firms_scored: scored.length,
        firms_changed: changed.length,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const runId = inserted.id;

    // One JSON parameter per batch: no per-cell array-literal escaping of
    // the explanations, and PostgreSQL parses it once, as jsonb, so each
    // explanation is taken out of it as jsonb without a second parse (half
    // the cost of json_to_recordset with a jsonb column).
    for (let i = 0; i < changed.length; i += WRITE_BATCH) {
      const batch = changed.slice(i, i + WRITE_BATCH).map((c) => ({
        firm_id: c.s.firm.id,
        score: c.s.score.score,
        own_score: c.s.ownScore,
        level: c.s.score.level,
        signature: c.signature,
        detail: c.s.score,
      }));
      await sql`
        with h as (
          insert into firm_scores (firm_id, run_id, at, model, score, own_score, level, signature, detail)
          select (u->>'firm_id')::int, ${runId}, ${run.at}, ${run.model}, (u->>'score')::numeric,
                 (u->>'own_score')::numeric, u->>'level', u->>'signature', u->'detail'
          from jsonb_array_elements(${JSON.stringify(batch)}::jsonb) u
          returning id, firm_id, at, model, score, own_score, level, signature, detail
        )
        insert into firm_risk (firm_id, score_id, at, checked_at, model, score, own_score, level, major_opinion, credit_candidate, signature)
        select firm_id, id, at, at, model, score, own_score, level,
               (detail->'flags'->>'majorOpinion')::boolean, (detail->'flags'->>'creditCandidate')::boolean, signature
        from h
        on conflict (firm_id) do update set
          score_id = excluded.score_id, at = excluded.at, checked_at = excluded.checked_at, model = excluded.model,
          score = excluded.score, own_score = excluded.own_score, level = excluded.level, major_opinion = excluded.major_opinion,
          credit_candidate = excluded.credit_candidate, signature = excluded.signature
        where firm_risk.at <= excluded.at`.execute(trx);
    }
    if (unchanged.length > 0) {
      await sql`update firm_risk set checked_at = ${run.at}
        where firm_id = any(${unchanged}::int[]) and checked_at < ${run.at}`.execute(trx);
    }
    await storeParts(trx, run.at, run.model, scored);
    await clearPending(trx, pending);
    return {
      runId,
      changes: changed.map((c) => ({
        firmId: c.s.firm.id,
        previousScoreLevel: c.before === undefined ? null : scoreLevelOf(c.before),
      })),
    };
  });
}
