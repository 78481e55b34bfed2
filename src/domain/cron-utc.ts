// Jobs are scheduled in Asia/Shanghai (node-cron takes the zone), while
// Cloudflare cron triggers fire in UTC. Shanghai's offset is fixed
// (./time/shanghai.ts), so a shift of the hour field (and of the weekday
// when the shift crosses midnight) converts exactly.

import { SHANGHAI_OFFSET_HOURS as OFFSET_HOURS } from './time/shanghai.ts';

function expandHours(field: string): number[] {
  if (field === '*') return Array.from({ length: 24 }, (_, h) => h);
  const step = /^\*\/(\d+)$/.exec(field);
  if (step) return Array.from({ length: 24 }, (_, h) => h).filter((h) => h % Number(step[1]) === 0);
  return field.split(',').flatMap((part) => {
    const range = /^(\d+)-(\d+)$/.exec(part);
    if (range) return Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, k) => Number(range[1]) + k);
    if (!/^\d+$/.test(part) || Number(part) > 23) throw new Error(`unsupported hour field "${field}"`);
    return [Number(part)];
  });
}

function shiftWeekdays(field: string, by: number): string {
  if (field === '*' || by === 0) return field;
  return field
    .split(',')
    .map((d) => {
      if (!/^\d$/.test(d)) throw new Error(`unsupported weekday field "${field}"`);
      return String(((((Number(d) % 7) + by) % 7) + 7) % 7);
    })
    .join(',');
}

/** Converts a 5-field cron expression in Asia/Shanghai to the same instants in UTC. */
export function shanghaiCronToUtc(expr: string): string {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`expected 5 cron fields, got "${expr}"`);
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  const hours = expandHours(hour);
  if (hours.length === 24) return expr;
  const utc = hours.map((h) => h - OFFSET_HOURS);
  const dayShift = new Set(utc.map((h) => (h < 0 ? -1 : 0)));
  if (dayShift.size > 1 && (dow !== '*' || dom !== '*'))
    throw new Error(`"${expr}": hours cross midnight in UTC on a restricted day`);
  if (dayShift.has(-1) && dom !== '*') throw new Error(`"${expr}": day-of-month cannot shift across midnight`);
  const utcHours = [...new Set(utc.map((h) => (h + 24) % 24))].sort((a, b) => a - b).join(',');
  const by = dayShift.size === 1 && dayShift.has(-1) ? -1 : 0;
  return [minute, utcHours, dom, month, shiftWeekdays(dow, by)].join(' ');
}
