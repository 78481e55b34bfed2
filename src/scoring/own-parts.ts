// The stored records parts of platforms (migration 0029,
// src/domain/scoring/own-part.ts): written by every run that scores a
// platform in full, read by a touched run for the platforms that only
// their partners' changes brought in.

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { type EvidenceWindow, partValidAt, type RecordsPart } from '../domain/scoring/index.ts';
import { shanghaiDayOf } from '../domain/scoring/calendar.ts';
import type { ScoredFirm } from './compute.ts';

/**
 * The stored parts of `firmIds` that hold exactly at `at`: same model, same
 * Shanghai day, computed at or before `at`, and no record of the firm made
 * in between (a record dated `at`'s day with a time of day after the part's
 * instant would count at `at` and not in the part). Records added or
 * changed since reach a firm through evidenceArrived, which rescores it in
 * full, so the part's records are still the firm's records.
 */
export async function resumableParts(
  db: Db,
  firmIds: readonly number[],
  model: string,
  at: Date,
  w: EvidenceWindow,
): Promise<Map<number, RecordsPart>> {
  const atMs = at.getTime();
  const atDay = shanghaiDayOf(at);
  const rows = await sql<{ firm_id: number; part: RecordsPart | string }>`
    select firm_id, part from firm_own_parts
    where firm_id = any(${[...firmIds]}::int[]) and model = ${model} and at <= ${at}`.execute(db);
  const out = new Map<number, RecordsPart>();
  for (const r of rows.rows) {
    const part = typeof r.part === 'string' ? (JSON.parse(r.part) as RecordsPart) : r.part;
    if (partValidAt(part, model, atMs, atDay)) out.set(r.firm_id, part);
  }
  if (out.size === 0) return out;
  const since = new Date(Math.min(...[...out.values()].map((p) => p.atMs)));
  const made = await sql<{ firm_id: number }>`
    select firm_id from inspections
    where firm_id = any(${[...out.keys()]}::int[]) and date = ${w.untilDate} and date_at > ${since} and date_at <= ${at}
    union
    select firm_id from petitions
    where firm_id = any(${[...out.keys()]}::int[]) and received = ${w.untilDate} and received_at > ${since} and received_at <= ${at}`.execute(
    db,
  );
  for (const r of made.rows) out.delete(r.firm_id);
  return out;
}

/** Replaces the stored parts of the firms scored in full with a part kept (a later instant wins). */
export async function storeParts(trx: Db, at: Date, model: string, scored: readonly ScoredFirm[]): Promise<void> {
  const rows = scored.filter((s) => s.part !== undefined).map((s) => ({ firm_id: s.firm.id, part: s.part }));
  for (let i = 0; i < rows.length; i += 2000) {
    await sql`
      insert into firm_own_parts (firm_id, model, at, part)
      select u.firm_id, ${model}, ${at}, u.part
      from json_to_recordset(${JSON.stringify(rows.slice(i, i + 2000))}::json) as u(firm_id int, part jsonb)
      on conflict (firm_id) do update set model = excluded.model, at = excluded.at, part = excluded.part
      where firm_own_parts.at <= excluded.at`.execute(trx);
  }
}
