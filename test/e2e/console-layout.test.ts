import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createApp } from '../../src/http/app.ts';
import { isConsolePath } from '../../src/http/pages/error-page.tsx';
import { formatWeek, weekOf } from '../../src/domain/digest/index.ts';
import { silentLog, testConfig } from '../helpers/app.ts';
import { SCREENSHOTS } from '../helpers/browser.ts';
import { useDemoBrowser } from '../helpers/demo-browser.ts';

// Issue 15 items 3–6 in a real browser, on the demo data set: every console
// page (listed from the router) fits a 390-px phone and the 1366-px desktop
// in standards mode, in Chinese and English, with a screenshot of each; the
// queue on a phone; deadlines, chips and bulk acknowledgement; error pages.

const demo = useDemoBrowser();
let base: string;
let browser: Browser;
beforeAll(() => {
  ({ base, browser } = demo());
});

const PAGES_DIR = join(SCREENSHOTS, 'pages');

/** Every GET page route of the console, from the app's own router. */
function consoleRoutes(): string[] {
  const config = testConfig({ QIANSHAO_DEMO: '1' });
  const app = createApp({
    db: null as never,
    config,
    log: silentLog,
    secretKey: config.secretKey!,
    demoFeeds: () => [],
  });
  return [
    ...new Set(
      app.routes
        .filter((r) => r.method === 'GET' && isConsolePath(r.path) && !r.path.startsWith('/demo/feeds/'))
        .map((r) => r.path),
    ),
  ];
}

async function loggedIn(
  opts: { width: number; touch?: boolean },
  user = 'demo_admin',
  password = 'demo-admin-2026',
): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({
    viewport: { width: opts.width, height: opts.width < 600 ? 844 : 900 },
    hasTouch: opts.touch ?? false,
    isMobile: opts.touch ?? false,
  });
  const page = await ctx.newPage();
  await demo().login(page, user, password);
  return { ctx, page };
}

/** The demo loads its records and raises alerts after the server answers. */
async function waitFor(page: Page, path: string, selector: string) {
  const until = Date.now() + 150_000;
  while (Date.now() < until) {
    await page.goto(base + path);
    if ((await page.locator(selector).count()) > 0) return;
    await page.waitForTimeout(2000);
  }
  throw new Error(`${path} showed no ${selector} in time`);
}

