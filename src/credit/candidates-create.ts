// New credit-list candidates in bulk: after a large import thousands of
// firms may become candidates at once, and one transaction each (lock,
// two reads, three writes) cost more than the import that found them. A
// batch takes every firm's lock in firm order (as the one-firm path takes
// one, so a concurrent refresh of the same firm waits), decides again
// under the locks which firms still have no active case and no case for
// this evidence, and writes their cases, history rows and audit entries
// in one statement each.

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { auditMany, SYSTEM_ACTOR } from '../audit/audit.ts';
import { ACTIVE_STATES, newCase, type evaluateCandidate } from '../domain/credit/index.ts';
import { columnsOf } from './credit-read.ts';

type Candidate = NonNullable<ReturnType<typeof evaluateCandidate>>;

/** Firms written per statement: ~20 bound values a case stays far below PostgreSQL's 65,535. */
const PER_STATEMENT = 500;

/** Creates a candidate case for each firm that still has none for its evidence; returns how many were created. */
export async function createCandidates(
  db: Db,
  found: ReadonlyArray<{ firmId: number; candidate: Candidate }>,
  now: Date,
): Promise<number> {
  let created = 0;
  const sorted = [...found].sort((a, b) => a.firmId - b.firmId);
  for (let i = 0; i < sorted.length; i += PER_STATEMENT)
    created += await createBatch(db, sorted.slice(i, i + PER_STATEMENT), now);
  return created;
}

async function createBatch(
  db: Db,
  batch: ReadonlyArray<{ firmId: number; candidate: Candidate }>,
  now: Date,
): Promise<number> {
  const ids = batch.map((b) => b.firmId);
  return db.transaction().execute(async (trx) => {
    // In firm order, so two batches never wait on each other in a cycle.
    await sql`select pg_advisory_xact_lock(hashtext('credit-candidate'), f)
      from (select f from unnest(${ids}::int[]) as f order by f) as s`.execute(trx);
    const existing = await trx
      .selectFrom('credit_cases')
      .select(['firm_id', 'state', 'evidence_key'])
      .where('firm_id', 'in', ids)
      .execute();
    const active = new Set<number>();
    const handled = new Set<string>();
    const activeStates = new Set<string>(ACTIVE_STATES);
    for (const c of existing) {
      if (activeStates.has(c.state)) active.add(c.firm_id);
      if (c.evidence_key !== null) handled.add(`${c.firm_id}:${c.evidence_key}`);
    }
    const fresh = batch.filter((b) => !active.has(b.firmId) && !handled.has(`${b.firmId}:${b.candidate.key}`));
    if (fresh.length === 0) return 0;
    const blank = columnsOf(newCase());
    const rows = await trx
      .insertInto('credit_cases')
      .values(
        fresh.map(({ firmId, candidate }) => ({
          firm_id: firmId,
          ...blank,
          conditions: candidate.conditions,
          evidence: JSON.stringify(candidate.evidence),
          evidence_key: candidate.key,
          reason: candidate.reason,
          updated_at: now,
        })),
      )
      .returning(['id', 'firm_id'])
      .execute();
    const caseOf = new Map(rows.map((r) => [r.firm_id, r.id]));
    await trx
      .insertInto('credit_events')
      .values(
        fresh.map(({ firmId, candidate }) => ({
          case_id: caseOf.get(firmId)!,
          at: now,
          action: 'candidate',
          from_state: null,
          to_state: 'candidate',
          actor_id: null,
          actor_name: SYSTEM_ACTOR.name,
          details: JSON.stringify({ conditions: candidate.conditions, key: candidate.key }),
        })),
      )
      .execute();
    await auditMany(
      trx,
      fresh.map(({ firmId, candidate }) => ({
        actor: SYSTEM_ACTOR,
        entry: {
          action: 'credit.candidate',
          objectType: 'credit_case',
          objectId: caseOf.get(firmId)!,
          details: { firmId, conditions: candidate.conditions },
        },
        at: now,
      })),
    );
    return fresh.length;
  });
}
