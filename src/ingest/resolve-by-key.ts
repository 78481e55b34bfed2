import type { Db } from '../db/connect.ts';
import { firmNameKeys } from '../domain/firm-name.ts';
import { aliasCandidates, type CandidateScope, EVERYWHERE, firmCandidates } from './firm-candidates.ts';

/**
 * The last level of name resolution: a name as people write it (without
 * 有限公司, with the place in brackets or left out) matched by its key
 * against the stored keys of firm names and aliases. A name that gives a
 * place must match the place too (name_key); one that gives none may match
 * a firm with a place (base_key). Answers, for each normalized name, the
 * ids of every firm that fits: the caller resolves only a single fit.
 * Two queries per batch, each an index lookup. Only firms and aliases of
 * `scope` are candidates (firm-candidates.ts).
 */
export async function firmsByKey(
  db: Db,
  nameNorms: readonly string[],
  scope: CandidateScope = EVERYWHERE,
): Promise<Map<string, Set<number>>> {
  const keyed = nameNorms.map((n) => ({ n, k: firmNameKeys(n) })).filter(({ k }) => k.nameKey !== '');
  const withPlace = [...new Set(keyed.filter(({ k }) => k.hasPlace).map(({ k }) => k.nameKey))];
  const without = [...new Set(keyed.filter(({ k }) => !k.hasPlace).map(({ k }) => k.baseKey))];
  const byNameKey = new Map<string, Set<number>>();
  const byBaseKey = new Map<string, Set<number>>();
  const add = (m: Map<string, Set<number>>, k: string, id: number) => (m.get(k) ?? m.set(k, new Set()).get(k)!).add(id);
  if (withPlace.length) {
    for (const f of await db
      .selectFrom('firms')
      .select(['id', 'name_key'])
      .where('name_key', 'in', withPlace)
      .where(firmCandidates(scope))
      .execute())
      add(byNameKey, f.name_key, f.id);
    for (const a of await aliasesByKey(db, 'name_key', withPlace, scope)) add(byNameKey, a.key, a.firm_id);
  }
  if (without.length) {
    for (const f of await db
      .selectFrom('firms')
      .select(['id', 'base_key'])
      .where('base_key', 'in', without)
      .where(firmCandidates(scope))
      .execute())
      add(byBaseKey, f.base_key, f.id);
    for (const a of await aliasesByKey(db, 'base_key', without, scope)) add(byBaseKey, a.key, a.firm_id);
  }
  const out = new Map<string, Set<number>>();
  for (const { n, k } of keyed) {
    const ids = k.hasPlace ? byNameKey.get(k.nameKey) : byBaseKey.get(k.baseKey);
    if (ids) out.set(n, ids);
  }
  return out;
}

function aliasesByKey(db: Db, column: 'name_key' | 'base_key', keys: readonly string[], scope: CandidateScope) {
  return db
    .selectFrom('firm_aliases')
    .innerJoin('firms', 'firms.id', 'firm_aliases.firm_id')
    .select(['firm_aliases.firm_id', `firm_aliases.${column} as key`])
    .where(`firm_aliases.${column}`, 'in', keys)
    .where(firmCandidates(scope))
    .where(aliasCandidates(scope))
    .execute();
}
