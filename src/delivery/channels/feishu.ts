// Feishu (飞书) custom robot: rich-text `post`. With 签名校验 enabled the body
// carries `timestamp` (seconds, as a string) and `sign` = base64(HMAC-SHA256
// keyed with timestamp+"\n"+secret over an empty message) — the key/message
// order is the reverse of DingTalk's. Custom robots mention by open_id or
// user_id (`at` elements); mentioning by mobile is not possible, so mobiles
// are not sent (MENTION_SUPPORT tells the API to refuse them).
import { chatTexts } from '../../domain/i18n/chat.ts';
import { PUNCT } from '../../domain/i18n/codes.ts';
import { createHmac } from 'node:crypto';
import { headingOf, type RenderedMessage } from './message.ts';
import { clipChars } from './text.ts';
import type { Endpoint, HttpRequestSpec } from './types.ts';

const TITLE_MAX_CHARS = 100;

type PostElement =
  | { tag: 'text'; text: string }
  | { tag: 'a'; text: string; href: string }
  | { tag: 'at'; user_id: string };

export function signFeishu(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/** The title is what the notification preview shows, so it names the subject too. */
export function feishuTitle(message: RenderedMessage): string {
  return clipChars(`${headingOf(message)}${PUNCT[message.lang].colon}${message.title}`, TITLE_MAX_CHARS);
}

export function feishuPostContent(message: RenderedMessage, endpoint: Endpoint): PostElement[][] {
  const rows: PostElement[][] = [];
  const colon = PUNCT[message.lang].colon;
  const w = chatTexts(message.lang);
  for (const fact of message.facts) {
    // Acknowledge links as links (Feishu does not link bare URLs in post text).
    rows.push(
      /^https?:\/\//.test(fact.value)
        ? [
            { tag: 'text', text: `${fact.label}${colon}` },
            { tag: 'a', text: fact.value, href: fact.value },
          ]
        : [{ tag: 'text', text: `${fact.label}${colon}${fact.value}` }],
    );
  }
  if (message.link)
    rows.push([
      { tag: 'text', text: `${w.details}${colon}` },
      { tag: 'a', text: w.open, href: message.link },
    ]);
  const ats: PostElement[] = (endpoint.mentions?.userIds ?? []).map((id) => ({ tag: 'at', user_id: id }));
  if (endpoint.mentions?.all) ats.push({ tag: 'at', user_id: 'all' });
  if (ats.length) rows.push(ats);
  // Feishu refuses a post without content; the subject line always fits.
  return rows.length ? rows : [[{ tag: 'text', text: message.title }]];
}

const TEMPLATES: Record<string, string> = { red: 'red', orange: 'orange', yellow: 'yellow', blue: 'blue' };

/**
 * An interactive card with one acknowledge button per person paged. The
 * button opens the person's signed link (all a custom robot's card can do);
 * its value carries the same code for a card an app sends, whose tap comes
 * back through the card callback (/api/v1/feishu/card-callback).
 */
export function feishuCard(message: RenderedMessage, endpoint: Endpoint): Record<string, unknown> {
  const links = endpoint.ackLinks ?? [];
  const urls = new Set(links.map((l) => l.url));
  const colon = PUNCT[message.lang].colon;
  const w = chatTexts(message.lang);
  const lines = message.facts.filter((f) => !urls.has(f.value)).map((f) => `**${f.label}**${colon}${f.value}`);
  const ats = (endpoint.mentions?.userIds ?? []).map((id) => `<at id=${id}></at>`);
  if (endpoint.mentions?.all) ats.push('<at id=all></at>');
  const elements: unknown[] = [
    {
      tag: 'div',
      text: { tag: 'lark_md', content: [message.title, ...lines, ...(ats.length ? [ats.join(' ')] : [])].join('\n') },
    },
  ];
  elements.push({
    tag: 'action',
    actions: links.map((l) => ({
      tag: 'button',
      type: 'primary',
      text: { tag: 'plain_text', content: `${l.name}${colon}${w.ackButton}` },
      url: l.url,
      value: { ack: l.url.slice(l.url.lastIndexOf('/') + 1) },
    })),
  });
  if (message.link)
    elements.push({
      tag: 'action',
      actions: [
        { tag: 'button', type: 'default', text: { tag: 'plain_text', content: w.viewDetails }, url: message.link },
      ],
    });
  return {
    config: { wide_screen_mode: true },
    header: {
      title: { tag: 'plain_text', content: feishuTitle(message) },
      template: TEMPLATES[message.level ?? ''] ?? 'blue',
    },
    elements,
  };
}

export function buildFeishuRequest(endpoint: Endpoint, message: RenderedMessage, now: Date): HttpRequestSpec {
  const signature: Record<string, string> = {};
  if (endpoint.secret) {
    const timestamp = Math.floor(now.getTime() / 1000);
    signature['timestamp'] = String(timestamp);
    signature['sign'] = signFeishu(endpoint.secret, timestamp);
  }
  const payload =
    (endpoint.ackLinks?.length ?? 0) > 0
      ? { ...signature, msg_type: 'interactive', card: feishuCard(message, endpoint) }
      : {
          ...signature,
          msg_type: 'post',
          content: {
            post: {
              [message.lang === 'en' ? 'en_us' : 'zh_cn']: {
                title: feishuTitle(message),
                content: feishuPostContent(message, endpoint),
              },
            },
          },
        };
  return {
    url: endpoint.url,
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(payload),
  };
}
