// The SLA clock's parameters: deadline rules per level (and optionally per
// alert rule), office hours and the working-day calendar. Defaults follow
// the alerts issue: 重大舆情不过夜 for red major-opinion alerts.

import { z } from 'zod';
import type { Level } from '../scoring/types.ts';
import { CN_CALENDAR_YEARS, CN_HOLIDAYS, CN_MAKEUP_WORKDAYS } from './holidays-cn.ts';
import { endOfDaySchema, hhmmSchema, isEarlierOrInvalid } from './local-time.ts';
import { parseWith } from './parse.ts';
import { type WorkCalendar, workCalendarSchema } from './working-days.ts';

export const levelSchema = z.enum(['red', 'orange', 'yellow', 'blue']);

/** How one deadline is computed from the raise instant. */
export const deadlineSpecSchema = z.discriminatedUnion('kind', [
  /** A fixed delay: `minutes` after the raise. */
  z.strictObject({
    kind: z.literal('minutes'),
    minutes: z
      .number()
      .int()
      .positive()
      .max(366 * 24 * 60),
  }),
  /** `days` working days of elapsed working-day time (see addWorkingDays). */
  z.strictObject({ kind: z.literal('working_days'), days: z.number().int().positive().max(365) }),
  /**
   * By `by` on the Shanghai day of the raise ('24:00': midnight ending that
   * day, the default — 重大舆情不过夜). The evening rule, if configured:
   * raised at or after `lateFrom`, `lateMinutes` after the raise instead,
   * but never past that midnight. Raised after `by`: that midnight.
   */
  z
    .strictObject({
      kind: z.literal('same_day'),
      by: endOfDaySchema,
      lateFrom: hhmmSchema.optional(),
      lateMinutes: z
        .number()
        .int()
        .positive()
        .max(24 * 60)
        .optional(),
    })
    .refine((s) => (s.lateFrom === undefined) === (s.lateMinutes === undefined), {
      error: 'lateFrom and lateMinutes go together',
      path: ['lateMinutes'],
    })
    .refine((s) => s.lateFrom === undefined || s.by === '24:00' || isEarlierOrInvalid(s.lateFrom, s.by, true), {
      error: 'lateFrom must not be after by, or an alert raised between them would be due before it was raised',
      path: ['lateFrom'],
    }),
  /** Office closing time of the first working day after the raise's Shanghai day. */
  z.strictObject({ kind: z.literal('next_working_day_close') }),
]);
export type DeadlineSpec = z.infer<typeof deadlineSpecSchema>;

export const slaEntrySchema = z.strictObject({
  level: levelSchema,
  /** null: every rule of this level without an entry of its own. */
  rule: z.string().trim().min(1).nullable().default(null),
  ack: deadlineSpecSchema.nullable(),
  handle: deadlineSpecSchema.nullable(),
  /** A milestone the officer marks: authoritative information published (国办发〔2016〕61号: within 5 h). */
  info: deadlineSpecSchema.nullable().default(null),
});
export type SlaEntry = z.infer<typeof slaEntrySchema>;

export const officeHoursSchema = z
  .strictObject({ open: hhmmSchema, close: hhmmSchema })
  .refine((h) => isEarlierOrInvalid(h.open, h.close), {
    error: 'office hours must open before they close on the same day',
    path: ['close'],
  });

const entryKey = (e: { level: string; rule: string | null }) => `${e.level}\u0000${e.rule ?? ''}`;

export const slaConfigSchema = z
  .strictObject({
    officeHours: officeHoursSchema,
    calendar: workCalendarSchema,
    deadlines: z.array(slaEntrySchema),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.deadlines.forEach((e, i) => {
      const k = entryKey(e);
      if (seen.has(k))
        ctx.addIssue({
          code: 'custom',
          path: ['deadlines', i],
          message: `duplicate entry for level ${e.level}${e.rule ? ` and rule ${e.rule}` : ''}`,
        });
      seen.add(k);
    });
  });

export interface SlaConfig {
  officeHours: { open: string; close: string };
  calendar: WorkCalendar;
  deadlines: readonly SlaEntry[];
}

