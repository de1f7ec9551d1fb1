import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { ok, ORG } from './test/factories.js';

// The asset register through the API (issue 17): scenario 8 (RA-26), RA-27, RA-28, RA-30, RA-36, the
// valuation history, the disclosure tables as Excel, and another tenant's view of all of it.
const clock = new FixedClock(new Date('2026-03-02T02:00:00Z'));
let t: TestApp;
let operator: Client;
let source: Client;
let buyer: Client;
let evaluator: Client;
let assetId: string;

const card = (name: string, isPublicDataAsset = false) => ({
  name,
  isPublicDataAsset,
  basic: { structure: '指数表', scale: '12 万条', cycle: 'monthly', desensitized: true },
  rights: { holder: '持有单位', path: '授权运营', type: 'product_operation' },
  usage: { products: ['企业经营状态指数 API'] },
  management: { department: '数据资产部', grade: 'general' },
});
const recognized = {
  pastTransactionOrEvent: true,
  ownedOrControlled: true,
  expectedInflow: true,
  reliableMeasurement: true,
};
const ownUse = {
  lawfullyOwnedOrControlled: true,
  expectedBenefit: true,
  holding: 'own_use',
  meetsCas6: true,
};
const costs = [
  { incurredOn: '2025-11-20', amountFen: 200_000_00, component: 'price' },
  { incurredOn: '2026-02-10', amountFen: 50_000_00, component: 'cleaning' },
];

async function cardedAsset(c: Client, name: string, isPublic = false) {
  const a = await ok(c.post('/api/v1/data-assets', card(name, isPublic)), 201);
  await ok(c.post(`/api/v1/data-assets/${a.id}/card`, recognized));
  return a.id as string;
}

beforeAll(async () => {
  t = await startTestApp({ clock });
  [operator, source, buyer, evaluator] = await Promise.all(
    ['operator.admin', 'source.admin', 'buyer.admin', 'evaluator.admin'].map((u) => t.as(u)),
  );
  assetId = await cardedAsset(operator, '罗湖区企业经营状态指数');
  await ok(
    operator.post(`/api/v1/data-assets/${assetId}/classify`, { acquisitionMode: 'purchased', facts: ownUse, costs }),
  );
}, 120_000);
afterAll(() => t?.close());

