/** Identity pages in a real browser against a real server (issue 02 foundation). */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  closeBrowser,
  closePage,
  exportedSheet,
  login,
  newPage,
  screenshot,
  startServer,
  switchLanguage,
  type ServerHandle,
} from '../lib/harness';

let server: ServerHandle;
before(async () => {
  server = await startServer();
});
after(async () => {
  await closeBrowser();
  await server?.stop();
});

/** Runs `fn` on a fresh page; on failure leaves a screenshot named after the test. */
async function withPage(name: string, fn: (page: Page) => Promise<void>, opts?: Parameters<typeof newPage>[1]) {
  const page = await newPage(server, opts);
  try {
    await fn(page);
  } catch (e) {
    await screenshot(page, `FAILED-${name}`).catch(() => undefined);
    throw e;
  } finally {
    await closePage(page);
  }
}

describe('identity web', () => {
  test('organization list shows seeded orgs, and English can be switched on', async () => {
    await withPage('org-list-language', async (page) => {
      await login(page, 'authority.admin');
      await page.getByRole('menuitem', { name: '机构管理' }).click();
      await page.waitForURL('**/orgs');
      await page.getByRole('heading', { name: '机构管理' }).waitFor();
      await page.getByRole('cell', { name: '珠海市市场监督管理局', exact: true }).waitFor();
      assert.equal(await page.getByRole('columnheader', { name: '统一社会信用代码' }).count(), 1);

      // Search narrows the list (the filter goes to the server as ?q=).
      const searched = page.waitForResponse((r) => r.url().includes('/api/v1/orgs?') && r.url().includes('q='));
      await page.getByRole('searchbox', { name: '搜索机构' }).fill('交通运输');
      await page.getByRole('button', { name: '搜索' }).click();
      await searched;
      await page.getByRole('cell', { name: '珠海市交通运输局', exact: true }).waitFor();
      await page.getByRole('cell', { name: '珠海市市场监督管理局', exact: true }).waitFor({ state: 'detached' });

      await page.getByRole('group', { name: '语言' }).getByText('English', { exact: true }).click();
      await page.waitForFunction(() => document.documentElement.lang === 'en-US');
      await page.getByRole('heading', { name: 'Organizations' }).waitFor();
      await page.getByRole('columnheader', { name: 'Unified social credit code' }).waitFor();
      await page.getByRole('button', { name: 'Log out' }).waitFor();
      assert.equal(await page.evaluate(() => localStorage.getItem('shuyun.lang')), 'en-US');
      await page.getByRole('cell', { name: '珠海市交通运输局', exact: true }).waitFor();
      await screenshot(page, 'identity-org-list-en');

      // The choice survives a reload, and switching back restores Chinese.
      await page.reload();
      await page.getByRole('heading', { name: 'Organizations' }).waitFor();
      await switchLanguage(page, 'zh-CN');
      await page.getByRole('heading', { name: '机构管理' }).waitFor();
    });
  });

  test('login shows the same message for an unknown user and a wrong password', async () => {
    await withPage('login-failure', async (page) => {
      const attempt = async (username: string, password: string) => {
        await page.getByLabel('用户名').fill(username);
        await page.getByLabel('密码').fill(password);
        const res = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
        await page.getByRole('button', { name: '登录' }).click();
        assert.equal((await res).status(), 401);
        return (await page.getByRole('alert').textContent())?.trim();
      };
      await page.goto('/login');
      const unknown = await attempt('no.such.user', 'whatever-password');
      const wrong = await attempt('authority.reviewer', 'not-the-password');
      assert.ok(unknown && unknown.length > 0);
      assert.equal(unknown, wrong);
      await screenshot(page, 'identity-login-failed');
    });
  });

  test('an unauthenticated visit goes to login and returns to the page afterwards', async () => {
    await withPage('login-redirect', async (page) => {
      await page.goto('/orgs?q=%E5%8D%AB%E7%94%9F');
      await page.waitForURL('**/login?from=*');
      await page.getByLabel('用户名').fill('authority.admin');
      await page.getByLabel('密码').fill('shuyun-demo');
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL('**/orgs?q=*');
      await page.getByRole('cell', { name: '珠海市卫生健康局', exact: true }).waitFor();
    });
  });

  test('Excel export downloads the filtered organizations as .xlsx', async () => {
    await withPage('org-export', async (page) => {
      await login(page, 'authority.admin');
      await page.goto('/orgs?q=%E7%8F%A0%E6%B5%B7%E5%B8%82');
      await page.getByRole('cell', { name: '珠海市市场监督管理局', exact: true }).waitFor();
      const ws = await exportedSheet(page);
      assert.equal(ws.getRow(1).getCell(1).value, '机构名称');
      const names = ws.getColumn(1).values.slice(2).map(String);
      assert.ok(names.includes('珠海市市场监督管理局'), names.join(','));
      assert.ok(
        names.every((n) => n.includes('珠海市')),
        `filter applied: ${names.join(',')}`,
      );
    });
  });

  test('org detail shows profile, actor roles, members, and only the actions the server allows', async () => {
    await withPage('org-detail', async (page) => {
      await login(page, 'authority.admin');
      await page.goto('/orgs');
      await page.getByRole('link', { name: '珠海市市场监督管理局', exact: true }).click();
      await page.getByRole('heading', { name: '珠海市市场监督管理局' }).waitFor();
      await page.getByText('数据提供单位').first().waitFor();
      await page.getByRole('cell', { name: 'source.admin' }).waitFor();
      await page.getByRole('button', { name: '暂停' }).waitFor();
      assert.equal(
        await page.getByRole('button', { name: '核验通过' }).count(),
        0,
        'verify is hidden for an active org',
      );
      await screenshot(page, 'identity-org-detail');
    });
    // A user without org.suspend sees no state buttons on the same page.
    await withPage('org-detail-readonly', async (page) => {
      await login(page, 'source.admin');
      await page.getByTestId('header-org').waitFor();
      await page.goto('/orgs');
      await page.getByRole('link', { name: '珠海市市场监督管理局', exact: true }).click();
      await page.getByRole('heading', { name: '珠海市市场监督管理局' }).waitFor();
      await page.getByText('基本信息').or(page.getByText('机构名称').first()).first().waitFor();
      assert.equal(await page.getByRole('button', { name: '暂停' }).count(), 0);
    });
  });

  test('registering an org: live USCC check, USCC_INVALID from the server, then pending verification', async () => {
    await withPage('org-create', async (page) => {
      await login(page, 'authority.admin');
      await page.goto('/orgs');
      await page.getByRole('button', { name: '登记机构' }).click();
      await page.waitForURL('**/orgs/new');
      await page.getByLabel('机构名称').fill('珠海数智运营有限公司');
      await page.getByLabel('统一社会信用代码').fill('91440400MA4W5X6Y7A');
      await page.getByRole('status').getByText('校验位不正确，应为 N').waitFor();
      await page.getByLabel('注册地址').fill('珠海市香洲区示例路 1 号');
      await page.getByLabel('所属辖区').click();
      // antd's visible options carry the label as title (its role=option list is an a11y shadow with ids).
      await page.getByTitle('珠海市 (440400)', { exact: true }).click();
      let res = page.waitForResponse((r) => r.url().endsWith('/api/v1/orgs') && r.request().method() === 'POST');
      await page.getByRole('button', { name: '提交登记' }).click();
      assert.equal((await res).status(), 422);
      await page.getByRole('alert').getByText('USCC_INVALID').waitFor();

      await page.getByLabel('统一社会信用代码').fill('91440400MA4W5X6Y7N');
      await page.getByRole('status').getByText('校验通过').waitFor();
      res = page.waitForResponse((r) => r.url().endsWith('/api/v1/orgs') && r.request().method() === 'POST');
      await page.getByRole('button', { name: '提交登记' }).click();
      assert.equal((await res).status(), 201);
      await page.getByRole('heading', { name: '珠海数智运营有限公司' }).waitFor();
      await page.locator('.ant-card-head').getByText('待核验', { exact: true }).waitFor();
      await screenshot(page, 'identity-org-created');
    });
  });

  test('API key: a rule failure is listed with its rule ID; the secret is shown once; revoke works', async () => {
    await withPage('api-keys', async (page) => {
      await login(page, 'operator.admin');
      await page.getByRole('menuitem', { name: 'API 密钥' }).click();
      await page.getByRole('heading', { name: 'API 密钥' }).waitFor();
      await page.getByRole('button', { name: '创建密钥' }).click();
      const dialog = page.getByRole('dialog', { name: '创建密钥' });
      await dialog.getByLabel('密钥名称').fill('e2e 测试密钥');
      await dialog.getByLabel('IP 允许列表').fill('10.0.0.999/8');
      let res = page.waitForResponse((r) => r.url().endsWith('/api-keys') && r.request().method() === 'POST');
      await dialog.getByRole('button', { name: '新建' }).click();
      assert.equal((await res).status(), 422);
      await dialog.getByRole('alert').getByText('KEY-01', { exact: true }).waitFor();

      await dialog.getByLabel('IP 允许列表').fill('203.0.113.0/24');
      res = page.waitForResponse((r) => r.url().endsWith('/api-keys') && r.request().method() === 'POST');
      await dialog.getByRole('button', { name: '新建' }).click();
      assert.equal((await res).status(), 201);
      const secret = await page.getByTestId('api-key-secret').textContent();
      assert.match(secret ?? '', /^sy_[A-Za-z0-9_-]{8}_/);
      await screenshot(page, 'identity-api-key-secret');
      await page.getByRole('dialog', { name: '请立即保存密钥' }).getByRole('button', { name: '关闭' }).click();

      await page.getByRole('row').filter({ hasText: 'e2e 测试密钥' }).getByText('有效', { exact: true }).waitFor();
      assert.equal(await page.getByText(secret!, { exact: true }).count(), 0, 'the secret is not shown again');

      // Revoke from a second tab: it shares the session cookie and finds the CSRF token without logging in again.
      const tab = await page.context().newPage();
      await tab.goto('/api-keys');
      const row = tab.getByRole('row').filter({ hasText: 'e2e 测试密钥' });
      await row.getByRole('button', { name: '吊销' }).click();
      res = tab.waitForResponse((r) => r.url().endsWith('/revoke'));
      await tab.getByRole('tooltip').getByRole('button', { name: '确定' }).click();
      assert.equal((await res).status(), 200);
      await row.getByText('已吊销', { exact: true }).waitFor();
    });
  });

  test("a page outside the user's roles shows 403, an unknown org shows 404", async () => {
    await withPage('result-pages', async (page) => {
      await login(page, 'operator.dev');
      assert.equal(
        await page.getByRole('menuitem', { name: 'API 密钥' }).count(),
        0,
        'menu item hidden without org_admin',
      );
      await page.goto('/api-keys');
      await page.getByText('无权访问', { exact: true }).waitFor();
      const res = page.waitForResponse((r) => r.url().includes('/api/v1/orgs/00000000-0000-4000-8000-000000000000'));
      await page.goto('/orgs/00000000-0000-4000-8000-000000000000');
      assert.equal((await res).status(), 404);
      await page.getByText('页面或对象不存在', { exact: true }).waitFor();
      await page.getByRole('button', { name: '返回工作台' }).click();
      await page.getByRole('heading', { name: '工作台' }).waitFor();
    });
  });

  test('logout ends the session: protected pages go back to login', async () => {
    await withPage('logout', async (page) => {
      await login(page, 'regulator.viewer', undefined, { fresh: true });
      const res = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout'));
      await page.getByRole('button', { name: '退出登录' }).click();
      assert.equal((await res).status(), 200);
      await page.waitForURL('**/login');
      await page.goto('/orgs');
      await page.waitForURL('**/login?from=*');
      await page.getByLabel('用户名').waitFor();
    });
  });

  test('organizations overview charts and audit log render for an org admin', async () => {
    await withPage('dashboard', async (page) => {
      await login(page, 'authority.admin');
      await page.getByRole('heading', { name: '工作台' }).waitFor();
      // the landing page is the workbench (issue 14); the organizations overview keeps the charts
      await page.getByRole('menuitem', { name: '机构概览' }).click();
      await page.getByRole('heading', { name: '机构概览' }).waitFor();
      await page.getByRole('img', { name: '按主体类型统计机构数' }).locator('canvas').waitFor();
      await page.getByRole('img', { name: '近 14 天事件数' }).locator('canvas').waitFor();
      await screenshot(page, 'identity-dashboard');
      await page.getByRole('menuitem', { name: '审计日志' }).click();
      await page.getByRole('cell', { name: '登录', exact: true }).first().waitFor(); // auth.login in words
    });
  });
});
