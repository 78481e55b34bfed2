import type { Readable } from 'node:stream';
import { audit } from '../audit/audit.ts';
import type { Db } from '../db/connect.ts';
import { detach } from '../domain/values/index.ts';
import { NUL_MESSAGE, nulPath, showNul } from '../domain/values/text-input.ts';
import { columnSpec, parseRawRow, readRows, type ByteSource, type RawRow, type RowFormat } from './rows/index.ts';
import { type Rejected, quarantineEntries, rejectedRow, storeQuarantine } from './quarantine.ts';
import { REJECTED_LISTED, type ImportContext, type ImportKind, type ImportSummary } from './import-types.ts';
import { storeFirmBatch, linkPendingParents } from './store-firms.ts';
import { type BatchCounts, stagedRecordStore } from './store-records.ts';
import { CommitPipeline } from './commit-pipeline.ts';
import { startImportHeartbeat } from './import-runs.ts';
import { markPending } from '../scoring/rescore-pending.ts';
import { processRunner } from '../runtime/process-id.ts';
import { importFailure, recordImportFailure } from './import-failure.ts';
import { oneLine } from '../db/connection-loss.ts';
import { UnknownColumns } from './rows/unknown-columns.ts';
import { mapHeader } from './rows/columns.ts';

export interface ImportSource {
  kind: ImportKind;
  /** Where the rows come from (file name, or api:<user>); record ids are unique per source. */
  source: string;
  format: RowFormat;
  bytes: ByteSource | Readable;
}

const PERSONAL = new Set(['name', 'phone', 'id_number']);

/** A petition's personal values under whatever header the file gave them (信访人, 姓名, 手机 …), for masking its quarantined copy. */
const personalValues = (record: Record<string, unknown> | null) =>
  record
    ? Object.keys(record)
        .filter((k) => PERSONAL.has(mapHeader('petitions', k) ?? ''))
        .map((k) => record[k])
        .filter((v): v is string => typeof v === 'string')
    : [];

/** Rows per firm batch, and of a records import's first chunk, unless the context says otherwise. */
export const DEFAULT_BATCH_SIZE = 2000;

/**
 * The largest chunk of a records import. Chunks double from
 * DEFAULT_BATCH_SIZE up to this: a small file commits (and reports) its
 * first rows soon, a large one amortises the merge's fixed set of
 * statements over many rows, and memory stays bounded (one chunk read,
 * one prepared, one merging).
 */
export const MAX_CHUNK_SIZE = 8_192;

// biome-ignore lint/suspicious/noExplicitAny: a row of any record kind, typed again by its kind's store
type GoodRow = { line: number; row: any };

/** Prepares a batch outside any transaction; the function it returns writes it inside one. */
type PrepareBatch = (rows: GoodRow[]) => Promise<(trx: Db) => Promise<BatchCounts>>;

/**
 * Streams a file through validation into the database in batches (chunks).
 * Each batch (its good rows and its quarantined rows) commits in one
 * transaction: a failure leaves earlier batches stored and nothing of the
 * failing one, and re-running the same file completes the rest (stored
 * rows then count as duplicates). While one batch commits, the next is
 * prepared and the one after it read (see CommitPipeline). Records are
 * staged by COPY and merged in SQL (store-records.ts); a record id
 * repeated within a chunk is merged after its earlier row.
 */
