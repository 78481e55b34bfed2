import type { ColumnType } from 'kysely';

// Column types shared by the table modules.

export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type Json = ColumnType<
  Record<string, unknown>,
  string | Record<string, unknown> | undefined,
  string | Record<string, unknown>
>;
export type DateString = ColumnType<string, string, string>;
export type TextArray = ColumnType<string[], string[] | undefined, string[]>;
