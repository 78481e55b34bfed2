import { Hono } from 'hono';
import { DISPOSITION_ACTIONS, DISPOSITION_EN, DISPOSITION_ZH } from '../../domain/alerts/disposition.ts';
import { raw } from 'hono/html';
import { scopeOf } from '../../domain/jurisdiction.ts';
import { roleHas } from '../../domain/roles.ts';
import { getAlert, opinionEvidence } from '../../alerts/alerts-read.ts';
import { addNote, assign, transition } from '../../alerts/lifecycle.ts';
import { DISMISS_REASONS, type DismissReason, isOpenStatus, type Transition } from '../../domain/alerts/states.ts';
import { firmRisk } from '../../scoring/risk-read.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { COUNTDOWN_SRC } from '../assets.ts';
import { actorName, codeLabel } from '../../domain/i18n/codes.ts';
import { dateText, describeFacts, describeTimeline } from '../../domain/i18n/describe.ts';
import { alertTitle } from '../../domain/i18n/alert-text.ts';
import { catalogue, formatShanghai } from '../i18n/index.ts';
import { Layout } from './layout.tsx';
import { activeCaseOfFirm } from '../../credit/credit-read.ts';
import { alertDeliveries } from '../../delivery/endpoints.ts';
import { requirePrincipal, writer } from './alert-page-kit.ts';
import { Countdown, FeedEvidence, Level, PAGE_CSS, safeHref } from './alert-parts.tsx';

// The console's alert detail: score components, evidence, actions and
// timeline. Every action is a plain form post (CSRF token included) that
// redirects back, so the page works without JavaScript; a few lines of
// script only tick the deadline countdowns.

export function alertDetailPage(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const now = () => deps.clock?.() ?? new Date();
  const actionDeps = { db: deps.db, publicUrl: deps.config.publicUrl };

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
