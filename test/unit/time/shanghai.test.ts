import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  dayStartMs,
  formatInstantText,
  formatShanghaiDate,
  formatShanghaiIso,
  formatShanghaiMinute,
  isoWeekday,
  shanghaiDayOf,
  shanghaiWeekStart,
} from '../../../src/domain/time/shanghai.ts';

describe('Shanghai time: the one home', () => {
  it('an instant late on the UTC day is the next Shanghai day', () => {
    const at = new Date('2026-12-03T17:03:00Z'); // 01:03 on the 4th in Shanghai
    expect(formatShanghaiDate(at)).toBe('2026-12-04');
    expect(formatShanghaiMinute(at)).toBe('2026-12-04 01:03');
    expect(formatShanghaiIso(at)).toBe('2026-12-04T01:03:00+08:00');
    expect(formatInstantText('2026-12-03T17:03:00.000Z')).toBe('2026-12-04 01:03');
    expect(formatInstantText('not a time')).toBe('not a time');
    expect(formatInstantText(null)).toBeNull();
  });

  it('days, day starts and weeks agree', () => {
    const at = new Date('2026-12-06T16:30:00Z'); // Monday 2026-12-07 00:30 Shanghai
    const day = shanghaiDayOf(at);
    expect(isoWeekday(day)).toBe(1);
    expect(new Date(dayStartMs(day)).toISOString()).toBe('2026-12-06T16:00:00.000Z');
    expect(shanghaiWeekStart(at).toISOString()).toBe('2026-12-06T16:00:00.000Z');
    expect(shanghaiWeekStart(new Date('2026-12-06T15:59:59Z')).toISOString()).toBe('2026-11-29T16:00:00.000Z');
  });

  it('src/ holds the Shanghai offset arithmetic in one file', () => {
    let out = '';
    try {
      out = execFileSync('grep', ['-rnE', String.raw`8 \* 3600|8 \* 3_600|\+08:00|28800|8 \* 60 \* 60`, 'src'], {
        encoding: 'utf8',
      });
    } catch (e) {
      out = String((e as { stdout?: string }).stdout ?? '');
    }
    const files = new Set(
      out
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(':')[0]),
    );
    expect([...files]).toEqual(['src/domain/time/shanghai.ts']);
  });
});
