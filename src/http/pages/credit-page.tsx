import { Hono } from 'hono';
import { caseReasonText } from '../../domain/credit/candidate.ts';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { scopeOf } from '../../domain/jurisdiction.ts';
import { NotFound } from '../../domain/errors.ts';
import {
  ACTIVE_STATES,
  CREDIT_ACTIONS,
  CREDIT_STATES,
  availableActions,
  caseClocks,
  dateOf,
  renderCreditDocument,
  transition,
  type PrintableKind,
  type CreditAction,
  type CreditActor,
  type CreditState,
  type Objection,
} from '../../domain/credit/index.ts';
import { Forbidden } from '../../domain/errors.ts';
import {
  caseHistories,
  countCases,
  creditConfigOf,
  documentCaseOf,
  extremeEventView,
  getCase,
  listCases,
  NEW_ACCOUNT_DAYS,
  stateOf,
  type CaseWithFirm,
} from '../../credit/credit-read.ts';
import { applyCreditAction, creditActorOf } from '../../credit/workflow.ts';
import { refreshCandidates } from '../../credit/candidates.ts';
import { missedObjectionDeadlines } from '../../credit/objection-deadlines.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { StepFields, inputOf } from './credit-step-fields.tsx';
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
  when,
  errText,
} from './console-kit.tsx';

// The credit-list pipeline (人社部令第45号): candidates and cases by state,
// each with its evidence, history and the steps the user may take, as plain
// form posts into the same workflow as the API (applyCreditAction). The
// workflow decides: a refused step (role, two-person rule, deadline) comes
// back as the page with the reason in a role="alert" box.

const PATH = '/credit';
const STEPS = CREDIT_ACTIONS.filter((a) => a !== 'expire');
/** Steps taken through the API only (structured input: parties, extreme-event links, decision receipts). */
const API_ONLY: readonly CreditAction[] = ['set-parties', 'confirm-extreme-link', 'serve-decision'];
const CLOSED: readonly CreditState[] = CREDIT_STATES.filter((s) => !ACTIVE_STATES.includes(s));
/** Steps a user may be kept from by the two-person rule: shown with the reason instead of a form. */
const TWO_PERSON: readonly CreditAction[] = ['approve', 'list'];
/** Cases shown on the list page: every active one (up to this), and the latest closed ones. */
const ACTIVE_SHOWN = 2000;
const CLOSED_SHOWN = 100;

const PAGE_CSS = `
.pipeline{display:flex;flex-wrap:wrap;gap:.3rem 1rem;list-style:none;padding:0}.pipeline a{text-decoration:none}
article.case{border:1px solid var(--line);border-radius:8px;padding:.5rem .9rem;margin:.6rem 0}
article.case h3{margin:.2rem 0}.case dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:.3rem 0}.case dd{margin:0}
.steps form{border-top:1px dashed var(--line);padding:.4rem 0}.steps textarea{min-height:3.2em}
.late{color:#c62828;font-weight:600}.badge{display:inline-block;border:1px solid var(--line);border-radius:4px;padding:0 .3em;font-size:.85rem}
@media (max-width:600px){.case dl{grid-template-columns:1fr}}
`;

type History = Array<{
  case_id: number;
  at: Date;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_name: string;
  details: unknown;
}>;

function stateName(x: PageCtx, s: string): string {
  return (x.t.creditStates as Record<string, string>)[s] ?? s;
}

function actionName(x: PageCtx, a: string): string {
  return (x.t.creditActions as Record<string, string>)[a] ?? a;
}

/** Why the workflow would refuse this step to this user before looking at the input, or null. */
function refusal(
  x: PageCtx,
  row: CaseWithFirm,
  action: CreditAction,
  who: CreditActor,
  deps: AppDeps,
  now: Date,
): string | null {
  try {
    transition(stateOf(row), action, who, {}, now, deps.config.sla.calendar, creditConfigOf(deps.config));
    return null;
  } catch (e) {
    return e instanceof Forbidden ? errText(x, e) : null;
  }
}

/** Objection steps offered only where they apply (the workflow refuses the others anyway): object when none is open, then mark, then decide. */
function objectionStepFits(a: CreditAction, o: Objection | null): boolean {
  const open = o !== null && o.decidedAt === null;
  if (a === 'object') return !open;
  if (a === 'mark-objection') return open && o.markedAt === null;
  if (a === 'decide-objection') return open && o.markedAt !== null;
  return true;
}

function Step(p: { x: PageCtx; id: number; action: CreditAction; kind?: 'early' | 'revoked' }) {
  const s = p.x.t.creditPage;
  const label = p.kind === 'early' ? s.removeEarly : p.kind === 'revoked' ? s.removeRevoked : actionName(p.x, p.action);
  return (
    <form
      method="post"
      action={`${PATH}/cases/${p.id}/${p.action}`}
      data-step={p.kind ? `${p.action}-${p.kind}` : p.action}
    >
      <Csrf x={p.x} />
      <StepFields x={p.x} id={p.id} action={p.action} kind={p.kind} />
      <button type="submit" aria-label={`${label} #${p.id}`}>
        {label}
      </button>
    </form>
  );
}

