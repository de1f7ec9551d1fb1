/**
 * The market in a real browser (issue 15 "A browser test", products-market.md "What users see"), ONE product
 * carried through every step:
 *   1. the operator registers a new product and submits it for review;
 *   2. the authority passes the review and sets its fee cap; the operator applies for registration, the registry
 *      posts it for publicity, the test clock moves past the publicity (PM-08) and the product is listed;
 *   3. the operator files a price under the cap; the authority accepts the filing (in force);
 *   4. the buyer finds the product in the catalogue, orders it, the operator draws and files the contract and
 *      provisions an API-key delivery, the buyer takes its key (shown once) and calls the product's data service
 *      through the gateway with it; the gateway meters each call (PM-24);
 *   5. the calls appear in the usage of both sides;
 *   6. the operator runs the period's settlement, confirms the payment and distributes the revenue split;
 *   7. the buyer verifies its bill.
 * The server runs on the e2e clock (server/src/e2e-clock.ts): the clock moves 16 days so the 10 working days of
 * publicity end. The browser keeps the wall clock; the settlement page offers the server's month (currentPeriod),
 * so a run that moves the server's clock across a month end still finds its period.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { apiClient, rawTextFindings, screenshot, settle, shanghaiDay, specServer } from '../lib/harness';

const spec = specServer({ SHUYUN_E2E_CLOCK: '1' });
const as = spec.as;
const NEW_PRODUCT = '企业登记状态批量核验API';
/** How far the server's clock runs ahead of the wall clock (moved by /e2e/clock/advance). */
let clockOffsetMs = 0;
const serverNow = () => new Date(Date.now() + clockOffsetMs);
const serverDay = () => new Date(serverNow().getTime() + 8 * 3600_000).toISOString().slice(0, 10);

const clients = new Map<string, ReturnType<typeof apiClient>>();
/** One API login per user for the set-up steps not under test (the login throttle). */
function apiAs(user: string) {
  if (!clients.has(user)) clients.set(user, apiClient(spec.server, user));
  return clients.get(user)!;
}

/** Moves the server's clock and runs every background task once; API sessions idle out meanwhile. */
async function advanceClock(days: number) {
  const moved = await (await apiAs('authority.admin')).post('/e2e/clock/advance', { days });
  assert.deepEqual(
    moved.failed.filter((n: string) => n.startsWith('products')),
    [],
  );
  clockOffsetMs = Date.parse(moved.now) - Date.now();
  clients.clear();
}

/** Picks an antd Select option by its label; a searchable select is narrowed by typing first. */
async function choose(page: Page, label: string, option: string, search = false) {
  const box = page.getByRole('combobox', { name: label });
  await box.click({ force: true }); // the selected item's span sits over the input
  if (search) await box.fill(option);
  await page.getByTitle(option, { exact: false }).first().click();
}

/** No UUID, ISO timestamp or snake_case code on a Chinese page (issue 14). */
async function noRawText(page: Page) {
  await settle(page);
  assert.deepEqual(await rawTextFindings(page), [], `raw text on ${page.url()}`);
}

const state: {
  serviceId?: string;
  productId?: string;
  orderId?: string;
  contractId?: string;
  secret?: string;
  period?: string;
} = {};

