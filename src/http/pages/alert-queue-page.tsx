import { Hono } from 'hono';
import { raw } from 'hono/html';
import { scopeOf } from '../../domain/jurisdiction.ts';
import { roleHas } from '../../domain/roles.ts';
import { countByLevel, listAlertsPage } from '../../alerts/alerts-read.ts';
import { loadAlertDtos } from '../../alerts/alert-view.ts';
import { queueTexts } from '../i18n/queue-texts.ts';
import { transition } from '../../alerts/lifecycle.ts';
import { AppError } from '../../domain/errors.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { COUNTDOWN_SRC } from '../assets.ts';
import { alertTitle } from '../../domain/i18n/alert-text.ts';
import { catalogue, formatShanghai } from '../i18n/index.ts';
import { Layout } from './layout.tsx';
import { fill } from './console-kit.tsx';
import { listOpenFeedAlerts } from '../../alerts/feed-alerts-read.ts';
import { FeedAlertStrip, incidentQueue, VIEWS_CSS, ViewToggle } from './queue-views.tsx';
import {
  PAGE,
  LEVELS,
  RULES,
  SOURCES,
  SECTORS,
  requirePrincipal,
  writer,
  idList,
  queueUrl,
  STATUS_FILTERS,
} from './alert-page-kit.ts';
import { Level, NextDeadline, PAGE_CSS } from './alert-parts.tsx';

// The console's alert queue (the home page), server-rendered, and its bulk
// acknowledgement; filters are plain GET parameters, actions plain form posts.

