import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SCREENSHOTS } from '../helpers/browser.ts';
import { useDemoBrowser } from '../helpers/demo-browser.ts';

// Issue 18: the 告知书 and 决定书 render in Chromium and print to A4 PDF
// with their required sections (the digest's print path).

const demo = useDemoBrowser();
let base: string;
let browser: Browser;
const login = (page: Page, user: string, password: string) => demo().login(page, user, password);
beforeAll(() => {
  ({ base, browser } = demo());
});

const candidates = 'section[data-state=candidate] article[data-case-id]';
const REQUIRED = [
  'parties',
  'facts',
  'evidence',
  'basis',
  'measures',
  'duration',
  'early-removal',
  'authority',
  'service',
  'number',
  'version',
];

async function printA4(page: Page, name: string) {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  writeFileSync(join(SCREENSHOTS, `${name}.pdf`), pdf);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
  expect([Math.round(Number(box![1])), Math.round(Number(box![2]))]).toEqual([595, 842]);
}

describe('credit documents in a real browser', () => {
  it('the notice and the decision show their required sections and print on A4', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, 'demo_inspector', 'demo-inspector-2026');
    await page.goto(`${base}/credit`);
    const until = Date.now() + 150_000;
    for (;;) {
      await page.getByRole('button', { name: '重新识别候选对象' }).click();
      await page.waitForURL(/\/credit\?done=refreshed/);
      if ((await page.locator(candidates).count()) > 0) break;
      if (Date.now() > until) throw new Error('no credit candidates appeared');
      await page.waitForTimeout(2000);
    }
    const card = page.locator(candidates).first();
    const id = (await card.getAttribute('data-case-id'))!;
    await card.getByLabel('决定依据（拟列入理由）').fill('责令限期支付逾期未付（文书端到端测试）');
    await card.getByRole('button', { name: `提议列入 #${id}` }).click();
    await page.waitForURL(`${base}/credit/cases/${id}?done=propose`);
    const one = page.locator(`article[data-case-id="${id}"]`);
    await one.getByLabel('告知书文号').fill('示人社告〔2026〕DOC号');
    await one.getByRole('button', { name: `事先告知 #${id}` }).click();
    await page.waitForURL(/done=notify$/);
    expect(await one.locator('[data-clocks] tr[data-clock=statement]').count()).toBe(1);
    await one.getByLabel('陈述申辩内容').fill('企业称资金困难。');
    await one.getByRole('button', { name: `记录陈述申辩 #${id}` }).click();
    await page.waitForURL(/done=record-statement$/);

    await page.goto(`${base}/credit/cases/${id}/documents/notice`);
    expect(await page.locator('h1').textContent()).toBe('拟列入失信联合惩戒名单事先告知书');
    for (const s of [...REQUIRED, 'statement-rights'])
      expect(await page.locator(`[data-section="${s}"]`).count(), s).toBe(1);
    expect(await page.locator('script').count()).toBe(0);
    await printA4(page, 'credit-notice');
    await page.close();

    const approver = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(approver, 'demo_approver', 'demo-approver-2026');
    await approver.goto(`${base}/credit/cases/${id}`);
    const card2 = approver.locator(`article[data-case-id="${id}"]`);
    await card2.getByRole('button', { name: `审批同意 #${id}` }).click();
    await approver.waitForURL(/done=approve$/);
    await card2.getByLabel('列入决定书文号').fill('示人社决〔2026〕DOC号');
    await card2.getByRole('button', { name: `列入名单 #${id}` }).click();
    await approver.waitForURL(/done=list$/);
    expect(await card2.locator('[data-documents] a').count()).toBe(2);
    await approver.goto(`${base}/credit/cases/${id}/documents/decision`);
    expect(await approver.locator('h1').textContent()).toBe('列入失信联合惩戒名单决定书');
    for (const s of [...REQUIRED, 'remedies'])
      expect(await approver.locator(`[data-section="${s}"]`).count(), s).toBe(1);
    expect(await approver.locator('[data-section=remedies]').textContent()).toMatch(/六十日内.*六个月内/);
    expect(await approver.locator('[data-section=number]').textContent()).toContain('示人社决〔2026〕DOC号');
    await approver.screenshot({ path: join(SCREENSHOTS, 'credit-decision.png'), fullPage: true });
    await printA4(approver, 'credit-decision');
    await approver.close();
  });
});
