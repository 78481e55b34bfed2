// Measures the candidate fixes for the import's store step, each on the
// same prepared rows in the same run:
//  1. inserting a 1000-row batch: Kysely multi-row VALUES (what
//     store-records.ts does) vs one text[] parameter per column + unnest vs
//     COPY FROM STDIN;
//  2. the "already stored?" lookup: `record_id in (…1000 params)` vs
//     `record_id = any($1::text[])`;
//  3. the per-row crypto: createHmac per row vs HMAC from copied hash
//     states (same output), and AES-GCM sealing with an IV from
//     randomBytes(12) per value vs IVs sliced from a pooled random buffer.
//
//   npx tsx bench/ingest-insert-variants.ts [--rows=20000] [--batch=1000] [--rounds=2]
//
// Writes bench/results/ingest-insert-variants.json.

import { writeResult } from './lib/results.ts';
import { createCipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { connectPostgres, type Db } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createRowHasher, createSealer } from '../src/crypto/sealer.ts';
import { firmRefColumns, inspectionColumns, petitionColumns } from '../src/ingest/record-columns.ts';
import { refKey, resolveFirmRefs } from '../src/ingest/resolve-firms.ts';
import { type InspectionRow, type PetitionRow, parseRow, readRows } from '../src/ingest/rows/index.ts';
import { columnTypes, insertCopy, insertUnnest } from './lib/bulk-insert.ts';
import { makeFirms } from './lib/ingest-firms.ts';
import { createDatabase } from './lib/ingest-pg.ts';
import { writeRecordsCsv } from './lib/ingest-records.ts';
import { BENCH_SECRET, seedFirms } from './lib/ingest-run.ts';
import { prng } from './lib/prng.ts';

const arg = (name: string, fallback: number): number => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.slice(name.length + 3)) : fallback;
};
const rowsPerKind = arg('rows', 20_000);
const batchSize = arg('batch', 1000);
const rounds = arg('rounds', 2);
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
type Kind = 'inspections' | 'petitions';

