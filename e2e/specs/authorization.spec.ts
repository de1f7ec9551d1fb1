/** Authorized operation in a real browser: application → source-unit consent → approval → grant (issue 05). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshot, specServer, tick } from '../lib/harness';

const spec = specServer();
const as = spec.as;

/** antd Select: open by its accessible name, then pick the option by its title. */
async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByTitle(option, { exact: false }).first().click();
}

describe('authorization web', () => {
  test('operator applies, the source unit consents per field, the authority approves, and the grant shows its egress policy', async () => {
    const url = await as('operator.admin', 'authz-apply', async (page) => {
      await page.goto('/authorization/applications/new');
      await page.getByRole('heading', { name: '授权使用申请' }).waitFor();
      await choose(page, '授权运营协议', 'OA-zhuhai-2026-0001');
      await choose(page, '已登记数据资源', '企业登记信息');
      // Each field shows its grade; the personal field asks for de-identification.
      await page.getByRole('cell', { name: '法定代表人', exact: true }).waitFor();
      await tick(page.getByRole('checkbox', { name: '选择 统一社会信用代码' }));
      await tick(page.getByRole('checkbox', { name: '选择 企业名称' }));
      await page
        .getByRole('textbox', { name: '必要性说明 统一社会信用代码' })
        .fill('核验服务主键，用于确认企业主体身份真实存在');
      await page.getByRole('textbox', { name: '必要性说明 企业名称' }).fill('核验请求需比对企业名称是否与登记信息一致');
      await page.getByText('已选 2 个字段').waitFor();
      await screenshot(page, 'authorization-wizard-fields');
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByLabel('场景名称').fill('企业主体核验（浏览器测试）');
      await page.getByLabel('服务对象（逗号分隔）').fill('商业银行');
      await page.getByLabel('服务区域（逗号分隔）').fill('珠海市');
      await page.getByLabel('预期成效').fill('缩短授信前主体核验时间');
      await page.getByLabel('可衡量指标').fill('核验平均时长小于 1 秒');
      await page.getByLabel('风险评估文件编号').fill('RA-E2E-001');
      await page.getByLabel('风险评估责任人').fill('张伟');
      await tick(page.getByRole('checkbox', { name: '隐私求交' })); // PSI-01: the approver may then allow PSI
      await page.getByRole('button', { name: '提交申请' }).click();
      await page.waitForURL(/\/authorization\/applications\/[0-9a-f-]{36}$/);
      await page.getByText('已提交').first().waitFor();
      return page.url();
    });
    const path = new URL(url).pathname;

    await as('authority.admin', 'authz-accept', async (page) => {
      await page.goto(path);
      await page.getByRole('button', { name: '开始审核' }).click();
      await page.getByText('审核中').first().waitFor();
    });

    await as('source.admin', 'authz-consent', async (page) => {
      await page.goto('/authorization/applications');
      await page.getByText('待我确认的数据需求').waitFor();
      await page.goto(path);
      await page.getByText('数源单位确认').waitFor();
      // Each field needs an explicit choice (issue 14); the answer is confirmed from a summary.
      const panel = page.locator('.ant-card').filter({ hasText: '数源单位确认' });
      for (const field of ['统一社会信用代码', '企业名称'])
        await panel.getByRole('listitem').filter({ hasText: field }).getByRole('radio', { name: '同意提供' }).check();
      await page.getByRole('button', { name: '提交确认意见' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '提交确认意见' }).click();
      await page.getByText('同意').first().waitFor();
      // The consent panel disappears once answered.
      await page.getByText('数源单位确认').waitFor({ state: 'detached' });
    });

    const grantUrl = await as('authority.admin', 'authz-approve', async (page) => {
      await page.goto(path);
      await page.getByRole('cell', { name: '核验服务主键，用于确认企业主体身份真实存在' }).waitFor();
      await screenshot(page, 'authorization-review');
      // Every field is decided with a reason (nothing preset), then the approval is confirmed with a comment.
      for (const field of ['统一社会信用代码', '企业名称']) {
        const row = page
          .getByRole('row')
          .filter({ hasText: field })
          .filter({ has: page.getByRole('radio') });
        await row.getByRole('radio', { name: '同意', exact: true }).check();
        await row.getByRole('textbox').fill('核验所需，符合最小必要原则');
      }
      await page.getByRole('button', { name: '批准', exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox', { name: '审核意见（记入审核记录）' }).fill('场景明确，字段最小必要，同意授权');
      // PSI-01 (issue 19): the Grant's PSI switches sit with the approval; asked for, PSI starts on, count only.
      const psi = dialog.getByRole('switch', { name: '允许隐私求交' });
      assert.equal(await psi.getAttribute('aria-checked'), 'true');
      await dialog.getByRole('switch', { name: '允许返回交集成员' }).click();
      await screenshot(page, 'authorization-approve-psi');
      await dialog.getByRole('button', { name: '批准', exact: true }).click();
      await page.getByText('已生成授权').waitFor();
      await page.getByRole('link', { name: '查看授权' }).click();
      await page.waitForURL(/\/authorization\/grants\//);
      await page.getByText('出域策略').waitFor();
      await page.getByText('待备案预案').first().waitFor();
      await page.getByRole('cell', { name: '统一社会信用代码', exact: true }).waitFor();
      assert.equal(await page.getByRole('cell', { name: '法定代表人', exact: true }).count(), 0);
      await page.getByText('交集成员及数量').waitFor(); // the switches the approver set, on the Grant
      await screenshot(page, 'authorization-grant');
      // AUTH-17: no filed plan, no activation; the refusal names its rule.
      await page.getByRole('button', { name: '启用授权' }).click();
      await page.getByRole('alert').getByText('AUTH-17').waitFor();
      return new URL(page.url()).pathname;
    });

    await as('operator.admin', 'authz-plan', async (page) => {
      await page.goto(grantUrl);
      // LED-13: the holder opens its Grant's evidence (the ledger entry of the approval, the signed checkpoint).
      await page.getByText('存证与证据包').click();
      await page.getByTestId('evidence-section').getByText('授权开启').waitFor();
      await page.getByText('最新签名检查点').waitFor();
      await screenshot(page, 'authorization-grant-evidence');
      // The emergency plan is an editable form (issue 14): the operator names the people behind the roles.
      await page.getByRole('button', { name: '提交应急处置预案' }).click();
      const plan = page.getByRole('dialog');
      await plan.getByRole('textbox', { name: '姓名' }).fill('王磊');
      await plan.getByRole('textbox', { name: '联系电话' }).fill('0756-1234567');
      await screenshot(page, 'authorization-plan-form');
      await plan.getByRole('button', { name: '提交备案' }).click();
      await page.getByText('已提交').first().waitFor();
    });

    await as('authority.admin', 'authz-file-plan', async (page) => {
      await page.goto(grantUrl);
      await page.getByRole('button', { name: '预案备案' }).click();
      await page.getByText('生效').first().waitFor();
      await page.getByText('已备案').first().waitFor();
    });
  });

  test('the grant list shows the demo grants and the filings register shows the collaborator', async () => {
    await as('authority.admin', 'authz-lists', async (page) => {
      await page.goto('/authorization/grants');
      await page.getByRole('cell', { name: '企业登记信息核验服务' }).waitFor();
      await page.getByRole('cell', { name: '区域人口统计' }).waitFor();
      await page.goto('/authorization/filings');
      await page.getByRole('cell', { name: '珠海智算科技有限公司' }).first().waitFor();
    });
  });
});
