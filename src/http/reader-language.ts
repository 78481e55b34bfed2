// The language switch, kept on the account (issue 15 item 2): a signed-in
// user who switches (?lang=) has their choice stored in users.lang, so what
// is sent to them when they are not looking (SMS, voice calls) is in the
// language they read the console in. A change is audited.

import type { MiddlewareHandler } from 'hono';
import { audit } from '../audit/audit.ts';
import { actorOf } from './auth.ts';
import type { AppDeps, AppEnv } from './context.ts';

export function rememberLanguage(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const asked = c.req.query('lang');
    const p = c.get('principal');
    if (p && (asked === 'zh' || asked === 'en')) {
      const changed = await deps.db.updateTable('users').set({ lang: asked }).where('id', '=', p.userId).where('lang', '<>', asked)
        .returning('id').executeTakeFirst();
      if (changed) await audit(deps.db, actorOf(c, deps), { action: 'user.lang', objectType: 'user', objectId: p.userId, details: { lang: asked } }, deps.clock?.() ?? new Date());
    }
    await next();
  };
}
