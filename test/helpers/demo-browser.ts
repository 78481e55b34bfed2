import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openChildDb, type TestDb } from './db.ts';
import { startServe, type ServerProcess } from './spawn.ts';
import { launchChromium } from './browser.ts';

export interface DemoBrowser {
  /** http://127.0.0.1:PORT of the demo server. */
  base: string;
  browser: Browser;
  /** Logs in through the form and waits for the home page. */
  login(page: Page, user: string, password: string): Promise<void>;
}

/**
 * The lifecycle of a browser test file: a demo server (`serve` with the demo
 * data set, no scheduler) on its own database, and Chromium. Returns a
 * getter, as both exist only once beforeAll ran.
 */
export function useDemoBrowser(): () => DemoBrowser {
  let t: TestDb | undefined;
  let server: ServerProcess | undefined;
  let ctx: DemoBrowser | undefined;
  beforeAll(async () => {
    const child = await openChildDb();
    t = child.db;
    server = await startServe({ ...child.env, QIANSHAO_DEMO: '1' }, ['--no-scheduler']);
    const base = `http://127.0.0.1:${server.port}`;
    const browser = await launchChromium();
    ctx = {
      base,
      browser,
      async login(page, user, password) {
        await page.goto(`${base}/login`);
        await page.getByLabel('用户名').fill(user);
        await page.getByLabel('密码').fill(password);
        await page.getByRole('button', { name: '登录' }).click();
        await page.waitForURL(`${base}/`);
      },
    };
  }, 120_000);
  afterAll(async () => {
    await ctx?.browser.close();
    await server?.stop();
    await t?.close();
  });
  return () => ctx!;
}
