// Ends listings whose three-year term is over (the `expire` step, the
// only listing change the system makes by itself) and pushes each removal.

import type { Db } from '../db/connect.ts';
import { SYSTEM_ACTOR } from '../audit/audit.ts';
import { dateOf } from '../domain/credit/index.ts';
import type { CreditDeps } from './workflow.ts';
import { applyCreditAction } from './workflow.ts';

export async function expireListings(deps: CreditDeps, now: Date): Promise<number[]> {
  const due = await (deps.db as Db)
    .selectFrom('credit_cases')
    .select('id')
    .where('state', '=', 'listed')
    .where('expected_exit_on', '<=', dateOf(now))
    .orderBy('id')
    .execute();
  const done: number[] = [];
  for (const { id } of due) {
    await applyCreditAction(deps, null, SYSTEM_ACTOR, id, 'expire', {}, now);
    done.push(id);
  }
  return done;
}
