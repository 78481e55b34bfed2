import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { buildMatcher, type AliasPattern, type MentionMatcher } from '../../domain/mentions/index.ts';

// The Aho-Corasick automaton over every firm name and alias is built once
// and reused until the registry changes (checked by a cheap signature
// query), since building it for 10,000 aliases costs far more than
// matching one item.

let cached: { signature: string; matcher: MentionMatcher } | undefined;

async function signature(db: Db): Promise<string> {
  const r = await sql<{ s: string }>`
    select concat_ws('/', (select count(*) from firms), (select max(updated_at) from firms),
                          (select count(*) from firm_aliases), (select max(id) from firm_aliases),
                          (select count(*) from firm_aliases where ambiguous)) as s`.execute(db);
  return r.rows[0]!.s;
}

export async function firmMatcher(db: Db): Promise<MentionMatcher> {
  const sig = await signature(db);
  if (cached?.signature === sig) return cached.matcher;
  const firms = await db.selectFrom('firms').select(['id', 'name']).execute();
  const aliases = await db.selectFrom('firm_aliases').select(['firm_id', 'alias', 'ambiguous']).execute();
  const patterns: AliasPattern[] = [
    ...firms.map((f) => ({ text: f.name, firmId: f.id })),
    ...aliases.map((a) => ({ text: a.alias, firmId: a.firm_id, ambiguous: a.ambiguous })),
  ];
  cached = { signature: sig, matcher: buildMatcher(patterns) };
  return cached.matcher;
}