/** How many lines of text each element matching `selector` takes. */
const lines = (page: Page, selector: string) =>
  page.evaluate<number[]>(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((el) => {
  const r = document.createRange();
  r.selectNodeContents(el);
  return new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top))).size;
})`);

describe('console layout (issue 15)', () => {
  it('every console page fits 390 px and 1366 px in standards mode, in zh and en (screenshots written)', async () => {
    mkdirSync(PAGES_DIR, { recursive: true });
    const routes = consoleRoutes();
    // The router lists the pages this test must cover; a new page is covered (or fails) without editing the list.
    expect(routes).toEqual(
      expect.arrayContaining([
        '/',
        '/alerts/:id{[0-9]+}',
        '/firms/:id{[0-9]+}',
        '/digests/:week',
        '/credit/cases/:id{[0-9]+}',
        '/login',
      ]),
    );
    const { ctx, page } = await loggedIn({ width: 1366 });
    await waitFor(page, '/', 'tbody tr[data-alert-id]');
    const alertId = await page.locator('tbody tr[data-alert-id]').first().getAttribute('data-alert-id');
    const firmHref = await page
      .locator('a[href^="/firms/"]')
      .first()
      .getAttribute('href')
      .catch(() => null);
    await page.goto(`${base}/firms`);
    const firmId = (firmHref ?? (await page.locator('main tbody a[href^="/firms/"]').first().getAttribute('href')))!
      .split('/')
      .pop();
    // Credit candidates are identified when the demo scores (issue 15 item 9): a case page exists at start.
    await waitFor(page, '/credit', 'a[href^="/credit/cases/"]');
    const caseId = (await page.locator('a[href^="/credit/cases/"]').first().getAttribute('href'))!.split('/').pop();
    // A feed health alert, when the demo has one open (else its not-found page).
    await page.goto(`${base}/`);
    const feedAlertHref = await page
      .locator('a[href^="/feed-alerts/"]')
      .first()
      .getAttribute('href', { timeout: 1_000 })
      .catch(() => null);
    const fill: Record<string, string> = {
      '/alerts/:id{[0-9]+}': `/alerts/${alertId}`,
      '/firms/:id{[0-9]+}': `/firms/${firmId}`,
      '/credit/cases/:id{[0-9]+}': `/credit/cases/${caseId}`,
      '/digests/:week': `/digests/${formatWeek(weekOf(new Date()))}`,
      '/credit/cases/:id{[0-9]+}/documents/:kind{notice|decision}': `/credit/cases/${caseId}/documents/notice`,
      // The acknowledge page a message links to (an unknown code shows its refusal page).
      '/a/:code': '/a/AAAAAAAAAAAA',
      '/feed-alerts/:id{[0-9]+}': feedAlertHref ?? '/feed-alerts/0',
    };
    const paths = routes.map((r) => fill[r] ?? r);
    // The queue's incident view (issue 17 item 3): a view of '/', not a route of its own.
    paths.push('/?view=incidents');
    for (const p of paths) expect(p, `no sample for route ${p}`).not.toMatch(/:/);
    paths.push('/no-such-page');
    await ctx.close();

    const failures: string[] = [];
    for (const width of [390, 1366]) {
      for (const lang of ['zh', 'en'] as const) {
        const { ctx: c2, page: pg } = await loggedIn({ width });
        await pg.goto(`${base}/?lang=${lang}`);
        for (const p of paths) {
          await pg.goto(base + p);
          const r = await pg.evaluate<{ sw: number; mode: string }>(
            '({ sw: document.documentElement.scrollWidth, mode: document.compatMode })',
          );
          if (r.sw > width) failures.push(`${p} ${lang} @${width}: scrollWidth ${r.sw}`);
          if (r.mode !== 'CSS1Compat') failures.push(`${p} ${lang} @${width}: ${r.mode}`);
          const name = (p === '/' ? 'queue' : p.slice(1).replace(/[/?=&]+/g, '-')).replace(/-\d+$/, '');
          await pg.screenshot({ path: join(PAGES_DIR, `${name}-${lang}-${width}.png`), fullPage: false });
        }
        await c2.close();
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('on a phone the queue shows level, firm and deadline, and one tap opens the alert', async () => {
    const { ctx, page } = await loggedIn({ width: 390, touch: true });
    await waitFor(page, '/', 'tbody tr[data-alert-id]');
    const row = page.locator('tbody tr[data-alert-id]').first();
    for (const sel of ['.lvl', '[data-firm]', '[data-deadline-kind] .countdown']) {
      const box = await row.locator(sel).first().boundingBox();
      expect(box, sel).not.toBeNull();
      expect(box!.x + box!.width, sel).toBeLessThanOrEqual(390);
    }
    const id = await row.getAttribute('data-alert-id');
    await row.locator('a.open').tap();
    await page.waitForURL(`${base}/alerts/${id}`);
    // The alert detail fits, and its deliveries show the receiver column.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    const receiver = page.locator('table.deliveries th', { hasText: '接收端' });
    if ((await receiver.count()) > 0) expect(await receiver.isVisible()).toBe(true);
    // Feed health columns are there on a phone (in their scrolling region).
    await page.goto(`${base}/feeds`);
    expect(
      await page
        .locator('th', { hasText: '连续失败' })
        .evaluate(
          (el) =>
            (globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }).getComputedStyle(el)
              .display,
        ),
    ).not.toBe('none');
    await ctx.close();
  }, 240_000);

  it('at 1366 px a status is one line; the deadline shown is the acknowledgement one while unacknowledged', async () => {
    const { ctx, page } = await loggedIn({ width: 1366 });
    await waitFor(page, '/?level=red', 'tbody tr[data-alert-id]');
    expect((await lines(page, 'td.c-status')).every((n) => n === 1)).toBe(true);
    const row = page
      .locator('tbody tr[data-alert-id]', { has: page.locator('td.c-status', { hasText: '待确认' }) })
      .first();
    const id = await row.getAttribute('data-alert-id');
    const api = (await (await page.request.get(`${base}/api/v1/alerts/${id}`)).json()) as {
      ack_due_at: string | null;
      handle_due_at: string | null;
    };
    expect(api.ack_due_at).not.toBeNull();
    expect(await row.locator('[data-deadline-kind]').getAttribute('data-deadline-kind')).toBe('ack');
    expect(Date.parse((await row.locator('[data-due]').getAttribute('data-due'))!)).toBe(Date.parse(api.ack_due_at!));
    await ctx.close();
  }, 240_000);

  it('level chips count under the active filters; bulk acknowledge says how many and which', async () => {
    const { ctx, page } = await loggedIn({ width: 1366 });
    await waitFor(page, '/', 'tbody tr[data-alert-id]');
    for (const source of ['opinion', 'labor']) {
      await page.goto(`${base}/?source=${source}`);
      const chips = await page.locator('p.counts a').allTextContents();
      for (const [i, level] of ['red', 'orange', 'yellow', 'blue'].entries()) {
        const listed = (await (
          await page.request.get(`${base}/api/v1/alerts?source=${source}&level=${level}&limit=500`)
        ).json()) as unknown[];
        expect(chips[i], `${source} ${level}`).toContain(String(listed.length));
      }
    }
    await page.goto(`${base}/?level=blue`);
    await page.goto(`${base}/`);
    const boxes = page.locator('tbody input[type=checkbox][name=id]');
    const ids = [await boxes.nth(0).getAttribute('value'), await boxes.nth(1).getAttribute('value')];
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByRole('button', { name: '批量确认所选预警' }).click();
    await page.waitForURL(/acked=/);
    const status = page.locator('[data-bulk-acked]');
    expect(await status.getAttribute('data-bulk-acked')).toBe('2');
    const text = (await status.textContent())!;
    expect(text).toContain('已确认 2 条预警');
    for (const id of ids) expect(text).toContain(`#${id}`);
    await ctx.close();
  }, 240_000);

  it("console errors are HTML pages in the reader's language with a way back; the API keeps JSON", async () => {
    const { ctx, page } = await loggedIn({ width: 390 });
    await waitFor(page, '/', 'tbody tr[data-alert-id]');
    const id = await page.locator('tbody tr[data-alert-id]').first().getAttribute('data-alert-id');
    await page.goto(`${base}/alerts/${id}`);
    await page.getByLabel('分配给（用户名）').fill('nobody_by_that_name');
    await page.getByRole('button', { name: '分配', exact: true }).click();
    expect(await page.locator('h1').textContent()).toContain('400');
    expect(await page.getByRole('alert').textContent()).toMatch(/[\u4e00-\u9fff]/);
    await page.getByRole('link', { name: '返回上一页' }).click();
    await page.waitForURL(`${base}/alerts/${id}`);
    const missing = await page.goto(`${base}/digests/bogus`);
    expect(missing!.status()).toBe(404);
    expect(missing!.headers()['content-type']).toContain('text/html');
    expect(await page.evaluate<string>('document.compatMode')).toBe('CSS1Compat');
    await page.goto(`${base}/no-such-page?lang=en`);
    expect(await page.locator('h1').textContent()).toBe('404 · Page not found');
    const api = await page.request.get(`${base}/api/v1/no-such`);
    expect(api.headers()['content-type']).toContain('application/json');
    await page.goto(`${base}/?lang=zh`);
    await ctx.close();
  }, 240_000);
});
