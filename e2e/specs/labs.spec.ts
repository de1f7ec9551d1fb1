/**
 * Data innovation labs in a real browser (issue 18 "A browser test walks one lab", labs.md acceptance scenarios 1–2),
 * ONE lab carried from application to the public list:
 *   1. the initiator (lab.initiator, 珠海市科技创新局) fills the application wizard with its partner
 *      (珠海横琴数创科技有限公司), uploads the documents and five of the six seals; submitting is refused with LAB-02
 *      naming the partner's 数据安全承诺书; the missing seal is added and the application is submitted;
 *   2. the authority sees it on its workbench, reads the whole dossier (documents, six seals, duplicate check, credit
 *      warnings, director), accepts it and shortlists it with the director attestation; the lab is created;
 *   3. the initiator drafts the agreement (公交刷卡记录: 卡号, 上车站点, 刷卡时间, grade 一般), signs it with both seals
 *      and records the platform attestation; the authority files it (a Grant per scope line) and certifies the lab;
 *   4. without login, the public list shows the lab and its plaque number verifies;
 *   5. the partner (lab.partner) reaches the lab's workspace from the lab page, opens it on the lab's Grant (basis
 *      lab_agreement) and runs a SQL job on 公交刷卡记录 that succeeds, with its result rows shown;
 *   6. the quarter ends (the server's test clock moves to the next quarter's first day, server/src/e2e-clock.ts); the
 *      platform has pre-filled the quarterly usage report (LAB-17) from the lab's own jobs; the partner files it from
 *      the lab page with its e-seal; the authority sees it on the lab page and on the report page, and accepts it;
 *   7. the annual evaluation.
 * No page may show a raw code, UUID or ISO timestamp (issue 14).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { apiClient, rawTextFindings, screenshot, settle, shanghaiDay, specServer, tick } from '../lib/harness';

// The server runs on the e2e clock (server/src/e2e-clock.ts): step 6 moves it past the quarter's end.
const spec = specServer({ SHUYUN_E2E_CLOCK: '1' });
const as = spec.as;
const LAB = '珠海市科技成果转化数据创新应用实验室';
const PARTNER = '珠海横琴数创科技有限公司';
const INITIATOR = '珠海市科技创新局';
const state: { applicationPath?: string; labPath?: string; plaqueNo?: string; workspacePath?: string } = {};

/** No UUID, ISO timestamp or snake_case code on a Chinese page (issue 14). */
async function noRawText(page: Page) {
  await settle(page);
  assert.deepEqual(await rawTextFindings(page), [], `raw text on ${page.url()}`);
}

/** Picks an antd Select option by its label inside the form item labelled `label`. */
async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click({ force: true });
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: false }).first().click();
}

