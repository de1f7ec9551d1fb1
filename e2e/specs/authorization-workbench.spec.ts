/**
 * Issue 14 (blocking), authorization: a wrong-date application creates nothing and a draft is resumed, edited and
 * deleted by its operator; the source unit must choose for every field and confirms a summary; the authority's
 * review shows the whole dossier, presets nothing, and can return and reject with a reason.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  apiClient,
  exportedSheet,
  rawTextFindings,
  shanghaiDay,
  screenshot,
  specServer,
  switchLanguage,
  tick,
} from '../lib/harness';

const spec = specServer();
const as = spec.as;

const clients = new Map<string, ReturnType<typeof apiClient>>();
/** A logged-in API client for the set-up steps that are not under test here; one login per user (the login throttle). */
function apiAs(user: string) {
  if (!clients.has(user)) clients.set(user, apiClient(spec.server, user));
  return clients.get(user)!;
}

async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByTitle(option, { exact: false }).first().click();
}

/** Types a date into an antd DatePicker found by its form label. */
async function setDate(page: Page, label: string, day: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(day);
  await input.press('Enter');
}

/** The consent panel's line for one field. */
const consentItem = (page: Page, field: string) =>
  page.locator('.ant-card').filter({ hasText: '数源单位确认' }).getByRole('listitem').filter({ hasText: field });

async function countApplications(): Promise<number> {
  const op = await apiAs('operator.admin');
  return (await op.get('/scenario-applications?pageSize=500')).total as number;
}

/** An application on 企业登记信息 created and submitted through the API; `accept` takes it into review. */
async function submittedApplication(title: string, fields: string[], o: { accept?: boolean; consent?: boolean } = {}) {
  const [op, auth, src] = [await apiAs('operator.admin'), await apiAs('authority.admin'), await apiAs('source.admin')];
  const agreement = (await op.get('/operation-agreements?pageSize=100')).items.find(
    (a: { agreementNo: string }) => a.agreementNo === 'OA-zhuhai-2026-0001',
  );
  const catalog = await op.get(`/operation-agreements/${agreement.id}/catalog`);
  const res = catalog.resources.find((r: { nameZh: string }) => r.nameZh === '企业登记信息');
  const code = (name: string) => res.fields.find((f: { nameZh: string }) => f.nameZh === name).code;
  const to = shanghaiDay(200);
  const app = await op.post('/scenario-applications', {
    agreementId: agreement.id,
    scenario: { title, description: '为商业银行提供企业主体核验' },
    serviceObjects: ['商业银行', '融资担保机构'],
    serviceScope: { regions: ['珠海市香洲区'], industries: ['金融'] },
    servicePeriod: { from: shanghaiDay(1), to },
    expectedOutcome: { text: '缩短授信前主体核验时间', indicators: ['核验平均时长小于 1 秒'] },
    demandList: fields.map((n) => ({
      resourceId: res.resourceId,
      fieldCode: code(n),
      justification: `核验授信对象时需比对${n}，确认主体信息真实一致`,
    })),
    developmentMethods: ['sandbox_query', 'data_service'],
    usageTimeLimit: to,
    purposeCategory: 'industry',
    riskAssessment: { fileId: 'RA-E2E-DOSSIER-07', responsiblePerson: '李敏', coversImportantFields: false },
    proposedEgress: { allowedOutputKinds: ['aggregate', 'service_answer'], minGroupSize: 5 },
    submit: true,
  });
  if (o.accept || o.consent) await auth.post(`/scenario-applications/${app.id}/accept`);
  if (o.consent) {
    const consent = (await src.get('/source-consents?pageSize=200')).items.find(
      (c: { applicationId: string }) => c.applicationId === app.id,
    );
    const items = (await auth.get(`/scenario-applications/${app.id}`)).items as { id: string }[];
    await src.post(`/source-consents/${consent.id}/decide`, {
      items: items.map((i) => ({ itemId: i.id, decision: 'consent' })),
    });
  }
  return app.id as string;
}

