// A prototype of the proposed faster store step for inspections and
// petitions, kept in bench/ to measure the proposal against importFile in
// the same run before anyone changes src/ingest/. Same reader, same row
// schemas, same firm resolver, same column mapping, same row hash and the
// same sealed-value format; what differs:
//
//  - the "already stored?" lookup sends the ids as one text[] parameter
//    (`record_id = any($1)`) instead of 1000 bind parameters;
//  - new rows go in with one text[] parameter per column and unnest
//    (bulk-insert.ts) instead of a VALUES list of ~27,000 parameters that
//    Kysely builds and pg serializes cell by cell;
//  - AES-GCM IVs are sliced from a pooled random buffer instead of one
//    randomBytes(12) call per sealed value;
//  - with `pipeline`, the next batch is read and validated while the
//    previous one is stored (at most one batch in flight, committed in
//    order), so the database works while JavaScript parses.
//
// Not covered (rows that change a stored record, rejected rows): the
// benchmark files hold only new, valid rows, and those paths would stay as
// they are.

import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { sql } from 'kysely';
import { createRowHasher, type Sealer } from '../../src/crypto/sealer.ts';
import type { Db } from '../../src/db/connect.ts';
import { firmRefColumns, inspectionColumns, petitionColumns } from '../../src/ingest/record-columns.ts';
import { refKey, resolveFirmRefs } from '../../src/ingest/resolve-firms.ts';
import { type InspectionRow, type PetitionRow, parseRow, readRows } from '../../src/ingest/rows/index.ts';
import { columnTypes, insertUnnest } from './bulk-insert.ts';

type Kind = 'inspections' | 'petitions';
type Row = InspectionRow | PetitionRow;

/** src/crypto/sealer.ts's format and key, with IVs drawn from a pool. */
export function pooledSealer(secret: string, purpose = 'qianshao/pii/v1'): Sealer {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), Buffer.from(purpose), 32));
  const IVS = 4096;
  let pool = randomBytes(12 * IVS);
  let at = 0;
  return {
    seal(plain: string) {
      if (at === pool.length) {
        pool = randomBytes(12 * IVS);
        at = 0;
      }
      const iv = pool.subarray(at, (at += 12));
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${ct.toString('base64url')}`;
    },
    open() {
      throw new Error('pooledSealer only seals; src/crypto/sealer.ts opens the same format');
    },
  };
}

export interface PrototypeOptions {
  secret: string;
  batchSize?: number;
  pipeline?: boolean;
}

export async function importPrototype(db: Db, kind: Kind, source: string, path: string, opts: PrototypeOptions): Promise<{ accepted: number; duplicates: number; unresolved: number; seconds: number }> {
  const t0 = performance.now();
  const batchSize = opts.batchSize ?? 1000;
  const now = new Date();
  const rowHash = createRowHasher(opts.secret);
  const sealer = pooledSealer(opts.secret);
  const types = await columnTypes(db, kind);
  const { id: importId } = await db.insertInto('imports')
    .values({ kind, source, format: 'csv', actor_name: 'bench', started_at: now })
    .returning('id').executeTakeFirstOrThrow();
  const counts = { accepted: 0, duplicates: 0, unresolved: 0 };

  const store = (rows: Row[]) => db.transaction().execute(async (trx) => {
    const resolved = await resolveFirmRefs(trx, rows.map((r) => ({ uscc: r.uscc, nameKey: r.firmKey })));
    const ids = rows.map((r) => r.recordId);
    const existing = new Map((await trx.selectFrom(kind).select(['record_id', 'row_hash']).where('source', '=', source)
      .where(sql<boolean>`record_id = any(${ids}::text[])`).execute()).map((r) => [r.record_id, r.row_hash] as const));
    const inserts: Record<string, unknown>[] = [];
    for (const row of rows) {
      const { receivedAt: _r, at: _a, ...hashed } = row as Row & { at?: Date; receivedAt?: Date };
      const row_hash = rowHash(hashed);
      const old = existing.get(row.recordId);
      if (old === row_hash) {
        counts.duplicates++;
        continue;
      }
      if (old !== undefined) throw new Error('prototype: changed records are not covered');
      const resolution = resolved.get(refKey({ uscc: row.uscc, nameKey: row.firmKey }))!;
      if (resolution.status !== 'resolved') counts.unresolved++;
      const columns = {
        ...firmRefColumns(row, resolution),
        ...(kind === 'inspections' ? inspectionColumns(row as InspectionRow) : petitionColumns(row as PetitionRow, sealer)),
        row_hash, import_id: importId, updated_at: now,
      };
      columns.district ??= null;
      inserts.push({ source, record_id: row.recordId, created_at: now, ...columns });
    }
    await insertUnnest(trx, kind, types, inserts);
    counts.accepted += inserts.length;
  });

  let inFlight: Promise<void> | null = null;
  const flush = async (rows: Row[]) => {
    if (inFlight) await inFlight;
    inFlight = store(rows);
    // Awaited at the next flush; until then a failure must not count as unhandled.
    inFlight.catch(() => {});
    if (!opts.pipeline) await inFlight;
  };
  let batch: Row[] = [];
  for await (const raw of readRows(createReadStream(path), 'csv', { kind })) {
    if (raw.record === null) throw new Error(`prototype: unreadable line ${raw.line}`);
    const parsed = parseRow(kind, raw.record);
    if (!parsed.ok) throw new Error(`prototype: invalid line ${raw.line}`);
    batch.push(parsed.row as Row);
    if (batch.length >= batchSize) {
      await flush(batch);
      batch = [];
    }
  }
  if (batch.length) await flush(batch);
  if (inFlight) await inFlight;
  await db.updateTable('imports').set({ status: 'done', finished_at: new Date() }).where('id', '=', importId).execute();
  return { ...counts, seconds: (performance.now() - t0) / 1000 };
}
