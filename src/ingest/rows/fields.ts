// Building blocks of the row schemas: sorting a raw record (CSV strings or
// JSON values, English or Chinese keys) into one text cell per column, and
// the row table compiled from per-column value parsers (with its zod schema).

import { z } from 'zod';
import { validateUscc } from '../../domain/uscc.ts';
import { type ParseResult, cleanText, fail, ok } from '../../domain/values/index.ts';
import { type RowKind, columnSpec, mapHeader } from './columns.ts';
import type { Extra } from './row-types.ts';

export interface RowReason {
  /** English column name; '' when the record as a whole is wrong. */
  field: string;
  /** Chinese header of that column; '' likewise. */
  column: string;
  message: string;
}

export type RowResult<T> = { ok: true; row: T } | { ok: false; reasons: RowReason[] };

export type RawRecord = Record<string, unknown>;

export const REQUIRED_MESSAGE = 'required value is missing';

// JSON and CSV files repeat the same few keys on every row; caching where
// each key goes keeps header normalization off the per-row path. The bound
// only matters for hostile JSON with ever-new keys.
const MAX_CACHED_KEYS = 2048;

/** A cell as text; JSON arrays become a '|'-separated multi-value cell. */
export function cellText(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  let s: string;
  if (typeof value === 'string') s = value;
  else if (typeof value === 'number' || typeof value === 'boolean') s = String(value);
  else if (Array.isArray(value)) s = value.map((v) => cellText(v) ?? '').join('|');
  else s = JSON.stringify(value);
  s = cleanText(s);
  return s === '' ? undefined : s;
}

/**
 * Sorts the keys of raw records of one kind into the slots of a column
 * list (English or Chinese keys alike) and the rest into `extra`.
 */
export class ColumnResolver {
  private readonly slots = new Map<string, number>();

  constructor(
    private readonly kind: RowKind,
    readonly names: readonly string[],
  ) {}

  /** The slot of a record key in `names`, or -1 when it goes to extra. */
  slotOf(key: string): number {
    let slot = this.slots.get(key);
    if (slot === undefined) {
      const name = mapHeader(this.kind, key);
      slot = name === null ? -1 : this.names.indexOf(name);
      if (this.slots.size < MAX_CACHED_KEYS) this.slots.set(key, slot);
    }
    return slot;
  }

  resolve(record: RawRecord): { cells: (string | undefined)[]; extra: Extra } {
    const cells: (string | undefined)[] = new Array(this.names.length).fill(undefined);
    const extra: Extra = {};
    for (const key of Object.keys(record)) {
      const value = record[key];
      const slot = this.slotOf(key);
      // A second column with the same meaning (say both 'date' and 检查日期)
      // does not overwrite the first; it is kept aside like an unknown one.
      if (slot < 0 || cells[slot] !== undefined) {
        if (value !== null && value !== undefined && value !== '') extra[key] = value;
        continue;
      }
      cells[slot] = cellText(value);
    }
    return { cells, extra };
  }
}

type Parser<T> = (s: string) => ParseResult<T>;

export const NOT_AN_OBJECT = 'a record must be an object of column values';

export const rawRecord = z.custom<RawRecord>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), {
  message: NOT_AN_OBJECT,
});

/** How one column is read: its parser, and whether an empty cell is a reason. */
export interface FieldSpec<T, R extends boolean = boolean> {
  readonly parse: Parser<T>;
  readonly required: R;
}

export function required<T>(parse: Parser<T>): FieldSpec<T, true> {
  return { parse, required: true };
}

export function optional<T>(parse: Parser<T>): FieldSpec<T, false> {
  return { parse, required: false };
}

export const text: FieldSpec<string, false> = optional<string>(ok);

// `any` lets tables of differently typed fields share one constraint; the
// precise types come back through ParsedFields.
// biome-ignore lint/suspicious/noExplicitAny: see the comment above
export type FieldTable = Record<string, FieldSpec<any>>;

/** A field table's parsed values: an optional column may be null. */
export type ParsedFields<F extends FieldTable> = {
  [K in keyof F]: F[K] extends FieldSpec<infer T, infer R> ? (R extends true ? T : T | null) : never;
} & { extra: Extra };

/**
 * A rule across columns. `failed` holds the columns already reported, so a
 * rule can stay quiet when its inputs were rejected on their own.
 */
export type RowCheck<F extends FieldTable> = (
  values: ParsedFields<F>,
  failed: ReadonlySet<string>,
) => { field: string; message: string } | null;

const EMPTY_SET: ReadonlySet<string> = new Set();

