import type { Sealer } from '../crypto/sealer.ts';
import { maskExtraFields, maskIdNumber, maskName, maskPhone, maskPiiInText } from '../domain/pii.ts';
import { type Cell, boolCell, listCell, numberCell } from './pg-text.ts';
import type { RecordKind } from './import-types.ts';
import type { InspectionRow, PetitionRow } from './rows/index.ts';

// Normalized rows → table columns, as PostgreSQL text input. A table is a
// list of columns, each with its SQL type and how to read its cell from a
// row, so the staging table, its COPY body and the merge's insert and
// update of a changed record are built from the same list. Petition personal data
// is sealed (AES-256-GCM) with a masked copy beside it for display.
//
// Columns whose value is the same for every row of a batch (source,
// import_id, created_at, updated_at) are not here: they are sent once, as
// scalars, by the statements themselves. Nor are firm_id and resolution:
// the firm is resolved in SQL, against the registry, when a chunk is
// merged (merge-records.ts).

/** What a record's cells are computed from. */
export interface RecordInput<R> {
  row: R;
  rowHash: string;
}

export interface CellContext {
  sealer: Sealer;
  /** District stamped on records that carry none (see ImportContext). */
  defaultDistrict: string | null;
}

export interface ColumnSpec<R> {
  name: string;
  /** SQL type the text cell is cast to. */
  type: string;
  cell(input: RecordInput<R>, ctx: CellContext): Cell;
}

type AnyRecordRow = InspectionRow | PetitionRow;

/** Most files have no unknown columns: their rows skip the masking and JSON of `extra`. */
function isEmpty(extra: Readonly<Record<string, unknown>>): boolean {
  for (const key in extra) if (Object.hasOwn(extra, key)) return false;
  return true;
}

const text = <R>(name: string, get: (row: R) => string | null): ColumnSpec<R> => ({
  name,
  type: 'text',
  cell: ({ row }) => get(row),
});
const date = <R>(name: string, get: (row: R) => string | null): ColumnSpec<R> => ({
  name,
  type: 'date',
  cell: ({ row }) => get(row),
});

/** The firm reference as written; identity; change hash. */
function sharedColumns<R extends AnyRecordRow>(): ColumnSpec<R>[] {
  return [
    text('record_id', (r) => r.recordId),
    text('firm_name', (r) => r.firm),
    text('firm_name_norm', (r) => r.firmKey),
    text('firm_uscc', (r) => r.uscc),
    { name: 'extra', type: 'jsonb', cell: ({ row }) => (isEmpty(row.extra) ? '{}' : JSON.stringify(row.extra)) },
    { name: 'row_hash', type: 'text', cell: ({ rowHash }) => rowHash },
  ];
}

const INSPECTION_COLUMNS: readonly ColumnSpec<InspectionRow>[] = [
  ...sharedColumns<InspectionRow>(),
  { name: 'district', type: 'text', cell: ({ row }, ctx) => row.district ?? ctx.defaultDistrict },
  text('street', (r) => r.street),
  date('date', (r) => r.date),
  // The time of day, when the file gives one, counts for as-of scoring (CONTRACT §2).
  { name: 'date_at', type: 'timestamp with time zone', cell: ({ row }) => row.at.toISOString() },
  text('kind', (r) => r.kind),
  { name: 'violations', type: 'text[]', cell: ({ row }) => listCell(row.violations) },
  { name: 'workers', type: 'integer', cell: ({ row }) => numberCell(row.workers) },
  { name: 'amount', type: 'numeric(14,2)', cell: ({ row }) => numberCell(row.amount) },
  text('order', (r) => r.order),
  date('due', (r) => r.due),
  date('rectified', (r) => r.rectified),
  text('status', (r) => r.status),
  text('inspector', (r) => r.inspector),
  text('notes', (r) => r.notes),
  text('related', (r) => r.related),
];

/** A personal value: masked for display, sealed for `pii:read` roles. */
function personal(
  name: string,
  get: (row: PetitionRow) => string | null,
  mask: (v: string, row: PetitionRow) => string,
): ColumnSpec<PetitionRow>[] {
  return [
    {
      name: `${name}_masked`,
      type: 'text',
      cell: ({ row }) => {
        const v = get(row);
        return v === null ? null : mask(v, row);
      },
    },
    {
      name: `${name}_sealed`,
      type: 'text',
      cell: ({ row }, ctx) => {
        const v = get(row);
        return v === null ? null : ctx.sealer.seal(v);
      },
    },
  ];
}

/**
 * A petition's unknown columns are the petitioner's too (备用身份证,
 * 联系人手机): `extra` holds them masked, `extra_sealed` the real ones.
 */
const PETITION_EXTRA: ColumnSpec<PetitionRow>[] = [
  {
    name: 'extra',
    type: 'jsonb',
    cell: ({ row }) => (isEmpty(row.extra) ? '{}' : JSON.stringify(maskExtraFields(row.extra, [row.petitionerName]))),
  },
  {
    name: 'extra_sealed',
    type: 'text',
    cell: ({ row }, ctx) => (isEmpty(row.extra) ? null : ctx.sealer.seal(JSON.stringify(row.extra))),
  },
];

const PETITION_COLUMNS: readonly ColumnSpec<PetitionRow>[] = [
  ...sharedColumns<PetitionRow>().filter((c) => c.name !== 'extra'),
  ...PETITION_EXTRA,
  // Petition files carry no district: the record belongs to the importer's.
  { name: 'district', type: 'text', cell: (_, ctx) => ctx.defaultDistrict },
  text('street', () => null),
  date('received', (r) => r.received),
  { name: 'received_at', type: 'timestamp with time zone', cell: ({ row }) => row.receivedAt.toISOString() },
  text('channel', (r) => r.channel),
  { name: 'categories', type: 'text[]', cell: ({ row }) => listCell(row.categories) },
  { name: 'petitioners', type: 'integer', cell: ({ row }) => numberCell(row.petitioners) },
  { name: 'repeat', type: 'boolean', cell: ({ row }) => boolCell(row.repeat) },
  // The summary often repeats the petitioner's own name (联系人张三): masked with it.
  ...personal(
    'summary',
    (r) => r.summary,
    (v, r) => maskPiiInText(v, [r.petitionerName]),
  ),
  ...personal('name', (r) => r.petitionerName, maskName),
  ...personal('phone', (r) => r.phone, maskPhone),
  ...personal('id_number', (r) => r.idNumber, maskIdNumber),
  {
    name: 'id_number_valid',
    type: 'boolean',
    cell: ({ row }) => (row.idNumber === null ? null : boolCell(row.idNumberValid)),
  },
  text('status', (r) => r.status),
  date('closed', (r) => r.closed),
];

export const RECORD_COLUMNS: {
  readonly [K in RecordKind]: readonly ColumnSpec<K extends 'inspections' ? InspectionRow : PetitionRow>[];
} = {
  inspections: INSPECTION_COLUMNS,
  petitions: PETITION_COLUMNS,
};

/** A record's columns as an object of text cells (for an UPDATE of one row). */
export function recordCells<R>(
  columns: readonly ColumnSpec<R>[],
  input: RecordInput<R>,
  ctx: CellContext,
): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  for (const c of columns) out[c.name] = c.cell(input, ctx);
  return out;
}
