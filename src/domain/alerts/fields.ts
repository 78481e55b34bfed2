// Field parsers for roster and silence input typed by people (CSV cells or
// API bodies), with messages that say what to write instead. Messages do
// not repeat the field name: every issue carries its path.

import { z } from 'zod';
import { parseInstant } from '../values/dates.ts';
import { splitMulti } from '../values/text.ts';

/** An instant as a Date or as text; text without an offset is Shanghai time. */
export const instantField = () =>
  z
    .union([z.date(), z.string()], { error: 'expected a date and time such as 2026-11-03 22:00 (Shanghai time)' })
    .transform((v, ctx) => {
      if (v instanceof Date) {
        if (!Number.isNaN(v.getTime())) return v;
        ctx.addIssue({ code: 'custom', message: 'not a valid instant' });
        return z.NEVER;
      }
      const r = parseInstant(v);
      if (r.ok) return r.value;
      ctx.addIssue({ code: 'custom', message: r.message });
      return z.NEVER;
    });

/** A list given as an array or as one cell separated by 、 ; or |; absent or empty is []. */
export const listField = (example: string) =>
  z
    .union([z.array(z.string()), z.string(), z.null()], { error: `expected a list such as ${example}` })
    .optional()
    .transform((v) => {
      if (v === null || v === undefined) return [];
      const cells = Array.isArray(v) ? v : [v];
      return [
        ...new Set(
          cells.flatMap((c) => {
            const r = splitMulti(c);
            return r.ok ? r.value : [];
          }),
        ),
      ];
    });

/** Text, where empty or absent means null. */
export const optionalTextField = (expected: string) =>
  z
    .union([z.string(), z.null()], { error: `expected ${expected}` })
    .optional()
    .transform((v) => (v === null || v === undefined || v.trim() === '' ? null : v.trim()));
