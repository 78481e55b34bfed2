// Building blocks of the row schemas: sorting a raw record (CSV strings or
// JSON values, English or Chinese keys) into one text cell per column, and
// the zod schema built from a table of per-column value parsers.

import { z } from 'zod';
import { validateUscc } from '../../domain/uscc.ts';
import { type ParseResult, cleanText, fail, ok } from '../../domain/values/index.ts';
import { type RowKind, mapHeader } from './columns.ts';
import type { Extra } from './row-types.ts';

export type RawRecord = Record<string, unknown>;

export const REQUIRED_MESSAGE = 'required value is missing';

// JSON and CSV files repeat the same few keys on every row; caching where
// each key goes keeps header normalization off the per-row path. The bound
// only matters for hostile JSON with ever-new keys.
const MAX_CACHED_KEYS = 2048;

/** A cell as text; JSON arrays become a '|'-separated multi-value cell. */
function cellText(value: unknown): string | undefined {
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

  private slotOf(key: string): number {
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

export const rawRecord = z.custom<RawRecord>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), {
  message: 'a record must be an object of column values',
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
 * The zod schema of a row kind: raw record in, `build(values)` out, or one
 * issue per bad column (path = English column name) and per failed check.
 *
 * One transform walks the whole table instead of a z.object of per-column
 * schemas: measured on 200,000 inspection rows, the per-column zod nodes
 * cost more than the parsing itself, and bulk import is the hot path.
 */
export function tableSchema<F extends FieldTable, Row>(
  kind: RowKind,
  fields: F,
  build: (values: ParsedFields<F>) => Row,
  checks: readonly RowCheck<F>[] = [],
): z.ZodType<Row> {
  const names = Object.keys(fields);
  const specs = names.map((n) => fields[n]!);
  const resolver = new ColumnResolver(kind, names);
  const template = valuesTemplate(names);
  return rawRecord.transform((record, ctx): Row => {
    const { cells, extra } = resolver.resolve(record);
    const values: Record<string, unknown> = { ...template };
    values.extra = extra;
    let failed: Set<string> | null = null;
    for (let i = 0; i < specs.length; i++) {
      const spec = specs[i]!;
      const cell = cells[i];
      const r = cell === undefined ? (spec.required ? fail(REQUIRED_MESSAGE) : null) : spec.parse(cell);
      if (r === null) values[names[i]!] = null;
      else if (r.ok) values[names[i]!] = r.value;
      else {
        ctx.addIssue({ code: 'custom', path: [names[i]!], message: r.message });
        (failed ??= new Set()).add(names[i]!);
      }
    }
    const parsed = values as ParsedFields<F>;
    for (const check of checks) {
      const problem = check(parsed, failed ?? EMPTY_SET);
      if (problem) {
        ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
        failed ??= new Set();
      }
    }
    return failed === null ? build(parsed) : z.NEVER;
  });
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
