// Row schemas: a raw record in, a normalized row or every reason it is
// rejected out. Reasons name the column both ways so a clerk can find it
// in a sheet with Chinese headers.

import type { z } from 'zod';
import { normalizeFirmName } from '../../domain/firm-name.ts';
import { validateRic } from '../../domain/ric.ts';
import * as v from '../../domain/values/index.ts';
import type { RowKind } from './columns.ts';
import {
  type FieldSpec,
  type FieldTable,
  NOT_AN_OBJECT,
  type RowCheck,
  type RowReason,
  type RowResult,
  type RowTable,
  compileTable,
  eachOf,
  optional,
  parseUscc,
  required,
  text,
} from './fields.ts';
import type { FirmRow, IncidentRow, InspectionRow, PetitionRow } from './row-types.ts';

export type { RowReason, RowResult };

export interface RowOf {
  firms: FirmRow;
  inspections: InspectionRow;
  petitions: PetitionRow;
  incidents: IncidentRow;
}

const count = (raw: string) => v.parseInteger(raw);
const atLeastOne = (raw: string) => v.parseInteger(raw, { min: 1 });
// The same firms recur on thousands of rows of one file; remembering their
// normalized names takes a visible share off bulk imports. Bounded by
// starting over, which costs only recomputation. Both strings are stored as
// detached copies: the name is a view into a 64 KB chunk of the file (and
// the normalized name may be the very same string), which would otherwise
// stay in memory for as long as the entry does.
const firmKeys = new Map<string, string>();
function firmKey(name: string | null): string | null {
  if (name === null) return null;
  let key = firmKeys.get(name);
  if (key === undefined) {
    if (firmKeys.size >= 50_000) firmKeys.clear();
    key = v.detach(normalizeFirmName(name));
    firmKeys.set(v.detach(name), key);
  }
  return key;
}

type FirmColumns = { firm: FieldSpec<string, false>; uscc: FieldSpec<string, false> };

function firmOrUscc(firmColumn: string): RowCheck<FirmColumns> {
  return (r, failed) =>
    // A USCC that failed its own check has already been reported; asking
    // for "a firm or a USCC" on top of that would only confuse.
    failed.has('firm') || failed.has('uscc') || r.firm !== null || r.uscc !== null
      ? null
      : { field: 'firm', message: `either the firm name (${firmColumn}) or its USCC (统一社会信用代码) is required` };
}

const FIRM_FIELDS = {
  name: required<string>(v.ok),
  uscc: optional(parseUscc),
  aliases: optional(v.splitMulti),
  sector: optional(v.SECTOR.parse),
  role: optional(v.FIRM_ROLE.parse),
  parent: optional(eachOf(v.splitMulti, v.parseFirmRef)),
  district: text,
  street: text,
  address: text,
} satisfies FieldTable;

const firmTable = compileTable(
  'firms',
  FIRM_FIELDS,
  (r): FirmRow => ({
    name: r.name,
    nameKey: firmKey(r.name)!,
    uscc: r.uscc,
    aliases: r.aliases ?? [],
    sector: r.sector,
    role: r.role,
    parents: r.parent ?? [],
    district: r.district,
    street: r.street,
    address: r.address,
    extra: r.extra,
  }),
);

const INSPECTION_FIELDS = {
  record_id: required<string>(v.ok),
  firm: text,
  uscc: optional(parseUscc),
  date: required(v.parseDateAndInstant),
  kind: optional(v.INSPECTION_KIND.parse),
  violations: optional(v.VIOLATION.parseList),
  workers: optional(count),
  amount: optional(v.parseAmount),
  order: optional(v.ORDER.parse),
  due: optional(v.parseDate),
  rectified: optional(v.parseDate),
  status: optional(v.INSPECTION_STATUS.parse),
  district: text,
  street: text,
  inspector: text,
  notes: text,
  related: text,
} satisfies FieldTable;

