// The digest as one self-contained HTML document in the reader's language
// (Chinese by default; ./texts.ts), inline CSS with an A4 print layout,
// inline SVG charts, no scripts (it is also the e-mail).

import { barChart, esc, sparkline } from './svg.ts';
import {
  changeText,
  LEVEL_COLOR,
  minutesText,
  percentText,
  reasonWords,
  scopeName,
  sectorName,
  shanghaiText,
  channelsText,
} from './labels.ts';
import { digestWords, fill, type DigestWords } from './texts.ts';
import { alertTitle } from '../i18n/alert-text.ts';
import { PUNCT, type Lang } from '../i18n/codes.ts';
import type { CreditSection, DigestContent, Headline, MajorOpinionAlert } from './types.ts';
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

function changeCell(change: number, higherIsWorse = true, lang: Lang = 'zh'): string {
  const cls = change === 0 ? '' : change > 0 === higherIsWorse ? 'up' : 'down';
  return `<td class="n ${cls}">${esc(changeText(change, lang))}</td>`;
}

function headlineRow(h: Headline, lang: Lang): string {
  const w = digestWords(lang);
  const worseWhenUp = !h.key.startsWith('records_');
  return (
    `<tr data-key="${h.key}"><th scope="row">${esc(w.headline[h.key])}</th><td class="n">${h.value}</td><td class="n">${h.previous}</td>` +
    `${changeCell(h.change, worseWhenUp, lang)}<td>${sparkline(h.series, fill(w.sparkLabel, { name: w.headline[h.key] }))}</td></tr>`
  );
}

/** A major-opinion alert as the digest names it: its stored title, or in English its level, rule and firm. */
const overdueTitle = (lang: Lang, a: MajorOpinionAlert): string =>
  lang === 'en' && a.level
    ? alertTitle('en', { title: a.title, level: a.level, rule: 'major_opinion', firm: { name: a.firm } })
    : lang === 'en'
      ? a.firm
      : a.title;

/** Overdue major-opinion alerts listed by name; the rest are counted (a bad week must still print in a few pages). */
const OVERDUE_LISTED = 30;

