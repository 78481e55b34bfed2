import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { catalogue } from '../i18n/index.ts';
import { errorTexts, knownStatus } from '../i18n/error-pages.ts';
import { Layout } from './layout.tsx';

// The console's error page: the status in words, what may have happened, the
// service's own detail, and links back. API paths keep the JSON body (errors.ts).

/** Paths answered in JSON whoever asks: the API, probes, scripts, demo feeds. */
export function isConsolePath(path: string): boolean {
  return !/^\/(api(\/|$)|healthz$|readyz$|metrics$|assets\/|demo\/feeds\/)/.test(path);
}

/** Where "back" goes: the same-site page the reader came from, else the queue. */
function backHref(c: Context<AppEnv>): string {
  const ref = c.req.header('referer');
  if (!ref) return '/';
  try {
    const u = new URL(ref);
    const self = new URL(c.req.url);
    return u.host === self.host && u.pathname !== c.req.path ? u.pathname + u.search : '/';
  } catch {
    return '/';
  }
}

export function errorPage(c: Context<AppEnv>, status: number, detail: string | null, demo: boolean) {
  const lang = c.get('lang') ?? 'zh';
  const t = catalogue(lang);
  const e = errorTexts(lang);
  const s = knownStatus(status);
  const back = backHref(c);
  return c.html(
    <Layout
      t={t}
      lang={lang}
      title={e.title[s]}
      principal={c.get('principal')}
      csrfToken={c.get('csrfToken')}
      demo={demo}
    >
      <section class="error-page" data-status={String(status)}>
        <h1>
          {status} · {e.title[s]}
        </h1>
        <p class="error" role="alert">
          {e.hint[s]}
        </p>
        {detail ? (
          <p>
            <small>
              {e.detail}
              {t.p.colon}
              <span data-detail>{detail}</span>
            </small>
          </p>
        ) : null}
        <p>
          <a href={back}>{e.back}</a>
          {back !== '/' ? (
            <>
              {' '}
              · <a href="/">{e.home}</a>
            </>
          ) : null}
        </p>
      </section>
    </Layout>,
    status as 400,
  );
}
