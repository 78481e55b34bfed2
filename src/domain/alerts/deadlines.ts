// The SLA clock: when an alert must be acknowledged and handled, and whether
// it is late. Every instant is passed in; nothing here reads the clock.

import { Invalid } from '../errors.ts';
import { shanghaiDayOf } from '../scoring/calendar.ts';
import type { Level } from '../scoring/types.ts';
import { MINUTE_MS, atLocal, minutesOf, minutesOfBy, msIntoDay } from './local-time.ts';
import { type DeadlineSpec, type SlaConfig, defaultSlaConfig, slaEntryFor } from './sla-config.ts';
import { addWorkingDays, isWorkingDay, nextWorkingDay } from './working-days.ts';

export interface DueTimes {
  ackDueAt: Date | null;
  handleDueAt: Date | null;
  /** The authoritative-information milestone (major public opinion). */
  infoDueAt: Date | null;
}

/** The instant one deadline rule gives for an alert raised at `raisedAt`. */
export function deadlineFrom(spec: DeadlineSpec, raisedAt: Date, config: SlaConfig = defaultSlaConfig): Date {
  const t = raisedAt.getTime();
  switch (spec.kind) {
    case 'minutes':
      return new Date(t + spec.minutes * MINUTE_MS);
    case 'working_days':
      return addWorkingDays(raisedAt, spec.days, config.calendar);
    case 'same_day': {
      // 不过夜: whatever the rule, never past the midnight that ends the day
      // of the raise (raised 21:32 → due 24:00, not 01:32 the next day).
      const day = shanghaiDayOf(raisedAt);
      const midnight = atLocal(day, 24 * 60).getTime();
      // The evening rule applies from `lateFrom` on ("after 20:00" read as "from 20:00").
      if (
        spec.lateFrom !== undefined &&
        spec.lateMinutes !== undefined &&
        msIntoDay(raisedAt) >= minutesOf(spec.lateFrom) * MINUTE_MS
      ) {
        return new Date(Math.min(t + spec.lateMinutes * MINUTE_MS, midnight));
      }
      const by = atLocal(day, minutesOfBy(spec.by)).getTime();
      return new Date(by > t ? by : midnight);
    }
    case 'next_working_day_close':
      return atLocal(nextWorkingDay(shanghaiDayOf(raisedAt), config.calendar), minutesOf(config.officeHours.close));
  }
}

/**
 * When an alert of this level and rule, raised at `raisedAt`, must be
 * acknowledged and handled; null where its SLA entry sets no deadline (or
 * no entry matches). A rule-specific entry wins over the level's general one.
 */
export function dueTimes(
  input: { level: Level; rule: string; raisedAt: Date },
  config: SlaConfig = defaultSlaConfig,
): DueTimes {
  if (Number.isNaN(input.raisedAt.getTime())) throw new Invalid('dueTimes: raisedAt is not a valid instant');
  const entry = slaEntryFor(config, input.level, input.rule);
  return {
    ackDueAt: entry?.ack ? deadlineFrom(entry.ack, input.raisedAt, config) : null,
    handleDueAt: entry?.handle ? deadlineFrom(entry.handle, input.raisedAt, config) : null,
    infoDueAt: entry?.info ? deadlineFrom(entry.info, input.raisedAt, config) : null,
  };
}

/**
 * Whether a deadline was missed as of `now`: the work was done (`doneAt`)
 * after it, or it is not done and `now` is past it. Exactly at the deadline
 * is still on time. A missed deadline stays missed after the work is done.
 */
export function isOverdue(dueAt: Date | null, doneAt: Date | null, now: Date): boolean {
  if (dueAt === null) return false;
  const done = doneAt ?? now;
  return done.getTime() > dueAt.getTime();
}

export interface SlaState {
  ackDueAt: Date | null;
  handleDueAt: Date | null;
  /** When it was first acknowledged; null while open. */
  acknowledgedAt: Date | null;
  /** When it was resolved or dismissed; null while not closed. */
  closedAt: Date | null;
}

/** Which deadlines of an alert are missed as of `now`. */
export function slaBreaches(alert: SlaState, now: Date): { ack: boolean; handle: boolean } {
  return {
    ack: isOverdue(alert.ackDueAt, alert.acknowledgedAt ?? alert.closedAt, now),
    handle: isOverdue(alert.handleDueAt, alert.closedAt, now),
  };
}

/**
 * The next deadline still ahead (or exactly now) that an alert can miss, for
 * scheduling the check: it is overdue from just after that instant. Null
 * when nothing more can be missed.
 */
export function nextBreachAt(alert: SlaState, now: Date): Date | null {
  const pending: Date[] = [];
  if (
    alert.ackDueAt &&
    alert.acknowledgedAt === null &&
    alert.closedAt === null &&
    alert.ackDueAt.getTime() >= now.getTime()
  )
    pending.push(alert.ackDueAt);
  if (alert.handleDueAt && alert.closedAt === null && alert.handleDueAt.getTime() >= now.getTime())
    pending.push(alert.handleDueAt);
  if (pending.length === 0) return null;
  return new Date(Math.min(...pending.map((d) => d.getTime())));
}

/** Whether `at` falls inside office hours of a working day (Shanghai). */
export function isOfficeHours(at: Date, config: SlaConfig = defaultSlaConfig): boolean {
  if (!isWorkingDay(shanghaiDayOf(at), config.calendar)) return false;
  const t = msIntoDay(at);
  return t >= minutesOf(config.officeHours.open) * MINUTE_MS && t < minutesOf(config.officeHours.close) * MINUTE_MS;
}

/**
 * The deadline a reader of the queue must act on next: while nobody has
 * acknowledged the alert, the acknowledgement deadline (it drives
 * escalation), then the handling one. Null for a closed alert or one with
 * no deadline left to meet.
 */
export function deadlineThatMatters(a: {
  status: string;
  ackDueAt: Date | null;
  handleDueAt: Date | null;
}): { kind: 'ack' | 'handle'; at: Date } | null {
  if (a.status !== 'open' && a.status !== 'acknowledged' && a.status !== 'in_progress') return null;
  if (a.status === 'open' && a.ackDueAt) return { kind: 'ack', at: a.ackDueAt };
  if (a.handleDueAt) return { kind: 'handle', at: a.handleDueAt };
  return null;
}
