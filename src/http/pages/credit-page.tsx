import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { scopeOf } from '../../domain/jurisdiction.ts';
import { NotFound } from '../../domain/errors.ts';
import { ACTIVE_STATES, renderCreditDocument, type PrintableKind } from '../../domain/credit/index.ts';
import {
  caseHistories,
  countCases,
  creditConfigOf,
  documentCaseOf,
  getCase,
  listCases,
} from '../../credit/credit-read.ts';
import { applyCreditAction } from '../../credit/workflow.ts';
import { refreshCandidates } from '../../credit/candidates.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { inputOf } from './credit-step-fields.tsx';
import {
  attempt,
  can,
  Csrf,
  fill,
  Flash,
  Page,
  onPage,
  pageCtx,
  type PageCtx,
  readForm,
  errText,
} from './console-kit.tsx';
import {
  PATH,
  STEPS,
  CLOSED,
  ACTIVE_SHOWN,
  CLOSED_SHOWN,
  PAGE_CSS,
  stateName,
  actionName,
  CaseCard,
} from './credit-case-card.tsx';

// The credit-list pipeline (人社部令第45号): candidates and cases by state,
// each with its evidence, history and the steps the user may take, as plain
// form posts into the same workflow as the API (applyCreditAction). The
// workflow decides: a refused step (role, two-person rule, deadline) comes
// back as the page with the reason in a role="alert" box.

