import { createReadStream, existsSync } from 'node:fs';
import { codeLabel } from '../domain/i18n/codes.ts';
import { formatInstantText } from '../domain/time/shanghai.ts';
import { parseArgs } from 'node:util';
import { candidatesAfterScoring } from '../credit/candidates.ts';
import { audit } from '../audit/audit.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { type BacktestReport, runBacktest } from '../scoring/backtest.ts';
import { byRisk } from '../scoring/compute.ts';
import { runScoring } from '../scoring/score-run.ts';
import { evaluateAlerts } from '../alerts/evaluate.ts';
import { emit, parseInstant, UsageError, withRuntime } from './runtime.ts';

const LEVELS = ['red', 'orange', 'yellow', 'blue'] as const;

/**
 * `qianshao score [--at ISO8601] [--no-alerts] [--dry-run]`: scores every
 * firm as of `at` and stores the snapshot (CONTRACT §1). The output depends
 * only on the stored records and `at`.
 */
export async function scoreCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      at: { type: 'string' },
      'no-alerts': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length > 0)
    throw new UsageError('usage: qianshao score [--at ISO8601] [--no-alerts] [--dry-run] [--json]');
  const at = values.at === undefined ? new Date() : parseInstant(values.at, '--at');
  await withRuntime(async ({ handle, config, actor, log }) => {
    await migrateToLatest(handle.db);
    const store = !values['dry-run'];
    const run = await runScoring(handle.db, config.model, { at, firms: 'all', reason: 'cli', actor, store });
    if (store) {
      await audit(
        handle.db,
        actor,
        {
          action: 'score.run',
          objectType: 'score_run',
          objectId: run.runId,
          details: { at: at.toISOString(), firms: run.firms.length, changed: run.changed },
        },
        new Date(),
      );
      // Alerts raised now carry `at` as raised_at (CONTRACT §1).
      if (!values['no-alerts'])
        log.info({ alerts: await evaluateAlerts({ db: handle.db, log, config }, run) }, 'alert rules evaluated');
      // Credit-list candidates follow every stored scoring run (issue 15 item 9).
      log.info(
        { credit: await candidatesAfterScoring({ db: handle.db, log, config }, at) },
        'credit candidates identified',
      );
    }
    const ranked = [...run.firms].sort(byRisk);
    const out = {
      at: at.toISOString(),
      model: run.model,
      firms: ranked.map((f) => ({
        uscc: f.firm.uscc,
        name: f.firm.name,
        score: f.score.score,
        level: f.score.level,
        components: f.score.components,
      })),
    };
    emit(Boolean(values.json), out, () => {
      const counts = LEVELS.map(
        (k) => `${codeLabel('en', 'level', k)} ${ranked.filter((f) => f.score.level === k).length}`,
      ).join(' · ');
      const top = ranked
        .filter((f) => f.score.level !== null)
        .slice(0, 20)
        .map(
          (f) =>
            `  ${f.score.score.toFixed(1).padStart(5)}  ${codeLabel('en', 'level', f.score.level!).padEnd(6)}  ${f.firm.uscc ?? '-'.padEnd(18)}  ${f.firm.name}`,
        );
      return [
        `scored ${ranked.length} firms as of ${formatInstantText(out.at)} (model ${run.model}${store ? `, ${run.changed} changed` : ', not stored'}): ${counts}`,
        ...top,
      ].join('\n');
    });
  });
}

/** '1d', '7d' or a bare number of days. */
function parseDays(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const m = /^(\d{1,4})d?$/.exec(value.trim());
  if (!m || Number(m[1]) < 1)
    throw new UsageError(`${option} must be a number of days like 1d or 7d, got ${JSON.stringify(value)}`);
  return Number(m[1]);
}

/**
 * `qianshao backtest --from D --to D [--step 1d] [--horizon 90d] --labels FILE`:
 * replays the stored records day by day, writes nothing, and reports per
 * level how the warnings matched the labelled incidents.
 */
export async function backtestCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      step: { type: 'string' },
      horizon: { type: 'string' },
      labels: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length > 0 || !values.from || !values.to || !values.labels) {
    throw new UsageError(
      'usage: qianshao backtest --from YYYY-MM-DD --to YYYY-MM-DD --labels FILE [--step 1d] [--horizon 90d] [--json]',
    );
  }
  const stepDays = parseDays(values.step, '--step', 1);
  const horizonDays = parseDays(values.horizon, '--horizon', 90);
  const labels = values.labels;
  if (!existsSync(labels)) throw new UsageError(`--labels: no such file ${labels}`);
  await withRuntime(async ({ handle, config, log }) => {
    await migrateToLatest(handle.db);
    const started = performance.now();
    const report = await runBacktest(handle.db, config.model, {
      from: values.from!,
      to: values.to!,
      stepDays,
      horizonDays,
      labels: createReadStream(labels),
    });
    log.info(
      { days: report.days, firms: report.firms, seconds: ((performance.now() - started) / 1000).toFixed(1) },
      'backtest done',
    );
    emit(Boolean(values.json), report, () => formatBacktest(report));
  });
}

function formatBacktest(r: BacktestReport): string {
  const lines = [
    `backtest ${r.from} … ${r.to}, every ${r.stepDays}d, horizon ${r.horizonDays}d, model ${r.model}: ${r.days} days × ${r.firms} firms`,
    `labels: ${r.labels.rows} rows, ${r.incidents.length} incidents in the period, ${r.labels.unresolved.length} unresolved, ${r.labels.rejected.length} rejected`,
    'level   preceded/incidents  median lead  firms reached  with incident  without (pending)',
  ];
  for (const l of r.levels) {
    lines.push(
      `${codeLabel('en', 'level', l.level).padEnd(8)} ${`${l.preceded}/${l.incidents}`.padStart(9)}  ${(l.medianLeadDays === null ? '-' : `${l.medianLeadDays} d`).padStart(19)}  ${String(l.firmsReached).padStart(13)}  ${String(l.firmsWithIncident).padStart(13)}  ${String(l.firmsWithoutIncident).padStart(7)} (${l.firmsPending})`,
    );
  }
  for (const u of r.labels.unresolved) lines.push(`  line ${u.line}: firm ${u.firm} not found`);
  for (const x of r.labels.rejected)
    lines.push(`  line ${x.line}: ${x.reasons.map((y) => (y.field ? `${y.field}: ` : '') + y.message).join('; ')}`);
  return lines.join('\n');
}
