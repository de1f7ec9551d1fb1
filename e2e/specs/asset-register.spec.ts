/**
 * The data asset register in a real browser (issue 17 part B, rights-assets.md "DataAsset", "Accounting"):
 *   1. the operator filters its register and exports it to Excel;
 *   2. it opens the demo card 罗湖区企业经营状态指数: four blocks, memo book, valuation history with its chart,
 *      accounting classification — all in Chinese, no raw codes;
 *   3. 市场监管局 sees its public data asset 企业登记信息 with the product-operation authorization mark (scenario 8).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { exportedSheet, rawTextFindings, screenshot, settle, specServer } from '../lib/harness';

const spec = specServer();
const as = spec.as;

async function noRawText(page: Page) {
  await settle(page);
  assert.deepEqual(await rawTextFindings(page), [], `raw text on ${page.url()}`);
}

describe('asset register web', () => {
  test('1. the operator filters and exports its register', async () => {
    await as('operator.admin', 'assets-1-list', async (page) => {
      await page.goto('/rights/assets');
      await page.getByRole('link', { name: '罗湖区企业经营状态指数' }).waitFor();
      await page.getByRole('combobox', { name: '会计分类' }).click({ force: true });
      await page.getByTitle('无形资产').first().click();
      await page.getByRole('link', { name: '罗湖区企业经营状态指数' }).waitFor();
      await noRawText(page);
      await screenshot(page, 'assets-1-list');
      const sheet = await exportedSheet(page);
      assert.equal(sheet.getRow(1).getCell(1).value, '资产名称');
      assert.equal(sheet.getRow(2).getCell(1).value, '罗湖区企业经营状态指数');
      assert.equal(sheet.getRow(2).getCell(3).value, '无形资产');
    });
  });

  test('2. the card shows its four blocks, memo book, valuation history and accounting', async () => {
    await as('operator.admin', 'assets-2-card', async (page) => {
      await page.goto('/rights/assets');
      await page.getByRole('link', { name: '罗湖区企业经营状态指数' }).click();
      for (const title of [
        '基本信息',
        '权属信息',
        '使用信息',
        '管理信息',
        '资产备查簿',
        '评估历史',
        '会计处理（入表）',
      ])
        await page.getByText(title, { exact: true }).first().waitFor();
      await page.getByRole('img', { name: '评估结论随基准日变化' }).waitFor();
      await page.getByText('2026-01-31').first().waitFor();
      await page.getByText('¥2,600,000.00').first().waitFor();
      await noRawText(page);
      await screenshot(page, 'assets-2-card');
    });
  });

  test('3. the source unit sees the authorization mark on its public data asset (scenario 8)', async () => {
    await as('source.admin', 'assets-3-public', async (page) => {
      await page.goto('/rights/assets');
      await page.getByRole('link', { name: '企业登记信息' }).click();
      await page.getByText('公共数据资产').first().waitFor();
      await page.getByText('数据产品经营权').first().waitFor();
      await page.getByText('ZH-GR-2026-001').waitFor();
      await noRawText(page);
      await screenshot(page, 'assets-3-public');
    });
  });
});