export function creditPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const creditDeps = () => ({ db: deps.db, calendar: deps.config.sla.calendar, credit: creditConfigOf(deps.config) });

  async function renderList(
    x: PageCtx,
    flash: { error?: string; notice?: string } = {},
    status: ContentfulStatusCode = 200,
  ) {
    const s = x.t.creditPage;
    // Every case still going (one per firm at most), and the latest closed ones: closed cases pile up over the years.
    const [active, closed, closedTotal] = await Promise.all([
      listCases(deps.db, scopeOf(x.p), { states: ACTIVE_STATES, limit: ACTIVE_SHOWN }),
      listCases(deps.db, scopeOf(x.p), { states: CLOSED, limit: CLOSED_SHOWN, newestFirst: true }),
      countCases(deps.db, scopeOf(x.p), CLOSED),
    ]);
    const history = await caseHistories(
      deps.db,
      active.map((r) => r.id),
    );
    return x.c.html(
      <Page x={x} deps={deps} title={s.title} current={PATH}>
        <style>{PAGE_CSS}</style>
        <h1>{s.title}</h1>
        <p class="muted">{s.intro}</p>
        <Flash x={x} {...flash} />
        {can(x, 'credit:propose') ? (
          <form method="post" action={`${PATH}/refresh`}>
            <Csrf x={x} />
            <button type="submit">{s.refresh}</button>
          </form>
        ) : null}
        <h2>{s.pipeline}</h2>
        <ul class="pipeline">
          {ACTIVE_STATES.map((st) => (
            <li>
              <a href={`#state-${st}`}>
                {stateName(x, st)} <strong>{active.filter((r) => r.state === st).length}</strong>
              </a>
            </li>
          ))}
        </ul>
        {ACTIVE_STATES.map((st) => {
          const list = active.filter((r) => r.state === st);
          return (
            <section id={`state-${st}`} data-state={st}>
              <h2>
                {stateName(x, st)}
                {x.t.p.open}
                {list.length}
                {x.t.p.close}
              </h2>
              {list.length === 0 ? (
                <p class="muted">{s.none}</p>
              ) : (
                list.map((r) => <CaseCard x={x} deps={deps} row={r} history={history.get(r.id) ?? []} />)
              )}
            </section>
          );
        })}
        <section>
          <h2>
            {s.closed}
            {x.t.p.open}
            {closedTotal}
            {x.t.p.close}
          </h2>
          {closedTotal > closed.length ? <p class="muted">{fill(s.latestShown, { n: closed.length })}</p> : null}
          {closed.length === 0 ? (
            <p class="muted">{s.none}</p>
          ) : (
            <div class="scroll" role="region" tabindex={0} aria-label={s.closed}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{s.case}</th>
                    <th scope="col">{x.t.firm}</th>
                    <th scope="col">{x.t.common.status}</th>
                    <th scope="col">{s.closedReason}</th>
                  </tr>
                </thead>
                <tbody>
                  {closed.map((r) => (
                    <tr data-case-id={String(r.id)}>
                      <td>
                        <a href={`${PATH}/cases/${r.id}`}>#{r.id}</a>
                      </td>
                      <td>{r.firm_name}</td>
                      <td>{stateName(x, r.state)}</td>
                      <td>{r.removal_reason ?? r.closed_reason ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </Page>,
      status,
    );
  }

  async function renderCase(
    x: PageCtx,
    id: number,
    flash: { error?: string; notice?: string } = {},
    status: ContentfulStatusCode = 200,
  ) {
    const s = x.t.creditPage;
    const found = await attempt(() => getCase(deps.db, scopeOf(x.p), id));
    if (!found.ok) {
      return x.c.html(
        <Page x={x} deps={deps} title={s.title} current={PATH}>
          <p>
            <a href={PATH}>{s.backToList}</a>
          </p>
          <h1>{s.title}</h1>
          <p class="flash err" role="alert">
            {found.error instanceof NotFound ? s.notFound : errText(x, found.error)}
          </p>
        </Page>,
        found.error.status,
      );
    }
    const history = await caseHistories(deps.db, [id]);
    return x.c.html(
      <Page x={x} deps={deps} title={`${s.case} #${id} · ${found.value.firm_name}`} current={PATH}>
        <style>{PAGE_CSS}</style>
        <p>
          <a href={PATH}>{s.backToList}</a>
        </p>
        <h1>
          {s.case} #{id} · {found.value.firm_name}
        </h1>
        <Flash x={x} {...flash} />
        <CaseCard x={x} deps={deps} row={found.value} history={history.get(id) ?? []} open />
      </Page>,
      status,
    );
  }

  app.get(
    PATH,
    onPage(deps, 'credit:read', PATH, async (x, c) => {
      const q = (k: string) => c.req.query(k) ?? '0';
      return renderList(
        x,
        c.req.query('done') === 'refreshed'
          ? {
              notice: fill(x.t.creditPage.refreshed, {
                created: q('created'),
                updated: q('updated'),
                lapsed: q('lapsed'),
              }),
            }
          : {},
      );
    }),
  );

  app.post(
    `${PATH}/refresh`,
    onPage(deps, 'credit:propose', PATH, async (x, c) => {
      const d = creditDeps();
      const r = await refreshCandidates(deps.db, d.credit, d.calendar, x.now);
      return c.redirect(`${PATH}?done=refreshed&created=${r.created}&updated=${r.updated}&lapsed=${r.lapsed}`, 303);
    }),
  );

  app.get(`${PATH}/cases/:id{[0-9]+}`, async (c) => {
    const id = Number(c.req.param('id'));
    const x = pageCtx(c, deps, 'credit:read', `${PATH}/cases/${id}`);
    if (x instanceof Response || x instanceof Promise) return x;
    const done = STEPS.find((a) => a === c.req.query('done'));
    return renderCase(x, id, done ? { notice: fill(x.t.creditPage.done, { action: actionName(x, done) }) } : {});
  });

  // One step of the procedure: the same workflow call as POST /api/v1/credit/cases/{id}/{action}.
  app.post(`${PATH}/cases/:id{[0-9]+}/:action`, async (c) => {
    const id = Number(c.req.param('id'));
    const x = pageCtx(c, deps, 'credit:read', `${PATH}/cases/${id}`);
    if (x instanceof Response || x instanceof Promise) return x;
    const action = STEPS.find((a) => a === c.req.param('action'));
    if (!action) return renderCase(x, id, { error: `unknown step ${JSON.stringify(c.req.param('action'))}` }, 404);
    const form = await readForm(c);
    const out = await attempt(() =>
      applyCreditAction(creditDeps(), x.p, actorOf(c, deps), id, action, inputOf(action, form), x.now),
    );
    if (!out.ok) return renderCase(x, id, { error: errText(x, out.error) }, out.error.status);
    return c.redirect(`${PATH}/cases/${id}?done=${action}`, 303);
  });

  // The 告知书 / 决定书 of a case as a printable document (A4; print to PDF in the browser, as the digest).
  app.get(
    `${PATH}/cases/:id{[0-9]+}/documents/:kind{notice|decision}`,
    onPage(deps, 'credit:read', PATH, async (x, c) => {
      const row = await getCase(deps.db, scopeOf(x.p), Number(c.req.param('id')));
      const html = renderCreditDocument(
        c.req.param('kind') as PrintableKind,
        documentCaseOf(row),
        creditConfigOf(deps.config),
      );
      if (html === null) throw new NotFound(`credit case ${row.id} has no ${c.req.param('kind')} yet`);
      return c.html(html);
    }),
  );

  return app;
}
