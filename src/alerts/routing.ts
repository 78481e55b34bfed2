// Who a newly raised alert goes to: the silence that mutes it (if any), the
// first step of its level's escalation chain fired at once (the on-duty
// officer paged and mentioned; non-red alerts in quiet hours page nobody
// until morning), and its assignee. Shared by every place that raises an
// alert (score changes, missed credit-objection deadlines), so each one is
// assigned and escalated the same way.

import type { Db } from '../db/connect.ts';
import { SYSTEM_ACTOR } from '../audit/audit.ts';
import {
  activeSilence,
  advance,
  type EscalationCursor,
  type QuietHours,
  type Silence,
  startEscalation,
  type StepMedium,
  stepMedia,
} from '../domain/alerts/index.ts';
import type { Level } from '../domain/scoring/index.ts';
import { type FirmPlace, loadPolicies, loadRoster, loadSilences, type Person, targetResolver } from './duty.ts';
import type { Mentions } from '../delivery/outbox.ts';
import type { TimelineEntry } from './timeline.ts';
import { isCoverageGap } from '../domain/alerts/coverage.ts';
import { adminsOf, gapRecipients } from './coverage-gap.ts';

export interface NewAlert {
  firmId: number;
  rule: string;
  level: Level;
  category: string;
  place: FirmPlace;
}

export interface Route {
  silence: Silence | null;
  cursor: EscalationCursor;
  /** Paged by the chain's first step (mentioned in group messages). */
  notified: Person[];
  /** How the first step reaches them (chat, sms, voice). */
  media: StepMedium[];
  assignee: Person | undefined;
  /** Nobody on duty for a red or orange alert: who hears of the gap (fallback tier, admins); null: no gap. */
  gap: Person[] | null;
}

export type Router = (alert: NewAlert) => Promise<Route>;

/**
 * A router for alerts raised at `at`, reading roster, policies and silences
 * once, and the people each target and the admins of each district names
 * once (a first sweep routes thousands of alerts over a few places).
 * `db` may be a transaction: every lookup then runs inside it.
 */
export async function loadRouter(db: Db, at: Date, quiet: QuietHours | null): Promise<Router> {
  const [roster, policyFor, silences] = await Promise.all([loadRoster(db, at), loadPolicies(db), loadSilences(db, at)]);
  const peopleFor = targetResolver(db, roster, at);
  const admins = adminsOf(db);
  return async (a) => {
    const silence = activeSilence(silences, { firmId: a.firmId, rule: a.rule, level: a.level, place: a.place }, at);
    const policy = policyFor(a.level, a.place.district);
    const window = { level: a.level, quiet };
    let cursor = startEscalation(policy, at, window);
    let notified: Person[] = [];
    let media: StepMedium[] = ['chat'];
    if (!silence) {
      const step = advance(policy, cursor, at, window);
      cursor = step.cursor;
      if (step.fire) {
        notified = await peopleFor(step.fire.target, a.place, a.category);
        media = stepMedia(step.fire);
      }
    }
    const assignee = notified[0] ?? (await peopleFor({ kind: 'on_duty', tier: 1 }, a.place, a.category))[0];
    const gap = isCoverageGap(a.level, assignee ? 1 : 0, silence !== null)
      ? await gapRecipients(peopleFor, admins, policy, a.place, a.category)
      : null;
    return { silence, cursor, notified, media, assignee, gap };
  };
}

/** Who a group robot should @-mention for these people (their mobiles). */
export const mentionsOf = (people: readonly Person[]): Mentions => ({
  mobiles: people.map((p) => p.mobile).filter((m): m is string => !!m),
  userIds: [],
});

/** The alert columns a route sets. */
export const routeColumns = (r: Route) => ({
  assignee_id: r.assignee?.id ?? null,
  silence_id: r.silence?.id ?? null,
  escalation_step: r.cursor.step,
  escalation_pass: r.cursor.pass,
  escalation_next_at: r.silence ? null : r.cursor.nextAt,
});

/**
 * What a newly raised alert leaves behind besides its row: the `raised`
 * timeline entry (with its assignee), the route's own entries, and the
 * mentions of its `alert.raised` message, or null when a silence holds it
 * back (recorded, not delivered).
 */
export function raisedRecords(
  alertId: number,
  r: Route,
  at: Date,
  details: Record<string, unknown>,
): { entries: TimelineEntry[]; deliver: { mentions: Mentions; paged: Person[]; media: StepMedium[] } | null } {
  const entries: TimelineEntry[] = [
    { alertId, kind: 'raised', actor: SYSTEM_ACTOR, at, details: { ...details, assignee: r.assignee?.name ?? null } },
  ];
  if (r.silence) {
    const until = r.silence.endsAt.toISOString();
    entries.push({
      alertId,
      kind: 'silenced',
      actor: SYSTEM_ACTOR,
      at,
      details: { silence: r.silence.id, until, reason: r.silence.reason },
      audited: false,
    });
    return { entries, deliver: null };
  }
  if (r.notified.length > 0) {
    entries.push({
      alertId,
      kind: 'notified',
      actor: SYSTEM_ACTOR,
      at,
      details: { step: 0, users: r.notified.map((p) => p.name), channels: r.media },
      audited: false,
    });
  }
  return { entries, deliver: { mentions: mentionsOf(r.notified), paged: r.notified, media: r.media } };
}
