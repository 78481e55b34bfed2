import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { testApp, testConfig } from '../helpers/app.ts';
import { launchChromium, SCREENSHOTS } from '../helpers/browser.ts';
import { createUser } from '../../src/users/users.ts';
import { login } from '../../src/users/sessions.ts';
import { SYSTEM_ACTOR } from '../../src/audit/audit.ts';
import { seedSanitizeCorpus, type SeededXss } from '../integration/support/sanitize-corpus.ts';

// The XSS proof in a real browser: every item of feedparser's sanitize
// corpus, stored as evidence of alerts, is shown on the alert detail and
// the firm profile; no dialog fires, no script runs but the page's own,
// no element carries an event handler or a javascript: URL.

let t: TestDb;
let server: ServerType;
let browser: Browser;
let base: string;
let seeded: SeededXss;
let sessionId: string;

beforeAll(async () => {
  t = await openTestDb();
  seeded = await seedSanitizeCorpus(t.db, '示范区');
  const config = testConfig();
  await createUser(
    t.db,
    SYSTEM_ACTOR,
    { name: 'xss_inspector', role: 'inspector', district: '示范区', streets: [], password: 'correct-horse-battery' },
    new Date(),
  );
  sessionId = (
    await login(
      t.db,
      { name: 'xss_inspector', password: 'correct-horse-battery', ip: null, userAgent: null },
      new Date(),
      config.login,
      config.sessionTtlMs,
    )
  ).sessionId;
  const app = testApp(t.db);
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  await t?.close();
});

describe('feed content in the console, in a real browser', () => {
  it('renders every sanitize-corpus item inert on alert details and firm profiles', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: true });
    await context.addCookies([{ name: 'qs_session', value: sessionId, url: base }]);
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', async (d) => {
      dialogs.push(`${page.url()}: ${d.message()}`);
      await d.dismiss();
    });
    // Anything the page's content could call to show it ran.
    let pages = 0;
    for (const f of seeded.firms) {
      for (const path of [`/alerts/${f.alertId}`, `/firms/${f.id}`]) {
        const res = await page.goto(base + path, { waitUntil: 'load' });
        expect(res!.status(), path).toBe(200);
        // Open every sanitized HTML block so that its content is laid out too.
        await page.evaluate('document.querySelectorAll("details").forEach((d) => { d.open = true; })');
        await page.waitForTimeout(20);
        // A string, as the test project is compiled without the DOM library.
        const found = (await page.evaluate(`(() => {
          const handlers = [], urls = [];
          for (const el of document.querySelectorAll('*')) {
            for (const a of el.attributes) {
              if (/^on/i.test(a.name)) handlers.push(el.tagName + ' ' + a.name);
              if (/^(href|src|action|formaction|xlink:href|background|poster)$/i.test(a.name) && /^\\s*(javascript|vbscript|data):/i.test(a.value)) urls.push(el.tagName + ' ' + a.name + '=' + a.value);
            }
          }
          return {
            scripts: Array.from(document.scripts).map((s) => (s.src ? 'src:' + s.src : 'inline')),
            inMain: document.querySelectorAll('main .feed-item script, main .feed-html script, main iframe, main object, main embed').length,
            handlers, urls,
          };
        })()`)) as { scripts: string[]; inMain: number; handlers: string[]; urls: string[] };
        expect(found.handlers, path).toEqual([]);
        expect(found.urls, path).toEqual([]);
        expect(found.inMain, path).toBe(0);
        // The only scripts are the app's own files (the CSP allows no inline script).
        expect(
          found.scripts.every((s) => s.startsWith(`src:${base}/assets/`)),
          path,
        ).toBe(true);
        if (path.startsWith('/alerts/')) expect(await page.locator('mark.hl-alias').count(), path).toBeGreaterThan(0);
        pages++;
      }
    }
    await page.goto(`${base}/alerts/${seeded.firms[0]!.alertId}`);
    await page.screenshot({ path: join(SCREENSHOTS, 'alert-feed-evidence.png'), fullPage: true });
    expect(pages).toBe(seeded.firms.length * 2);
    expect(dialogs).toEqual([]);
    await context.close();
  }, 600_000);
});
