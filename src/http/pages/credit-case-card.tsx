import { caseReasonText } from '../../domain/credit/candidate.ts';
import {
  ACTIVE_STATES,
  CREDIT_ACTIONS,
  CREDIT_STATES,
  availableActions,
  caseClocks,
  dateOf,
  transition,
  type CreditAction,
  type CreditActor,
  type CreditState,
  type Objection,
} from '../../domain/credit/index.ts';
import { Forbidden } from '../../domain/errors.ts';
import {
  creditConfigOf,
  extremeEventView,
  NEW_ACCOUNT_DAYS,
  stateOf,
  type CaseWithFirm,
} from '../../credit/credit-read.ts';
import { creditActorOf } from '../../credit/workflow.ts';
import { missedObjectionDeadlines } from '../../credit/objection-deadlines.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps } from '../context.ts';
import { StepFields } from './credit-step-fields.tsx';
import { Csrf, fill, type PageCtx, when, errText } from './console-kit.tsx';

// One case of the credit-list page as a card (facts, evidence, clocks, history,
// the steps the user may take) and what the page around it shares.

export const PATH = '/credit';
export const STEPS = CREDIT_ACTIONS.filter((a) => a !== 'expire');
/** Steps taken through the API only (structured input: parties, extreme-event links, decision receipts). */
const API_ONLY: readonly CreditAction[] = ['set-parties', 'confirm-extreme-link', 'serve-decision'];
export const CLOSED: readonly CreditState[] = CREDIT_STATES.filter((s) => !ACTIVE_STATES.includes(s));
/** Steps a user may be kept from by the two-person rule: shown with the reason instead of a form. */
const TWO_PERSON: readonly CreditAction[] = ['approve', 'list'];
/** Cases shown on the list page: every active one (up to this), and the latest closed ones. */
export const ACTIVE_SHOWN = 2000;
export const CLOSED_SHOWN = 100;

export const PAGE_CSS = `
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

export function stateName(x: PageCtx, s: string): string {
  return (x.t.creditStates as Record<string, string>)[s] ?? s;
}

export function actionName(x: PageCtx, a: string): string {
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

export function CaseCard(p: { x: PageCtx; deps: AppDeps; row: CaseWithFirm; history: History; open?: boolean }) {
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
