// The headline figures as Markdown for group robots. WeCom refuses markdown
// over 4096 bytes, so the summary is cut line by line to fit, keeping the
// link to the full document last.

import { changeText, channelsText, CREDIT_KIND_ZH, HEADLINE_ZH, LEVEL_NAME_ZH, minutesText, percentText } from './labels.ts';
import { digestTitle } from './render-html.ts';
import type { DigestContent } from './types.ts';
import { dispositionsLine } from './dispositions.ts';

export const MARKDOWN_MAX_BYTES = 4096;
const bytes = (s: string) => new TextEncoder().encode(s).length;

export function renderDigestMarkdown(c: DigestContent, url: string | null, maxBytes = MARKDOWN_MAX_BYTES): string {
  const h = Object.fromEntries(c.headlines.map((x) => [x.key, x]));
  const fig = (k: keyof typeof HEADLINE_ZH) => `${HEADLINE_ZH[k]} **${h[k]!.value}**（${changeText(h[k]!.change)}）`;
  const r = c.response;
  const lines = [
    `## ${digestTitle(c)}`,
    `> ${c.firstDay} 至 ${c.lastDay}`,
    `- 新增预警：红 **${h['alerts_red']!.value}**（${changeText(h['alerts_red']!.change)}）· 橙 **${h['alerts_orange']!.value}**（${changeText(h['alerts_orange']!.change)}）· 黄 ${h['alerts_yellow']!.value} · 蓝 ${h['alerts_blue']!.value}`,
    `- ${fig('major_opinion')}`,
    `- 周末高风险企业：红 **${h['firms_red']!.value}**（${changeText(h['firms_red']!.change)}）· 橙 **${h['firms_orange']!.value}**（${changeText(h['firms_orange']!.change)}）`,
    `- ${fig('collective_petitions')}`,
    `- 入库记录：监察 ${h['records_inspections']!.value} · 信访 ${h['records_petitions']!.value} · 舆情 ${h['records_opinion']!.value}`,
    ...(c.petitionChannels?.length ? [`- 信访渠道：${channelsText(c.petitionChannels)}`] : []),
    `- 重大舆情不过夜率 **${percentText(r.sameDay.rate)}**（${r.sameDay.inTime}/${r.sameDay.inTime + r.sameDay.overdue}）· 按期办结率 ${percentText(r.deadlineShare)} · 确认用时中位数 ${minutesText(r.ackMedianMinutes)}`,
    ...dispositionsLine(c.dispositions),
    `- 失信名单：${c.credit.counts.map((x) => `${CREDIT_KIND_ZH[x.kind]} ${x.value}`).join(' · ')}（周末在册 ${c.credit.listedAtEnd}）`,
    ...(c.feeds.length > 0 ? [`- <font color="warning">舆情源连续失败超过一天：${c.feeds.map((f) => f.name).join('、')}</font>`] : []),
    ...(c.topFirms.length > 0 ? ['**风险最高企业**'] : []),
    ...c.topFirms.slice(0, 5).map((f, i) => `${i + 1}. ${f.name} ${f.score.toFixed(1)}${f.level ? `（${LEVEL_NAME_ZH[f.level]}）` : ''}${f.reasons[0] ? `：${f.reasons[0]}` : ''}`),
  ];
  const tail = url ? `[查看完整周报](${url})` : '';
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
