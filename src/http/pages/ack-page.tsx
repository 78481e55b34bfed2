// The phone page behind an acknowledge link (/a/{code}): no password, one
// action. GET shows the alert and a button; only the POST acknowledges, so
// link scanners and chat previews that fetch the URL change nothing.
import { Hono, type Context } from 'hono';
import { ackLinkKey } from '../../crypto/ack-token.ts';
import { acknowledgeByLink, type LinkView, readAckLink } from '../../alerts/ack-by-link.ts';
import { AppError } from '../../domain/errors.ts';
import { clientIp } from '../auth.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { catalogue, formatShanghai } from '../i18n/index.ts';
import { Layout } from './layout.tsx';

const CSS =
  '.ack{max-width:28rem;margin:1rem auto}.ack dl{display:grid;grid-template-columns:auto 1fr;gap:.2rem .8rem}.ack button{width:100%;padding:.8rem;font-size:1.1rem}.ok{color:#1a7f37}';

function AckPage(p: {
  c: Context<AppEnv>;
  deps: AppDeps;
  code: string;
  view: LinkView | null;
  message?: string | undefined;
  error?: string | undefined;
}) {
  const lang = p.c.get('lang');
  const t = catalogue(lang);
  const v = p.view;
  const problem = !v
    ? t.ackPage.invalid
    : v.problem
      ? t.ackPage[v.problem]
      : v.purpose === 'open'
        ? t.ackPage.openOnly
        : null;
  return (
    <Layout t={t} lang={lang} title={t.ackPage.title} demo={p.deps.config.demo}>
      <style>{CSS}</style>
      <section class="ack">
        <h1>{t.ackPage.title}</h1>
        {v && (
          <>
            <p>
              {t.ackPage.hello}
              {v.user.name}
            </p>
            <p>
              <strong>{v.alert.title}</strong>
            </p>
            <dl>
              <dt>{t.ackPage.firm}</dt>
              <dd>{v.alert.firm}</dd>
              <dt>{t.ackPage.level}</dt>
              <dd>{t.levels[v.alert.level as 'red'] ?? v.alert.level}</dd>
              <dt>{t.ackPage.raised}</dt>
              <dd>{formatShanghai(v.alert.raisedAt)}</dd>
              <dt>{t.ackPage.status}</dt>
              <dd>{t.statuses[v.alert.status as 'open'] ?? v.alert.status}</dd>
              <dt>{t.ackPage.via}</dt>
              <dd>{t.ackChannels[v.channel as 'sms'] ?? v.channel}</dd>
            </dl>
          </>
        )}
        {p.message && (
          <p class="ok" role="status">
            {p.message}
          </p>
        )}
        {p.error && (
          <p class="error" role="alert">
            {t.ackPage.failed}
            {p.error}
          </p>
        )}
        {!p.message && problem && (
          <p class="error" role="alert">
            {problem}
          </p>
        )}
        {v && !p.message && !v.problem && v.purpose === 'ack' && (
          <form method="post" action={`/a/${p.code}`}>
            {/* A signed-in browser carries its session: then the form needs its CSRF token too. */}
            {p.c.get('csrfToken') && <input type="hidden" name="_csrf" value={p.c.get('csrfToken')} />}
            <button type="submit">{t.ackPage.button}</button>
          </form>
        )}
        {v && (
          <p>
            <a href={`/alerts/${v.alert.id}`}>{t.ackPage.console}</a>
          </p>
        )}
      </section>
    </Layout>
  );
}

export function ackPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const key = ackLinkKey(deps.secretKey);
  const now = () => deps.clock?.() ?? new Date();
  const noStore = (c: Context<AppEnv>) => {
    c.header('cache-control', 'no-store');
    c.header('x-robots-tag', 'noindex');
  };

  app.get('/a/:code', async (c) => {
    noStore(c);
    const code = c.req.param('code');
    const view = await readAckLink(deps.db, key, code, now());
    return c.html(<AckPage c={c} deps={deps} code={code} view={view} />, view ? 200 : 404);
  });

  app.post('/a/:code', async (c) => {
    noStore(c);
    const code = c.req.param('code');
    const t = catalogue(c.get('lang'));
    try {
      const view = await acknowledgeByLink(
        { db: deps.db, publicUrl: deps.config.publicUrl },
        key,
        code,
        now(),
        clientIp(c, deps.config.trustProxy),
      );
      c.get('log').info(
        { alert: view.alert.id, user: view.user.name, channel: view.channel },
        'alert acknowledged by link',
      );
      return c.html(<AckPage c={c} deps={deps} code={code} view={view} message={t.ackPage.done} />);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const view = await readAckLink(deps.db, key, code, now());
      return c.html(
        <AckPage c={c} deps={deps} code={code} view={view} error={view?.problem ? undefined : err.message} />,
        err.status as 403,
      );
    }
  });
  return app;
}
