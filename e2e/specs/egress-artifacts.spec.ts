/** Artifact egress in a real browser (issue 19, EGR-08 / EGR-12): the operator uploads a model and sees the scan, the
 * authority sees the findings in the dossier, and the source unit sees what left with its data. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { rawTextFindings, screenshot, specServer } from '../lib/harness';
import { onnxModel } from '../../server/src/contexts/sandbox/test/artifacts';
import { demoId } from '../../server/src/seed/ids';

const spec = specServer();
const as = spec.as;
const PENDING = demoId('egress:model-pending');

// antd's Select renders hidden a11y options; the visible one is the dropdown item.
const pick = (page: Page, text: RegExp | string) =>
  page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();

describe('artifact egress web', () => {
  test('operator.dev uploads a model with an ID column: held for review with the finding named', async () => {
    await as('operator.dev', 'egress-artifact-form', async (page) => {
      await page.goto('/sandbox/egress-artifacts/new');
      await page.getByText('模型与文档出域申请').waitFor();
      await page.getByLabel('开发席位').click();
      await pick(page, /GR-2026-0001/);
      await page.getByLabel('来源作业').click();
      await pick(page, /count\(DISTINCT 企业名称\)/);
      await page.getByLabel('用途').click();
      await pick(page, '交付客户');
      await page.getByLabel('申请理由').fill('授信评分模型交付鹏城商业银行');
      await page.locator('input[type=file]').setInputFiles({
        name: 'credit-score.onnx',
        mimeType: 'application/octet-stream',
        buffer: onnxModel({ idColumn: '法定代表人身份证号' }),
      });
      await page.getByRole('button', { name: /提交检查并送审/ }).click();
      await page.getByText('自动检查结果').waitFor();
      await page.getByText(/发现疑似标识符/).waitFor();
      await page.getByRole('cell', { name: /法定代表人身份证号/ }).waitFor();
      assert.deepEqual(await rawTextFindings(page), []);
      await screenshot(page, 'egress-artifact-form');
    });
  });

  test('authority.admin sees the findings in the dossier before deciding', async () => {
    await as('authority.admin', 'egress-artifact-review', async (page) => {
      await page.goto(`/sandbox/egress/${PENDING}`);
      await page.getByText('标识符扫描结果').waitFor();
      await page.getByRole('cell', { name: '身份证号', exact: true }).waitFor();
      await page.getByText('审核决定').waitFor();
      assert.deepEqual(await rawTextFindings(page), []);
      await screenshot(page, 'egress-artifact-review');
    });
  });

  test('source.admin sees what left with its data', async () => {
    await as('source.admin', 'egress-release-notices', async (page) => {
      await page.goto('/sandbox/release-notices');
      await page.getByText('我的数据出域记录').first().waitFor();
      await page
        .getByRole('cell', { name: /深圳市前海征信服务有限公司/ })
        .first()
        .waitFor();
      await page.getByText('企业登记信息').first().waitFor();
      assert.deepEqual(await rawTextFindings(page), []);
      await screenshot(page, 'egress-release-notices');
    });
  });
});
