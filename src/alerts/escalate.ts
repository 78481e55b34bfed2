// The escalation pass (job `alerts-escalate`, every minute): notifies the
// next tier of every unacknowledged alert whose step is due, lets a stale
// acknowledgement lapse and restarts its chain, flags missed deadlines and
// escalates them, and un-mutes alerts whose silence has ended.

import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '../audit/audit.ts';
import {
  activeSilence,
  advance,
  ackExpiresAt,
  dueTimes,
  type EscalationCursor,
  type NotifyWindow,
  startEscalation,
  stepMedia,
} from '../domain/alerts/index.ts';
import type { Level } from '../domain/scoring/index.ts';
import { OPEN_STATUS_SQL, OPEN_STATUSES } from '../domain/alerts/states.ts';
import { loadAlertDto } from './alert-view.ts';
import { loadPolicies, loadRoster, loadSilences, targetResolver } from './duty.ts';
import type { AlertDeps } from './evaluate.ts';
import { mentionsOf } from './routing.ts';
import { alertEvent } from './alert-events.ts';
import { commitThenWake, enqueue } from '../delivery/outbox.ts';
import { recordEvent, recordEvents } from './timeline.ts';
import { isCoverageGap } from '../domain/alerts/coverage.ts';
import { adminsOf, gapRecipients, writeCoverageGaps } from './coverage-gap.ts';

export interface EscalationOutcome {
  escalated: number;
  lapsed: number;
  overdue: number;
  unmuted: number;
}

