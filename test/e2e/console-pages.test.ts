import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SCREENSHOTS } from '../helpers/browser.ts';
import { useDemoBrowser } from '../helpers/demo-browser.ts';

// The console's other pages (unresolved records, quarantine, feeds,
// webhooks, roster, silences, users) in a real browser, on the demo data set.

const demo = useDemoBrowser();
let base: string;
let browser: Browser;
const login = (page: Page, user: string, password: string) => demo().login(page, user, password);
beforeAll(() => {
  ({ base, browser } = demo());
});

/** The demo imports its records after the server answers: wait until the page shows rows. */
async function waitForRows(page: Page, path: string, rows: string) {
  const until = Date.now() + 150_000;
  while (Date.now() < until) {
    await page.goto(base + path);
    if ((await page.locator(rows).count()) > 0) return;
    await page.waitForTimeout(2000);
  }
  throw new Error(`${path} showed no ${rows} in time`);
}

const main = async (page: Page) => (await page.locator('main').textContent()) ?? '';
const shanghaiToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('console pages in a real browser', () => {
  it('the admin sees every page with its heading, content and navigation', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await login(page, 'demo_admin', 'demo-admin-2026');
    const nav = page.getByRole('navigation', { name: '主导航' });
    for (const name of [
      '预警队列',
      '企业查询',
      '未匹配记录',
      '隔离区',
      '舆情源',
      'Webhook 推送',
      '值班表',
      '静默',
      '用户管理',
    ]) {
      expect(await nav.getByRole('link', { name, exact: true }).count(), name).toBe(1);
    }

    await waitForRows(page, '/records/unresolved', 'tbody tr[data-name]');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('未匹配记录');
    expect(await page.locator('a[aria-current=page]').textContent()).toBe('未匹配记录');

    await waitForRows(page, '/quarantine', 'tbody tr[data-quarantine-id]');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('隔离区');
    expect(await page.locator('tbody tr ul.reasons li').count()).toBeGreaterThan(0);

    await page.goto(`${base}/feeds`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('舆情源');
    expect(await page.locator('thead').first().textContent()).toContain('连续失败');
    expect(await page.getByRole('heading', { name: '添加舆情源' }).count()).toBe(1);

    await page.goto(`${base}/webhooks`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Webhook 推送');
    expect(await main(page)).toContain('demo-inbox:standard');
    expect(await page.getByRole('heading', { name: '死信（投递失败的消息）' }).count()).toBe(1);

    await waitForRows(page, '/roster', 'table.shifts tbody tr');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('值班表');
    const onDuty = await page.locator('table[data-district="示范区"]').textContent();
    expect(onDuty).toContain('demo_duty'); // the demo's weekly rotation, tier 1
    expect(onDuty).toContain('demo_manager'); // the section chief's shift, tier 3

    await page.goto(`${base}/silences`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('静默');

    await page.goto(`${base}/admin/users`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('用户管理');
    expect(await page.locator('tr[data-user="demo_inspector"]').count()).toBe(1);

    await page.goto(`${base}/roster?lang=en`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Duty roster');
    expect(
      await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Silences' }).count(),
    ).toBe(1);
    await page.goto(`${base}/roster?lang=zh`);
    await page.close();
  }, 240_000);

  it('every page fits a 390-px phone', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await login(page, 'demo_admin', 'demo-admin-2026');
    for (const path of [
      '/records/unresolved',
      '/quarantine',
      '/feeds',
      '/webhooks',
      '/roster',
      '/silences',
      '/admin/users',
    ]) {
      await page.goto(base + path);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth'), path).toBeLessThanOrEqual(390);
      // Every control has a label (or is a hidden field or a button).
      const unlabelled = await page.evaluate<
        string[]
      >(`[...document.querySelectorAll('input:not([type=hidden]),select,textarea')]
        .filter((el) => el.labels.length === 0 && !el.getAttribute('aria-label')).map((el) => el.outerHTML)`);
      expect(unlabelled, path).toEqual([]);
      // A table wider than the phone scrolls in a region reachable by keyboard, named for screen readers.
      const regions = await page.evaluate<
        Array<{ tabindex: string | null; role: string | null; label: string | null }>
      >(`[...document.querySelectorAll('.scroll')]
        .map((el) => ({ tabindex: el.getAttribute('tabindex'), role: el.getAttribute('role'), label: el.getAttribute('aria-label') }))`);
      if (['/feeds', '/admin/users', '/roster'].includes(path)) expect(regions.length, path).toBeGreaterThan(0);
      for (const r of regions)
        expect(r, path).toEqual({ tabindex: '0', role: 'region', label: expect.stringMatching(/\S/) });
    }
    await page.goto(`${base}/quarantine`);
    await page.screenshot({ path: join(SCREENSHOTS, 'quarantine-phone.png'), fullPage: false });
    await page.close();
  }, 120_000);

  it('creates a silence through the form and ends it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await login(page, 'demo_admin', 'demo-admin-2026');
    await page.goto(`${base}/silences`);
    // Without a firm, rule or level the service refuses, and the page says why.
    await page.getByLabel('原因').fill('端到端测试：全部静默');
    await page.getByRole('button', { name: '静默', exact: true }).click();
    expect(await page.getByRole('alert').textContent()).toContain('静默须指定企业、规则或等级');

    await page.getByLabel('等级').selectOption('blue');
    await page.getByLabel('原因').fill('端到端测试：蓝色预警静默');
    await page.getByRole('button', { name: '静默', exact: true }).click();
    await page.waitForURL(/\/silences\?done=created$/);
    expect(await page.getByRole('status').textContent()).toBe('静默已创建。');
    const row = page.locator('tr[data-silence-id]', { hasText: '端到端测试：蓝色预警静默' });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('蓝色');
    await page.screenshot({ path: join(SCREENSHOTS, 'silences-zh.png'), fullPage: true });

    await row.getByRole('button', { name: /取消静默/ }).click();
    await page.waitForURL(/done=cancelled$/);
    expect(await page.locator('tr[data-silence-id]', { hasText: '端到端测试：蓝色预警静默' }).count()).toBe(0);
    await page.close();
  }, 120_000);

  it('links an unresolved name to a firm and it leaves the list', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await login(page, 'demo_admin', 'demo-admin-2026');
    await page.goto(`${base}/firms`);
    const href = await page.locator('main tbody tr a[href^="/firms/"]').first().getAttribute('href');
    const firmId = href!.split('/').pop()!;

    await waitForRows(page, '/records/unresolved', 'tbody tr[data-name]');
    // A group that gives a firm name (a USCC-only group links by its USCC and makes no alias).
    const names = await page
      .locator('tbody tr[data-name]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name') ?? ''));
    const name = names.find((n) => !/^[0-9A-Z]{18}$/.test(n))!;
    const first = page.locator(`tbody tr[data-name="${name}"]`).first();
    // A firm that does not exist: the page says so and keeps the row.
    await first.getByLabel('链接到企业（编号或统一社会信用代码）').fill('999999999');
    await first.getByRole('button', { name: '链接' }).click();
    expect(await page.getByRole('alert').count()).toBe(1);
    expect(await page.locator(`tbody tr[data-name="${name}"]`).count()).toBeGreaterThan(0);

    const again = page.locator(`tbody tr[data-name="${name}"]`).first();
    await again.getByLabel('链接到企业（编号或统一社会信用代码）').fill(firmId);
    await again.getByRole('button', { name: '链接' }).click();
    await page.waitForURL(/\/records\/unresolved\?linked=\d+&firm=\d+$/);
    expect(await page.getByRole('status').textContent()).toMatch(new RegExp(`已将 \\d+ 条记录链接到企业 #${firmId}`));
    expect(await page.locator(`tbody tr[data-name="${name}"]`).count()).toBe(0);

    // The name is now an alias of the firm.
    const firm = (await (await page.request.get(`${base}/api/v1/firms/${firmId}`)).json()) as {
      aliases: Array<string | { alias: string }>;
    };
    expect(JSON.stringify(firm.aliases)).toContain(name);
    await page.close();
  }, 180_000);

  it('uploads a roster CSV: the good line becomes a shift of this week, the bad one is listed with its reasons', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await login(page, 'demo_admin', 'demo-admin-2026');
    await page.goto(`${base}/roster`);
    const day = shanghaiToday();
    const csv = [
      'user,start,end,district,streets,categories,tier,override,note',
      `demo_inspector,${day} 00:00,${day} 23:59,示范区,,,2,,端到端测试班次`,
      `nobody_here,${day} 08:00,${day} 07:00,示范区,,,x,,坏行`,
    ].join('\n');
    await page
      .locator('#roster-file')
      .setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: '导入' }).click();
    await page.waitForURL(`${base}/roster/import`);
    expect(await page.getByRole('status').textContent()).toBe('已导入 1 条排班。');
    const rejected = await page.locator('[aria-labelledby=rejected-lines] li').allTextContents();
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toContain('行号 3');
    expect(rejected[0]).toMatch(/梯队|结束/);
    const shift = page.locator('table.shifts tbody tr', { hasText: '端到端测试班次' });
    expect(await shift.count()).toBe(1);
    expect(await shift.textContent()).toContain('demo_inspector');
    expect(await shift.textContent()).toContain('备班');
    // The page is usable on a phone: nothing wider than the viewport but the scrolling tables.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SCREENSHOTS, 'roster-phone.png'), fullPage: true });

    // The textarea does the same.
    await page.goto(`${base}/roster`);
    await page
      .getByLabel('或直接粘贴 CSV 内容')
      .fill(
        `user,start,end,district,streets,categories,tier\ndemo_inspector2,${day} 00:00,${day} 23:59,示范区,,opinion,3`,
      );
    await page.getByRole('button', { name: '导入' }).click();
    expect(await page.getByRole('status').textContent()).toBe('已导入 1 条排班。');
    expect(await page.locator('table.shifts tbody tr', { hasText: 'demo_inspector2' }).count()).toBeGreaterThan(0);
    await page.close();
  }, 120_000);

  it('registers a webhook and shows its secret once; creates a user and a token', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await login(page, 'demo_admin', 'demo-admin-2026');
    await page.goto(`${base}/webhooks`);
    await page.getByLabel('地址', { exact: true }).fill('https://hooks.example.com/qianshao');
    await page.getByLabel('类型', { exact: true }).selectOption('standard');
    await page.getByLabel(/^备注名称/).fill('e2e-endpoint');
    await page.getByLabel('消息语言').selectOption('en'); // its messages in English (issue 15 item 2)
    await page.getByRole('checkbox', { name: '红色' }).check();
    await page.getByRole('button', { name: '登记', exact: true }).click();
    const secret = await page.locator('code[data-secret]').textContent();
    expect(secret).toMatch(/^whsec_/);
    const row = page.locator('tr[data-endpoint-id]', { hasText: 'e2e-endpoint' });
    expect(await row.textContent()).toContain('红色');
    expect(await row.textContent()).toContain('消息语言：英文');
    await page.goto(`${base}/webhooks`);
    expect(await page.locator('code[data-secret]').count()).toBe(0);
    expect(await main(page)).not.toContain(secret!);
    // Disable it.
    await page
      .locator('tr[data-endpoint-id]', { hasText: 'e2e-endpoint' })
      .getByRole('button', { name: /停用/ })
      .click();
    await page.waitForURL(`${base}/webhooks`);
    expect(await page.locator('tr[data-endpoint-id]', { hasText: 'e2e-endpoint' }).textContent()).toContain('已停用');

    await page.goto(`${base}/admin/users`);
    await page.getByLabel('登录名').fill('e2e_user');
    await page.getByLabel('角色').selectOption('manager');
    await page.getByLabel('区（留空为全市）').fill('示范区');
    await page.getByLabel('初始密码（至少 10 位）').fill('e2e-password-2026');
    await page.getByRole('button', { name: '创建', exact: true }).click();
    await page.waitForURL(/created=e2e_user$/);
    expect(await page.locator('tr[data-user="e2e_user"]').textContent()).toContain('科室/局领导');
    // A token is always the creator's own (nobody mints one for another user).
    expect(await page.getByLabel('令牌所属用户').count()).toBe(0);
    await page.getByRole('button', { name: '创建令牌' }).click();
    const token = (await page.locator('code[data-token]').textContent())!;
    expect(token.length).toBeGreaterThan(20);
    // The token works for the API.
    const me = (await (await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      name: string;
      role: string;
    };
    expect(me).toMatchObject({ role: 'admin' });
    // Disabling a user is one button, audited.
    await page.locator('tr[data-user="e2e_user"]').getByRole('button', { name: /停用/ }).click();
    expect(await page.locator('tr[data-user="e2e_user"]').textContent()).toContain('已停用');
    await page.close();
  }, 120_000);

  it('a role without the permission is not shown the page and gets 403', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await login(page, 'demo_inspector', 'demo-inspector-2026');
    const nav = page.getByRole('navigation', { name: '主导航' });
    expect(await nav.getByRole('link', { name: '用户管理' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Webhook 推送' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: '值班表' }).count()).toBe(1);
    const res = await page.goto(`${base}/admin/users`);
    expect(res!.status()).toBe(403);
    expect(await page.getByRole('alert').textContent()).toBe('您的角色无权使用此页面。');
    expect((await page.goto(`${base}/webhooks`))!.status()).toBe(403);
    // The inspector reads the roster but may not import one, nor change silences.
    await page.goto(`${base}/roster`);
    expect(await page.getByRole('heading', { name: '导入排班（CSV）' }).count()).toBe(0);
    await page.goto(`${base}/silences`);
    expect(await page.getByRole('heading', { name: '新建静默' }).count()).toBe(0);
    const csrf = await page.locator('input[name=_csrf]').first().inputValue();
    const post = await page.request.post(`${base}/silences`, {
      form: { _csrf: csrf, level: 'blue', until: '2099-01-01T00:00', reason: 'x' },
      maxRedirects: 0,
    });
    expect(post.status()).toBe(403);
    await page.close();
  }, 120_000);
});
