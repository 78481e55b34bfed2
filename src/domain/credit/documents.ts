// The 事先告知书 and the 列入决定书 as printable HTML (A4 print CSS, no
// scripts, the same browser-print path as the weekly digest). Pure: the
// caller passes the case as the API sees it. Each required element is a
// section with a data-section name, so reviewers and tests can find it:
// parties, facts, evidence, basis, measures, duration, early removal,
// statement rights (notice) or remedies (decision), authority, number,
// version and the service record.

import { esc } from '../digest/svg.ts';
import { cite, citeForDocument } from './articles.ts';
import { DOCUMENT_ZH, PARTY_ROLE_ZH, type CaseDocument, type Party } from './case-file.ts';
import type { CreditConfig } from './config.ts';
import { SERVICE_ZH } from './service.ts';
import { dateOf } from './deadlines.ts';

export interface DocumentCase {
  id: number;
  firm: { name: string; uscc: string | null; address: string | null; legalRepresentative: string | null };
  parties: readonly Party[];
  reason: string;
  basis: string | null;
  evidence: {
    orders?: Array<{ recordId: string; date: string; due: string; workers: number | null; amount: number | null }>;
    petitions?: Array<{ recordId: string; received: string; petitioners: number }>;
    mentions?: Array<{ title: string | null; at: string }>;
  };
  authority: string;
  statementDueAt: string | null;
  listedOn: string | null;
  expectedExitOn: string | null;
  documents: readonly CaseDocument[];
}

export type PrintableKind = 'notice' | 'decision';

/** 联合惩戒措施 (45号令 art. 10, verbatim): the areas restricted. */
const MEASURES =
  '在政府资金支持、政府采购、招投标、融资贷款、市场准入、税收优惠、评优评先、交通出行等方面依法依规予以限制';

const CSS = `@page{size:A4;margin:20mm 18mm}
body{font-family:"Noto Serif CJK SC","Songti SC","SimSun",serif;color:#000;margin:0}
.doc{max-width:174mm;margin:0 auto;padding:12px;line-height:1.8;font-size:15px}
h1{text-align:center;font-size:22px;margin:0 0 4px}.no{text-align:center;margin:0 0 16px}
h2{font-size:16px;margin:14px 0 4px}section{break-inside:avoid}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #000;padding:2px 6px;font-size:13px;text-align:left}.sign{text-align:right;margin-top:28px}
.meta{font-size:12px;color:#333;border-top:1px solid #000;margin-top:24px;padding-top:6px}
@media print{.doc{max-width:none;padding:0}}`;

const sec = (name: string, title: string, body: string) =>
  `<section data-section="${name}"><h2>${esc(title)}</h2>${body}</section>`;
const p = (s: string) => `<p>${esc(s)}</p>`;

function partiesTable(c: DocumentCase): string {
  const rows = [
    `<tr><td>用人单位</td><td>${esc(c.firm.name)}</td><td>统一社会信用代码：${esc(c.firm.uscc ?? '—')}</td></tr>`,
    ...c.parties.map(
      (x) =>
        `<tr><td>${esc(PARTY_ROLE_ZH[x.role])}</td><td>${esc(x.name)}${x.position ? `（${esc(x.position)}）` : ''}</td><td>身份证号：${esc(x.idNumberMasked ?? '—')}</td></tr>`,
    ),
  ];
  if (
    !c.parties.some((x) => x.role === 'legal_representative' || x.role === 'principal') &&
    c.firm.legalRepresentative
  ) {
    rows.splice(1, 0, `<tr><td>法定代表人</td><td>${esc(c.firm.legalRepresentative)}</td><td>身份证号：—</td></tr>`);
  }
  return `<table><tbody>${rows.join('')}</tbody></table>${c.firm.address ? p(`住所：${c.firm.address}`) : ''}`;
}

function evidenceList(c: DocumentCase): string {
  const items = [
    ...(c.evidence.orders ?? []).map(
      (o) =>
        `劳动保障监察案件${o.recordId}：${o.date}检查，责令于${o.due}前支付${o.workers ?? '—'}名劳动者工资${o.amount ?? '—'}元，逾期未支付`,
    ),
    ...(c.evidence.petitions ?? []).map(
      (x) => `信访件${x.recordId}：${x.received}受理，${x.petitioners}人反映拖欠工资`,
    ),
    ...(c.evidence.mentions ?? []).map((m) => `舆情：${m.title ?? ''}（${m.at.slice(0, 10)}）`),
  ];
  return items.length === 0 ? p('见案卷。') : `<ol>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ol>`;
}