function ObjectionBox(p: { x: PageCtx; o: Objection }) {
  const s = p.x.t.creditPage;
  const missed = new Set(missedObjectionDeadlines(p.o, p.x.now).map((m) => m.deadline));
  return (
    <div class="objection">
      <strong>{s.objection}</strong>
      {p.x.t.p.colon}
      {p.o.text}
      <div>
        {s.objectionMarkDue} {when(p.o.markDue, p.x.t)}
        {p.o.markedAt ? ` · ${s.objectionMarked} ${when(p.o.markedAt, p.x.t)}` : null}
        {missed.has('mark') ? (
          <>
            {' '}
            · <span class="late">{s.objectionOverdue}</span>
          </>
        ) : null}
      </div>
      <div>
        {s.objectionDecideDue} {when(p.o.decideDue, p.x.t)}
        {p.o.outcome ? ` · ${p.o.outcome === 'upheld' ? s.upheld : s.dismissed}` : null}
        {missed.has('decide') ? (
          <>
            {' '}
            · <span class="late">{s.objectionOverdue}</span>
          </>
        ) : null}
      </div>
    </div>
  );
}

function CaseCard(p: { x: PageCtx; deps: AppDeps; row: CaseWithFirm; history: History; open?: boolean }) {
  const { x, row } = p;
  const s = x.t.creditPage;
  const who = creditActorOf(x.p, actorOf(x.c, p.deps));
  const objection = (row.objection as Objection | null) ?? null;
  const actions: CreditAction[] = availableActions(stateOf(row), who).filter(
    (a) => a !== 'expire' && !API_ONLY.includes(a) && objectionStepFits(a, objection),
  );
  const cfg = creditConfigOf(p.deps.config);
  const clocks = caseClocks(stateOf(row), dateOf(x.now), p.deps.config.sla.calendar, cfg);
  const file = stateOf(row).file;
  const others = TWO_PERSON.filter((a) => !actions.includes(a))
    .map((a) => [a, refusal(x, row, a, who, p.deps, x.now)] as const)
    .filter(([, why]) => why !== null);
  const ev = row.evidence as {
    orders?: Array<{ recordId: string; due: string; amount: number | null; workers: number | null }>;
    totalAmount?: number;
    totalWorkers?: number;
  };
  // The stored reason is Chinese; English readers get the same facts from the evidence.
  const reason = caseReasonText(x.c.get('lang'), row);
  // 45号令 art. 5: an extreme incident counts only if the arrears caused it; show each item and whether a person confirmed it.
  const extreme = extremeEventView(row.conditions, row.evidence, file.extremeLinks);
  const dl = (label: string, value: unknown) =>
    value === null || value === undefined || value === '' ? null : (
      <>
        <dt>{label}</dt>
        <dd>{String(value)}</dd>
      </>
    );
  return (
    <article class="case" id={`case-${row.id}`} data-case-id={String(row.id)} data-state={row.state}>
      <h3>
        <a href={`${PATH}/cases/${row.id}`}>
          {s.case} #{row.id}
        </a>{' '}
        · <a href={`/firms/${row.firm_id}`}>{row.firm_name}</a>
        {row.firm_uscc ? (
          <small class="muted">
            {x.t.p.open}
            {row.firm_uscc}
            {x.t.p.close}
          </small>
        ) : null}{' '}
        <span class="badge">{stateName(x, row.state)}</span>
      </h3>
      <dl>
        <dt>{s.conditions}</dt>
        <dd>{row.conditions.map((c) => (s as Record<string, string>)[`c_${c}`] ?? c).join(x.t.p.sep)}</dd>
        {extreme ? (
          <>
            <dt>{s.extremeLink}</dt>
            <dd data-extreme-link={extreme.confirmed ? 'confirmed' : 'pending'}>
              {extreme.items.map((m) => (
                <div>
                  {m.title ?? `#${m.id}`}
                  {x.t.p.open}
                  {when(m.at, x.t)}
                  {x.t.p.close}
                  {x.t.p.sep}
                  {m.link
                    ? fill(s.extremeConfirmed, {
                        name: m.link.confirmedBy,
                        date: m.link.confirmedOn,
                        link: m.link.link,
                      })
                    : s.extremeUnconfirmed}
                </div>
              ))}
            </dd>
          </>
        ) : null}
        {dl(s.reason, reason)}
        {dl(s.basis, row.basis)}
        {dl(s.proposer, row.proposer_name)}
        {row.notice_no ? (
          <>
            <dt>{s.notice}</dt>
            <dd>
              {row.notice_no} · {row.notice_date} · {s.statementDue} {when(row.statement_due_at, x.t)}
            </dd>
          </>
        ) : null}
        {dl(s.statement, row.statement)}
        {dl(s.approver, row.approver_name)}
        {row.approver_account_days !== null && row.approver_account_days < NEW_ACCOUNT_DAYS ? (
          <>
            <dt>{s.approverAccount}</dt>
            <dd class="flash err" data-new-approver="1">
              {fill(s.approverAccountNew, { days: String(row.approver_account_days) })}
            </dd>
          </>
        ) : null}
        {dl(s.decisionNo, row.decision_no)}
        {dl(s.authority, row.authority)}
        {dl(s.listedOn, row.listed_on)}
        {dl(s.expectedExit, row.expected_exit_on)}
        {dl(s.removedOn, row.removed_on)}
        {dl(s.removalReason, row.removal_reason)}
        {dl(s.closedReason, row.closed_reason)}
      </dl>
      {ev.orders && ev.orders.length > 0 ? (
        <details>
          <summary>
            {s.orders}
            {x.t.p.open}
            {ev.orders.length}
            {x.t.p.close}
          </summary>
          <div class="scroll" role="region" tabindex={0} aria-label={s.orders}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{x.t.common.id}</th>
                  <th scope="col">{s.due}</th>
                  <th scope="col">{s.workers}</th>
                  <th scope="col">{s.amount}</th>
                </tr>
              </thead>
              <tbody>
                {ev.orders.map((o) => (
                  <tr>
                    <td>{o.recordId}</td>
                    <td>{o.due}</td>
                    <td>{o.workers ?? '—'}</td>
                    <td>{o.amount ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
      {file.parties.length > 0 ? (
        <p data-parties>
          {s.parties}：
          {file.parties
            .map(
              (q) =>
                `${(x.t.creditPartyRoles as Record<string, string>)[q.role] ?? q.role} ${q.name}${q.idNumberMasked ? `（${q.idNumberMasked}）` : ''}`,
            )
            .join('；')}
        </p>
      ) : null}
      {clocks.length > 0 ? (
        <div class="scroll" role="region" tabindex={0} aria-label={s.clocks}>
          <table data-clocks>
            <caption>{s.clocks}</caption>
            <thead>
              <tr>
                <th scope="col">{s.clock}</th>
                <th scope="col">{s.clockFrom}</th>
                <th scope="col">{s.clockDays}</th>
                <th scope="col">{s.clockDue}</th>
                <th scope="col">{x.t.common.status}</th>
              </tr>
            </thead>
            <tbody>
              {clocks.map((k) => (
                <tr data-clock={k.key} data-status={k.status}>
                  <td>{(x.t.creditClocks as Record<string, string>)[k.key] ?? k.key}</td>
                  <td>{k.from ?? '—'}</td>
                  <td>{k.workingDays}</td>
                  <td>{k.dueOn ?? '—'}</td>
                  <td class={k.status === 'lapsed' ? 'late' : undefined}>
                    {(x.t.creditClockStatus as Record<string, string>)[k.status]}
                    {k.metOn ? ` ${k.metOn}` : ''}
                    {k.note ? ` · ${k.note}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {file.documents.some((d) => d.kind === 'notice' || d.kind === 'decision') ? (
        <p data-documents>
          {s.documents}：
          {(['notice', 'decision'] as const)
            .filter((k) => file.documents.some((d) => d.kind === k))
            .map((k) => (
              <>
                <a href={`${PATH}/cases/${row.id}/documents/${k}`} target="_blank" rel="noopener">
                  {(s as Record<string, string>)[`doc_${k}`]}
                </a>{' '}
              </>
            ))}
        </p>
      ) : null}
      {objection ? <ObjectionBox x={x} o={objection} /> : null}
      <details open={p.open}>
        <summary>
          {s.history}
          {x.t.p.open}
          {p.history.length}
          {x.t.p.close}
        </summary>
        <ol class="history">
          {p.history.map((h) => (
            <li data-action={h.action}>
              <time datetime={h.at.toISOString()}>{when(h.at, x.t)}</time> · {actionName(x, h.action)}
              {h.from_state !== h.to_state
                ? ` · ${h.from_state ? `${stateName(x, h.from_state)} → ` : ''}${stateName(x, h.to_state)}`
                : ''}{' '}
              · {h.actor_name}
            </li>
          ))}
        </ol>
      </details>
      <section class="steps" aria-label={`${s.actions} #${row.id}`}>
        {actions.length === 0 && others.length === 0 ? (
          CLOSED.includes(row.state as CreditState) ? null : (
            <p class="muted">{s.noActions}</p>
          )
        ) : null}
        {actions.map((a) =>
          a === 'remove' ? (
            <>
              <Step x={x} id={row.id} action="remove" kind="early" />
              <Step x={x} id={row.id} action="remove" kind="revoked" />
            </>
          ) : (
            <Step x={x} id={row.id} action={a} />
          ),
        )}
        {others.map(([a, why]) => (
          <p class="muted" data-refused={a}>
            {s.notForYou}
            {x.t.p.colon}
            {actionName(x, a)} — {why}
          </p>
        ))}
      </section>
    </article>
  );
}

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
