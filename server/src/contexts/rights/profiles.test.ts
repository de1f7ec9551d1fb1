import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { runRightsClocks } from './usecases/clocks.js';
import {
  actors,
  applyAndSubmit,
  applyBody,
  ok,
  ORG,
  registerFirst,
  reviewUpToDecision,
  type Actors,
} from './test/factories.js';

// Scenarios 4 (Guangdong ordinary procedure), 6 (Anhui objection during publicity) and 7 (Beijing data-IP
// pledge filing, RA-11), each with the registry's own profile whatever the deployment's.
const clock = new FixedClock(new Date('2026-05-08T02:00:00Z'));
let t: TestApp;
let a: Actors;
const url = (id: string) => `/api/v1/rights-registrations/${id}`;

beforeAll(async () => {
  t = await startTestApp({ clock });
  a = await actors(t, 'operator.admin', 'authority.admin');
}, 120_000);
afterAll(() => t?.close());

const guangdong = { profile: 'guangdong', registryOrgId: ORG.zhuhaiRegistry, procedure: 'ordinary' };

describe('RA scenario 4: Guangdong ordinary procedure (second review, failure notice, 3 WD publicity)', () => {
  it('sends a passed substantive review to the second review, and a failed one there gets its notice due in 3 WD', async () => {
    const id = await applyAndSubmit(a, guangdong);
    await reviewUpToDecision(a, id, false); // the registry reviews itself (reg.substantiveBy = registry)
    expect((await ok(a.registry.post(`${url(id)}/decide`, { outcome: 'pass' }))).state).toBe('second_review');
    clock.set('2026-05-11T02:00:00Z'); // Monday
    await a.relogin();
    const failed = await ok(a.registry.post(`${url(id)}/decide`, { outcome: 'fail', reason: '合规委员会复审未通过' }));
    expect(failed.state).toBe('refused');
    const reg = await ok(a.applicant.get(url(id)));
    expect(reg.clocks.failureNoticeDueAt).toBe('2026-05-14T15:59:59.999Z');
  });

  it('publicizes for 3 working days after the second review passes', async () => {
    const id = await applyAndSubmit(a, guangdong);
    await reviewUpToDecision(a, id, false);
    await ok(a.registry.post(`${url(id)}/decide`, { outcome: 'pass' }));
    expect((await ok(a.registry.post(`${url(id)}/decide`, { outcome: 'pass' }))).state).toBe('publicity');
    const reg = await ok(a.applicant.get(url(id)));
    expect(reg.clocks.publicityEnd).toBe('2026-05-14T15:59:59.999Z');
  });

  it('skips the second review in the simple procedure (1 WD publicity)', async () => {
    const id = await applyAndSubmit(a, { ...guangdong, procedure: 'simple' });
    await reviewUpToDecision(a, id, false);
    expect((await ok(a.registry.post(`${url(id)}/decide`, { outcome: 'pass' }))).state).toBe('publicity');
    expect((await ok(a.applicant.get(url(id)))).clocks.publicityEnd).toBe('2026-05-12T15:59:59.999Z');
  });
});

describe('RA scenario 6: Anhui objection during publicity (RA-13)', () => {
  it('suspends on an objection on day 4 of the 10 WD publicity and terminates it 30 CD after acceptance', async () => {
    clock.set('2026-06-01T02:00:00Z'); // Monday
    await a.relogin();
    const id = await applyAndSubmit(a, { profile: 'anhui', registryOrgId: ORG.zhuhaiRegistry });
    await reviewUpToDecision(a, id);
    expect((await ok(a.registry.post(`${url(id)}/decide`, { outcome: 'pass' }))).state).toBe('publicity');
    clock.set('2026-06-05T02:00:00Z'); // day 4 of publicity
    await a.relogin();
    const objector = await t.as('collaborator.admin');
    const o = await ok(objector.post(`${url(id)}/objections`, { grounds: '该数据集包含我方未授权的数据' }), 201);
    expect(o.phase).toBe('during_publicity');
    await ok(a.registry.post(`/api/v1/rights-objections/${o.id}/accept`, {}));
    expect((await ok(a.applicant.get(url(id)))).state).toBe('suspended');
    clock.set('2026-07-05T10:00:00Z'); // 30 CD later, still inside the window
    await runRightsClocks(t.kernel);
    await a.relogin();
    expect((await ok(a.applicant.get(url(id)))).state).toBe('suspended');
    clock.set('2026-07-06T01:00:00Z');
    await runRightsClocks(t.kernel);
    await a.relogin();
    expect((await ok(a.applicant.get(url(id)))).state).toBe('terminated');
    const list = await ok(a.registry.get(`${url(id)}/objections`));
    expect(list.items[0]).toMatchObject({ state: 'upheld', outcome: 'upheld' });
  });

  it('resumes publicity when the objection is dismissed inside the window', async () => {
    clock.set('2026-07-13T02:00:00Z');
    await a.relogin();
    const id = await applyAndSubmit(a, { profile: 'anhui', registryOrgId: ORG.zhuhaiRegistry });
    await reviewUpToDecision(a, id);
    await ok(a.registry.post(`${url(id)}/decide`, { outcome: 'pass' }));
    const objector = await t.as('collaborator.admin');
    const o = await ok(objector.post(`${url(id)}/objections`, { grounds: '名称与我方产品混淆' }), 201);
    await ok(a.registry.post(`/api/v1/rights-objections/${o.id}/accept`, {}));
    await ok(a.registry.post(`/api/v1/rights-objections/${o.id}/dismiss`, { reason: '理由不成立' }));
    expect((await ok(a.applicant.get(url(id)))).state).toBe('publicity');
  });

  it('refuses objections outside publicity where the profile has no post-registration objection (guangdong)', async () => {
    const id = await applyAndSubmit(a, { ...guangdong, procedure: 'simple' });
    const objector = await t.as('collaborator.admin');
    const res = await objector.post(`${url(id)}/objections`, { grounds: '任意理由测试' });
    expect(res.statusCode).toBe(404); // a submitted registration is not public
  });
});

