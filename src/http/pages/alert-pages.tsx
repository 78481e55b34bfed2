import { Hono } from 'hono';
import { DISPOSITION_ACTIONS, DISPOSITION_EN, DISPOSITION_ZH } from '../../domain/alerts/disposition.ts';
import { raw } from 'hono/html';
import type { Context } from 'hono';
import { scopeOf, type Principal } from '../../domain/jurisdiction.ts';
import { roleHas } from '../../domain/roles.ts';
import { countByLevel, getAlert, listAlertsPage, opinionEvidence } from '../../alerts/alerts-read.ts';
import { loadAlertDtos } from '../../alerts/alert-view.ts';
import { queueTexts } from '../i18n/queue-texts.ts';
import { SECTOR } from '../../domain/values/enums.ts';
import { addNote, assign, transition } from '../../alerts/lifecycle.ts';
import {
  ALERT_STATUSES,
  DISMISS_REASONS,
  type DismissReason,
  isOpenStatus,
  type Transition,
} from '../../domain/alerts/states.ts';
import { firmRisk } from '../../scoring/risk-read.ts';
import { AppError, Forbidden } from '../../domain/errors.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { COUNTDOWN_SRC } from '../assets.ts';
import { actorName, codeLabel } from '../../domain/i18n/codes.ts';
import { dateText, describeFacts, describeTimeline } from '../../domain/i18n/describe.ts';
import { alertTitle } from '../../domain/i18n/alert-text.ts';
import { catalogue, formatShanghai } from '../i18n/index.ts';
import { Layout } from './layout.tsx';
import { coded, msg } from '../../domain/i18n/messages.ts';
import { fill } from './console-kit.tsx';
import { activeCaseOfFirm } from '../../credit/credit-read.ts';
import { alertDeliveries } from '../../delivery/endpoints.ts';
import { listOpenFeedAlerts } from '../../alerts/feed-alerts-read.ts';
import { FeedAlertStrip, incidentQueue, VIEWS_CSS, ViewToggle } from './queue-views.tsx';

// The console's alert queue (the home page) and alert detail, server-
// rendered; every action is a plain form post (CSRF token included) that
// redirects back, so the pages work without JavaScript. A few lines of
// script only tick the deadline countdowns.

const PAGE = 50;
const LEVELS = ['red', 'orange', 'yellow', 'blue'] as const;
const RULES = [
  'major_opinion',
  'collective_action',
  'collective_wage_petition',
  'overdue_wage_order',
  'risk_level',
] as const;
const STATUS_FILTERS = ['all', ...ALERT_STATUSES] as const;
const SOURCES = ['opinion', 'labor'] as const;
const SECTORS = SECTOR.codes as readonly string[];

import { Countdown, FeedEvidence, Level, NextDeadline, PAGE_CSS, safeHref } from './alert-parts.tsx';

function requirePrincipal(c: Context<AppEnv>): Principal | null {
  return c.get('principal') ?? null;
}

/** Form posts change alerts: the same permission as the API's. */
function writer(c: Context<AppEnv>): Principal | null {
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
function idList(v: string | undefined): number[] {
  return (v ?? '')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0)
    .slice(0, 200);
}

function queueUrl(q: Record<string, string | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) u.set(k, v);
  const s = u.toString();
  return s ? `/?${s}` : '/';
}

