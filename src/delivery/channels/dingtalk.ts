// DingTalk (钉钉) custom robot: markdown with `at`. With 加签 enabled the URL
// carries `timestamp` (ms) and `sign` = urlencode(base64(HMAC-SHA256(
// key=secret, msg=timestamp+"\n"+secret))). DingTalk only highlights an
// @mobile / @userId that also appears in the text, so we append them.
import { chatTexts } from '../../domain/i18n/chat.ts';
import { PUNCT } from '../../domain/i18n/codes.ts';
import { createHmac } from 'node:crypto';
import { headingOf, type RenderedMessage } from './message.ts';
import { clipChars, escapeMarkdown, fitBytes, markdownHref } from './text.ts';
import type { Endpoint, HttpRequestSpec } from './types.ts';

// DingTalk documents no byte limit for robot markdown; its chat API caps
// markdown at 5000 characters. 4096 bytes stays below both, whatever the script.
export const DINGTALK_TEXT_MAX_BYTES = 4096;
// The title is what the notification preview shows; the chat API caps it at 64.
const TITLE_MAX_CHARS = 64;

export function signDingtalk(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

function withQuery(url: string, params: Record<string, string>): string {
  const query = Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
  const [base, fragment] = url.split('#', 2);
  const joiner = base!.includes('?') ? (base!.endsWith('?') || base!.endsWith('&') ? '' : '&') : '?';
  return `${base}${joiner}${query}${fragment === undefined ? '' : `#${fragment}`}`;
}

export function signedDingtalkUrl(url: string, secret: string, timestampMs: number): string {
  return withQuery(url, { timestamp: String(timestampMs), sign: signDingtalk(secret, timestampMs) });
}

function mentionHandle(value: string): string {
  return `@${value.replace(/\s/g, '')}`;
}

export function dingtalkMarkdown(message: RenderedMessage, handles: readonly string[]): string {
  const blocks = [
    `### ${escapeMarkdown(headingOf(message), message.lang)}`,
    `**${escapeMarkdown(message.title, message.lang)}**`,
    message.facts
      .map((f) => `- ${f.label}${PUNCT[message.lang].colon}${escapeMarkdown(f.value, message.lang)}`)
      .join('\n'),
  ];
  const tail = [
    message.link ? `\n\n[${chatTexts(message.lang).viewDetails}](${markdownHref(message.link)})` : '',
    handles.length ? `\n\n${handles.join(' ')}` : '',
  ].join('');
  return fitBytes(blocks.filter((b) => b !== '').join('\n\n'), tail, DINGTALK_TEXT_MAX_BYTES);
}

export function buildDingtalkRequest(endpoint: Endpoint, message: RenderedMessage, now: Date): HttpRequestSpec {
  const mobiles = endpoint.mentions?.mobiles ?? [];
  const userIds = endpoint.mentions?.userIds ?? [];
  const handles = [...mobiles, ...userIds].map(mentionHandle);
  const payload = {
    msgtype: 'markdown',
    markdown: {
      title: clipChars(`${headingOf(message)} ${message.title}`, TITLE_MAX_CHARS),
      text: dingtalkMarkdown(message, handles),
    },
    at: { atMobiles: mobiles, atUserIds: userIds, isAtAll: Boolean(endpoint.mentions?.all) },
  };
  const url = endpoint.secret ? signedDingtalkUrl(endpoint.url, endpoint.secret, now.getTime()) : endpoint.url;
  return {
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(payload),
  };
}
