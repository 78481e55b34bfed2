import { Hono } from 'hono';
import { Forbidden, Invalid, NotFound } from '../../domain/errors.ts';
import { scopeOf } from '../../domain/jurisdiction.ts';
import { boundsOf, formatWeek, parseWeek, renderDigestHtml, type DigestContent } from '../../domain/digest/index.ts';
import { isFutureWeek, weeksWithData } from '../../digest/weeks.ts';
import { digestTexts } from '../i18n/digest-texts.ts';
import { buildDigest, digestUrl } from '../../digest/build.ts';
import { listDigests, storedDigest } from '../../digest/digest-read.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { Page, fill, onPage, when } from './console-kit.tsx';
import { msg } from '../../domain/i18n/messages.ts';

// Past weekly digests (digest:read) and each one as its stored document:
// the same self-contained HTML that was e-mailed, printable on A4. A week
// not built yet is shown as a preview computed now (nothing is stored).
// District users see their district's digests; city-level users see all.

const PATH = '/digests';

export function digestPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get(
    PATH,
    onPage(deps, 'digest:read', PATH, async (x, c) => {
      const t = x.t.digestPage;
      const scope = scopeOf(x.p);
      const [rows, weeks] = await Promise.all([
        listDigests(deps.db, scope),
        weeksWithData(
          deps.db,
          scope.kind === 'district' ? { kind: 'district', district: scope.district } : { kind: 'all' },
          x.now,
        ),
      ]);
      const d = digestTexts(c.get('lang'));
      const built = new Set(
        rows.filter((r) => r.district === (scope.kind === 'district' ? scope.district : null)).map((r) => r.week),
      );
      const link = (week: string, district: string | null) =>
        `${PATH}/${week}${district === null ? '' : `?district=${encodeURIComponent(district)}`}`;
      const own = scope.kind === 'district' ? scope.district : null;
      return c.html(
        <Page x={x} deps={deps} title={t.title} current={PATH}>
          <h1>{t.title}</h1>
          <p class="muted">{t.intro}</p>
          <section aria-labelledby="weeks-with-data">
            <h2 id="weeks-with-data">{d.weeksTitle}</h2>
            <p class="muted">{d.weeksIntro}</p>
            <ul class="weeks">
              {weeks.map((w) => {
                const b = boundsOf(parseWeek(w.week));
                const weekName = (iso: string) =>
                  fill(d.week, { year: iso.slice(0, 4), n: String(Number(iso.slice(6))) });
                return (
                  <li data-week={w.week} data-current={w.current ? '1' : undefined}>
                    <a href={link(w.week, own)}>{w.current ? `${d.current} ${weekName(w.week)}` : weekName(w.week)}</a>{' '}
                    <small class="muted">
                      {fill(d.dates, { from: b.firstDay, to: b.lastDay })} ·{' '}
                      {built.has(w.week) && !w.current ? t.builtAt : d.preview}
                    </small>
                  </li>
                );
              })}
            </ul>
          </section>
          <h2>{d.stored}</h2>
          {rows.length === 0 ? (
            <p>{t.none}</p>
          ) : (
            <div class="scroll" role="region" tabindex={0} aria-label={t.title}>
              <table class="digests">
                <thead>
                  <tr>
                    <th scope="col">{t.week}</th>
                    <th scope="col">{t.scope}</th>
                    <th scope="col">{t.builtAt}</th>
                    <th scope="col">{t.published}</th>
                    <th scope="col">{t.emailed}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr data-week={r.week}>
                      <td>
                        <a href={link(r.week, r.district)}>{r.week}</a>
                      </td>
                      <td>{r.district ?? t.whole}</td>
                      <td>{when(r.built_at, x.t)}</td>
                      <td>{r.published_at ? when(r.published_at, x.t) : '—'}</td>
                      <td>{r.emailed_at ? when(r.emailed_at, x.t) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Page>,
      );
    }),
  );

  app.get(
    `${PATH}/:week`,
    onPage(
      deps,
      'digest:read',
      (c) => c.req.path,
      async (x, c) => {
        let week: ReturnType<typeof parseWeek>;
        try {
          week = parseWeek(c.req.param('week')!);
        } catch (e) {
          throw new NotFound(
            e instanceof Invalid ? e.message : 'no such week',
            undefined,
            e instanceof Invalid ? e.msg : msg('digest.not_found'),
          );
        }
        // A week that has not begun has no digest (and no figures to show).
        if (isFutureWeek(week, x.now)) throw new NotFound(digestTexts(c.get('lang')).future);
        const scope = scopeOf(x.p);
        const asked = c.req.query('district') ?? null;
        const district = scope.kind === 'district' ? scope.district : asked;
        if (scope.kind === 'district' && asked !== null && asked !== scope.district)
          throw new Forbidden('outside your jurisdiction', undefined, msg('auth.outside_jurisdiction'));
        // The stored document is the Chinese one that was e-mailed; other readers get the same stored figures in their language.
        const lang = c.get('lang');
        const stored = await storedDigest(deps.db, formatWeek(week), district);
        const url = digestUrl(deps.config.publicUrl, formatWeek(week), district);
        if (stored)
          return c.html(lang === 'zh' ? stored.html : renderDigestHtml(stored.content as DigestContent, { url, lang }));
        const preview = await buildDigest(deps.db, deps.config, {
          week,
          district,
          now: x.now,
          actor: x.p.name,
          store: false,
        });
        return c.html(lang === 'zh' ? preview.html : renderDigestHtml(preview.content, { url, lang }));
      },
    ),
  );

  return app;
}
