// Objection deadlines (上海市社会信用条例: marked within 1 working day,
// decided within 5; computed by the workflow when the objection arrives and
// stored on the case). Once a deadline has passed with its step not taken,
// the daily credit job records it once: a `credit_events` row
// (action `objection-overdue`, shown on the case's history in the console)
// and an audit entry `credit.objection-overdue`.
//
// It also raises an alert (rule `credit_objection_overdue`, labor, orange)
// in the same transaction, assigned, paged and escalated like any other
// (src/alerts/routing.ts), so the miss reaches the on-duty people through
// the ordinary alert queue and outbox (`alert.raised` to every subscribed
// endpoint), never as a credit.* message: that would tell the credit
// platform something untrue. One open alert per firm and rule (the unique
// open index): while one is open, a further miss is a timeline `updated`
// entry on it (evidence extended), with no second delivery.

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { audit, SYSTEM_ACTOR } from '../audit/audit.ts';
import type { Objection } from '../domain/credit/index.ts';
import { LEVEL_ZH, RULE_ZH } from '../domain/alert-rules.ts';
import { dueTimes } from '../domain/alerts/deadlines.ts';
import type { SlaConfig } from '../domain/alerts/sla-config.ts';
import type { QuietHours } from '../domain/alerts/index.ts';
import { isOpenStatus } from '../domain/alerts/states.ts';
import { loadAlertDto } from '../alerts/alert-view.ts';
import { alertEvent } from '../alerts/alert-events.ts';
import { commitThenWake, enqueue } from '../delivery/outbox.ts';
import { loadRouter, raisedRecords, routeColumns } from '../alerts/routing.ts';
import { recordEvent, recordEvents } from '../alerts/timeline.ts';

export const OBJECTION_OVERDUE = 'objection-overdue';

export type ObjectionDeadline = 'mark' | 'decide';

export const OBJECTION_ALERT_RULE = 'credit_objection_overdue';
const DEADLINE_ZH: Readonly<Record<ObjectionDeadline, string>> = {
  mark: '异议标注（1个工作日）',
  decide: '异议处理决定（5个工作日）',
};

/** The alert's title (pure): the firm and which deadline was missed. */
export function objectionAlertTitle(firmName: string, deadline: ObjectionDeadline, due: string): string {
  return `【${LEVEL_ZH.orange}预警·${RULE_ZH.credit_objection_overdue}】${firmName}：信用名单异议${DEADLINE_ZH[deadline]}期限已过（截止 ${due}）仍未办理`;
}

export interface FlagOptions {
  /** The console's public URL for the alert link (config.publicUrl). */
  publicUrl?: string;
  /** Acknowledge/handle deadlines of the alert (config.sla; defaults otherwise). */
  sla?: SlaConfig;
  /** Quiet hours of the escalation chain (config.quietHours; none otherwise). */
  quietHours?: QuietHours | null;
}

const defaultPublicUrl = () => process.env.QIANSHAO_PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;

export interface MissedDeadline {
  caseId: number;
  firmId: number;
  deadline: ObjectionDeadline;
  /** The deadline that passed (ISO instant). */
  due: string;
  /** When the objection was received (identifies it among a case's objections). */
  receivedAt: string;
}

/** The deadlines of an objection that have passed as of `now` with the step still not taken (pure). */
export function missedObjectionDeadlines(
  o: Objection | null,
  now: Date,
): Array<{ deadline: ObjectionDeadline; due: string }> {
  if (o === null || o.decidedAt !== null) return [];
  const out: Array<{ deadline: ObjectionDeadline; due: string }> = [];
  if (o.markedAt === null && now.getTime() > Date.parse(o.markDue)) out.push({ deadline: 'mark', due: o.markDue });
  if (now.getTime() > Date.parse(o.decideDue)) out.push({ deadline: 'decide', due: o.decideDue });
  return out;
}

/**
 * Records each objection deadline missed as of `now` exactly once (per case,
 * objection and deadline; concurrent runs serialize on the case row).
 * Returns the deadlines recorded by this call.
 */
