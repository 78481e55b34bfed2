import { parseArgs } from 'node:util';
import { migrateToLatest } from '../db/migrate.ts';
import {
  disclosure,
  DISCLOSURE_FIELDS,
  DRAFT_FIELD,
  encodeCsv,
  quarterOver,
  exportList,
  RECORD_FIELDS,
  toCsv,
} from '../credit/export.ts';
import { refreshCandidates } from '../credit/candidates.ts';
import { creditConfigOf } from '../credit/credit-read.ts';
import { emit, parseInstant, UsageError, withRuntime } from './runtime.ts';

const USAGE =
  'usage: qianshao credit export --format csv|json [--gbk] [--history] | credit disclosure --quarter 2026Q3 [--draft] [--at ISO8601] [--format csv|json] [--gbk] | credit candidates [--at ISO8601]';

/** `qianshao credit export|disclosure|candidates`: the whole installation, like an admin. */
export async function creditCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      gbk: { type: 'boolean' },
      history: { type: 'boolean' },
      quarter: { type: 'string' },
      at: { type: 'string' },
      json: { type: 'boolean' },
      draft: { type: 'boolean' },
    },
  });
  if (positionals.length > 0) throw new UsageError(USAGE);
  const format = values.format ?? (values.json ? 'json' : 'csv');
  if (format !== 'csv' && format !== 'json') throw new UsageError(`--format must be csv or json, got ${format}`);
  const all = { kind: 'all' as const };
  const write = (fields: readonly string[], rows: Array<Record<string, unknown>>) => {
    if (format === 'json') process.stdout.write(`${JSON.stringify(rows)}\n`);
    else process.stdout.write(encodeCsv(toCsv(fields, rows), Boolean(values.gbk)));
  };
  if (sub === 'export') {
    await withRuntime(async ({ handle }) => {
      await migrateToLatest(handle.db);
      write(RECORD_FIELDS, await exportList(handle.db, all, Boolean(values.history)));
    });
    return;
  }
  if (sub === 'disclosure') {
    if (!values.quarter) throw new UsageError(USAGE);
    if (!/^\d{4}Q[1-4]$/.test(values.quarter))
      throw new UsageError(`--quarter must be YYYYQn, e.g. 2026Q3, got ${values.quarter}`);
    await withRuntime(async ({ handle, config }) => {
      await migrateToLatest(handle.db);
      const asOf = values.at ? parseInstant(values.at, '--at') : new Date();
      const rows = await disclosure(handle.db, all, values.quarter!, {
        credit: creditConfigOf(config),
        asOf,
        draft: Boolean(values.draft),
      });
      // A quarter not yet over comes out as a draft: every row carries the mark, and so does the CSV header.
      write(quarterOver(values.quarter!, asOf) ? DISCLOSURE_FIELDS : [...DISCLOSURE_FIELDS, DRAFT_FIELD], rows);
    });
    return;
  }
  if (sub === 'candidates') {
    const at = values.at ? parseInstant(values.at, '--at') : new Date();
    await withRuntime(async ({ handle, config }) => {
      await migrateToLatest(handle.db);
      const r = await refreshCandidates(handle.db, creditConfigOf(config), config.sla.calendar, at);
      emit(Boolean(values.json), r, () => `${r.created} new candidates, ${r.updated} updated, ${r.lapsed} lapsed`);
    });
    return;
  }
  throw new UsageError(USAGE);
}
