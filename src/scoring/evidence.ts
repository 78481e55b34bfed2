// Loads what the risk model reads, for a set of firms, within the model's
// evidence window (src/domain/scoring/window.ts): records outside it cannot
// change a score, so they are never read. Columns are narrow and arrive in
// the forms the model takes without conversion (dates as YYYY-MM-DD text,
// instants as epoch milliseconds), because a city-wide sweep reads a
// million rows and decoding them is most of its cost.
// Rows come in id order: sums of floating-point points depend on the order
// of addition, and the same data must always give the same output.

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type {
  EvidenceWindow,
  FirmEvidence,
  InspectionEvidence,
  MentionEvidence,
  PetitionEvidence,
} from '../domain/scoring/index.ts';
import type { InspectionStatus, Order, PetitionCategory, Violation } from '../domain/values/index.ts';
import { closerPlace, mentionPlace } from '../domain/place/mention-place.ts';

/** Which firms: an inclusive id range (sweeps walk the table in ranges) or a list. */
export type FirmSelector = { from: number; to: number } | { ids: readonly number[] };

function firmCondition(column: string, sel: FirmSelector) {
  const col = sql.ref(column);
  return 'ids' in sel ? sql`${col} = any(${[...sel.ids]}::int[])` : sql`${col} between ${sel.from} and ${sel.to}`;
}

// Each query returns the chunk as one JSON array of arrays: JSON.parse is
// native and several times faster than decoding a million rows field by
// field, and the arrays keep the text small.
type InspectionTuple = [
  number,
  number,
  string,
  string,
  Violation[],
  number | null,
  number | null,
  Order | null,
  string | null,
  string | null,
  InspectionStatus | null,
  string | null,
  number | null,
];
type PetitionTuple = [
  number,
  number,
  string,
  string,
  PetitionCategory[],
  number,
  boolean,
  string | null,
  number | null,
];
type MentionTuple = [
  number,
  number,
  number,
  number,
  boolean,
  string[],
  number,
  boolean,
  number | null,
  number | string | null,
  number,
  string | null,
  boolean,
];

export const emptyEvidence = (): {
  inspections: InspectionEvidence[];
  petitions: PetitionEvidence[];
  mentions: MentionEvidence[];
} => ({ inspections: [], petitions: [], mentions: [] });

async function tuples<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const r = await sql<{
    rows: T[] | string | null;
  }>`select coalesce(json_agg(t.r order by t.id), '[]'::json) as rows from (${query}) t`.execute(db);
  const rows = r.rows[0]?.rows ?? [];
  return typeof rows === 'string' ? (JSON.parse(rows) as T[]) : rows;
}

/**
 * How many evidence records each selected firm has in the window (what
 * loadEvidence would return), to bound the chunks of a run by records
 * (chunks.ts). Counts come from the (firm, date) indexes; firms without
 * records are absent.
 */
export async function countEvidence(db: Db, sel: FirmSelector, w: EvidenceWindow): Promise<Map<number, number>> {
  const r = await sql<{ firm_id: number; n: number }>`
    select firm_id, sum(n)::int as n from (
      select firm_id, count(*) as n from inspections
      where ${firmCondition('firm_id', sel)} and date between ${w.inspectionsFrom} and ${w.untilDate} group by firm_id
      union all
      select firm_id, count(*) from petitions
      where ${firmCondition('firm_id', sel)} and received between ${w.petitionsFrom} and ${w.untilDate} group by firm_id
      union all
      select firm_id, count(*) from mentions
      where ${firmCondition('firm_id', sel)} and at >= ${w.mentionsFrom} and at <= ${w.until} group by firm_id
    ) c group by firm_id`.execute(db);
  return new Map(r.rows.map((x) => [x.firm_id, Number(x.n)]));
}

// One row per mention occurrence; copies of one story fold into one record (foldStories).
function mentionTuples(db: Db, sel: FirmSelector, w: EvidenceWindow): Promise<MentionTuple[]> {
  return tuples<MentionTuple>(
    db,
    sql`
      select m.id, json_build_array(m.item_id, m.firm_id, (extract(epoch from m.at) * 1000)::float8, m.max_severity, m.major,
             m.categories, f.credibility, m.collective, m.people, m.amount, coalesce(i.story_id, i.id), i.place,
             fr.role = 'platform' and not i.names_partner) as r
      from mentions m join feed_items i on i.id = m.item_id join feeds f on f.id = i.feed_id
      join firms fr on fr.id = m.firm_id
      where ${firmCondition('m.firm_id', sel)} and m.at >= ${w.mentionsFrom} and m.at <= ${w.until}`,
  );
}

