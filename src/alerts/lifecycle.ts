// What people do with an alert: open → acknowledged → in_progress →
// resolved | dismissed, plus assignment and notes. Every change is checked
// against the caller's jurisdiction, written with its timeline and audit
// entries, and reported to the webhook endpoints, in one transaction.

import type { Db } from '../db/connect.ts';
import type { Actor } from '../audit/audit.ts';
import { Conflict, Invalid, NotFound } from '../domain/errors.ts';
import { type Principal, scopeOf } from '../domain/jurisdiction.ts';
import { roleHas, isRole } from '../domain/roles.ts';
import { firmInScope } from '../firms/firms-repo.ts';
import { inScope } from '../domain/jurisdiction.ts';
import { type AlertDto, loadAlertDto } from './alert-view.ts';
import { alertEvent } from './alert-events.ts';
import { commitThenWake, enqueue } from '../delivery/outbox.ts';
import {
  ALERT_MOVES,
  canMove,
  DISMISS_REASONS,
  type DismissReason,
  isClosingMove,
  isOpenStatus,
  type Transition,
} from '../domain/alerts/states.ts';
import { recordEvent } from './timeline.ts';
import { type DispositionInput, dispositionsFor } from '../domain/alerts/disposition.ts';
import { closeIncidentIfDone } from './incidents.ts';
import { coded, codedList, msg } from '../domain/i18n/messages.ts';

export { DISMISS_REASONS, type DismissReason, type Transition } from '../domain/alerts/states.ts';

export interface AlertActionDeps {
  db: Db;
  publicUrl: string;
}

/** The alert if the caller's jurisdiction covers its firm, for update; 404 otherwise. */
async function lockAlert(trx: Db, principal: Principal, id: number) {
  const row = await trx
    .selectFrom('alerts')
    .innerJoin('firms', 'firms.id', 'alerts.firm_id')
    .selectAll('alerts')
    .where('alerts.id', '=', id)
    .where(firmInScope(scopeOf(principal)))
    .forUpdate('alerts')
    .executeTakeFirst();
  if (!row) throw new NotFound(`alert ${id} not found`, undefined, msg('alert.not_found', { id }));
  return row;
}

export async function transition(
  deps: AlertActionDeps,
  principal: Principal,
  actor: Actor,
  id: number,
  t: Transition,
  at: Date,
  input: {
    note?: string | undefined;
    reason?: DismissReason | undefined;
    actions?: readonly DispositionInput[] | undefined;
    via?: { channel: string; link: number; through?: string; operator?: string } | undefined;
  } = {},
): Promise<AlertDto> {
  const rule = ALERT_MOVES[t];
  if (t === 'dismiss' && !input.reason)
    throw new Invalid(
      `reason: dismissing needs one of ${DISMISS_REASONS.join(', ')}`,
      undefined,
      msg('alert.dismiss_reason', { reasons: codedList('dismissReason', DISMISS_REASONS) }),
    );
  return commitThenWake(deps.db, async (trx) => {
    const a = await lockAlert(trx, principal, id);
    if (!canMove(a.status, t))
      throw new Conflict(
        `alert ${id} is ${a.status}; cannot ${t} it`,
        undefined,
        msg('alert.bad_transition', { id, status: coded('alertStatus', a.status), action: coded('alertAction', t) }),
      );
    const closing = isClosingMove(t);
    // Resolving a major-opinion alert records what was done, with time and person (issue 17 item 7).
    const dispositions =
      t === 'resolve'
        ? dispositionsFor(a.rule, input.actions ?? [], { by: actor.name, now: at, raisedAt: a.raised_at })
        : [];
    await trx
      .updateTable('alerts')
      .set({
        status: rule.to,
        updated_at: at,
        // Starting, resolving or dismissing an unacknowledged alert acknowledges it (see implied below).
        acknowledged_at: a.acknowledged_at ?? at,
        in_progress_at: t === 'start' ? at : a.in_progress_at,
        closed_at: closing ? at : null,
        dismiss_reason: t === 'dismiss' ? input.reason! : a.dismiss_reason,
        assignee_id: a.assignee_id ?? (t === 'resolve' || t === 'dismiss' ? a.assignee_id : actor.id),
        // Any of these stops the escalation chain.
        escalation_next_at: null,
        ...(dispositions.length > 0 ? { dispositions: JSON.stringify(dispositions) } : {}),
      })
      .where('id', '=', id)
      .execute();
    if (closing) await closeIncidentIfDone(trx, a.incident_id, at);
    // 办结 (or 处置, 排除) straight from 待确认 is allowed: the person who did it
    // has seen the alert, so the timeline records that acknowledgement first,
    // marked implied (docs/alerts.md §lifecycle; issue 15 item 14).
    if (a.status === 'open' && t !== 'ack') {
      await recordEvent(trx, id, 'acknowledged', actor, at, { from: 'open', to: 'acknowledged', implied_by: t });
    }
    await recordEvent(trx, id, rule.kind, actor, at, {
      from: a.status === 'open' && t !== 'ack' ? 'acknowledged' : a.status,
      to: rule.to,
      ...(input.note ? { note: input.note } : {}),
      ...(dispositions.length > 0 ? { actions: dispositions } : {}),
      ...(t === 'dismiss' ? { reason: input.reason } : {}),
      // From a message: which channel's link, so the timeline says how the person was reached.
      channel: input.via?.channel ?? 'console',
      ...(input.via ? { link: input.via.link } : {}),
      ...(input.via?.through ? { through: input.via.through } : {}),
      ...(input.via?.operator ? { operator: input.via.operator } : {}),
    });
    const out = (await loadAlertDto(trx, id, deps.publicUrl))!;
    if (rule.event && a.silence_id === null) {
      await enqueue(
        trx,
        [
          alertEvent(rule.event, out, {
            details: {
              by: actor.name,
              ...(input.via ? { channel: input.via.channel } : {}),
              ...(input.note ? { note: input.note } : {}),
              ...(t === 'dismiss' ? { resolution: 'dismissed', reason: input.reason } : {}),
            },
          }),
        ],
        at,
      );
    }
    return out;
  });
}