export function alertPages(deps: AppDeps) {
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

  app.get('/alerts/:id{[0-9]+}', async (c) => {
    const p = requirePrincipal(c);
    if (!p) return c.redirect('/login', 303);
    const lang = c.get('lang');
    const t = catalogue(lang);
    const a = await getAlert(deps.db, scopeOf(p), Number(c.req.param('id')), deps.config.publicUrl);
    const risk = await firmRisk(deps.db, scopeOf(p), String(a.firm.id));
    const itemIds = [
      ...new Set(
        [...a.evidence, ...risk.evidence]
          .filter(
            (e): e is { source: string; id: number } =>
              typeof e === 'object' &&
              e !== null &&
              (e as { source?: unknown }).source === 'opinion' &&
              Number.isInteger((e as { id?: unknown }).id),
          )
          .map((e) => e.id),
      ),
    ].slice(0, 20);
    const items = await opinionEvidence(deps.db, a.firm.id, itemIds);
    // What was pushed about this alert, and how it went (endpoints' URLs stay hidden: robots keep their keys there).
    const deliveries = await alertDeliveries(deps.db, a.id);
    const csrf = c.get('csrfToken') ?? '';
    const canWrite = roleHas(p.role, 'alerts:write');
    const open = isOpenStatus(a.status);
    const post = (action: string, label: string, extra?: unknown) => (
      <form method="post" action={`/alerts/${a.id}/${action}`}>
        <input type="hidden" name="_csrf" value={csrf} />
        {extra}
        <button type="submit">{label}</button>
      </form>
    );
    const comps = risk.score?.components;
    // An overdue pay order may make the firm a credit-list candidate: link to its case (or propose it from here).
    const creditCase =
      a.rule === 'overdue_wage_order' && roleHas(p.role, 'credit:read')
        ? await activeCaseOfFirm(deps.db, a.firm.id)
        : undefined;
    return c.html(
      <Layout t={t} lang={lang} title={alertTitle(lang, a)} principal={p} csrfToken={csrf} demo={deps.config.demo}>
        <style>{raw(PAGE_CSS)}</style>
        <p>
          <a href="/">{t.back}</a>
        </p>
        <h1>
          <Level level={a.level} t={t} /> {alertTitle(lang, a)}
        </h1>
        <p>
          {t.firm}
          {t.p.colon}
          <a href={`/firms/${a.firm.id}`}>{a.firm.name}</a>
          {a.firm.uscc ? `${t.p.open}${a.firm.uscc}${t.p.close}` : ''} · {t.filterStatus}
          {t.p.colon}
          {t.statuses[a.status as 'open'] ?? a.status}
          {a.overdue ? (
            <>
              {' '}
              · <span class="late">{t.overdue}</span>
            </>
          ) : null}{' '}
          · {t.assignee}
          {t.p.colon}
          {a.assignee?.name ?? '—'}
        </p>
        <p>
          {t.raisedAt} {formatShanghai(new Date(a.raised_at))} · {t.dueAck}{' '}
          {a.ack_due_at ? formatShanghai(new Date(a.ack_due_at)) : '—'} · {t.dueHandle}{' '}
          {a.handle_due_at ? formatShanghai(new Date(a.handle_due_at)) : '—'}
          {open ? (
            <>
              {' '}
              · <Countdown due={a.due_at} now={now()} t={t} />
            </>
          ) : null}
        </p>
        {comps ? (
          <section>
            <h2>
              {t.components}
              {t.p.open}
              {t.score} {risk.score!.score.toFixed(1)}
              {t.p.close}
            </h2>
            <svg role="img" aria-label={t.components} width="420" height="110" viewBox="0 0 420 110" class="bar">
              {(['inspections', 'petitions', 'opinion', 'affiliation'] as const).map((k, i) => (
                <g transform={`translate(0,${i * 26})`}>
                  <text x="0" y="16">
                    {t.componentNames[k]}
                  </text>
                  <rect x="110" y="4" width={Math.max(1, comps[k] * 2.6)} height="16" fill="#0b5cad" />
                  <text x={116 + comps[k] * 2.6} y="16">
                    {comps[k].toFixed(1)}
                  </text>
                </g>
              ))}
            </svg>
          </section>
        ) : null}
        <section>
          <h2>{t.evidence}</h2>
          <ul class="evidence">
            {risk.evidence.map((e) => (
              <li>
                {codeLabel(lang, 'recordSource', e.source)} {e.recordId ?? ''} · {dateText(e.date)} ·{' '}
                {e.source === 'opinion' ? (
                  safeHref(e.facts.link) ? (
                    <a href={safeHref(e.facts.link)!} rel="noopener noreferrer nofollow">
                      {String(e.facts.title ?? '')}
                    </a>
                  ) : (
                    String(e.facts.title ?? '')
                  )
                ) : (
                  describeFacts(lang, e.source, e.facts)
                )}
              </li>
            ))}
          </ul>
          {items.length > 0 ? (
            <>
              <h3>{t.opinionEvidence}</h3>
              {items.map((e) => (
                <FeedEvidence e={e} t={t} />
              ))}
            </>
          ) : null}
        </section>
        {creditCase ? (
          <section class="credit-case" data-credit-case={String(creditCase.id)}>
            <h2>{creditCase.state === 'candidate' ? t.creditPage.alertCandidate : t.creditPage.alertCase}</h2>
            <p>
              <a href={`/credit/cases/${creditCase.id}`}>
                {t.creditPage.openCase} #{creditCase.id}
                {t.p.open}
                {t.creditStates[creditCase.state as 'candidate'] ?? creditCase.state}
                {t.p.close}
              </a>
            </p>
            {creditCase.state === 'candidate' && roleHas(p.role, 'credit:propose') ? (
              <form method="post" action={`/credit/cases/${creditCase.id}/propose`}>
                <input type="hidden" name="_csrf" value={csrf} />
                <label for="credit-basis">{t.creditPage.basisLabel}</label>
                <textarea id="credit-basis" name="basis" required maxlength={4000} rows={2} />
                <button type="submit">{t.creditPage.proposeHere}</button>
              </form>
            ) : null}
          </section>
        ) : null}
        {canWrite && open ? (
          <section class="actions">
            <h2>{t.actions}</h2>
            {a.status === 'open' ? post('ack', t.ack) : null}
            {a.status !== 'in_progress' ? post('start', t.start) : null}
            {post(
              'resolve',
              t.resolve,
              a.rule === 'major_opinion' ? (
                <fieldset>
                  <legend>{lang === 'en' ? 'What was done' : '处置措施'}</legend>
                  {DISPOSITION_ACTIONS.map((d) => (
                    <label class="check">
                      <input type="checkbox" name="actions" value={d} />{' '}
                      {(lang === 'en' ? DISPOSITION_EN : DISPOSITION_ZH)[d]}
                    </label>
                  ))}
                </fieldset>
              ) : undefined,
            )}
            {post(
              'dismiss',
              t.dismiss,
              <>
                <label for="dismiss-reason">{t.dismissReason}</label>
                <select id="dismiss-reason" name="reason" required>
                  <option value="">—</option>
                  {DISMISS_REASONS.map((r) => (
                    <option value={r}>{t.dismissReasons[r]}</option>
                  ))}
                </select>{' '}
              </>,
            )}
            {post(
              'notes',
              t.addNote,
              <>
                <label for="note">{t.note}</label>
                <input id="note" name="note" required maxlength={2000} size={40} />{' '}
              </>,
            )}
            {post(
              'assign',
              t.assign,
              <>
                <label for="assignee">{t.assignTo}</label>
                <input id="assignee" name="user" required size={20} />{' '}
              </>,
            )}
          </section>
        ) : null}
        <section>
          <h2>{t.timeline}</h2>
          <ol class="timeline">
            {a.timeline.map((e) => (
              <li>
                <time datetime={e.at}>{formatShanghai(new Date(e.at))}</time> ·{' '}
                {codeLabel(lang, 'timelineKind', e.kind)} · {actorName(lang, e.actor)}
                {describeTimeline(lang, e.kind, e.details) ? (
                  <>
                    {' '}
                    · <small>{describeTimeline(lang, e.kind, e.details)}</small>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
        <section>
          <h2>{t.deliveriesTitle}</h2>
          {deliveries.length === 0 ? (
            <p>{t.deliveriesNone}</p>
          ) : (
            <div class="scroll" role="region" tabindex={0} aria-label={t.deliveriesTitle}>
              <table class="deliveries">
                <thead>
                  <tr>
                    <th scope="col">{t.raisedAt}</th>
                    <th scope="col">{t.eventType}</th>
                    <th scope="col">{t.endpoint}</th>
                    <th scope="col">{t.filterStatus}</th>
                    <th scope="col">{t.attempts}</th>
                    <th scope="col">{t.lastError}</th>
                  </tr>
                </thead>
                <tbody>
                  {deliveries.map((d) => (
                    <tr>
                      <td>{formatShanghai(d.created_at)}</td>
                      <td>{codeLabel(lang, 'eventType', d.event_type)}</td>
                      <td>
                        {codeLabel(lang, 'channelKind', d.kind)}
                        {d.label ? ` · ${d.label}` : ''}
                      </td>
                      <td>{t.deliveryStatuses[d.status as 'pending'] ?? d.status}</td>
                      <td>{d.attempts}</td>
                      <td>{d.last_error ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <script src={COUNTDOWN_SRC}></script>
      </Layout>,
    );
  });

  // Form posts of the detail page: the same service calls as the API.
  app.post('/alerts/:id{[0-9]+}/:action', async (c) => {
    const p = writer(c);
    if (!p) return c.redirect('/login', 303);
    const id = Number(c.req.param('id'));
    const action = c.req.param('action');
    const form = await c.req.parseBody({ all: true });
    const note =
      typeof form['note'] === 'string' && form['note'].trim() ? form['note'].trim().slice(0, 2000) : undefined;
    const actor = actorOf(c, deps);
    if (action === 'ack' || action === 'start' || action === 'resolve') {
      const picked = [form['actions']].flat().filter((v): v is string => typeof v === 'string');
      const actions = DISPOSITION_ACTIONS.filter((d) => picked.includes(d)).map((d) => ({ action: d }));
      await transition(actionDeps, p, actor, id, action as Transition, now(), { note, actions });
    } else if (action === 'dismiss') {
      const reason = DISMISS_REASONS.find((r) => r === form['reason']) as DismissReason | undefined;
      await transition(actionDeps, p, actor, id, 'dismiss', now(), { reason, note });
    } else if (action === 'notes' && note) await addNote(actionDeps, p, actor, id, note, now());
    else if (action === 'assign' && typeof form['user'] === 'string')
      await assign(actionDeps, p, actor, id, form['user'].trim(), now());
    else return c.redirect(`/alerts/${id}`, 303);
    return c.redirect(`/alerts/${id}`, 303);
  });

  return app;
}
