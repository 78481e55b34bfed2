// Silences mute delivery of matching alerts for a time window, in the
// manner of Alertmanager: the alert is still recorded, only not delivered.
// Expiry un-mutes by itself, since matching is always as of an instant.

import { z } from 'zod';
import { inScope, type Scope } from '../jurisdiction.ts';
import { instantField } from './fields.ts';
import { levelSchema } from './sla-config.ts';

export interface Silence {
  id: number;
  /** null: any firm. */
  firmId: number | null;
  /** null: any rule. */
  rule: string | null;
  /** null: any level. */
  level: string | null;
  startsAt: Date;
  /** Exclusive. */
  endsAt: Date;
  reason: string;
  /** Its creator's jurisdiction: a silence never mutes an alert outside it. */
  scope: Scope;
}

export interface SilenceTarget {
  firmId: number;
  rule: string;
  level: string;
  /** Where the alert's firm is. */
  place: { district: string | null; street: string | null };
}

/** The jurisdiction a silence row stands for: no district is city-wide. */
export function silenceScope(row: { district: string | null; streets: readonly string[] }): Scope {
  return row.district === null ? { kind: 'all' } : { kind: 'district', district: row.district, streets: row.streets };
}

/**
 * Whether a silence mutes this alert at `at`: in force (startsAt ≤ at < endsAt),
 * the firm inside the silence's scope, and every non-null field equal.
 */
export function silenceMatches(s: Silence, alert: SilenceTarget, at: Date): boolean {
  const t = at.getTime();
  return (
    s.startsAt.getTime() <= t &&
    t < s.endsAt.getTime() &&
    inScope(s.scope, alert.place) &&
    (s.firmId === null || s.firmId === alert.firmId) &&
    (s.rule === null || s.rule === alert.rule) &&
    (s.level === null || s.level === alert.level)
  );
}

/**
 * The silence muting an alert at `at`, or null. When several do, the one
 * that ends last (ties: lowest id), so the caller knows how long it stays muted.
 */
export function activeSilence(list: readonly Silence[], alert: SilenceTarget, at: Date): Silence | null {
  let best: Silence | null = null;
  for (const s of list) {
    if (!silenceMatches(s, alert, at)) continue;
    if (
      best === null ||
      s.endsAt.getTime() > best.endsAt.getTime() ||
      (s.endsAt.getTime() === best.endsAt.getTime() && s.id < best.id)
    )
      best = s;
  }
  return best;
}

/** A silence as created through the API or CLI: at least one matcher, a reason, and a window that ends after it starts. */
export const silenceInputSchema = z
  .object({
    firmId: z.number().int().positive().nullable().default(null),
    rule: z.string().trim().min(1).nullable().default(null),
    level: levelSchema.nullable().default(null),
    startsAt: instantField(),
    endsAt: instantField(),
    reason: z
      .string({ error: 'required: say why the alerts are muted' })
      .trim()
      .min(1, { error: 'say why the alerts are muted (it is audited)' })
      .max(500),
  })
  .superRefine((v, ctx) => {
    if (v.firmId === null && v.rule === null && v.level === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['firmId'],
        message: 'a silence must name a firm, a rule or a level; muting everything is not allowed',
      });
    }
    if (v.startsAt instanceof Date && v.endsAt instanceof Date && v.endsAt.getTime() <= v.startsAt.getTime())
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
  });
export type SilenceInput = z.output<typeof silenceInputSchema>;
