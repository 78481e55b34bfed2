// Credit cases in the database: rows to the domain's CaseState and back,
// reads under the caller's jurisdiction, and the list record (DOMAIN.md).

import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Config } from '../config/env.ts';
import type { CreditCasesTable } from '../db/schema.ts';
import type { Scope } from '../domain/jurisdiction.ts';
import type { WorkCalendar } from '../domain/alerts/working-days.ts';
import { NotFound } from '../domain/errors.ts';
import { firmInScope } from '../firms/firms-repo.ts';
import {
  ACTIVE_STATES,
  caseClocks,
  type DocumentCase,
  type ExtremeLink,
  LEGAL_BASIS,
  normalizeFile,
  PARTY_ROLE_ZH,
  parseCreditConfig,
  type CaseState,
  type CreditConfig,
  type CreditState,
  type Objection,
  type RemovalKind,
} from '../domain/credit/index.ts';
import { msg } from '../domain/i18n/messages.ts';

export type CaseRow = Selectable<CreditCasesTable>;

/** An approver account younger than this (in days) when approving is flagged on the case. */
export const NEW_ACCOUNT_DAYS = 7;

/** The credit parameters of this installation (`config.credit`: QIANSHAO_CREDIT_CONFIG over the defaults), optionally overridden further. */
export function creditConfigOf(config: Config, override?: Partial<CreditConfig>): CreditConfig {
  return override === undefined ? config.credit : parseCreditConfig(override, config.credit);
}

export function stateOf(r: CaseRow): CaseState {
  return {
    state: r.state as CreditState,
    proposerId: r.proposer_id,
    proposerName: r.proposer_name,
    basis: r.basis,
    noticeNo: r.notice_no,
    noticeDate: r.notice_date,
    statementDueAt: r.statement_due_at?.toISOString() ?? null,
    statement: r.statement,
    approverId: r.approver_id,
    approverName: r.approver_name,
    listedById: r.listed_by_id,
    decisionNo: r.decision_no,
    authority: r.authority,
    listedOn: r.listed_on,
    expectedExitOn: r.expected_exit_on,
    removedOn: r.removed_on,
    removalKind: r.removal_kind as RemovalKind | null,
    removalReason: r.removal_reason,
    closedReason: r.closed_reason,
    objection: (r.objection as Objection | null) ?? null,
    file: normalizeFile(r.file),
  };
}

export function columnsOf(s: CaseState) {
  return {
    state: s.state,
    proposer_id: s.proposerId,
    proposer_name: s.proposerName,
    basis: s.basis,
    notice_no: s.noticeNo,
    notice_date: s.noticeDate,
    statement_due_at: s.statementDueAt,
    statement: s.statement,
    approver_id: s.approverId,
    approver_name: s.approverName,
    listed_by_id: s.listedById,
    decision_no: s.decisionNo,
    authority: s.authority,
    listed_on: s.listedOn,
    expected_exit_on: s.expectedExitOn,
    removed_on: s.removedOn,
    removal_kind: s.removalKind,
    removal_reason: s.removalReason,
    closed_reason: s.closedReason,
    objection: s.objection === null ? null : JSON.stringify(s.objection),
    file: JSON.stringify(s.file),
  };
}

const FIRM_COLS = [
  'firms.name as firm_name',
  'firms.uscc as firm_uscc',
  'firms.district as firm_district',
  'firms.street as firm_street',
  'firms.address as firm_address',
  'firms.legal_representative as firm_legal_representative',
] as const;

export type CaseWithFirm = CaseRow & {
  firm_name: string;
  firm_uscc: string | null;
  firm_district: string | null;
  firm_street: string | null;
  firm_address: string | null;
  firm_legal_representative: string | null;
};

export function casesQuery(db: Db, scope: Scope) {
  return db
    .selectFrom('credit_cases')
    .innerJoin('firms', 'firms.id', 'credit_cases.firm_id')
    .selectAll('credit_cases')
    .select(FIRM_COLS)
    .where(firmInScope(scope));
}

