// Incidents in the database (the rules: src/domain/alerts/incidents.ts).
// A group of alert changes plans its incidents at its start (planIncidents)
// and writes them in a few statements.

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import {
  type CauseInput,
  groupKeys,
  type IncidentConfig,
  joined,
  membership,
  type OpenIncident,
  opinionItemOf,
  pickIncident,
} from '../domain/alerts/incidents.ts';
import type { AlertCandidate } from '../domain/alert-rules.ts';
import { OPEN_STATUS_SQL } from '../domain/alerts/states.ts';
import type { Level } from '../domain/scoring/index.ts';

export interface Joined {
  kind: 'lead' | 'member' | 'raises';
  /** Until `write`, a new incident's id is a temporary negative one. */
  incidentId: number;
}

/**
 * The incidents of one group of raises, planned in memory and written in
 * a few statements whatever the group's size.
 */
export interface IncidentPlan {
  /** Puts a new alert into its incident (opening one if none fits) and returns what it is there. */
  place(keys: readonly string[], a: { level: Level; title: string; district: string | null }): Joined;
  /** Writes the new incidents and the changes to open ones; returns the real id of a placed incident id. */
  write(trx: Db): Promise<(incidentId: number) => number>;
  /** Records the alert that opened each new incident (after the alerts are written). */
  setLeads(trx: Db, leads: ReadonlyArray<{ incidentId: number; alertId: number }>): Promise<void>;
}

interface Planned {
  inc: OpenIncident;
  fresh: boolean;
  changed: boolean;
  /** A new title (a lead's, or that of an alert that raised the level). */
  title: string | null;
  district: string | null;
}

/**
 * Reads and locks the open incidents that share a key with any of the
 * group's raises, so that the raises of one evaluation (and of concurrent
 * ones, in turn) join the same incident rather than each opening one.
 */
export async function planIncidents(
  trx: Db,
  keys: readonly string[],
  at: Date,
  config: IncidentConfig,
): Promise<IncidentPlan> {
  const from = new Date(at.getTime() - config.windowMinutes * 60_000);
  const book: Planned[] = [];
  if (keys.length > 0) {
    const rows = await sql<{ id: number; group_keys: string[]; level: Level; opened_at: Date; last_alert_at: Date }>`
      select id, group_keys, level, opened_at, last_alert_at from incidents
      where status = 'open' and group_keys && ${[...new Set(keys)]}::text[] and last_alert_at >= ${from}
      order by id for update`.execute(trx);
    for (const r of rows.rows) {
      const inc = {
        id: r.id,
        keys: r.group_keys,
        level: r.level,
        openedAt: new Date(r.opened_at),
        lastAlertAt: new Date(r.last_alert_at),
      };
      book.push({ inc, fresh: false, changed: false, title: null, district: null });
    }
  }
  let temp = 0;
  return {
    place(keys, a) {
      const joins = pickIncident(
        keys,
        book.map((p) => p.inc),
        at,
        config,
      );
      const m = membership(a.level, joins);
      if (m.kind === 'lead') {
        const inc = { id: --temp, keys: [...keys], level: a.level, openedAt: at, lastAlertAt: at };
        book.push({ inc, fresh: true, changed: true, title: a.title, district: a.district });
        return { kind: 'lead', incidentId: inc.id };
      }
      const p = book.find((q) => q.inc === joins)!;
      p.inc = joined(joins!, keys, a.level, at);
      p.changed = true;
      if (m.kind === 'raises') p.title = a.title;
      return { kind: m.kind, incidentId: p.inc.id };
    },
    async write(trx) {
      const fresh = book.filter((p) => p.fresh);
      const real = new Map<number, number>();
      if (fresh.length > 0) {
        // Ids drawn first, so that one multi-row insert needs no mapping back.
        const ids = await sql<{
          id: number;
        }>`select nextval(pg_get_serial_sequence('incidents', 'id'))::int as id from generate_series(1, ${fresh.length}::int)`.execute(
          trx,
        );
        fresh.forEach((p, i) => {
          real.set(p.inc.id, ids.rows[i]!.id);
        });
        await trx
          .insertInto('incidents')
          .values(
            fresh.map((p) => ({
              id: real.get(p.inc.id)!,
              group_keys: [...p.inc.keys],
              level: p.inc.level,
              title: p.title!,
              district: p.district,
              opened_at: p.inc.openedAt,
              last_alert_at: p.inc.lastAlertAt,
            })),
          )
          .execute();
      }
      const changed = book
        .filter((p) => !p.fresh && p.changed)
        .map(
          (p) =>
            sql`(${p.inc.id}::int, ${[...p.inc.keys]}::text[], ${p.inc.level}::text, ${p.inc.lastAlertAt}::timestamptz, ${p.title}::text)`,
        );
      if (changed.length > 0) {
        await sql`update incidents i set group_keys = v.group_keys, level = v.level, last_alert_at = v.last_alert_at, title = coalesce(v.title, i.title)
          from (values ${sql.join(changed)}) as v(id, group_keys, level, last_alert_at, title) where i.id = v.id`.execute(
          trx,
        );
      }
      return (id) => (id < 0 ? real.get(id)! : id);
    },
    async setLeads(trx, leads) {
      if (leads.length === 0) return;
      const rows = leads.map((l) => sql`(${l.incidentId}::int, ${l.alertId}::int)`);
      await sql`update incidents i set lead_alert_id = v.alert_id from (values ${sql.join(rows)}) as v(id, alert_id)
        where i.id = v.id and i.lead_alert_id is null`.execute(trx);
    },
  };
}

/** The story of each feed item that fired a trigger among these candidates (one query). */
export async function storiesOf(db: Db, candidates: readonly AlertCandidate[]): Promise<Map<number, number>> {
  const items = [
    ...new Set(candidates.map((c) => opinionItemOf(c.fingerprint)).filter((i): i is number => i !== null)),
  ];
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
  const partnerFirmIds = c.evidence
    .filter((e) => e.source === 'partner')
    .map((e) => Number(e.id))
    .filter(Number.isInteger);
  return groupKeys({ firmId, trigger, partnerFirmIds });
}

/** Closes an incident whose alerts are all closed (called after an alert closes, in its transaction). */
export async function closeIncidentIfDone(trx: Db, incidentId: number | null, at: Date): Promise<void> {
  if (incidentId === null) return;
  await sql`update incidents set status = 'closed', closed_at = ${at}
    where id = ${incidentId} and status = 'open'
      and not exists (select 1 from alerts where incident_id = ${incidentId} and status in ${sql.raw(OPEN_STATUS_SQL)})`.execute(
    trx,
  );
}
