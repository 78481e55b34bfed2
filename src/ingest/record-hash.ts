import type { RowHasher } from '../crypto/sealer.ts';
import type { InspectionRow, PetitionRow } from './rows/index.ts';

// The text a record's change-detection hash is taken of. Stored row_hash
// values must keep matching re-imports of the same file, so this is, byte
// for byte, what the first version hashed: JSON.stringify of the row
// without its instant columns (at, receivedAt: they repeat the dates).
// Written out field by field because the generic way (an object copy
// without two keys, then JSON.stringify) cost more than the HMAC itself.
// The field order is the rows' own (schemas.ts builds them);
// test/unit/rows/record-hash.test.ts holds both to JSON.stringify.

/** JSON.stringify(s), without its call for the usual text that needs no escape. */
const quote = (s: string): string => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s);
  }
  return `"${s}"`;
};
const str = (s: string | null): string => (s === null ? 'null' : quote(s));
const num = (n: number | null): string => (n === null || !Number.isFinite(n) ? 'null' : String(n));
const list = (xs: readonly string[]): string => {
  if (xs.length === 0) return '[]';
  let out = `[${quote(xs[0]!)}`;
  for (let i = 1; i < xs.length; i++) out += `,${quote(xs[i]!)}`;
  return `${out}]`;
};
const extraText = (extra: Record<string, unknown>): string => {
  for (const _ in extra) return JSON.stringify(extra);
  return '{}';
};

export function inspectionHashText(r: InspectionRow): string {
  return `{"recordId":${str(r.recordId)},"firm":${str(r.firm)},"firmKey":${str(r.firmKey)},"uscc":${str(r.uscc)},"date":${str(r.date)},"kind":${str(r.kind)},"violations":${list(r.violations)},"workers":${num(r.workers)},"amount":${num(r.amount)},"order":${str(r.order)},"due":${str(r.due)},"rectified":${str(r.rectified)},"status":${str(r.status)},"district":${str(r.district)},"street":${str(r.street)},"inspector":${str(r.inspector)},"notes":${str(r.notes)},"related":${str(r.related)},"extra":${extraText(r.extra)}}`;
}

export function petitionHashText(r: PetitionRow): string {
  return `{"recordId":${str(r.recordId)},"received":${str(r.received)},"channel":${str(r.channel)},"firm":${str(r.firm)},"firmKey":${str(r.firmKey)},"uscc":${str(r.uscc)},"categories":${list(r.categories)},"petitioners":${num(r.petitioners)},"repeat":${r.repeat},"summary":${str(r.summary)},"petitionerName":${str(r.petitionerName)},"phone":${str(r.phone)},"idNumber":${str(r.idNumber)},"idNumberValid":${r.idNumberValid},"idNumberProblem":${str(r.idNumberProblem)},"status":${str(r.status)},"closed":${str(r.closed)},"extra":${extraText(r.extra)}}`;
}

/** The keyed change-detection hash of an inspection or petition row. */
export function recordRowHash(hash: RowHasher, row: InspectionRow | PetitionRow): string {
  return hash.text('receivedAt' in row ? petitionHashText(row) : inspectionHashText(row));
}
