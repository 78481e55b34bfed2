// The queue's other views (issue 17): the incident view (incidents with
// their member alerts, toggled with `?view=incidents`), the open feed
// health alerts shown above the queue, and a feed alert's own page.

import { type Context, Hono } from 'hono';
import { raw } from 'hono/html';
import { type IncidentView, listIncidents } from '../../alerts/incidents-read.ts';
import type { Principal } from '../../domain/jurisdiction.ts';
import { COUNTDOWN_SRC } from '../assets.ts';
import { type FeedAlertView, getFeedAlert } from '../../alerts/feed-alerts-read.ts';
import { durationText } from '../../domain/alerts/feed-health.ts';
import { scopeOf } from '../../domain/jurisdiction.ts';
import { alertTitle } from '../../domain/i18n/alert-text.ts';
import { actorName, codeLabel, type Lang } from '../../domain/i18n/codes.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { catalogue, formatShanghai } from '../i18n/index.ts';
import type { Catalogue } from '../i18n/zh.ts';
import { queueTexts, type QueueTexts } from '../i18n/queue-texts.ts';
import { Countdown, Level, PAGE_CSS } from './alert-parts.tsx';
import { fill } from './console-kit.tsx';
import { Layout } from './layout.tsx';

/** Incidents listed at once (the most severe and recent first). */
const INCIDENTS_SHOWN = 50;

export const VIEWS_CSS = `
.views{display:flex;gap:.8rem;flex-wrap:wrap;align-items:baseline;margin:.3rem 0}.views [aria-current]{font-weight:600}
.feed-alerts{border:1px solid #f0b37e;background:#fff6ed;border-radius:6px;padding:.4rem .8rem;margin:.5rem 0}
.feed-alerts ul{margin:.2rem 0;padding-left:1.2rem}.feed-alerts li,.incident h2,.incident li{overflow-wrap:anywhere}
.incident{border-top:1px solid #d0d7de;padding:.5rem 0}.incident h2{font-size:1.05rem;margin:.2rem 0}
.incident ul{margin:.2rem 0;padding-left:1.2rem}.incident .meta{display:flex;flex-wrap:wrap;gap:.2rem .8rem;margin:.2rem 0}
.wrap,.wrap code{overflow-wrap:anywhere;word-break:break-all}
`;

/** The toggle between the alert and incident views, keeping nothing else. */
export function ViewToggle(p: { view: 'alerts' | 'incidents'; qt: QueueTexts }) {
  const cur = (v: string) => (p.view === v ? { 'aria-current': 'page' } : {});
  return (
    <p class="views" data-view={p.view}>
      <span>{p.qt.viewLabel}</span>
      <a href="/" {...cur('alerts')}>
        {p.qt.viewAlerts}
      </a>
      <a href="/?view=incidents" {...cur('incidents')}>
        {p.qt.viewIncidents}
      </a>
    </p>
  );
}

function feedProblemText(lang: Lang, qt: QueueTexts, f: FeedAlertView): string {
  const d = f.details;
  const extra =
    f.kind === 'failing' && typeof d['failures'] === 'number'
      ? fill(qt.feedFailures, { n: d['failures'] })
      : typeof d['usual_interval_minutes'] === 'number'
        ? fill(qt.feedUsual, { d: durationText(lang, d['usual_interval_minutes'] * 60_000) })
        : '';
  return [codeLabel(lang, 'feedAlertKind', f.kind), extra].filter(Boolean).join(' · ');
}

const sinceOf = (f: FeedAlertView): Date | null =>
  typeof f.details['since'] === 'string' ? new Date(f.details['since']) : null;