export async function runEscalation(deps: AlertDeps, now: Date): Promise<EscalationOutcome> {
  const db = deps.db;
  const out: EscalationOutcome = { escalated: 0, lapsed: 0, overdue: 0, unmuted: 0 };
  const [policyFor, silences, roster] = await Promise.all([
    loadPolicies(db),
    loadSilences(db, now),
    loadRoster(db, now),
  ]);
  const peopleFor = targetResolver(db, roster, now);
  const admins = adminsOf(db);
  const windowOf = (level: string): NotifyWindow => ({ level: level as Level, quiet: deps.config.quietHours });

  // 1. Silences that ended: the alert goes out now, as if just raised. Its
  // deadlines run from now: nobody could act on it while it was muted.
  const muted = await db
    .selectFrom('alerts')
    .innerJoin('firms', 'firms.id', 'alerts.firm_id')
    .select([
      'alerts.id',
      'alerts.firm_id',
      'alerts.rule',
      'alerts.level',
      'alerts.category',
      'alerts.silence_id',
      'firms.district',
      'firms.street',
    ])
    .where('alerts.silence_id', 'is not', null)
    .where('alerts.status', 'in', [...OPEN_STATUSES])
    .execute();
  for (const a of muted) {
    if (
      activeSilence(
        silences,
        { firmId: a.firm_id, rule: a.rule, level: a.level, place: { district: a.district, street: a.street } },
        now,
      )
    )
      continue;
    const policy = policyFor(a.level as Level, a.district);
    const step = advance(policy, startEscalation(policy, now, windowOf(a.level)), now, windowOf(a.level));
    const people = step.fire
      ? await peopleFor(step.fire.target, { district: a.district, street: a.street }, a.category)
      : [];
    const due = dueTimes({ level: a.level as Level, rule: a.rule, raisedAt: now }, deps.config.sla);
    await commitThenWake(db, async (trx) => {
      await trx
        .updateTable('alerts')
        .set({
          silence_id: null,
          escalation_step: step.cursor.step,
          escalation_pass: step.cursor.pass,
          escalation_next_at: step.cursor.nextAt,
          ack_due_at: due.ackDueAt,
          handle_due_at: due.handleDueAt,
          updated_at: now,
        })
        .where('id', '=', a.id)
        .execute();
      await recordEvent(trx, a.id, 'unsilenced', SYSTEM_ACTOR, now, {
        silence: a.silence_id,
        notified: people.map((p) => p.name),
      });
      await enqueue(
        trx,
        [
          alertEvent('alert.raised', (await loadAlertDto(trx, a.id, deps.config.publicUrl))!, {
            mentions: mentionsOf(people),
            details: { unsilenced: true },
            paged: people,
            media: step.fire ? stepMedia(step.fire) : ['chat'],
          }),
        ],
        now,
      );
    });
    out.unmuted++;
  }

  // 2. Acknowledged but not taken up within the policy's timeout: back to open, chain restarts.
  const acked = await db
    .selectFrom('alerts')
    .innerJoin('firms', 'firms.id', 'alerts.firm_id')
    .select(['alerts.id', 'alerts.level', 'alerts.acknowledged_at', 'firms.district'])
    .where('alerts.status', '=', 'acknowledged')
    .execute();
  for (const a of acked) {
    const policy = policyFor(a.level as Level, a.district);
    if (a.acknowledged_at === null || now < ackExpiresAt(policy, a.acknowledged_at)) continue;
    const cursor = startEscalation(policy, now, windowOf(a.level));
    await commitThenWake(db, async (trx) => {
      await trx
        .updateTable('alerts')
        .set({
          status: 'open',
          acknowledged_at: null,
          escalation_step: cursor.step,
          escalation_pass: cursor.pass,
          escalation_next_at: cursor.nextAt,
          updated_at: now,
        })
        .where('id', '=', a.id)
        .where('status', '=', 'acknowledged')
        .execute();
      await recordEvent(trx, a.id, 'ack_lapsed', SYSTEM_ACTOR, now, {
        acknowledgedAt: a.acknowledged_at!.toISOString(),
        timeoutMinutes: policy.ackTimeoutMinutes,
      });
    });
    out.lapsed++;
  }

  // 3. Missed deadlines: flagged once, and the chain moves on at once.
  const late = await sql<{ id: number; escalation_next_at: Date | null; grouped: boolean }>`
    update alerts set overdue = true, updated_at = ${now},
      escalation_next_at = case when escalation_next_at is not null then least(escalation_next_at, ${now}::timestamptz) end
    where status in ${sql.raw(OPEN_STATUS_SQL)} and not overdue and silence_id is null
      and ((ack_due_at < ${now} and acknowledged_at is null) or handle_due_at < ${now}
        or (info_due_at < ${now} and info_published_at is null))
    returning id, escalation_next_at,
      exists (select 1 from incidents i where i.id = alerts.incident_id and i.lead_alert_id is distinct from alerts.id) as grouped`.execute(
    db,
  );
  for (const a of late.rows) {
    await commitThenWake(db, async (trx) => {
      await recordEvent(trx, a.id, 'overdue', SYSTEM_ACTOR, now, {});
      // A chain already exhausted or stopped by an acknowledgement: tell the endpoints anyway
      // (an alert grouped into an incident leaves that to the incident's lead: one event pages once).
      if (a.escalation_next_at === null && !a.grouped) {
        await enqueue(
          trx,
          [
            alertEvent('alert.escalated', (await loadAlertDto(trx, a.id, deps.config.publicUrl))!, {
              details: { reason: 'overdue' },
            }),
          ],
          now,
        );
      }
    });
    out.overdue++;
  }

  // 4. Due escalation steps.
  const due = await db
    .selectFrom('alerts')
    .innerJoin('firms', 'firms.id', 'alerts.firm_id')
    .select([
      'alerts.id',
      'alerts.firm_id',
      'alerts.level',
      'alerts.category',
      'alerts.escalation_step',
      'alerts.escalation_pass',
      'alerts.escalation_next_at',
      'alerts.score',
      'firms.name',
      'firms.district',
      'firms.street',
    ])
    .where('alerts.status', '=', 'open')
    .where('alerts.silence_id', 'is', null)
    .where('alerts.escalation_next_at', '<=', now)
    .execute();
  for (const a of due) {
    const policy = policyFor(a.level as Level, a.district);
    const cursor: EscalationCursor = { step: a.escalation_step, pass: a.escalation_pass, nextAt: a.escalation_next_at };
    const r = advance(policy, cursor, now, windowOf(a.level));
    const place = { district: a.district, street: a.street };
    const people = r.fire ? await peopleFor(r.fire.target, place, a.category) : [];
    // A step that finds nobody is not passed over in silence: the fallback tier and the admins hear of it.
    const gap =
      r.fire && isCoverageGap(a.level, people.length, false)
        ? await gapRecipients(peopleFor, admins, policy, place, a.category)
        : null;
    await commitThenWake(db, async (trx) => {
      const moved = await trx
        .updateTable('alerts')
        .set({ escalation_step: r.cursor.step, escalation_pass: r.cursor.pass, escalation_next_at: r.cursor.nextAt })
        .where('id', '=', a.id)
        .where('status', '=', 'open')
        .where('escalation_next_at', '=', a.escalation_next_at!)
        .executeTakeFirst();
      // Another pass got here first (two schedulers), or the alert was acknowledged meanwhile.
      if (Number(moved.numUpdatedRows) === 0 || !r.fire) return;
      const media = stepMedia(r.fire);
      const details = {
        step: cursor.step,
        pass: cursor.pass,
        target: r.fire.target,
        users: people.map((p) => p.name),
        channels: media,
      };
      await recordEvent(trx, a.id, 'escalated', SYSTEM_ACTOR, now, details);
      if (gap !== null) {
        const [g] = await writeCoverageGaps(
          trx,
          [
            {
              alertId: a.id,
              firm: { id: a.firm_id, name: a.name, district: a.district },
              level: a.level as Level,
              category: a.category,
              score: a.score,
              when: 'escalation',
              step: cursor.step,
              recipients: gap,
            },
          ],
          now,
        );
        await recordEvents(trx, g!.entries);
        if (g!.deliver) {
          await enqueue(
            trx,
            [
              alertEvent('alert.raised', (await loadAlertDto(trx, g!.deliver.alertId, deps.config.publicUrl))!, {
                mentions: g!.deliver.mentions,
                details: { coverageGap: a.id },
              }),
            ],
            now,
          );
        }
      }
      await enqueue(
        trx,
        [
          alertEvent('alert.escalated', (await loadAlertDto(trx, a.id, deps.config.publicUrl))!, {
            mentions: media.includes('chat') ? mentionsOf(people) : { mobiles: [], userIds: [] },
            details: { reason: 'unacknowledged', step: cursor.step, notified: people.map((p) => p.name) },
            paged: people,
            media,
          }),
        ],
        now,
      );
      out.escalated++;
    });
  }
  return out;
}