function serviceBlock(d: CaseDocument | undefined): string {
  const s = d?.service ?? null;
  if (s === null) return p('尚未送达。');
  return (
    `<table><tbody><tr><td>送达方式</td><td>${esc(SERVICE_ZH[s.method])}</td></tr><tr><td>发出日期</td><td>${esc(s.sentOn)}</td></tr>` +
    `<tr><td>送达（收到）日期</td><td>${esc(s.receivedOn ?? '尚未收到')}</td></tr><tr><td>凭证</td><td>${esc(s.proof ?? '—')}</td></tr><tr><td>依据</td><td>${esc(s.rule)}</td></tr></tbody></table>`
  );
}

/** The document of `kind` for the case (its latest version), or null when the case has none yet. */
export function renderCreditDocument(kind: PrintableKind, c: DocumentCase, cfg: CreditConfig): string | null {
  const doc = [...c.documents].reverse().find((d) => d.kind === kind);
  if (!doc) return null;
  const title = DOCUMENT_ZH[kind];
  const basis = `${citeForDocument('listingConditions')}${c.basis ? `；${c.basis}` : ''}`;
  const body: string[] = [
    sec('parties', '当事人', partiesTable(c)),
    sec('facts', '违法事实', p(c.reason)),
    sec('evidence', '证据', evidenceList(c)),
    sec('basis', '法律依据', p(`《保障农民工工资支付条例》第四十八条；${basis}`)),
    sec(
      'measures',
      '联合惩戒措施',
      p(
        `依照${citeForDocument('measures')}，列入拖欠农民工工资失信联合惩戒对象名单，按照规定公开并共享至同级信用信息共享平台，由相关部门${MEASURES}。`,
      ),
    ),
    sec(
      'duration',
      '列入期限',
      p(
        kind === 'decision' && c.listedOn
          ? `依照${citeForDocument('term')}，列入期限为${cfg.termYears}年，自${c.listedOn}起至${c.expectedExitOn ?? ''}止；期满后${cfg.expiryRemovalWorkingDays}个工作日内移出。`
          : `拟列入期限为${cfg.termYears}年，自作出列入决定之日起计算（${citeForDocument('term')}）。`,
      ),
    ),
    sec(
      'early-removal',
      '提前移出条件和程序',
      p(
        `依照${citeForDocument('earlyRemoval')}，用人单位已经改正拖欠农民工工资违法行为、自改正之日起被列入名单满${cfg.earlyRemovalMonths}个月，并作出不再拖欠农民工工资书面信用承诺的，可以提交书面申请、改正的证据和书面信用承诺，向本机关申请提前移出；列入期限内再次发生拖欠农民工工资违法行为，或者因涉嫌拒不支付劳动报酬犯罪正在刑事诉讼期间或者已经被追究刑事责任的，不得提前移出。本机关自收到申请之日起${cfg.earlyRemovalDecideWorkingDays}个工作日内予以核实并作出决定；不予提前移出的，说明理由。`,
      ),
    ),
  ];
  if (kind === 'notice') {
    body.push(
      sec(
        'statement-rights',
        '提出异议（陈述申辩）的权利',
        p(
          `依照${citeForDocument('priorNotice')}，当事人可以自收到本告知书之日起${cfg.statementWorkingDays}个工作日内${c.statementDueAt ? `（即${dateOf(new Date(Date.parse(c.statementDueAt) - 1))}当日止）` : ''}向本机关提出异议（陈述、申辩）；本机关自收到异议之日起${cfg.statementReviewWorkingDays}个工作日内予以核实，并将结果告知当事人。依照${citeForDocument('notListedAfterPayment')}，在本机关作出列入决定前已经改正拖欠农民工工资违法行为，且作出不再拖欠农民工工资书面信用承诺的，可以不予列入。`,
        ),
      ),
    );
  } else {
    body.push(
      sec(
        'remedies',
        '救济途径',
        p(
          `依照${citeForDocument('remedies')}，当事人对本决定不服的，可以自知道该决定之日起六十日内依照${cite('reconsideration')}申请行政复议，或者自知道该决定之日起六个月内依照${cite('litigation')}向人民法院提起行政诉讼。`,
        ),
      ),
    );
  }
  body.push(sec('authority', '作出机关', `<p class="sign">${esc(c.authority)}<br>${esc(doc.issuedOn)}</p>`));
  body.push(sec('service', '送达记录', serviceBlock(doc)));
  body.push(
    `<p class="meta" data-section="number">文书编号：${esc(doc.number)} · <span data-section="version">版本 ${doc.version}</span> · 案件 #${c.id} · 依据：${esc(cite('listingConditions'))}</p>`,
  );
  return (
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)} ${esc(doc.number)}</title><style>${CSS}</style></head>` +
    `<body><main class="doc" data-document="${kind}"><h1>${esc(title)}</h1><p class="no">${esc(doc.number)}</p>${body.join('')}</main></body></html>`
  );
}