const say = (s: string) => console.error(`[insert-variants] ${s}`);
const chunks = <T>(xs: T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

/** Wall and node-CPU seconds of fn. */
async function measure(fn: () => Promise<void>): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

async function parsedRows(kind: Kind, path: string): Promise<Array<InspectionRow | PetitionRow>> {
  const out: Array<InspectionRow | PetitionRow> = [];
  for await (const raw of readRows(createReadStream(path), 'csv', { kind })) {
    const r = parseRow(kind, raw.record);
    if (r.ok) out.push(r.row as InspectionRow | PetitionRow);
  }
  return out;
}

/** The insert objects exactly as storeRecordBatch builds them. */
async function buildInserts(db: Db, kind: Kind, rows: Array<InspectionRow | PetitionRow>, importId: number): Promise<Record<string, unknown>[]> {
  const hash = createRowHasher(BENCH_SECRET);
  const sealer = createSealer(BENCH_SECRET);
  const now = new Date();
  const out: Record<string, unknown>[] = [];
  for (const batch of chunks(rows, batchSize)) {
    const resolved = await resolveFirmRefs(db, batch.map((row) => ({ uscc: row.uscc, nameKey: row.firmKey })));
    for (const row of batch) {
      const { receivedAt: _r, at: _a, ...hashed } = row as (InspectionRow | PetitionRow) & { at?: Date; receivedAt?: Date };
      const columns = {
        ...firmRefColumns(row, resolved.get(refKey({ uscc: row.uscc, nameKey: row.firmKey }))!),
        ...(kind === 'inspections' ? inspectionColumns(row as InspectionRow) : petitionColumns(row as PetitionRow, sealer)),
        row_hash: hash(hashed), import_id: importId, updated_at: now,
      };
      columns.district ??= null;
      out.push({ source: `bench-${kind}`, record_id: row.recordId, created_at: now, ...columns });
    }
  }
  return out;
}

async function insertVariants(h: { db: Db }, url: string, kind: Kind, inserts: Record<string, unknown>[]) {
  const types = await columnTypes(h.db, kind);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const batches = chunks(inserts, batchSize);
  const variants: Record<string, () => Promise<void>> = {
    'kysely-values': async () => {
      for (const b of batches) await h.db.transaction().execute((trx) => trx.insertInto(kind).values(b as any).execute().then(() => undefined));
    },
    unnest: async () => {
      for (const b of batches) await h.db.transaction().execute((trx) => insertUnnest(trx, kind, types, b));
    },
    copy: async () => {
      for (const b of batches) {
        await client.query('begin');
        await insertCopy(client, kind, b);
        await client.query('commit');
      }
    },
  };
  const results: Record<string, { wall: number[]; cpu: number[] }> = {};
  try {
    for (let r = 0; r < rounds; r++) {
      for (const [name, run] of Object.entries(variants)) {
        await sql.raw(`truncate ${kind}`).execute(h.db);
        const m = await measure(run);
        const count = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(kind)}`.execute(h.db);
        if (count.rows[0]!.n !== inserts.length) throw new Error(`${name} stored ${count.rows[0]!.n} of ${inserts.length}`);
        (results[name] ??= { wall: [], cpu: [] }).wall.push(m.wall);
        results[name]!.cpu.push(m.cpu);
        say(`${kind} ${name}: ${Math.round(inserts.length / m.wall)} rows/s (node CPU ${m.cpu.toFixed(2)} s of ${m.wall.toFixed(2)} s)`);
      }
    }
  } finally {
    await client.end();
  }
  return Object.fromEntries(Object.entries(results).map(([k, v]) => {
    const best = Math.min(...v.wall);
    return [k, { rowsPerSec: Math.round(inserts.length / best), bestSeconds: Number(best.toFixed(2)), nodeCpuSeconds: Number(Math.min(...v.cpu).toFixed(2)), runsSeconds: v.wall.map((s) => Number(s.toFixed(2))) }];
  }));
}

async function lookupVariants(db: Db, kind: Kind, inserts: Record<string, unknown>[]) {
  // Half the ids stored, half not, as for a file re-sent with new rows.
  const ids = inserts.map((r) => r.record_id as string);
  const batches = chunks(ids, batchSize);
  const source = `bench-${kind}`;
  const inList = await measure(async () => {
    for (const b of batches) await db.selectFrom(kind).selectAll().where('source', '=', source).where('record_id', 'in', b).execute();
  });
  const anyArray = await measure(async () => {
    for (const b of batches) await db.selectFrom(kind).selectAll().where('source', '=', source).where(sql<boolean>`record_id = any(${b}::text[])`).execute();
  });
  return { inListSeconds: Number(inList.wall.toFixed(2)), anyArraySeconds: Number(anyArray.wall.toFixed(2)), batches: batches.length };
}

function cryptoVariants(rows: Array<InspectionRow | PetitionRow>) {
  const n = rows.length;
  const perRow = (s: number) => Number(((s * 1e6) / n).toFixed(1));
  const time = (fn: () => void) => {
    const t0 = performance.now();
    fn();
    return (performance.now() - t0) / 1000;
  };
  // Row hash: createHmac per row vs HMAC from copied ipad/opad states.
  const current = createRowHasher(BENCH_SECRET);
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(BENCH_SECRET, 'utf8'), Buffer.alloc(0), Buffer.from('qianshao/row-hash/v1'), 32));
  const pad = (b: number) => Buffer.from(Buffer.concat([key, Buffer.alloc(64 - key.length)]).map((x) => x ^ b));
  const inner = createHash('sha256').update(pad(0x36));
  const outer = createHash('sha256').update(pad(0x5c));
  const copied = (v: unknown) => outer.copy().update(inner.copy().update(JSON.stringify(v)).digest()).digest('base64url');
  if (copied(rows[0]) !== current(rows[0])) throw new Error('copied-state HMAC differs from createHmac');
  // Sealing: as src/crypto/sealer.ts does, and with IVs from a pooled buffer.
  const sealKey = Buffer.from(hkdfSync('sha256', Buffer.from(BENCH_SECRET, 'utf8'), Buffer.alloc(0), Buffer.from('qianshao/pii/v1'), 32));
  let pool = randomBytes(12 * 4096);
  let at = 0;
  const pooledSeal = (plain: string) => {
    if (at === pool.length) {
      pool = randomBytes(12 * 4096);
      at = 0;
    }
    const iv = pool.subarray(at, (at += 12));
    const c = createCipheriv('aes-256-gcm', sealKey, iv);
    const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return `v1.${iv.toString('base64url')}.${c.getAuthTag().toString('base64url')}.${ct.toString('base64url')}`;
  };
  const sealer = createSealer(BENCH_SECRET);
  const texts = rows.map((r) => r.recordId);
  const result: Record<string, number> = {};
  for (let round = 0; round < 2; round++) {
    result.createHmacMicros = perRow(time(() => rows.forEach((r) => current(r))));
    result.copiedStateHmacMicros = perRow(time(() => rows.forEach((r) => copied(r))));
    result.jsonStringifyMicros = perRow(time(() => rows.forEach((r) => JSON.stringify(r))));
    result.sealMicros = perRow(time(() => texts.forEach((t) => sealer.seal(t))));
    result.sealPooledIvMicros = perRow(time(() => texts.forEach((t) => pooledSeal(t))));
    result.hmacKeyOnlyMicros = perRow(time(() => texts.forEach(() => createHmac('sha256', key))));
  }
  return result;
}

const dir = mkdtempSync(join(tmpdir(), 'qianshao-insert-variants-'));
const firms = makeFirms(prng(20261128), 2000);
const bench = await createDatabase(serverUrl, `qianshao_bench_${process.pid}`);
try {
  const h = await connectPostgres(bench.url);
  try {
    await migrateToLatest(h.db);
    await seedFirms(h.db, firms);
    const imp = await h.db.insertInto('imports').values({ kind: 'inspections', source: 'bench', format: 'csv', actor_name: 'bench', started_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    const result: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, rowsPerKind, batchSize, rounds };
    for (const [kind, seed] of [['inspections', 1], ['petitions', 2]] as const) {
      const path = join(dir, `${kind}.csv`);
      await writeRecordsCsv(path, kind, firms, { seed, rows: rowsPerKind });
      const rows = await parsedRows(kind, path);
      const build = await measure(async () => void (await buildInserts(h.db, kind, rows, imp.id)));
      const inserts = await buildInserts(h.db, kind, rows, imp.id);
      result[kind] = {
        buildColumnsMicrosPerRow: Number(((build.cpu * 1e6) / rows.length).toFixed(1)),
        insert: await insertVariants(h, bench.url, kind, inserts),
        lookup: await lookupVariants(h.db, kind, inserts),
        crypto: cryptoVariants(rows),
      };
    }
    writeResult('ingest-insert-variants', result);
  } finally {
    await h.close();
  }
} finally {
  await bench.drop();
  rmSync(dir, { recursive: true, force: true });
}