describe('market web', () => {
  test('1. the operator registers a new product and submits it for compliance review', async () => {
    const op = await apiAs('operator.admin');
    const grant = (await op.get('/grants?pageSize=100')).items.find((g: { fields: { nameZh: string }[] }) =>
      g.fields.some((f) => f.nameZh === '统一社会信用代码'),
    );
    // PM-02: the product answers through the operator's 核验 data service made on the same Grant (sandbox).
    const service = (await op.get('/services')).items.find(
      (s: { grantId: string; kind: string }) => s.grantId === grant.id && s.kind === 'verification',
    );
    state.serviceId = service.id;
    const p = await op.post('/products', {
      name: NEW_PRODUCT,
      form: 'verification_service',
      serviceId: service.id,
      grantIds: [grant.id],
      fieldsUsed: ['统一社会信用代码', '企业名称'],
      personalInfo: 'none',
      deliveryModes: ['api_key'],
      declaration: {
        source: '企业登记信息',
        rights: '授权运营',
        quality: '日更',
        use: '贷前核验',
        signedBy: '张伟',
        signedAt: shanghaiDay(),
      },
    });
    state.productId = p.id;
    await as('operator.admin', 'market-1-submit', async (page) => {
      await page.goto('/products/mine');
      const row = page.getByRole('row', { name: new RegExp(NEW_PRODUCT) });
      await row.getByRole('button', { name: '提交审查' }).click();
      await page.getByRole('button', { name: /^确\s?定$|^OK$/ }).click();
      await row.getByText('审查中').waitFor();
      await screenshot(page, 'market-1-submitted');
      // PM-02 (decision 0084): the product's file names the data service it answers through, by its name.
      await row.getByRole('button', { name: '详情' }).click();
      const drawer = page.locator('.ant-drawer-content');
      await drawer.getByText('绑定的数据服务').waitFor();
      await drawer.getByText(service.nameZh, { exact: true }).waitFor();
      await noRawText(page);
      await page.keyboard.press('Escape');
      // The new-product form offers, for a service form only, the operator's data services on the chosen Grant.
      await page.getByRole('button', { name: '新建产品' }).click();
      const modal = page.locator('.ant-modal-content');
      await choose(page, '产品形态', '数据集');
      assert.equal(await modal.getByText('绑定的数据服务').count(), 0, 'a dataset binds no data service');
      await choose(page, '产品形态', '核验服务');
      await choose(page, '授权依据（授权清单）', grant.grantNo, true);
      await page.getByRole('combobox', { name: '绑定的数据服务' }).click({ force: true });
      await page.locator('.ant-select-dropdown:visible').getByTitle(service.nameZh).waitFor();
      await screenshot(page, 'market-1-service-picker');
      await page.keyboard.press('Escape');
      await modal.getByRole('button', { name: /取\s?消/ }).click();
    });
  });

  test('2. review passed and cap set; registration publicity runs out and the product is listed', async () => {
    // CR-4…CR-6 are the evaluator's (a third party), recorded through the API.
    await (await apiAs('evaluator.admin')).post(`/products/${state.productId}/reviews/items`, {
      items: [
        { code: 'CR-4', result: 'pass', evidenceFileIds: ['sec-report'] },
        { code: 'CR-5', result: 'n_a' },
        { code: 'CR-6', result: 'pass', minK: 12 },
      ],
      evaluatorReportId: 'EVAL-2026-009',
    });
    await as('authority.admin', 'market-2-review', async (page) => {
      await page.goto('/products/review');
      await page
        .getByRole('row', { name: new RegExp(NEW_PRODUCT) })
        .getByRole('button', { name: '审阅档案' })
        .click();
      const drawer = page.getByRole('dialog').first();
      await drawer.getByText('合规审查清单').waitFor();
      await drawer.getByRole('button', { name: '审查通过' }).click();
      const modal = page.getByRole('dialog', { name: '审查通过' });
      await modal.getByRole('button', { name: '审查通过' }).click();
      await modal.waitFor({ state: 'hidden' });
    });
    // The cap (¥0.80 per call, written report attached) is set and reported by the authority (PM-14).
    const auth = await apiAs('authority.admin');
    const op = await apiAs('operator.admin');
    const me = await op.get('/me');
    const agreement = (await op.get('/operation-agreements?pageSize=100')).items[0];
    const cap = await auth.post('/fee-caps', {
      operationAgreementId: agreement.id,
      operatorOrgId: me.org.id,
      productId: state.productId,
      chargingUnit: 'call',
      unitDefinition: '每次调用',
      capFen: 80,
      taxInclusive: true,
      basis: { resources: '数据、算力、存储', labour: '运维 2 人', salesScale: '预计 100 万次/年' },
      isTrial: true,
      writtenReportRef: 'RPT-2026-009',
      effectiveFrom: shanghaiDay(),
      effectiveTo: shanghaiDay(365),
    });
    await auth.post(`/fee-caps/${cap.id}/report`, {});
    await as('authority.admin', 'market-2-cap', async (page) => {
      await page.goto('/products/pricing');
      await page
        .getByRole('row', { name: new RegExp(NEW_PRODUCT) })
        .getByText('¥0.80 / 按次')
        .waitFor();
      await screenshot(page, 'market-2-cap');
    });
    // PM-07/PM-08: registration on the ordinary procedure (second review, then publicity of 10 working days).
    const reg = await op.post('/product-registrations', {
      productId: state.productId,
      registryLevel: 'local',
      type: 'first',
    });
    for (const a of ['accept', 'pass_first_review', 'post_publicity'])
      await auth.post(`/product-registrations/${reg.id}/${a}`, {});
    await advanceClock(16);
    const registered = await (await apiAs('operator.admin')).get(`/product-registrations/${reg.id}`);
    assert.equal(registered.state, 'registered', 'the registration clock registered the product after publicity');
    const listing = await (await apiAs('operator.admin')).post('/listings', {
      productId: state.productId,
      venue: 'platform',
    });
    assert.equal(listing.state, 'live');
    await as('operator.admin', 'market-2-listed', async (page) => {
      await page.goto('/products/mine');
      const row = page.getByRole('row', { name: new RegExp(NEW_PRODUCT) });
      await row.getByText(/DPR-/).waitFor();
      await noRawText(page);
      await screenshot(page, 'market-2-registered-listed');
    });
  });

  test('3. the operator files a price under the cap; the authority accepts it', async () => {
    await as('operator.admin', 'market-3-filing', async (page) => {
      await page.goto('/products/pricing');
      await page.getByRole('tab', { name: '定价备案' }).click();
      await page.getByRole('button', { name: '定价备案' }).click();
      const modal = page.getByRole('dialog', { name: '定价备案' });
      await choose(page, '产品名称', NEW_PRODUCT, true);
      await choose(page, '上限收费标准', '¥0.80');
      await modal.getByLabel('备案价格（元）').fill('0.7');
      const date = modal.getByLabel('生效日期');
      await date.click();
      await date.fill(serverDay());
      await date.press('Enter');
      await modal.getByLabel('应用场景').fill('普惠金融贷前核验');
      await modal.getByLabel('使用范围').fill('持牌金融机构贷前核验');
      await modal.getByLabel('服务方式').fill('API 调用');
      await modal.getByLabel('定价依据').fill('成本加合理利润');
      await screenshot(page, 'market-3-filing-form');
      await modal.getByRole('button', { name: '提交备案' }).click();
      await modal.waitFor({ state: 'hidden' });
      const row = page.getByRole('row', { name: new RegExp(NEW_PRODUCT) }).filter({ hasText: '¥0.70' });
      await row.getByText('已备案').waitFor();
    });
    // PM-18: the authority accepts the filing within its return window, so the price is in force at once.
    const filing = (await (await apiAs('operator.admin')).get('/price-filings')).items.find(
      (f: { productId: string; state: string }) => f.productId === state.productId && f.state === 'filed',
    );
    const accepted = await (await apiAs('authority.admin')).post(`/price-filings/${filing.id}/accept`, {});
    assert.equal(accepted.state, 'effective');
  });

  test('4. the buyer orders from the catalogue; contract filed; the buyer takes its API key; its calls are metered', async () => {
    await as('buyer.admin', 'market-4-order', async (page) => {
      await page.goto('/products/catalogue');
      await page.getByRole('link', { name: NEW_PRODUCT }).first().click();
      await page.getByRole('heading', { name: NEW_PRODUCT }).waitFor();
      await page.getByRole('button', { name: '下单' }).click();
      const modal = page.getByRole('dialog', { name: `订购「${NEW_PRODUCT}」` });
      await modal.getByLabel('用途说明').fill('小微企业贷前核验');
      await modal.getByLabel('预计数量').fill('5000');
      await modal.getByRole('button', { name: '提交订单' }).click();
      await page.waitForURL(/\/market\/orders\/[0-9a-f-]{36}$/);
      state.orderId = page.url().split('/').pop();
      await page.getByText('供方尚未起草合同').waitFor();
      await noRawText(page);
    });
    await as('operator.admin', 'market-4-contract', async (page) => {
      await page.goto('/market/orders');
      await page.getByRole('tab', { name: '订单' }).waitFor();
      await page.goto(`/market/orders/${state.orderId}`);
      await page.getByRole('button', { name: '起草合同' }).click();
      await page.getByRole('button', { name: '在平台备案' }).click();
      await page.getByText(/已于 .* 在平台备案/).waitFor();
      await page.getByRole('button', { name: '开通交付（接口密钥）' }).click();
      await page.getByRole('cell', { name: '使用中' }).waitFor();
      const sm3 = await page.locator('code').first().innerText();
      assert.match(sm3, /^[0-9a-f]{64}$/, 'the filed contract shows its SM3 digest');
      await noRawText(page);
      await screenshot(page, 'market-4-contract-filed');
    });
    state.contractId = (await (await apiAs('buyer.admin')).get(`/contracts?orderId=${state.orderId}`)).items[0].id;
    await as('buyer.admin', 'market-4-key', async (page) => {
      await page.goto(`/market/orders/${state.orderId}`);
      await page.getByRole('button', { name: '申领接口密钥' }).click();
      const modal = page.getByRole('dialog', { name: '申领接口密钥' });
      await modal.getByRole('button', { name: '生成密钥' }).click();
      await modal.getByText('密钥只显示这一次').waitFor();
      state.secret = (await modal.getByTestId('api-key-secret').innerText()).trim();
      assert.match(state.secret, /^sy_/);
      await screenshot(page, 'market-4-key-once');
      await modal.getByRole('button', { name: '我已妥善保存' }).click();
      await modal.waitFor({ state: 'hidden' });
    });
    // The buyer's key (from the contract's API-key delivery) calls the data-service gateway twice; each call is
    // metered by the gateway as one billable UsageRecord of this contract (PM-24, SVC-07).
    for (const name of ['珠海数智运营有限公司', '珠海某某科技有限公司']) {
      const r = await fetch(
        `${spec.server.baseUrl.replace('localhost', '127.0.0.1')}/api/v1/services/${state.serviceId}/call`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${state.secret}`, 'content-type': 'application/json' },
          body: JSON.stringify({ 统一社会信用代码: '91440400MA4W5X6Y7N', 企业名称: name }),
        },
      );
      const text = await r.text();
      assert.equal(r.status, 200, text);
      assert.ok('result' in (JSON.parse(text) as object), 'the gateway answers a verification result');
    }
  });

  test('5. the calls appear in the usage of both sides', async () => {
    for (const [user, side] of [
      ['buyer.admin', '需方'],
      ['operator.admin', '供方'],
    ] as const)
      await as(user, `market-5-usage-${side}`, async (page) => {
        await page.goto(`/market/usage?contract=${state.contractId}`);
        await page.getByText(`以${side}身份查看`).waitFor();
        const billable = page.locator('.ant-statistic').filter({ hasText: '计费调用' });
        await billable.getByText('2', { exact: true }).waitFor();
        await page.getByText('已用 2 / 上限').first().waitFor();
        await noRawText(page);
        await screenshot(page, `market-5-usage-${user === 'buyer.admin' ? 'buyer' : 'operator'}`);
      });
  });

  test('6. the operator runs the period’s settlement, confirms payment and distributes the split', async () => {
    // PM-26: the new product's split by contribution — operator 70%, collaborator 20%, the source unit 10% to the
    // treasury as non-tax revenue.
    const orgOf = async (user: string) => (await (await apiAs(user)).get('/me')).org.id as string;
    const party = (orgId: string, role: string, inputType: string, contributionPct: number, fiscal: string) => ({
      orgId,
      role,
      inputType,
      contributionPct,
      fiscalTreatment: fiscal,
    });
    await (await apiAs('operator.admin')).post('/revenue-shares', {
      productId: state.productId,
      effectiveFrom: `${serverDay().slice(0, 4)}-01-01`,
      parties: [
        party(await orgOf('operator.admin'), 'operator', 'platform', 70, 'commercial'),
        party(await orgOf('collaborator.admin'), 'collaborator', 'processing', 20, 'commercial'),
        party(await orgOf('source.admin'), 'source_unit', 'data', 10, 'treasury_non_tax'),
      ],
    });
    state.period = serverDay().slice(0, 7);
    const label = `${state.period.slice(0, 4)}年${Number(state.period.slice(5))}月`;
    await as('operator.admin', 'market-6-settle', async (page) => {
      await page.goto('/market/settlement');
      await choose(page, '结算期间', label);
      await page.getByText(/本期还有 \d+ 份合同未出账/).waitFor();
      await page.getByRole('button', { name: '发起本期结算' }).click();
      await page.getByRole('button', { name: /^确\s?定$|^OK$/ }).click();
      const row = page.getByRole('row', { name: /SA-/ }).filter({ hasText: '¥1.40' }).first();
      await row.getByRole('button', { name: '确认到账' }).click();
      const modal = page.getByRole('dialog', { name: '确认到账' });
      await modal.getByRole('button', { name: '确认到账' }).click();
      await modal.waitFor({ state: 'hidden' });
      await row.getByRole('button', { name: '分账' }).click();
      await page.getByRole('button', { name: /^确\s?定$|^OK$/ }).click();
      await row.getByText('已分账').waitFor();
      // PM-26/PM-27: 70/20/10 of ¥1.40, the source unit's share to the treasury as non-tax revenue.
      const shares = page.locator('.ant-card').filter({ hasText: '收益分配' });
      await shares.getByText('缴入国库（非税收入）').waitFor();
      await noRawText(page);
      await screenshot(page, 'market-6-settlement');
    });
    await as('authority.admin', 'market-6-authority', async (page) => {
      await page.goto('/market/settlement');
      await page.getByText('仅可查看，不能操作').waitFor();
      assert.equal(await page.getByRole('button', { name: '发起本期结算' }).count(), 0);
      await screenshot(page, 'market-6-authority-readonly');
    });
  });

  test('7. the buyer verifies its bill', async () => {
    await as('buyer.admin', 'market-7-verify', async (page) => {
      await page.goto('/market/bills');
      const row = page.getByRole('row').filter({ hasText: NEW_PRODUCT }).filter({ hasText: '¥1.40' }).first();
      await row.getByRole('button', { name: '核验账单' }).click();
      const drawer = page.getByRole('dialog', { name: '核验账单' });
      await drawer.getByText('核验通过：账单与原始用量记录一致').waitFor();
      await drawer.getByText(/按 2 条用量记录重新计算应收 ¥1\.40，账单金额 ¥1\.40/).waitFor();
      await drawer.getByText('各方分账金额之和等于账单总额').waitFor();
      // Decision 0084: the run sealed its records in a signed checkpoint, so both are proved at once (not 待生成检查点).
      await drawer
        .getByText(/已在本浏览器内校验 2 条用量记录的收录证明，均收录在树大小为 \d+ 的账本检查点中/)
        .waitFor();
      assert.equal(await drawer.getByText('待生成检查点').count(), 0);
      await noRawText(page);
      await screenshot(page, 'market-7-verified');
    });
  });
});
