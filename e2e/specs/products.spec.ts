/**
 * Products in a real browser (issue 15, products-market.md "What users see"): a buyer finds a listed product in the
 * catalogue and opens its page (filed price beside the fee cap, PM-18); the operator submits a new product for
 * compliance review; the authority reads its CR-1…CR-9 dossier on the review desk and returns it with a reason.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiClient, exportedSheet, screenshot, specServer } from '../lib/harness';

const spec = specServer();
const as = spec.as;

/** A draft product on the operator's 企业登记信息 Grant, made through the API (not under test here). */
async function draftProduct(name: string): Promise<string> {
  const op = await apiClient(spec.server, 'operator.admin');
  const grant = (await op.get('/grants?pageSize=100')).items.find((g: { fields: { nameZh: string }[] }) =>
    g.fields.some((f) => f.nameZh === '成立日期'),
  );
  const p = await op.post('/products', {
    name,
    form: 'verification_service',
    grantIds: [grant.id],
    fieldsUsed: ['统一社会信用代码', '企业名称', '成立日期'],
    personalInfo: 'none',
    deliveryModes: ['api_key'],
    declaration: {
      source: '企业登记信息',
      rights: '授权运营',
      quality: '日更',
      use: '贷前核验',
      signedBy: '张伟',
      signedAt: '2026-12-01',
    },
  });
  return p.id;
}

describe('products web', () => {
  test('a visitor and a buyer find a listed product in the catalogue and open its page with price and cap', async () => {
    await as(null, 'products-public', async (page) => {
      await page.goto('/public/products');
      await page.getByRole('link', { name: '企业经营状态核验API' }).waitFor();
      const sheet = await exportedSheet(page);
      assert.ok(sheet.rowCount >= 4, 'every listed product is exported');
    });
    await as('buyer.admin', 'products-catalogue', async (page) => {
      await page.goto('/products/catalogue');
      await page.getByRole('searchbox', { name: '搜索产品名称或编码' }).fill('核验');
      await page.getByRole('searchbox', { name: '搜索产品名称或编码' }).press('Enter');
      await page.getByRole('link', { name: '企业经营状态核验API' }).click();
      await page.getByRole('heading', { name: '企业经营状态核验API' }).waitFor();
      // PM-18: the filed price and the cap it sits under, side by side, with its filing number.
      await page.getByRole('cell', { name: '¥0.60' }).waitFor();
      await page.getByRole('cell', { name: /¥0\.80/ }).waitFor();
      await page.getByRole('cell', { name: 'PF-2026-000101' }).waitFor();
      assert.equal(await page.getByText(/[0-9a-f]{8}-[0-9a-f]{4}-/).count(), 0, 'no raw id on the page');
      await screenshot(page, 'products-page');
    });
  });

  test('the operator submits a product; the authority reads its CR-1…CR-9 dossier and returns it', async () => {
    const name = '企业成立年限核验API';
    await draftProduct(name);
    await as('operator.admin', 'products-submit', async (page) => {
      await page.goto('/products/mine');
      const row = page.getByRole('row', { name: new RegExp(name) });
      await row.getByRole('button', { name: '提交审查' }).click();
      await page.getByRole('button', { name: /^确\s?定$|^OK$/ }).click();
      await row.getByText('审查中').waitFor();
    });
    await as('authority.admin', 'products-review', async (page) => {
      await page.goto('/products/review');
      await page
        .getByRole('row', { name: new RegExp(name) })
        .getByRole('button', { name: '审阅档案' })
        .click();
      const drawer = page.getByRole('dialog');
      await drawer.getByText('合规审查清单').waitFor();
      for (const item of ['CR-1 来源合法', 'CR-3 不含原始个人信息', 'CR-9 绑定已批准场景'])
        await drawer.getByRole('cell', { name: item }).waitFor();
      await screenshot(page, 'products-review-dossier');
      await drawer.getByRole('button', { name: '退回修改' }).click();
      const modal = page.getByRole('dialog', { name: '退回修改' });
      await modal.getByLabel('理由').fill('请补充安全风险评估报告');
      await modal.getByRole('button', { name: '退回修改' }).click();
      await modal.waitFor({ state: 'hidden' });
    });
    await as('operator.admin', 'products-returned', async (page) => {
      await page.goto('/products/mine');
      await page
        .getByRole('row', { name: new RegExp(name) })
        .getByText('草稿')
        .waitFor();
    });
  });
});