/** Chooses a (generated) file through the upload button named `button`. */
async function upload(page: Page, button: string, name: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button, exact: true }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4 ${name}`) });
}

describe('labs web', () => {
  test('1. the initiator applies with seals; a missing seal is named (LAB-02), then the application is submitted', async () => {
    state.applicationPath = await as('lab.initiator', 'labs-apply', async (page) => {
      await page.goto('/');
      await page.getByRole('menuitem', { name: '申报实验室' }).click();
      await page.getByRole('heading', { name: '申报数据创新应用实验室' }).waitFor();
      await choose(page, '申报指南', '2026年度珠海市数据创新应用实验室申报指南');
      await choose(page, '产研单位', PARTNER);
      await page.getByLabel('实验室名称').fill(LAB);
      await choose(page, '应用领域', '城市治理');
      await page.getByLabel('应用场景编码').fill('SCITECH.TRANSFER');
      await page
        .getByLabel('应用场景概述')
        .fill('汇聚科技项目、专利与企业研发投入数据，评估科技成果转化成效并发现转化需求');
      await page.getByLabel('研究方向', { exact: true }).first().fill('科技成果转化评价模型');
      await page.getByLabel('发起单位联系人').fill('黄华 0756-2121000');
      await page.getByLabel('产研单位联系人').fill('郑浩 0756-3336000');
      const plan: [string, string][] = [
        ['研究方向', '科技成果转化评价'],
        ['研究内容', '成果转化链条画像与成效评价'],
        ['重点解决问题', '成果与企业需求匹配'],
        ['数据供给', '市科技创新局按月供给项目与专利数据'],
        ['支撑基础', '政务外网开发平台与专职团队 10 人'],
        ['制度措施', '数据安全管理制度与操作审计'],
        ['预期成果', '科技成果转化指数'],
        ['建设目标', '三年内形成 2 个通过合规审核的数据产品'],
        ['重点任务', '评价模型、转化指数、需求匹配工具'],
      ];
      const planCard = page.locator('.ant-card').filter({ hasText: '建设方案' });
      for (const [label, text] of plan) await planCard.getByLabel(label, { exact: true }).fill(text);
      await page.getByLabel('研究进度节点').fill('评价模型上线');
      await page.getByLabel('节点日期').fill('2027-06-30');
      await page.getByLabel('阶段性指标').fill('合规数据产品');
      await page.getByLabel('目标值').fill('2');
      await page.getByLabel('单位', { exact: true }).fill('个');
      await page.getByLabel('实验室主任', { exact: true }).fill('郑浩');
      await page.getByLabel('职称/职务').fill('高级工程师');
      await choose(page, '主任资质', '领域资深专家');
      await upload(page, '选择文件 数据安全承诺书', 'commitment.pdf');
      await upload(page, '选择文件 共建协议（草案）', 'agreement-draft.pdf');
      await upload(page, '选择文件 主任简历', 'director-cv.pdf');
      // Five of the six seals: the partner's seal on the data-security commitment is left out.
      for (const org of [INITIATOR, PARTNER])
        for (const doc of ['申报书', '数据安全承诺书', '共建协议']) {
          if (org === PARTNER && doc === '数据安全承诺书') continue;
          await upload(page, `上传盖章文件 ${org} ${doc}`, `${org}-${doc}.pdf`);
        }
      await page.getByText(`缺少盖章：${PARTNER}/数据安全承诺书`).waitFor();
      await noRawText(page);
      await screenshot(page, 'labs-1-application-form');
      await page.getByRole('button', { name: '保存草稿' }).click();
      await page.waitForURL(/\/labs\/applications\/[0-9a-f-]{36}$/);

      // LAB-02: submission is refused, naming the missing seal's party and document.
      await page.getByRole('button', { name: '提交申报' }).click();
      const refusal = page.getByRole('alert').filter({ hasText: 'LAB-02' });
      await refusal.waitFor();
      await refusal
        .getByText(new RegExp(`${PARTNER}/数据安全承诺书`))
        .first()
        .waitFor();
      await screenshot(page, 'labs-1-missing-seal-refused');

      await page.getByRole('button', { name: '补充盖章' }).click();
      await upload(page, `上传盖章文件 ${PARTNER} 数据安全承诺书`, 'partner-commitment.pdf');
      await page.getByText('三份文件均已由双方盖章（共 6 枚）').waitFor();
      await page.getByRole('button', { name: '保存盖章' }).click();
      await page.getByRole('button', { name: '补充盖章' }).waitFor();
      await page.getByRole('button', { name: '提交申报' }).click();
      await page.locator('.ant-card-head').getByText('已提交').waitFor();
      await noRawText(page);
      await screenshot(page, 'labs-1-submitted');
      return new URL(page.url()).pathname;
    });
  });

  test('2. the authority reads the whole dossier, accepts and shortlists it (LAB-06 attestation)', async () => {
    state.labPath = await as('authority.admin', 'labs-review', async (page) => {
      await page.goto('/');
      await page
        .getByRole('link', { name: new RegExp(LAB) })
        .first()
        .waitFor();
      await page.getByRole('menuitem', { name: '实验室申报' }).click();
      await page
        .getByRole('row', { name: new RegExp(`${LAB}.*已提交`) })
        .getByRole('link')
        .click();
      await page.getByRole('button', { name: /^受\s?理$/ }).click();
      await page.locator('.ant-card-head').getByText('审核中').waitFor();
      // The whole dossier: documents, six seals, director, duplicate check, credit warnings.
      await page.getByText('三份文件均已由双方盖章（共 6 枚）').waitFor();
      await page.getByText('场景查重（同一发起单位的在建实验室与申报）').waitFor();
      await page.getByText('信用提示（仅供参考，不影响审核）').waitFor();
      await page.getByText('待核实').waitFor();
      await noRawText(page);
      await screenshot(page, 'labs-2-dossier');
      if (await page.getByRole('button', { name: '填写查重意见' }).isVisible()) {
        await page.getByRole('button', { name: '填写查重意见' }).click();
        await page.getByLabel('非重复建设的说明').fill('研究对象为科技成果转化，与公交、生命线场景不同');
        await page.getByRole('button', { name: /^确\s?定$/ }).click();
        await page.getByText('审核人查重意见').waitFor();
      }
      await page.getByRole('button', { name: /^入\s?围$/ }).click();
      await tick(page.getByLabel(/已核实实验室主任资质/));
      await page.getByLabel('审核意见').fill('材料齐全，场景清晰，同意入围');
      await page.getByRole('button', { name: /^确\s?定$/ }).click();
      await page.locator('.ant-card-head').getByText('已入围').waitFor();
      await page.getByRole('cell', { name: /同意入围/ }).waitFor();
      await page.getByRole('link', { name: '查看实验室' }).click();
      await page.waitForURL(/\/labs\/[0-9a-f-]{36}$/);
      await page.getByText('已入围待备案').first().waitFor();
      return new URL(page.url()).pathname;
    });
  });

  test('3. the initiator drafts and signs the agreement and attests the platform; the authority files and certifies', async () => {
    assert.ok(state.labPath);
    await as('lab.initiator', 'labs-agreement', async (page) => {
      await page.goto(state.labPath!);
      await page.getByRole('tab', { name: '共建协议与授权' }).click();
      await page.getByRole('button', { name: '起草共建协议' }).click();
      await page.getByLabel('使用期限起').fill('2026-12-15');
      await page.getByLabel('使用期限止').fill('2029-12-14');
      const resource = page.getByRole('combobox', { name: '数据资源' });
      await resource.click({ force: true });
      await resource.fill('公交');
      await page.locator('.ant-select-dropdown:visible').getByTitle('公交刷卡记录').click();
      const fields = page.getByRole('combobox', { name: '字段' });
      for (const f of ['卡号', '上车站点', '刷卡时间']) {
        await fields.click({ force: true });
        await page.locator('.ant-select-dropdown:visible').getByTitle(f, { exact: true }).click();
      }
      await page.keyboard.press('Escape');
      await page.getByLabel('数据分类').fill('交通出行');
      await page.getByLabel('有效期至').fill('2029-12-14');
      await page.getByLabel('发起单位义务').fill('按约定范围供给数据并监督数据安全');
      await page.getByLabel('产研单位义务').fill('在授权范围内研发并按季度报送使用情况');
      await page.getByLabel('发起单位权利').fill('无偿使用实验室成果支持信息化建设');
      await page.getByLabel('产研单位权利').fill('数据产品知识产权归产研单位');
      await page.getByLabel('安全保障措施').fill('政务外网部署、分级防护、操作审计、保密协议');
      await screenshot(page, 'labs-3-agreement-form');
      await page.getByRole('button', { name: '保存协议草稿' }).click();
      await page.getByRole('button', { name: '签署盖章' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('签署日期').fill('2026-12-07');
      await upload(page, `选择文件 ${INITIATOR}`, 'initiator-seal.pdf');
      await upload(page, `选择文件 ${PARTNER}`, 'partner-seal.pdf');
      await dialog.getByRole('button', { name: /^确\s?定$/ }).click();
      await page.locator('.ant-card-head').getByText('已签署').waitFor();

      await page.getByRole('tab', { name: '概况与牌匾' }).click();
      await page.getByRole('button', { name: '填写平台核验' }).click();
      const parts: [string, string, string][] = [
        ['处理器', '鲲鹏920', '安全可靠测评 2025-CPU-012'],
        ['操作系统', '银河麒麟V10', '安全可靠测评 2025-OS-007'],
        ['数据库', '达梦数据库V8', '安全可靠测评 2025-DB-019'],
      ];
      for (const [kind, product, ref] of parts) {
        await page.getByLabel(`${kind} · 产品`).fill(product);
        await page.getByLabel(`${kind} · 安全可靠测评编号`).fill(ref);
      }
      await page.getByRole('button', { name: /^保\s?存$/ }).click();
      await page.getByRole('cell', { name: '达梦数据库V8' }).waitFor();
      await noRawText(page);
    });
    state.plaqueNo = await as('authority.admin', 'labs-certify', async (page) => {
      await page.goto('/');
      await page
        .getByRole('link', { name: new RegExp(LAB) })
        .first()
        .waitFor();
      await page.goto(state.labPath!);
      await page.getByRole('tab', { name: '共建协议与授权' }).click();
      await page.getByRole('button', { name: /^备\s?案$/ }).click();
      await page.locator('.ant-card-head').getByText('已备案', { exact: true }).waitFor();
      await page.getByRole('cell', { name: /公交刷卡记录/ }).waitFor();
      await page.getByText(/ZHLAB-BA-/).waitFor();
      await noRawText(page);
      await screenshot(page, 'labs-3-agreement-filed');
      await page.getByRole('button', { name: /^授\s?牌$/ }).click();
      await page.getByText('已授牌运行').first().waitFor();
      await page.getByRole('tab', { name: '概况与牌匾' }).click();
      const no = (
        await page
          .locator('.ant-descriptions-item')
          .filter({ hasText: '牌匾编号' })
          .locator('.ant-descriptions-item-content')
          .innerText()
      ).trim();
      assert.match(no, /^LAB-/);
      await noRawText(page);
      await screenshot(page, 'labs-3-certified');
      return no;
    });
  });

  test('4. without login the public list shows the lab and its plaque verifies', async () => {
    assert.ok(state.plaqueNo);
    await as(null, 'labs-public', async (page) => {
      await page.goto('/public/labs');
      await page.getByRole('row', { name: new RegExp(`${LAB}.*${INITIATOR}.*${PARTNER}.*已授牌运行`) }).waitFor();
      await noRawText(page);
      await screenshot(page, 'labs-4-public-list');
      await page.getByLabel('牌匾编号').fill(state.plaqueNo!);
      await page.getByRole('button', { name: /^核\s?验$/ }).click();
      await page.waitForURL(/\/verify\/certificates\//);
      await page.getByText(LAB).first().waitFor();
      await page.locator('.ant-alert-success').getByText('通过').waitFor();
      await settle(page);
      await screenshot(page, 'labs-4-plaque-verified');
    });
  });

  test("5. the partner opens the lab's workspace from the lab page and runs a SQL job that succeeds (LAB-13)", async () => {
    assert.ok(state.labPath);
    state.workspacePath = await as('lab.partner', 'labs-workspace', async (page) => {
      await page.goto(state.labPath!);
      await page.getByRole('tab', { name: '实验室工作空间' }).click();
      const section = page
        .locator('.ant-card')
        .filter({ has: page.getByText('工作空间（开发席位）', { exact: true }) })
        .first();
      await section.waitFor();
      await page.getByRole('link', { name: /^GR-/ }).first().waitFor();
      await noRawText(page);
      await screenshot(page, 'labs-5-lab-workspaces');
      // Not opened yet (the lab's Grants are resumed at certification, not activated): the partner opens it.
      await section.getByRole('button', { name: '开通工作空间' }).click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /^开\s?通$/ })
        .click();
      await page.waitForURL(/\/sandbox\/workspaces\/[0-9a-f-]{36}$/);
      await page.getByText('授权视图与字段').waitFor();
      const editor = page.getByRole('textbox', { name: 'SQL 语句' });
      await editor.click();
      await page.keyboard.insertText(
        'SELECT 上车站点, count(*) AS 刷卡次数 FROM 公交刷卡记录 GROUP BY 上车站点 ORDER BY 刷卡次数 DESC LIMIT 5',
      );
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: /^运\s?行$/ }).click();
      const result = page.locator('.ant-card').filter({ hasText: '结果预览' });
      await result.getByText('成功').first().waitFor();
      await result.getByRole('columnheader', { name: '刷卡次数' }).waitFor();
      const rows = result.locator('.ant-table-tbody tr.ant-table-row');
      await rows.first().waitFor();
      assert.ok((await rows.count()) >= 1, 'the job returned result rows');
      assert.match(await rows.first().innerText(), /\d/);
      await noRawText(page);
      await screenshot(page, 'labs-5-workspace-job');
      const path = new URL(page.url()).pathname;
      // Back on the lab page, the workspace is listed under the Grant.
      await page.goto(state.labPath!);
      await page.getByRole('tab', { name: '实验室工作空间' }).click();
      await page.locator(`a[href="${path}"]`).first().waitFor();
      return path;
    });
  });

  test('6. the quarter ends: the partner files the pre-filled quarterly usage report; the authority sees and accepts it (LAB-17)', async () => {
    assert.ok(state.labPath && state.workspacePath);
    // The lab was certified in the current quarter: move the server's clock to the next quarter's first day, then
    // run the background tasks once more (the labs clock schedules the report after supervision's drafting ran).
    const today = shanghaiDay(0);
    const month = Number(today.slice(5, 7));
    const nextQuarter =
      month >= 10
        ? `${Number(today.slice(0, 4)) + 1}-01-01`
        : `${today.slice(0, 5)}${String(month - ((month - 1) % 3) + 3).padStart(2, '0')}-01`;
    const days = Math.round((Date.parse(nextQuarter) - Date.parse(today)) / 86_400_000);
    // A new API session per move: the clock's jump idles the previous one out.
    await (await apiClient(spec.server, 'authority.admin')).post('/e2e/clock/advance', { days });
    await (await apiClient(spec.server, 'authority.admin')).post('/e2e/clock/advance', { days: 0 });

    await as('lab.partner', 'labs-report-file', async (page) => {
      await page.goto(state.labPath!);
      await page.getByRole('tab', { name: '履职情况' }).click();
      const card = page.locator('.ant-card').filter({ hasText: '季度使用情况报告（向发起单位报送）' });
      const row = card.getByRole('row', { name: /已生成草稿/ });
      await row.waitFor();
      // Pre-filled from the lab's own activity in the quarter: the workspace opened and the job of step 5.
      await row.getByText(/作业数 [1-9]/).waitFor();
      await noRawText(page);
      await screenshot(page, 'labs-6-report-due');
      await row.getByRole('button', { name: '填报季度报告' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('row', { name: /作业数\s*[1-9]/ }).waitFor();
      await dialog.getByText('本单位确认报告内容真实、准确、完整，并以电子签章提交').click();
      await screenshot(page, 'labs-6-report-form');
      await dialog.getByRole('button', { name: '签章提交' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await card.getByRole('row', { name: /已提交/ }).waitFor();
      await noRawText(page);
      await screenshot(page, 'labs-6-report-submitted');
    });
    await as('authority.admin', 'labs-report-review', async (page) => {
      await page.goto(state.labPath!);
      await page.getByRole('tab', { name: '履职情况' }).click();
      const card = page.locator('.ant-card').filter({ hasText: '季度使用情况报告（向发起单位报送）' });
      const row = card.getByRole('row', { name: /已提交/ });
      await row.waitFor();
      await noRawText(page);
      await row.getByRole('link', { name: '查看报告' }).click();
      await page.waitForURL(/\/supervision\/reports\/[0-9a-f-]{36}$/);
      await page.getByText(PARTNER).first().waitFor();
      await page.getByText('已加盖电子印章').waitFor(); // the seal in words, never its reference
      await page.getByRole('button', { name: '审核通过' }).click();
      await page.getByText('已通过').first().waitFor();
      await noRawText(page);
      await screenshot(page, 'labs-6-report-accepted');
    });
  });

  test('7. the annual evaluation: commissioned, concurred, scored by the evaluator, concluded', async () => {
    assert.ok(state.labPath);
    const EVALUATOR = '广东数据评估认证中心有限公司';
    const evaluationPath = await as('authority.admin', 'labs-evaluation-commission', async (page) => {
      await page.goto(state.labPath!);
      await page.getByRole('tab', { name: '评估与退出' }).click();
      await page.getByRole('button', { name: '委托年度评估' }).click();
      await choose(page, '第三方评估机构', EVALUATOR);
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /^确\s?定$/ })
        .click();
      const row = page.getByRole('row', { name: new RegExp(`${EVALUATOR}.*已委托`) });
      await row.waitFor();
      await row.getByRole('link').click();
      await page.waitForURL(/\/labs\/evaluations\/[0-9a-f-]{36}$/);
      return new URL(page.url()).pathname;
    });
    await as('lab.initiator', 'labs-evaluation-concur', async (page) => {
      await page.goto(evaluationPath);
      await page.getByRole('button', { name: '确认委托' }).click();
      await page.getByText('发起单位已确认').first().waitFor();
    });
    await as('evaluator.admin', 'labs-evaluation-score', async (page) => {
      await page.goto('/');
      await page.getByRole('menuitem', { name: '年度评估' }).click();
      await page
        .getByRole('row', { name: new RegExp(LAB) })
        .getByRole('link')
        .first()
        .click();
      await page.getByRole('button', { name: '声明利益冲突情况' }).click();
      await page.getByLabel('声明内容').fill('本机构与该实验室双方无股权、业务或人员关联');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /^确\s?定$/ })
        .click();
      await page.getByText('评估中').first().waitFor();
      await page.getByRole('button', { name: '提交评分' }).click();
      const dialog = page.getByRole('dialog');
      const scores: [string, string][] = [
        ['运行管理', '88'],
        ['数据安全保障', '92'],
        ['成果产出', '80'],
        ['应用效益', '85'],
      ];
      for (const [name, score] of scores) await dialog.getByLabel(new RegExp(`^${name} · \\d+%$`)).fill(score);
      await noRawText(page);
      await screenshot(page, 'labs-7-evaluator-scoring');
      await dialog.getByRole('button', { name: /^确\s?定$/ }).click();
      await page.getByText('评估结果已提交').first().waitFor();
    });
    await as('authority.admin', 'labs-evaluation-conclude', async (page) => {
      await page.goto(evaluationPath);
      await page.getByRole('button', { name: '作出结论' }).click();
      await page.getByText('已结论').first().waitFor();
      await page.locator('.ant-card-head').getByText('合格').waitFor();
      await noRawText(page);
      await screenshot(page, 'labs-7-evaluation-concluded');
    });
  });
});
