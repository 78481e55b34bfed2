// The credit page's step forms: the fields each workflow step asks for, and
// how a posted form becomes that step's input.

import type { CreditAction } from '../../domain/credit/index.ts';
import { field, type Form, type PageCtx } from './console-kit.tsx';

/** The form fields of one step; names match the workflow's input (see INPUTS in the domain machine). */
export function StepFields(p: { x: PageCtx; id: number; action: CreditAction; kind?: 'early' | 'revoked' }) {
  const s = p.x.t.creditPage;
  const f = (name: string) => `cr-${p.id}-${p.action}${p.kind ? `-${p.kind}` : ''}-${name}`;
  const text = (name: string, label: string, required: boolean, type = 'text') => (
    <div>
      <label for={f(name)}>{label}</label>
      <input id={f(name)} name={name} type={type} required={required} maxlength={type === 'text' ? 200 : undefined} />
    </div>
  );
  const area = (name: string, label: string, required: boolean) => (
    <div>
      <label for={f(name)}>{label}</label>
      <textarea id={f(name)} name={name} required={required} maxlength={4000} rows={2} />
    </div>
  );
  switch (p.action) {
    case 'propose':
      return area('basis', s.basisLabel, true);
    case 'notify':
      return (
        <div class="stack">
          {text('noticeNo', s.noticeNo, true)}
          {text('noticeDate', s.noticeDate, false, 'date')}
        </div>
      );
    case 'record-statement':
      return area('statement', s.statementText, true);
    case 'no-statement':
    case 'approve':
    case 'mark-objection':
      return text('note', s.note, false);
    case 'list':
      return (
        <div class="stack">
          {text('decisionNo', s.decisionLabel, true)}
          {text('authority', s.authorityLabel, false)}
          {text('listedOn', s.listedOnLabel, false, 'date')}
        </div>
      );
    case 'reject':
    case 'withdraw':
      return text('reason', s.reasonLabel, true);
    case 'object':
      return area('text', s.objectionText, true);
    case 'decide-objection':
      return (
        <div class="stack">
          <div>
            <label for={f('outcome')}>{s.outcome}</label>
            <select id={f('outcome')} name="outcome" required>
              <option value="">—</option>
              <option value="dismissed">{s.dismissed}</option>
              <option value="upheld">{s.upheld}</option>
            </select>
          </div>
          {text('reason', s.reasonLabel, true)}
        </div>
      );
    case 'serve-notice':
      return (
        <div class="stack">
          {text('receivedOn', s.receivedOn, true, 'date')}
          {text('proof', s.proof, false)}
        </div>
      );
    case 'review-statement':
      return area('note', s.reviewNote, true);
    case 'extend-decision':
    case 'revoke-early-removal':
      return text('reason', s.reasonLabel, true);
    case 'close-paid':
      return (
        <div class="stack">
          {text('paidOn', s.paidOn, true, 'date')}
          {text('evidence', s.paymentEvidence, true)}
          {text('commitmentSignedOn', s.commitmentSignedOn, true, 'date')}
          {area('commitment', s.commitment, true)}
          {text('documentNo', s.documentNo, false)}
        </div>
      );
    case 'record-publication':
      return (
        <div class="stack">
          {text('publishedOn', s.publishedOn, true, 'date')}
          {text('where', s.publishedWhere, true)}
        </div>
      );
    case 'apply-early-removal':
      return (
        <div class="stack">
          {text('wagesPaidOn', s.wagesPaidOn, true, 'date')}
          {text('correctedOn', s.correctedOn, true, 'date')}
          {area('commitment', s.commitment, true)}
          {text('appliedOn', s.appliedOn, false, 'date')}
        </div>
      );
    case 'decide-early-removal':
      return (
        <div class="stack">
          <div>
            <label for={f('outcome')}>{s.outcome}</label>
            <select id={f('outcome')} name="outcome" required>
              <option value="">—</option>
              <option value="refused">{s.refusedOutcome}</option>
              <option value="granted">{s.grantedOutcome}</option>
            </select>
          </div>
          {text('reason', s.reasonLabel, true)}
          <div>
            <label>
              <input type="checkbox" name="criminalProceedingsPending" value="1" /> {s.criminalPending}
            </label>
          </div>
          <div>
            <label>
              <input type="checkbox" name="criminallyLiable" value="1" /> {s.criminallyLiable}
            </label>
          </div>
        </div>
      );
    case 'record-remedy':
      return (
        <div class="stack">
          <div>
            <label for={f('kind')}>{s.remedyKind}</label>
            <select id={f('kind')} name="kind" required>
              <option value="reconsideration">{s.reconsideration}</option>
              <option value="litigation">{s.litigation}</option>
            </select>
          </div>
          {text('filedOn', s.filedOn, true, 'date')}
          <div>
            <label for={f('result')}>{s.remedyResult}</label>
            <select id={f('result')} name="result" required>
              {(['pending', 'upheld', 'set_aside', 'changed', 'dismissed'] as const).map((r) => (
                <option value={r}>{(s as Record<string, string>)[`r_${r}`]}</option>
              ))}
            </select>
          </div>
          {text('decidedOn', s.decidedOn, false, 'date')}
          {text('documentNo', s.documentNo, false)}
        </div>
      );
    case 'remove':
      return p.kind === 'early' ? (
        <div class="stack">
          <input type="hidden" name="kind" value="early" />
          {text('wagesPaidOn', s.wagesPaidOn, true, 'date')}
          {text('correctedOn', s.correctedOn, true, 'date')}
          {text('commitment', s.commitment, true)}
          {text('removedOn', s.removedOnLabel, false, 'date')}
        </div>
      ) : (
        <div class="stack">
          <input type="hidden" name="kind" value="revoked" />
          {text('reason', s.reasonLabel, true)}
          {text('removedOn', s.removedOnLabel, false, 'date')}
        </div>
      );
    default:
      return null;
  }
}

