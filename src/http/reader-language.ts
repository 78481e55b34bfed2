// The language switch, kept on the account (issue 15 item 2): a signed-in
// user who switches (?lang=) has their choice stored in users.lang, so what
// is sent to them when they are not looking (SMS, voice calls) is in the
// language they read the console in. A change is audited.

import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { LANG_COOKIE } from './i18n/index.ts';
import { audit } from '../audit/audit.ts';
import { actorOf } from './auth.ts';
import type { AppDeps, AppEnv } from './context.ts';
import { setUserLang, userLangByName } from '../users/users.ts';

export function rememberLanguage(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const asked = c.req.query('lang');
    const p = c.get('principal');
    if (p && (asked === 'zh' || asked === 'en')) {
      if (await setUserLang(deps.db, p.userId, asked))
        await audit(
          deps.db,
          actorOf(c, deps),
          { action: 'user.lang', objectType: 'user', objectId: p.userId, details: { lang: asked } },
          deps.clock?.() ?? new Date(),
        );
    }
    await next();
  };
}

/**
 * At sign-in: a browser that chose a language (the switch on the sign-in
 * page) keeps it and the account learns it. A browser that chose none stays
 * Chinese (the console's default) and teaches the account nothing.
 */
export async function syncLanguage(deps: AppDeps, c: Context<AppEnv>, name: string, now: Date): Promise<void> {
  const chosen = getCookie(c, LANG_COOKIE);
  if (chosen !== 'zh' && chosen !== 'en') return;
  const user = await userLangByName(deps.db, name);
  if (!user) return;
  if (await setUserLang(deps.db, user.id, chosen)) {
    await audit(
      deps.db,
      { id: user.id, name, requestId: c.get('requestId') },
      { action: 'user.lang', objectType: 'user', objectId: user.id, details: { lang: chosen } },
      now,
    );
  }
}
