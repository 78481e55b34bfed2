// Reading import files (CONTRACT §2) into normalized, validated rows.
//
//   for await (const raw of readRows(stream, formatFromName(path), { kind })) {
//     if (raw.record === null) quarantine(raw.line, raw.raw, [raw.error]);
//     else { const r = parseRawRow(kind, raw); ... }
//   }

export { type ByteSource, type Charset, type DecodeOptions, decodeText } from './charset.ts';
export {
  type ColumnSpec,
  type RowKind,
  COLUMNS,
  FIRM_COLUMNS,
  INCIDENT_COLUMNS,
  INSPECTION_COLUMNS,
  PETITION_COLUMNS,
  ROW_KINDS,
  columnSpec,
  headerKey,
  mapHeader,
  missingColumns,
} from './columns.ts';
export { type CompiledCsv, compileCsv, parseRawRow } from './csv-compiled.ts';
export { type CsvDelimiter, type CsvRecord, CsvTokenizer } from './csv-tokenizer.ts';
export { type RawRecord, ColumnResolver } from './fields.ts';
export { type CsvHeader, type RawRow, DEFAULT_MAX_RECORD_CHARS } from './raw-row.ts';
export { type ReadRowsOptions, type RowFormat, formatFromContentType, formatFromName, readRows } from './read-rows.ts';
export type { Extra, FirmRef, FirmRow, IncidentRow, InspectionRow, PetitionRow } from './row-types.ts';
export {
  type RowOf,
  type RowReason,
  type RowResult,
  firmRowSchema,
  incidentRowSchema,
  inspectionRowSchema,
  parseRow,
  petitionRowSchema,
  rowSchemas,
} from './schemas.ts';
