import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultModelConfig, evidenceWindow, horizons, scoreFirm } from '../../../src/domain/scoring/index.ts';
import {
  AT,
  daysAgo,
  evidence,
  evidenceArb,
  hoursAgo,
  inspection,
  inspectionArb,
  mention,
  mentionArb,
  petition,
  petitionArb,
} from './helpers.ts';

const TIMEOUT = 60_000;

describe('time: decay, the as-of instant and the horizon', () => {
  it('the same record weighs less the older it is, for every source', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 300 }), (age, more) => {
        const ins = (a: number) =>
          scoreFirm(evidence({ inspections: [inspection({ id: 1, date: daysAgo(a) })] }), AT).raw;
        expect(ins(age + more)).toBeLessThan(ins(age));
        const pet = (a: number) =>
          scoreFirm(evidence({ petitions: [petition({ id: 1, received: daysAgo(a) })] }), AT).raw;
        if (age + more <= horizons(defaultModelConfig).petitionDays) expect(pet(age + more)).toBeLessThan(pet(age));
        else expect(pet(age + more)).toBe(0);
      }),
    );
    const op = (h: number) => scoreFirm(evidence({ mentions: [mention({ id: 1, at: hoursAgo(h) })] }), AT).raw;
    expect(op(48)).toBeLessThan(op(2));
    expect(op(24 * 30)).toBeLessThan(op(48));
  });

  it('halves over one half-life (inspections 180 d, petitions 60 d, opinion 7 d)', () => {
    const ins = (a: number) =>
      scoreFirm(
        evidence({ inspections: [inspection({ id: 1, date: daysAgo(a), order: 'none', due: null, status: null })] }),
        AT,
      ).raw;
    expect(ins(190) / ins(10)).toBeCloseTo(0.5, 3);
    const pet = (a: number) => scoreFirm(evidence({ petitions: [petition({ id: 1, received: daysAgo(a) })] }), AT).raw;
    expect(pet(61) / pet(1)).toBeCloseTo(0.5, 3);
    // Two days old (outside the spike window) against nine days old.
    const op = (h: number) => scoreFirm(evidence({ mentions: [mention({ id: 1, at: hoursAgo(h) })] }), AT).raw;
    expect(op(9 * 24) / op(2 * 24)).toBeCloseTo(0.5, 6);
  });

  it(
    'a record dated after `at` changes nothing',
    () => {
      const future = fc.record({
        i: inspectionArb.map((r) => ({ ...r, id: 'f1', date: daysAgo(-1 - (Number(r.id) % 300)) })),
        p: petitionArb.map((r) => ({ ...r, id: 'f2', received: daysAgo(-1 - (Number(r.id) % 300)) })),
        m: mentionArb.map((m) => ({
          ...m,
          id: 'f3',
          major: true,
          at: new Date(AT.getTime() + 1 + (Number(m.id) % 1e8)),
        })),
      });
      fc.assert(
        fc.property(evidenceArb, future, (e, f) => {
          const later = {
            inspections: [...e.inspections, f.i],
            petitions: [...e.petitions, f.p],
            mentions: [...e.mentions, f.m],
          };
          expect(scoreFirm(later, AT)).toEqual(scoreFirm(e, AT));
        }),
        { numRuns: 200 },
      );
    },
    TIMEOUT,
  );

  it('reads dates as Shanghai days: a record of the 3rd counts from 00:00 UTC+8 on the 3rd', () => {
    const e = evidence({ petitions: [petition({ received: '2026-11-03' })] });
    expect(scoreFirm(e, new Date('2026-11-02T15:59:59.999Z')).raw).toBe(0);
    expect(scoreFirm(e, new Date('2026-11-02T16:00:00.000Z')).raw).toBeGreaterThan(0);
  });

  it('a mention at exactly `at` counts, one millisecond later does not', () => {
    expect(scoreFirm(evidence({ mentions: [mention({ at: AT })] }), AT).raw).toBeGreaterThan(0);
    expect(scoreFirm(evidence({ mentions: [mention({ at: new Date(AT.getTime() + 1) })] }), AT).raw).toBe(0);
  });

  it(
    'evidenceWindow is exact: scoring only the records inside it gives the identical result',
    () => {
      const w = evidenceWindow(AT, defaultModelConfig);
      expect(w).toMatchObject({ untilDate: '2026-11-03', inspectionsFrom: daysAgo(1440), petitionsFrom: daysAgo(480) });
      expect(w.mentionsFrom.toISOString()).toBe(new Date(AT.getTime() - 56 * 86_400_000).toISOString());
      const wide = evidenceArb.map((e) => ({
        ...e,
        // Stretch dates so some fall outside the horizons.
        inspections: e.inspections.map((r, k) => ({ ...r, date: daysAgo(k * 400) })),
        mentions: e.mentions.map((m, k) => ({ ...m, at: hoursAgo(k * 150) })),
      }));
      fc.assert(
        fc.property(wide, (e) => {
          const inside = {
            inspections: e.inspections.filter((r) => r.date >= w.inspectionsFrom && r.date <= w.untilDate),
            petitions: e.petitions.filter((p) => p.received >= w.petitionsFrom && p.received <= w.untilDate),
            mentions: e.mentions.filter((m) => m.at >= w.mentionsFrom && m.at <= w.until),
          };
          expect(scoreFirm(inside, AT)).toEqual(scoreFirm(e, AT));
        }),
        { numRuns: 200 },
      );
    },
    TIMEOUT,
  );

  it('rejects a malformed date naming the record', () => {
    expect(() => scoreFirm(evidence({ inspections: [inspection({ id: 42, date: '2026/11/3' })] }), AT)).toThrow(
      /record 42 .*2026\/11\/3/,
    );
    expect(() => scoreFirm(evidence(), new Date(Number.NaN))).toThrow(/at is not a valid instant/);
  });
});