/** Only web links: feed items are hostile input. */
const safeHref = (link: string | null): string | null => (link !== null && /^https?:\/\//i.test(link) ? link : null);

const levelBadge = (l: keyof typeof LEVEL_COLOR | null, w: DigestWords) =>
  l === null ? '—' : `<span class="lvl" style="background:${LEVEL_COLOR[l]}">${w.levelShort[l]}</span>`;

function creditSection(k: CreditSection, lang: Lang): string {
  const w = digestWords(lang);
  const figs = k.counts
    .map(
      (x) =>
        `<div>${esc(w.creditKind[x.kind])}<b data-fig="credit-${x.kind}">${x.value}</b>` +
        `<small class="muted">${esc(fill(w.previous, { n: x.previous, change: changeText(x.change, lang) }))}</small></div>`,
    )
    .join('');
  const out = [
    `<section id="credit"><h2>${w.s6}</h2><div class="figs">${figs}</div>` +
      `<p class="muted">${fill(esc(w.creditEnd), { listed: `<b data-fig="credit-listed-at-end">${k.listedAtEnd}</b>`, open: `<b data-fig="credit-in-procedure">${k.inProcedureAtEnd}</b>` })}</p>`,
  ];
  if (k.entries.length > 0) {
    out.push(
      `<table class="credit"><thead><tr><th>${w.time}</th><th>${w.firm}</th><th>${w.matter}</th><th>${w.note}</th></tr></thead><tbody>` +
        k.entries
          .map(
            (e) =>
              `<tr data-case="${e.caseId}" data-kind="${e.kind}"><td>${esc(shanghaiText(e.at))}</td>` +
              `<td>${esc(e.firm)}${e.uscc ? `<br><small class="muted">${esc(e.uscc)}</small>` : ''}</td><td>${esc(w.creditKind[e.kind])}</td>` +
              `<td>${e.kind === 'listed' && e.decisionNo ? esc(fill(w.decisionNo, { no: e.decisionNo })) : e.kind === 'removed' && e.removalKind ? esc(w.removalKind[e.removalKind]) : '—'}</td></tr>`,
          )
          .join('') +
        '</tbody></table>',
    );
    if (k.entriesTotal > k.entries.length)
      out.push(`<p class="muted">${esc(fill(w.moreCredit, { n: k.entriesTotal - k.entries.length }))}</p>`);
  }
  out.push('</section>');
  return out.join('');
}

export interface HtmlOptions {
  /** Absolute link to this digest in the console (null: none). */
  url?: string | null;
  /** The reader's language (default Chinese). */
  lang?: Lang;
}

export function digestTitle(c: Pick<DigestContent, 'week' | 'district'>, lang: Lang = 'zh'): string {
  return fill(digestWords(lang).title, { scope: scopeName(c.district, lang), week: c.week });
}

export function renderDigestHtml(c: DigestContent, opts: HtmlOptions = {}): string {
  const lang = opts.lang ?? 'zh';
  const w = digestWords(lang);
  const title = digestTitle(c, lang);
  const r = c.response;
  const areaName = c.areaKind === 'street' ? w.areaStreet : w.areaDistrict;
  const s: string[] = [];
  s.push(
    `<!doctype html><html lang="${w.htmlLang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>${esc(title)}</title><style>${CSS}</style></head><body><div class="doc" data-week="${esc(c.week)}">`,
  );
  s.push(
    `<h1>${esc(title)}</h1><p class="meta">${esc(fill(w.meta, { from: c.firstDay, to: c.lastDay, asOf: shanghaiText(c.asOf) }))}` +
      `${opts.url ? ` · <a href="${esc(opts.url)}">${w.viewInConsole}</a>` : ''}</p>`,
  );

  s.push(
    `<section id="headlines"><h2>${w.s1}</h2><table><thead><tr><th>${w.indicator}</th><th class="n">${w.thisWeek}</th><th class="n">${w.lastWeek}</th><th class="n">${w.change}</th><th>${w.twelveWeeks}</th></tr></thead><tbody>` +
      c.headlines.map((h) => headlineRow(h, lang)).join('') +
      `</tbody></table>` +
      (c.petitionChannels?.length
        ? `<p data-fig="petition-channels">${esc(fill(w.channels, { list: channelsText(c.petitionChannels, lang) }))}</p>`
        : '') +
      `</section>`,
  );

  s.push(`<section id="top-firms"><h2>${w.s2}</h2>`);
  if (c.topFirms.length === 0) s.push(`<p class="muted">${w.noScores}</p>`);
  else {
    s.push(
      `<table><thead><tr><th class="n">#</th><th>${w.firm}</th><th>${w.sector}</th><th>${w.street}</th><th class="n">${w.score}</th><th class="n">${w.vsLastWeek}</th><th>${w.level}</th><th>${w.mainReasons}</th></tr></thead><tbody>`,
    );
    c.topFirms.forEach((f, i) => {
      s.push(
        `<tr data-firm="${f.firmId}"><td class="n">${i + 1}</td><td>${esc(f.name)}${f.uscc ? `<br><small class="muted">${esc(f.uscc)}</small>` : ''}</td>` +
          `<td>${esc(sectorName(f.sector, lang))}</td><td>${esc(f.street ?? '—')}</td><td class="n">${f.score.toFixed(1)}</td>` +
          (f.change === null ? `<td class="n muted">${w.isNew}</td>` : changeCell(f.change, true, lang)) +
          `<td>${levelBadge(f.level, w)}</td><td><ul class="reasons">${f.reasons.map((x, j) => `<li>${esc(reasonWords(lang, x, f.reasonKeys?.[j]))}</li>`).join('')}</ul></td></tr>`,
      );
    });
    s.push('</tbody></table>');
  }
  s.push('</section>');

  const series = [
    { name: w.seriesAlerts, color: '#0b5cad' },
    { name: w.seriesRedOrange, color: '#c62828' },
  ];
  s.push(
    `<section id="sectors"><h2>${w.s3}</h2>${barChart(
      c.sectors.map((x) => ({ label: sectorName(x.key, lang), values: [x.alerts, x.redOrange] })),
      series,
      w.sectorChart,
    )}</section>`,
  );
  s.push(
    `<section id="areas"><h2>${fill(w.s4, { area: areaName })}</h2>${
      c.areas.length === 0
        ? `<p class="muted">${w.noData}</p>`
        : barChart(
            c.areas.map((x) => ({ label: x.key, values: [x.alerts, x.redOrange] })),
            series,
            fill(w.areaChart, { area: areaName }),
          )
    }</section>`,
  );

  s.push(
    `<section id="response"><h2>${w.s5}</h2><div class="figs">` +
      `<div>${w.ackMedian}<b data-fig="ack-median">${esc(minutesText(r.ackMedianMinutes, lang))}</b></div>` +
      `<div>${w.ackP90}<b data-fig="ack-p90">${esc(minutesText(r.ackP90Minutes, lang))}</b></div>` +
      `<div>${w.deadlineShare}<b data-fig="deadline-share">${percentText(r.deadlineShare)}</b><small class="muted">${fill(w.dueCount, { met: r.deadlinesMet, due: r.deadlinesDue })}</small></div>` +
      `<div>${w.sameDay}<b data-fig="same-day">${percentText(r.sameDay.rate)}</b><small class="muted">${fill(w.sameDayCount, { n: r.sameDay.inTime, d: r.sameDay.inTime + r.sameDay.overdue })}${r.sameDay.pending ? fill(w.pending, { n: r.sameDay.pending }) : ''}</small></div>` +
      `</div><p class="muted">${fill(w.responseLine, { total: r.acknowledged + r.unacknowledged, ack: r.acknowledged, unack: r.unacknowledged })}</p>`,
  );
  if (r.sameDay.overdueAlerts.length > 0) {
    s.push(
      `<table class="overdue"><caption style="text-align:left;font-weight:600">${w.overdueCaption}</caption><thead><tr><th>${w.alert}</th><th>${w.firm}</th><th>${w.raised}</th><th>${w.deadline}</th><th>${w.closed}</th></tr></thead><tbody>` +
        r.sameDay.overdueAlerts
          .slice(0, OVERDUE_LISTED)
          .map(
            (a) =>
              `<tr data-alert="${a.alertId}"><td>#${a.alertId} ${esc(overdueTitle(lang, a))}</td><td>${esc(a.firm)}</td><td>${esc(shanghaiText(a.raisedAt))}</td>` +
              `<td>${esc(a.handleDueAt ? shanghaiText(a.handleDueAt) : w.dayEnd)}</td><td>${esc(a.closedAt ? shanghaiText(a.closedAt) : w.notClosed)}</td></tr>`,
          )
          .join('') +
        '</tbody></table>' +
        (r.sameDay.overdueAlerts.length > OVERDUE_LISTED
          ? `<p class="muted">${esc(fill(w.moreOverdue, { n: r.sameDay.overdueAlerts.length - OVERDUE_LISTED }))}</p>`
          : ''),
    );
  }
  s.push(dispositionsHtml(c.dispositions, lang));
  s.push('</section>');

  s.push(creditSection(c.credit, lang));

  s.push(`<section id="feeds"><h2>${w.s7}</h2>`);
  s.push(
    c.feeds.length === 0
      ? `<p>${esc(fill(w.feedsOk, { at: shanghaiText(c.feedsCheckedAt) }))}</p>`
      : `<table><thead><tr><th>${w.feed}</th><th>${w.lastSuccess}</th><th class="n">${w.failures}</th><th>${w.lastError}</th></tr></thead><tbody>` +
          c.feeds
            .map(
              (f) =>
                `<tr><td>${esc(f.name)}</td><td>${esc(shanghaiText(f.lastSuccessAt))}</td><td class="n">${f.consecutiveFailures}</td><td>${esc(f.lastError ?? '—')}</td></tr>`,
            )
            .join('') +
          `</tbody></table><p class="muted">${esc(fill(w.checkedAt, { at: shanghaiText(c.feedsCheckedAt) }))}</p>`,
  );
  s.push('</section>');

  s.push(`<section id="notable"><h2>${w.s8}</h2>`);
  s.push(
    c.notable.length === 0
      ? `<p class="muted">${w.noNotable}</p>`
      : `<ol>${c.notable
          .map(
            (n) =>
              `<li>${n.major ? `<b class="up">${esc(w.major)}</b>` : ''}${safeHref(n.link) ? `<a href="${esc(n.link!)}">${esc(n.title)}</a>` : esc(n.title)}` +
              ` <small class="muted">${esc(n.feed)} · ${esc(shanghaiText(n.at))} · ${esc(fill(w.severity, { n: n.severity }))}${n.firms.length ? ` · ${esc(n.firms.join(PUNCT[lang].list))}` : ''}</small></li>`,
          )
          .join('')}</ol>`,
  );
  s.push('</section>');

  s.push(`<p class="muted">${w.footer}</p></div></body></html>`);
  return s.join('\n');
}
