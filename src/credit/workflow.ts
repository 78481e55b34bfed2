// Moves a credit case through the procedure: one transaction per step that
// locks the case, asks the domain machine, stores the new state, appends the
// history row and the audit entry, and queues the push (credit.proposed,
// credit.listed, credit.removed). A refused step (role, two-person rule) is
// audited too, in a transaction of its own, since the step's own rolls back.

import type { Db } from '../db/connect.ts';
import type { WorkCalendar } from '../domain/alerts/working-days.ts';
import { audit, type Actor } from '../audit/audit.ts';
import { scopeOf, type Principal } from '../domain/jurisdiction.ts';
import { Forbidden } from '../domain/errors.ts';
import {
  transition,
  type CreditAction,
  type CreditActor,
  type CreditConfig,
  type CreditState,
} from '../domain/credit/index.ts';
import { caseDto, columnsOf, getCase, stateOf, type CaseWithFirm } from './credit-read.ts';
import { commitThenWake, enqueue } from '../delivery/outbox.ts';
import { caseFacts } from './case-facts.ts';
import { caseReasonText } from '../domain/credit/candidate.ts';

/** propose: the decision clock starts at the end of the earliest overdue order's payment deadline, unless the proposer gives it. */
function withRecordDefaults(row: CaseWithFirm, action: CreditAction, input: unknown): unknown {
  if (action !== 'propose' || input === null || typeof input !== 'object' || 'paymentDeadline' in input) return input;
  const dues = ((row.evidence as { orders?: Array<{ due?: string }> }).orders ?? [])
    .map((o) => o.due)
    .filter((d): d is string => typeof d === 'string')
    .sort();
  return dues.length === 0 ? input : { ...input, paymentDeadline: dues[0] };
}

export interface CreditDeps {
  db: Db;
  calendar: WorkCalendar;
  credit: CreditConfig;
}

const PUSH: Partial<Record<CreditState, string>> = {
  proposed: 'credit.proposed',
  listed: 'credit.listed',
  removed: 'credit.removed',
};

/** The push body: the case and the list record with DOMAIN.md's field names. */
export function creditEventData(r: CaseWithFirm) {
  const dto = caseDto(r);
  return {
    credit: {
      id: dto.id,
      state: dto.state,
      firm: { name: dto.firm.name, uscc: dto.firm.uscc },
      legal_representative: dto.record.法定代表人,
      reason: dto.reason,
      reason_en: caseReasonText('en', r),
      basis: dto.record.列入依据,
      authority: dto.authority,
      decision_no: dto.decision_no,
      listed_on: dto.listed_on,
      expected_exit_on: dto.expected_exit_on,
      removed_on: dto.removed_on,
      removal_kind: dto.removal_kind,
      removal_reason: dto.removal_reason,
      proposed_by: dto.proposed_by,
      approved_by: dto.approved_by,
      // 45号令 art. 5: the firm's legal representative or principal and the directly responsible persons are parties (ID numbers masked).
      parties: dto.parties,
    },
    record: dto.record,
  };
}

export function creditActorOf(p: Principal | null, actor: Actor, createdBy: number | null = null): CreditActor {
  return p === null
    ? { userId: null, name: actor.name, role: null }
    : { userId: p.userId, name: p.name, role: p.role, createdBy };
}

const DAY = 86_400_000;

/**
 * Applies `action` to case `id` as `principal` (null = the system). Returns
 * the case after the step. Out-of-jurisdiction cases read as not found.
 */
export async function applyCreditAction(
  deps: CreditDeps,
  principal: Principal | null,
  actor: Actor,
  id: number,
  action: CreditAction,
  input: unknown,
  now: Date,
) {
  const scope = principal === null ? { kind: 'all' as const } : scopeOf(principal);
  // The account behind the decision: who created it (two-person rule) and how old it is (flagged when new).
  const account =
    principal === null
      ? undefined
      : await deps.db
          .selectFrom('users')
          .select(['created_by', 'created_at'])
          .where('id', '=', principal.userId)
          .executeTakeFirst();
  const who = creditActorOf(principal, actor, account?.created_by ?? null);
  // Recorded with every decision: the authenticated principal and how it authenticated.
  const by =
    principal === null
      ? { userId: null, name: actor.name, auth: 'system' }
      : { userId: principal.userId, name: principal.name, auth: principal.auth ?? 'unknown' };
  try {
    return await commitThenWake(deps.db, async (trx) => {
      const row = await getCase(trx, scope, id, true);
      const facts = await caseFacts(trx, row, action, now);
      const r = transition(
        stateOf(row),
        action,
        who,
        withRecordDefaults(row, action, input),
        now,
        deps.calendar,
        deps.credit,
        facts,
      );
      const accountDays =
        action === 'approve' && account
          ? Math.max(0, Math.floor((now.getTime() - account.created_at.getTime()) / DAY))
          : undefined;
      await trx
        .updateTable('credit_cases')
        .set({
          ...columnsOf(r.next),
          updated_at: now,
          ...(accountDays === undefined ? {} : { approver_account_days: accountDays }),
        })
        .where('id', '=', id)
        .execute();
      await trx
        .insertInto('credit_events')
        .values({
          case_id: id,
          at: now,
          action,
          from_state: r.from,
          to_state: r.to,
          actor_id: who.userId,
          actor_name: who.name,
          details: JSON.stringify({ ...r.details, by }),
        })
        .execute();
      await audit(
        trx,
        actor,
        {
          action: `credit.${action}`,
          objectType: 'credit_case',
          objectId: id,
          details: { firmId: row.firm_id, from: r.from, to: r.to, ...r.details, by },
        },
        now,
      );
      const after = await getCase(trx, scope, id);
      const type = r.to !== r.from ? PUSH[r.to] : undefined;
      // To the endpoints of the firm's district and the city-wide ones; levels do not apply.
      if (type)
        await enqueue(trx, [{ type, data: creditEventData(after), audience: { district: after.firm_district } }], now);
      return caseDto(after);
    });
  } catch (e) {
    if (e instanceof Forbidden) {
      await audit(
        deps.db,
        actor,
        {
          action: 'credit.refused',
          objectType: 'credit_case',
          objectId: id,
          details: { attempted: action, reason: e.message, by },
        },
        now,
      );
    }
    throw e;
  }
}