describe('authorization workbench (issue 14)', () => {
  test('operator: an application with dates in the wrong order is refused next to the fields and creates nothing; the corrected retry creates one', async () => {
    const before = await countApplications();
    await as('operator.admin', 'authz-wrong-dates', async (page) => {
      const posts: string[] = [];
      page.on('request', (r) => {
        if (r.method() !== 'GET' && r.url().includes('/scenario-applications')) posts.push(`${r.method()} ${r.url()}`);
      });
      await page.goto('/authorization/applications/new');
      await choose(page, '授权运营协议', 'OA-zhuhai-2026-0001');
      await choose(page, '已登记数据资源', '企业登记信息');
      await tick(page.getByRole('checkbox', { name: '选择 统一社会信用代码' }));
      // Too short a justification is refused before leaving the first step (AUTH-09).
      await page.getByRole('textbox', { name: '必要性说明 统一社会信用代码' }).fill('核验');
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByRole('alert').getByText('不少于 15 字').waitFor();
      await page
        .getByRole('textbox', { name: '必要性说明 统一社会信用代码' })
        .fill('核验服务主键，用于确认企业主体身份真实存在');
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByLabel('场景名称').fill('企业主体核验（日期测试）');
      await page.getByLabel('服务对象（逗号分隔）').fill('商业银行');
      await page.getByLabel('服务区域（逗号分隔）').fill('珠海市');
      await setDate(page, '服务开始日期', shanghaiDay(30));
      await setDate(page, '服务结束日期', shanghaiDay(10));
      await setDate(page, '数据使用时限', shanghaiDay(-1));
      await page.getByLabel('预期成效').fill('缩短授信前主体核验时间');
      await page.getByLabel('可衡量指标').fill('核验平均时长小于 1 秒');
      await page.getByLabel('风险评估文件编号').fill('RA-E2E-DATES');
      await page.getByLabel('风险评估责任人').fill('张伟');
      await page.getByRole('button', { name: '提交申请' }).click();
      // Each message says what is wrong, next to its field.
      await page.locator('.ant-form-item-explain-error', { hasText: '服务结束日期不能早于服务开始日期' }).waitFor();
      await page.locator('.ant-form-item-explain-error', { hasText: '数据使用时限不能早于今天' }).waitFor();
      await screenshot(page, 'authorization-wizard-date-error');
      assert.deepEqual(posts, [], 'nothing is sent while the form is wrong');
      await switchLanguage(page, 'en-US');
      await page.getByRole('button', { name: 'Submit application' }).click();
      await page
        .locator('.ant-form-item-explain-error', { hasText: 'cannot be before the service start' })
        .first()
        .waitFor();
      await screenshot(page, 'authorization-wizard-date-error-en');
      await switchLanguage(page, 'zh-CN');
      assert.equal(await countApplications(), before, 'no draft was created');
      // The server refuses the same input on its own, before saving anything (422, field named).
      const op = await apiAs('operator.admin');
      const agreement = (await op.get('/operation-agreements?pageSize=100')).items.find(
        (a: { agreementNo: string }) => a.agreementNo === 'OA-zhuhai-2026-0001',
      );
      const direct = await op.call('POST', '/scenario-applications', {
        agreementId: agreement.id,
        scenario: { title: '直接调用', description: '' },
        serviceObjects: ['商业银行'],
        serviceScope: { regions: ['珠海市'], industries: [] },
        servicePeriod: { from: shanghaiDay(30), to: shanghaiDay(10) },
        expectedOutcome: { text: 'x', indicators: ['y'] },
        demandList: [],
        developmentMethods: ['sandbox_query'],
        usageTimeLimit: shanghaiDay(20),
        purposeCategory: 'industry',
        proposedEgress: { allowedOutputKinds: ['aggregate'] },
        submit: true,
      });
      assert.equal(direct.status, 422);
      assert.equal(direct.body.error.details.failures[0].params.field, 'servicePeriod.to');
      assert.equal(await countApplications(), before);
      // Corrected, the retry makes exactly one application.
      await setDate(page, '服务结束日期', shanghaiDay(120));
      await setDate(page, '数据使用时限', shanghaiDay(120));
      await page.getByRole('button', { name: '提交申请' }).click();
      await page.waitForURL(/\/authorization\/applications\/[0-9a-f-]{36}$/);
      await page.getByText('已提交').first().waitFor();
    });
    assert.equal(await countApplications(), before + 1);
  });

  test('operator: a draft is saved, resumed, edited and deleted', async () => {
    await as('operator.admin', 'authz-draft', async (page) => {
      await page.goto('/authorization/applications/new');
      await choose(page, '授权运营协议', 'OA-zhuhai-2026-0001');
      await choose(page, '已登记数据资源', '企业登记信息');
      await tick(page.getByRole('checkbox', { name: '选择 企业名称' }));
      await page.getByRole('textbox', { name: '必要性说明 企业名称' }).fill('核验请求需比对企业名称是否与登记信息一致');
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByLabel('场景名称').fill('草稿场景（浏览器测试）');
      await page.getByLabel('服务对象（逗号分隔）').fill('商业银行');
      await page.getByLabel('服务区域（逗号分隔）').fill('珠海市');
      await setDate(page, '服务结束日期', shanghaiDay(90));
      await setDate(page, '数据使用时限', shanghaiDay(90));
      await page.getByLabel('预期成效').fill('缩短核验时间');
      await page.getByLabel('可衡量指标').fill('核验时长小于 1 秒');
      await page.getByLabel('风险评估文件编号').fill('RA-E2E-DRAFT');
      await page.getByLabel('风险评估责任人').fill('张伟');
      await page.getByRole('button', { name: '保存草稿' }).click();
      await page.waitForURL(/\/authorization\/applications\/[0-9a-f-]{36}$/);
      await page.getByText('草稿').first().waitFor();
      await page.getByRole('button', { name: '修改申请' }).click();
      await page.waitForURL(/\/edit$/);
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByLabel('场景名称').fill('草稿场景（已修改）');
      await page.getByRole('button', { name: '保存草稿' }).click();
      await page.waitForURL(/\/authorization\/applications\/[0-9a-f-]{36}$/);
      await page.getByText('草稿场景（已修改）').first().waitFor();
      await page.getByRole('button', { name: '删除草稿' }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click();
      await page.getByText('已撤回').first().waitFor();
      assert.equal(await page.getByRole('button', { name: '修改申请' }).count(), 0);
    });
  });

  test('source unit: consent needs an explicit choice per field, and submitting confirms a summary', async () => {
    const id = await submittedApplication('企业主体核验（同意测试）', ['统一社会信用代码', '企业名称', '成立日期'], {
      accept: true,
    });
    await as('source.admin', 'authz-consent-explicit', async (page) => {
      await page.goto(`/authorization/applications/${id}`);
      await page.getByText('数源单位确认').waitFor();
      const submit = page.getByRole('button', { name: '提交确认意见' });
      // Nothing is chosen for the unit: no radio is checked and the button waits for every choice.
      assert.equal(await page.getByRole('main').getByRole('radio', { checked: true }).count(), 0);
      assert.equal(await submit.isDisabled(), true);
      await consentItem(page, '统一社会信用代码').getByRole('radio', { name: '同意提供' }).check();
      await consentItem(page, '企业名称').getByRole('radio', { name: '同意提供' }).check();
      await page.getByRole('textbox', { name: '附加条件 企业名称' }).fill('仅用于核验比对，不得出域明细');
      await consentItem(page, '成立日期').getByRole('radio', { name: '不同意' }).check();
      assert.equal(await submit.isDisabled(), true, 'a refusal needs its reason');
      await page.getByRole('textbox', { name: '不同意的理由 成立日期' }).fill('成立日期非核验必需');
      await screenshot(page, 'authorization-consent');
      await submit.click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('确认提交数源单位意见').waitFor();
      await dialog.getByText('成立日期非核验必需').waitFor();
      await dialog.getByText('仅用于核验比对，不得出域明细').waitFor();
      await screenshot(page, 'authorization-consent-confirm');
      await dialog.getByRole('button', { name: '提交确认意见' }).click();
      await page.getByText('数源单位确认').waitFor({ state: 'detached' });
      await page.getByRole('cell', { name: /不同意\s*成立日期非核验必需/ }).waitFor();
    });
    await as('source.admin', 'authz-consent-en', async (page) => {
      const other = await submittedApplication('企业主体核验（同意测试英文）', ['统一社会信用代码'], { accept: true });
      await page.goto(`/authorization/applications/${other}`);
      await switchLanguage(page, 'en-US');
      await page.getByRole('main').getByRole('radio', { name: 'Consent', exact: true }).first().check();
      await screenshot(page, 'authorization-consent-en');
      await switchLanguage(page, 'zh-CN');
    });
  });

  test('authority: the review shows the whole dossier, presets nothing, and can return and reject with a reason', async () => {
    const toReturn = await submittedApplication('企业主体核验（退回测试）', ['统一社会信用代码', '企业名称'], {
      consent: true,
    });
    const toReject = await submittedApplication('企业主体核验（不予批准测试）', ['统一社会信用代码'], { accept: true });
    await as('authority.admin', 'authz-review-dossier', async (page) => {
      await page.goto(`/authorization/applications/${toReturn}`);
      const dossier = page.getByTestId('application-dossier');
      await dossier.getByText('商业银行、融资担保机构').waitFor();
      for (const text of [
        '珠海市香洲区',
        '金融',
        '沙箱查询',
        '数据服务',
        '产业发展',
        'RA-E2E-DOSSIER-07',
        '李敏',
        '缩短授信前主体核验时间',
        '核验平均时长小于 1 秒',
        '聚合统计',
        '服务应答',
      ]) {
        await dossier.getByText(text, { exact: false }).first().waitFor();
      }
      await dossier.getByText(`${shanghaiDay(1)} ~ ${shanghaiDay(200)}`).waitFor();
      await page.getByRole('cell', { name: '统一社会信用代码', exact: true }).waitFor();
      await page.getByRole('cell', { name: '核验授信对象时需比对企业名称，确认主体信息真实一致' }).waitFor();
      // Per-field decisions start empty; 批准 waits for a decision and a reason on every field.
      assert.equal(await page.getByRole('main').getByRole('radio', { checked: true }).count(), 0);
      assert.equal(await page.getByRole('button', { name: '批准', exact: true }).isDisabled(), true);
      await page.getByText('还有 2 个数据项未作出决定或未填写理由').waitFor();
      await screenshot(page, 'authorization-review-dossier');
      // No raw enum, UUID or timestamp reaches the Chinese page (issue 14 "Done means").
      assert.deepEqual(await rawTextFindings(page), []);
      await switchLanguage(page, 'en-US');
      await page.getByTestId('application-dossier').getByText('Sandbox query').waitFor();
      await screenshot(page, 'authorization-review-dossier-en');
      await switchLanguage(page, 'zh-CN');
      // One decision shows the approval summary; then the reviewer returns it instead, with a reason.
      await page
        .getByRole('row')
        .filter({ hasText: '统一社会信用代码' })
        .getByRole('radio', { name: '同意', exact: true })
        .check();
      await page.getByRole('textbox', { name: '理由 统一社会信用代码' }).fill('核验主键，符合最小必要');
      await page.getByRole('button', { name: '退回补正' }).click();
      const dialog = page.getByRole('dialog');
      const ok = dialog.getByRole('button', { name: '退回补正' });
      assert.equal(await ok.isDisabled(), true, 'a return needs its reason');
      await dialog.getByRole('textbox', { name: '退回理由（需补正的内容）' }).fill('请补充企业名称字段的使用场景说明');
      await ok.click();
      await page.getByText('已退回').first().waitFor();
      await page
        .getByRole('listitem')
        .filter({ hasText: '请补充企业名称字段的使用场景说明' })
        .getByText('退回补正')
        .waitFor();
    });
    // The operator finds it returned and may edit it.
    await as('operator.admin', 'authz-returned', async (page) => {
      await page.goto(`/authorization/applications/${toReturn}`);
      await page.getByText('已退回').first().waitFor();
      await page.getByRole('button', { name: '修改申请' }).waitFor();
    });
    await as('authority.admin', 'authz-review-reject', async (page) => {
      await page.goto(`/authorization/applications/${toReject}`);
      await page.getByTestId('application-dossier').getByText('李敏').waitFor();
      await page.getByRole('button', { name: '不予批准' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox', { name: '不予批准理由' }).fill('场景与协议授权范围不符');
      await dialog.getByRole('button', { name: '不予批准' }).click();
      await page.getByText('未批准').first().waitFor();
      await page.getByRole('listitem').filter({ hasText: '场景与协议授权范围不符' }).first().waitFor();
    });
  });

  test('a Grant whose start date is ahead reads 待生效, not 生效', async () => {
    // The application's service starts tomorrow, so its Grant's validFrom is tomorrow (openGrant).
    const id = await submittedApplication('企业主体核验（待生效测试）', ['统一社会信用代码'], { consent: true });
    const [op, auth] = [await apiAs('operator.admin'), await apiAs('authority.admin')];
    const items = (await auth.get(`/scenario-applications/${id}`)).items as { id: string }[];
    const approved = await auth.post(`/scenario-applications/${id}/approve`, {
      itemDecisions: items.map((i) => ({ itemId: i.id, decision: 'accepted', reason: '核验所需' })),
      comment: '同意',
    });
    const plan = await op.post('/emergency-plans', {
      grantId: approved.grantId,
      incidentTypes: ['loss', 'leak', 'tampering', 'destruction'],
      responseLevels: '四级响应',
      procedures: '发现、报告、处置、复盘',
      roles: [{ role: '数据安全负责人', name: '王磊', phone: '0756-1234567', securityOfficer: true }],
      reportingChain: ['实施机构'],
    });
    await op.post(`/emergency-plans/${plan.id}/submit`);
    await auth.post(`/emergency-plans/${plan.id}/file`);
    await as('authority.admin', 'authz-grant-not-yet', async (page) => {
      await page.goto(`/authorization/grants/${approved.grantId}`);
      await page.getByText(`${shanghaiDay(1)} ~ ${shanghaiDay(200)}`).waitFor();
      await page.getByText('待生效').first().waitFor();
      assert.equal(await page.locator('.ant-card-extra').getByText('生效', { exact: true }).count(), 0);
      await page.goto('/authorization/grants');
      await page
        .getByRole('row')
        .filter({ hasText: '企业主体核验（待生效测试）' })
        .getByText('待生效', { exact: true })
        .waitFor();
      // The list exports to Excel with the same words.
      const sheet = await exportedSheet(page);
      const rows: string[][] = [];
      sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      assert.deepEqual(rows[0], ['授权编号', '授权用途', '被授权运营机构', '授权字段', '有效期', '状态']);
      assert.equal(rows.find((r) => r[1] === '企业主体核验（待生效测试）')?.[5], '待生效');
    });
  });

  test('the authorization pages show no raw enum, UUID or timestamp (authority and operator)', async () => {
    for (const user of ['authority.admin', 'operator.admin']) {
      await as(user, `authz-walk-${user}`, async (page) => {
        const seen: Record<string, string[]> = {};
        const check = async (path: string) => {
          await page.goto(path);
          await page.waitForLoadState('networkidle');
          await page.locator('.ant-card').first().waitFor();
          await page
            .locator('.ant-spin-spinning')
            .first()
            .waitFor({ state: 'detached' })
            .catch(() => undefined);
          const found = await rawTextFindings(page);
          if (found.length) seen[path] = found;
        };
        for (const p of [
          '/authorization/agreements',
          '/authorization/applications',
          '/authorization/grants',
          '/authorization/filings',
        ])
          await check(p);
        await page.goto('/authorization/agreements');
        await page.getByRole('link', { name: 'OA-zhuhai-2026-0001' }).click();
        await page.waitForURL(/agreements\/[0-9a-f-]{36}$/);
        await check(new URL(page.url()).pathname);
        await page.goto('/authorization/grants');
        await page.getByRole('link').filter({ hasText: /^GR-/ }).first().click();
        await page.waitForURL(/grants\/[0-9a-f-]{36}$/);
        await check(new URL(page.url()).pathname);
        assert.deepEqual(seen, {});
      });
    }
  });
});
