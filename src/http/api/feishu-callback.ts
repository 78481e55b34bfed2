// Feishu card callback (card.action.trigger, and the older card request
// URL payload): a tap on an alert card's acknowledge button, when the card
// was sent by a Feishu app whose callback URL points here. Verified per
// Feishu's scheme (crypto/feishu-callback.ts); the button's value carries
// the person's signed acknowledge code, so the tap acts as the link would.
// Custom group robots cannot call back: their cards' buttons open the link.
import { Hono } from 'hono';
import { timingSafeEqual } from 'node:crypto';
import { acknowledgeByLink } from '../../alerts/ack-by-link.ts';
import { ackLinkKey } from '../../crypto/ack-token.ts';
import { decryptFeishu, verifyFeishuSignature } from '../../crypto/feishu-callback.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppDeps, AppEnv } from '../context.ts';

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
// biome-ignore lint/suspicious/noExplicitAny: Feishu's callback body, read field by field and checked
type Json = Record<string, any>;

export function feishuCallbackRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const { encryptKey, verificationToken } = deps.config.feishuCallback;
  const key = ackLinkKey(deps.secretKey);
  const now = () => deps.clock?.() ?? new Date();
  if (!encryptKey && !verificationToken) return app;

  app.post('/feishu/card-callback', async (c) => {
    const raw = await c.req.text();
    let body: Json;
    try {
      body = JSON.parse(raw) as Json;
      if (typeof body['encrypt'] === 'string') {
        if (!encryptKey)
          return c.json({ error: { code: 'unauthorized', message: 'encrypted callback without an encrypt key' } }, 401);
        body = JSON.parse(decryptFeishu(encryptKey, body['encrypt'])) as Json;
      }
    } catch {
      return c.json({ error: { code: 'invalid', message: 'not a Feishu callback' } }, 400);
    }
    const token = String(body['header']?.['token'] ?? body['token'] ?? '');
    if (verificationToken && !same(token, verificationToken))
      return c.json({ error: { code: 'unauthorized', message: 'verification token mismatch' } }, 401);
    // The URL check Feishu makes when the callback is configured: echo the challenge.
    if (body['type'] === 'url_verification') return c.json({ challenge: String(body['challenge'] ?? '') });
    if (encryptKey) {
      const ok = verifyFeishuSignature(
        encryptKey,
        c.req.header('x-lark-request-timestamp') ?? '',
        c.req.header('x-lark-request-nonce') ?? '',
        raw,
        c.req.header('x-lark-signature') ?? '',
      );
      if (!ok) return c.json({ error: { code: 'unauthorized', message: 'signature mismatch' } }, 401);
    }
    const value = (body['event']?.['action']?.['value'] ?? body['action']?.['value'] ?? {}) as Json;
    const operator = String(body['event']?.['operator']?.['open_id'] ?? body['open_id'] ?? '');
    const code = typeof value['ack'] === 'string' ? value['ack'] : null;
    if (!code) return c.json({ toast: { type: 'info', content: '无可执行的操作' } });
    try {
      const view = await acknowledgeByLink({ db: deps.db, publicUrl: deps.config.publicUrl }, key, code, now(), null, {
        through: 'feishu_card',
        ...(operator ? { operator } : {}),
      });
      c.get('log').info({ alert: view.alert.id, user: view.user.name }, 'alert acknowledged from a Feishu card');
      return c.json({ toast: { type: 'success', content: `已确认（${view.user.name}）` } });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return c.json({ toast: { type: 'error', content: `未能确认：${err.message}` } });
    }
  });
  return app;
}
