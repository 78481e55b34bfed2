import { Hono } from 'hono';
import { scopeOf } from '../../domain/jurisdiction.ts';
import { listFirms } from '../../firms/firms-repo.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { catalogue } from '../i18n/index.ts';
import { codeLabel, PUNCT } from '../../domain/i18n/codes.ts';
import { Layout } from './layout.tsx';

/** Firm search: the firms you cover (the home page is the alert queue). */
export function homePages(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/firms', async (c) => {
    const p = c.get('principal');
    if (!p) return c.redirect('/login?next=/firms', 303);
    const lang = c.get('lang');
    const t = catalogue(lang);
    const q = c.req.query('q')?.slice(0, 100) || undefined;
    const firms = await listFirms(deps.db, scopeOf(p), { q, limit: 50 });
    return c.html(
      <Layout t={t} lang={lang} title={t.welcome} principal={p} csrfToken={c.get('csrfToken')} demo={deps.config.demo}>
        <h1>
          {t.welcome}
          {PUNCT[lang].comma}
          {p.name}
        </h1>
        <p>
          <a href="/">{t.alertQueue}</a> · <a href="/api/docs">{t.apiDocs}</a>
        </p>
        <form method="get" action="/firms" role="search">
          <label for="q">{t.firmSearch}</label>
          <input id="q" name="q" value={q ?? ''} size={40} /> <button type="submit">{t.search}</button>
        </form>
        <h2>{t.firmsInScope}</h2>
        <div class="scroll" role="region" tabindex={0} aria-label={t.firmsInScope}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.uscc}</th>
                <th scope="col">{t.sector}</th>
                <th scope="col">{t.firmRole}</th>
                <th scope="col">{t.street}</th>
              </tr>
            </thead>
            <tbody>
              {firms.map((f) => (
                <tr>
                  <td>
                    <a href={`/firms/${f.id}`}>{f.name}</a>
                  </td>
                  <td>{f.uscc ?? '—'}</td>
                  <td>{codeLabel(lang, 'sector', f.sector)}</td>
                  <td>{codeLabel(lang, 'firmRole', f.role)}</td>
                  <td>{f.street ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Layout>,
    );
  });
  return app;
}
