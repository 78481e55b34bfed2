// `qianshao backtest`: replays the stored records day by day and compares
// the levels the model would have shown with labelled incidents. Read-only:
// the evidence is loaded once, every day is scored in memory with the same
// code as live runs (computeScores), and nothing is written.

import type { Db } from '../db/connect.ts';
import { dayNumber, formatDay } from '../domain/scoring/calendar.ts';
import { type BacktestIncident, evaluateBacktest, type LevelReport } from '../domain/scoring/backtest.ts';
import { evidenceWindow, type Level, type ModelConfig, maxLevel, modelVersion } from '../domain/scoring/index.ts';
import { Invalid } from '../domain/errors.ts';
import { dayStartMs } from '../domain/time/shanghai.ts';
import { resolveFirmRefs, refKey } from '../ingest/resolve-firms.ts';
import { type ByteSource, parseRow, readRows, type RowReason } from '../ingest/rows/index.ts';
import { computeScores, type FirmLink } from './compute.ts';
import { loadEvidence } from './evidence.ts';

export interface BacktestOptions {
  /** YYYY-MM-DD, Shanghai days, inclusive. */
  from: string;
  to: string;
  stepDays: number;
  horizonDays: number;
  labels: ByteSource;
}

export interface IncidentOutcome {
  line: number;
  firm: { id: number; name: string };
  date: string;
  kind: string;
  /** The highest level the firm reached in the horizon before the incident, and how early it first did. */
  warnedLevel: Level | null;
  leadDays: number | null;
}

export interface BacktestReport {
  from: string;
  to: string;
  stepDays: number;
  horizonDays: number;
  model: string;
  days: number;
  firms: number;
  labels: {
    rows: number;
    unresolved: Array<{ line: number; firm: string }>;
    rejected: Array<{ line: number; reasons: RowReason[] }>;
  };
  levels: LevelReport[];
  incidents: IncidentOutcome[];
}

/** The last millisecond of a Shanghai day: the replay sees everything dated that day. */
const endOfDay = (day: number) => new Date(dayStartMs(day + 1) - 1);

function requireDate(value: string, what: string): number {
  const d = dayNumber(value);
  if (Number.isNaN(d)) throw new Invalid(`${what}: expected a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return d;
}

interface Label {
  line: number;
  day: number;
  date: string;
  kind: string;
  firmId: number;
}

async function readLabels(db: Db, bytes: ByteSource) {
  const rows: Array<{
    line: number;
    date: string;
    kind: string;
    firm: { uscc: string | null; nameKey: string | null };
    written: string;
  }> = [];
  const rejected: BacktestReport['labels']['rejected'] = [];
  let count = 0;
  for await (const raw of readRows(bytes, 'csv', { kind: 'incidents' })) {
    count++;
    if (raw.record === null) {
      rejected.push({ line: raw.line, reasons: [{ field: '', column: '', message: raw.error ?? 'unreadable row' }] });
      continue;
    }
    const r = parseRow('incidents', raw.record);
    if (!r.ok) rejected.push({ line: raw.line, reasons: r.reasons });
    else
      rows.push({
        line: raw.line,
        date: r.row.date,
        kind: r.row.kind,
        firm: r.row.firm,
        written: r.row.firm.uscc ?? r.row.firm.name ?? '',
      });
  }
  const resolved = await resolveFirmRefs(
    db,
    rows.map((r) => r.firm),
  );
  const labels: Label[] = [];
  const unresolved: BacktestReport['labels']['unresolved'] = [];
  for (const r of rows) {
    const res = resolved.get(refKey(r.firm));
    if (res?.status === 'resolved')
      labels.push({ line: r.line, day: dayNumber(r.date), date: r.date, kind: r.kind, firmId: res.firmId });
    else unresolved.push({ line: r.line, firm: r.written });
  }
  return { labels, unresolved, rejected, rows: count };
}

export async function runBacktest(db: Db, config: ModelConfig, o: BacktestOptions): Promise<BacktestReport> {
  const first = requireDate(o.from, '--from');
  const last = requireDate(o.to, '--to');
  if (last < first) throw new Invalid('--to must not be before --from');
  if (!(Number.isInteger(o.stepDays) && o.stepDays >= 1))
    throw new Invalid('--step must be a whole number of days, at least 1d');
  if (!(Number.isInteger(o.horizonDays) && o.horizonDays >= 1))
    throw new Invalid('--horizon must be a whole number of days, at least 1d');
  const days: number[] = [];
  for (let d = first; d <= last; d += o.stepDays) days.push(d);

  const labels = await readLabels(db, o.labels);
  const [firms, links] = await Promise.all([
    db.selectFrom('firms').select(['id', 'name', 'uscc']).orderBy('id').execute(),
    db.selectFrom('firm_links').select(['platform_id as platformId', 'partner_id as partnerId']).execute() as Promise<
      FirmLink[]
    >,
  ]);
  // One load covering every replayed day's window.
  const start = evidenceWindow(endOfDay(first), config);
  const end = evidenceWindow(endOfDay(last), config);
  const evidence =
    firms.length === 0
      ? new Map()
      : await loadEvidence(
          db,
          { from: firms[0]!.id, to: firms[firms.length - 1]!.id },
          {
            inspectionsFrom: start.inspectionsFrom,
            petitionsFrom: start.petitionsFrom,
            mentionsFrom: start.mentionsFrom,
            untilDate: end.untilDate,
            until: end.until,
          },
        );

  const levels = new Map<number, Array<Level | null>>(
    firms.map((f) => [f.id, new Array<Level | null>(days.length).fill(null)]),
  );
  for (let i = 0; i < days.length; i++) {
    // The scorer ignores what is dated after `at` or beyond its horizon, so
    // each day may be given the whole loaded history.
    const scored = await computeScores({
      at: endOfDay(days[i]!),
      config,
      firms,
      links,
      evidence: () => evidence,
      chunkLimits: { firms: firms.length, records: Infinity },
    });
    for (const s of scored) levels.get(s.firm.id)![i] = s.score.level;
  }

  const incidents: BacktestIncident[] = labels.labels.map((l) => ({ firmId: l.firmId, day: l.day }));
  const names = new Map(firms.map((f) => [f.id, f.name]));
  return {
    from: formatDay(first),
    to: formatDay(last),
    stepDays: o.stepDays,
    horizonDays: o.horizonDays,
    model: modelVersion(config),
    days: days.length,
    firms: firms.length,
    labels: { rows: labels.rows, unresolved: labels.unresolved, rejected: labels.rejected },
    levels: evaluateBacktest({ days, levels, incidents, horizonDays: o.horizonDays }),
    incidents: labels.labels
      .filter((l) => l.day > first && l.day <= last)
      .map((l) => ({
        line: l.line,
        firm: { id: l.firmId, name: names.get(l.firmId) ?? '' },
        date: l.date,
        kind: l.kind,
        ...warning(days, levels.get(l.firmId)!, l.day, o.horizonDays),
      })),
  };
}

/** The highest level in the horizon before `day`, and the lead of its first day. */
function warning(days: readonly number[], series: readonly (Level | null)[], day: number, horizon: number) {
  let best: Level | null = null;
  let lead: number | null = null;
  for (let i = 0; i < days.length && days[i]! < day; i++) {
    if (days[i]! < day - horizon) continue;
    const lv = series[i] ?? null;
    if (lv !== null && maxLevel(best, lv) !== best) {
      best = lv;
      lead = day - days[i]!;
    }
  }
  return { warnedLevel: best, leadDays: lead };
}
