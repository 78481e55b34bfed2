import { describe, expect, it } from 'vitest';
import {
  formatShanghaiDate,
  isRealDate,
  parseDate,
  parseDateAndInstant,
  parseInstant,
} from '../../../src/domain/values/index.ts';

function date(raw: string): string {
  const r = parseDate(raw);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

function instant(raw: string): string {
  const r = parseInstant(raw);
  if (!r.ok) throw new Error(r.message);
  return r.value.toISOString();
}

function message(r: { ok: boolean; message?: string }): string | undefined {
  return r.ok ? undefined : r.message;
}

describe('parseDate: the forms of CONTRACT §2', () => {
  it.each([
    ['2026-11-03', '2026-11-03'],
    ['2026/11/3', '2026-11-03'],
    ['2026/1/9', '2026-01-09'],
    ['2026年11月3日', '2026-11-03'],
    ['2026 年 11 月 3 日', '2026-11-03'],
    ['２０２６年１１月３日', '2026-11-03'],
    ['2026-11-3', '2026-11-03'],
    ['2026.11.03', '2026-11-03'],
    ['  2026-11-03 ', '2026-11-03'],
  ])('%s → %s', (raw, want) => {
    expect(date(raw)).toBe(want);
  });

  it('reads ISO 8601 with a time as the Asia/Shanghai date of that instant', () => {
    expect(date('2026-11-03T10:00:00+08:00')).toBe('2026-11-03');
    expect(date('2026-11-02T20:00:00Z')).toBe('2026-11-03');
    expect(date('2026-11-03T15:59:59Z')).toBe('2026-11-03');
    expect(date('2026-11-03T16:00:00Z')).toBe('2026-11-04');
    expect(date('2026-11-03T01:00:00-05:00')).toBe('2026-11-03');
    expect(date('2026-11-03 09:30')).toBe('2026-11-03');
    expect(date('2026/11/3 23:59:59')).toBe('2026-11-03');
    expect(date('2026年11月3日 8:00')).toBe('2026-11-03');
  });

  it('rejects dates that are not on the calendar', () => {
    expect(message(parseDate('2026-02-30'))).toBe('not a real date: 2026-02-30');
    expect(message(parseDate('2026/13/1'))).toBe('not a real date: 2026/13/1');
    expect(message(parseDate('2026年4月31日'))).toBe('not a real date: 2026年4月31日');
    expect(message(parseDate('2026-00-10'))).toBe('not a real date: 2026-00-10');
    expect(parseDate('2025-02-29').ok).toBe(false);
    expect(date('2024-02-29')).toBe('2024-02-29');
    expect(date('2000-02-29')).toBe('2000-02-29');
    expect(parseDate('1900-02-29').ok).toBe(false);
  });

  it('rejects garbage, impossible times and implausible years with a reason', () => {
    for (const bad of ['', 'tomorrow', '11/03/2026', '2026-11', '2026-11-0310:00', '2026/11-03', '46329']) {
      const r = parseDate(bad);
      expect(r.ok, bad).toBe(false);
    }
    expect(message(parseDate('yesterday'))).toMatch(
      /^not a date: 'yesterday'; expected 2026-11-03, 2026\/11\/3, 2026年11月3日/,
    );
    expect(message(parseDate('2026-11-03T24:00'))).toBe('not a real time of day: 2026-11-03T24:00');
    expect(message(parseDate('0026-11-03'))).toMatch(/year 26 is out of range/);
    expect(message(parseDate('2026-11-03T10:00+25:00'))).toMatch(/UTC offset/);
  });
});

describe('parseInstant', () => {
  it('takes a date without time as 00:00 in Shanghai (UTC+8)', () => {
    expect(instant('2026-11-03')).toBe('2026-11-02T16:00:00.000Z');
    expect(instant('2026年1月1日')).toBe('2025-12-31T16:00:00.000Z');
  });

  it('takes a time without offset as Shanghai wall-clock time, and honours offsets', () => {
    expect(instant('2026-11-03T09:30')).toBe('2026-11-03T01:30:00.000Z');
    expect(instant('2026-11-03 09:30:15.250')).toBe('2026-11-03T01:30:15.250Z');
    expect(instant('2026-11-03T09:30:00Z')).toBe('2026-11-03T09:30:00.000Z');
    expect(instant('2026-11-03T09:30:00+0530')).toBe('2026-11-03T04:00:00.000Z');
    expect(instant('2026-11-03T09:30:00-03')).toBe('2026-11-03T12:30:00.000Z');
  });

  it('has no daylight saving: midsummer and midwinter are both UTC+8', () => {
    expect(instant('2026-07-01')).toBe('2026-06-30T16:00:00.000Z');
    expect(instant('2026-01-01')).toBe('2025-12-31T16:00:00.000Z');
  });

  it('rejects what parseDate rejects', () => {
    expect(parseInstant('2026-02-30').ok).toBe(false);
    expect(parseInstant('soon').ok).toBe(false);
  });
});

describe('date helpers', () => {
  it('parseDateAndInstant agrees with parseDate and parseInstant', () => {
    for (const raw of ['2026-11-03', '2026/11/3 23:30', '2026-11-02T20:00:00Z']) {
      const both = parseDateAndInstant(raw);
      expect(both.ok).toBe(true);
      if (!both.ok) continue;
      expect(both.value.date).toBe(date(raw));
      expect(both.value.at.toISOString()).toBe(instant(raw));
    }
  });

  it('hands out a fresh Date each time, even for a remembered input', () => {
    const a = parseDateAndInstant('2026-11-03');
    const b = parseDateAndInstant('2026-11-03');
    expect(a.ok && b.ok && a.value.at !== b.value.at).toBe(true);
    if (a.ok) a.value.at.setTime(0);
    expect(instant('2026-11-03')).toBe('2026-11-02T16:00:00.000Z');
  });

  it('formatShanghaiDate and isRealDate', () => {
    expect(formatShanghaiDate(new Date('2026-11-02T16:00:00Z'))).toBe('2026-11-03');
    expect(formatShanghaiDate(new Date('2026-11-02T15:59:59Z'))).toBe('2026-11-02');
    expect(isRealDate(2026, 2, 28)).toBe(true);
    expect(isRealDate(2026, 2, 29)).toBe(false);
    expect(isRealDate(2026, 11, 31)).toBe(false);
  });
});