export function alertQueuePage(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const now = () => deps.clock?.() ?? new Date();
  const actionDeps = { db: deps.db, publicUrl: deps.config.publicUrl };

  app.get('/', async (c) => {
    const p = requirePrincipal(c);
    if (!p) return c.redirect('/login', 303);
    const lang = c.get('lang');
    const t = catalogue(lang);
    const q = {
      level: LEVELS.find((l) => l === c.req.query('level')),
      status: STATUS_FILTERS.find((s) => s === c.req.query('status')) ?? 'open',
      rule: RULES.find((r) => r === c.req.query('rule')),
      mine: c.req.query('mine') === '1' ? '1' : undefined,
      sector: SECTORS.find((s) => s === c.req.query('sector')),
      street: c.req.query('street')?.trim().slice(0, 100) || undefined,
      source: SOURCES.find((s) => s === c.req.query('source')),
      after: c.req.query('after')?.slice(0, 400) || undefined,
    };
    const scope = scopeOf(p);
    const qt = queueTexts(lang);
    const feedAlerts = await listOpenFeedAlerts(deps.db, scope);
    if (c.req.query('view') === 'incidents') return incidentQueue(c, deps, p, feedAlerts, now());
    const filter = {
      status: q.status,
      rule: q.rule,
      assigneeId: q.mine ? p.userId : undefined,
      sector: q.sector,
      street: q.street,
      source: q.source,
    };
    const acked = idList(c.req.query('acked'));
    const skipped = idList(c.req.query('skipped'));
    const [page, counts, ackedDtos] = await Promise.all([
      listAlertsPage(deps.db, scope, { ...filter, level: q.level, limit: PAGE, after: q.after }, deps.config.publicUrl),
      // The chips count what each level would list under the other filters.
      countByLevel(deps.db, scope, filter),
      loadAlertDtos(deps.db, acked, deps.config.publicUrl),
    ]);
    const rows = page.alerts;
    const canWrite = roleHas(p.role, 'alerts:write');
    const at = now();
    const base = {
      level: q.level,
      status: q.status === 'open' ? undefined : q.status,
      rule: q.rule,
      mine: q.mine,
      sector: q.sector,
      street: q.street,
      source: q.source,
    };
    return c.html(
      <Layout
        t={t}
        lang={lang}
        title={t.alertQueue}
        principal={p}
        csrfToken={c.get('csrfToken')}
        demo={deps.config.demo}
      >
        <style>{raw(PAGE_CSS + VIEWS_CSS)}</style>
        <nav>
          <a href="/firms">{t.firmsLink}</a>
          {deps.config.demo ? (
            <>
              {' '}
              · <a href="/demo/inbox">{t.inboxLink}</a>
            </>
          ) : null}
        </nav>
        <h1>{t.alertQueue}</h1>
        <ViewToggle view="alerts" qt={qt} />
        <FeedAlertStrip alerts={feedAlerts} lang={lang} qt={qt} t={t} />
        {c.req.query('acked') !== undefined ? (
          <div class="flash ok" role="status" data-bulk-acked={String(acked.length)}>
            {acked.length === 0 ? (
              qt.bulkNone
            ) : (
              <>
                {fill(qt.bulkAcked, { n: acked.length })}
                <ul>
                  {acked.map((id) => (
                    <li>
                      <a href={`/alerts/${id}`}>#{id}</a> {ackedDtos.get(id)?.title ?? ''}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {skipped.length > 0 ? (
              <p data-bulk-skipped={String(skipped.length)}>
                {fill(qt.bulkSkipped, { n: skipped.length })}
                {skipped.map((id) => `#${id}`).join('、')}
              </p>
            ) : null}
          </div>
        ) : null}
        <p class="counts">
          {LEVELS.map((l) => (
            <a href={queueUrl({ ...base, level: l })}>
              <Level level={l} t={t} /> {counts[l]}
            </a>
          ))}
        </p>
        <form class="filters" method="get" action="/" role="search">
          <div>
            <label for="f-level">{t.filterLevel}</label>
            <select id="f-level" name="level">
              <option value="">{t.allOption}</option>
              {LEVELS.map((l) => (
                <option value={l} selected={q.level === l}>
                  {t.levels[l]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="f-status">{t.filterStatus}</label>
            <select id="f-status" name="status">
              {STATUS_FILTERS.map((s) => (
                <option value={s} selected={q.status === s}>
                  {s === 'open' ? t.openOption : s === 'all' ? t.allOption : t.statuses[s]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="f-rule">{t.filterRule}</label>
            <select id="f-rule" name="rule">
              <option value="">{t.allOption}</option>
              {RULES.map((r) => (
                <option value={r} selected={q.rule === r}>
                  {t.rules[r]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="f-sector">{t.filterSector}</label>
            <select id="f-sector" name="sector">
              <option value="">{t.allOption}</option>
              {SECTORS.map((s) => (
                <option value={s} selected={q.sector === s}>
                  {t.sectorNames[s as 'other'] ?? s}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="f-street">{t.filterStreet}</label>
            <input
              id="f-street"
              name="street"
              value={q.street ?? ''}
              size={10}
              list={p.streets.length > 0 ? 'f-streets' : undefined}
            />
            {p.streets.length > 0 ? (
              <datalist id="f-streets">
                {p.streets.map((s) => (
                  <option value={s} />
                ))}
              </datalist>
            ) : null}
          </div>
          <div>
            <label for="f-source">{t.filterSource}</label>
            <select id="f-source" name="source">
              <option value="">{t.allOption}</option>
              {SOURCES.map((s) => (
                <option value={s} selected={q.source === s}>
                  {t.sourceNames[s]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label>
              <input type="checkbox" name="mine" value="1" checked={q.mine === '1'} /> {t.mineOnly}
            </label>
          </div>
          <div>
            <button type="submit">{t.applyFilter}</button>
          </div>
        </form>
        {rows.length === 0 ? (
          <p>{t.alertsNone}</p>
        ) : (
          <form method="post" action="/alerts/bulk-ack">
            <input type="hidden" name="_csrf" value={c.get('csrfToken') ?? ''} />
            <input type="hidden" name="back" value={queueUrl({ ...base, after: q.after })} />
            <table class="queue">
              <thead>
                <tr>
                  {canWrite ? (
                    <th scope="col" class="c-select">
                      {t.select}
                    </th>
                  ) : null}
                  <th scope="col" class="c-level">
                    {t.filterLevel}
                  </th>
                  <th scope="col" class="c-alert">
                    {t.alertQueue}
                  </th>
                  <th scope="col" class="c-score">
                    {t.score}
                  </th>
                  <th scope="col" class="c-status">
                    {t.filterStatus}
                  </th>
                  <th scope="col" class="c-due">
                    {t.deadline}
                  </th>
                  <th scope="col" class="c-assignee">
                    {t.assignee}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr data-alert-id={String(a.id)}>
                    {canWrite ? (
                      <td class="c-select">
                        {a.status === 'open' ? (
                          <input type="checkbox" name="id" value={String(a.id)} aria-label={`${t.select} #${a.id}`} />
                        ) : null}
                      </td>
                    ) : null}
                    <td class="c-level">
                      <Level level={a.level} t={t} />
                      {a.overdue ? (
                        <>
                          {' '}
                          <span class="late">{t.overdue}</span>
                        </>
                      ) : null}
                    </td>
                    <td class="c-alert">
                      <a class="open" href={`/alerts/${a.id}`}>
                        {alertTitle(lang, a)}
                      </a>
                      <small>
                        <span data-firm>
                          {qt.firmLabel}
                          {t.p.colon}
                          {a.firm.name}
                        </span>{' '}
                        · {t.rules[a.rule as 'risk_level'] ?? a.rule} · {t.raisedAt}{' '}
                        {formatShanghai(new Date(a.raised_at))}
                      </small>
                    </td>
                    <td class="c-score">{a.score.toFixed(1)}</td>
                    <td class="c-status">{t.statuses[a.status as 'open'] ?? a.status}</td>
                    <td class="c-due">
                      <NextDeadline a={a} now={at} t={t} kinds={qt.deadlineKinds} />
                    </td>
                    <td class="c-assignee">{a.assignee?.name ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {canWrite ? (
              <p>
                <button type="submit">{t.bulkAck}</button>
              </p>
            ) : null}
          </form>
        )}
        <nav>
          {q.after ? <a href={queueUrl(base)}>{t.firstPage}</a> : null}
          {page.next ? (
            <>
              {' '}
              <a href={queueUrl({ ...base, after: page.next })} rel="next">
                {t.nextPage}
              </a>
            </>
          ) : null}
        </nav>
        <script src={COUNTDOWN_SRC}></script>
      </Layout>,
    );
  });

  app.post('/alerts/bulk-ack', async (c) => {
    const p = writer(c);
    if (!p) return c.redirect('/login', 303);
    const form = await c.req.parseBody({ all: true });
    const ids = [
      ...new Set(
        ([] as unknown[])
          .concat(form['id'] ?? [])
          .map(Number)
          .filter((n) => Number.isInteger(n) && n > 0),
      ),
    ].slice(0, 200);
    const acked: number[] = [];
    const skipped: number[] = [];
    for (const id of ids) {
      try {
        await transition(actionDeps, p, actorOf(c, deps), id, 'ack', now());
        acked.push(id);
      } catch (e) {
        if (!(e instanceof AppError)) throw e; // one already acknowledged by someone else does not stop the rest
        skipped.push(id);
      }
    }
    // Back to the queue as it was filtered, saying what was done (and what was not).
    const back = typeof form['back'] === 'string' && /^\/(\?[^\s\\]*)?$/.test(form['back']) ? form['back'] : '/';
    const u = new URL(back, 'http://x');
    u.searchParams.delete('acked');
    u.searchParams.delete('skipped');
    u.searchParams.set('acked', acked.join(','));
    if (skipped.length > 0) u.searchParams.set('skipped', skipped.join(','));
    return c.redirect(u.pathname + u.search, 303);
  });

  return app;
}
