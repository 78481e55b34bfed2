import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { warnIfCalendarEnds } from '../../../src/alerts/calendar-coverage.ts';
import { CN_CALENDAR_YEARS, defaultSlaConfig, parseSlaConfig } from '../../../src/domain/alerts/index.ts';

function capture() {
  const lines: Array<{ level: number; msg: string; years?: number[] }> = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink), lines };
}

const last = CN_CALENDAR_YEARS.at(-1)!;

describe('a warning when deadlines may fall beyond the work calendar', () => {
  it('says nothing while the next two months are covered', () => {
    const { log, lines } = capture();
    expect(warnIfCalendarEnds(log, defaultSlaConfig.calendar, new Date(`${last}-06-01T00:00:00+08:00`))).toEqual([]);
    expect(lines).toHaveLength(0);
  });

  it('warns, naming the year, once the horizon reaches a year it lacks', async () => {
    const { log, lines } = capture();
    expect(warnIfCalendarEnds(log, defaultSlaConfig.calendar, new Date(`${last}-12-04T09:00:00+08:00`))).toEqual([
      last + 1,
    ]);
    await new Promise((r) => setImmediate(r));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe(40);
    expect(lines[0]!.years).toEqual([last + 1]);
    expect(lines[0]!.msg).toMatch(/Monday to Friday only/);
  });

  it('is quiet again when the configuration adds that year', () => {
    const { log } = capture();
    const next = parseSlaConfig({ calendar: { holidays: [`${last + 1}-01-01`] } });
    expect(warnIfCalendarEnds(log, next.calendar, new Date(`${last}-12-04T09:00:00+08:00`))).toEqual([]);
  });
});
