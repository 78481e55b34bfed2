import { OpenAPIHono } from '@hono/zod-openapi';
import { getCookie, setCookie } from 'hono/cookie';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { Invalid } from '../domain/errors.ts';
import { authenticate } from './auth.ts';
import { countBody, guardBody } from './body-guard.ts';
import type { AppDeps, AppEnv } from './context.ts';
import { notFound, onError } from './errors.ts';
import { rejectBadUrl } from './input-guard.ts';
import { LANG_COOKIE, pickLang } from './i18n/index.ts';
import { rememberLanguage } from './reader-language.ts';
import { healthRoutes } from './api/health.ts';
import { metricsRoutes, observeRequests } from './api/metrics.ts';
import { firmRoutes } from './api/firms.ts';
import { riskRoutes } from './api/risk.ts';
import { demoInboxRoutes } from './pages/demo-inbox.tsx';
import { alertPages } from './pages/alert-pages.tsx';
import { feedAlertPages } from './pages/queue-views.tsx';
import { firmPages } from './pages/firm-page.tsx';
import { unresolvedPages } from './pages/unresolved-page.tsx';
import { quarantinePages } from './pages/quarantine-page.tsx';
import { feedPages } from './pages/feeds-page.tsx';
import { webhookPages } from './pages/webhooks-page.tsx';
import { rosterPages } from './pages/roster-page.tsx';
import { silencePages } from './pages/silences-page.tsx';
import { userPages } from './pages/users-page.tsx';
import { alertRoutes } from './api/alerts.ts';
import { webhookRoutes } from './api/webhooks.ts';
import { dutyRoutes } from './api/duty.ts';
import { userRoutes } from './api/users.ts';
import { operationsRoutes } from './api/operations.ts';
import { importRoutes } from './api/imports.ts';
import { recordRoutes } from './api/records.ts';
import { feedRoutes } from './api/feeds.ts';
import { quarantineRoutes } from './api/quarantine.ts';
import { creditRoutes } from './api/credit.ts';
import { sessionPages } from './pages/session-pages.tsx';
import { homePages } from './pages/home.tsx';
import { demoFeedRoutes } from './pages/demo-feeds.ts';
import { assetRoutes } from './assets.ts';
import { digestPages } from './pages/digest-pages.tsx';
import { creditPages } from './pages/credit-page.tsx';
import { msg } from '../domain/i18n/messages.ts';
import { issueMessage } from '../domain/i18n/errors.ts';
import { ackPages } from './pages/ack-page.tsx';
import { feishuCallbackRoutes } from './api/feishu-callback.ts';

/** Builds the whole HTTP application from its dependencies; no globals. */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({
    // Validation failures use the same error shape as everything else.
    defaultHook: (result) => {
      if (!result.success) {
        const i = result.error.issues[0];
        throw new Invalid(
          i ? `${i.path.join('.') || 'body'}: ${i.message}` : 'invalid request',
          undefined,
          i ? issueMessage([i]) : msg('generic.invalid'),
        );
      }
    },
  });

  app.use('*', requestId({ headerName: 'x-request-id' }));
  app.use('*', rejectBadUrl);
  app.use('*', async (c, next) => {
    const log = deps.log.child({ requestId: c.get('requestId') });
    c.set('log', log);
    const started = performance.now();
    await next();
    log.info(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  });
  if (deps.metrics) app.use('*', observeRequests(deps.metrics));
  // Before authentication: the metrics token is not an API token.
  app.route('/', metricsRoutes(deps));
  app.use(
    '*',
    secureHeaders({
      // same-origin, not no-referrer: with no-referrer browsers send `Origin: null`
      // on form posts, which would defeat the login form's origin check.
      referrerPolicy: 'same-origin',
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // Scripts only from files this app serves (src/http/assets.ts): no inline script, no CDN.
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.use('*', async (c, next) => {
    const query = c.req.query('lang');
    const lang = pickLang(query, getCookie(c, LANG_COOKIE));
    if (query === 'zh' || query === 'en')
      setCookie(c, LANG_COOKIE, query, { path: '/', sameSite: 'Lax', maxAge: 365 * 86400 });
    c.set('lang', lang);
    await next();
  });
  // Bodies are counted as they stream (never buffered here) and read only
  // once the caller is known: see body-guard.ts.
  app.use('*', countBody(deps));
  app.use('*', authenticate(deps));
  app.use('*', rememberLanguage(deps));
  app.use('*', guardBody(deps));
  // Whatever an authenticated caller reads may hold unmasked personal data
  // or their jurisdiction's cases: no shared or browser cache keeps it.
  app.use('*', async (c, next) => {
    await next();
    if (c.get('principal') && !c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
  });

  app.route('/', healthRoutes(deps));
  app.route('/', assetRoutes());
  app.route('/api/v1', userRoutes(deps));
  app.route('/api/v1', firmRoutes(deps));
  app.route('/api/v1', riskRoutes(deps));
  app.route('/api/v1', alertRoutes(deps));
  app.route('/api/v1', webhookRoutes(deps));
  app.route('/api/v1', dutyRoutes(deps));
  app.route('/api/v1', operationsRoutes(deps));
  app.route('/api/v1', importRoutes(deps));
  app.route('/api/v1', recordRoutes(deps));
  app.route('/api/v1', feedRoutes(deps));
  app.route('/api/v1', quarantineRoutes(deps));
  app.route('/api/v1', creditRoutes(deps));
  app.route('/api/v1', feishuCallbackRoutes(deps));
  app.route('/', sessionPages(deps));
  app.route('/', ackPages(deps));
  app.route('/', alertPages(deps));
  app.route('/', feedAlertPages(deps));
  app.route('/', firmPages(deps));
  app.route('/', unresolvedPages(deps));
  app.route('/', quarantinePages(deps));
  app.route('/', feedPages(deps));
  app.route('/', webhookPages(deps));
  app.route('/', rosterPages(deps));
  app.route('/', silencePages(deps));
  app.route('/', userPages(deps));
  app.route('/', digestPages(deps));
  app.route('/', creditPages(deps));
  app.route('/', homePages(deps));
  if (deps.demoFeeds) app.route('/', demoFeedRoutes(deps.demoFeeds));
  if (deps.config.demo) app.route('/', demoInboxRoutes(deps));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'API token from `qianshao tokens create`',
  });
  app.doc('/api/v1/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'Qianshao API',
      version: '1',
      description:
        'Labor-risk early warning for new forms of employment. All times are ISO 8601; errors are {"error":{"code","message"}}.',
    },
    servers: [{ url: '/' }],
  });

  app.notFound((c) => notFound(c, deps.config.demo));
  app.onError((err, c) => onError(err, c, deps.config.demo));
  return app;
}

export type App = ReturnType<typeof createApp>;
