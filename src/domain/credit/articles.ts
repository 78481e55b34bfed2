// Every rule of the credit-list procedure names its legal source here, once.
// `verified: true` means the article number and wording were checked against
// the published text vendored in test/fixtures/law/ (source and licence in
// each file): `quotes` are verbatim phrases of that article, and
// test/unit/credit/articles-text.test.ts checks each one is in it. `false`
// means the text could not be found here (人社部令第29号): the number comes
// from a secondary summary and must be checked by the bureau's legal office
// before it is printed (docs/credit.md, "Sources"). Documents print only
// verified citations.

export type LawId = 'O45' | 'O29' | 'XZFY' | 'XZSS' | 'MSSS' | 'XZCF' | 'SHXY' | 'XXGK' | 'LDJC';

export const LAW_TITLE: Readonly<Record<LawId, string>> = {
  O45: '《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》（人力资源社会保障部令第45号）',
  O29: '《重大劳动保障违法行为社会公布办法》（人力资源社会保障部令第29号）',
  XZFY: '《中华人民共和国行政复议法》',
  XZSS: '《中华人民共和国行政诉讼法》',
  MSSS: '《中华人民共和国民事诉讼法》',
  XZCF: '《中华人民共和国行政处罚法》',
  SHXY: '《上海市社会信用条例》',
  XXGK: '《中华人民共和国政府信息公开条例》',
  LDJC: '《劳动保障监察条例》',
};

export interface Citation {
  law: LawId;
  /** The article as printed, e.g. 第五条; null when the text could not be located. */
  article: string | null;
  verified: boolean;
  /** Verbatim phrases of the article (checked against test/fixtures/law/ when verified). */
  quotes: readonly string[];
  /** What the rule is, in one line (English, for docs and audit details). */
  rule: string;
}

const v = (law: LawId, article: string, quotes: readonly string[], rule: string): Citation => ({
  law,
  article,
  verified: true,
  quotes,
  rule,
});
const u = (law: LawId, article: string | null, rule: string): Citation => ({
  law,
  article,
  verified: false,
  quotes: [],
  rule,
});

