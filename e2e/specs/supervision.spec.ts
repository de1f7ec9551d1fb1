/**
 * Supervision in a real browser (issue 16): an incident stops processing, the authority's rectification suspends
 * the operator's Grant, acceptance resumes it, and the regulator sees all of it on its desk.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { apiClient, rawTextFindings, screenshot, settle, specServer, tick } from '../lib/harness';
import { DEMO_GRANTS } from '../../server/src/seed/sandbox';

const spec = specServer();
const as = spec.as;
const OPERATOR = '珠海市数据运营有限公司';
const FINDING = '分析报告水印出现在无订单关系的企业';

// antd puts a space between the two characters of a two-character Chinese button label.
const button = (page: Page, label: string) =>
  page.getByRole('button', { name: new RegExp(`^${label.split('').join('\\s?')}$`) });

/** Picks an option of an antd Select found by its form label (options carry their label as title). */
async function choose(page: Page, fieldLabel: string, option: string, search = false) {
  const field = page.getByLabel(fieldLabel, { exact: true });
  await field.click();
  if (search) await field.fill(option);
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
}

const grantState = async (id: string) =>
  (await (await apiClient(spec.server, 'authority.admin')).get(`/grants/${id}`)).state;

describe('supervision web', () => {
  test('incident stops processing; rectification suspends and acceptance resumes the Grant; the regulator sees it all', async () => {
    const op = await apiClient(spec.server, 'operator.admin');
    const grantNo = (await op.get(`/grants/${DEMO_GRANTS.verify}`)).grantNo as string;

    // (1) The operator reports a leak on the verification Grant in the browser; processing stops at once.
    const incidentUrl = await as('operator.admin', 'supervision-incident', async (page) => {
      await page.goto('/supervision/incidents');
      await page
        .getByRole('button', { name: /报告安全事件/ })
        .first()
        .click();
      await page.waitForURL(/\/supervision\/incidents\/new$/);
      await choose(page, '事件类型', '泄露');
      await choose(page, '事件级别', '较大');
      // The Grant list loads after the form: a click before its option registers is lost (tick clicks again),
      // and the box is checked again right before sending (a CI run once sent the report with no Grant).
      const box = page.getByLabel(new RegExp(grantNo));
      await tick(box);
      await page.getByLabel('事件描述').fill('企业核验服务输出中含未脱敏的联系电话');
      await tick(box);
      await screenshot(page, 'supervision-incident-form');
      await page.getByRole('button', { name: '报告安全事件' }).last().click();
      await page.waitForURL(/\/supervision\/incidents\/[0-9a-f-]{36}$/);
      const grants = page.locator('.ant-card').filter({ hasText: '已暂停的授权' });
      await grants
        .getByRole('row', { name: new RegExp(grantNo) })
        .getByText('已暂停')
        .waitFor();
      await page.getByText('授权主管部门').first().waitFor();
      assert.deepEqual(await rawTextFindings(page), []);
      await screenshot(page, 'supervision-incident-detail');
      return new URL(page.url()).pathname;
    });
    assert.equal(await grantState(DEMO_GRANTS.verify), 'suspended');
    // A job in any Workspace of that Grant is refused GRANT_SUSPENDED (INC-02, the fixed shape).
    const dev = await apiClient(spec.server, 'operator.dev');
    const ws = (await dev.get('/workspaces')).items.find(
      (w: { grantId: string; seats: unknown[] }) => w.grantId === DEMO_GRANTS.verify && w.seats.length,
    );
    assert.ok(ws, 'operator.dev has a Workspace on the verification Grant');
    const job = await dev.call('POST', `/workspaces/${ws.id}/jobs`, { sql: 'SELECT 1' });
    assert.equal(job.status, 409);
    assert.equal(job.body.error.code, 'GRANT_SUSPENDED');

    // (2) The authority orders rectification in the browser; the operator's other Grant is suspended (ENF-02).
    assert.equal(await grantState(DEMO_GRANTS.stats), 'active');
    const rectUrl = await as('authority.admin', 'supervision-rect-order', async (page) => {
      await page.goto('/supervision/rectifications');
      await page.getByRole('button', { name: '下达整改' }).click();
      await page.waitForURL(/\/supervision\/rectifications\/new$/);
      await choose(page, '整改对象', OPERATOR, true);
      await page.getByLabel('发现的问题').fill(FINDING);
      await page.getByLabel('整改要求').fill('查明外泄途径，补全水印登记');
      await screenshot(page, 'supervision-rect-form');
      await page.getByRole('button', { name: '下达整改' }).last().click();
      await page.waitForURL(/\/supervision\/rectifications\/[0-9a-f-]{36}$/);
      await page.getByText(/暂停的运营协议 [1-9]\d* 份/).waitFor();
      await page.getByText('已下达').first().waitFor();
      await screenshot(page, 'supervision-rect-ordered');
      return new URL(page.url()).pathname;
    });
    assert.equal(await grantState(DEMO_GRANTS.stats), 'suspended');

    // (3) The operator submits evidence; the authority accepts; the Grant resumes.
    await as('operator.admin', 'supervision-rect-submit', async (page) => {
      await page.goto(rectUrl);
      await page.getByLabel('整改材料 1').fill('ZG-2026-001, ZG-2026-002');
      await page.getByRole('button', { name: '提交整改材料' }).click();
      await page.getByText('已提交整改材料').first().waitFor();
    });
    await as('authority.admin', 'supervision-rect-accept', async (page) => {
      await page.goto(rectUrl);
      await page.getByText('ZG-2026-001').waitFor();
      await page.getByRole('button', { name: '验收通过' }).click();
      await page.getByText('已验收').first().waitFor();
      await page.getByText(/恢复于 \d{4}-\d\d-\d\d \d\d:\d\d/).waitFor();
      await screenshot(page, 'supervision-rect-accepted');
    });
    assert.equal(await grantState(DEMO_GRANTS.stats), 'active');

    // (4) The regulator's desk: counts, the flow map, the new incident among the open ones, drill-down to evidence.
    const incidentNo = (await op.get(`/incidents/${incidentUrl.split('/').pop()}`)).incidentNo as string;
    await as('regulator.viewer', 'supervision-desk', async (page) => {
      await page.goto('/supervision/desk');
      await page.getByText('数据流向图').waitFor();
      await page.getByRole('img', { name: '数据流向图' }).waitFor();
      await page.getByRole('link', { name: incidentNo }).first().waitFor();
      await settle(page);
      assert.deepEqual(await rawTextFindings(page), []);
      await screenshot(page, 'supervision-desk');
      // Drill down: a grant flow to the operator opens its Grants with their history and evidence.
      const flows = page.locator('.ant-card').filter({ hasText: '数据流向明细' });
      await flows
        .getByRole('row', { name: new RegExp(`数据授权.*${OPERATOR}`) })
        .first()
        .getByRole('button')
        .click();
      const drawer = page.locator('.ant-drawer-content');
      await drawer.getByText('对象 1').click();
      await drawer.getByText('办理记录').waitFor();
      await drawer.getByTestId('evidence-section').waitFor();
      await settle(page);
      await screenshot(page, 'supervision-desk-drill');
      await page.keyboard.press('Escape');
      // The accepted rectification and the incident are on the regulator's lists too.
      await page.goto('/supervision/rectifications');
      await page.getByRole('row', { name: new RegExp(`${OPERATOR}.*${FINDING}.*已验收`) }).waitFor();
      await page.goto(incidentUrl);
      await page.getByText(incidentNo).first().waitFor();
      // Read-only: the regulator is offered no action.
      assert.equal(await page.getByRole('button', { name: /关闭事件|标记已/ }).count(), 0);
    });
  });

  test('the public credit page needs no login and shows published records', async () => {
    await as(null, 'supervision-public-credit', async (page) => {
      await page.goto('/public/credit-records');
      await page.getByText('公共数据授权运营信用信息公示').waitFor();
      await page.getByRole('cell', { name: '失信' }).first().waitFor();
      assert.deepEqual(await rawTextFindings(page), []);
      await screenshot(page, 'supervision-public-credit');
    });
  });
});