export async function getCase(db: Db, scope: Scope, id: number, forUpdate = false): Promise<CaseWithFirm> {
  let q = casesQuery(db, scope).where('credit_cases.id', '=', id);
  if (forUpdate) q = q.forUpdate('credit_cases');
  const row = await q.executeTakeFirst();
  if (!row) throw new NotFound(`credit case ${id} not found`, undefined, msg('credit.case_not_found', { id }));
  return row as CaseWithFirm;
}

export async function caseHistory(db: Db, id: number) {
  const rows = await db.selectFrom('credit_events').selectAll().where('case_id', '=', id).orderBy('id').execute();
  return rows.map((e) => ({
    at: e.at.toISOString(),
    action: e.action,
    from: e.from_state,
    to: e.to_state,
    actor: e.actor_name,
    details: e.details,
  }));
}

/** The history of each of these cases, oldest first (the caller has scoped the cases). */
export async function caseHistories(db: Db, ids: readonly number[]) {
  const out = new Map<
    number,
    Array<{
      case_id: number;
      at: Date;
      action: string;
      from_state: string | null;
      to_state: string;
      actor_name: string;
      details: unknown;
    }>
  >();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('credit_events')
    .select(['case_id', 'at', 'action', 'from_state', 'to_state', 'actor_name', 'details'])
    .where('case_id', 'in', [...ids])
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.case_id) ?? [];
    list.push(r);
    out.set(r.case_id, list);
  }
  return out;
}

export async function listCases(
  db: Db,
  scope: Scope,
  q: { states?: readonly string[]; limit?: number; offset?: number; newestFirst?: boolean },
): Promise<CaseWithFirm[]> {
  let query = casesQuery(db, scope);
  if (q.states && q.states.length > 0) query = query.where('credit_cases.state', 'in', [...q.states]);
  return (await query
    .orderBy('credit_cases.id', q.newestFirst ? 'desc' : 'asc')
    .limit(q.limit ?? 500)
    .offset(q.offset ?? 0)
    .execute()) as CaseWithFirm[];
}

