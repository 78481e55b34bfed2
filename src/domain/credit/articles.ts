// Every rule of the credit-list procedure names its legal source here, once.
// `verified: true` means the article number and wording were checked against
// a reproduction of the published text during issue 18; `false` means the
// number comes from the issue or a secondary summary and must be checked by
// the bureau's legal office before it is printed on a document (see
// docs/credit.md, "Citations"). Documents print only verified citations.

export type LawId = 'O45' | 'O29' | 'XZFY' | 'XZSS' | 'MSSS' | 'XZCF' | 'SHXY';

export const LAW_TITLE: Readonly<Record<LawId, string>> = {
  O45: '《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》（人力资源社会保障部令第45号）',
  O29: '《重大劳动保障违法行为社会公布办法》（人力资源社会保障部令第29号）',
  XZFY: '《中华人民共和国行政复议法》（2023年修订）',
  XZSS: '《中华人民共和国行政诉讼法》',
  MSSS: '《中华人民共和国民事诉讼法》',
  XZCF: '《中华人民共和国行政处罚法》（2021年修订）',
  SHXY: '《上海市社会信用条例》',
};

export interface Citation {
  law: LawId;
  /** The article as printed, e.g. 第五条; null when the text could not be located. */
  article: string | null;
  verified: boolean;
  /** What the rule is, in one line (English, for docs and audit details). */
  rule: string;
}

const c = (law: LawId, article: string | null, verified: boolean, rule: string): Citation => ({ law, article, verified, rule });

/** The rules of the procedure and their sources. Keys are used in code, clocks and audit details. */
export const ARTICLES = {
  scope: c('O45', '第二条', true, 'the order governs listing, publication and credit repair by HRSS departments'),
  whoDecides: c('O45', '第四条', true, '"whoever enforces, decides and is responsible"; personal data kept confidential'),
  listingConditions: c('O45', '第五条', true, 'an order to pay within a deadline, unpaid at its end, AND crime amount or a group/extreme incident caused by the arrears'),
  parties: c('O45', '第五条', true, 'the employer AND its legal representative or principal, the directly responsible managers and other directly responsible persons are parties'),
  extremeEventCausation: c('O45', '第五条', true, 'the group or extreme incident must be caused by the wage-arrears violation (因拖欠农民工工资违法行为引发)'),
  priorNotice: c('O45', null, false, 'written notice before a listing decision, with the right to state a case (事先告知, 陈述申辩)'),
  statementPeriod: c('O45', null, false, 'the statement-and-defence period runs from the receipt of the notice (5 working days)'),
  statementReview: c('O45', null, false, 'statements are reviewed (复核) before the decision'),
  notListedAfterPayment: c('O45', null, false, 'a party that pays in full and commits in writing before the decision is not listed'),
  decisionDeadline: c('O45', null, false, 'the listing decision within a time limit from the end of the payment deadline, extendable once with approval'),
  decisionContent: c('O45', null, false, 'the decision states the parties, facts, basis, joint punishment, duration, early-removal conditions and remedies'),
  publication: c('O45', null, false, 'the list is published and shared to the credit platform after the decision'),
  term: c('O45', '第十一条', false, 'a listing lasts three years from the decision (issue 18: arts. 11–12, not art. 16 as config.ts cited)'),
  earlyRemoval: c('O45', '第十二条', false, 'early removal on application: arrears paid, 6 months since the correction, a credit commitment'),
  earlyRemovalDecision: c('O45', null, false, 'an early-removal application is decided within a time limit'),
  expiryRemoval: c('O45', null, false, 'removal when the term ends, within a time limit'),
  revocation: c('O45', null, false, 'an early removal obtained by false statements is revoked and the listing restored'),
  reoffence: c('O45', null, false, 'a new violation during the term bars early removal and extends the listing'),
  setAside: c('O45', null, false, 'a decision set aside on review or in court is removed from the list'),
  reconsideration: c('XZFY', '第二十条', false, 'application for administrative reconsideration within 60 days of knowing of the act'),
  litigation: c('XZSS', '第四十六条', false, 'administrative suit within 6 months of knowing of the act'),
  serviceByLaw: c('XZCF', '第六十一条', false, 'decisions are served under the Civil Procedure Law'),
  servicePost: c('MSSS', '第九十一条', false, 'service by post: the date of receipt on the return receipt is the date of service'),
  serviceElectronic: c('MSSS', '第九十条', false, 'electronic service: served when it reaches the recipient\'s designated system'),
  servicePublic: c('MSSS', '第九十五条', false, 'service by public notice: served 30 days after the notice is published'),
  objection: c('SHXY', null, false, 'objections to the list: marked within 1 working day, decided within 5'),
  disclosure: c('O29', '第五条', false, 'violations with a processing decision (已作出处理决定) are disclosed, in the listed categories'),
  disclosureContent: c('O29', '第六条', false, 'what the disclosure states: name, code, address, legal representative, facts, handling'),
  disclosureQuarterly: c('O29', '第七条', false, 'city and county departments disclose each quarter'),
} as const satisfies Record<string, Citation>;

export type ArticleKey = keyof typeof ARTICLES;

/** 《…》第五条 (or the title alone when the article is not located). */
export function cite(key: ArticleKey): string {
  const a: Citation = ARTICLES[key];
  return `${LAW_TITLE[a.law]}${a.article ?? ''}`;
}

/** For printed documents: the citation only when verified, else the title of the law. */
export function citeForDocument(key: ArticleKey): string {
  const a: Citation = ARTICLES[key];
  return a.verified ? cite(key) : LAW_TITLE[a.law];
}
