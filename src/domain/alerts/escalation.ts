// The escalation clock of one alert. A cursor (stored with the alert) says
// which step fires next and when; a job calls advance() with the current
// time and notifies whatever step it returns. Acknowledgement stops the
// chain; an acknowledgement that is not followed by work (in_progress)
// within the policy's timeout lapses and the chain starts again.

import { z } from 'zod';
import type { Level } from '../scoring/types.ts';
import { MINUTE_MS } from './local-time.ts';
import type { EscalationPolicy, EscalationStep } from './escalation-policy.ts';
import { type QuietHours, applyQuietHours } from './quiet-hours.ts';

export interface EscalationCursor {
  /** Index of the step that fires next; steps.length once the chain is exhausted. */
  step: number;
  /** 0 for the first pass over the chain, up to policy.repeat. */
  pass: number;
  /** When the next step is due; null when nothing more will fire (exhausted or acknowledged). */
  nextAt: Date | null;
  /** Set by onAcknowledged: when the chain was stopped by an acknowledgement. */
  acknowledgedAt?: Date | null;
}

/** Applied to every scheduled notification when given: non-red alerts wait out quiet hours. */
export interface NotifyWindow {
  level: Level;
  quiet: QuietHours | null;
}

const isoInstant = z.union([z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))]);

/** A cursor as stored (JSON with ISO instants) read back. */
export const escalationCursorSchema = z.object({
  step: z.number().int().min(0),
  pass: z.number().int().min(0),
  nextAt: isoInstant.nullable(),
  acknowledgedAt: isoInstant.nullish().transform((v) => v ?? null),
});

const plusMinutes = (at: Date, minutes: number) => new Date(at.getTime() + minutes * MINUTE_MS);

function schedule(at: Date, window: NotifyWindow | undefined): Date {
  return window ? applyQuietHours(at, window.level, window.quiet) : at;
}

/** A fresh chain: step 0 is due at once (or when quiet hours end). */
export function startEscalation(policy: EscalationPolicy, raisedAt: Date, window?: NotifyWindow): EscalationCursor {
  const nextAt = policy.steps.length > 0 ? schedule(raisedAt, window) : null;
  return { step: 0, pass: 0, nextAt, acknowledgedAt: null };
}

/**
 * Fires the due step, if any, and schedules the next one `waitMinutes` after
 * `now` (the moment it actually fired, so a late tick never shortens the
 * time the notified person has). After the last step of the last pass,
 * nextAt is null. One call fires at most one step. With a notify window, a
 * due step inside quiet hours (non-red) is pushed to their end instead.
 */
export function advance(
  policy: EscalationPolicy,
  cursor: EscalationCursor,
  now: Date,
  window?: NotifyWindow,
): { fire: EscalationStep | null; cursor: EscalationCursor } {
  if (cursor.nextAt === null || now.getTime() < cursor.nextAt.getTime()) return { fire: null, cursor };
  const step = policy.steps[cursor.step];
  if (step === undefined) return { fire: null, cursor: { ...cursor, nextAt: null } };
  const sendAt = schedule(now, window);
  if (sendAt.getTime() > now.getTime()) return { fire: null, cursor: { ...cursor, nextAt: sendAt } };

  const nextAt = schedule(plusMinutes(now, step.waitMinutes), window);
  let next: EscalationCursor;
  if (cursor.step + 1 < policy.steps.length) next = { ...cursor, step: cursor.step + 1, nextAt };
  else if (cursor.pass < policy.repeat) next = { ...cursor, step: 0, pass: cursor.pass + 1, nextAt };
  else next = { ...cursor, step: policy.steps.length, nextAt: null };
  return { fire: step, cursor: next };
}

/** Stops the chain; remembers when, for the acknowledgement timeout. */
export function onAcknowledged(cursor: EscalationCursor, at: Date): EscalationCursor {
  return { ...cursor, nextAt: null, acknowledgedAt: at };
}

/** When an acknowledgement made at `acknowledgedAt` lapses unless the alert is in_progress by then. */
export function ackExpiresAt(policy: EscalationPolicy, acknowledgedAt: Date): Date {
  return plusMinutes(acknowledgedAt, policy.ackTimeoutMinutes);
}

/**
 * A fresh cursor (step 0 due at `now`) when the alert is still only
 * acknowledged once the timeout has passed (at exactly the timeout it
 * restarts); null otherwise. The caller must also let the acknowledgement
 * lapse (move the alert back to open), or the next check restarts it again.
 */
export function restartIfStale(
  policy: EscalationPolicy,
  ack: { acknowledgedAt: Date; status: string },
  now: Date,
  window?: NotifyWindow,
): EscalationCursor | null {
  if (ack.status !== 'acknowledged') return null;
  if (now.getTime() < ackExpiresAt(policy, ack.acknowledgedAt).getTime()) return null;
  return startEscalation(policy, now, window);
}
