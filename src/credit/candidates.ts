// Finds the firms that meet 人社部令第45号 art. 5 and keeps one `candidate`
// case per firm up to date. Runs in the risk sweep and on demand. A new
// candidate appears only for evidence no case has handled yet (the set of
// overdue orders); a candidate whose orders were paid lapses (withdrawn by
// the system, the only step the system may take besides term expiry).

import { isDeepStrictEqual } from 'node:util';
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { audit, SYSTEM_ACTOR } from '../audit/audit.ts';
import {
  ACTIVE_STATES,
  dateOf,
  evaluateCandidate,
  newCase,
  transition,
  type CreditConfig,
} from '../domain/credit/index.ts';
import type { WorkCalendar } from '../domain/alerts/working-days.ts';
import { columnsOf, creditConfigOf, stateOf } from './credit-read.ts';
import { createCandidates } from './candidates-create.ts';
import type { Config } from '../config/env.ts';
import type { Logger } from '../log/logger.ts';

export interface RefreshResult {
  created: number;
  updated: number;
  lapsed: number;
}

/** Firms whose records one refresh step reads together. */
const FIRMS_PER_REFRESH = 1000;

async function firmRecords(db: Db, firmIds: number[], collectiveWorkers: number) {
  const [inspections, petitions, mentions] = await Promise.all([
    db
      .selectFrom('inspections')
      .select([
        'id',
        'record_id',
        'firm_id',
        'date',
        'order',
        'due',
        'rectified',
        'status',
        'workers',
        'amount',
        'violations',
        'related',
      ])
      .where('firm_id', 'in', firmIds)
      .where('order', '=', 'pay')
      .execute(),
    db
      .selectFrom('petitions')
      .select(['id', 'record_id', 'firm_id', 'received', 'categories', 'petitioners'])
      .where('firm_id', 'in', firmIds)
      .where('petitioners', '>=', collectiveWorkers)
      .execute(),
    db
      .selectFrom('mentions')
      .innerJoin('feed_items', 'feed_items.id', 'mentions.item_id')
      .select([
        'mentions.id',
        'mentions.item_id',
        'mentions.firm_id',
        'mentions.at',
        'mentions.major',
        'mentions.categories',
        'feed_items.title',
      ])
      .where('mentions.firm_id', 'in', firmIds)
      .where('mentions.major', '=', true)
      // An extreme event elsewhere is another district's incident (issue 14, item 6).
      .where((eb) => eb.or([eb('feed_items.place', 'is', null), eb('feed_items.place', '<>', 'elsewhere')]))
      .execute(),
  ]);
  return { inspections, petitions, mentions };
}

