// The headline figures as Markdown for group robots, in the reader's
// language. WeCom refuses markdown over 4096 bytes, so the summary is cut
// line by line to fit, keeping the link to the full document last.

import { changeText, channelsText, minutesText, percentText, reasonWords } from './labels.ts';
import { digestTitle } from './render-html.ts';
import { digestWords, fill } from './texts.ts';
import { PUNCT, type Lang } from '../i18n/codes.ts';
import type { DigestContent, HeadlineKey } from './types.ts';
import { dispositionsLine } from './dispositions.ts';

export const MARKDOWN_MAX_BYTES = 4096;
const bytes = (s: string) => new TextEncoder().encode(s).length;

export function renderDigestMarkdown(
  c: DigestContent,
  url: string | null,
  maxBytes = MARKDOWN_MAX_BYTES,
  lang: Lang = 'zh',
): string {
  const w = digestWords(lang);
  const p = PUNCT[lang];
  const h = Object.fromEntries(c.headlines.map((x) => [x.key, x]));
  const chg = (k: HeadlineKey) => `${p.open}${changeText(h[k]!.change, lang)}${p.close}`;
  const fig = (k: HeadlineKey) => `${w.headline[k]} **${h[k]!.value}**${chg(k)}`;
  const r = c.response;
  const L = w.levelShort;
  const lines = [
    `## ${digestTitle(c, lang)}`,
    `> ${fill(w.mdPeriod, { from: c.firstDay, to: c.lastDay })}`,
    `- ${w.mdNewAlerts}${p.colon}${L.red} **${h['alerts_red']!.value}**${chg('alerts_red')} · ${L.orange} **${h['alerts_orange']!.value}**${chg('alerts_orange')} · ${L.yellow} ${h['alerts_yellow']!.value} · ${L.blue} ${h['alerts_blue']!.value}`,
    `- ${fig('major_opinion')}`,
    `- ${w.mdHighRisk}${p.colon}${L.red} **${h['firms_red']!.value}**${chg('firms_red')} · ${L.orange} **${h['firms_orange']!.value}**${chg('firms_orange')}`,
    `- ${fig('collective_petitions')}`,
    `- ${w.mdRecords}${p.colon}${w.mdInspections} ${h['records_inspections']!.value} · ${w.mdPetitions} ${h['records_petitions']!.value} · ${w.mdOpinion} ${h['records_opinion']!.value}`,
    ...(c.petitionChannels?.length ? [`- ${w.mdChannels}${p.colon}${channelsText(c.petitionChannels, lang)}`] : []),
    `- ${w.mdSameDay} **${percentText(r.sameDay.rate)}**${p.open}${r.sameDay.inTime}/${r.sameDay.inTime + r.sameDay.overdue}${p.close} · ${w.mdDeadlineShare} ${percentText(r.deadlineShare)} · ${w.mdAckMedian} ${minutesText(r.ackMedianMinutes, lang)}`,
    ...dispositionsLine(c.dispositions, lang),
    `- ${w.mdCredit}${p.colon}${c.credit.counts.map((x) => `${w.creditKind[x.kind]} ${x.value}`).join(' · ')}${p.open}${fill(w.mdListedAtEnd, { n: c.credit.listedAtEnd })}${p.close}`,
    ...(c.feeds.length > 0
      ? [`- <font color="warning">${w.mdFeedsFailing}${p.colon}${c.feeds.map((f) => f.name).join(p.list)}</font>`]
      : []),
    ...(c.topFirms.length > 0 ? [`**${w.mdTopFirms}**`] : []),
    ...c.topFirms
      .slice(0, 5)
      .map(
        (f, i) =>
          `${i + 1}. ${f.name} ${f.score.toFixed(1)}${f.level ? `${p.open}${L[f.level]}${p.close}` : ''}` +
          `${f.reasons[0] ? `${p.colon}${reasonWords(lang, f.reasons[0], f.reasonKeys?.[0])}` : ''}`,
      ),
  ];
  const tail = url ? `[${w.mdFullDigest}](${url})` : '';
  const out: string[] = [];
  let size = bytes(tail);
  for (const line of lines) {
    const add = bytes(line) + 1;
    if (size + add > maxBytes) break;
    out.push(line);
    size += add;
  }
  if (tail) out.push(tail);
  return out.join('\n');
}