/** The mentions alone, as loadEvidence gives them (for firms resumed from a stored records part). */
export async function loadMentions(
  db: Db,
  sel: FirmSelector,
  w: EvidenceWindow,
): Promise<Map<number, readonly MentionEvidence[]>> {
  const byFirm = new Map<number, { mentions: MentionEvidence[] }>();
  foldStories(await mentionTuples(db, sel, w), (firmId) => {
    let e = byFirm.get(firmId);
    if (e === undefined) byFirm.set(firmId, (e = { mentions: [] }));
    return e;
  });
  return new Map([...byFirm].map(([id, e]) => [id, e.mentions]));
}

/**
 * Evidence per firm id, for the firms selected, as of window.until. Firms
 * without any record in the window are absent from the map.
 */
export async function loadEvidence(db: Db, sel: FirmSelector, w: EvidenceWindow): Promise<Map<number, FirmEvidence>> {
  const [ins, pets, ments] = await Promise.all([
    tuples<InspectionTuple>(
      db,
      sql`
      select id, json_build_array(id, firm_id, record_id, date, violations, workers, amount, "order", due, rectified, status, related,
        (extract(epoch from date_at) * 1000)::float8) as r
      from inspections
      where ${firmCondition('firm_id', sel)} and date between ${w.inspectionsFrom} and ${w.untilDate}`,
    ),
    tuples<PetitionTuple>(
      db,
      sql`
      select id, json_build_array(id, firm_id, record_id, received, categories, petitioners, repeat, closed,
        (extract(epoch from received_at) * 1000)::float8) as r
      from petitions
      where ${firmCondition('firm_id', sel)} and received between ${w.petitionsFrom} and ${w.untilDate}`,
    ),
    mentionTuples(db, sel, w),
  ]);
  const byFirm = new Map<number, ReturnType<typeof emptyEvidence>>();
  const of = (firmId: number) => {
    let e = byFirm.get(firmId);
    if (e === undefined) byFirm.set(firmId, (e = emptyEvidence()));
    return e;
  };
  for (const [
    id,
    firmId,
    recordId,
    date,
    violations,
    workers,
    amount,
    order,
    due,
    rectified,
    status,
    related,
    at,
  ] of ins) {
    of(firmId).inspections.push({
      id,
      recordId,
      date,
      violations,
      workers,
      amount,
      order,
      due,
      rectified,
      status,
      related,
      at,
    });
  }
  for (const [id, firmId, recordId, received, categories, petitioners, repeat, closed, at] of pets) {
    of(firmId).petitions.push({ id, recordId, received, categories, petitioners, repeat, closed, at });
  }
  foldStories(ments, of);
  return byFirm;
}

/**
 * One evidence record per firm and story (issue 14, item 5): the earliest
 * copy stands for the story, the strongest reading of any copy is kept, and
 * the other copies' instants go along so the model adds a bounded reach
 * bonus for those published by `at` (never later ones, for backtests).
 */
function foldStories(ments: readonly MentionTuple[], of: (firmId: number) => { mentions: MentionEvidence[] }): void {
  const byKey = new Map<string, { m: MentionEvidence; items: Set<number>; copies: number[] }>();
  for (const [
    id,
    firmId,
    t,
    maxSeverity,
    major,
    categories,
    credibility,
    collective,
    people,
    rawAmount,
    story,
    place,
    platform,
  ] of ments) {
    const key = `${firmId}/${story}`;
    const g = byKey.get(key);
    const amount = rawAmount === null ? null : Number(rawAmount);
    if (g === undefined) {
      const m: MentionEvidence = {
        id,
        at: new Date(t),
        maxSeverity,
        major,
        categories,
        credibility,
        collective,
        people,
        amount,
        place: mentionPlace(place, platform),
      };
      byKey.set(key, { m, items: new Set([id]), copies: [] });
      of(firmId).mentions.push(m);
      continue;
    }
    if (g.items.has(id)) continue; // another occurrence in the same item
    g.items.add(id);
    const m = g.m as { -readonly [K in keyof MentionEvidence]: MentionEvidence[K] };
    const at = m.at.getTime();
    if (t < at) {
      g.copies.push(at);
      m.id = id;
      m.at = new Date(t);
    } else g.copies.push(t);
    if (maxSeverity > m.maxSeverity) m.maxSeverity = maxSeverity;
    if (major) m.major = true;
    if (categories.some((c) => !m.categories.includes(c)))
      m.categories = [...new Set([...m.categories, ...categories])];
    if ((credibility ?? 0) > (m.credibility ?? 0)) m.credibility = credibility;
    if (collective) m.collective = true;
    if ((people ?? 0) > (m.people ?? 0)) m.people = people;
    if ((amount ?? 0) > (m.amount ?? 0)) m.amount = amount;
    m.place = closerPlace(m.place, mentionPlace(place, platform));
    m.copies = g.copies;
  }
}
