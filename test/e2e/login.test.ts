import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { copyTemplateDataDir, openTestDb, type TestDb } from '../helpers/db.ts';
import { startServe, type ServerProcess } from '../helpers/spawn.ts';
import { launchChromium, SCREENSHOTS } from '../helpers/browser.ts';

let t: TestDb | undefined;
let server: ServerProcess;
let browser: Browser;
let base: string;

beforeAll(async () => {
  let env: Record<string, string>;
  if (inject('databaseUrl')) {
    t = await openTestDb();
    env = t.env;
  } else {
    env = { QIANSHAO_DATA_DIR: copyTemplateDataDir() };
  }
  server = await startServe({ ...env, QIANSHAO_DEMO: '1' }, ['--no-scheduler']);
  base = `http://127.0.0.1:${server.port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await t?.close();
});

describe('console login in a real browser', () => {
  it('the demo inspector logs in, sees their name, role and jurisdiction, and firms of their streets only', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${base}/`);
    expect(page.url()).toContain('/login');
    expect(await page.locator('.demo').textContent()).toContain('演示数据（虚构）');
    await page.getByLabel('用户名').fill('demo_inspector');
    await page.getByLabel('密码').fill('demo-inspector-2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/`);
    const header = await page.locator('header .who').textContent();
    expect(header).toContain('demo_inspector');
    expect(header).toContain('劳动保障监察员');
    expect(header).toContain('示范区');
    // The home page is the alert queue; the firm list moved to /firms.
    expect(await page.locator('h1').first().textContent()).toBe('预警队列');
    await page.goto(`${base}/firms`);
    const districts = await page.locator('tbody tr').count();
    expect(districts).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'home-zh.png'), fullPage: false });

    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.locator('h2').first().textContent()).toBe('Firms in your jurisdiction');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/login$/);
    await page.close();
  });

  it('a wrong password shows the error in place and sets no session', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill('demo_inspector');
    await page.getByLabel('密码').fill('wrong-password-123');
    await page.getByRole('button', { name: '登录' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('用户名或密码错误');
    expect((await context.cookies()).find((c) => c.name === 'qs_session')).toBeUndefined();
    await page.screenshot({ path: join(SCREENSHOTS, 'login-error.png') });
    await context.close();
  });
});

describe('pages under the content security policy', () => {
  it('the alert queue loads its countdown script as a file, with no inline script and no CSP violation', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill('demo_duty');
    await page.getByLabel('密码').fill('demo-duty-2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/`);
    expect(await page.locator('script:not([src])').count()).toBe(0);
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(loaded.some((u) => u.endsWith('/assets/countdown.js'))).toBe(true);
    expect(violations).toEqual([]);
    await context.close();
  });

  it('the API reference renders from the vendored bundle under the CSP, with no request leaving the server', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const violations: string[] = [];
    const outside: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    // Requests that completed: the CSP blocks the rest before they leave.
    page.on('requestfinished', (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith('data:')) outside.push(r.url());
    });
    await page.goto(`${base}/api/docs`);
    // The reference shows the document's title once the bundle has run.
    await page.getByText('Qianshao API').first().waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'api-docs.png'), fullPage: false });
    // The bundle's stylesheet names Scalar's web fonts; the CSP refuses them (the
    // page falls back to system fonts) and refuses nothing else.
    expect(violations.filter((v) => !/Loading the font/.test(v))).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  });
});
