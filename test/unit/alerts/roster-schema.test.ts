import { describe, expect, it } from 'vitest';
import { rotationInputSchema, shiftInputSchema } from '../../../src/domain/alerts/index.ts';
import { sh } from './helpers.ts';

const problems = (r: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  r.success ? [] : r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

describe('shiftInputSchema', () => {
  it('reads a CSV-like row: Shanghai times, lists in one cell, defaults', () => {
    const r = shiftInputSchema.parse({
      user: '12',
      start: '2026-11-03 22:00',
      end: '2026/11/4 08:00',
      district: ' 长宁区 ',
      streets: '新华路街道、江苏路街道',
    });
    expect(r).toEqual({
      user: 12,
      start: sh('2026-11-03 22:00'),
      end: sh('2026-11-04 08:00'),
      district: '长宁区',
      streets: ['新华路街道', '江苏路街道'],
      categories: [],
      tier: 1,
    });
  });

  it('takes JSON values as they come from an API', () => {
    const r = shiftInputSchema.parse({
      user: 'zhang.san',
      start: sh('2026-11-03 08:00'),
      end: '2026-11-03T12:00:00Z',
      district: null,
      streets: [],
      categories: ['wage_arrears', 'account_ban | deduction'],
      tier: 2,
    });
    expect(r).toMatchObject({
      user: 'zhang.san',
      end: sh('2026-11-03 20:00'),
      district: null,
      categories: ['wage_arrears', 'account_ban', 'deduction'],
      tier: 2,
    });
  });

  it('names every missing or malformed field', () => {
    expect(problems(shiftInputSchema.safeParse({ start: 'tomorrow' }))).toEqual([
      'user: required: a user id or login',
      "start: not a date: 'tomorrow'; expected 2026-11-03, 2026/11/3, 2026年11月3日 or ISO 8601 with time",
      'end: expected a date and time such as 2026-11-03 22:00 (Shanghai time)',
    ]);
    expect(
      problems(
        shiftInputSchema.safeParse({ user: 0, start: '2026-11-03 08:00', end: '2026-11-03 12:00', tier: 'backup' }),
      ),
    ).toEqual([
      'user: a user id must be a positive whole number, got 0',
      'tier: expected a whole number from 1 to 9 (1 on duty, 2 backup, 3 section chief), got "backup"',
    ]);
  });

  it('an end not after the start explains overnight shifts', () => {
    expect(
      problems(shiftInputSchema.safeParse({ user: 1, start: '2026-11-03 22:00', end: '2026-11-03 08:00' })),
    ).toEqual([
      'end: must be after start (an overnight shift ends on the next day, e.g. 2026-11-03 22:00 to 2026-11-04 08:00)',
    ]);
    expect(
      problems(shiftInputSchema.safeParse({ user: 1, start: '2026-11-03 22:00', end: '2026-11-03 22:00' })),
    ).toHaveLength(1);
  });

  it('refuses shifts over 31 days and streets without a district', () => {
    expect(problems(shiftInputSchema.safeParse({ user: 1, start: '2026-11-01', end: '2026-12-03' }))).toEqual([
      'end: a shift may last at most 31 days; check the dates, or use a rotation',
    ]);
    expect(
      problems(shiftInputSchema.safeParse({ user: 1, start: '2026-11-01', end: '2026-11-02', streets: '新华路街道' })),
    ).toEqual(['streets: name the district the streets belong to, or leave streets empty for the whole city']);
  });
});

describe('rotationInputSchema', () => {
  it('reads a weekly night rotation', () => {
    const r = rotationInputSchema.parse({
      members: [3, 1, 2],
      anchor: '2026-11-02 09:00',
      turnDays: 7,
      dailyWindow: { from: '22:00', to: '08:00' },
      tier: '2',
    });
    expect(r).toEqual({
      tier: 2,
      district: null,
      streets: [],
      categories: [],
      members: [3, 1, 2],
      anchor: sh('2026-11-02 09:00'),
      turnDays: 7,
      dailyWindow: { from: '22:00', to: '08:00' },
    });
  });

  it('explains each problem', () => {
    expect(
      problems(
        rotationInputSchema.safeParse({
          members: [],
          anchor: 'x',
          turnDays: 0,
          dailyWindow: { from: '8:00', to: '8:00' },
        }),
      ),
    ).toEqual([
      'members: a rotation needs at least one member',
      "anchor: not a date: 'x'; expected 2026-11-03, 2026/11/3, 2026年11月3日 or ISO 8601 with time",
      'turnDays: must be more than 0',
      'dailyWindow.from: expected a time of day as HH:MM between 00:00 and 23:59, e.g. 08:30',
      'dailyWindow.to: expected a time of day as HH:MM between 00:00 and 23:59, e.g. 08:30',
    ]);
    expect(
      problems(
        rotationInputSchema.safeParse({
          members: [1],
          anchor: '2026-11-02',
          turnDays: 7,
          dailyWindow: { from: '08:00', to: '08:00' },
        }),
      ),
    ).toEqual(['dailyWindow: a daily window needs from ≠ to (leave the window out for all day)']);
  });
});