/** Assigns the alert to a user whose role may work alerts and whose jurisdiction covers the firm. */
export async function assign(
  deps: AlertActionDeps,
  principal: Principal,
  actor: Actor,
  id: number,
  userName: string,
  at: Date,
): Promise<AlertDto> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await lockAlert(trx, principal, id);
    if (!isOpenStatus(a.status))
      throw new Conflict(
        `alert ${id} is ${a.status}; only open alerts can be assigned`,
        undefined,
        msg('alert.assign_closed', { id, status: coded('alertStatus', a.status) }),
      );
    const user = await trx
      .selectFrom('users')
      .select(['id', 'name', 'role', 'district', 'streets', 'disabled'])
      .where('name', '=', userName)
      .executeTakeFirst();
    if (!user || user.disabled)
      throw new Invalid(`user: no active user ${userName}`, undefined, msg('user.no_active', { name: userName }));
    if (!isRole(user.role) || !roleHas(user.role, 'alerts:write'))
      throw new Invalid(
        `user: ${userName} (${user.role}) cannot work alerts`,
        undefined,
        msg('user.cannot_work_alerts', { name: userName, role: coded('userRole', user.role) }),
      );
    const firm = await trx
      .selectFrom('firms')
      .select(['district', 'street'])
      .where('id', '=', a.firm_id)
      .executeTakeFirstOrThrow();
    if (!inScope(scopeOf({ role: user.role, district: user.district, streets: user.streets }), firm)) {
      throw new Invalid(
        `user: ${userName}'s jurisdiction does not cover this firm`,
        undefined,
        msg('user.outside_firm', { name: userName }),
      );
    }
    await trx.updateTable('alerts').set({ assignee_id: user.id, updated_at: at }).where('id', '=', id).execute();
    await recordEvent(trx, id, 'assigned', actor, at, { from: a.assignee_id, to: user.name });
    return (await loadAlertDto(trx, id, deps.publicUrl))!;
  });
}

export async function addNote(
  deps: AlertActionDeps,
  principal: Principal,
  actor: Actor,
  id: number,
  note: string,
  at: Date,
): Promise<AlertDto> {
  return deps.db.transaction().execute(async (trx) => {
    await lockAlert(trx, principal, id);
    await trx.updateTable('alerts').set({ updated_at: at }).where('id', '=', id).execute();
    await recordEvent(trx, id, 'note', actor, at, { note });
    return (await loadAlertDto(trx, id, deps.publicUrl))!;
  });
}

/**
 * Marks the authoritative-information milestone (国办发〔2016〕61号: within
 * 5 h for major public opinion) as met, once; 409 when the alert has no
 * such milestone or it is already marked.
 */
export async function markInfoPublished(
  deps: AlertActionDeps,
  principal: Principal,
  actor: Actor,
  id: number,
  at: Date,
  note?: string,
): Promise<AlertDto> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await lockAlert(trx, principal, id);
    if (a.info_due_at === null) throw new Conflict(`alert ${id} has no authoritative-information milestone`);
    if (a.info_published_at !== null)
      throw new Conflict(
        `alert ${id}: authoritative information already marked published at ${a.info_published_at.toISOString()}`,
      );
    await trx.updateTable('alerts').set({ info_published_at: at, updated_at: at }).where('id', '=', id).execute();
    await recordEvent(trx, id, 'info_published', actor, at, {
      dueAt: a.info_due_at.toISOString(),
      late: at > a.info_due_at,
      ...(note ? { note } : {}),
    });
    return (await loadAlertDto(trx, id, deps.publicUrl))!;
  });
}
