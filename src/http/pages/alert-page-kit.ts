import type { Context } from 'hono';
import type { Principal } from '../../domain/jurisdiction.ts';
import { roleHas } from '../../domain/roles.ts';
import { SECTOR } from '../../domain/values/enums.ts';
import { ALERT_STATUSES } from '../../domain/alerts/states.ts';
import { Forbidden } from '../../domain/errors.ts';
import type { AppEnv } from '../context.ts';
import { coded, msg } from '../../domain/i18n/messages.ts';

// What the alert queue and the alert detail pages share: filter values and the principal checks.
export const PAGE = 50;
export const LEVELS = ['red', 'orange', 'yellow', 'blue'] as const;
export const RULES = [
  'major_opinion',
  'collective_action',
  'collective_wage_petition',
  'overdue_wage_order',
  'risk_level',
] as const;
export const STATUS_FILTERS = ['all', ...ALERT_STATUSES] as const;
export const SOURCES = ['opinion', 'labor'] as const;
export const SECTORS = SECTOR.codes as readonly string[];

export function requirePrincipal(c: Context<AppEnv>): Principal | null {
  return c.get('principal') ?? null;
}

/** Form posts change alerts: the same permission as the API's. */
export function writer(c: Context<AppEnv>): Principal | null {
  const p = c.get('principal');
  if (p && !roleHas(p.role, 'alerts:write'))
    throw new Forbidden(
      `your role (${p.role}) cannot work alerts`,
      undefined,
      msg('alert.cannot_work', { role: coded('userRole', p.role) }),
    );
  return p ?? null;
}

/** A comma-separated list of alert ids from the query (at most 200). */
export function idList(v: string | undefined): number[] {
  return (v ?? '')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0)
    .slice(0, 200);
}

export function queueUrl(q: Record<string, string | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) u.set(k, v);
  const s = u.toString();
  return s ? `/?${s}` : '/';
}
