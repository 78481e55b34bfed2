import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { AppError, TooManyRequests } from '../../domain/errors.ts';
import { login, logout } from '../../users/sessions.ts';
import { clientIp, SESSION_COOKIE } from '../auth.ts';
import { syncLanguage } from '../reader-language.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { catalogue } from '../i18n/index.ts';
import { Layout } from './layout.tsx';

function LoginPage(props: { c: Context<AppEnv>; demo: boolean; error?: string; next: string }) {
  const lang = props.c.get('lang');
  const t = catalogue(lang);
  return (
    <Layout t={t} lang={lang} title={t.login} demo={props.demo}>
      <form class="card" method="post" action="/login">
        <h1>{t.login}</h1>
        {props.error && (
          <p class="error" role="alert">
            {props.error}
          </p>
        )}
        <input type="hidden" name="next" value={props.next} />
        <label for="name">{t.userName}</label>
        <input id="name" name="name" autocomplete="username" required autofocus />
        <label for="password">{t.password}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <p>
          <button type="submit">{t.login}</button>
        </p>
      </form>
    </Layout>
  );
}

/** Only same-site relative paths, so the login form cannot redirect elsewhere. */
const safeNext = (v: unknown) => (typeof v === 'string' && /^\/(?!\/)[^\s\\]*$/.test(v) ? v : '/');

export function sessionPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const now = () => deps.clock?.() ?? new Date();
  const secure = deps.config.publicUrl.startsWith('https:');

  app.get('/login', (c) => c.html(<LoginPage c={c} demo={deps.config.demo} next={safeNext(c.req.query('next'))} />));

  // The login form has no session yet, so no CSRF token: SameSite=Lax cookies
  // and an Origin check (when the browser sends one) keep it from being forged.
  app.post('/login', async (c) => {
    const origin = c.req.header('origin');
    if (origin && origin !== new URL(c.req.url).origin && origin !== new URL(deps.config.publicUrl).origin) {
      return c.text('cross-site login refused', 403);
    }
    const form = await c.req.parseBody();
    const t = catalogue(c.get('lang'));
    const next = safeNext(form['next']);
    try {
      const s = await login(
        deps.db,
        {
          name: String(form['name'] ?? ''),
          password: String(form['password'] ?? ''),
          ip: clientIp(c, deps.config.trustProxy),
          userAgent: c.req.header('user-agent') ?? null,
          requestId: c.get('requestId'),
        },
        now(),
        deps.config.login,
        deps.config.sessionTtlMs,
      );
      setCookie(c, SESSION_COOKIE, s.sessionId, {
        httpOnly: true,
        sameSite: 'Lax',
        secure,
        path: '/',
        expires: s.expiresAt,
      });
      await syncLanguage(deps, c, String(form['name'] ?? ''), now());
      return c.redirect(next, 303);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      const msg = e instanceof TooManyRequests ? t.loginThrottled : t.loginFailed;
      c.status(e.status === 429 ? 429 : 401);
      return c.html(<LoginPage c={c} demo={deps.config.demo} error={msg} next={next} />);
    }
  });

  app.post('/logout', async (c) => {
    const sid = getCookie(c, SESSION_COOKIE);
    const p = c.get('principal');
    if (sid && p)
      await logout(
        deps.db,
        sid,
        { id: p.userId, name: p.name, ip: clientIp(c, deps.config.trustProxy), requestId: c.get('requestId') },
        now(),
      );
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/login', 303);
  });
  return app;
}
