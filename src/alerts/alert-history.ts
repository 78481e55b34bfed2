// What the alert rules read besides the new score: each firm's alerts
// (open and closed) and, for the episode rule of risk_level, when the
// firm's current episode at a level began (src/domain/alert-rules.ts).

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Level } from '../domain/scoring/index.ts';
import { LEVEL_RANK } from '../domain/alert-rules.ts';

export interface AlertHistoryRow {
  id: number;
  firm_id: number;
  rule: string;
  status: string;
  level: Level;
  fingerprint: string;
  score: number;
  raised_at: Date;
  closed_at: Date | null;
}

export { isOpenStatus } from '../domain/alerts/states.ts';

/** Every alert of these firms, newest first per firm and rule. */
export async function loadAlertHistory(db: Db, firmIds: readonly number[]): Promise<AlertHistoryRow[]> {
  if (firmIds.length === 0) return [];
  const r = await sql<AlertHistoryRow>`
    select id, firm_id, rule, status, level, fingerprint, score, raised_at, closed_at from alerts
    where firm_id = any(${[...firmIds]}::int[])
    order by firm_id, rule, raised_at desc, id desc`.execute(db);
  return r.rows;
}

const rankSql = (col: string) =>
  sql.raw(
    `case ${col} ${Object.entries(LEVEL_RANK)
      .map(([l, n]) => `when '${l}' then ${n}`)
      .join(' ')} else 0 end`,
  );

/**
 * For each (firm, level): the instant of the first stored result at that
 * score level or above after the firm's last result below it, as of `at`.
 * Results are stored only when they change (src/scoring/persist.ts), so this
 * reads a handful of rows per firm.
 */
export async function episodeStarts(
  db: Db,
  wanted: ReadonlyArray<{ firmId: number; level: Level }>,
  at: Date,
): Promise<Map<number, Date>> {
  if (wanted.length === 0) return new Map();
  const r = await sql<{ firm_id: number; start: Date | null }>`
    with w as (select * from unnest(${wanted.map((x) => x.firmId)}::int[], ${wanted.map((x) => LEVEL_RANK[x.level])}::int[]) as w(firm_id, rank)),
    h as (
      select s.firm_id, s.at, ${rankSql("split_part(s.signature, '|', 5)")} as rank from firm_scores s
      where s.firm_id in (select firm_id from w) and s.at <= ${at}
    )
    select w.firm_id, (
      select min(h.at) from h where h.firm_id = w.firm_id and h.at > coalesce(
        (select max(b.at) from h b where b.firm_id = w.firm_id and b.rank < w.rank), '-infinity'::timestamptz)
    ) as start
    from w`.execute(db);
  const out = new Map<number, Date>();
  // No stored result at the level (not stored yet): the episode starts now.
  for (const row of r.rows) out.set(row.firm_id, row.start ?? at);
  return out;
}
