import { sql } from 'kysely';
import { connectPostgres } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createScorer, defaultModelConfig, evidenceWindow, type FirmEvidence } from '../src/domain/scoring/index.ts';
import { loadEvidence } from '../src/risk/evidence.ts';
import { loadEvidence as oldLoad } from './.old-evidence.tmp.ts';
import { createDatabase } from './lib/ingest-pg.ts';
import type { DbHandle } from '../src/db/connect.ts';
const FIRMS = 20_000;
const PLATFORMS = 50;
const AT = new Date('2026-11-28T04:00:00Z');
async function generate(h: DbHandle): Promise<void> {
  const db = h.db;
  await sql`select setseed(0.42)`.execute(db);
  await sql`insert into firms (name, name_norm, sector, role, district, extra, updated_at)
    select '基准企业' || g || '有限公司', '基准企业' || g || '有限公司', 'food_delivery',
           case when g <= ${PLATFORMS} then 'platform' else 'agent' end, '示范区', '{}', now()
    from generate_series(1, ${FIRMS}) g`.execute(db);
  await sql`insert into firm_links (platform_id, partner_id, kind)
    select p.id, f.id, 'agency' from firms f join firms p on p.name = '基准企业' || (1 + f.id % ${PLATFORMS}) || '有限公司'
    where f.role = 'agent'`.execute(db);
  // Skewed: a few firms carry many records, most carry few (power(random, 3)).
  const firm = sql`(select min(id) from firms) + floor(power(random(), 3) * ${FIRMS})::int`;
  await sql`insert into inspections (source, record_id, firm_id, resolution, extra, row_hash, date, violations, workers, amount, "order", due, rectified, status, updated_at)
    select 'bench', 'I' || g, ${firm}, 'resolved', '{}', md5(g::text), d,
           case when r < 0.5 then '{}'::text[]
                else array[(array['wage_arrears','min_wage','no_contract','social_insurance','overtime','rest','illegal_dispatch'])[1 + floor(random() * 7)::int]] end,
           1 + floor(random() * 50)::int, case when random() < 0.5 then round((random() * 200000)::numeric, 2) end,
           case when r < 0.5 then 'none' when r < 0.8 then 'rectify' else 'pay' end, d + 30,
           case when random() < 0.6 then d + 20 end,
           (array['open','rectified','overdue','closed'])[1 + floor(random() * 4)::int], now()
    from (select g, random() as r, date '2026-11-28' - floor(random() * 730)::int as d from generate_series(1, 600000) g) x`.execute(db);
  await sql`insert into petitions (source, record_id, firm_id, resolution, extra, row_hash, received, categories, petitioners, repeat, updated_at)
    select 'bench', 'P' || g, ${firm}, 'resolved', '{}', md5(g::text), date '2026-11-28' - floor(random() * 730)::int,
           array[(array['wage_arrears','social_insurance','injury','account_ban','deduction','algorithm','hours','dismissal','other'])[1 + floor(random() * 9)::int]],
           case when random() < 0.05 then 10 + floor(random() * 40)::int else 1 + floor(random() * 3)::int end, random() < 0.2, now()
    from generate_series(1, 300000) g`.execute(db);
  await sql`insert into feeds (name, url, credibility) values ('bench-feed', null, 2)`.execute(db);
  await sql`insert into feed_items (feed_id, dedup_key, content_hash, title, published_at, fetched_at, text, neutral, max_severity, categories, major, terms)
    select (select id from feeds where name = 'bench-feed'), 'k' || g, md5(g::text), '标题' || g, t, t, '', sev = 0, sev,
           case when sev > 0 then array['arrears'] else '{}'::text[] end, random() < 0.001, '[]'
    from (select g, timestamptz '2026-11-28 12:00+08' - random() * interval '60 days' as t, floor(random() * 6)::int as sev
          from generate_series(1, 100000) g) x`.execute(db);
  await sql`insert into mentions (item_id, firm_id, alias, "offset", length, at, neutral, max_severity, categories, major)
    select i.id, ${firm}, '基准', 0, 2, i.published_at, i.neutral, i.max_severity, i.categories, i.major from feed_items i`.execute(db);
  await sql`analyze`.execute(db);
}


const made = await createDatabase('postgres://postgres@127.0.0.1:5432/postgres', 'qianshao_j3_evbench');
const h = await connectPostgres(made.url);
try {
  await migrateToLatest(h.db);
  await generate(h);
  const ids = (await h.db.selectFrom('firms').select('id').orderBy('id').execute()).map((r) => r.id);
  const w = evidenceWindow(AT, defaultModelConfig);
  const run = async (load: typeof loadEvidence) => {
    const ev = new Map<number, FirmEvidence>();
    const t0 = performance.now();
    for (let i = 0; i < ids.length; i += 2000) for (const [k, v] of await load(h.db, { from: ids[i]!, to: ids[Math.min(i + 1999, ids.length - 1)]! }, w)) ev.set(k, v);
    const read = performance.now() - t0;
    const t1 = performance.now();
    const s = createScorer(AT, defaultModelConfig);
    for (const id of ids) s.score(ev.get(id) ?? { inspections: [], petitions: [], mentions: [] });
    return [read, performance.now() - t1];
  };
  for (let k = 0; k < 3; k++) {
    const o = await run(oldLoad as typeof loadEvidence);
    const n = await run(loadEvidence);
    console.log(`old read ${o[0]!.toFixed(0)} ms model ${o[1]!.toFixed(0)} ms | new read ${n[0]!.toFixed(0)} ms model ${n[1]!.toFixed(0)} ms`);
  }
} finally { await h.close(); await made.drop(); }
