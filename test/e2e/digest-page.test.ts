import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SCREENSHOTS } from '../helpers/browser.ts';
import { useDemoBrowser } from '../helpers/demo-browser.ts';
import { formatWeek, previousWeekOf } from '../../src/domain/digest/index.ts';

// The weekly digest of the demo district in a real browser: the list, the
// document, a screenshot, and Chromium's print to PDF on A4.

const demo = useDemoBrowser();
let base: string;
let browser: Browser;
const login = (page: Page, user: string, password: string) => demo().login(page, user, password);
beforeAll(() => {
  ({ base, browser } = demo());
});

describe('the weekly digest in a real browser', () => {
  it("a manager opens last week's digest, which prints on A4 with whole charts", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, 'demo_manager', 'demo-manager-2026');
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '形势研判周报', exact: true })
      .click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('形势研判周报');

    const week = formatWeek(previousWeekOf(new Date()));
    // The demo scores its district after the server answers: wait for the ten firms.
    const until = Date.now() + 150_000;
    for (;;) {
      await page.goto(`${base}/digests/${week}`);
      if ((await page.locator('#top-firms tr[data-firm]').count()) >= 10 || Date.now() > until) break;
      await page.waitForTimeout(3000);
    }
    expect(await page.locator('h1').textContent()).toBe(`示范区新就业形态劳动风险形势研判周报（${week}）`);
    expect(await page.locator('#top-firms tr[data-firm]').count()).toBe(10);
    expect(await page.locator('#headlines tr[data-key]').count()).toBe(11);
    expect(await page.locator('script').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'digest.png'), fullPage: true });

    // Print layout: A4 is 210 mm wide, 12 mm margins → 186 mm ≈ 703 CSS px; no chart may be wider.
    await page.emulateMedia({ media: 'print' });
    const widths = await page.locator('svg').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
    expect(widths.length).toBeGreaterThanOrEqual(13);
    const docRight = await page.locator('.doc').evaluate((e) => e.getBoundingClientRect().right);
    for (const w of widths) expect(w).toBeLessThanOrEqual(docRight + 0.5);
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    writeFileSync(join(SCREENSHOTS, 'digest.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(6);
    const mediaBox = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
    expect(mediaBox && [Math.round(Number(mediaBox[1])), Math.round(Number(mediaBox[2]))]).toEqual([595, 842]);
    process.stdout.write(`digest PDF: ${pages} A4 page(s), ${pdf.length} bytes\n`);
    await page.close();
  });

  it('an inspector has no digest page', async () => {
    const page = await browser.newPage();
    await login(page, 'demo_inspector', 'demo-inspector-2026');
    const res = await page.goto(`${base}/digests`);
    expect(res?.status()).toBe(403);
    await page.close();
  });
});
