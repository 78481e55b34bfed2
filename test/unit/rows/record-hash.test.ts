import { createHmac, hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRowHasher } from '../../../src/crypto/sealer.ts';
import { inspectionHashText, petitionHashText, recordRowHash } from '../../../src/ingest/record-hash.ts';
import { type InspectionRow, type PetitionRow, parseRow } from '../../../src/ingest/rows/index.ts';

// Stored row_hash values must keep matching re-imports of the same file:
// the fast text must be, byte for byte, what the first version hashed.
const SECRET = 'test-secret-key-0123456789abcdef0123456789';
const firstVersion = (row: object) => {
  const { receivedAt: _r, at: _a, ...hashed } = row as { at?: Date; receivedAt?: Date };
  return JSON.stringify(hashed);
};
const oldHasher = (value: unknown) => {
  const key = Buffer.from(
    hkdfSync('sha256', Buffer.from(SECRET, 'utf8'), Buffer.alloc(0), Buffer.from('qianshao/row-hash/v1'), 32),
  );
  return createHmac('sha256', key).update(JSON.stringify(value)).digest('base64url');
};

// Every kind of character JSON.stringify treats specially, and plain ones.
const text = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\u0000', '\u001f', '\u2028', '\ud800', '\udfff', 'a', '示') }),
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const json = fc.jsonValue();
const extra = fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('1', '2024', '__proto__x', '备用电话')), json, {
  maxKeys: 4,
});
const number = maybe(fc.oneof(fc.integer(), fc.double(), fc.constant(-0)));

const inspection: fc.Arbitrary<InspectionRow> = fc.record({
  recordId: text,
  firm: maybe(text),
  firmKey: maybe(text),
  uscc: maybe(text),
  date: text,
  at: fc.date(),
  kind: maybe(text),
  violations: fc.array(text, { maxLength: 3 }),
  workers: number,
  amount: number,
  order: maybe(text),
  due: maybe(text),
  rectified: maybe(text),
  status: maybe(text),
  district: maybe(text),
  street: maybe(text),
  inspector: maybe(text),
  notes: maybe(text),
  related: maybe(text),
  extra,
}) as fc.Arbitrary<InspectionRow>;

const petition: fc.Arbitrary<PetitionRow> = fc.record({
  recordId: text,
  received: text,
  receivedAt: fc.date(),
  channel: maybe(text),
  firm: maybe(text),
  firmKey: maybe(text),
  uscc: maybe(text),
  categories: fc.array(text, { maxLength: 3 }),
  petitioners: fc.oneof(fc.integer(), fc.double()),
  repeat: fc.boolean(),
  summary: maybe(text),
  petitionerName: maybe(text),
  phone: maybe(text),
  idNumber: maybe(text),
  idNumberValid: fc.boolean(),
  idNumberProblem: maybe(text),
  status: maybe(text),
  closed: maybe(text),
  extra,
}) as fc.Arbitrary<PetitionRow>;

describe('record hash text', () => {
  it('is JSON.stringify of the row without its instants, for inspections', () => {
    fc.assert(
      fc.property(inspection, (row) => {
        expect(inspectionHashText(row)).toBe(firstVersion(row));
      }),
      {
        numRuns: 2000,
      },
    );
  });

  it('is JSON.stringify of the row without its instants, for petitions', () => {
    fc.assert(
      fc.property(petition, (row) => {
        expect(petitionHashText(row)).toBe(firstVersion(row));
      }),
      {
        numRuns: 2000,
      },
    );
  });

  it('follows the field order of the rows parseRow builds', () => {
    const i = parseRow('inspections', { record_id: 'JC-1', date: '2026-11-03 09:30', firm: '星火', 备用: 'x' });
    const p = parseRow('petitions', { record_id: 'XF-1', received: '2026-11-03', firm: '星火', name: '张三' });
    if (!i.ok || !p.ok) throw new Error('fixtures must parse');
    expect(inspectionHashText(i.row)).toBe(firstVersion(i.row));
    expect(petitionHashText(p.row)).toBe(firstVersion(p.row));
  });

  it('hashes to what the first version stored', () => {
    const hash = createRowHasher(SECRET);
    fc.assert(
      fc.property(fc.oneof(inspection, petition), (row) => {
        const { receivedAt: _r, at: _a, ...hashed } = row as { at?: Date; receivedAt?: Date };
        expect(recordRowHash(hash, row as InspectionRow)).toBe(oldHasher(hashed));
      }),
      { numRuns: 500 },
    );
  });

  it('hashes long texts (past the preallocated buffer) like createHmac', () => {
    const hash = createRowHasher(SECRET);
    for (const n of [0, 1, 4000, 5000, 100_000]) {
      const s = '示'.repeat(n);
      expect(hash.text(JSON.stringify(s))).toBe(oldHasher(s));
      expect(hash(s)).toBe(oldHasher(s));
    }
  });
});
