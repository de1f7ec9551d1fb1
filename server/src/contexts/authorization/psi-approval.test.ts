import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { activeAgreement, applicationBody, ENTERPRISE_FIELDS, insertResource, justify } from './test/factories.js';

// PSI-01 (issue 19): the approver sets the Grant's PSI permissions on the approval form; it may narrow, never add.
const clock = new FixedClock(new Date('2026-09-28T02:00:00Z'));
let t: TestApp;
let authority: Client, reviewer: Client, operator: Client, samr: Client;
let ent: string, agreementId: string;

beforeAll(async () => {
  t = await startTestApp({ clock });
  [authority, reviewer, operator, samr] = await Promise.all(
    ['authority.admin', 'authority.reviewer', 'operator.admin', 'source.admin'].map((u) => t.as(u)),
  );
  ent = await insertResource(t.kernel.db, {
    name: '企业登记信息（PSI 测试）',
    owner: 'zh-samr',
    fields: ENTERPRISE_FIELDS,
  });
  agreementId = await activeAgreement(
    authority,
    { 'zh-samr': samr },
    [{ resourceId: ent, fieldCodes: ['uscc', 'name'], owner: 'zh-samr' }],
    '2026-09-28',
  );
}, 60_000);
afterAll(() => t?.close());

/** An application over two general fields, submitted, accepted and consented: ready for the approval. */
async function readyApplication(developmentMethods: string[]) {
  const demand = [
    { resourceId: ent, fieldCode: 'uscc', justification: justify },
    { resourceId: ent, fieldCode: 'name', justification: '核验结果需返回企业名称用于与申请材料比对' },
  ];
  const d = await operator.post('/api/v1/scenario-applications', {
    ...applicationBody(agreementId, demand, { developmentMethods }),
    submit: true,
  });
  expect(d.statusCode, d.body).toBe(201);
  const id = d.json().id as string;
  if ((await operator.get(`/api/v1/scenario-applications/${id}`)).json().state === 'draft')
    expect((await operator.post(`/api/v1/scenario-applications/${id}/submit`)).statusCode).toBe(200);
  expect((await authority.post(`/api/v1/scenario-applications/${id}/accept`)).statusCode).toBe(200);
  const inbox = (await samr.get('/api/v1/source-consents')).json().items.find((c: any) => c.applicationId === id);
  const a = (await authority.get(`/api/v1/scenario-applications/${id}`)).json();
  const consent = await samr.post(`/api/v1/source-consents/${inbox.id}/decide`, {
    items: a.items.map((i: any) => ({ itemId: i.id, decision: 'consent' })),
  });
  expect(consent.statusCode, consent.body).toBe(200);
  const itemDecisions = a.items.map((i: any) => ({ itemId: i.id, decision: 'accepted', reason: '符合最小必要' }));
  return { id, itemDecisions };
}

describe('PSI-01: the Grant PSI switches on the approval', () => {
  it('refuses PSI the application did not ask for (PSI_NOT_REQUESTED) and membership without PSI (400)', async () => {
    const { id, itemDecisions } = await readyApplication(['sandbox_query', 'data_service']);
    const added = await reviewer.post(`/api/v1/scenario-applications/${id}/approve`, {
      itemDecisions,
      psi: { allowed: true, membership: false },
    });
    expect(added.statusCode).toBe(422);
    expect(added.json().error.code).toBe('PSI_NOT_REQUESTED');
    const loose = await reviewer.post(`/api/v1/scenario-applications/${id}/approve`, {
      itemDecisions,
      psi: { allowed: false, membership: true },
    });
    expect(loose.statusCode).toBe(400);
    expect((await authority.get(`/api/v1/scenario-applications/${id}`)).json().state).not.toBe('approved');
    const ok = await reviewer.post(`/api/v1/scenario-applications/${id}/approve`, { itemDecisions });
    expect(ok.statusCode, ok.body).toBe(200);
    const g = (await operator.get(`/api/v1/grants/${ok.json().grantId}`)).json();
    expect(g).toMatchObject({ psiAllowed: false, psiMembership: false });
  });

  it('an application asking for PSI gets the switches the approver set: PSI with membership', async () => {
    const { id, itemDecisions } = await readyApplication(['sandbox_query', 'psi']);
    const ok = await reviewer.post(`/api/v1/scenario-applications/${id}/approve`, {
      itemDecisions,
      psi: { allowed: true, membership: true },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const g = (await operator.get(`/api/v1/grants/${ok.json().grantId}`)).json();
    expect(g).toMatchObject({ psiAllowed: true, psiMembership: true });
  });

  it('without switches PSI follows the application, count only; the approver may switch it off', async () => {
    const asked = await readyApplication(['psi']);
    const a = await reviewer.post(`/api/v1/scenario-applications/${asked.id}/approve`, {
      itemDecisions: asked.itemDecisions,
    });
    expect((await operator.get(`/api/v1/grants/${a.json().grantId}`)).json()).toMatchObject({
      psiAllowed: true,
      psiMembership: false,
    });
    const off = await readyApplication(['psi']);
    const b = await reviewer.post(`/api/v1/scenario-applications/${off.id}/approve`, {
      itemDecisions: off.itemDecisions,
      psi: { allowed: false, membership: false },
    });
    expect((await operator.get(`/api/v1/grants/${b.json().grantId}`)).json()).toMatchObject({ psiAllowed: false });
  });
});
