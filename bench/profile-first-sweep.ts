// Profiling aid (not a benchmark): the first sweep's alert evaluation on a
// smaller data set (BENCH_K × the bench:score data), counting the
// statements it sends by kind and table.
import { sql, type KyselyPlugin, type RootOperationNode } from 'kysely';
import pino from 'pino';
import { loadConfig } from '../src/config/env.ts';
import { connectPostgres } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { defaultModelConfig } from '../src/domain/scoring/index.ts';
import { runScoring } from '../src/scoring/score-run.ts';
import { evaluateAlerts } from '../src/alerts/evaluate.ts';
import { createDatabase } from './lib/ingest-pg.ts';
import { generateScoringData } from './lib/scoring-data.ts';

const K = Number(process.env.BENCH_K ?? '0.2');
const AT = new Date('2026-11-28T04:00:00Z');
const counts = new Map<string, number>();
let counting = false;
function nameOf(node: RootOperationNode): string {
  const n = node as any;
  const table =
    n.into?.table?.identifier?.name ??
    n.from?.froms?.[0]?.table?.identifier?.name ??
    n.table?.table?.identifier?.name ??
    '';
  if (n.kind === 'RawNode')
    return `raw ${String(n.sqlFragments?.join('?') ?? '')
      .replace(/\s+/g, ' ')
      .slice(0, 60)}`;
  return `${n.kind} ${table}`;
}
const started = new Map<unknown, { name: string; t: number }>();
const spent = new Map<string, number>();
const counter: KyselyPlugin = {
  transformQuery(args) {
    if (counting) {
      counts.set(nameOf(args.node), (counts.get(nameOf(args.node)) ?? 0) + 1);
      started.set(args.queryId, { name: nameOf(args.node), t: performance.now() });
    }
    return args.node;
  },
  async transformResult(args) {
    const s = started.get(args.queryId);
    if (s) {
      spent.set(s.name, (spent.get(s.name) ?? 0) + performance.now() - s.t);
      started.delete(args.queryId);
    }
    return args.result;
  },
};
const made = await createDatabase(
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  'qianshao_profile_sweep',
);
const h = await connectPostgres(made.url);
try {
  await migrateToLatest(h.db);
  await generateScoringData(h, K);
  const first = await runScoring(h.db, defaultModelConfig, {
    at: AT,
    firms: 'all',
    reason: 'bench',
    actor: { id: null, name: 'bench' },
  });
  const db = h.db.withPlugin(counter);
  counting = true;
  const t0 = performance.now();
  const out = await evaluateAlerts({ db, log: pino({ level: 'silent' }), config: loadConfig({}) }, first);
  const s = (performance.now() - t0) / 1000;
  counting = false;
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  console.log(
    JSON.stringify({
      k: K,
      ...out,
      seconds: Math.round(s * 100) / 100,
      statements: total,
      perRaise: Math.round((total / Math.max(1, out.raised)) * 100) / 100,
    }),
  );
  for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 20))
    console.log(String(v).padStart(7), String(Math.round(spent.get(k) ?? 0)).padStart(7), 'ms', k);
  console.log('in statements (ms)', Math.round([...spent.values()].reduce((a, b) => a + b, 0)));
  const gaps = await sql<{ n: number }>`select count(*)::int as n from alerts where rule = 'coverage_gap'`.execute(
    h.db,
  );
  console.log('coverage_gap alerts', gaps.rows[0]!.n);
} finally {
  await h.close();
  await made.drop();
}
