// The statutory clocks of credit cases (src/domain/credit/clocks.ts) that are
// about to lapse, or lapsed unmet: each is recorded once on the case's
// history (`clock-due`) and the audit log (`credit.clock-due`), and raises
// the `credit_clock_due` alert (orange, labor) through the ordinary
// routing, paging and escalation (raiseCreditAlert). Run daily.

import type { Db } from '../db/connect.ts';
import { audit, SYSTEM_ACTOR } from '../audit/audit.ts';
import { caseClocks, clocksDueSoon, CLOCK_ZH, dateOf, type Clock, type CreditConfig } from '../domain/credit/index.ts';
import { LEVEL_ZH, RULE_ZH } from '../domain/alert-rules.ts';
import type { WorkCalendar } from '../domain/alerts/working-days.ts';
import { commitThenWake } from '../delivery/outbox.ts';
import { ACTIVE_STATES } from '../domain/credit/index.ts';
import { stateOf } from './credit-read.ts';
import { raiseCreditAlert, type FlagOptions } from './objection-deadlines.ts';

export const CLOCK_DUE = 'clock-due';
export const CLOCK_ALERT_RULE = 'credit_clock_due';

/** The alert's title (pure). */
export function clockAlertTitle(firmName: string, k: Clock): string {
  const when = k.status === 'lapsed' ? '已届满' : '即将届满';
  return `【${LEVEL_ZH.orange}预警·${RULE_ZH.credit_clock_due}】${firmName}：${CLOCK_ZH[k.key]}${when}（截止 ${k.dueOn}，${k.workingDays}个工作日）`;
}

export interface FlaggedClock {
  caseId: number;
  firmId: number;
  key: Clock['key'];
  dueOn: string;
  status: Clock['status'];
}

/** Flags each clock due soon (or lapsed) as of `now`, once per case, clock and due date. */
export async function flagClocksDueSoon(
  db: Db,
  credit: CreditConfig,
  calendar: WorkCalendar,
  now: Date,
  opts: FlagOptions = {},
): Promise<FlaggedClock[]> {
  const today = dateOf(now);
  const ids = await db
    .selectFrom('credit_cases')
    .select('id')
    .where('state', 'in', [...ACTIVE_STATES, 'removed'])
    .orderBy('id')
    .execute();
  const out: FlaggedClock[] = [];
  for (const { id } of ids) {
    await commitThenWake(db, async (trx) => {
      const row = await trx
        .selectFrom('credit_cases')
        .innerJoin('firms', 'firms.id', 'credit_cases.firm_id')
        .selectAll('credit_cases')
        .select('firms.name as firm_name')
        .where('credit_cases.id', '=', id)
        .forUpdate('credit_cases')
        .executeTakeFirst();
      if (!row) return;
      const due = clocksDueSoon(
        caseClocks(stateOf(row), today, calendar, credit),
        today,
        credit.clockWarnWorkingDays,
        calendar,
      );
      if (due.length === 0) return;
      const seen = await trx
        .selectFrom('credit_events')
        .select('details')
        .where('case_id', '=', id)
        .where('action', '=', CLOCK_DUE)
        .execute();
      const done = new Set(
        seen.map((e) => `${(e.details as { key?: string }).key}|${(e.details as { dueOn?: string }).dueOn}`),
      );
      for (const k of due) {
        if (done.has(`${k.key}|${k.dueOn}`)) continue;
        const details = {
          key: k.key,
          dueOn: k.dueOn,
          dueAt: k.dueAt,
          status: k.status,
          workingDays: k.workingDays,
          article: k.article,
        };
        await trx
          .insertInto('credit_events')
          .values({
            case_id: id,
            at: now,
            action: CLOCK_DUE,
            from_state: row.state,
            to_state: row.state,
            actor_id: null,
            actor_name: SYSTEM_ACTOR.name,
            details: JSON.stringify(details),
          })
          .execute();
        await audit(
          trx,
          SYSTEM_ACTOR,
          {
            action: `credit.${CLOCK_DUE}`,
            objectType: 'credit_case',
            objectId: id,
            details: { firmId: row.firm_id, ...details },
          },
          now,
        );
        await raiseCreditAlert(
          trx,
          {
            firmId: row.firm_id,
            rule: CLOCK_ALERT_RULE,
            fingerprint: `credit_case:${id}:clock:${k.key}`,
            title: clockAlertTitle(row.firm_name, k),
            link: { source: 'credit_case', id, date: k.dueOn, clock: k.key, due: k.dueAt },
            details: { caseId: id, clock: k.key, dueOn: k.dueOn },
          },
          now,
          opts,
        );
        out.push({ caseId: id, firmId: row.firm_id, key: k.key, dueOn: k.dueOn!, status: k.status });
      }
    });
  }
  return out;
}
