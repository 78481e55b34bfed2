import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeFirmName } from '../../../src/domain/firm-name.ts';
import { compactUscc } from '../../../src/domain/uscc.ts';
import {
  VIOLATION,
  cleanText,
  parseAmount,
  parseDate,
  parseInstant,
  splitMulti,
} from '../../../src/domain/values/index.ts';
import { headerKey } from '../../../src/ingest/rows/index.ts';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const toFullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

const calendarDate = fc
  .record({
    y: fc.integer({ min: 1900, max: 2100 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .filter(({ y, m, d }) => new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d);

describe('parseDate round trip', () => {
  it('every accepted form of a real date parses back to that date', () => {
    fc.assert(
      fc.property(
        calendarDate,
        fc.integer({ min: 0, max: 7 }),
        fc.record({
          h: fc.integer({ min: 0, max: 23 }),
          mi: fc.integer({ min: 0, max: 59 }),
          s: fc.integer({ min: 0, max: 59 }),
        }),
        ({ y, m, d }, form, { h, mi, s }) => {
          const iso = `${y}-${pad(m)}-${pad(d)}`;
          const time = `${pad(h)}:${pad(mi)}:${pad(s)}`;
          const written = [
            iso,
            `${y}/${m}/${d}`,
            `${y}年${m}月${d}日`,
            `${iso}T${time}+08:00`,
            `${y}/${m}/${d} ${h}:${pad(mi)}`,
            `${y}-${m}-${d}`,
            toFullWidth(`${y}年${m}月${d}日`),
            `${y}年${m}月${d}日 ${time}`,
          ][form]!;
          expect(parseDate(written)).toEqual({ ok: true, value: iso });
        },
      ),
    );
  });

  it('an instant written with any offset lands on its Shanghai date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }).map((x) => x - (x % 15)),
        (ms, offset) => {
          const local = new Date(ms + offset * 60_000);
          const sign = offset < 0 ? '-' : '+';
          const abs = Math.abs(offset);
          const written = `${local.toISOString().slice(0, 23)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
          const shanghai = new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
          expect(parseDate(written)).toEqual({ ok: true, value: shanghai });
          const at = parseInstant(written);
          expect(at.ok && at.value.getTime()).toBe(ms);
        },
      ),
    );
  });

  it('date-only instants are Shanghai midnight', () => {
    fc.assert(
      fc.property(calendarDate, ({ y, m, d }) => {
        const at = parseInstant(`${y}/${m}/${d}`);
        expect(at.ok && at.value.getTime()).toBe(Date.UTC(y, m - 1, d) - 8 * 3_600_000);
      }),
    );
  });
});

/** Decimal text of fen / 10^shift, exactly, without trailing zeros. */
function decimal(fen: bigint, shift: number): string {
  const digits = fen.toString().padStart(shift + 1, '0');
  const int = digits.slice(0, digits.length - shift);
  const frac = digits.slice(digits.length - shift).replace(/0+$/, '');
  return frac === '' ? int : `${int}.${frac}`;
}

const grouped = (s: string) => s.replace(/^(\d+)/, (int) => int.replace(/\B(?=(\d{3})+$)/g, ','));

describe('parseAmount round trip', () => {
  it('every accepted form of an amount in fen parses back to it', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 13n }), fc.integer({ min: 0, max: 6 }), (fen, form) => {
        const yuan = decimal(fen, 2);
        const wan = decimal(fen, 6);
        const written = [
          yuan,
          `${grouped(yuan)}元`,
          `${wan}万`,
          `${wan}万元`,
          `¥${grouped(yuan)}`,
          `${yuan}元`,
          toFullWidth(`${wan}万元`),
        ][form]!;
        expect(parseAmount(written)).toEqual({ ok: true, value: Number(yuan) });
      }),
    );
  });

  it('never accepts a negative amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), (n) => {
        expect(parseAmount(`-${n}`).ok).toBe(false);
        expect(parseAmount(`-${n}万元`).ok).toBe(false);
      }),
    );
  });
});

describe('normalizers are idempotent', () => {
  const messy = fc.string({
    unit: fc.constantFrom('a', 'B', ' ', '　', '\u200b', '示', '例', '（', '）', '|', '、', '；', '１', '-', '*', '_'),
  });

  it('cleanText, headerKey, normalizeFirmName, compactUscc', () => {
    fc.assert(
      fc.property(messy, (s) => {
        for (const f of [cleanText, headerKey, normalizeFirmName, compactUscc]) expect(f(f(s))).toBe(f(s));
      }),
    );
  });

  it('splitMulti of its own output joined is the same list', () => {
    fc.assert(
      fc.property(messy, fc.constantFrom('|', '、', '；'), (s, sep) => {
        const once = splitMulti(s);
        expect(once.ok && splitMulti(once.value.join(sep))).toEqual(once);
      }),
    );
  });

  it('a parsed date or amount parses to itself; a parsed list is stable', () => {
    fc.assert(
      fc.property(calendarDate, fc.bigInt({ min: 0n, max: 10n ** 12n }), ({ y, m, d }, fen) => {
        const date = parseDate(`${y}年${m}月${d}日`);
        expect(date.ok && parseDate(date.value)).toEqual(date);
        const amount = parseAmount(`${decimal(fen, 6)}万元`);
        expect(amount.ok && parseAmount(String(amount.value))).toEqual(amount);
      }),
    );
    fc.assert(
      fc.property(fc.subarray([...VIOLATION.codes]), fc.boolean(), (codes, chinese) => {
        const written = codes.map((c) => (chinese ? VIOLATION.labels[c] : c)).join('、');
        const once = VIOLATION.parseList(written);
        expect(once.ok && VIOLATION.parseList(once.value.join('|'))).toEqual(once);
      }),
    );
  });
});