/** The rules of the procedure and their sources. Keys are used in code, clocks and audit details. */
export const ARTICLES = {
  scope: v(
    'O45',
    '第二条',
    ['实施列入失信联合惩戒名单、公开信息、信用修复等管理活动'],
    'the order governs listing, publication and credit repair by HRSS departments',
  ),
  whoDecides: v(
    'O45',
    '第四条',
    ['谁执法、谁认定、谁负责'],
    '"whoever enforces, decides and is responsible"; personal data kept confidential',
  ),
  listingConditions: v(
    'O45',
    '第五条',
    ['经人力资源社会保障行政部门依法责令限期支付工资，逾期未支付的', '达到认定拒不支付劳动报酬罪数额标准'],
    'an order to pay within a deadline, unpaid at its end, AND the crime amount or a group/extreme incident caused by the arrears',
  ),
  parties: v(
    'O45',
    '第五条',
    ['将该用人单位及其法定代表人或者主要负责人、直接负责的主管人员和其他直接责任人员（以下简称当事人）列入'],
    'the employer AND its legal representative or principal, the directly responsible managers and other directly responsible persons are parties',
  ),
  extremeEventCausation: v(
    'O45',
    '第五条',
    ['因拖欠农民工工资违法行为引发群体性事件、极端事件造成严重不良社会影响'],
    'the group or extreme incident must be caused by the wage-arrears violation',
  ),
  priorNotice: v(
    'O45',
    '第六条',
    ['应当告知当事人拟列入失信联合惩戒名单的事由、依据、提出异议等依法享有的权利和本办法第七条可以不予列入'],
    'before deciding, the parties are told the grounds, the basis, their right to object and art. 7 (not listed after correcting)',
  ),
  statementPeriod: v(
    'O45',
    '第六条',
    ['当事人自收到告知之日起5个工作日内，可以向人力资源社会保障行政部门提出异议'],
    'the party may object (提出异议) within 5 working days from receiving the notice',
  ),
  statementReview: v(
    'O45',
    '第六条',
    ['应当自收到异议之日起5个工作日内予以核实，并将结果告知当事人'],
    'an objection made in time is verified within 5 working days of its receipt and the result told to the party',
  ),
  notListedAfterPayment: v(
    'O45',
    '第七条',
    ['已经改正拖欠农民工工资违法行为，且作出不再拖欠农民工工资书面信用承诺的，可以不予列入'],
    'an employer that corrects the arrears and commits in writing before the decision may be not listed',
  ),
  decisionDeadline: v(
    'O45',
    '第八条',
    ['应当自责令限期支付工资文书指定期限届满之日起20个工作日内作出列入决定'],
    'the listing decision within 20 working days from the end of the deadline set by the order to pay',
  ),
  decisionExtension: v(
    'O45',
    '第八条',
    ['情况复杂的，经人力资源社会保障行政部门负责人批准，可以延长20个工作日'],
    'in complex cases, extendable by 20 working days with the approval of the department head',
  ),
  decisionContent: v(
    'O45',
    '第八条',
    [
      '列入决定书应当载明列入事由、列入依据、联合惩戒措施提示、提前移出条件和程序、救济措施等',
      '并按照有关规定交付或者送达当事人',
    ],
    'the decision states the grounds, basis, joint punishment, early-removal conditions and procedure and remedies, and is served',
  ),
  publication: v(
    'O45',
    '第九条',
    ['按照政府信息公开等有关规定，通过本部门门户网站和其他指定的网站公开失信联合惩戒名单'],
    "the list is published on the department's portal under the rules on government information disclosure (no period of its own)",
  ),
  publicationPeriod: v(
    'XXGK',
    '第二十六条',
    ['应当自该政府信息形成或者变更之日起20个工作日内及时公开'],
    'information to be disclosed proactively is published within 20 working days of its formation',
  ),
  measures: v(
    'O45',
    '第十条',
    ['在政府资金支持、政府采购、招投标、融资贷款、市场准入、税收优惠、评优评先、交通出行等方面依法依规予以限制'],
    'the list is shared to the credit platform; other departments restrict the parties in the listed areas',
  ),
  term: v(
    'O45',
    '第十一条',
    ['期限为3年，自人力资源社会保障行政部门作出列入决定之日起计算'],
    'a listing lasts three years from the decision',
  ),
  earlyRemoval: v(
    'O45',
    '第十二条',
    [
      '已经改正拖欠农民工工资违法行为的',
      '自改正之日起被列入失信联合惩戒名单满6个月的',
      '作出不再拖欠农民工工资书面信用承诺的',
    ],
    'early removal on application: arrears corrected, listed 6 months since the correction, a written credit commitment',
  ),
  reoffence: v(
    'O45',
    '第十三条',
    ['列入失信联合惩戒名单期限内再次发生拖欠农民工工资违法行为的'],
    'a new wage-arrears violation during the term bars early removal (the text does not extend the term)',
  ),
  criminalProceedings: v(
    'O45',
    '第十三条',
    ['因涉嫌拒不支付劳动报酬犯罪正在刑事诉讼期间或者已经被追究刑事责任的'],
    'criminal proceedings for refusing to pay wages pending, or criminal liability already imposed, bar early removal',
  ),
  earlyRemovalApplication: v(
    'O45',
    '第十四条',
    ['应当提交书面申请、已经改正拖欠农民工工资违法行为的证据和不再拖欠农民工工资书面信用承诺'],
    'the application: written, with evidence of the correction and the written commitment',
  ),
  earlyRemovalDecision: v(
    'O45',
    '第十四条',
    ['应当自收到用人单位提前移出失信联合惩戒名单申请之日起15个工作日内予以核实', '不予提前移出的，应当说明理由'],
    'decided within 15 working days of receiving the application, with a decision document; a refusal states its reasons',
  ),
  revocation: v(
    'O45',
    '第十五条',
    ['故意隐瞒真实情况、提供虚假资料，情节严重的', '撤销提前移出决定，恢复列入状态。列入的起止时间重新计算'],
    'an early removal obtained by concealment or false material (serious) is revoked, the listing restored and its start and end computed anew',
  ),
  payOrderRevoked: v(
    'O45',
    '第十六条',
    ['列入决定所依据的责令限期支付工资文书被依法撤销的'],
    'the listing is revoked when the order to pay it rests on is revoked',
  ),
  expiryRemoval: v(
    'O45',
    '第十七条',
    ['应当于10个工作日内将当事人移出失信联合惩戒名单', '当事人被列入失信联合惩戒名单期限届满的'],
    'removal within 10 working days when the term ends, early removal is granted or the decision is revoked',
  ),
  setAside: v(
    'O45',
    '第十七条',
    ['列入决定被依法撤销的'],
    'a listing decision set aside (on review, in court or by the department) is removed within 10 working days',
  ),
  remedies: v(
    'O45',
    '第十八条',
    ['对列入失信联合惩戒名单决定或者不予提前移出失信联合惩戒名单决定不服的，可以依法申请行政复议或者提起行政诉讼'],
    'the listing decision and a refusal of early removal can be challenged by 行政复议 or 行政诉讼',
  ),
  reconsideration: v(
    'XZFY',
    '第二十条',
    ['可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请'],
    'administrative reconsideration within 60 days of knowing of the act',
  ),
  litigation: v(
    'XZSS',
    '第四十六条',
    ['应当自知道或者应当知道作出行政行为之日起六个月内提出'],
    'administrative suit within 6 months of knowing of the act',
  ),
  serviceByLaw: v(
    'XZCF',
    '第六十一条',
    ['依照《中华人民共和国民事诉讼法》的有关规定'],
    'decisions are served under the Civil Procedure Law (applied by analogy: 45号令 art. 8 says only "按照有关规定")',
  ),
  serviceDirect: v(
    'MSSS',
    '第八十七条',
    ['受送达人在送达回证上的签收日期为送达日期'],
    'direct service: the date signed on the service receipt',
  ),
  servicePost: v(
    'MSSS',
    '第九十一条',
    ['邮寄送达的，以回执上注明的收件日期为送达日期'],
    'service by post: the date of receipt on the return receipt',
  ),
  serviceElectronic: v(
    'MSSS',
    '第九十条',
    ['以送达信息到达受送达人特定系统的日期为送达日期'],
    "electronic service: the day it reaches the recipient's designated system",
  ),
  servicePublic: v(
    'MSSS',
    '第九十五条',
    ['自发出公告之日起，经过三十日，即视为送达'],
    'service by public notice: served 30 days after the notice is published',
  ),
  objection: v(
    'SHXY',
    '第三十六条',
    ['在收到异议材料之日起的一个工作日内作出异议标注', '在收到转交的异议材料之日起的五个工作日内作出是否更正的决定'],
    'objections to published credit information: marked within 1 working day, decided within 5 (2017 text)',
  ),
  processingDecision: v(
    'LDJC',
    '第十八条',
    ['根据调查、检查的结果，作出以下处理', '依法作出行政处罚决定', '依法责令改正或者作出相应的行政处理决定'],
    'what a processing decision (处理决定) of labour inspection is: a penalty decision, an order to correct or an administrative handling decision',
  ),
  disclosure: u(
    'O29',
    '第五条',
    'violations already investigated with a processing decision (已经依法查处并作出处理决定) are disclosed, in the listed categories',
  ),
  disclosureSocialInsurance: u(
    'O29',
    '第五条',
    'category (二): not joining social insurance or not paying contributions, serious',
  ),
  disclosureWorkingTime: u(
    'O29',
    '第五条',
    'category (三): breaking the rules on working time, rest and leave, serious',
  ),
  disclosureWomenMinors: u(
    'O29',
    '第五条',
    'category (四): breaking the special protection of women workers and juvenile workers, serious',
  ),
  disclosureSocialImpact: u(
    'O29',
    '第五条',
    'category (六): a labour-law violation causing a serious adverse social impact',
  ),
  disclosureContent: u(
    'O29',
    '第六条',
    'what the disclosure states: name, code, address, legal representative, main facts, handling',
  ),
  disclosureQuarterly: u('O29', '第七条', 'city and county departments disclose each quarter'),
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
