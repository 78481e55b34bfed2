// biome-ignore-all lint/suspicious/noExplicitAny: received webhook bodies of four formats, read field by field
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../context.ts';
import { catalogue, formatShanghai } from '../i18n/index.ts';
import { Layout } from './layout.tsx';
import { pageCtx } from './console-kit.tsx';
import { renderMessage, signDingtalk, signFeishu, verifyStandard, isEventType } from '../../delivery/channels/index.ts';
import { headingOf } from '../../delivery/channels/message.ts';
import { codeLabel, hasLabel, type Lang } from '../../domain/i18n/codes.ts';
import { endpointByUrl } from '../../delivery/endpoints.ts';

// Demo mode only: a receiver for the webhooks this same process sends, so
// `npm start` shows the whole loop (score → alert → signed delivery).
// POST /demo/inbox/{standard,wecom,dingtalk,feishu} records a message and
// checks its signature against the endpoint's secret; GET /demo/inbox
// lists the latest 200.

export interface InboxMessage {
  at: Date;
  channel: string;
  webhookId: string | null;
  /** The event type (standard webhooks) or the robot's message type (markdown, text, post, interactive). */
  eventType: string;
  text: string;
  signature: 'ok' | 'bad' | 'none';
  /** The receiving endpoint's language: the message is written in it, whatever the reader's. */
  lang: Lang;
}

const KEEP = 200;

const endpointOf = (deps: AppDeps, url: string) => endpointByUrl(deps.db, deps.secretKey, url);

function summarize(channel: string, body: unknown, lang: Lang): { eventType: string; text: string } {
  const b = body as Record<string, any>;
  if (channel === 'standard') {
    // A webhook carries data, not words: shown as a robot would word it in the endpoint's language.
    if (!isEventType(b.type))
      return { eventType: String(b.type ?? '?'), text: JSON.stringify(b.data ?? {}).slice(0, 300) };
    const m = renderMessage({ id: '', type: b.type, timestamp: new Date(0), data: b.data ?? {} }, { lang });
    return { eventType: b.type, text: `${headingOf(m)}\n${m.title}` };
  }
  if (channel === 'wecom')
    return { eventType: String(b.msgtype), text: String(b.markdown?.content ?? b.text?.content ?? '') };
  if (channel === 'dingtalk') return { eventType: String(b.msgtype), text: String(b.markdown?.text ?? '') };
  const post = b.content?.post?.zh_cn ?? b.content?.post?.en_us;
  return {
    eventType: String(b.msg_type),
    text: post
      ? `${post.title}\n${(post.content as any[][]).map((line) => line.map((x) => x.text ?? '').join('')).join('\n')}`
      : JSON.stringify(b),
  };
}

export function demoInboxRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const inbox: InboxMessage[] = [];
  const now = () => deps.clock?.() ?? new Date();

  app.post('/demo/inbox/:channel', async (c) => {
    const channel = c.req.param('channel');
    if (!['standard', 'wecom', 'dingtalk', 'feishu'].includes(channel))
      return c.json({ errcode: 404, errmsg: 'unknown channel' }, 404);
    const text = await c.req.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return c.json({ errcode: 400, errmsg: 'not JSON' }, 400);
    }
    const path = new URL(c.req.url).pathname;
    const { secret, lang } = await endpointOf(deps, `${new URL(c.req.url).origin}${path}`);
    let signature: InboxMessage['signature'] = 'none';
    if (channel === 'standard' && secret) {
      const h = Object.fromEntries(
        ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((k) => [k, c.req.header(k)]),
      );
      signature = verifyStandard(secret, h, text, now()) ? 'ok' : 'bad';
    } else if (channel === 'dingtalk' && secret) {
      const ts = Number(c.req.query('timestamp'));
      signature = c.req.query('sign') === signDingtalk(secret, ts) ? 'ok' : 'bad';
    } else if (channel === 'feishu' && secret) {
      const b = body as { timestamp?: string; sign?: string };
      signature = b.sign === signFeishu(secret, Number(b.timestamp)) ? 'ok' : 'bad';
    }
    inbox.unshift({
      at: now(),
      channel,
      webhookId: c.req.header('webhook-id') ?? null,
      signature,
      lang,
      ...summarize(channel, body, lang),
    });
    inbox.length = Math.min(inbox.length, KEEP);
    // Each robot answers in its own dialect; the sender judges these replies.
    if (channel === 'feishu') return c.json({ code: 0, msg: 'success' });
    if (channel === 'standard') return c.body(null, 204);
    return c.json({ errcode: 0, errmsg: 'ok' });
  });

  // The payloads name firms and alerts: signed-in users only, even in the demo.
  app.get('/demo/inbox', (c) => {
    const x = pageCtx(c, deps, 'alerts:read', '/demo/inbox');
    if (x instanceof Response || x instanceof Promise) return x;
    const lang = c.get('lang');
    const t = catalogue(lang);
    const sig = { ok: t.signatureOk, bad: t.signatureBad, none: t.signatureNone };
    return c.html(
      <Layout
        t={t}
        lang={lang}
        title={t.inboxTitle}
        principal={c.get('principal')}
        csrfToken={c.get('csrfToken')}
        demo={deps.config.demo}
      >
        <h1>{t.inboxTitle}</h1>
        <p>{t.inboxIntro}</p>
        {inbox.length === 0 ? (
          <p>{t.inboxEmpty}</p>
        ) : (
          <div class="scroll" role="region" tabindex={0} aria-label={t.inboxTitle}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.receivedAt}</th>
                  <th scope="col">{t.channel}</th>
                  <th scope="col">{t.eventType}</th>
                  <th scope="col">{t.message}</th>
                  <th scope="col">{t.signature}</th>
                </tr>
              </thead>
              <tbody>
                {inbox.map((m) => (
                  <tr data-webhook-id={m.webhookId ?? ''}>
                    <td>{formatShanghai(m.at)}</td>
                    <td>{codeLabel(lang, 'channelKind', m.channel)}</td>
                    <td>
                      {hasLabel('eventType', m.eventType)
                        ? codeLabel(lang, 'eventType', m.eventType)
                        : codeLabel(lang, 'robotFormat', m.eventType)}
                    </td>
                    <td>
                      <pre lang={m.lang === 'en' ? 'en' : 'zh-CN'} style="white-space:pre-wrap;margin:0">
                        {m.text}
                      </pre>
                    </td>
                    <td class={m.signature === 'bad' ? 'error' : ''}>{sig[m.signature]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Layout>,
    );
  });
  return app;
}
