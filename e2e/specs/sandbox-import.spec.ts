/**
 * Imports (入域, SBX-11) and the watermarked result viewer (SBX-10) in a real browser: operator.dev imports its own
 * CSV with a declared lawful source, sees the scan's findings, joins it with the granted view in a Job and reads the
 * result in the viewer — watermarked with user, organization and time, with no download button.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiClient, screenshot, specServer } from '../lib/harness';
import { customerCsv } from '../../server/src/contexts/sandbox/imports/test/factories';

const spec = specServer();
const as = spec.as;

const JOIN =
  'SELECT v.所属区, count(*) AS 客户数, sum(i.授信额度) AS 授信合计 FROM 企业登记信息 v JOIN 客户名单甲 i ON v.统一社会信用代码 = i.统一社会信用代码 GROUP BY v.所属区 ORDER BY v.所属区';

describe('sandbox imports and result viewer', () => {
  test('operator.dev imports a CSV, joins it with the granted view in a job, and reads it in the watermarked viewer', async () => {
    // USCCs the granted view holds, so the join finds the customers (read through the API as the operator would).
    const api = await apiClient(spec.server, 'operator.dev');
    const ws = (await api.get('/workspaces')).items.find((w: { views: { name: string }[] }) =>
      w.views.some((v) => v.name === '企业登记信息'),
    );
    const probe = await api.post(`/workspaces/${ws.id}/jobs`, {
      sql: 'SELECT 统一社会信用代码 FROM 企业登记信息 ORDER BY 统一社会信用代码 LIMIT 25',
    });
    const usccs = (await api.get(`/workspaces/${ws.id}/jobs/${probe.id}/viewer?limit=25`)).rows.map((r: unknown[]) =>
      String(r[0]),
    );
    assert.equal(usccs.length, 25);

    await as('operator.dev', 'sandbox-import', async (page) => {
      await page.goto(`/sandbox/workspaces/${ws.id}`);
      await page.getByRole('link', { name: '导入自有数据' }).click();
      await page.waitForURL(/\/imports$/);
      await page.getByLabel('表名（在 SQL 中使用）').fill('客户名单甲');
      await page.getByLabel('来源说明').fill('本公司信贷系统导出的存量企业客户名单（2026 年 11 月）');
      await page.getByLabel('来源凭证编号（可选）').fill('CRM-2026-11');
      await page.locator('input[type=file]').setInputFiles({
        name: '客户名单.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(customerCsv(usccs)),
      });
      await page.getByRole('button', { name: '扫描并导入' }).click();
      await page.getByText('已导入 客户名单甲（25 行）').waitFor();
      const card = page.getByTestId('import-客户名单甲');
      await card.getByText('身份证号').first().waitFor();
      await card
        .getByRole('row', { name: /法人身份证号/ })
        .getByText('HMAC-SM3 假名')
        .waitFor();
      await card
        .getByRole('row', { name: /统一社会信用代码/ })
        .getByText('明文')
        .waitFor();
      await screenshot(page, 'sandbox-import');
    });

    await as('operator.dev', 'sandbox-import-join', async (page) => {
      await page.goto(`/sandbox/workspaces/${ws.id}`);
      await page.getByTestId('schema-imports').getByText('客户名单甲').waitFor();
      await page.getByRole('textbox', { name: 'SQL 语句' }).click();
      await page.keyboard.insertText(JOIN);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: /^运\s?行$/ }).click();
      const viewer = page.getByTestId('result-viewer');
      await viewer.getByRole('columnheader', { name: '客户数' }).waitFor();
      await viewer
        .getByTestId('watermark-user')
        .getByText(/operator\.dev/)
        .waitFor();
      await viewer
        .getByTestId('watermark-code')
        .getByText(/水印码 [0-9a-f]{16}/)
        .waitFor();
      // The viewer offers no way out: no download, export, print or copy control.
      assert.equal(await viewer.getByRole('button', { name: /下载|导出|打印|复制/ }).count(), 0);
      assert.equal(await viewer.getByRole('link', { name: /下载|导出/ }).count(), 0);
      const total = await viewer.locator('tbody tr td:nth-child(2)').allTextContents();
      assert.equal(
        total.reduce((s, x) => s + Number(x), 0),
        25,
      );
      await screenshot(page, 'sandbox-import-viewer');
    });
  });
});