/** The workflow's input from the posted form: only the fields the step takes, empty optional ones left out. */
export function inputOf(action: CreditAction, form: Form): Record<string, unknown> {
  const pick = (...names: string[]) =>
    Object.fromEntries(names.map((n) => [n, field(form, n)]).filter(([, v]) => v !== ''));
  switch (action) {
    case 'propose':
      return pick('basis');
    case 'notify':
      return pick('noticeNo', 'noticeDate');
    case 'record-statement':
      return pick('statement');
    case 'no-statement':
    case 'approve':
    case 'mark-objection':
      return pick('note');
    case 'list':
      return pick('decisionNo', 'authority', 'listedOn');
    case 'reject':
    case 'withdraw':
      return pick('reason');
    case 'object':
      return pick('text');
    case 'decide-objection':
      return pick('outcome', 'reason');
    case 'serve-notice':
      return pick('receivedOn', 'proof');
    case 'review-statement':
      return pick('note');
    case 'extend-decision':
    case 'revoke-early-removal':
      return pick('reason');
    case 'close-paid':
      return pick('paidOn', 'evidence', 'commitmentSignedOn', 'commitment', 'documentNo');
    case 'record-publication':
      return pick('publishedOn', 'where');
    case 'apply-early-removal':
      return pick('wagesPaidOn', 'correctedOn', 'commitment', 'appliedOn');
    case 'decide-early-removal':
      return {
        ...pick('outcome', 'reason'),
        criminalProceedingsPending: field(form, 'criminalProceedingsPending') === '1',
        criminallyLiable: field(form, 'criminallyLiable') === '1',
      };
    case 'record-remedy':
      return pick('kind', 'filedOn', 'result', 'decidedOn', 'documentNo');
    case 'remove':
      return field(form, 'kind') === 'early'
        ? pick('kind', 'wagesPaidOn', 'correctedOn', 'commitment', 'removedOn')
        : pick('kind', 'reason', 'removedOn');
    default:
      return {};
  }
}
