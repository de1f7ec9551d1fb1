import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../../kernel/profiles/index.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { resourceId } from '../../seed/catalog.js';
import { OPN_04 } from './rules/requests.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const PLEDGE = {
  kind: 'pledge',
  dataList: ['许可证编号', '经营者名称'],
  purpose: '餐饮行业分析',
  scenario: '食品安全地图',
  securityMeasures: '专人专机、访问日志',
  term: '2026-03-01 至 2027-02-28',
  disposalAtExpiry: '到期删除并出具销毁证明',
  usageFeedback: '每季度报送使用情况',
};

describe('OPN-04 conditional opening needs a signed instrument before delivery', () => {
  const rid = resourceId('food-license'); // conditional open, provided by zh-samr
  let id: string;

  it('OPN-03: the buyer files an open request (free: a fee field is not part of it); it waits for the provider', async () => {
    const buyer = await t.as('buyer.admin');
    const d = (await buyer.get(`/api/v1/resources/${rid}`)).json();
    const res = await buyer.post('/api/v1/open-requests', {
      resourceId: rid,
      fieldIds: [d.fields[0].id, d.fields[1].id],
      scenario: PLEDGE.scenario,
      purpose: PLEDGE.purpose,
      commitmentAccepted: true,
      fee: 100,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().state).toBe('under_review');
    id = res.json().id;
    const q = (await buyer.get('/api/v1/data-requests?kind=open')).json().items.find((x: any) => x.id === id);
    expect(q.body).not.toHaveProperty('fee');
    expect(
      (await (await t.as('source.admin')).post(`/api/v1/data-requests/${id}/approve`, { reason: '符合条件' })).json()
        .state,
    ).toBe('approved');
  });

  it('delivery before the pledge is signed is refused (409 OPEN_INSTRUMENT_REQUIRED)', async () => {
    const res = await (await t.as('source.admin')).post(`/api/v1/data-requests/${id}/deliver`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details.failures[0]).toMatchObject({ ruleId: 'OPN-04', code: 'OPEN_INSTRUMENT_REQUIRED' });
  });

  it('an incomplete pledge, or the wrong instrument for the profile, is refused; only the applicant signs', async () => {
    const buyer = await t.as('buyer.admin');
    const partial = await buyer.post(`/api/v1/data-requests/${id}/instrument`, {
      ...PLEDGE,
      disposalAtExpiry: undefined,
      usageFeedback: '',
    });
    expect(partial.statusCode).toBe(422);
    expect(partial.json().error.details.failures[0].params.missing).toBe('disposalAtExpiry, usageFeedback');
    expect(
      (await buyer.post(`/api/v1/data-requests/${id}/instrument`, { ...PLEDGE, kind: 'agreement' })).statusCode,
    ).toBe(422); // zhuhai: open.instrument = pledge
    expect((await (await t.as('source.admin')).post(`/api/v1/data-requests/${id}/instrument`, PLEDGE)).statusCode).toBe(
      403,
    );
  });

  it('a complete signed pledge lets the provider deliver', async () => {
    expect(
      (await (await t.as('buyer.admin')).post(`/api/v1/data-requests/${id}/instrument`, PLEDGE)).json().state,
    ).toBe('agreement_signed');
    expect((await (await t.as('source.admin')).post(`/api/v1/data-requests/${id}/deliver`, {})).json().state).toBe(
      'delivered',
    );
  });

  it('chongqing requires an agreement; capacity evidence only where configured', () => {
    const cq = loadProfile('chongqing');
    const facts = (instrument: Record<string, unknown>, capacityRequired = false) => ({
      required: cq.get<'pledge' | 'agreement'>('open.instrument'),
      instrument,
      capacityRequired,
    });
    expect(OPN_04.check(facts(PLEDGE), cq)).toMatchObject({ ok: false, code: 'OPEN_INSTRUMENT_REQUIRED' });
    expect(OPN_04.check(facts({ ...PLEDGE, kind: 'agreement' }), cq).ok).toBe(true);
    expect(OPN_04.check(facts({ ...PLEDGE, kind: 'agreement' }, true), cq)).toMatchObject({
      ok: false,
      params: { missing: 'capacityEvidence' },
    });
  });

  it('OPN-03: search results name their source unit', async () => {
    const items = (
      await (await t.as('buyer.admin')).get(`/api/v1/resources?q=${encodeURIComponent('食品经营许可')}`)
    ).json().items;
    expect(items.find((x: any) => x.id === rid).sourceUnitName).toBeTruthy();
  });
});