export async function flagMissedObjectionDeadlines(
  db: Db,
  now: Date,
  opts: FlagOptions = {},
): Promise<MissedDeadline[]> {
  const open = await db
    .selectFrom('credit_cases')
    .select('id')
    .where('state', '=', 'listed')
    .where('objection', 'is not', null)
    .where(sql<boolean>`objection->>'decidedAt' is null`)
    .orderBy('id')
    .execute();
  const recorded: MissedDeadline[] = [];
  for (const { id } of open) {
    await commitThenWake(db, async (trx) => {
      const row = await trx
        .selectFrom('credit_cases')
        .select(['id', 'firm_id', 'state', 'objection', 'decision_no'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (row?.state !== 'listed') return;
      const objection = (row.objection as Objection | null) ?? null;
      const missed = missedObjectionDeadlines(objection, now);
      if (missed.length === 0 || objection === null) return;
      const seen = await trx
        .selectFrom('credit_events')
        .select('details')
        .where('case_id', '=', id)
        .where('action', '=', OBJECTION_OVERDUE)
        .execute();
      const done = new Set(
        seen.map((e) => {
          const d = e.details as { deadline?: string; receivedAt?: string };
          return `${d.receivedAt}|${d.deadline}`;
        }),
      );
      for (const m of missed) {
        if (done.has(`${objection.receivedAt}|${m.deadline}`)) continue;
        const details = { deadline: m.deadline, due: m.due, receivedAt: objection.receivedAt };
        await trx
          .insertInto('credit_events')
          .values({
            case_id: id,
            at: now,
            action: OBJECTION_OVERDUE,
            from_state: 'listed',
            to_state: 'listed',
            actor_id: null,
            actor_name: SYSTEM_ACTOR.name,
            details: JSON.stringify(details),
          })
          .execute();
        await audit(
          trx,
          SYSTEM_ACTOR,
          {
            action: `credit.${OBJECTION_OVERDUE}`,
            objectType: 'credit_case',
            objectId: id,
            details: { firmId: row.firm_id, ...details },
          },
          now,
        );
        await alertMissed(
          trx,
          { caseId: id, firmId: row.firm_id, decisionNo: row.decision_no, ...m, receivedAt: objection.receivedAt },
          now,
          opts,
        );
        recorded.push({ caseId: id, firmId: row.firm_id, ...m, receivedAt: objection.receivedAt });
      }
    });
  }
  return recorded;
}

/** Raises the `credit_objection_overdue` alert for one missed deadline (or updates the open one). Returns the deliveries queued. */
async function alertMissed(
  trx: Db,
  m: MissedDeadline & { decisionNo: string | null },
  now: Date,
  opts: FlagOptions,
): Promise<number> {
  const firm = await trx.selectFrom('firms').select(['name']).where('id', '=', m.firmId).executeTakeFirstOrThrow();
  return raiseCreditAlert(
    trx,
    {
      firmId: m.firmId,
      rule: OBJECTION_ALERT_RULE,
      fingerprint: `credit_case:${m.caseId}:${m.deadline}`,
      title: objectionAlertTitle(firm.name, m.deadline, m.due),
      link: {
        source: 'credit_case',
        id: m.caseId,
        ...(m.decisionNo ? { recordId: m.decisionNo } : {}),
        date: m.due.slice(0, 10),
        deadline: m.deadline,
        due: m.due,
        receivedAt: m.receivedAt,
      },
      details: { caseId: m.caseId, deadline: m.deadline, due: m.due },
    },
    now,
    opts,
  );
}

export interface CreditAlert {
  firmId: number;
  rule: typeof OBJECTION_ALERT_RULE | 'credit_clock_due';
  fingerprint: string;
  title: string;
  link: Record<string, unknown>;
  details: Record<string, unknown>;
}

/**
 * Raises an orange labor alert about a credit case through the ordinary
 * routing (or, when one of the rule is open for the firm, adds this to it as
 * an `updated` entry). Runs inside the caller's transaction. Returns the
 * deliveries queued; the caller commits with commitThenWake.
 */
export async function raiseCreditAlert(trx: Db, a: CreditAlert, now: Date, opts: FlagOptions): Promise<number> {
  const firm = await trx
    .selectFrom('firms')
    .select(['id', 'name', 'district', 'street'])
    .where('id', '=', a.firmId)
    .executeTakeFirstOrThrow();
  const open = await trx
    .selectFrom('alerts')
    .select(['id', 'status', 'evidence'])
    .where('firm_id', '=', a.firmId)
    .where('rule', '=', a.rule)
    .orderBy('raised_at', 'desc')
    .orderBy('id', 'desc')
    .forUpdate()
    .execute();
  const cur = open.find((x) => isOpenStatus(x.status));
  const details = { rule: a.rule, fingerprint: a.fingerprint, ...a.details };
  if (cur) {
    await trx
      .updateTable('alerts')
      .set({
        fingerprint: a.fingerprint,
        title: a.title,
        evidence: JSON.stringify([a.link, ...cur.evidence].slice(0, 5)),
        updated_at: now,
      })
      .where('id', '=', cur.id)
      .execute();
    await recordEvent(trx, cur.id, 'updated', SYSTEM_ACTOR, now, details, false);
    return 0;
  }
  const due = dueTimes({ level: 'orange', rule: a.rule, raisedAt: now }, opts.sla);
  // Assigned, paged and escalated like any alert (the router reads inside this transaction).
  const route = await (await loadRouter(trx, now, opts.quietHours ?? null))({
    firmId: a.firmId,
    rule: a.rule,
    level: 'orange',
    category: 'labor',
    place: { district: firm.district, street: firm.street },
  });
  const row = await trx
    .insertInto('alerts')
    .values({
      firm_id: a.firmId,
      rule: a.rule,
      category: 'labor',
      level: 'orange',
      title: a.title,
      fingerprint: a.fingerprint,
      score: 0,
      evidence: JSON.stringify([a.link]),
      raised_at: now,
      updated_at: now,
      ack_due_at: due.ackDueAt,
      handle_due_at: due.handleDueAt,
      ...routeColumns(route),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const records = raisedRecords(row.id, route, now, { level: 'orange', ...details });
  await recordEvents(trx, records.entries);
  if (!records.deliver) return 0;
  const dto = (await loadAlertDto(trx, row.id, opts.publicUrl ?? defaultPublicUrl()))!;
  return enqueue(trx, [alertEvent('alert.raised', dto, records.deliver)], now);
}
