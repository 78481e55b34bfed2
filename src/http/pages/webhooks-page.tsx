import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { Invalid } from '../../domain/errors.ts';
import { CHANNEL_KINDS, EVENT_TYPES, type ChannelKind } from '../../delivery/channels/index.ts';
import {
  listDeliveries,
  listEndpoints,
  registerEndpoint,
  replayDelivery,
  setEndpointEnabled,
} from '../../delivery/endpoints.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { attempt, field, fields, fill, onPage, type PageCtx, readForm, errText } from './console-kit.tsx';
import { msg } from '../../domain/i18n/messages.ts';
import { type Extra, LEVELS, PATH, WebhooksView } from './webhooks-view.tsx';

// Webhook endpoints of the caller's jurisdiction and the dead-letter list,
// with the same service calls as /api/v1/webhooks and /api/v1/deliveries.
// A generated secret is shown once, on the page answering the registration.

export function webhookPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  async function render(
    x: PageCtx,
    extra: Extra = {},
    status: ContentfulStatusCode = 200,
    draft: Record<string, string> = {},
  ) {
    const [endpoints, dead] = await Promise.all([
      listEndpoints(deps.db, x.p),
      listDeliveries(deps.db, x.p, { status: 'dead', limit: 100 }),
    ]);
    return x.c.html(
      <WebhooksView x={x} deps={deps} endpoints={endpoints} dead={dead} extra={extra} draft={draft} />,
      status,
    );
  }

  app.get(
    PATH,
    onPage(deps, 'webhooks:manage', PATH, async (x, c) => {
      const replayed = c.req.query('replayed');
      return render(x, replayed ? { notice: fill(x.t.webhooksPage.replayed, { id: Number(replayed) || 0 }) } : {});
    }),
  );

  app.post(
    PATH,
    onPage(deps, 'webhooks:manage', PATH, async (x, c) => {
      const form = await readForm(c);
      const draft = {
        url: field(form, 'url'),
        kind: field(form, 'kind'),
        label: field(form, 'label'),
        lang: field(form, 'lang'),
      };
      const out = await attempt(async () => {
        const kind = CHANNEL_KINDS.find((k) => k === draft.kind) as ChannelKind | undefined;
        if (!kind)
          throw new Invalid(
            `kind: one of ${CHANNEL_KINDS.join(', ')}`,
            undefined,
            msg('webhook.kind', { kinds: CHANNEL_KINDS.join(', ') }),
          );
        const events = fields(form, 'events').filter((e) => (EVENT_TYPES as readonly string[]).includes(e));
        const levels = fields(form, 'levels').filter((l) => (LEVELS as readonly string[]).includes(l));
        const secret = field(form, 'secret');
        return registerEndpoint(
          deps.db,
          deps.secretKey,
          deps.config.allowPrivateNetworks,
          x.p,
          actorOf(c, deps),
          {
            url: draft.url.slice(0, 2000),
            kind,
            secret: secret || undefined,
            events: events.length ? events : undefined,
            levels: levels.length ? levels : undefined,
            label: draft.label ? draft.label.slice(0, 200) : undefined,
            lang: draft.lang === 'en' ? 'en' : 'zh',
          },
          x.now,
        );
      });
      if (!out.ok) return render(x, { error: errText(x, out.error) }, out.error.status, draft);
      c.header('Cache-Control', 'no-store');
      // Answered directly, not redirected: the secret must not travel in a URL and is shown this once.
      return render(
        x,
        { notice: fill(x.t.webhooksPage.registered, { id: out.value.id }), secret: out.value.secret },
        200,
      );
    }),
  );

  app.post(
    `${PATH}/:id{[0-9]+}/:action{enable|disable}`,
    onPage(deps, 'webhooks:manage', PATH, async (x, c) => {
      const out = await attempt(() =>
        setEndpointEnabled(
          deps.db,
          x.p,
          actorOf(c, deps),
          Number(c.req.param('id')),
          c.req.param('action') === 'enable',
          x.now,
        ),
      );
      if (!out.ok) return render(x, { error: errText(x, out.error) }, out.error.status);
      return c.redirect(PATH, 303);
    }),
  );

  app.post(
    `${PATH}/deliveries/:id{[0-9]+}/replay`,
    onPage(deps, 'webhooks:manage', PATH, async (x, c) => {
      const id = Number(c.req.param('id'));
      const out = await attempt(() => replayDelivery(deps.db, x.p, actorOf(c, deps), id, x.now));
      if (!out.ok) return render(x, { error: errText(x, out.error) }, out.error.status);
      return c.redirect(`${PATH}?replayed=${id}`, 303);
    }),
  );

  return app;
}
