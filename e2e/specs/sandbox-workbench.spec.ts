/**
 * Issue 14 (blocking): a freshly approved Grant reaches the sandbox from the UI. The operator opens a workspace
 * (or names the seats of the one provisioned at activation) on the Grant page, writes SQL in the CodeMirror
 * editor with completion, runs it with Ctrl+Enter, sees a typo reported as a syntax error with its position,
 * and re-runs a statement from the history.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { apiClient, exportedSheet, shanghaiDay, screenshot, specServer, switchLanguage } from '../lib/harness';

const spec = specServer();
const as = spec.as;

/** A logged-in API client for the steps that are not under test here. */
const apiAs = (user: string) => apiClient(spec.server, user);

/** application → acceptance → source-unit consent → approval → emergency plan filed: an active Grant on 企业登记信息. */
async function freshActiveGrant(): Promise<{ id: string; grantNo: string }> {
  const [op, auth, src] = [await apiAs('operator.admin'), await apiAs('authority.admin'), await apiAs('source.admin')];
  const agreement = (await op.get('/operation-agreements?pageSize=100')).items.find(
    (a: { agreementNo: string }) => a.agreementNo === 'OA-zhuhai-2026-0001',
  );
  const catalog = await op.get(`/operation-agreements/${agreement.id}/catalog`);
  const res = catalog.resources.find((r: { nameZh: string }) => r.nameZh === '企业登记信息');
  const field = (name: string) => res.fields.find((f: { nameZh: string }) => f.nameZh === name).code;
  const why = '按所属区统计企业数量与注册资本分布，用于授信区域分析';
  const to = shanghaiDay(180);
  const app = await op.post('/scenario-applications', {
    agreementId: agreement.id,
    scenario: { title: '企业区域分布分析（工作空间浏览器测试）', description: '按区统计企业分布，辅助授信' },
    serviceObjects: ['商业银行'],
    serviceScope: { regions: ['珠海市'], industries: ['金融'] },
    servicePeriod: { from: shanghaiDay(0), to },
    expectedOutcome: { text: '掌握各区企业分布', indicators: ['每月更新一次'] },
    demandList: [
      ...['所属区', '注册资本'].map((n) => ({ resourceId: res.resourceId, fieldCode: field(n), justification: why })),
      // A personal field, pseudonymized: the result grid marks its column as masked.
      {
        resourceId: res.resourceId,
        fieldCode: field('法定代表人'),
        justification: '按法定代表人去重统计企业数，识别一人多企情况',
        requestedMasking: { method: 'hmac_pseudonym' },
      },
    ],
    developmentMethods: ['sandbox_query'],
    usageTimeLimit: to,
    purposeCategory: 'industry',
    riskAssessment: { fileId: 'RA-E2E-WS', responsiblePerson: '张伟', coversImportantFields: false },
    proposedEgress: { allowedOutputKinds: ['aggregate'], minGroupSize: 5 },
  });
  await op.post(`/scenario-applications/${app.id}/submit`);
  await auth.post(`/scenario-applications/${app.id}/accept`);
  const consent = (await src.get('/source-consents')).items.find(
    (c: { applicationId: string }) => c.applicationId === app.id,
  );
  const items = (await auth.get(`/scenario-applications/${app.id}`)).items as { id: string }[];
  await src.post(`/source-consents/${consent.id}/decide`, {
    items: items.map((i) => ({ itemId: i.id, decision: 'consent' })),
  });
  const approved = await auth.post(`/scenario-applications/${app.id}/approve`, {
    itemDecisions: items.map((i) => ({ itemId: i.id, decision: 'accepted', reason: '符合最小必要' })),
  });
  const plan = await op.post('/emergency-plans', {
    grantId: approved.grantId,
    incidentTypes: ['loss', 'leak', 'tampering', 'destruction'],
    responseLevels: '一级、二级、三级',
    procedures: '发现、报告、处置、复盘',
    roles: [{ role: '数据安全负责人', name: '张伟', securityOfficer: true }],
    reportingChain: ['珠海市政务服务和数据管理局', '区委网信办', '国家安全机关'],
  });
  await op.post(`/emergency-plans/${plan.id}/submit`);
  await auth.post(`/emergency-plans/${plan.id}/file`);
  const grant = await op.get(`/grants/${approved.grantId}`);
  assert.equal(grant.state, 'active');
  return { id: grant.id, grantNo: grant.grantNo };
}

/** Types into the CodeMirror editor named `SQL 语句`, replacing its text. */
async function typeSql(page: Page, sql: string) {
  const editor = page.getByRole('textbox', { name: /^(SQL 语句|SQL statement)$/ });
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(sql);
  await page.keyboard.press('Escape'); // close a completion list the text may have opened
}

