import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SCREENSHOTS } from '../helpers/browser.ts';
import { useDemoBrowser } from '../helpers/demo-browser.ts';

// The alert queue in a real browser, on the demo data set.

const demo = useDemoBrowser();
let base: string;
let browser: Browser;
const login = (page: Page, user: string, password: string) => demo().login(page, user, password);
beforeAll(() => {
  ({ base, browser } = demo());
});

/** The demo's records, scores and alerts load after the server answers; wait for the queue to fill. */
async function waitForAlerts(page: Page) {
  const until = Date.now() + 150_000;
  while (Date.now() < until) {
    await page.goto(`${base}/`);
    if ((await page.locator('tbody tr').count()) > 0) return;
    await page.waitForTimeout(2000);
  }
  throw new Error('the demo raised no alerts in time');
}

describe('alert queue in a real browser', () => {
  it('the demo inspector filters the queue, opens an alert, acknowledges it and sees it on the timeline and in the audit log', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const scriptErrors: string[] = [];
    page.on('pageerror', (e) => scriptErrors.push(e.message));
    await login(page, 'demo_inspector', 'demo-inspector-2026');
    await waitForAlerts(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'queue-zh.png'), fullPage: false });
    // The countdown script runs (no errors) and rewrites each deadline.
    expect(scriptErrors).toEqual([]);
    expect(await page.locator('[data-due]').count()).toBeGreaterThan(0);

    await page.getByLabel('等级').selectOption('red');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/level=red/);
    const badges = await page.locator('tbody tr td .lvl').allTextContents();
    expect(badges.length).toBeGreaterThan(0);
    expect(new Set(badges)).toEqual(new Set(['红色']));

    const first = page.locator('tbody tr').first();
    const id = await first.getAttribute('data-alert-id');
    await first.locator('a').first().click();
    await page.waitForURL(new RegExp(`/alerts/${id}$`));
    await page.screenshot({ path: join(SCREENSHOTS, 'alert-zh.png'), fullPage: true });
    expect(await page.locator('svg[role=img]').count()).toBe(1); // the score's components
    await page.getByRole('button', { name: '确认', exact: true }).click();
    await page.waitForURL(new RegExp(`/alerts/${id}$`));
    expect(await page.locator('.timeline').textContent()).toContain('已确认 · demo_inspector');
    // The demo's endpoints received the alert: the deliveries are listed with their status.
    expect(await page.locator('section:has(h2:text("推送记录")) tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('main').textContent()).toContain('已确认');

    // The firm behind it: profile with its score history.
    await page.locator('main p a[href^="/firms/"]').first().click();
    await page.waitForURL(/\/firms\/\d+$/);
    expect(await page.locator('svg[aria-label="风险分走势"]').count()).toBe(1);
    expect(await page.locator('main').textContent()).toContain('该企业的预警');
    await page.screenshot({ path: join(SCREENSHOTS, 'firm-zh.png'), fullPage: true });

    // The audit row, as a manager reads it through the API with their console session.
    const admin = await browser.newContext();
    const adminPage = await admin.newPage();
    await login(adminPage, 'demo_admin', 'demo-admin-2026');
    const audit = await (await admin.request.get(`${base}/api/v1/audit?object_type=alert&object_id=${id}`)).json();
    expect(audit.entries.map((e: { action: string; actor_name: string }) => `${e.action}:${e.actor_name}`)).toContain(
      'alert.acknowledged:demo_inspector',
    );
    await admin.close();
    await page.close();
  }, 240_000);

  it('an inspector of another district does not see it; dismissing needs a reason', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await login(page, 'demo_inspector', 'demo-inspector-2026');
    await waitForAlerts(page);
    const id = await page.locator('tbody tr').first().getAttribute('data-alert-id');
    await page.screenshot({ path: join(SCREENSHOTS, 'queue-phone.png'), fullPage: false });

    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await login(otherPage, 'demo_inspector_neighbour', 'demo-neighbour-2026');
    expect((await otherPage.goto(`${base}/alerts/${id}`))!.status()).toBe(404);
    await other.close();

    await page.goto(`${base}/alerts/${id}`);
    await page.getByRole('button', { name: '排除' }).click();
    // The browser refuses the form: the reason is required.
    expect(page.url()).toBe(`${base}/alerts/${id}`);
    expect(await page.locator('main').textContent()).not.toContain('已排除');
    await page.getByLabel('排除原因').selectOption('false_positive');
    await page.getByRole('button', { name: '排除' }).click();
    await page.waitForURL(new RegExp(`/alerts/${id}$`));
    expect(await page.locator('main').textContent()).toContain('已排除');
    await page.close();
  }, 240_000);
});
