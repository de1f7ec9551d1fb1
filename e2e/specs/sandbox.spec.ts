/** The sandbox in a real browser (issue 06): query → egress → authority approval → download; buyer calls 核验 with an API key. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { exportedSheet, screenshot, specServer, switchLanguage } from '../lib/harness';
import { usccFor } from '../../server/src/contexts/sandbox/test/enterprise-data';

const spec = specServer();
const as = spec.as;

// antd puts a space between the two characters of a two-character Chinese button label.
const button = (page: Page, label: string) =>
  page.getByRole('button', { name: new RegExp(`^${label.split('').join('\\s?')}$`) });

describe('sandbox web', () => {
  test('operator.dev runs an aggregate, requests egress, authority.admin approves, the file downloads', async () => {
    const egressUrl = await as('operator.dev', 'sandbox-query', async (page) => {
      await page.goto('/sandbox/workspaces');
      await page
        .getByRole('row', { name: /企业登记信息/ })
        .getByRole('link')
        .first()
        .click();
      await page.getByText('授权视图与字段').waitFor();
      await page.getByRole('textbox', { name: 'SQL 语句' }).click();
      await page.keyboard.insertText(
        'SELECT 所属区, count(*) AS 企业数 FROM 企业登记信息 GROUP BY 所属区 ORDER BY 所属区',
      );
      await page.keyboard.press('Escape');
      await button(page, '运行').click();
      await page.getByText('成功').first().waitFor();
      await page.getByLabel('申请理由').fill('按区汇总企业数量，用于授信区域分析');
      await screenshot(page, 'sandbox-workspace');
      await page.getByRole('button', { name: '申请出域' }).click();
      await page.waitForURL(/\/sandbox\/egress\/[0-9a-f-]{36}$/);
      await page.getByText('待审核').first().waitFor();
      return new URL(page.url()).pathname;
    });
    await as('authority.admin', 'sandbox-review', async (page) => {
      await page.goto(egressUrl);
      await page.getByText('自动检查报告').waitFor();
      await page.getByRole('textbox', { name: '审核理由' }).fill('仅含区县汇总，满足 k 匿名要求');
      await button(page, '批准').click();
      await page.getByText('水印编号').waitFor();
      await screenshot(page, 'sandbox-egress-approved');
    });
    // Issue 14: the egress file opens as a table — .xlsx whose first row is the header, and a CSV with a BOM whose first line is the header.
    await as('operator.dev', 'sandbox-download', async (page) => {
      await page.goto(egressUrl);
      await page.getByText('自动检查报告').waitFor();
      // Check results read as labelled lines, never as JSON.
      await page.getByText('每行至少 k 个主体（k 匿名）').waitFor();
      assert.equal(
        await page
          .locator('td')
          .filter({ hasText: /^\{.*\}$/ })
          .count(),
        0,
      );
      const watermark = (await page
        .getByText(/^WM-[0-9A-F]{12}$/)
        .first()
        .textContent())!;
      await screenshot(page, 'sandbox-egress-detail');
      const [xlsx] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /下载 Excel/ }).click(),
      ]);
      assert.match(xlsx.suggestedFilename(), /\.xlsx$/);
      const { default: ExcelJS } = await import('exceljs');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync((await xlsx.path())!) as never);
      const sheet = wb.worksheets[0]!;
      assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), ['所属区', '企业数', '出域水印']);
      assert.equal(typeof sheet.getRow(2).getCell(2).value, 'number');
      assert.equal(sheet.getRow(2).getCell(3).value, watermark);
      assert.equal(wb.getWorksheet('说明')!.getRow(3).getCell(2).value, watermark);
      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /下载 CSV/ }).click(),
      ]);
      const bytes = readFileSync((await csv.path())!);
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const lines = bytes.toString('utf8').slice(1).split('\r\n');
      assert.equal(lines[0], '所属区,企业数,出域水印');
      assert.ok(lines[1]!.endsWith(`,${watermark}`));
      await switchLanguage(page, 'en-US');
      await page.getByText('Automatic checks').waitFor();
      await screenshot(page, 'sandbox-egress-detail-en');
      await switchLanguage(page, 'zh-CN');
    });
  });

  test('buyer.admin calls the 核验 service with its API key and sees the usage counted', async () => {
    const secret = readFileSync(join(spec.server.dataDir, 'demo-api-key.txt'), 'utf8').trim();
    await as('buyer.admin', 'sandbox-buyer', async (page) => {
      await page.goto('/services/usage');
      await page.getByText('我的数据服务合同').waitFor();
      await page.getByRole('combobox', { name: '服务' }).click();
      await page.getByTitle('企业登记信息核验').first().click();
      await page.getByLabel('API 密钥').fill(secret);
      await page.getByLabel('统一社会信用代码').fill(usccFor(4242));
      await page.getByLabel('企业名称').fill('珠海市示例科技有限公司');
      await button(page, '调用').click();
      await page
        .getByRole('status')
        .filter({ hasText: /一致|不一致/ })
        .waitFor();
      await page.reload();
      await page
        .getByRole('cell', { name: /^[1-9]\d* \/ \d+$/ })
        .first()
        .waitFor();
      // SVC-07: the call's metering record has its place in the audit ledger (sequenced within a second).
      await page.getByRole('columnheader', { name: '审计账本序号' }).waitFor();
      for (
        let i = 0;
        i < 10 && (await page.getByRole('button', { name: /^safety-certificate \d+$/ }).count()) === 0;
        i++
      ) {
        await page.waitForTimeout(500);
        await page.reload();
      }
      await page
        .getByRole('button', { name: /^safety-certificate \d+$/ })
        .first()
        .waitFor();
      await screenshot(page, 'sandbox-buyer-usage');
      // The call log exports to Excel with the same columns (outcome in words, the ledger seq as a number).
      const ws = await exportedSheet(page);
      assert.deepEqual(
        [1, 2, 5].map((c) => ws.getRow(1).getCell(c).value),
        ['时间', '结果', '审计账本序号'],
      );
      assert.equal(ws.getRow(2).getCell(2).value, '计费');
      assert.equal(typeof ws.getRow(2).getCell(5).value, 'number');
    });
  });
});
