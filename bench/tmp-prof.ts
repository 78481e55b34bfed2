import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, RootOperationNode } from 'kysely';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectPostgres, connectPglite } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { makeFirms } from './lib/ingest-firms.ts';
import { createDatabase } from './lib/ingest-pg.ts';
import { writeRecordsCsv } from './lib/ingest-records.ts';
import { importPath, seedFirms } from './lib/ingest-run.ts';
import { prng } from './lib/prng.ts';

class T implements KyselyPlugin {
  stats = new Map<string, { n: number; ms: number }>();
  open = new Map<unknown, { l: string; t0: number }>();
  transformQuery(a: PluginTransformQueryArgs): RootOperationNode {
    const n = a.node as any;
    const l = n.kind === 'RawNode' ? n.sqlFragments.join('?').replace(/\s+/g, ' ').trim().slice(0, 70) : n.kind;
    this.open.set(a.queryId, { l, t0: performance.now() });
    return a.node;
  }
  async transformResult(a: PluginTransformResultArgs) {
    const q = this.open.get(a.queryId);
    if (q) {
      const s = this.stats.get(q.l) ?? { n: 0, ms: 0 };
      s.n++;
      s.ms += performance.now() - q.t0;
      this.stats.set(q.l, s);
    }
    return a.result;
  }
}
const rows = Number(process.argv[2] ?? 100000);
const engine = process.argv[3] ?? 'pg';
const dir = mkdtempSync(join(tmpdir(), 'prof-'));
const firms = makeFirms(prng(20261128), 20000);
await writeRecordsCsv(join(dir, 'i.csv'), 'inspections', firms, { seed: 1, rows });
await writeRecordsCsv(join(dir, 'p.csv'), 'petitions', firms, { seed: 2, rows });
const h =
  engine === 'pg'
    ? await connectPostgres(
        (await createDatabase('postgres://postgres@127.0.0.1:5432/postgres', `prof_${process.pid}`)).url,
      )
    : await connectPglite(mkdtempSync(join(tmpdir(), 'profdb-')));
await migrateToLatest(h.db);
await seedFirms(h.db, firms);
for (const k of ['i', 'p']) {
  const t = new T();
  const c0 = process.cpuUsage();
  const r = await importPath(h.db.withPlugin(t), k === 'i' ? 'inspections' : 'petitions', join(dir, `${k}.csv`));
  const c = process.cpuUsage(c0);
  console.log(
    k,
    r.seconds.toFixed(2),
    's',
    'node cpu',
    ((c.user + c.system) / 1e6).toFixed(2),
    r.summary.accepted,
    r.summary.unresolved,
  );
  for (const [l, s] of [...t.stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 14))
    console.log('  ', s.n, (s.ms / 1000).toFixed(2), l);
}
await h.close();
