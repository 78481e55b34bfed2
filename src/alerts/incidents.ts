// Incidents in the database (the rules: src/domain/alerts/incidents.ts).
// A group of alert changes opens one book at its start: the open
// incidents that share a key with any of its raises, locked, so that the
// raises of one evaluation (and of concurrent ones, in turn) join the same
// incident rather than each opening one.

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import {
  type CauseInput, groupKeys, type IncidentConfig, joined, membership, type OpenIncident, opinionItemOf, pickIncident,
} from '../domain/alerts/incidents.ts';
import type { AlertCandidate } from '../domain/alert-rules.ts';
import { OPEN_STATUS_SQL } from '../domain/alerts/states.ts';
import type { Level } from '../domain/scoring/index.ts';

export interface Joined {
  kind: 'lead' | 'member' | 'raises';
  incidentId: number;
}

export interface IncidentBook {
  /** Puts a new alert into its incident (opening one if none fits) and returns what it is there. */
  assign(trx: Db, keys: readonly string[], a: { level: Level; title: string; district: string | null }): Promise<Joined>;
  /** Records the alert that opened an incident. */
  setLead(trx: Db, incidentId: number, alertId: number): Promise<void>;
}

export async function openIncidentBook(trx: Db, keys: readonly string[], at: Date, config: IncidentConfig): Promise<IncidentBook> {
  const from = new Date(at.getTime() - config.windowMinutes * 60_000);
  const book: OpenIncident[] = [];
  if (keys.length > 0) {
    const rows = await sql<{ id: number; group_keys: string[]; level: Level; opened_at: Date; last_alert_at: Date }>`
      select id, group_keys, level, opened_at, last_alert_at from incidents
      where status = 'open' and group_keys && ${[...new Set(keys)]}::text[] and last_alert_at >= ${from}
      order by id for update`.execute(trx);
    for (const r of rows.rows) book.push({ id: r.id, keys: r.group_keys, level: r.level, openedAt: new Date(r.opened_at), lastAlertAt: new Date(r.last_alert_at) });
  }
  return {
    async assign(trx, keys, a) {
      const joins = pickIncident(keys, book, at, config);
      const m = membership(a.level, joins);
      if (m.kind === 'lead') {
        const row = await trx.insertInto('incidents').values({
          group_keys: [...keys], level: a.level, title: a.title, district: a.district, opened_at: at, last_alert_at: at,
        }).returning('id').executeTakeFirstOrThrow();
        book.push({ id: row.id, keys, level: a.level, openedAt: at, lastAlertAt: at });
        return { kind: 'lead', incidentId: row.id };
      }
      const next = joined(joins!, keys, a.level, at);
      book[book.indexOf(joins!)] = next;
      await trx.updateTable('incidents').set({
        group_keys: [...next.keys], level: next.level, last_alert_at: next.lastAlertAt,
        ...(m.kind === 'raises' ? { title: a.title } : {}),
      }).where('id', '=', next.id).execute();
      return { kind: m.kind, incidentId: next.id };
    },
    async setLead(trx, incidentId, alertId) {
      await trx.updateTable('incidents').set({ lead_alert_id: alertId }).where('id', '=', incidentId).where('lead_alert_id', 'is', null).execute();
    },
  };
}

/** The story of each feed item that fired a trigger among these candidates (one query). */
export async function storiesOf(db: Db, candidates: readonly AlertCandidate[]): Promise<Map<number, number>> {
  const items = [...new Set(candidates.map((c) => opinionItemOf(c.fingerprint)).filter((i): i is number => i !== null))];
  if (items.length === 0) return new Map();
  const rows = await sql<{ id: number; story: number }>`
    select id, coalesce(story_id, id) as story from feed_items where id = any(${items}::int[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.id, r.story]));
}

/** The group keys of a candidate alert of a firm. */
export function candidateKeys(firmId: number, c: AlertCandidate, stories: ReadonlyMap<number, number>): string[] {
  const item = opinionItemOf(c.fingerprint);
  let trigger: CauseInput['trigger'];
  if (item !== null) trigger = { source: 'opinion', storyId: stories.get(item) ?? item };
  else {
    const m = /^(petition|inspection):(.+)$/.exec(c.fingerprint);
    if (m) trigger = { source: m[1] as 'petition', id: m[2]! };
  }
  const partnerFirmIds = c.evidence.filter((e) => e.source === 'partner').map((e) => Number(e.id)).filter(Number.isInteger);
  return groupKeys({ firmId, trigger, partnerFirmIds });
}

/** Closes an incident whose alerts are all closed (called after an alert closes, in its transaction). */
export async function closeIncidentIfDone(trx: Db, incidentId: number | null, at: Date): Promise<void> {
  if (incidentId === null) return;
  await sql`update incidents set status = 'closed', closed_at = ${at}
    where id = ${incidentId} and status = 'open'
      and not exists (select 1 from alerts where incident_id = ${incidentId} and status in ${sql.raw(OPEN_STATUS_SQL)})`.execute(trx);
}
