import { launchChromium } from './helpers/browser.ts';
const base = 'http://127.0.0.1:18765';
const browser = await launchChromium();
const width = Number(process.env.W ?? 390);
const page = await browser.newPage({ viewport: { width, height: 844 } });
await page.goto(base + '/login');
await page.getByLabel('用户名').fill(process.env.U ?? 'demo_admin');
await page.getByLabel('密码').fill(process.env.P ?? 'demo-admin-2026');
await page.getByRole('button', { name: '登录' }).click();
await page.waitForURL(base + '/');
const alertId = await page.locator('tbody tr[data-alert-id]').first().getAttribute('data-alert-id');
await page.goto(base + '/firms');
const firm = await page.locator('main tbody tr a[href^="/firms/"]').first().getAttribute('href');
await page.goto(base + '/credit');
const credit = await page.locator('a[href^="/credit/cases/"]').first().getAttribute('href').catch(() => null);
const paths = (process.env.PATHS ?? '').split(',').filter(Boolean);
const list = paths.length ? paths : ['/', `/alerts/${alertId}`, firm!, '/firms', '/records/unresolved', '/quarantine', '/feeds', '/webhooks', '/roster', '/silences', '/admin/users', '/digests', '/digests/2026-W48', '/credit', credit ?? '/credit', '/demo/inbox', '/nope'];
for (const p of list) {
  await page.goto(base + p);
  const r = await page.evaluate(`(() => { const w = document.documentElement.clientWidth; const wide = [...document.querySelectorAll('body *')].filter((e) => { const b = e.getBoundingClientRect(); return b.right > w && (${process.env.ALL ? "true" : "false"} || !e.closest(".scroll")); }).slice(0, 6).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right) + ' ' + (e.textContent||'').slice(0,30)); return { sw: document.documentElement.scrollWidth, mode: document.compatMode, wide }; })()`);
  console.log(p, JSON.stringify(r));
}
await browser.close();
