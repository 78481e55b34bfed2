// The week's top firms of a digest, with their two main reasons (load.ts).
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { TopFirmInput } from '../domain/digest/index.ts';
import { asLevel } from './load-values.ts';

/**
 * The highest scores as of the end of the week: each firm's latest result before then, one index probe per
 * firm in scope (firm_scores_firm_at), rather than sorting the whole history.
 */
export async function loadTopFirms(
  db: Db,
  end: Date,
  start: Date,
  inScope: (f: string) => RawBuilder<unknown>,
  n: number,
): Promise<TopFirmInput[]> {
  const top = await sql<{
    id: number;
    firm_id: number;
    score: string | number;
    level: string | null;
    name: string;
    uscc: string | null;
    sector: string;
    street: string | null;
  }>`
    select s.id, f.id as firm_id, s.score, s.level, f.name, f.uscc, f.sector, f.street
    from firms f cross join lateral (select h.id, h.score, h.level from firm_scores h where h.firm_id = f.id and h.at < ${end}
                                     order by h.at desc, h.id desc limit 1) s
    where ${inScope('f.district')} order by s.score desc, f.id limit ${n}`.execute(db);
  if (top.rows.length === 0) return [];
  const ids = top.rows.map((r) => r.firm_id);
  const prev = await sql<{ firm_id: number; score: string | number }>`
    select distinct on (firm_id) firm_id, score from firm_scores where at < ${start} and firm_id in (${sql.join(ids)})
    order by firm_id, at desc, id desc`.execute(db);
  const prevOf = new Map(prev.rows.map((r) => [r.firm_id, Number(r.score)]));
  const details = await sql<{
    id: number;
    c: unknown;
  }>`select id, detail->'contributions' as c from firm_scores where id in (${sql.join(top.rows.map((r) => r.id))})`.execute(
    db,
  );
  const reasonsOf = new Map(details.rows.map((r) => [r.id, reasons(r.c)]));
  const keysOf = new Map(details.rows.map((r) => [r.id, reasons(r.c, 'key')]));
  return top.rows.map((r) => ({
    firmId: r.firm_id,
    name: r.name,
    uscc: r.uscc,
    sector: r.sector,
    street: r.street,
    score: Number(r.score),
    previousScore: prevOf.get(r.firm_id) ?? null,
    level: asLevel(r.level),
    reasons: reasonsOf.get(r.id) ?? [],
    reasonKeys: keysOf.get(r.id) ?? [],
  }));
}

/** The top two distinct reasons in words (or their keys, in the same order), from the score's contributions (largest first). */
function reasons(c: unknown, part: 'text' | 'key' = 'text'): string[] {
  const list = typeof c === 'string' ? (JSON.parse(c) as unknown) : c;
  if (!Array.isArray(list)) return [];
  const out: string[] = [];
  const seen: string[] = [];
  for (const x of list) {
    const why = (x as { why?: { text?: unknown; key?: unknown } })?.why;
    const text = why?.text;
    if (typeof text === 'string' && text && !seen.includes(text)) {
      seen.push(text);
      out.push(part === 'text' ? text : String(why?.key ?? ''));
    }
    if (seen.length === 2) break;
  }
  return out;
}