describe('sandbox workbench (issue 14)', () => {
  test('operator.admin opens a workspace on a freshly approved Grant with a seat for operator.dev, and runs a job with Ctrl+Enter', async () => {
    const grant = await freshActiveGrant();
    const wsPath = await as('operator.admin', 'workbench-open', async (page) => {
      await page.goto(`/authorization/grants/${grant.id}`);
      const section = page
        .locator('.ant-card')
        .filter({ has: page.getByText('工作空间（开发席位）', { exact: true }) })
        .last();
      await section.waitFor();
      // Provisioned at activation (seats still to name) or not yet opened: the section offers the one action that applies.
      await section.getByRole('button', { name: /开通工作空间|分配席位/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('combobox', { name: '席位成员' }).click();
      await page.getByTitle('刘洋 (operator.dev)').click();
      await page.keyboard.press('Escape');
      await screenshot(page, 'sandbox-open-workspace');
      await dialog.getByRole('button', { name: /^(开\s?通|分配席位)$/ }).click();
      await page.waitForURL(/\/sandbox\/workspaces\/[0-9a-f-]{36}$/);
      await page.getByText('授权视图与字段').waitFor();
      await page.getByText(`授权 ${grant.grantNo}`).waitFor();
      return new URL(page.url()).pathname;
    });

    await as('operator.dev', 'workbench-run', async (page) => {
      await page.goto('/sandbox/workspaces');
      await page.getByRole('row', { name: new RegExp(grant.grantNo) }).waitFor();
      await screenshot(page, 'sandbox-workspace-list');
      await page
        .getByRole('row', { name: new RegExp(grant.grantNo) })
        .getByRole('link')
        .first()
        .click();
      await page.waitForURL(wsPath);
      await page.getByText('授权视图与字段').waitFor();
      // The view name is shown above the editor, and completion offers mounted views and fields only.
      await page.getByText('可查询的视图').waitFor();
      const editor = page.getByRole('textbox', { name: 'SQL 语句' });
      await editor.click();
      await page.keyboard.insertText('SELECT 所');
      await page.keyboard.press('Control+Space');
      const completion = page.locator('.cm-tooltip-autocomplete');
      await completion.getByText('所属区').first().waitFor();
      assert.equal(await completion.getByText('法定代表人').count(), 0);
      await screenshot(page, 'sandbox-editor-completion');
      await page.keyboard.press('Escape');

      // A typo is a syntax error with its position, not a policy refusal.
      await typeSql(page, 'SELECT 所属区, count(*) AS 企业数 FORM 企业登记信息 GROUP BY 所属区');
      await page.keyboard.press('Control+Enter');
      const alert = page.getByRole('alert').filter({ hasText: 'SQL 语法错误' });
      await alert.getByText(/第 1 行第 \d+ 列/).waitFor();
      assert.equal(await alert.getByText('拒绝').count(), 0);

      await typeSql(page, 'SELECT 所属区, count(*) AS 企业数 FROM 企业登记信息 GROUP BY 所属区 ORDER BY 所属区');
      await page.keyboard.press('Control+Enter');
      const result = page.locator('.ant-card').filter({ hasText: '结果预览' });
      await result.getByText('成功').first().waitFor();
      await result.getByRole('columnheader', { name: '企业数' }).waitFor();
      await screenshot(page, 'sandbox-workspace-new-grant');

      // A masked field's column is marked in the grid (purple header with its masking method).
      await typeSql(
        page,
        'SELECT 法定代表人, count(*) AS 企业数 FROM 企业登记信息 GROUP BY 法定代表人 ORDER BY 企业数 DESC LIMIT 5',
      );
      await page.getByRole('button', { name: /^运\s?行$/ }).click();
      await result.getByRole('columnheader', { name: /法定代表人.*HMAC-SM3 假名/ }).waitFor();
      await result.getByText('紫色表头的列已按授权脱敏').waitFor();
      await screenshot(page, 'sandbox-workspace-masked');

      // History: the rejected typo is labelled in words; re-run repeats a statement.
      const history = page.locator('.ant-card').filter({ hasText: '作业记录' });
      await history.getByText('SQL 语法错误').waitFor();
      const rerun = page.waitForResponse(
        (r) => /\/api\/v1\/workspaces\/[^/]+\/jobs$/.test(r.url()) && r.request().method() === 'POST',
      );
      await history
        .getByRole('row')
        .filter({ hasText: 'FROM 企业登记信息' })
        .first()
        .getByRole('button', { name: /重新运行/ })
        .click();
      assert.equal((await rerun).status(), 201);
      // The job history exports to Excel with its columns in words.
      const sheet = await exportedSheet(page);
      assert.deepEqual(
        [1, 3, 4].map((c) => sheet.getRow(1).getCell(c).value),
        ['提交时间', '状态', '拒绝原因'],
      );
      await switchLanguage(page, 'en-US');
      await page.getByText('Granted views and fields', { exact: true }).waitFor();
      await screenshot(page, 'sandbox-workspace-new-grant-en');
      await page.getByRole('textbox', { name: 'SQL statement' }).click();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText('SELECT 所属区, count(*) FROM 企');
      await page.keyboard.press('Control+Space');
      await page.locator('.cm-tooltip-autocomplete').getByText('企业登记信息').first().waitFor();
      await screenshot(page, 'sandbox-editor-completion-en');
      await page.keyboard.press('Escape');
      await switchLanguage(page, 'zh-CN');
    });
  });
});
