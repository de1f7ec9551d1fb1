/** The workbench (工作台): each role lands on its own to-do list with clocks; menus follow the role (issue 14). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { menuLabels, screenshot, seriousAxeViolations, settle, specServer, switchLanguage } from '../lib/harness';

const s = specServer();

/** Opens the workbench (the landing page), checks it, and saves it in Chinese and English. */
async function bothLanguages(page: Page, user: string, check: (page: Page) => Promise<void>) {
  await page.goto('/');
  await page.getByRole('heading', { name: '工作台', level: 3 }).waitFor();
  await settle(page);
  await check(page);
  assert.deepEqual(await seriousAxeViolations(page), [], 'no serious or critical axe violation on the workbench');
  await screenshot(page, `workbench-${user}-zh`);
  await switchLanguage(page, 'en-US');
  await page.getByRole('heading', { name: 'Workbench', level: 3 }).waitFor();
  await settle(page);
  await screenshot(page, `workbench-${user}-en`);
}

const row = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });

describe('workbench', () => {
  test('the authority sees the applications to review, registrations to accept, with their clocks', async () => {
    await s.as('authority.admin', 'workbench-authority', async (page) => {
      await bothLanguages(page, 'authority.admin', async () => {
        const app = row(page, 'SA-2026-0003');
        await app.getByText('审核场景申请').waitFor();
        await app.getByText(/剩余 \d+ 天|已超期 \d+ 天|今日到期/).waitFor();
        await row(page, '医疗机构执业登记信息').getByText('受理登记申请').waitFor();
        // the to-do leads to the place where it is done
        assert.equal(
          (await app
            .getByRole('link', { name: /SA-2026-0003/ })
            .first()
            .getAttribute('href')) !== null,
          true,
        );
        // the authority's menu keeps the authorized-operation lists
        assert.ok((await menuLabels(page)).includes('授权使用申请'));
      });
    });
  });

  test('the source unit sees consents to give and gradings to confirm', async () => {
    await s.as('source.admin', 'workbench-source', async (page) => {
      await bothLanguages(page, 'source.admin', async () => {
        await row(page, 'SA-2026-0003').getByText('确认数据提供意见').waitFor();
        await page.getByRole('row').filter({ hasText: '确认分类分级' }).first().waitFor();
      });
    });
  });

  test('the operator sees its workspaces and jobs', async () => {
    await s.as('operator.admin', 'workbench-operator', async (page) => {
      await bothLanguages(page, 'operator.admin', async () => {
        await page.getByText('我的开发席位').waitFor();
        await row(page, 'GR-2026-0001 开发席位').first().waitFor();
        await page.getByText('最近的作业').waitFor();
      });
    });
  });

  test('the buyer sees its services, usage against quota as a chart, its keys, and no authorization menus', async () => {
    await s.as('buyer.admin', 'workbench-buyer', async (page) => {
      await bothLanguages(page, 'buyer.admin', async () => {
        await row(page, '企业登记信息核验').first().waitFor();
        await page.locator('[aria-label="今日用量与日配额"] canvas, [aria-label="今日用量与日配额"]').first().waitFor();
        await row(page, '核验服务演示密钥').waitFor();
        const menu = await menuLabels(page);
        for (const hidden of ['授权运营协议', '授权使用申请', '授权清单', '备案管理'])
          assert.ok(!menu.includes(hidden), `buyer menu must not show ${hidden}: ${menu.join(', ')}`);
        assert.equal(await page.getByRole('menuitem', { name: '授权' }).count(), 0);
      });
    });
  });

  test("the audit list reads in words and opens an object's timeline in words", async () => {
    await s.as('authority.admin', 'audit-words', async (page) => {
      await page.goto('/audit-events');
      await settle(page);
      // auth.login reads 登录, the actor is a name and an organization, never a UUID
      const login = page
        .getByRole('row')
        .filter({ hasText: '登录' })
        .filter({ hasText: '王敏 · 珠海市政务服务和数据管理局' })
        .first();
      await login.waitFor();
      // The demo now seeds products, rights and supervision after the authorization data, so the imports of
      // scenario applications are no longer on the first page: filter by the event type, as an auditor would.
      await page.getByRole('searchbox', { name: '事件类型' }).fill('ScenarioApplication.imported');
      await page.getByRole('searchbox', { name: '事件类型' }).press('Enter');
      await page.getByRole('row').filter({ hasText: '场景申请导入' }).filter({ hasText: '系统' }).first().waitFor();
      const imported = page.getByRole('row').filter({ hasText: '场景申请导入' }).first();
      await imported.getByRole('button', { name: '场景申请' }).click();
      const drawer = page.getByRole('dialog', { name: '场景申请的留痕时间线' });
      await drawer
        .getByText(/系统：场景申请导入/)
        .first()
        .waitFor();
      assert.doesNotMatch(await drawer.innerText(), /[0-9a-f]{8}-[0-9a-f]{4}-|[a-z]+_[a-z_]+|\d{4}-\d\d-\d\dT/);
      await screenshot(page, 'ledger-timeline-authority.admin-zh');
    });
  });
});
