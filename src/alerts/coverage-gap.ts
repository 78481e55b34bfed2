// Coverage gaps in the database: a red or orange alert that finds nobody on
// duty raises a `coverage_gap` alert to the district's fallback tier and the
// admins, so that nobody learns the next morning that nobody was told.
// One open gap alert per district and alert category (gapFingerprint): a
// later gap there, at a raise or at an escalation step, is added to its
// timeline naming the alert nobody was found for, and pages nobody again.
// The gap alert's firm is the firm of the first alert that found nobody
// (its district is the gap's, so jurisdiction checks hold). Written for a
// whole group of raises at once: one read of the open gap alerts, one
// insert of the new ones.

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { SYSTEM_ACTOR } from '../audit/audit.ts';
import { rankOf } from '../domain/alert-rules.ts';
import { fallbackTier, gapFingerprint, gapTitle } from '../domain/alerts/coverage.ts';
import type { EscalationPolicy } from '../domain/alerts/index.ts';
import { OPEN_STATUSES } from '../domain/alerts/states.ts';
import type { Level } from '../domain/scoring/index.ts';
import type { FirmPlace, Person, TargetResolver } from './duty.ts';
import { mentionsOf } from './routing.ts';
import type { Mentions } from '../delivery/outbox.ts';
import type { TimelineEntry } from './timeline.ts';

export const COVERAGE_GAP_RULE = 'coverage_gap';

/** The active admins over a district (city-level admins included), read once per district. */
export type AdminsOf = (district: string | null) => Promise<Person[]>;

export function adminsOf(db: Db): AdminsOf {
  const seen = new Map<string, Promise<Person[]>>();
  return (district) => {
    const key = district ?? '';
    let people = seen.get(key);
    if (people === undefined) {
      people = db
        .selectFrom('users')
        .select(['id', 'name', 'mobile'])
        .where('role', '=', 'admin')
        .where('disabled', '=', false)
        .where((eb) =>
          district === null
            ? eb('district', 'is', null)
            : eb.or([eb('district', 'is', null), eb('district', '=', district)]),
        )
        .orderBy('id')
        .execute();
      seen.set(key, people);
      people.catch(() => seen.delete(key));
    }
    return people;
  };
}

/** Who hears of a gap: whoever is on duty at the district's fallback tier, and the admins over the district. */
export async function gapRecipients(
  peopleFor: TargetResolver,
  admins: AdminsOf,
  policy: EscalationPolicy,
  place: FirmPlace,
  category: string,
): Promise<Person[]> {
  const tier = fallbackTier(policy);
  const [fallback, over] = await Promise.all([
    tier === null ? [] : peopleFor({ kind: 'on_duty', tier }, place, category),
    admins(place.district),
  ]);
  const seen = new Set<number>();
  return [...fallback, ...over].filter((p) => !seen.has(p.id) && seen.add(p.id));
}

export interface GapRaise {
  /** The alert nobody was found for. */
  alertId: number;
  firm: { id: number; name: string; district: string | null };
  level: Level;
  category: string;
  /** That alert's score (the gap alert carries the first one's). */
  score: number;
  /** Where it happened: the raise, or an escalation step. */
  when: 'raise' | 'escalation';
  step?: number;
  recipients: Person[];
}

export interface GapWritten {
  /** Timeline entries: on the alert nobody was found for, and on the gap alert. */
  entries: TimelineEntry[];
  /** A new gap alert to deliver, with its mentions; null when the gap joined an open one. */
  deliver: { alertId: number; mentions: Mentions } | null;
}

/**
 * Writes the gaps (in order) in the caller's transaction: each joins the
 * open gap alert of its district and category, or raises it. Returns, per
 * gap, its timeline entries and, for a gap that raised a gap alert, the
 * event to deliver.
 */
