// Who is on duty for a firm's place and an alert category at an instant.
// Precedence: one-off overrides replace everything else at their tier; else
// explicit shifts, then rotations, all of them answering.

import { type Scope, inScope } from '../jurisdiction.ts';
import { type Rotation, rotationMemberAt } from './rotation.ts';

export type { Rotation } from './rotation.ts';

/** What every roster entry has: the tier it staffs and the place and categories it covers. */
export interface Coverage {
  tier: number;
  /** null: the whole city. */
  district: string | null;
  /** Empty: the whole district. */
  streets: readonly string[];
  /** Empty: every category. */
  categories: readonly string[];
}

export interface Shift extends Coverage {
  id: number;
  userId: number;
  start: Date;
  /** Exclusive: the next shift may start at this instant. */
  end: Date;
}

/** A one-off replacement, e.g. a swap or sick leave; same shape as a shift. */
export interface Override extends Coverage {
  id: number;
  userId: number;
  start: Date;
  /** Exclusive. */
  end: Date;
}

export interface Roster {
  shifts: readonly Shift[];
  rotations: readonly Rotation[];
  overrides: readonly Override[];
}

export interface Place {
  district: string | null;
  street: string | null;
}

export interface DutyQuery {
  at: Date;
  /** Where the firm is. */
  place: Place;
  category: string;
  tier: number;
}

export type DutySource = 'override' | 'shift' | 'rotation';

export interface OnDuty {
  userId: number;
  source: DutySource;
  /** Id of the override, shift or rotation. */
  id: number;
}

/** The roster entry read as a jurisdiction scope: the same rule as the alert queue's. */
export function coverageScope(c: Pick<Coverage, 'district' | 'streets'>): Scope {
  return c.district === null ? { kind: 'all' } : { kind: 'district', district: c.district, streets: c.streets };
}

/** Whether an entry staffs this tier for this place and category (time aside). */
export function covers(c: Coverage, q: Omit<DutyQuery, 'at'>): boolean {
  return (
    c.tier === q.tier &&
    (c.categories.length === 0 || c.categories.includes(q.category)) &&
    inScope(coverageScope(c), q.place)
  );
}

const within = (e: { start: Date; end: Date }, at: Date) =>
  e.start.getTime() <= at.getTime() && at.getTime() < e.end.getTime();

/** Street-level entries before district-level before city-wide: the closest duty officer first. */
const specificity = (c: Coverage) => (c.district === null ? 2 : c.streets.length === 0 ? 1 : 0);

function ordered<T extends Coverage & { id: number }>(entries: T[]): T[] {
  return entries.sort((a, b) => specificity(a) - specificity(b) || a.id - b.id);
}

/**
 * Everyone on duty for the query, in a fixed order: overrides alone if any
 * matches; else shifts, then rotations. Within a source, the most specific
 * place first, then by id. A user appears once, under the first entry that
 * puts them on duty.
 */
export function onDuty(roster: Roster, query: DutyQuery): OnDuty[] {
  const { at } = query;
  const overrides = ordered(roster.overrides.filter((o) => within(o, at) && covers(o, query)));
  const answers: OnDuty[] = overrides.map((o) => ({ userId: o.userId, source: 'override', id: o.id }));
  if (answers.length === 0) {
    for (const s of ordered(roster.shifts.filter((s) => within(s, at) && covers(s, query)))) {
      answers.push({ userId: s.userId, source: 'shift', id: s.id });
    }
    for (const r of ordered(roster.rotations.filter((r) => covers(r, query)))) {
      const userId = rotationMemberAt(r, at);
      if (userId !== null) answers.push({ userId, source: 'rotation', id: r.id });
    }
  }
  const seen = new Set<number>();
  return answers.filter((a) => !seen.has(a.userId) && seen.add(a.userId));
}