describe('RA scenario 7: Beijing data-IP pledge filed within 10 WD (RA-11)', () => {
  let pledgeId: string;
  it('flags a pledge contracted on 2026-09-01 as overdue once 10 working days pass unfiled', async () => {
    clock.set('2026-08-03T02:00:00Z');
    await a.relogin();
    const ip = {
      profile: 'beijing',
      registryOrgId: ORG.zhuhaiRegistry,
      rightType: 'data_ip',
      subjectKind: 'data_ip',
      objectInfo: { ...applyBody().objectInfo, name: '城市道路拥堵特征数据集' },
    };
    const { id: firstId } = await registerFirst(t, a, (d) => clock.advanceMs(d * 86400_000), ip, 20);
    clock.set('2026-09-01T02:00:00Z');
    await a.relogin();
    const pledge = await ok(
      a.applicant.post(
        '/api/v1/rights-registrations',
        applyBody({
          ...ip,
          regType: 'pledge',
          baseRegistrationId: firstId,
          counterpartyOrgId: ORG.buyer,
          contractDate: '2026-09-01',
        }),
      ),
      201,
    );
    pledgeId = pledge.id;
    expect(pledge.filingDueAt).toBe('2026-09-15T15:59:59.999Z');
    clock.set('2026-09-15T12:00:00Z');
    await a.relogin();
    let mine = await ok(a.applicant.get('/api/v1/rights-registrations?role=mine&state=draft'));
    expect(mine.items.find((r: { id: string }) => r.id === pledgeId).filingOverdue).toBe(false);
    clock.set('2026-09-16T01:00:00Z');
    await a.relogin();
    mine = await ok(a.applicant.get('/api/v1/rights-registrations?role=mine&state=draft'));
    expect(mine.items.find((r: { id: string }) => r.id === pledgeId).filingOverdue).toBe(true);
  });

  it('refuses a separate right type the Beijing profile does not register', async () => {
    const res = await a.applicant.post(
      '/api/v1/rights-registrations',
      applyBody({ profile: 'beijing', registryOrgId: ORG.zhuhaiRegistry }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('RIGHT_TYPE_NOT_ENABLED');
  });
});

describe('bad input at application', () => {
  it('refuses equity shares not totalling 100 (SHARES_NOT_100), a type the profile lacks, and a non-registry', async () => {
    const shares = [
      { orgId: ORG.operator, pct: 60 },
      { orgId: ORG.collaborator, pct: 30 },
    ];
    const r1 = await a.applicant.post('/api/v1/rights-registrations', applyBody({ equityShares: shares }));
    expect(r1.json().error.code).toBe('SHARES_NOT_100');
    const r2 = await a.applicant.post('/api/v1/rights-registrations', applyBody({ regType: 'trust' }));
    expect(r2.json().error.code).toBe('REG_TYPE_NOT_ENABLED');
    const r3 = await a.applicant.post('/api/v1/rights-registrations', applyBody({ registryOrgId: ORG.buyer }));
    expect(r3.json().error.code).toBe('REGISTRY_UNKNOWN');
    const r4 = await a.applicant.post('/api/v1/rights-registrations', applyBody({ regType: 'pledge' }));
    expect(r4.statusCode).toBe(201);
    const sub = await a.applicant.post(`${url(r4.json().id)}/submit`, {});
    expect(sub.statusCode).toBe(422);
    expect(sub.json().error.code).toBe('BASE_REGISTRATION_REQUIRED');
    const core = await ok(
      a.applicant.post(
        '/api/v1/rights-registrations',
        applyBody({ objectInfo: { ...applyBody().objectInfo, grade: 'core' } }),
      ),
      201,
    );
    const refused = await a.applicant.post(`${url(core.id)}/submit`, {});
    expect(refused.json().error.code).toBe('NOT_REGISTRABLE');
  });
});
