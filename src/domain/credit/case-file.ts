// The parts of a credit case that a legal review asks for beyond the
// state: the parties (45号令 art. 5), the service of each document and its
// receipt, the facts the statutory clocks run on, the documents with their
// numbers and versions, early-removal applications and remedies. Stored as
// one jsonb value (`credit_cases.file`); pure data, no behaviour.

import type { ServiceRecord } from './service.ts';

export const PARTY_ROLES = ['legal_representative', 'principal', 'responsible_manager', 'responsible_person'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export const PARTY_ROLE_ZH: Readonly<Record<PartyRole, string>> = {
  legal_representative: '法定代表人',
  principal: '主要负责人',
  responsible_manager: '直接负责的主管人员',
  responsible_person: '其他直接责任人员',
};

export interface Party {
  role: PartyRole;
  name: string;
  /** Masked when recorded (first 3 and last 4 kept): the full number stays in the paper file. */
  idNumberMasked: string | null;
  position: string | null;
}

export const DOCUMENT_KINDS = [
  'notice',
  'decision',
  'payment_evidence',
  'commitment',
  'early_removal_application',
  'early_removal_decision',
  'remedy_decision',
  'extension_approval',
  'early_removal_revocation',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_ZH: Readonly<Record<DocumentKind, string>> = {
  notice: '拟列入失信联合惩戒名单事先告知书',
  decision: '列入失信联合惩戒名单决定书',
  payment_evidence: '工资支付凭证',
  commitment: '书面承诺（守信承诺书）',
  early_removal_application: '提前移出申请',
  early_removal_decision: '提前移出决定',
  remedy_decision: '行政复议决定书／判决书',
  extension_approval: '延长作出决定期限审批',
  early_removal_revocation: '撤销提前移出决定书',
};

export interface CaseDocument {
  kind: DocumentKind;
  number: string;
  version: number;
  issuedOn: string;
  /** For documents served on the party (notice, decision): how and when it was received. */
  service: ServiceRecord | null;
  note: string | null;
}

export interface StatementReview {
  reviewedOn: string;
  by: string;
  note: string;
}

export interface DecisionExtension {
  approvedOn: string;
  by: string;
  reason: string;
  workingDays: number;
}

export interface EarlyRemovalApplication {
  appliedOn: string;
  recordedBy: string;
  recordedById: number | null;
  wagesPaidOn: string;
  correctedOn: string;
  commitment: string;
  decideDueOn: string;
  decidedOn: string | null;
  outcome: 'granted' | 'refused' | null;
  reason: string | null;
  decidedBy: string | null;
  /** What the record showed when it was decided (re-offences, criminal proceedings). */
  checks: EarlyRemovalChecks | null;
}

export interface EarlyRemovalChecks {
  /** Overdue pay orders for the firm dated after the listing (record ids). */
  reoffences: string[];
  criminalProceedingsPending: boolean;
  /** 45号令 art. 13(2): already held criminally liable (absent on applications decided before this was asked). */
  criminallyLiable?: boolean;
  arrearsPaid: boolean;
  sixMonthsSinceCorrection: boolean;
}

export interface Remedy {
  kind: 'reconsideration' | 'litigation';
  filedOn: string;
  body: string | null;
  result: 'pending' | 'upheld' | 'set_aside' | 'changed' | 'dismissed';
  decidedOn: string | null;
  documentNo: string | null;
}

export interface ExtremeLink {
  mentionId: number;
  link: string;
  confirmedBy: string;
  confirmedOn: string;
}

export interface CaseFile {
  parties: Party[];
  /** The end of the payment deadline of the earliest overdue order (the decision clock starts the day after). */
  paymentDeadline: string | null;
  noticeService: ServiceRecord | null;
  statementReceivedOn: string | null;
  noStatementOn: string | null;
  statementReview: StatementReview | null;
  extension: DecisionExtension | null;
  decisionService: ServiceRecord | null;
  publishedOn: string | null;
  publishedWhere: string | null;
  /** The exit date before it moved (a revoked early removal, or a re-offence where configured), and why it moved. */
  originalExitOn: string | null;
  exitExtendedFor: string | null;
  /** 45号令 art. 15: the day an early removal was revoked and the listing restored (its term runs anew from it). */
  relistedOn: string | null;
  earlyRemoval: EarlyRemovalApplication | null;
  remedies: Remedy[];
  documents: CaseDocument[];
  extremeLinks: ExtremeLink[];
  paidClosure: { paidOn: string; evidence: string; commitmentSignedOn: string; commitment: string } | null;
  /** The day a case ended without a listing (rejected, withdrawn, not listed after payment). */
  closedOn: string | null;
}

export function emptyFile(): CaseFile {
  return {
    parties: [],
    paymentDeadline: null,
    noticeService: null,
    statementReceivedOn: null,
    noStatementOn: null,
    statementReview: null,
    extension: null,
    decisionService: null,
    publishedOn: null,
    publishedWhere: null,
    originalExitOn: null,
    exitExtendedFor: null,
    relistedOn: null,
    earlyRemoval: null,
    remedies: [],
    documents: [],
    extremeLinks: [],
    paidClosure: null,
    closedOn: null,
  };
}

/** A stored file (possibly from before a field existed) with every field present. */
export function normalizeFile(v: unknown): CaseFile {
  return { ...emptyFile(), ...(v !== null && typeof v === 'object' ? (v as Partial<CaseFile>) : {}) };
}

/** Adds a document, with the next version when one of the kind and number exists. */
export function addDocument(docs: readonly CaseDocument[], d: Omit<CaseDocument, 'version'>): CaseDocument[] {
  const prior = docs.filter((x) => x.kind === d.kind && x.number === d.number).length;
  return [...docs, { ...d, version: prior + 1 }];
}
