import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Logger } from '../log/logger.ts';
import { audit, SYSTEM_ACTOR } from '../audit/audit.ts';
import { retentionCutoffs, type RetentionConfig, type RetentionKind } from '../domain/retention.ts';
import { formatShanghaiDate } from '../domain/values/dates.ts';

export type RetentionCounts = Record<RetentionKind, number>;

type Batch = (trx: Db, limit: number) => Promise<number>;

/**
 * Drops what outlived its retention, kind by kind, in batches of
 * `batchSize` rows, each its own short transaction (no long lock, and a
 * run stopped half-way keeps what it did). Personal data of closed
 * petitions goes first, the audit log last. The run ends with one audit
 * entry (`retention.run`) holding the cutoffs and the counts, also when it
 * stopped early.
 */
export async function runRetention(
  db: Db,
  log: Logger,
  cfg: RetentionConfig,
  now: Date,
  signal?: AbortSignal,
): Promise<RetentionCounts> {
  const cut = retentionCutoffs(cfg, now);
  const counts: RetentionCounts = {
    petitionPersonalData: 0,
    records: 0,
    quarantine: 0,
    feedItems: 0,
    deliveries: 0,
    jobRuns: 0,
    audit: 0,
  };
  const steps: Array<[RetentionKind, Batch]> = [
    [
      'petitionPersonalData',
      (trx, n) => dropPetitionPersonalData(trx, formatShanghaiDate(cut.petitionPersonalData), now, n),
    ],
    ['records', (trx, n) => dropRecords(trx, formatShanghaiDate(cut.records), n)],
    ['quarantine', (trx, n) => deleteIds(trx, 'quarantine', sql`created_at < ${cut.quarantine}`, n)],
    ['feedItems', (trx, n) => deleteIds(trx, 'feed_items', sql`fetched_at < ${cut.feedItems}`, n)],
    [
      'deliveries',
      (trx, n) =>
        deleteIds(
          trx,
          'deliveries',
          sql`status in ('delivered', 'dead', 'cancelled') and created_at < ${cut.deliveries}`,
          n,
        ),
    ],
    ['jobRuns', (trx, n) => deleteIds(trx, 'job_runs', sql`status <> 'running' and started_at < ${cut.jobRuns}`, n)],
    [
      'audit',
      async (trx, n) => {
        // The only way past the audit log's append-only trigger (migration 0019), for this transaction.
        await sql`select set_config('qianshao.audit_retention_cutoff', ${cut.audit.toISOString()}, true)`.execute(trx);
        return deleteIds(trx, 'audit_log', sql`at < ${cut.audit}`, n);
      },
    ],
  ];
  let error: unknown;
  try {
    for (const [kind, batch] of steps) {
      for (;;) {
        signal?.throwIfAborted();
        const n = await db.transaction().execute((trx) => batch(trx, cfg.batchSize));
        counts[kind] += n;
        if (n < cfg.batchSize) break;
      }
    }
  } catch (e) {
    error = e;
  }
  const cutoffs = Object.fromEntries(Object.entries(cut).map(([k, d]) => [k, d.toISOString()]));
  await audit(
    db,
    SYSTEM_ACTOR,
    {
      action: 'retention.run',
      objectType: 'retention',
      objectId: null,
      details: {
        counts,
        cutoffs,
        batchSize: cfg.batchSize,
        complete: error === undefined,
        ...(error ? { error: (error as Error).message } : {}),
      },
    },
    new Date(),
  );
  log.info({ counts, complete: error === undefined }, 'retention run');
  if (error) throw error;
  return counts;
}

async function deleteIds(
  trx: Db,
  table: 'quarantine' | 'feed_items' | 'deliveries' | 'job_runs' | 'audit_log',
  where: ReturnType<typeof sql>,
  limit: number,
): Promise<number> {
  const t = sql.table(table);
  const r = await sql<{
    id: number;
  }>`delete from ${t} where id in (select id from ${t} where ${where} order by id limit ${limit}) returning id`.execute(
    trx,
  );
  return r.rows.length;
}

/** Inspections by their date; petitions only once closed, by the day received. Earlier versions go with them. */
async function dropRecords(trx: Db, before: string, limit: number): Promise<number> {
  const ins = await sql<{ id: number }>`
    delete from inspections where id in (select id from inspections where date < ${before} order by id limit ${limit}) returning id`.execute(
    trx,
  );
  const left = limit - ins.rows.length;
  const pet =
    left > 0
      ? await sql<{ id: number }>`
        delete from petitions where id in (select id from petitions where received < ${before} and closed is not null order by id limit ${left}) returning id`.execute(
          trx,
        )
      : { rows: [] };
  await dropVersions(
    trx,
    'inspections',
    ins.rows.map((r) => r.id),
  );
  await dropVersions(
    trx,
    'petitions',
    pet.rows.map((r) => r.id),
  );
  return ins.rows.length + pet.rows.length;
}

async function dropVersions(trx: Db, kind: string, ids: number[]): Promise<void> {
  if (ids.length)
    await trx.deleteFrom('record_versions').where('kind', '=', kind).where('record_pk', 'in', ids).execute();
}

/**
 * A petition closed before `closedBefore` loses its personal data: the
 * sealed values (name, phone, ID number, summary, unknown columns), their
 * masked forms, and the earlier versions that held them. What remains —
 * firm, dates, channel, categories, head count, status — keeps the
 * statistics and the firm's history.
 */
async function dropPetitionPersonalData(trx: Db, closedBefore: string, now: Date, limit: number): Promise<number> {
  const r = await sql<{ id: number }>`
    update petitions set
      name_sealed = null, name_masked = null, phone_sealed = null, phone_masked = null,
      id_number_sealed = null, id_number_masked = null, id_number_valid = null,
      summary_sealed = null, summary_masked = null, extra_sealed = null, extra = '{}'::jsonb,
      personal_data_dropped_at = ${now}
    where id in (
      select id from petitions where closed is not null and closed < ${closedBefore} and personal_data_dropped_at is null order by id limit ${limit})
    returning id`.execute(trx);
  await dropVersions(
    trx,
    'petitions',
    r.rows.map((x) => x.id),
  );
  return r.rows.length;
}