/** The open feed alerts above the queue (nothing when there are none). */
export function FeedAlertStrip(p: { alerts: readonly FeedAlertView[]; lang: Lang; qt: QueueTexts; t: Catalogue }) {
  if (p.alerts.length === 0) return null;
  return (
    <section class="feed-alerts" aria-label={p.qt.feedAlerts} data-feed-alerts={String(p.alerts.length)}>
      <strong>{p.qt.feedAlerts}</strong>
      <ul>
        {p.alerts.map((f) => {
          const since = sinceOf(f);
          return (
            <li data-feed-alert-id={String(f.id)}>
              <a href={`/feed-alerts/${f.id}`}>{f.feed.name}</a>
              {p.t.p.colon}
              {feedProblemText(p.lang, p.qt, f)}
              {since ? (
                <>
                  {' '}
                  · {p.qt.feedSince} {formatShanghai(since)}
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The incident view: each incident with its level, title, member count, lead alert, deadline and member alerts. */
export function IncidentList(p: {
  incidents: readonly IncidentView[];
  lang: Lang;
  qt: QueueTexts;
  t: Catalogue;
  now: Date;
  all: boolean;
}) {
  const { qt, t, lang } = p;
  return (
    <section class="incidents" data-incidents={String(p.incidents.length)}>
      <p>
        <a href={p.all ? '/?view=incidents' : '/?view=incidents&status=all'}>
          {p.all ? qt.incidentShowOpen : qt.incidentShowAll}
        </a>
      </p>
      {p.incidents.length === 0 ? (
        <p>{qt.incidentsNone}</p>
      ) : (
        p.incidents.map((i) => {
          const lead = i.alerts.find((a) => a.id === i.leadAlertId);
          // The stored title is Chinese; another language names the incident by its lead (or first) alert.
          const named = lead ?? i.alerts[0];
          const heading = lang === 'zh' || named === undefined ? i.title : alertTitle(lang, named);
          return (
            <article class="incident" data-incident-id={String(i.id)}>
              <h2>
                <Level level={i.level} t={t} /> {heading}
              </h2>
              <p class="meta">
                <span>{qt.incidentStates[i.status]}</span>
                <span data-members={String(i.memberCount)}>{fill(qt.incidentMembers, { n: i.memberCount })}</span>
                <span>
                  {qt.incidentOpened} {formatShanghai(i.openedAt)}
                </span>
                <span>
                  {t.deadline}
                  {t.p.colon}
                  {i.status === 'open' ? <Countdown due={i.dueAt} now={p.now} t={t} /> : '—'}
                </span>
              </p>
              <p>
                {qt.incidentLead}
                {t.p.colon}
                {lead ? (
                  <a href={`/alerts/${lead.id}`}>
                    #{lead.id} {alertTitle(lang, lead)}
                  </a>
                ) : i.leadAlertId ? (
                  `#${i.leadAlertId}`
                ) : (
                  '—'
                )}
              </p>
              <ul>
                {i.alerts.map((a) => (
                  <li data-alert-id={String(a.id)}>
                    <Level level={a.level} t={t} /> <a href={`/alerts/${a.id}`}>{alertTitle(lang, a)}</a>
                    <small>
                      {' '}
                      · {qt.firmLabel}
                      {t.p.colon}
                      {a.firm.name} · {t.statuses[a.status as 'open'] ?? a.status}
                    </small>
                  </li>
                ))}
              </ul>
            </article>
          );
        })
      )}
    </section>
  );
}

/** The queue as incidents (`/?view=incidents`; `&status=all`: closed ones too). */
export async function incidentQueue(
  c: Context<AppEnv>,
  deps: AppDeps,
  p: Principal,
  feedAlerts: readonly FeedAlertView[],
  now: Date,
) {
  const lang = c.get('lang');
  const t = catalogue(lang);
  const qt = queueTexts(lang);
  const all = c.req.query('status') === 'all';
  const incidents = await listIncidents(
    deps.db,
    scopeOf(p),
    { status: all ? 'all' : 'open', limit: INCIDENTS_SHOWN },
    deps.config.publicUrl,
  );
  return c.html(
    <Layout
      t={t}
      lang={lang}
      title={`${t.alertQueue} · ${qt.viewIncidents}`}
      principal={p}
      csrfToken={c.get('csrfToken')}
      demo={deps.config.demo}
    >
      <style>{raw(PAGE_CSS + VIEWS_CSS)}</style>
      <h1>{t.alertQueue}</h1>
      <ViewToggle view="incidents" qt={qt} />
      <FeedAlertStrip alerts={feedAlerts} lang={lang} qt={qt} t={t} />
      <IncidentList incidents={incidents} lang={lang} qt={qt} t={t} now={now} all={all} />
      <script src={COUNTDOWN_SRC}></script>
    </Layout>,
  );
}

/** A feed alert's page: the feed, the problem, and its timeline. */
export function feedAlertPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/feed-alerts/:id{[0-9]+}', async (c) => {
    const p = c.get('principal');
    if (!p) return c.redirect('/login', 303);
    const lang = c.get('lang');
    const t = catalogue(lang);
    const qt = queueTexts(lang);
    const f = await getFeedAlert(deps.db, scopeOf(p), Number(c.req.param('id')));
    const since = sinceOf(f);
    const notified = (d: Record<string, unknown>) =>
      Array.isArray(d['users']) ? (d['users'] as unknown[]).map(String) : [];
    const title = `${qt.feedAlert} #${f.id}${t.p.colon}${f.feed.name}`;
    return c.html(
      <Layout t={t} lang={lang} title={title} principal={p} csrfToken={c.get('csrfToken')} demo={deps.config.demo}>
        <style>{raw(PAGE_CSS + VIEWS_CSS)}</style>
        <p>
          <a href="/">{t.back}</a>
        </p>
        <h1>{title}</h1>
        <p data-feed-alert-state={f.resolvedAt ? 'recovered' : 'open'}>
          {feedProblemText(lang, qt, f)}
          {since ? (
            <>
              {' '}
              · {qt.feedSince} {formatShanghai(since)}
            </>
          ) : null}{' '}
          ·{' '}
          {f.resolvedAt ? (
            <>
              {qt.feedRecoveredAt} {formatShanghai(f.resolvedAt)}
            </>
          ) : (
            qt.feedOpen
          )}
        </p>
        {typeof f.details['last_error'] === 'string' ? (
          <p class="wrap">
            {qt.feedLastError}
            {t.p.colon}
            <code>{f.details['last_error']}</code>
          </p>
        ) : null}
        <p>
          <a href="/feeds">
            {qt.feedLabel}
            {t.p.colon}
            {f.feed.name}
          </a>
        </p>
        <section>
          <h2>{t.timeline}</h2>
          <ol class="timeline">
            {f.timeline.map((e) => (
              <li>
                <time datetime={e.at.toISOString()}>{formatShanghai(e.at)}</time> ·{' '}
                {codeLabel(lang, 'timelineKind', e.kind)} · {actorName(lang, e.actor)}
                {e.kind === 'notified' ? (
                  <>
                    {' '}
                    ·{' '}
                    <small>
                      {qt.feedNotified}
                      {t.p.colon}
                      {notified(e.details).join(t.p.list) || qt.nobody}
                    </small>
                  </>
                ) : null}
                {(e.kind === 'raised' || e.kind === 'updated') && typeof e.details['kind'] === 'string' ? (
                  <>
                    {' '}
                    · <small>{codeLabel(lang, 'feedAlertKind', e.details['kind'])}</small>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      </Layout>,
    );
  });
  return app;
}