/** Refreshes candidates as of `now` (records and deadlines as of its Shanghai date). */
export async function refreshCandidates(
  db: Db,
  credit: CreditConfig,
  calendar: WorkCalendar,
  now: Date,
): Promise<RefreshResult> {
  const today = dateOf(now);
  const overdue = await db
    .selectFrom('inspections')
    .select('firm_id')
    .distinct()
    .where('order', '=', 'pay')
    .where('due', '<', today)
    .where('firm_id', 'is not', null)
    .execute();
  const pending = await db.selectFrom('credit_cases').select('firm_id').where('state', '=', 'candidate').execute();
  const firmIds = [...new Set([...overdue.map((r) => r.firm_id!), ...pending.map((r) => r.firm_id)])].sort(
    (a, b) => a - b,
  );
  const result: RefreshResult = { created: 0, updated: 0, lapsed: 0 };
  if (firmIds.length === 0) return result;
  // A bounded number of firms at a time: after a large import every firm may have orders to check, and reading all their records at once would grow the process with the database.
  for (let i = 0; i < firmIds.length; i += FIRMS_PER_REFRESH) {
    const chunk = firmIds.slice(i, i + FIRMS_PER_REFRESH);
    const recs = await firmRecords(db, chunk, credit.collectiveWorkers);
    // Each firm's records found in one pass (a filter per firm made the refresh quadratic: 27 s after a 300k-row import).
    const inspections = groupByFirm(recs.inspections);
    const petitions = groupByFirm(recs.petitions);
    const mentions = groupByFirm(recs.mentions);
    const cases = await caseKeys(db, chunk);
    const creations: Array<{ firmId: number; candidate: NonNullable<ReturnType<typeof evaluateCandidate>> }> = [];
    for (const firmId of chunk) {
      const candidate = evaluateCandidate(
        {
          inspections: (inspections.get(firmId) ?? []).map((r) => ({
            ...r,
            recordId: r.record_id,
            amount: r.amount === null ? null : Number(r.amount),
          })),
          petitions: (petitions.get(firmId) ?? []).map((p) => ({ ...p, recordId: p.record_id })),
          mentions: (mentions.get(firmId) ?? []).map((m) => ({ ...m, itemId: m.item_id, at: m.at.toISOString() })),
        },
        today,
        credit,
      );
      // Most firms need nothing written; only those that may open a transaction (and there decide again, under the lock).
      const known = cases.get(firmId);
      if (!mayChange(known, candidate)) continue;
      // A firm with no active case: new candidates are created together, after the loop.
      if (candidate !== null && (known?.active ?? null) === null) {
        creations.push({ firmId, candidate });
        continue;
      }
      await db.transaction().execute(async (trx) => {
        // Serializes refreshes of one firm (sweep and on-demand at once).
        await sql`select pg_advisory_xact_lock(hashtext('credit-candidate'), ${firmId})`.execute(trx);
        const active = await trx
          .selectFrom('credit_cases')
          .selectAll()
          .where('firm_id', '=', firmId)
          .where('state', 'in', [...ACTIVE_STATES])
          .executeTakeFirst();
        if (candidate === null) {
          if (active?.state !== 'candidate') return;
          const r = transition(
            stateOf(active),
            'withdraw',
            { userId: null, name: SYSTEM_ACTOR.name, role: null },
            { reason: '不再符合第五条条件（已支付或期限未届满）' },
            now,
            calendar,
            credit,
          );
          await trx
            .updateTable('credit_cases')
            .set({ ...columnsOf(r.next), updated_at: now })
            .where('id', '=', active.id)
            .execute();
          await trx
            .insertInto('credit_events')
            .values({
              case_id: active.id,
              at: now,
              action: 'withdraw',
              from_state: r.from,
              to_state: r.to,
              actor_id: null,
              actor_name: SYSTEM_ACTOR.name,
              details: JSON.stringify(r.details),
            })
            .execute();
          await audit(
            trx,
            SYSTEM_ACTOR,
            {
              action: 'credit.withdraw',
              objectType: 'credit_case',
              objectId: active.id,
              details: { firmId, ...r.details },
            },
            now,
          );
          result.lapsed++;
          return;
        }
        const values = {
          conditions: candidate.conditions,
          evidence: JSON.stringify(candidate.evidence),
          evidence_key: candidate.key,
          reason: candidate.reason,
        };
        if (active) {
          if (
            active.state !== 'candidate' ||
            (active.evidence_key === candidate.key && sameEvidence(active.evidence, candidate.evidence))
          )
            return;
          await trx
            .updateTable('credit_cases')
            .set({ ...values, updated_at: now })
            .where('id', '=', active.id)
            .execute();
          await trx
            .insertInto('credit_events')
            .values({
              case_id: active.id,
              at: now,
              action: 'refresh',
              from_state: 'candidate',
              to_state: 'candidate',
              actor_id: null,
              actor_name: SYSTEM_ACTOR.name,
              details: JSON.stringify({ conditions: candidate.conditions, key: candidate.key }),
            })
            .execute();
          result.updated++;
          return;
        }
        const handled = await trx
          .selectFrom('credit_cases')
          .select('id')
          .where('firm_id', '=', firmId)
          .where('evidence_key', '=', candidate.key)
          .executeTakeFirst();
        if (handled) return;
        const row = await trx
          .insertInto('credit_cases')
          .values({ firm_id: firmId, ...columnsOf(newCase()), ...values, updated_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('credit_events')
          .values({
            case_id: row.id,
            at: now,
            action: 'candidate',
            from_state: null,
            to_state: 'candidate',
            actor_id: null,
            actor_name: SYSTEM_ACTOR.name,
            details: JSON.stringify({ conditions: candidate.conditions, key: candidate.key }),
          })
          .execute();
        await audit(
          trx,
          SYSTEM_ACTOR,
          {
            action: 'credit.candidate',
            objectType: 'credit_case',
            objectId: row.id,
            details: { firmId, conditions: candidate.conditions },
          },
          now,
        );
        result.created++;
      });
    }
    result.created += await createCandidates(db, creations, now);
  }
  return result;
}

function groupByFirm<R extends { firm_id: number | null }>(rows: readonly R[]): Map<number, R[]> {
  const out = new Map<number, R[]>();
  for (const r of rows) {
    if (r.firm_id === null) continue;
    const list = out.get(r.firm_id);
    if (list === undefined) out.set(r.firm_id, [r]);
    else list.push(r);
  }
  return out;
}

interface FirmCases {
  /** The firm's active case, if any. */
  active: { state: string; evidenceKey: string | null; evidence: unknown } | null;
  /** Evidence keys of every case the firm has had. */
  keys: Set<string>;
}

/** What the refresh needs to know of each firm's cases, read in one query before deciding which firms to write. */
async function caseKeys(db: Db, firmIds: number[]): Promise<Map<number, FirmCases>> {
  const rows = await db
    .selectFrom('credit_cases')
    .select(['firm_id', 'state', 'evidence_key', 'evidence'])
    .where('firm_id', 'in', firmIds)
    .execute();
  const out = new Map<number, FirmCases>();
  const active = new Set<string>(ACTIVE_STATES);
  for (const r of rows) {
    let c = out.get(r.firm_id);
    if (c === undefined) out.set(r.firm_id, (c = { active: null, keys: new Set() }));
    if (r.evidence_key !== null) c.keys.add(r.evidence_key);
    if (active.has(r.state)) c.active = { state: r.state, evidenceKey: r.evidence_key, evidence: r.evidence };
  }
  return out;
}

/** Whether refreshing this firm could write anything: the same tests as inside the transaction, on what was read before it. */
function mayChange(c: FirmCases | undefined, candidate: ReturnType<typeof evaluateCandidate>): boolean {
  const active = c?.active ?? null;
  if (candidate === null) return active?.state === 'candidate';
  if (active !== null)
    return (
      active.state === 'candidate' &&
      !(active.evidenceKey === candidate.key && sameEvidence(active.evidence, candidate.evidence))
    );
  return !(c?.keys.has(candidate.key) ?? false);
}

/**
 * Whether stored evidence (jsonb: its keys come back reordered) is the
 * evidence just found. A text comparison saw a difference every time, so
 * each refresh rewrote every candidate and added a `refresh` to its history.
 */
function sameEvidence(stored: unknown, found: unknown): boolean {
  return isDeepStrictEqual(stored, JSON.parse(JSON.stringify(found)));
}

/**
 * Identifies candidates after a scoring run (issue 15 item 9), so /credit
 * never lags the queue's "可提请列入失信名单审查". A failure is logged and
 * left to the next sweep: the scores and alerts already stand.
 */
export async function candidatesAfterScoring(
  deps: { db: Db; config: Config; log: Logger },
  at: Date,
): Promise<RefreshResult | null> {
  try {
    return await refreshCandidates(deps.db, creditConfigOf(deps.config), deps.config.sla.calendar, at);
  } catch (err) {
    deps.log.error({ err }, 'identifying credit-list candidates after scoring failed; the next sweep will retry');
    return null;
  }
}