const minutes = (n: number): DeadlineSpec => ({ kind: 'minutes', minutes: n });
const SAME_DAY: DeadlineSpec = { kind: 'same_day', by: '24:00' };

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export const defaultSlaConfig: SlaConfig = deepFreeze({
  officeHours: { open: '09:00', close: '17:30' },
  calendar: { holidays: CN_HOLIDAYS, makeupWorkdays: CN_MAKEUP_WORKDAYS, coveredYears: CN_CALENDAR_YEARS },
  deadlines: [
    // 重大舆情不过夜: disposed of by midnight of the day it was raised, never
    // later; authoritative information within 5 hours (国办发〔2016〕61号).
    { level: 'red', rule: 'major_opinion', ack: minutes(30), handle: SAME_DAY, info: minutes(5 * 60) },
    { level: 'red', rule: null, ack: minutes(60), handle: minutes(24 * 60), info: null },
    // Collective action (罢工, 聚集, 集体信访 ≥ 10 people) is handled the same
    // day whatever its level: people are at the gate now.
    { level: 'red', rule: 'collective_action', ack: minutes(30), handle: SAME_DAY, info: null },
    { level: 'orange', rule: 'collective_action', ack: minutes(60), handle: SAME_DAY, info: null },
    { level: 'orange', rule: null, ack: minutes(4 * 60), handle: { kind: 'working_days', days: 3 }, info: null },
    { level: 'yellow', rule: null, ack: { kind: 'next_working_day_close' }, handle: null, info: null },
    { level: 'blue', rule: null, ack: null, handle: null, info: null },
  ] satisfies SlaEntry[],
});

/**
 * A partial override (parsed JSON) over the defaults, validated. officeHours
 * merge field by field; the calendar's configured days are added to the
 * published calendar (a configured holiday wins over a published make-up
 * day and the other way round) and the years they fall in count as covered,
 * or replace it with `"published": false`;
 * deadline entries replace the default entry of the same level and rule and
 * keep the others (an entry with ack and handle null removes a deadline).
 * Throws Invalid naming the path of every problem.
 */
export function parseSlaConfig(json: unknown): SlaConfig {
  const o = (json ?? {}) as Record<string, unknown>;
  if (typeof o !== 'object' || Array.isArray(o)) return parseWith(slaConfigSchema, json, 'SLA config');
  const given = Array.isArray(o.deadlines) ? z.array(slaEntrySchema).safeParse(o.deadlines) : null;
  let deadlines: unknown = o.deadlines ?? defaultSlaConfig.deadlines;
  if (given?.success) {
    const overridden = new Set(given.data.map(entryKey));
    deadlines = [...given.data, ...defaultSlaConfig.deadlines.filter((e) => !overridden.has(entryKey(e)))];
  }
  return parseWith(
    slaConfigSchema,
    {
      officeHours: mergeFields(defaultSlaConfig.officeHours, o.officeHours),
      calendar: mergeCalendar(defaultSlaConfig.calendar, o.calendar),
      deadlines,
    },
    'SLA config',
  );
}

function mergeCalendar(base: WorkCalendar, over: unknown): unknown {
  if (typeof over !== 'object' || over === null || Array.isArray(over)) return over ?? base;
  const { published = true, ...own } = over as { published?: unknown };
  if (published === false) return own;
  if (published !== true) return { ...own, published }; // refused by the strict schema below
  const given = workCalendarSchema.safeParse({ holidays: [], makeupWorkdays: [], ...own });
  if (!given.success) return own; // reported, with its paths, by the schema below
  const off = new Set(given.data.holidays);
  const on = new Set(given.data.makeupWorkdays);
  const years = [...off, ...on].map((d) => Number(d.slice(0, 4)));
  return {
    holidays: [...new Set([...base.holidays.filter((d) => !on.has(d)), ...off])].sort(),
    makeupWorkdays: [...new Set([...base.makeupWorkdays.filter((d) => !off.has(d)), ...on])].sort(),
    coveredYears: [...new Set([...(base.coveredYears ?? []), ...years, ...(given.data.coveredYears ?? [])])].sort(
      (a, b) => a - b,
    ),
  };
}

function mergeFields(base: object, over: unknown): unknown {
  if (over === undefined) return base;
  return typeof over === 'object' && over !== null && !Array.isArray(over) ? { ...base, ...over } : over;
}

/** The entry for an alert: the one for its level and rule, else its level's general one. */
export function slaEntryFor(config: SlaConfig, level: Level, rule: string): SlaEntry | null {
  let general: SlaEntry | null = null;
  for (const e of config.deadlines) {
    if (e.level !== level) continue;
    if (e.rule === rule) return e;
    if (e.rule === null) general ??= e;
  }
  return general;
}
