import { createReadStream } from 'node:fs';
import { codeLabel } from '../domain/i18n/codes.ts';
import { formatInstantText, formatShanghaiMinute } from '../domain/time/shanghai.ts';
import { parseArgs } from 'node:util';
import { migrateToLatest } from '../db/migrate.ts';
import { ALERT_LEVELS, listAlerts } from '../alerts/alerts-read.ts';
import { ALERT_STATUSES } from '../domain/alerts/states.ts';
import { importRoster, onDutyFor } from '../alerts/roster-repo.ts';
import type { Principal } from '../domain/jurisdiction.ts';
import { emit, intOption, oneOf, parseInstant, UsageError, withRuntime } from './runtime.ts';

/** The CLI operates the whole installation (like an admin), audited as the OS user. */
const OPERATOR: Principal = { userId: 0, name: 'cli', role: 'admin', district: null, streets: [] };

/** `qianshao alerts [--status open|all|<status>] [--level L]` (CONTRACT §1). */
export async function alertsCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      status: { type: 'string' },
      level: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length > 0)
    throw new UsageError('usage: qianshao alerts [--status open|all] [--level red|orange|yellow|blue] [--json]');
  // Every enumerated option is checked before anything runs: a typo is a usage error (exit 2), never "no alerts".
  const status = oneOf(values.status, '--status', ['all', ...ALERT_STATUSES] as const) ?? 'open';
  const level = oneOf(values.level, '--level', ALERT_LEVELS);
  const limit = intOption(values.limit, '--limit', 1, 100_000) ?? 1000;
  await withRuntime(async ({ handle, config }) => {
    await migrateToLatest(handle.db);
    const alerts = await listAlerts(handle.db, null, { status, level, limit }, config.publicUrl);
    const out = alerts.map((a) => ({
      id: a.id,
      rule: a.rule,
      level: a.level,
      status: a.status,
      raised_at: a.raised_at,
      due_at: a.due_at,
      firm: { uscc: a.firm.uscc, name: a.firm.name },
      title: a.title,
      score: a.score,
      overdue: a.overdue,
      assignee: a.assignee?.name ?? null,
    }));
    emit(Boolean(values.json), out, () =>
      out.length === 0
        ? 'no alerts'
        : out
            .map(
              (a) =>
                `#${a.id}\t${codeLabel('en', 'level', a.level)}\t${codeLabel('en', 'alertStatus', a.status)}${a.overdue ? ' (overdue)' : ''}\t${codeLabel('en', 'rule', a.rule)}\tdue ${a.due_at ? formatShanghaiMinute(new Date(a.due_at)) : '-'}\t${a.firm.name}`,
            )
            .join('\n'),
    );
  });
}

/** `qianshao roster import FILE` | `qianshao roster on-duty --firm ID|USCC [--category C] [--at T]`. */
export async function rosterCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      firm: { type: 'string' },
      category: { type: 'string' },
      at: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (sub === 'import') {
    const file = positionals[0];
    if (!file)
      throw new UsageError(
        'usage: qianshao roster import FILE.csv   (columns: user,start,end,district,streets,categories,tier[,override,note])',
      );
    await withRuntime(async ({ handle, actor }) => {
      await migrateToLatest(handle.db);
      const r = await importRoster(handle.db, OPERATOR, actor, createReadStream(file), new Date());
      emit(Boolean(values.json), r, () =>
        [
          `${r.accepted} shifts stored, ${r.rejected.length} rejected`,
          ...r.rejected.map(
            (x) => `  line ${x.line}: ${x.reasons.map((y) => (y.field ? `${y.field}: ` : '') + y.message).join('; ')}`,
          ),
        ].join('\n'),
      );
      if (r.rejected.length > 0 && r.accepted === 0) process.exitCode = 1;
    });
    return;
  }
  if (sub === 'on-duty') {
    if (!values.firm)
      throw new UsageError('usage: qianshao roster on-duty --firm ID|USCC [--category labor|opinion] [--at ISO8601]');
    const category = oneOf(values.category, '--category', ['labor', 'opinion'] as const) ?? 'labor';
    const at = values.at ? parseInstant(values.at, '--at') : new Date();
    await withRuntime(async ({ handle }) => {
      await migrateToLatest(handle.db);
      const r = await onDutyFor(handle.db, OPERATOR, values.firm!, category, at);
      emit(Boolean(values.json), r, () =>
        [
          `${r.firm.name} (${codeLabel('en', 'alertCategory', r.category)}) at ${formatInstantText(r.at)}:`,
          ...r.tiers.map(
            (t) => `  tier ${t.tier}: ${t.onDuty.map((d) => `${d.user} (${d.source})`).join(', ') || 'nobody'}`,
          ),
        ].join('\n'),
      );
    });
    return;
  }
  throw new UsageError('usage: qianshao roster import FILE | roster on-duty --firm ID|USCC [--category C] [--at T]');
}
