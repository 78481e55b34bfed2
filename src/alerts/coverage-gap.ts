// Coverage gaps in the database: a red or orange alert that finds nobody on
// duty raises a `coverage_gap` alert for the same firm, to the district's
// fallback tier and the admins, so that nobody learns the next morning
// that nobody was told. One open gap alert per firm; a later gap is added
// to its timeline. Escalation steps that find nobody do the same, so the
// chain never advances silently.

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { SYSTEM_ACTOR } from '../audit/audit.ts';
import { LEVEL_ZH } from '../domain/alert-rules.ts';
import { fallbackTier } from '../domain/alerts/coverage.ts';
import { type EscalationPolicy } from '../domain/alerts/index.ts';
import { OPEN_STATUSES } from '../domain/alerts/states.ts';
import type { Level } from '../domain/scoring/index.ts';
import type { FirmPlace, Person, TargetResolver } from './duty.ts';
import { mentionsOf } from './routing.ts';
import type { Mentions } from '../delivery/outbox.ts';
import type { TimelineEntry } from './timeline.ts';

export const COVERAGE_GAP_RULE = 'coverage_gap';

/** Who hears of a gap: whoever is on duty at the district's fallback tier, and the admins over the district. */
export async function gapRecipients(
  db: Db, peopleFor: TargetResolver, policy: EscalationPolicy, place: FirmPlace, category: string,
): Promise<Person[]> {
  const tier = fallbackTier(policy);
  const fallback = tier === null ? [] : await peopleFor({ kind: 'on_duty', tier }, place, category);
  const admins = await db.selectFrom('users').select(['id', 'name', 'mobile']).where('role', '=', 'admin').where('disabled', '=', false)
    .where((eb) => eb.or([eb('district', 'is', null), eb('district', '=', place.district)])).orderBy('id').execute();
  const seen = new Set<number>();
  return [...fallback, ...admins].filter((p) => !seen.has(p.id) && seen.add(p.id));
}

export interface GapRaise {
  /** The alert nobody was found for. */
  alertId: number;
  firm: { id: number; name: string };
  level: Level;
  category: string;
  /** Where it happened: the raise, or an escalation step. */
  when: 'raise' | 'escalation';
  step?: number;
  recipients: Person[];
}

/**
 * Writes the gap alert (or adds to the firm's open one) in the caller's
 * transaction; returns its timeline entries and, for a new gap alert, the
 * event to deliver with its mentions.
 */
export async function writeCoverageGap(trx: Db, g: GapRaise, at: Date): Promise<{
  entries: TimelineEntry[]; deliver: { alertId: number; mentions: Mentions } | null;
}> {
  const told = g.recipients.map((p) => p.name);
  const details = { alert: g.alertId, when: g.when, ...(g.step !== undefined ? { step: g.step } : {}), told };
  const open = await trx.selectFrom('alerts').select('id').where('firm_id', '=', g.firm.id).where('rule', '=', COVERAGE_GAP_RULE)
    .where('status', 'in', [...OPEN_STATUSES]).executeTakeFirst();
  const entries: TimelineEntry[] = [{ alertId: g.alertId, kind: 'coverage_gap', actor: SYSTEM_ACTOR, at, details: { told }, audited: false }];
  if (open) {
    entries.push({ alertId: open.id, kind: 'updated', actor: SYSTEM_ACTOR, at, details, audited: false });
    return { entries, deliver: null };
  }
  const title = `【${LEVEL_ZH[g.level]}预警·无人值班】${g.firm.name}：预警 #${g.alertId} 未找到值班人员`;
  const row = await trx.insertInto('alerts').values({
    firm_id: g.firm.id, rule: COVERAGE_GAP_RULE, category: g.category, level: g.level, title, fingerprint: `gap:${g.alertId}`,
    score: sql<number>`(select score from alerts where id = ${g.alertId})`, evidence: JSON.stringify([{ source: 'alert', id: g.alertId, date: at.toISOString().slice(0, 10) }]),
    raised_at: at, updated_at: at, assignee_id: g.recipients[0]?.id ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  entries.push({ alertId: row.id, kind: 'raised', actor: SYSTEM_ACTOR, at, details });
  if (told.length > 0) entries.push({ alertId: row.id, kind: 'notified', actor: SYSTEM_ACTOR, at, details: { step: 0, users: told }, audited: false });
  return { entries, deliver: { alertId: row.id, mentions: mentionsOf(g.recipients) } };
}