/**
 * The object every row's parsed values are cloned from. Adding 17 keys one
 * by one pushes V8 into slow dictionary objects; a clone keeps one fast
 * shape per table. Each slot first holds a number, then null, so the shape
 * already allows any value and later stores do not have to migrate it.
 */
function valuesTemplate(names: readonly string[]): Record<string, unknown> {
  const template: Record<string, unknown> = Object.fromEntries([...names, 'extra'].map((n) => [n, 0]));
  for (const key of Object.keys(template)) template[key] = null;
  return template;
}

/**
 * A row kind's table, compiled once: cells in, the normalized row or every
 * reason out. `run` takes the cells already sorted into the table's
 * columns; `parseRecord` sorts a raw record first. Bulk CSV imports go
 * through csv-compiled.ts, which sorts cells by the header once per file.
 */
export interface RowTable<Row> {
  readonly kind: RowKind;
  /** English column names, in the table's order: the slots `run` expects. */
  readonly names: readonly string[];
  readonly resolver: ColumnResolver;
  run(cells: ReadonlyArray<string | undefined>, extra: Extra): RowResult<Row>;
  parseRecord(record: RawRecord): RowResult<Row>;
  /** The same table as a zod schema (raw record in, row out; one issue per reason). */
  readonly schema: z.ZodType<Row>;
}

/**
 * Compiles a row kind's table: one issue per bad column (field = English
 * column name) and per failed check.
 *
 * One loop walks the whole table instead of a z.object of per-column
 * schemas, and rows do not pass through zod at all: measured on bulk
 * imports, zod's per-row context and issue objects cost as much as the
 * parsing itself.
 */
export function compileTable<F extends FieldTable, Row>(
  kind: RowKind,
  fields: F,
  build: (values: ParsedFields<F>) => Row,
  checks: readonly RowCheck<F>[] = [],
): RowTable<Row> {
  const names = Object.keys(fields);
  const specs = names.map((n) => fields[n]!);
  const headers = names.map((n) => columnSpec(kind, n)?.zh ?? '');
  const resolver = new ColumnResolver(kind, names);
  const template = valuesTemplate(names);
  const run = (cells: ReadonlyArray<string | undefined>, extra: Extra): RowResult<Row> => {
    const values: Record<string, unknown> = { ...template };
    values.extra = extra;
    let reasons: RowReason[] | null = null;
    let failed: Set<string> | null = null;
    for (let i = 0; i < specs.length; i++) {
      const spec = specs[i]!;
      const cell = cells[i];
      const r = cell === undefined ? (spec.required ? fail(REQUIRED_MESSAGE) : null) : spec.parse(cell);
      if (r === null) values[names[i]!] = null;
      else if (r.ok) values[names[i]!] = r.value;
      else {
        (reasons ??= []).push({ field: names[i]!, column: headers[i]!, message: r.message });
        (failed ??= new Set()).add(names[i]!);
      }
    }
    const parsed = values as ParsedFields<F>;
    for (const check of checks) {
      const problem = check(parsed, failed ?? EMPTY_SET);
      if (problem) {
        const column = columnSpec(kind, problem.field)?.zh ?? '';
        (reasons ??= []).push({ field: problem.field, column, message: problem.message });
        failed ??= new Set();
      }
    }
    return reasons === null ? { ok: true, row: build(parsed) } : { ok: false, reasons };
  };
  const parseRecord = (record: RawRecord): RowResult<Row> => {
    const { cells, extra } = resolver.resolve(record);
    return run(cells, extra);
  };
  const schema = rawRecord.transform((record, ctx): Row => {
    const r = parseRecord(record);
    if (r.ok) return r.row;
    for (const reason of r.reasons) ctx.addIssue({ code: 'custom', path: [reason.field], message: reason.message });
    return z.NEVER;
  });
  return { kind, names, resolver, run, parseRecord, schema };
}

export function parseUscc(raw: string): ParseResult<string> {
  const u = validateUscc(raw);
  return u.ok ? ok(u.value) : fail(`invalid USCC ${raw}: ${u.message}`);
}

/** Applies `parse` to each value of a multi-valued cell, reporting every bad one. */
export function eachOf<T>(split: Parser<string[]>, parse: Parser<T>): Parser<T[]> {
  return (raw) => {
    const parts = split(raw);
    if (!parts.ok) return parts;
    const out: T[] = [];
    const problems: string[] = [];
    for (const p of parts.value) {
      const r = parse(p);
      if (r.ok) out.push(r.value);
      else problems.push(r.message);
    }
    return problems.length > 0 ? fail(problems.join('; ')) : ok(out);
  };
}