describe('RA scenario 8: public data asset card (RA-26)', () => {
  it('a product-operation grant on 企业登记信息 adds an authorization mark; the book value is unchanged', async () => {
    const id = await cardedAsset(source, '企业登记信息', true);
    const before = await ok(source.post(`/api/v1/data-assets/${id}/classify`, { facts: ownUse, costs: [costs[0]] }));
    expect(before.bookValueFen).toBe(200_000_00);
    const mark = {
      rightType: 'product_operation',
      grantee: '珠海市数据运营有限公司',
      grantRef: 'GR-2026-001',
      date: '2026-03-02',
    };
    const after = await ok(source.post(`/api/v1/data-assets/${id}/marks`, mark));
    expect(after.marks).toEqual([mark]);
    expect(after.bookValueFen).toBe(before.bookValueFen);
  });

  it('RA-26 negative: a resource-holding transfer is no authorization mark (MARK_RIGHT_INVALID), nothing changes', async () => {
    const res = await operator.post(`/api/v1/data-assets/${assetId}/marks`, {
      rightType: 'resource_holding',
      grantee: '某公司',
      grantRef: 'X-1',
      date: '2026-03-02',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('MARK_RIGHT_INVALID');
    expect((await ok(operator.get(`/api/v1/data-assets/${assetId}`))).marks).toEqual([]);
  });
});

describe('RA-27 usage of an authorized public data asset is kept current', () => {
  it('flags a public card whose usage was not refreshed within asset.usageSyncDays, and clears it on refresh', async () => {
    const id = await cardedAsset(source, '公共数据资产（使用情况）', true);
    expect((await ok(source.get(`/api/v1/data-assets/${id}`))).usageStale).toBe(false);
    clock.advanceMs(31 * 86_400_000);
    source = await t.as('source.admin');
    expect((await ok(source.get(`/api/v1/data-assets/${id}`))).usageStale).toBe(true);
    const fresh = await ok(
      source.post(`/api/v1/data-assets/${id}/usage`, { usage: { calls: 1200, products: ['API'] } }),
    );
    expect(fresh).toMatchObject({ usageStale: false, usage: { calls: 1200 } });
    // A card that is not a public data asset is never flagged.
    expect((await ok((await t.as('operator.admin')).get(`/api/v1/data-assets/${assetId}`))).usageStale).toBe(false);
  });
});

describe('RA-28 pledging public data assets only where the profile allows', () => {
  it('refuses to pledge a public data asset (PUBLIC_ASSET_ENCUMBRANCE_FORBIDDEN) but records a pledge of a private one', async () => {
    source = await t.as('source.admin');
    operator = await t.as('operator.admin');
    const pub = await cardedAsset(source, '公共数据资产（质押）', true);
    const pledge = { type: 'pledge', party: '某银行', date: '2026-04-01' };
    const res = await source.post(`/api/v1/data-assets/${pub}/encumbrances`, pledge);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('PUBLIC_ASSET_ENCUMBRANCE_FORBIDDEN');
    expect((await ok(operator.post(`/api/v1/data-assets/${assetId}/encumbrances`, pledge))).encumbrances).toEqual([
      pledge,
    ]);
  });
});

describe('RA-30 destruction: approval, processing, then logged destruction', () => {
  it('refuses without approval and processing, and an outsourced one without a confidentiality contract', async () => {
    const id = await cardedAsset(operator, '待销毁数据集');
    const bare = await operator.post(`/api/v1/data-assets/${id}/destroy`, { method: '物理删除' });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().error.code).toBe('DESTRUCTION_STEPS_INCOMPLETE');
    const steps = { approvalRef: '审批 2026-07', securityProcessed: true, desensitized: true, method: '物理删除' };
    const out = await operator.post(`/api/v1/data-assets/${id}/destroy`, { ...steps, outsourced: true });
    expect(out.json().error.code).toBe('CONFIDENTIALITY_CONTRACT_REQUIRED');
    const done = await ok(operator.post(`/api/v1/data-assets/${id}/destroy`, steps));
    expect(done.bookStatus).toBe('destroyed');
    expect(done.destruction).toMatchObject({ approvalRef: '审批 2026-07', method: '物理删除' });
  });
});

describe('RA-36 capitalizable costs', () => {
  it('refuses to capitalize a service outside the listed components (COST_NOT_CAPITALIZABLE); inventory may add insurance', async () => {
    const id = await cardedAsset(operator, '营销服务数据');
    const bad = await operator.post(`/api/v1/data-assets/${id}/classify`, {
      facts: ownUse,
      costs: [{ incurredOn: '2026-02-01', amountFen: 10_000_00, component: 'marketing' }],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('COST_NOT_CAPITALIZABLE');
    const forSale = { lawfullyOwnedOrControlled: true, expectedBenefit: true, holding: 'for_sale', meetsCas1: true };
    const inv = await ok(
      operator.post(`/api/v1/data-assets/${id}/classify`, {
        facts: forSale,
        costs: [{ incurredOn: '2026-02-01', amountFen: 10_000_00, component: 'insurance' }],
      }),
    );
    expect(inv.accounting).toMatchObject({ class: 'inventory', capitalizedFen: 10_000_00 });
  });
});

describe('asset register: list, valuation history, disclosure tables', () => {
  it('lists the holder’s own cards with filters and pages', async () => {
    const all = await ok(operator.get('/api/v1/data-assets?pageSize=2'));
    expect(all.items).toHaveLength(2);
    expect(all.total).toBeGreaterThanOrEqual(3); // this file's three, plus the demo seed's card
    const intangible = await ok(operator.get('/api/v1/data-assets?accountingClass=intangible'));
    expect(intangible.items.map((a: { id: string }) => a.id)).toContain(assetId);
    expect(new Set(intangible.items.map((a: { accounting: { class: string } }) => a.accounting.class))).toEqual(
      new Set(['intangible']),
    );
    const destroyed = await ok(operator.get('/api/v1/data-assets?bookStatus=destroyed&q=待销毁'));
    expect(destroyed.items.map((a: { name: string }) => a.name)).toEqual(['待销毁数据集']);
    expect((await ok(operator.get('/api/v1/data-assets?isPublicDataAsset=true'))).total).toBe(0);
  });

  it('keeps the valuation history of a card, oldest base date first', async () => {
    evaluator = await t.as('evaluator.admin'); // sessions idle out after the RA-27 clock move
    for (const baseDate of ['2026-01-31', '2025-06-30']) {
      await ok(
        evaluator.post('/api/v1/valuations', {
          clientOrgId: ORG.operator,
          dataAssetId: assetId,
          assetName: '罗湖区企业经营状态指数',
          purpose: '入表计量参考',
          baseDate,
          methods: ['cost'],
          conclusionFen: 300_000_00,
        }),
        201,
      );
    }
    const h = await ok(operator.get(`/api/v1/valuations?dataAssetId=${assetId}`));
    expect(h.items.map((v: { baseDate: string }) => v.baseDate)).toEqual(['2025-06-30', '2026-01-31']);
    expect(h.items[0].dataAssetId).toBe(assetId);
  });

  it('refuses a valuation attached to a card the client does not hold (ASSET_NOT_CLIENTS)', async () => {
    const res = await evaluator.post('/api/v1/valuations', {
      clientOrgId: ORG.buyer,
      dataAssetId: assetId,
      assetName: 'x',
      purpose: 'x',
      baseDate: '2026-01-31',
      methods: ['cost'],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('ASSET_NOT_CLIENTS');
  });

  it('exports the disclosure tables as Excel: opening, increases by acquisition column, closing', async () => {
    const res = await operator.get('/api/v1/accounting/disclosures?year=2026');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('数据资源无形资产');
    expect(ws?.getRow(2).values).toEqual([undefined, '项目', '外购', '自行开发', '其他方式取得', '合计']);
    const row = (label: string) => ws?.getRows(3, 40)?.find((r) => r.getCell(1).value === label)?.values;
    // Expected amounts from the holder's purchased intangible cards as the API shows them (this file's card:
    // ¥200,000 bought in 2025, ¥50,000 cleaning in 2026; the demo seed may add its own purchased card).
    const cards = (await ok(operator.get('/api/v1/data-assets?accountingClass=intangible&pageSize=200'))).items;
    const lines = cards
      .filter((a: { accounting: { acquisitionMode: string } }) => a.accounting.acquisitionMode === 'purchased')
      .flatMap((a: { accounting: { costs: { incurredOn: string; amountFen: number }[] } }) => a.accounting.costs);
    const yuanOf = (pick: (d: string) => boolean) =>
      lines
        .filter((c: { incurredOn: string }) => pick(c.incurredOn))
        .reduce((s: number, c: { amountFen: number }) => s + c.amountFen, 0) / 100;
    const [opening, added] = [yuanOf((d) => d < '2026-01-01'), yuanOf((d) => d >= '2026-01-01')];
    expect(opening).toBeGreaterThanOrEqual(200_000);
    expect(added).toBeGreaterThanOrEqual(50_000);
    expect(row('1. 期初余额')).toEqual([undefined, '1. 期初余额', opening, 0, 0, opening]);
    expect(row('2. 本期增加金额')).toEqual([undefined, '2. 本期增加金额', added, 0, 0, added]);
    expect(row('4. 期末余额')).toEqual([undefined, '4. 期末余额', opening + added, 0, 0, opening + added]);
    expect(wb.getWorksheet('数据资源存货')).toBeDefined();
  });

  it('refuses a year before the rule applies, changing nothing', async () => {
    const res = await operator.get('/api/v1/accounting/disclosures?year=2023');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('asset register: another tenant (cross-tenant negative)', () => {
  it('sees none of the holder’s cards, valuations or disclosure amounts, and cannot write to them', async () => {
    buyer = await t.as('buyer.admin');
    const list = await ok(buyer.get('/api/v1/data-assets'));
    expect(list.items.map((a: { id: string }) => a.id)).not.toContain(assetId);
    expect((await buyer.get(`/api/v1/data-assets/${assetId}`)).statusCode).toBe(404);
    expect((await buyer.get(`/api/v1/valuations?dataAssetId=${assetId}`)).statusCode).toBe(404);
    // The guard answers 404 before the (invalid) body is even validated.
    const mark = await buyer.post(`/api/v1/data-assets/${assetId}/marks`, { bogus: true });
    expect(mark.statusCode).toBe(404);
    const pledge = await buyer.post(`/api/v1/data-assets/${assetId}/encumbrances`, {
      type: 'pledge',
      party: '某银行',
      date: '2026-04-01',
    });
    expect(pledge.statusCode).toBe(404);
    expect((await ok(operator.get(`/api/v1/data-assets/${assetId}`))).encumbrances).toHaveLength(1);
  });
});