const inspectionTable = compileTable(
  'inspections',
  INSPECTION_FIELDS,
  (r): InspectionRow => ({
    recordId: r.record_id,
    firm: r.firm,
    firmKey: firmKey(r.firm),
    uscc: r.uscc,
    date: r.date.date,
    at: r.date.at,
    kind: r.kind,
    violations: r.violations ?? [],
    workers: r.workers,
    amount: r.amount,
    order: r.order,
    due: r.due,
    rectified: r.rectified,
    status: r.status,
    district: r.district,
    street: r.street,
    inspector: r.inspector,
    notes: r.notes,
    related: r.related,
    extra: r.extra,
  }),
  [firmOrUscc('单位名称')],
);

const PETITION_FIELDS = {
  record_id: required<string>(v.ok),
  received: required(v.parseDateAndInstant),
  channel: optional(v.PETITION_CHANNEL.parse),
  firm: text,
  uscc: optional(parseUscc),
  category: optional(v.PETITION_CATEGORY.parseList),
  petitioners: optional(atLeastOne),
  repeat: optional(v.parseBool),
  summary: text,
  name: text,
  phone: text,
  id_number: text,
  status: optional(v.PETITION_STATUS.parse),
  closed: optional(v.parseDate),
} satisfies FieldTable;

const petitionTable = compileTable(
  'petitions',
  PETITION_FIELDS,
  (r): PetitionRow => {
    // An invalid ID number is still evidence that a person petitioned; it
    // is kept and flagged for review rather than costing the whole record.
    const ric = r.id_number === null ? null : validateRic(r.id_number);
    return {
      recordId: r.record_id,
      received: r.received.date,
      receivedAt: r.received.at,
      channel: r.channel,
      firm: r.firm,
      firmKey: firmKey(r.firm),
      uscc: r.uscc,
      categories: r.category ?? [],
      petitioners: r.petitioners ?? 1,
      repeat: r.repeat ?? false,
      summary: r.summary,
      petitionerName: r.name,
      phone: r.phone,
      idNumber: ric?.ok ? ric.value : r.id_number,
      idNumberValid: ric?.ok === true,
      idNumberProblem: ric && !ric.ok ? `invalid ID number: ${ric.message}` : null,
      status: r.status,
      closed: r.closed,
      extra: r.extra,
    };
  },
  [firmOrUscc('被反映单位')],
);

const INCIDENT_FIELDS = {
  firm: required(v.parseFirmRef),
  date: required(v.parseDateAndInstant),
  kind: optional(v.INCIDENT_KIND.parse),
} satisfies FieldTable;

const incidentTable = compileTable(
  'incidents',
  INCIDENT_FIELDS,
  (r): IncidentRow => ({
    firm: r.firm,
    date: r.date.date,
    at: r.date.at,
    kind: r.kind ?? 'other',
    extra: r.extra,
  }),
);

/** Each kind's compiled table (csv-compiled.ts runs them on cells sorted once per file). */
export const rowTables: { readonly [K in RowKind]: RowTable<RowOf[K]> } = {
  firms: firmTable,
  inspections: inspectionTable,
  petitions: petitionTable,
  incidents: incidentTable,
};

export const firmRowSchema = firmTable.schema;
export const inspectionRowSchema = inspectionTable.schema;
export const petitionRowSchema = petitionTable.schema;
export const incidentRowSchema = incidentTable.schema;

/** The row schemas as zod schemas, e.g. for a request body; parseRow gives the same results without zod. */
export const rowSchemas: { readonly [K in RowKind]: z.ZodType<RowOf[K]> } = {
  firms: firmRowSchema,
  inspections: inspectionRowSchema,
  petitions: petitionRowSchema,
  incidents: incidentRowSchema,
};

/** Parses one raw record of `kind`, collecting every reason it is rejected. */
export function parseRow<K extends RowKind>(kind: K, record: unknown): RowResult<RowOf[K]> {
  if (typeof record !== 'object' || record === null || Array.isArray(record))
    return { ok: false, reasons: [{ field: '', column: '', message: NOT_AN_OBJECT }] };
  return rowTables[kind].parseRecord(record as Record<string, unknown>);
}
