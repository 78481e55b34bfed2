// The digest as one self-contained HTML document: Chinese, inline CSS with
// an A4 print layout, inline SVG charts, no scripts (it is also the e-mail).

import { barChart, esc, sparkline } from './svg.ts';
import {
  changeText, CREDIT_KIND_ZH, HEADLINE_ZH, REMOVAL_KIND_ZH, LEVEL_COLOR, LEVEL_NAME_ZH, minutesText, percentText, scopeZh, sectorZh, shanghaiText, channelsText,
} from './labels.ts';
import type { CreditSection, DigestContent, Headline } from './types.ts';
import { dispositionsHtml } from './dispositions.ts';

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:13px/1.5 "Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;color:#1f2328;background:#fff}
.doc{max-width:180mm;margin:0 auto;padding:12px}
h1{font-size:20px;margin:0 0 2px}h2{font-size:15px;margin:16px 0 6px;padding-bottom:2px;border-bottom:2px solid #0b5cad}
.meta{color:#59636e;margin:0 0 8px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:3px 5px;border-bottom:1px solid #d1d9e0;vertical-align:top}
th{background:#f6f8fa;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.up{color:#c62828}.down{color:#2e7d32}.lvl{display:inline-block;min-width:1.6em;text-align:center;color:#fff;border-radius:3px;padding:0 3px}
.figs{display:flex;flex-wrap:wrap;gap:6px 18px;margin:4px 0}.figs div{min-width:9em}.figs b{display:block;font-size:17px}
.muted{color:#59636e}section{break-inside:avoid;page-break-inside:avoid}
ul.reasons{margin:0;padding-left:1.1em}a{color:#0b5cad}svg{display:block;max-width:100%;height:auto}
@page{size:A4;margin:12mm}
@media screen and (max-width:600px){.doc{padding:6px}table{font-size:11px}th,td{padding:2px 3px;overflow-wrap:anywhere}}
@media print{.doc{max-width:none;padding:0}a{text-decoration:none}.noprint{display:none}tr{break-inside:avoid}h2{break-after:avoid}}
`;

function changeCell(change: number, higherIsWorse = true): string {
  const cls = change === 0 ? '' : (change > 0) === higherIsWorse ? 'up' : 'down';
  return `<td class="n ${cls}">${esc(changeText(change))}</td>`;
}

function headlineRow(h: Headline): string {
  const worseWhenUp = !h.key.startsWith('records_');
  return `<tr data-key="${h.key}"><th scope="row">${esc(HEADLINE_ZH[h.key])}</th><td class="n">${h.value}</td><td class="n">${h.previous}</td>`
    + `${changeCell(h.change, worseWhenUp)}<td>${sparkline(h.series, `${HEADLINE_ZH[h.key]} 近12周`)}</td></tr>`;
}

/** Overdue major-opinion alerts listed by name; the rest are counted (a bad week must still print in a few pages). */
const OVERDUE_LISTED = 30;

/** Only web links: feed items are hostile input. */
const safeHref = (link: string | null): string | null => (link !== null && /^https?:\/\//i.test(link) ? link : null);

const levelBadge = (l: keyof typeof LEVEL_COLOR | null) =>
  l === null ? '—' : `<span class="lvl" style="background:${LEVEL_COLOR[l]}">${LEVEL_NAME_ZH[l]}</span>`;

function creditSection(k: CreditSection): string {
  const figs = k.counts.map((x) => `<div>${esc(CREDIT_KIND_ZH[x.kind])}<b data-fig="credit-${x.kind}">${x.value}</b>`
    + `<small class="muted">上周 ${x.previous}（${esc(changeText(x.change))}）</small></div>`).join('');
  const out = [`<section id="credit"><h2>六、失信联合惩戒名单</h2><div class="figs">${figs}</div>`
    + `<p class="muted">周末在册 <b data-fig="credit-listed-at-end">${k.listedAtEnd}</b> 家，程序中（候选至待列入）<b data-fig="credit-in-procedure">${k.inProcedureAtEnd}</b> 件。</p>`];
  if (k.entries.length > 0) {
    out.push(`<table class="credit"><thead><tr><th>时间</th><th>企业</th><th>事项</th><th>说明</th></tr></thead><tbody>`
      + k.entries.map((e) => `<tr data-case="${e.caseId}" data-kind="${e.kind}"><td>${esc(shanghaiText(e.at))}</td>`
        + `<td>${esc(e.firm)}${e.uscc ? `<br><small class="muted">${esc(e.uscc)}</small>` : ''}</td><td>${esc(CREDIT_KIND_ZH[e.kind])}</td>`
        + `<td>${e.kind === 'listed' && e.decisionNo ? `文书号 ${esc(e.decisionNo)}` : e.kind === 'removed' && e.removalKind ? esc(REMOVAL_KIND_ZH[e.removalKind]) : '—'}</td></tr>`).join('')
      + '</tbody></table>');
    if (k.entriesTotal > k.entries.length) out.push(`<p class="muted">另有 ${k.entriesTotal - k.entries.length} 项未列出，详见控制台失信名单。</p>`);
  }
  out.push('</section>');
  return out.join('');
}

export interface HtmlOptions {
  /** Absolute link to this digest in the console (null: none). */
  url?: string | null;
}

export function digestTitle(c: Pick<DigestContent, 'week' | 'district'>): string {
  return `${scopeZh(c.district)}新就业形态劳动风险形势研判周报（${c.week}）`;
}

export function renderDigestHtml(c: DigestContent, opts: HtmlOptions = {}): string {
  const title = digestTitle(c);
  const r = c.response;
  const areaName = c.areaKind === 'street' ? '街道' : '区';
  const s: string[] = [];
  s.push(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`
    + `<title>${esc(title)}</title><style>${CSS}</style></head><body><div class="doc" data-week="${esc(c.week)}">`);
  s.push(`<h1>${esc(title)}</h1><p class="meta">统计周期 ${c.firstDay}（周一）至 ${c.lastDay}（周日），数据截至 ${esc(shanghaiText(c.asOf))}（北京时间）`
    + `${opts.url ? ` · <a href="${esc(opts.url)}">在控制台查看</a>` : ''}</p>`);

  s.push(`<section id="headlines"><h2>一、主要指标</h2><table><thead><tr><th>指标</th><th class="n">本周</th><th class="n">上周</th><th class="n">变化</th><th>近12周</th></tr></thead><tbody>`
    + c.headlines.map(headlineRow).join('') + `</tbody></table>`
    + (c.petitionChannels?.length ? `<p data-fig="petition-channels">本周登记信访按渠道：${esc(channelsText(c.petitionChannels))}</p>` : '') + `</section>`);

  s.push(`<section id="top-firms"><h2>二、风险最高的十家企业</h2>`);
  if (c.topFirms.length === 0) s.push('<p class="muted">本周末无评分企业。</p>');
  else {
    s.push(`<table><thead><tr><th class="n">#</th><th>企业</th><th>行业</th><th>街道</th><th class="n">评分</th><th class="n">较上周</th><th>等级</th><th>主要原因</th></tr></thead><tbody>`);
    c.topFirms.forEach((f, i) => {
      s.push(`<tr data-firm="${f.firmId}"><td class="n">${i + 1}</td><td>${esc(f.name)}${f.uscc ? `<br><small class="muted">${esc(f.uscc)}</small>` : ''}</td>`
        + `<td>${esc(sectorZh(f.sector))}</td><td>${esc(f.street ?? '—')}</td><td class="n">${f.score.toFixed(1)}</td>`
        + (f.change === null ? '<td class="n muted">新</td>' : changeCell(f.change))
        + `<td>${levelBadge(f.level)}</td><td><ul class="reasons">${f.reasons.map((x) => `<li>${esc(x)}</li>`).join('')}</ul></td></tr>`);
    });
    s.push('</tbody></table>');
  }
  s.push('</section>');

  const series = [{ name: '本周新增预警', color: '#0b5cad' }, { name: '红/橙等级企业', color: '#c62828' }];
  s.push(`<section id="sectors"><h2>三、分行业</h2>${barChart(c.sectors.map((x) => ({ label: sectorZh(x.key), values: [x.alerts, x.redOrange] })), series, '分行业预警与高风险企业')}</section>`);
  s.push(`<section id="areas"><h2>四、分${areaName}</h2>${c.areas.length === 0 ? '<p class="muted">无数据。</p>'
    : barChart(c.areas.map((x) => ({ label: x.key, values: [x.alerts, x.redOrange] })), series, `分${areaName}预警与高风险企业`)}</section>`);

  s.push(`<section id="response"><h2>五、响应情况</h2><div class="figs">`
    + `<div>确认用时中位数<b data-fig="ack-median">${esc(minutesText(r.ackMedianMinutes))}</b></div>`
    + `<div>确认用时 P90<b data-fig="ack-p90">${esc(minutesText(r.ackP90Minutes))}</b></div>`
    + `<div>按期办结率<b data-fig="deadline-share">${percentText(r.deadlineShare)}</b><small class="muted">${r.deadlinesMet}/${r.deadlinesDue} 件到期</small></div>`
    + `<div>重大舆情不过夜率<b data-fig="same-day">${percentText(r.sameDay.rate)}</b><small class="muted">${r.sameDay.inTime}/${r.sameDay.inTime + r.sameDay.overdue} 件${r.sameDay.pending ? `，${r.sameDay.pending} 件未到期` : ''}</small></div>`
    + `</div><p class="muted">本周预警 ${r.acknowledged + r.unacknowledged} 件，周末前已确认 ${r.acknowledged} 件，未确认 ${r.unacknowledged} 件。</p>`);
  if (r.sameDay.overdueAlerts.length > 0) {
    s.push(`<table class="overdue"><caption style="text-align:left;font-weight:600">过夜未办结的重大舆情</caption><thead><tr><th>预警</th><th>企业</th><th>发出</th><th>时限</th><th>办结</th></tr></thead><tbody>`
      + r.sameDay.overdueAlerts.slice(0, OVERDUE_LISTED).map((a) => `<tr data-alert="${a.alertId}"><td>#${a.alertId} ${esc(a.title)}</td><td>${esc(a.firm)}</td><td>${esc(shanghaiText(a.raisedAt))}</td>`
        + `<td>${esc(a.handleDueAt ? shanghaiText(a.handleDueAt) : '当日 24:00')}</td><td>${esc(a.closedAt ? shanghaiText(a.closedAt) : '未办结')}</td></tr>`).join('')
      + '</tbody></table>'
      + (r.sameDay.overdueAlerts.length > OVERDUE_LISTED ? `<p class="muted">另有 ${r.sameDay.overdueAlerts.length - OVERDUE_LISTED} 件未列出，见控制台预警队列。</p>` : ''));
  }
  s.push(dispositionsHtml(c.dispositions));
  s.push('</section>');

  s.push(creditSection(c.credit));

  s.push(`<section id="feeds"><h2>七、舆情源运行</h2>`);
  s.push(c.feeds.length === 0 ? `<p>无连续失败超过一天的舆情源（检查于 ${esc(shanghaiText(c.feedsCheckedAt))}）。</p>`
    : `<table><thead><tr><th>舆情源</th><th>最后成功</th><th class="n">连续失败</th><th>最近错误</th></tr></thead><tbody>`
      + c.feeds.map((f) => `<tr><td>${esc(f.name)}</td><td>${esc(shanghaiText(f.lastSuccessAt))}</td><td class="n">${f.consecutiveFailures}</td><td>${esc(f.lastError ?? '—')}</td></tr>`).join('')
      + `</tbody></table><p class="muted">检查于 ${esc(shanghaiText(c.feedsCheckedAt))}。</p>`);
  s.push('</section>');

  s.push(`<section id="notable"><h2>八、本周值得关注的舆情</h2>`);
  s.push(c.notable.length === 0 ? '<p class="muted">本周无相关舆情。</p>'
    : '<ol>' + c.notable.map((n) => `<li>${n.major ? '<b class="up">【重大】</b>' : ''}${safeHref(n.link) ? `<a href="${esc(n.link!)}">${esc(n.title)}</a>` : esc(n.title)}`
      + ` <small class="muted">${esc(n.feed)} · ${esc(shanghaiText(n.at))} · 严重度 ${n.severity}${n.firms.length ? ` · ${esc(n.firms.join('、'))}` : ''}</small></li>`).join('') + '</ol>');
  s.push('</section>');

  s.push(`<p class="muted">本报告由前哨系统根据截至统计周期结束时的存量数据自动生成；重新生成同一周的报告得到相同数字（舆情源运行情况为首次生成时的快照）。</p></div></body></html>`);
  return s.join('\n');
}
