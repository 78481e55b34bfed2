import { describe, expect, it } from 'vitest';
import { type Silence, activeSilence, silenceInputSchema } from '../../../src/domain/alerts/index.ts';
import { sh } from './helpers.ts';

const base: Silence = {
  id: 1,
  firmId: null,
  rule: null,
  level: null,
  startsAt: sh('2026-11-03 00:00'),
  endsAt: sh('2026-11-04 00:00'),
  reason: 'test',
  scope: { kind: 'all' },
};
const alert = { firmId: 42, rule: 'major_opinion', level: 'red', place: { district: '示范区', street: '晨光路街道' } };
const at = sh('2026-11-03 12:00');

describe('silences', () => {
  it('mutes only alerts inside the scope of the user who set it', () => {
    const red = { ...base, level: 'red' };
    expect(
      activeSilence([{ ...red, scope: { kind: 'district', district: '示范区', streets: [] } }], alert, at)?.id,
    ).toBe(1);
    expect(
      activeSilence([{ ...red, scope: { kind: 'district', district: '邻区', streets: [] } }], alert, at),
    ).toBeNull();
    expect(
      activeSilence([{ ...red, scope: { kind: 'district', district: '示范区', streets: ['松涛镇'] } }], alert, at),
    ).toBeNull();
    expect(
      activeSilence([{ ...red, scope: { kind: 'district', district: '示范区', streets: ['晨光路街道'] } }], alert, at)
        ?.id,
    ).toBe(1);
    expect(activeSilence([red], { ...alert, place: { district: '邻区', street: null } }, at)?.id).toBe(1);
  });

  it('mutes by firm, rule or level; every non-null field must match', () => {
    expect(activeSilence([{ ...base, firmId: 42 }], alert, at)?.id).toBe(1);
    expect(activeSilence([{ ...base, rule: 'major_opinion' }], alert, at)?.id).toBe(1);
    expect(activeSilence([{ ...base, level: 'red' }], alert, at)?.id).toBe(1);
    expect(activeSilence([{ ...base, firmId: 42, level: 'yellow' }], alert, at)).toBeNull();
    expect(activeSilence([{ ...base, firmId: 43 }], alert, at)).toBeNull();
    expect(activeSilence([{ ...base, firmId: 42, rule: 'major_opinion', level: 'red' }], alert, at)?.id).toBe(1);
  });

  it('applies from startsAt (inclusive) to endsAt (exclusive): future and expired silences do not mute', () => {
    const s = [{ ...base, firmId: 42 }];
    expect(activeSilence(s, alert, sh('2026-11-02 23:59:59'))).toBeNull();
    expect(activeSilence(s, alert, sh('2026-11-03 00:00'))?.id).toBe(1);
    expect(activeSilence(s, alert, sh('2026-11-03 23:59:59.999'))?.id).toBe(1);
    expect(activeSilence(s, alert, sh('2026-11-04 00:00'))).toBeNull();
  });

  it('of several, the one that ends last, then the lowest id', () => {
    const list = [
      { ...base, id: 5, firmId: 42, endsAt: sh('2026-11-05 00:00') },
      { ...base, id: 3, level: 'red', endsAt: sh('2026-11-05 00:00') },
      { ...base, id: 1, rule: 'major_opinion' },
    ];
    expect(activeSilence(list, alert, at)?.id).toBe(3);
    expect(activeSilence([...list].reverse(), alert, at)?.id).toBe(3);
    expect(activeSilence([], alert, at)).toBeNull();
  });
});

describe('silenceInputSchema', () => {
  it('reads a silence with Shanghai times', () => {
    expect(
      silenceInputSchema.parse({
        level: 'yellow',
        startsAt: '2026-11-03 18:00',
        endsAt: '2026-11-04',
        reason: ' 系统维护 ',
      }),
    ).toEqual({
      firmId: null,
      rule: null,
      level: 'yellow',
      startsAt: sh('2026-11-03 18:00'),
      endsAt: sh('2026-11-04 00:00'),
      reason: '系统维护',
    });
  });

  it('requires a matcher, a reason and an end after the start', () => {
    const r = silenceInputSchema.safeParse({ startsAt: '2026-11-03', endsAt: '2026-11-02', reason: ' ' });
    expect(r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'reason: say why the alerts are muted (it is audited)',
      'firmId: a silence must name a firm, a rule or a level; muting everything is not allowed',
      'endsAt: must be after startsAt',
    ]);
    expect(
      silenceInputSchema.safeParse({ level: 'purple', startsAt: '2026-11-03', endsAt: '2026-11-04', reason: 'x' })
        .success,
    ).toBe(false);
  });
});
