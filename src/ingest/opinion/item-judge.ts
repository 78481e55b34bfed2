import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { type AliasPattern, createItemJudge, type ItemJudge } from '../../domain/mentions/index.ts';

// The item judge (one Aho-Corasick automaton over every firm name and
// alias, the lexicon, the place names and the other cues) is built once and
// reused until the registry or the district's places change, checked by two
// cheap signature queries: building it for 10,000 aliases costs far more
// than judging one item.
//
// The district's own places are what the registry and the users say they
// are: every district and street a firm or a user is filed under.

let cached: { signature: string; judge: ItemJudge } | undefined;

async function registrySignature(db: Db): Promise<string> {
  const r = await sql<{ s: string }>`
    select concat_ws('/', (select count(*) from firms), (select max(updated_at) from firms),
                          (select count(*) from firm_aliases), (select max(id) from firm_aliases),
                          (select count(*) from firm_aliases where ambiguous)) as s`.execute(db);
  return r.rows[0]!.s;
}

async function localPlaces(db: Db): Promise<{ districts: string[]; streets: string[] }> {
  const r = await sql<{ districts: string[] | null; streets: string[] | null }>`
    select (select array_agg(distinct d order by d) from (
              select district as d from firms where district is not null
              union select district from users where district is not null) x) as districts,
           (select array_agg(distinct s order by s) from (
              select street as s from firms where street is not null
              union select unnest(streets) from users) y) as streets`.execute(db);
  return { districts: r.rows[0]?.districts ?? [], streets: r.rows[0]?.streets ?? [] };
}

async function aliasPatterns(db: Db): Promise<AliasPattern[]> {
  const firms = await db.selectFrom('firms').select(['id', 'name']).execute();
  const aliases = await db.selectFrom('firm_aliases').select(['firm_id', 'alias', 'ambiguous']).execute();
  return [
    ...firms.map((f) => ({ text: f.name, firmId: f.id })),
    ...aliases.map((a) => ({ text: a.alias, firmId: a.firm_id, ambiguous: a.ambiguous })),
  ];
}

export async function itemJudge(db: Db): Promise<ItemJudge> {
  const registry = await registrySignature(db);
  const places = await localPlaces(db);
  const signature = `${registry}#${places.districts.join('|')}#${places.streets.join('|')}`;
  if (cached?.signature === signature) return cached.judge;
  cached = { signature, judge: createItemJudge(await aliasPatterns(db), { places }) };
  return cached.judge;
}
