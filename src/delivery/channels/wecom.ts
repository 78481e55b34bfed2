// WeCom (企业微信) group robot. The key in the URL is the only secret; there is
// no signature. Limits: markdown content ≤ 4096 bytes, text ≤ 2048 bytes
// (UTF-8), 20 messages a minute per robot.
//
// Mentions: markdown can only mention by user id (`<@userid>`); mobiles and
// @all work only in the `text` type (mentioned_mobile_list/mentioned_list).
// A page that nobody notices is the failure this product exists to prevent,
// so when mobiles or @all are configured we send `text` (plain, link as a
// bare URL, which WeCom makes clickable) and otherwise `markdown`.
import { headingOf, type RenderedMessage } from './message.ts';
import { escapeMarkdown, fitBytes, markdownHref } from './text.ts';
import { chatTexts } from '../../domain/i18n/chat.ts';
import { PUNCT } from '../../domain/i18n/codes.ts';
import type { Endpoint, HttpRequestSpec, Mentions } from './types.ts';

export const WECOM_MARKDOWN_MAX_BYTES = 4096;
export const WECOM_TEXT_MAX_BYTES = 2048;

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

// User ids go inside `<@...>`; anything that could close the tag is dropped.
function safeId(id: string): string {
  return id.replace(/[<>\s]/g, '');
}

export function wecomMarkdown(message: RenderedMessage, userIds: readonly string[]): string {
  const marker = message.marker
    ? message.level === 'red' || message.level === 'orange'
      ? `<font color="warning">**${message.marker}**</font>`
      : `**${message.marker}**`
    : '';
  const lines = [
    `${marker}${marker && message.lang === 'en' ? ' ' : ''}${escapeMarkdown(message.action, message.lang)}`,
    `**${escapeMarkdown(message.title, message.lang)}**`,
    // No markup after the value: a truncated last line stays well-formed.
    ...message.facts.map((f) => `> ${f.label}${PUNCT[message.lang].colon}${escapeMarkdown(f.value, message.lang)}`),
  ];
  const tail = [
    message.link ? `\n[${chatTexts(message.lang).viewDetails}](${markdownHref(message.link)})` : '',
    userIds.length ? `\n${userIds.map((id) => `<@${safeId(id)}>`).join(' ')}` : '',
  ].join('');
  return fitBytes(lines.join('\n'), tail, WECOM_MARKDOWN_MAX_BYTES);
}

export function wecomText(message: RenderedMessage): string {
  const colon = PUNCT[message.lang].colon;
  const lines = [headingOf(message), message.title, ...message.facts.map((f) => `${f.label}${colon}${f.value}`)];
  const tail = message.link ? `\n${chatTexts(message.lang).viewDetails}${colon}${message.link}` : '';
  return fitBytes(lines.join('\n'), tail, WECOM_TEXT_MAX_BYTES);
}

function needsTextType(mentions: Mentions | undefined): boolean {
  return Boolean(mentions?.all) || (mentions?.mobiles?.length ?? 0) > 0;
}

export function buildWecomRequest(endpoint: Endpoint, message: RenderedMessage): HttpRequestSpec {
  const mentions = endpoint.mentions;
  const userIds = mentions?.userIds ?? [];
  let payload: unknown;
  if (needsTextType(mentions)) {
    payload = {
      msgtype: 'text',
      text: {
        content: wecomText(message),
        mentioned_list: [...userIds, ...(mentions?.all ? ['@all'] : [])],
        mentioned_mobile_list: mentions?.mobiles ?? [],
      },
    };
  } else {
    payload = { msgtype: 'markdown', markdown: { content: wecomMarkdown(message, userIds) } };
  }
  return { url: endpoint.url, method: 'POST', headers: { ...JSON_HEADERS }, body: JSON.stringify(payload) };
}
