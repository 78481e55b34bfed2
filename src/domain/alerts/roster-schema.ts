// Validation of roster entries as people type them (a CSV row or an API
// body): one shift or override row, and one rotation. Messages name what to
// write instead, since a duty officer reads them, not a developer.

import { z } from 'zod';
import { DAY_MS } from '../scoring/calendar.ts';
import { instantField, listField, optionalTextField } from './fields.ts';
import { dailyWindowSchema } from './local-time.ts';

/** A shift longer than this is almost certainly a typo in a date. */
export const MAX_SHIFT_DAYS = 31;
export const MAX_TIER = 9;

const tier = z
  .union([z.number(), z.string(), z.null()], { error: `expected a tier from 1 to ${MAX_TIER}` })
  .optional()
  .transform((v, ctx) => {
    if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return 1;
    const n = typeof v === 'number' ? v : Number(v.trim());
    if (Number.isInteger(n) && n >= 1 && n <= MAX_TIER) return n;
    ctx.addIssue({
      code: 'custom',
      message: `expected a whole number from 1 to ${MAX_TIER} (1 on duty, 2 backup, 3 section chief), got ${JSON.stringify(v)}`,
    });
    return z.NEVER;
  });

/** A user id (a positive whole number, also as digits in text) or a login/name to be looked up by the caller. */
const user = z.union([z.number(), z.string()], { error: 'required: a user id or login' }).transform((v, ctx) => {
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v) && v > 0) return v;
    ctx.addIssue({ code: 'custom', message: `a user id must be a positive whole number, got ${v}` });
    return z.NEVER;
  }
  const s = v.trim();
  if (s === '') {
    ctx.addIssue({ code: 'custom', message: 'required: a user id or login' });
    return z.NEVER;
  }
  return /^\d+$/.test(s) && Number(s) > 0 && Number.isSafeInteger(Number(s)) ? Number(s) : s;
});

function checkPlace(v: { district: string | null; streets: string[] }, ctx: z.RefinementCtx): void {
  if (v.district === null && Array.isArray(v.streets) && v.streets.length > 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['streets'],
      message: 'name the district the streets belong to, or leave streets empty for the whole city',
    });
  }
}

/**
 * One shift (or override) row: {user, start, end, district?, streets?,
 * categories?, tier?}. Times without an offset are Shanghai time; end is
 * exclusive and must be after start; tier defaults to 1.
 */
export const shiftInputSchema = z
  .object({
    user,
    start: instantField(),
    end: instantField(),
    district: optionalTextField('the district name, or nothing for the whole city'),
    streets: listField('新华路街道、江苏路街道'),
    categories: listField('wage_arrears、account_ban'),
    tier,
  })
  .superRefine((v, ctx) => {
    checkPlace(v, ctx);
    // zod may run this after a field failed; those fields reported already.
    if (!(v.start instanceof Date) || !(v.end instanceof Date)) return;
    const length = v.end.getTime() - v.start.getTime();
    if (length <= 0)
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message:
          'must be after start (an overnight shift ends on the next day, e.g. 2026-11-03 22:00 to 2026-11-04 08:00)',
      });
    else if (length > MAX_SHIFT_DAYS * DAY_MS)
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: `a shift may last at most ${MAX_SHIFT_DAYS} days; check the dates, or use a rotation`,
      });
  });
export type ShiftInput = z.output<typeof shiftInputSchema>;

/** One rotation as given to the API (members are user ids). */
export const rotationInputSchema = z
  .object({
    tier,
    district: optionalTextField('the district name, or nothing for the whole city'),
    streets: listField('新华路街道、江苏路街道'),
    categories: listField('wage_arrears、account_ban'),
    members: z
      .array(z.number().int().positive(), { error: 'expected a list of user ids in turn order' })
      .min(1, { error: 'a rotation needs at least one member' }),
    anchor: instantField(),
    turnDays: z
      .number({ error: 'expected a number of days per turn, e.g. 7 for weekly' })
      .positive({ error: 'must be more than 0' })
      .max(366, { error: 'at most 366 days per turn' }),
    dailyWindow: dailyWindowSchema.nullish().transform((w) => w ?? null),
  })
  .superRefine(checkPlace);
export type RotationInput = z.output<typeof rotationInputSchema>;