export async function importFile(ctx: ImportContext, src: ImportSource): Promise<ImportSummary> {
  const { db, now } = ctx;
  const started = await db
    .insertInto('imports')
    .values({
      kind: src.kind,
      source: src.source,
      format: src.format,
      actor_name: ctx.actor.name,
      started_at: now,
      runner: processRunner(),
      heartbeat_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const importId = started.id;
  const stopHeartbeat = startImportHeartbeat(db, importId, ctx.log);
  const summary: ImportSummary = {
    kind: src.kind,
    accepted: 0,
    updated: 0,
    duplicates: 0,
    unresolved: 0,
    rejected: [],
    unknown_columns: [],
    importId,
    touchedFirmIds: [],
  };
  const unknown = new UnknownColumns(src.kind);
  const touched = new Set<number>();
  // Firm batches stay small and fixed: each may link partners to firms of the one before.
  let batchSize = ctx.batchSize ?? DEFAULT_BATCH_SIZE;
  const grows = ctx.batchSize === undefined && src.kind !== 'firms';
  const prepare = batchPreparer(ctx, src, importId);
  const pipeline = new CommitPipeline();
  let good: GoodRow[] = [];
  let bad: Rejected[] = [];
  let ids = new Set<string>();
  let read = 0;

  const account = (counts: BatchCounts, rejected: Rejected[]) => {
    summary.accepted += counts.accepted;
    summary.updated += counts.updated;
    summary.duplicates += counts.duplicates;
    summary.unresolved += counts.unresolved;
    counts.firmIds.forEach((id) => {
      touched.add(id);
    });
    ctx.log.debug({ importId, accepted: summary.accepted, duplicates: summary.duplicates }, 'import batch committed');
    for (const r of rejected) {
      // Detached: a message may quote a cell, a view into a chunk of the file.
      if (summary.rejected.length < REJECTED_LISTED)
        summary.rejected.push({ line: r.line, reasons: r.reasons.map((x) => ({ ...x, message: detach(x.message) })) });
      else summary.rejectedNotListed = (summary.rejectedNotListed ?? 0) + 1;
    }
  };

  const flush = async () => {
    if (good.length === 0 && bad.length === 0) return;
    const rows = good;
    const rejected = bad;
    const batchIds = ids;
    good = [];
    bad = [];
    ids = new Set();
    if (grows) batchSize = Math.min(batchSize * 2, MAX_CHUNK_SIZE);
    const quarantined = quarantineEntries(ctx.sealer, src.kind, src.source, importId, rejected);
    await pipeline.submit(
      batchIds,
      () => prepare(rows),
      (write) =>
        db
          .transaction()
          .execute(async (trx) => {
            const counts = await write(trx);
            await storeQuarantine(trx, quarantined);
            // Durably, with the records: if the process dies before rescoring, the re-run, the next start or the next sweep does it.
            await markPending(trx, counts.firmIds);
            return counts;
          })
          .then((counts) => account(counts, rejected)),
    );
  };

  try {
    for await (const raw of readRows(src.bytes, src.format, { kind: src.kind })) {
      read++;
      if (read % 5000 === 0) ctx.onProgress?.(read);
      if (raw.record !== null) unknown.see(raw.record);
      const item = classify(src.kind, raw);
      if ('reasons' in item) {
        bad.push(item);
      } else {
        // One firm twice in a batch would be compared with the database only
        // once; start a new batch so the later row sees the earlier one.
        // (Records repeat ids within a chunk: the merge takes them in turn.)
        if (src.kind === 'firms' && item.id !== null) {
          if (ids.has(item.id)) await flush();
          ids.add(item.id);
        }
        good.push(item);
      }
      if (good.length + bad.length >= batchSize) await flush();
    }
    await flush();
    await pipeline.drain();
    summary.unknown_columns = unknown.list();
    if (summary.unknown_columns.length > 0)
      ctx.log.warn(
        { importId, unknownColumns: summary.unknown_columns },
        'import has columns that match no header; their cells are kept in extra',
      );
    if (src.kind === 'firms') summary.unresolved = await linkPendingParents(db, now);
  } catch (e) {
    stopHeartbeat();
    await pipeline.settle();
    const failure = importFailure(e, summary.accepted + summary.updated + summary.duplicates);
    await recordImportFailure(db, importId, oneLine(failure), publicSummary(summary), ctx.log);
    throw failure;
  }
  stopHeartbeat();
  summary.touchedFirmIds = [...touched];
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('imports')
      .set({ status: 'done', finished_at: new Date(), summary: JSON.stringify(publicSummary(summary)) })
      .where('id', '=', importId)
      .execute();
    await audit(
      trx,
      ctx.actor,
      {
        action: `import.${src.kind}`,
        objectType: 'import',
        objectId: importId,
        details: { source: src.source, ...publicSummary(summary), rejected: summary.rejected.length },
      },
      now,
    );
  });
  ctx.onProgress?.(read);
  return summary;
}

function batchPreparer(ctx: ImportContext, src: ImportSource, importId: number): PrepareBatch {
  // Firm batches are written whole inside the transaction: they are small
  // files, and each batch may link partners to firms of the one before.
  if (src.kind === 'firms') return async (rows) => (trx) => storeFirmBatch(trx, ctx, importId, rows);
  return (ctx.recordStore ?? stagedRecordStore)(ctx, { kind: src.kind, source: src.source, importId });
}

// biome-ignore lint/suspicious/noExplicitAny: a row of any record kind, typed again by its kind's store
function classify(kind: ImportKind, raw: RawRow): Rejected | { line: number; row: any; id: string | null } {
  // NUL cannot be stored in PostgreSQL text or jsonb: the record is refused
  // by name, and the quarantined copy shows it as ␀ (issue 13, item 11).
  if (raw.record === null)
    return rejectedRow(raw.line, showNul(raw.raw), [
      { field: '', column: '', message: showNul(raw.error ?? 'unreadable record') },
    ]);
  const nul = nulPath(raw.record);
  if (nul !== null) {
    const field = nul.split('.')[0]!;
    return rejectedRow(
      raw.line,
      showNul(raw.raw),
      [{ field, column: columnSpec(kind, field)?.zh ?? '', message: `${nul} ${NUL_MESSAGE}` }],
      personalValues(raw.record).map(showNul),
    );
  }
  const parsed = parseRawRow(kind, raw);
  if (!parsed.ok) return rejectedRow(raw.line, raw.raw, parsed.reasons, personalValues(raw.record));
  const row = parsed.row as { recordId?: string; uscc?: string | null; nameKey?: string };
  const id = kind === 'firms' ? (row.uscc ?? row.nameKey ?? null) : (row.recordId ?? null);
  return { line: raw.line, row: parsed.row, id };
}

function publicSummary(s: ImportSummary) {
  return {
    kind: s.kind,
    accepted: s.accepted,
    updated: s.updated,
    duplicates: s.duplicates,
    unresolved: s.unresolved,
    rejected: s.rejected.length + (s.rejectedNotListed ?? 0),
    unknown_columns: s.unknown_columns,
  };
}
