import { insertFirm } from '../../helpers/app.ts';
import type { Db } from '../../../src/db/connect.ts';
import { parseWeek } from '../../../src/domain/digest/index.ts';

// Builders of the hand-built digest week (digest-week.test.ts): firms, scores,
// alerts, records and feed items at given Shanghai times.

export const W = parseWeek('2026-W47');
export const NOW = new Date('2026-11-23T00:00:00Z'); // Monday 08:00 Shanghai
export const sh = (local: string) => new Date(`${local}+08:00`);

export async function firm(db: Db, name: string, district: string, street: string, sector: string) {
  const f = await insertFirm(db, { name, district, street });
  await db.updateTable('firms').set({ sector }).where('id', '=', f.id).execute();
  return f.id;
}

export async function score(
  db: Db,
  runId: number,
  firmId: number,
  at: string,
  value: number,
  level: string | null,
  reasons: string[] = [],
) {
  const detail = { contributions: reasons.map((text, i) => ({ source: 'petitions', id: i, why: { text } })) };
  await db
    .insertInto('firm_scores')
    .values({
      firm_id: firmId,
      run_id: runId,
      at: sh(at),
      model: 'm',
      score: value,
      own_score: value,
      level,
      signature: `${firmId}:${at}`,
      detail: JSON.stringify(detail),
    })
    .execute();
}

export async function alert(
  db: Db,
  a: {
    firm: number;
    rule: string;
    raisedLevel: string;
    level?: string;
    raised: string;
    ack?: string;
    due?: string;
    closed?: string;
  },
) {
  const row = await db
    .insertInto('alerts')
    .values({
      firm_id: a.firm,
      rule: a.rule,
      category: a.rule === 'major_opinion' ? 'opinion' : 'labor',
      level: a.level ?? a.raisedLevel,
      status: a.closed ? 'resolved' : a.ack ? 'acknowledged' : 'open',
      title: `${a.rule} @ ${a.raised}`,
      fingerprint: `${a.firm}:${a.raised}`,
      score: 50,
      evidence: '[]',
      raised_at: sh(a.raised),
      updated_at: sh(a.raised),
      ack_due_at: null,
      handle_due_at: a.due ? sh(a.due) : null,
      acknowledged_at: a.ack ? sh(a.ack) : null,
      closed_at: a.closed ? sh(a.closed) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('alert_events')
    .values({
      alert_id: row.id,
      at: sh(a.raised),
      kind: 'raised',
      actor_id: null,
      actor_name: 'system',
      details: JSON.stringify({ level: a.raisedLevel }),
    })
    .execute();
  return row.id;
}

let n = 0;
/** The next number of a unique key (record ids, hashes, evidence keys). */
export const seq = () => ++n;
export async function inspection(db: Db, firmId: number | null, district: string, created: string) {
  await db
    .insertInto('inspections')
    .values({
      source: 't',
      record_id: `i${++n}`,
      firm_id: firmId,
      firm_name: 'x',
      firm_name_norm: 'x',
      firm_uscc: null,
      resolution: firmId ? 'resolved' : 'unresolved',
      district,
      street: null,
      extra: '{}',
      row_hash: `h${n}`,
      created_at: sh(created),
      updated_at: sh(created),
      date: '2026-11-01',
      kind: null,
      violations: [],
      workers: null,
      amount: null,
      order: null,
      due: null,
      rectified: null,
      status: null,
      inspector: null,
      notes: null,
    })
    .execute();
}
export async function petition(
  db: Db,
  firmId: number,
  district: string,
  created: string,
  received: string,
  petitioners: number,
) {
  await db
    .insertInto('petitions')
    .values({
      source: 't',
      record_id: `p${++n}`,
      firm_id: firmId,
      firm_name: 'x',
      firm_name_norm: 'x',
      firm_uscc: null,
      resolution: 'resolved',
      district,
      street: null,
      extra: '{}',
      row_hash: `h${n}`,
      created_at: sh(created),
      updated_at: sh(created),
      received,
      channel: null,
      categories: [],
      petitioners,
      summary_masked: null,
      summary_sealed: null,
      name_masked: null,
      name_sealed: null,
      phone_masked: null,
      phone_sealed: null,
      id_number_masked: null,
      id_number_sealed: null,
      id_number_valid: null,
      status: null,
      closed: null,
    })
    .execute();
}
export async function item(
  db: Db,
  feedId: number,
  title: string,
  fetched: string,
  severity: number,
  major: boolean,
  firmIds: number[],
) {
  const it = await db
    .insertInto('feed_items')
    .values({
      feed_id: feedId,
      dedup_key: title,
      content_hash: title,
      guid: title,
      link: `https://news.example/${encodeURIComponent(title)}`,
      title,
      published_at: sh(fetched),
      fetched_at: sh(fetched),
      text: title,
      html: null,
      neutral: severity === 0,
      max_severity: severity,
      categories: [],
      major,
      terms: '[]',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const f of firmIds)
    await db
      .insertInto('mentions')
      .values({
        item_id: it.id,
        firm_id: f,
        alias: 'x',
        offset: 0,
        length: 1,
        at: sh(fetched),
        neutral: false,
        max_severity: severity,
        major,
      })
      .execute();
}