export async function writeCoverageGaps(trx: Db, gaps: readonly GapRaise[], at: Date): Promise<GapWritten[]> {
  if (gaps.length === 0) return [];
  const keyOf = (g: GapRaise) => gapFingerprint(g.firm.district, g.category);
  const keys = [...new Set(gaps.map(keyOf))];
  const open = await trx
    .selectFrom('alerts')
    .select(['id', 'fingerprint', 'level'])
    .where('rule', '=', COVERAGE_GAP_RULE)
    .where('status', 'in', [...OPEN_STATUSES])
    .where('fingerprint', '=', sql<string>`any(${keys}::text[])`)
    .execute();
  const level = new Map(open.map((o) => [o.fingerprint, o.level as Level]));
  // The first gap of each key with no open gap alert raises it; the others join.
  const raising = new Map<string, GapRaise>();
  for (const g of gaps) if (!level.has(keyOf(g)) && !raising.has(keyOf(g))) raising.set(keyOf(g), g);
  const fresh =
    raising.size === 0
      ? []
      : await trx
          .insertInto('alerts')
          .values(
            [...raising].map(([key, g]) => ({
              firm_id: g.firm.id,
              rule: COVERAGE_GAP_RULE,
              category: g.category,
              level: g.level,
              fingerprint: key,
              title: gapTitle({
                level: g.level,
                district: g.firm.district,
                category: g.category,
                alertId: g.alertId,
                firmName: g.firm.name,
              }),
              score: g.score,
              evidence: JSON.stringify([{ source: 'alert', id: g.alertId, date: at.toISOString().slice(0, 10) }]),
              raised_at: at,
              updated_at: at,
              assignee_id: g.recipients[0]?.id ?? null,
            })),
          )
          .returning(['id', 'fingerprint'])
          .execute();
  const idOf = new Map([...open, ...fresh].map((r) => [r.fingerprint, r.id]));
  for (const [key, g] of raising) level.set(key, g.level);

  // A red gap joining an orange gap alert raises its level (recorded; the fallback was told already).
  const joined = new Set<string>();
  const out = gaps.map((g): GapWritten => {
    const key = keyOf(g);
    const gapId = idOf.get(key)!;
    const told = g.recipients.map((p) => p.name);
    const details = {
      alert: g.alertId,
      firm: g.firm.name,
      when: g.when,
      ...(g.step !== undefined ? { step: g.step } : {}),
      told,
    };
    const entries: TimelineEntry[] = [
      {
        alertId: g.alertId,
        kind: 'coverage_gap',
        actor: SYSTEM_ACTOR,
        at,
        details: { told, gap: gapId },
        audited: false,
      },
    ];
    if (raising.get(key) === g) {
      entries.push({ alertId: gapId, kind: 'raised', actor: SYSTEM_ACTOR, at, details });
      if (told.length > 0)
        entries.push({
          alertId: gapId,
          kind: 'notified',
          actor: SYSTEM_ACTOR,
          at,
          details: { step: 0, users: told },
          audited: false,
        });
      return { entries, deliver: { alertId: gapId, mentions: mentionsOf(g.recipients) } };
    }
    joined.add(key);
    const was = level.get(key)!;
    if (rankOf(g.level) > rankOf(was)) {
      level.set(key, g.level);
      entries.push({
        alertId: gapId,
        kind: 'level_raised',
        actor: SYSTEM_ACTOR,
        at,
        details: { ...details, from: was, to: g.level },
      });
    } else {
      entries.push({ alertId: gapId, kind: 'updated', actor: SYSTEM_ACTOR, at, details, audited: false });
    }
    return { entries, deliver: null };
  });
  if (joined.size > 0) {
    const rows = [...joined].map((key) => sql`(${idOf.get(key)!}::int, ${level.get(key)!}::text)`);
    await sql`update alerts a set updated_at = ${at}, level = v.level from (values ${sql.join(rows)}) as v(id, level) where a.id = v.id`.execute(
      trx,
    );
  }
  return out;
}
