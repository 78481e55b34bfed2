// Acknowledging from the message: the signed link a person got by SMS or
// in a group @-mention works without a password, for that one action on
// that one alert, as that person (their role and jurisdiction still
// apply). A GET only shows (link scanners and previews must not
// acknowledge); the POST acts, once.
import type { Db } from '../db/connect.ts';
import { ackCodeId, verifyAckCode } from '../crypto/ack-token.ts';
import { Conflict, Forbidden } from '../domain/errors.ts';
import { isRole, roleHas, type Role } from '../domain/roles.ts';
import { transition } from './lifecycle.ts';

export type LinkProblem = 'invalid' | 'expired' | 'used' | 'closed';

export interface LinkView {
  linkId: number;
  purpose: 'ack' | 'open';
  channel: string;
  alert: {
    id: number;
    title: string;
    level: string;
    status: string;
    raisedAt: Date;
    firm: string;
    acknowledgedAt: Date | null;
  };
  user: { id: number; name: string };
  problem: LinkProblem | null;
}

/** What a code opens, or null when it is no code of ours (a wrong or altered link). */
export async function readAckLink(db: Db, key: Buffer, code: string, now: Date): Promise<LinkView | null> {
  const id = ackCodeId(code);
  if (id === null) return null;
  const row = await db
    .selectFrom('ack_links')
    .innerJoin('alerts', 'alerts.id', 'ack_links.alert_id')
    .innerJoin('firms', 'firms.id', 'alerts.firm_id')
    .innerJoin('users', 'users.id', 'ack_links.user_id')
    .select([
      'ack_links.id',
      'ack_links.alert_id',
      'ack_links.user_id',
      'ack_links.purpose',
      'ack_links.channel',
      'ack_links.expires_at',
      'ack_links.used_at',
      'alerts.title',
      'alerts.level',
      'alerts.status',
      'alerts.raised_at',
      'alerts.acknowledged_at',
      'firms.name as firm',
      'users.name as user_name',
      'users.disabled',
    ])
    .where('ack_links.id', '=', id)
    .executeTakeFirst();
  if (!row || row.disabled) return null;
  if (
    !verifyAckCode(key, code, {
      id: row.id,
      alertId: row.alert_id,
      userId: row.user_id,
      purpose: row.purpose,
      expiresAt: row.expires_at,
    })
  )
    return null;
  let problem: LinkProblem | null = null;
  if (row.used_at !== null) problem = 'used';
  else if (now >= row.expires_at) problem = 'expired';
  else if (row.purpose === 'ack' && row.status !== 'open') problem = 'closed';
  return {
    linkId: row.id,
    purpose: row.purpose,
    channel: row.channel,
    problem,
    alert: {
      id: row.alert_id,
      title: row.title,
      level: row.level,
      status: row.status,
      raisedAt: row.raised_at,
      firm: row.firm,
      acknowledgedAt: row.acknowledged_at,
    },
    user: { id: row.user_id, name: row.user_name },
  };
}

/**
 * Acknowledges the alert as the link's person, recording the channel the
 * link came by (timeline, audit log, and the alert.acknowledged message).
 * The link is spent first (so two taps cannot both act) and given back
 * if the acknowledgement fails.
 */
export async function acknowledgeByLink(
  deps: { db: Db; publicUrl: string },
  key: Buffer,
  code: string,
  now: Date,
  ip: string | null,
  through?: { through: string; operator?: string },
): Promise<LinkView> {
  const view = await readAckLink(deps.db, key, code, now);
  if (!view) throw new Forbidden('this link is not valid');
  if (view.purpose !== 'ack') throw new Forbidden('this link only opens the alert');
  if (view.problem) throw new Conflict(`link ${view.problem}`);
  const user = await deps.db
    .selectFrom('users')
    .select(['id', 'name', 'role', 'district', 'streets'])
    .where('id', '=', view.user.id)
    .executeTakeFirstOrThrow();
  if (!isRole(user.role) || !roleHas(user.role as Role, 'alerts:write'))
    throw new Forbidden(`${user.name} cannot work alerts`);
  const principal = {
    userId: user.id,
    name: user.name,
    role: user.role as Role,
    district: user.district,
    streets: user.streets,
  };
  const spent = await deps.db
    .updateTable('ack_links')
    .set({ used_at: now })
    .where('id', '=', view.linkId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(spent.numUpdatedRows) === 0) throw new Conflict('link used');
  try {
    await transition(deps, principal, { id: user.id, name: user.name, ip }, view.alert.id, 'ack', now, {
      via: { channel: view.channel, link: view.linkId, ...through },
    });
  } catch (err) {
    await deps.db.updateTable('ack_links').set({ used_at: null }).where('id', '=', view.linkId).execute();
    throw err;
  }
  return { ...view, alert: { ...view.alert, status: 'acknowledged', acknowledgedAt: now }, problem: 'used' };
}
