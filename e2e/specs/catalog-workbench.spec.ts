/**
 * Issue 14, catalog blocking items in a real browser, as the role that meets each:
 * - the source unit's upload of a text file is refused and changes nothing; distinct counts never exceed rows;
 * - the authority's 审核发布 shows the dossier and can return with a reason;
 * - the registry desk shows the filing (materials, fields with grades) and can return for correction, accept, review and post publicity;
 * - the public files an objection on the 登记公示 page.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { exportedSheet, screenshot, specServer, switchLanguage } from '../lib/harness';
import { gradeAndFileRegistration } from '../lib/catalog';

const spec = specServer();

function companiesCsv(): Buffer {
  const rows = ['企业名称,企业类型,登记序号'];
  for (let i = 0; i < 3000; i++)
    rows.push(`珠海市第${i % 500}号商贸有限公司,${['有限责任公司', '股份有限公司', '个人独资企业'][i % 3]},${i}`);
  return Buffer.from(rows.join('\n') + '\n');
}

async function upload(page: Page, name: string, buffer: Buffer, mimeType = 'text/plain') {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: /选择文件上传|Choose file to upload/ }).click(),
  ]);
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/snapshots') && r.request().method() === 'POST'),
    chooser.setFiles({ name, mimeType, buffer }),
  ]);
}

const volumeCell = (page: Page) =>
  page
    .locator('xpath=//th[normalize-space(.)="数据量" or normalize-space(.)="Volume"]/following-sibling::td[1]')
    .first();

describe('catalog workbench (issue 14)', () => {
  test('source unit: distinct counts never exceed rows; a text file or fake Excel is refused and the volume is unchanged', async () => {
    await spec.as('source.admin', 'catalog-wb-upload', async (page) => {
      await page.goto(`/catalog?q=${encodeURIComponent('消费投诉')}`);
      await page.getByRole('link', { name: '消费投诉举报信息' }).click();
      await page.getByRole('heading', { name: '消费投诉举报信息' }).waitFor();
      await upload(page, 'companies.csv', companiesCsv(), 'text/csv');
      await page.getByText('已上传 3000 行').waitFor();
      const row = page.getByRole('row', { name: /^企业名称/ });
      await row.waitFor();
      const cells = await row.getByRole('cell').allInnerTexts();
      assert.ok(cells.includes('500'), `企业名称 distinct should be exactly 500: ${cells.join(' | ')}`);
      const quality = page.locator('.ant-card').filter({ hasText: '数据质量' });
      for (const r of await quality.getByRole('row').all()) {
        const texts = await r.getByRole('cell').allInnerTexts();
        if (texts.length < 5) continue;
        const n = Number(texts[4]);
        if (Number.isFinite(n)) assert.ok(n <= 3000, `distinct ${n} exceeds 3000 rows`);
      }
      assert.equal((await volumeCell(page).innerText()).trim(), '3000 行');

      await upload(page, 'notes.txt', Buffer.from('这是一份会议纪要，不是表格。\n第二行说明文字。\n'));
      await page.getByRole('alert').filter({ hasText: '不是CSV表格' }).waitFor();
      assert.equal((await volumeCell(page).innerText()).trim(), '3000 行', 'a refused upload leaves the volume');
      assert.equal(await page.getByText('已上传 0 行').count(), 0);
      await screenshot(page, 'catalog-upload-refused-zh');

      await switchLanguage(page, 'en-US');
      await upload(
        page,
        'fake.xlsx',
        Buffer.from('not a spreadsheet'),
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      await page.getByRole('alert').filter({ hasText: 'not a readable Excel table' }).waitFor();
      assert.equal(await page.getByText(/central directory|zip/i).count(), 0, 'no library message');
      assert.equal((await volumeCell(page).innerText()).trim(), '3000 rows');
      await screenshot(page, 'catalog-upload-refused-en');
      await switchLanguage(page, 'zh-CN');

      // A field's grade set by hand, with its reason (issue 14 "override a field's grade by hand").
      await page.getByRole('button', { name: '调整分级 投诉人证件号码' }).click();
      const override = page.locator('.ant-modal-content').filter({ hasText: '调整“投诉人证件号码”的分级' });
      await override.getByText('敏感个人信息', { exact: true }).click();
      await override.getByLabel('敏感个人信息类别').click();
      await page.getByTitle('特定身份').click();
      await override.getByRole('button', { name: '确认调整' }).click();
      await override.getByText('请填写理由').waitFor();
      await override.getByLabel('调整理由（记入台账）').fill('证件号码属于特定身份信息（个人信息保护法第二十八条）');
      await Promise.all([
        page.waitForResponse((r) => /\/fields\/[^/]+\/classification$/.test(r.url()) && r.ok()),
        override.getByRole('button', { name: '确认调整' }).click(),
      ]);
      await page.getByRole('row', { name: /投诉人证件号码.*敏感个人信息/ }).waitFor();

      // Classify and file the registration the registry test decides on.
      const acceptAll = page.getByRole('button', { name: '全部采纳建议' });
      if (await acceptAll.isEnabled()) {
        await acceptAll.click();
        await page.waitForFunction(() =>
          [...document.querySelectorAll('button')].some((b) => b.textContent === '全部采纳建议' && b.disabled),
        );
      }
      const rest = page.getByRole('button', { name: '其余数据项确认为一般数据' });
      if (await rest.isEnabled()) {
        await rest.click();
        await page.waitForFunction(() =>
          [...document.querySelectorAll('button')].some(
            (b) => b.textContent === '其余数据项确认为一般数据' && b.disabled,
          ),
        );
      }
      await gradeAndFileRegistration(page);
    });
  });

  test('authority: 审核发布 shows the dossier and returns with a reason', async () => {
    await spec.as('authority.admin', 'catalog-wb-publish-review', async (page) => {
      await page.goto('/catalog/review');
      await switchLanguage(page, 'en-US');
      await page.getByRole('button', { name: /Review 商标质押登记信息/ }).click();
      await page.getByText('Fields and grades').waitFor();
      await screenshot(page, 'catalog-publish-review-en');
      await page.keyboard.press('Escape');
      await switchLanguage(page, 'zh-CN');
      await page.getByRole('button', { name: '审阅 商标质押登记信息' }).click();
      const drawer = page.getByRole('dialog').filter({ hasText: '审核：商标质押登记信息' });
      await drawer.getByText(/数据项及分级/).waitFor();
      await drawer.getByText('共享条件与依据').waitFor();
      assert.ok((await drawer.getByRole('row').count()) >= 2, 'the fields are listed');
      await screenshot(page, 'catalog-publish-review-zh');
      await drawer.getByRole('button', { name: '退回修改' }).click();
      const modal = page.locator('.ant-modal-content').filter({ hasText: '退回为草稿' });
      await modal.getByRole('button', { name: '退回修改' }).click();
      await modal.getByText('请填写理由').waitFor(); // no return without a reason
      await modal.getByLabel('退回理由（数源单位可见）').fill('开放条件未写明使用范围，请补充后重新提交');
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/return') && r.ok()),
        modal.getByRole('button', { name: '退回修改' }).click(),
      ]);
      await page.getByText('已退回数源单位修改').waitFor();
      await page.getByRole('button', { name: '审阅 商标质押登记信息' }).waitFor({ state: 'detached' });
    });
  });

  test('registry: the desk shows the filing; 退回补正 needs a reason; the registrant resubmits; accept → review → publicity; the public objects', async () => {
    await spec.as('authority.admin', 'catalog-wb-registry', async (page) => {
      await page.goto('/catalog/registrations');
      await switchLanguage(page, 'en-US');
      await page.getByRole('button', { name: /Review 消费投诉举报信息/ }).click();
      await page.getByText(/Materials \(3\)/).waitFor();
      await screenshot(page, 'catalog-registry-dossier-en');
      await page.keyboard.press('Escape');
      await switchLanguage(page, 'zh-CN');
      await page.getByRole('button', { name: '审查 消费投诉举报信息' }).click();
      const drawer = page.getByRole('dialog').filter({ hasText: '登记审查：消费投诉举报信息' });
      await drawer.getByText('登记材料（3 份）').waitFor();
      await drawer.getByText('登记申请表').waitFor();
      await drawer.getByText(/数据项及分级/).waitFor();
      for (const b of ['受理', '不予受理', '退回补正'])
        await drawer.getByRole('button', { name: b, exact: true }).waitFor();
      await screenshot(page, 'catalog-registry-dossier-zh');
      await drawer.getByRole('button', { name: '退回补正', exact: true }).click();
      const modal = page.locator('.ant-modal-content').filter({ hasText: '受理期限暂停' });
      await modal.getByRole('button', { name: '退回补正' }).click();
      await modal.getByText('请填写理由').waitFor();
      await modal.getByLabel('理由（将告知登记申请单位）').fill('合规承诺书未加盖公章');
      await modal.getByLabel('需补正事项（每行一项）').fill('合规承诺书加盖单位公章\n资源情况说明补充更新频率');
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/return') && r.ok()),
        modal.getByRole('button', { name: '退回补正' }).click(),
      ]);
      await page.getByRole('row', { name: /消费投诉举报信息.*已退回/ }).waitFor();
    });
    await spec.as('source.admin', 'catalog-wb-resubmit', async (page) => {
      await page.goto(`/catalog?q=${encodeURIComponent('消费投诉')}`);
      await page.getByRole('link', { name: '消费投诉举报信息' }).click();
      await page.getByText('登记申请已退回补正。理由：合规承诺书未加盖公章').waitFor();
      await page.getByText('合规承诺书加盖单位公章').waitFor();
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/resubmit') && r.ok()),
        page.getByRole('button', { name: '补正后重新提交' }).click(),
      ]);
      await page.getByText('登记中 · 已提交').waitFor();
    });
    await spec.as('authority.admin', 'catalog-wb-registry-forward', async (page) => {
      await page.goto('/catalog/registrations');
      await page.getByRole('button', { name: '审查 消费投诉举报信息' }).click();
      const drawer = page.getByRole('dialog').filter({ hasText: '登记审查：消费投诉举报信息' });
      for (const [button, path] of [
        ['受理', '/accept'],
        ['开始形式审查', '/start_review'],
        ['发布公示', '/post_publicity'],
      ] as const) {
        await drawer.getByRole('button', { name: button, exact: true }).click();
        const modal = page.locator('.ant-modal-content').filter({ hasText: '消费投诉举报信息' }).last();
        await Promise.all([
          page.waitForResponse((r) => r.url().endsWith(path) && r.ok()),
          modal.getByRole('button', { name: button, exact: true }).click(),
        ]);
        await modal.waitFor({ state: 'hidden' });
      }
      await page.getByRole('row', { name: /消费投诉举报信息.*公示中/ }).waitFor();
    });
    await spec.as(null, 'catalog-wb-objection', async (page) => {
      await page.goto('/public/registrations');
      await page.getByRole('button', { name: '提出异议 消费投诉举报信息' }).click();
      const modal = page.locator('.ant-modal-content').filter({ hasText: '对“消费投诉举报信息”提出异议' });
      await modal.getByLabel('姓名或单位名称').fill('珠海某律师事务所');
      await modal.getByLabel('手机号码').fill('13800000000');
      await modal.getByLabel('异议内容与理由').fill('该资源中部分机构的权属存在争议，请核实。');
      await screenshot(page, 'catalog-public-objection-zh');
      await Promise.all([
        page.waitForResponse((r) => r.url().includes('/objections') && r.status() === 201),
        modal.getByRole('button', { name: '提交异议' }).click(),
      ]);
      await page.getByText('异议已提交').waitFor();
    });
  });

  test('source unit: creates a resource in the UI and exports the catalog as Excel', async () => {
    await spec.as('source.admin', 'catalog-wb-create', async (page) => {
      await page.goto('/catalog');
      const sheet = await exportedSheet(page);
      assert.ok(sheet.rowCount > 1, 'the exported catalog has rows');
      await page.getByRole('button', { name: '新建资源' }).click();
      const modal = page.locator('.ant-modal-content').filter({ hasText: '新建数据资源' });
      await modal.getByLabel('数据资源名称').fill('电梯维保记录');
      await modal.getByLabel('所属领域').fill('市场监管');
      await modal.getByLabel('摘要').fill('电梯维护保养单位的维保记录。');
      await modal.getByLabel('开放方式').click();
      await page.getByTitle('数据沙箱').click();
      await modal.getByLabel('不予/有条件开放的理由与依据').fill('含维保人员联系方式，依《个人信息保护法》不予开放');
      await modal.getByLabel('数据项名称').first().fill('电梯注册代码');
      await modal.getByLabel('数据项编码（字母、数字、下划线）').first().fill('电梯');
      await modal.getByRole('button', { name: '创建' }).click();
      await modal.getByText('编码须以字母开头，只含字母、数字和下划线').waitFor(); // a Chinese message beside the field, before any request
      await modal.getByLabel('数据项编码（字母、数字、下划线）').first().fill('dtzcdm');
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/resources') && r.status() === 201),
        modal.getByRole('button', { name: '创建' }).click(),
      ]);
      await page.getByRole('heading', { name: '电梯维保记录' }).waitFor();
      await page.getByRole('cell', { name: '电梯注册代码', exact: true }).waitFor();
      await screenshot(page, 'catalog-created-resource-zh');
    });
  });

  test('source units: consent to a catalog change and refuse a share request, each with its dossier and reason', async () => {
    await spec.as('transport.admin', 'catalog-wb-change', async (page) => {
      await page.goto('/catalog/requests');
      await page.getByRole('tab', { name: '目录变更' }).click();
      const row = page.getByRole('row', { name: /道路运输经营许可信息.*待数源单位同意/ });
      await row.getByText(/新增数据项/).waitFor();
      await screenshot(page, 'catalog-change-requests-zh');
      await row.getByRole('button', { name: '同意变更', exact: true }).click();
      const modal = page.locator('.ant-modal-content').filter({ hasText: '同意对“道路运输经营许可信息”的变更' });
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/consent') && r.ok()),
        modal.getByRole('button', { name: '同意变更', exact: true }).click(),
      ]);
      await page.getByRole('row', { name: /道路运输经营许可信息.*已同意/ }).waitFor();
    });
    await spec.as('health.admin', 'catalog-wb-share', async (page) => {
      await page.goto('/catalog/requests');
      const row = page.getByRole('row', { name: /预防接种登记信息/ }).first();
      await row.getByRole('button', { name: '不予同意' }).click();
      const modal = page.locator('.ant-modal-content').filter({ hasText: '须写明理由和法律依据' });
      await modal.getByRole('button', { name: '不予同意' }).click();
      await modal.getByText('请填写理由').waitFor();
      await modal
        .getByLabel('理由与法律依据（将告知申请方）')
        .fill('申请用途与履职无关，依据《数据共享管理办法》第十二条不予共享');
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/refuse') && r.ok()),
        modal.getByRole('button', { name: '不予同意' }).click(),
      ]);
      await page
        .getByRole('row', { name: /预防接种登记信息.*不予同意/ })
        .first()
        .waitFor();
      await screenshot(page, 'catalog-share-requests-zh');
    });
  });
});