/** How many cases in scope are in these states. */
export async function countCases(db: Db, scope: Scope, states: readonly string[]): Promise<number> {
  const row = await casesQuery(db, scope)
    .clearSelect()
    .where('credit_cases.state', 'in', [...states])
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The legal representative (or principal) named on the case, else the firm's register entry. */
export function legalRepresentativeOf(r: CaseWithFirm): string | null {
  const parties = normalizeFile(r.file).parties;
  const p = parties.find((x) => x.role === 'legal_representative') ?? parties.find((x) => x.role === 'principal');
  return p?.name ?? r.firm_legal_representative;
}

/** The list record with the field names in use (双公示 / list exchange), in DOMAIN.md's order. */
export function listRecord(r: CaseWithFirm) {
  return {
    对象名称: r.firm_name,
    统一社会信用代码: r.firm_uscc,
    法定代表人: legalRepresentativeOf(r),
    列入事由: r.reason,
    列入依据: r.basis ? `${LEGAL_BASIS}；${r.basis}` : LEGAL_BASIS,
    决定机关: r.authority,
    文书号: r.decision_no,
    列入日期: r.listed_on,
    预计退出日期: r.expected_exit_on,
    移出日期: r.removed_on,
    移出原因: r.removal_reason,
  };
}

/**
 * 45号令 art. 5: an incident counts only if the arrears caused it. For a case with an extreme-event condition: each
 * opinion item of the evidence with the link a person confirmed (or null), and whether the case may rest on it.
 */
export function extremeEventView(conditions: readonly string[], evidence: unknown, links: readonly ExtremeLink[]) {
  if (!conditions.includes('extreme_event')) return null;
  const ms =
    (evidence as { mentions?: Array<{ id: number; title: string | null; at: string }> } | null)?.mentions ?? [];
  const items = ms.map((m) => ({
    id: m.id,
    title: m.title,
    at: m.at,
    link: links.find((l) => l.mentionId === m.id) ?? null,
  }));
  return {
    only_condition: conditions.every((c) => c === 'extreme_event'),
    confirmed: items.some((x) => x.link !== null),
    items,
  };
}

/** The API/push view of a case: identity, state, documents, evidence; with `clockCtx`, its statutory clocks as of that day. */
export function caseDto(r: CaseWithFirm, clockCtx?: { today: string; calendar: WorkCalendar; credit: CreditConfig }) {
  const file = normalizeFile(r.file);
  return {
    id: r.id,
    state: r.state,
    firm: {
      id: r.firm_id,
      name: r.firm_name,
      uscc: r.firm_uscc,
      district: r.firm_district,
      street: r.firm_street,
      legal_representative: r.firm_legal_representative,
    },
    conditions: r.conditions,
    reason: r.reason,
    basis: r.basis,
    evidence: r.evidence,
    proposed_by: r.proposer_name,
    approved_by: r.approver_name,
    // A sock puppet is usually a fresh account: flag an approval by one under NEW_ACCOUNT_DAYS old.
    approver_account:
      r.approver_account_days === null
        ? null
        : { age_days: r.approver_account_days, new: r.approver_account_days < NEW_ACCOUNT_DAYS },
    notice: r.notice_no
      ? { number: r.notice_no, date: r.notice_date, statement_due_at: r.statement_due_at?.toISOString() ?? null }
      : null,
    statement: r.statement,
    decision_no: r.decision_no,
    authority: r.authority,
    listed_on: r.listed_on,
    expected_exit_on: r.expected_exit_on,
    removed_on: r.removed_on,
    removal_kind: r.removal_kind,
    removal_reason: r.removal_reason,
    closed_reason: r.closed_reason,
    objection: r.objection,
    created_at: r.created_at.toISOString(),
    updated_at: r.updated_at.toISOString(),
    record: listRecord(r),
    parties: file.parties.map((p) => ({
      role: p.role,
      role_zh: PARTY_ROLE_ZH[p.role],
      name: p.name,
      id_number: p.idNumberMasked,
      position: p.position,
    })),
    notice_service: file.noticeService,
    decision_service: file.decisionService,
    statement_review: file.statementReview,
    decision_extension: file.extension,
    payment_deadline: file.paymentDeadline,
    published: file.publishedOn ? { on: file.publishedOn, where: file.publishedWhere } : null,
    paid_closure: file.paidClosure,
    early_removal: file.earlyRemoval,
    remedies: file.remedies,
    extreme_links: file.extremeLinks,
    exit_extended: file.exitExtendedFor
      ? { original_exit_on: file.originalExitOn, reason: file.exitExtendedFor }
      : null,
    relisted_on: file.relistedOn,
    extreme_event: extremeEventView(r.conditions, r.evidence, file.extremeLinks),
    documents: file.documents,
    ...(clockCtx ? { clocks: caseClocks(stateOf(r), clockCtx.today, clockCtx.calendar, clockCtx.credit) } : {}),
  };
}
export type CaseDto = ReturnType<typeof caseDto>;

/** The firm's case still going, if any (at most one: the credit_cases_active_firm index). */
export async function activeCaseOfFirm(db: Db, firmId: number): Promise<{ id: number; state: string } | undefined> {
  return db
    .selectFrom('credit_cases')
    .select(['id', 'state'])
    .where('firm_id', '=', firmId)
    .where('state', 'in', [...ACTIVE_STATES])
    .executeTakeFirst();
}

/** The case as the printable documents read it (src/domain/credit/documents.ts). */
export function documentCaseOf(r: CaseWithFirm, defaultAuthority = '区人力资源和社会保障局'): DocumentCase {
  const file = normalizeFile(r.file);
  return {
    id: r.id,
    firm: {
      name: r.firm_name,
      uscc: r.firm_uscc,
      address: r.firm_address,
      legalRepresentative: r.firm_legal_representative,
    },
    parties: file.parties,
    reason: r.reason,
    basis: r.basis,
    evidence: r.evidence as DocumentCase['evidence'],
    authority: r.authority ?? defaultAuthority,
    statementDueAt: r.statement_due_at?.toISOString() ?? null,
    listedOn: r.listed_on,
    expectedExitOn: r.expected_exit_on,
    documents: file.documents,
  };
}

export const activeStatesSql = sql`(${sql.join(ACTIVE_STATES.map((s) => sql.lit(s)))})`;
