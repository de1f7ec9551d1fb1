import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { runRightsClocks } from './usecases/clocks.js';
import { actors, applyBody, ok, ORG, registerFirst, SM3_A, type Actors } from './test/factories.js';

// Scenario 3 (Shenzhen objection, RA-12), with RA-09 (a Shenzhen transfer skips publicity), RA-11
// (a pledge goes on the encumbrance page), RA-18 (the transfer supersedes the certificate) and RA-19.
const clock = new FixedClock(new Date('2026-01-05T02:00:00Z'));
let t: TestApp;
let a: Actors;
let firstId: string;
let certNo: string;
let objector: Client;
const GROUNDS = '该产品使用的企业数据来源于我方，未经许可';
const bundleOf = async (no: string) => ok(t.anonymous.get(`/api/v1/public/certificates/${encodeURIComponent(no)}`));

beforeAll(async () => {
  t = await startTestApp({ clock });
  a = await actors(t);
  ({ id: firstId, certNo } = await registerFirst(t, a, (d) => clock.advanceMs(d * 86400_000)));
  clock.set('2026-03-03T02:00:00Z');
  await a.relogin();
  objector = await t.as('collaborator.admin');
}, 180_000);
afterAll(() => t?.close());

describe('RA scenario 3: Shenzhen post-registration objection (RA-12)', () => {
  let objectionId: string;
  it('refuses an objection before the holder has refused to change or cancel', async () => {
    const res = await objector.post(`/api/v1/rights-registrations/${firstId}/objections`, { grounds: GROUNDS });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('OBJECTION_PREMATURE');
  });

  it('accepts it on 2026-03-03 and notes it on the certificate, with a court-filing clock to the end of 2026-03-18', async () => {
    const o = await ok(
      objector.post(`/api/v1/rights-registrations/${firstId}/objections`, { grounds: GROUNDS, holderRefused: true }),
      201,
    );
    objectionId = o.id;
    expect(o.phase).toBe('post_registration');
    const acc = await ok(a.registry.post(`/api/v1/rights-objections/${o.id}/accept`, {}));
    expect(acc.state).toBe('accepted');
    const list = await ok(a.registry.get(`/api/v1/rights-registrations/${firstId}/objections`));
    expect(list.items[0].resolveDueAt).toBe('2026-03-18T15:59:59.999Z');
    const b = await bundleOf(certNo);
    expect(b.objectionNotes).toEqual([expect.objectContaining({ objectionId: o.id, removed: false })]);
    expect(b.log.events.map((e: { leaf: { event: string } }) => e.leaf.event)).toContain('objection_noted');
  });

  it('gives a transferee written notice and proceeds only with a self-risk undertaking', async () => {
    const buyer = await t.as('buyer.admin');
    const draft = await ok(
      buyer.post(
        '/api/v1/rights-registrations',
        applyBody({
          regType: 'transfer',
          baseRegistrationId: firstId,
          holderOrgId: ORG.buyer,
          counterpartyOrgId: ORG.operator,
        }),
      ),
      201,
    );
    const refused = await buyer.post(`/api/v1/rights-registrations/${draft.id}/submit`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('SELF_RISK_UNDERTAKING_REQUIRED');
    expect(refused.json().error.message_zh).toContain('书面告知');
    const undertaking = { name: '自担风险承诺书.pdf', kind: 'undertaking', sm3: SM3_A };
    const sub = await ok(
      buyer.post(`/api/v1/rights-registrations/${draft.id}/submit`, { selfRiskUndertaking: undertaking }),
    );
    expect(sub.state).toBe('submitted');
  });

  it('keeps the objection on 2026-03-18 and lapses it on 2026-03-19, removing the note', async () => {
    clock.set('2026-03-18T15:00:00Z');
    await runRightsClocks(t.kernel);
    await a.relogin();
    let list = await ok(a.registry.get(`/api/v1/rights-registrations/${firstId}/objections`));
    expect(list.items[0].state).toBe('accepted');
    clock.set('2026-03-19T01:00:00Z');
    await runRightsClocks(t.kernel);
    await a.relogin();
    list = await ok(a.registry.get(`/api/v1/rights-registrations/${firstId}/objections`));
    expect(list.items[0]).toMatchObject({ id: objectionId, state: 'lapsed', outcome: 'lapsed' });
    const b = await bundleOf(certNo);
    expect(b.objectionNotes).toEqual([expect.objectContaining({ objectionId, removed: true })]);
  });

  it('refuses the same objection on the same grounds with OBJECTION_BARRED', async () => {
    objector = await t.as('collaborator.admin');
    const res = await objector.post(`/api/v1/rights-registrations/${firstId}/objections`, {
      grounds: `${GROUNDS}。`,
      holderRefused: true,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('OBJECTION_BARRED');
  });
});

describe('RA-11 / RA-09 / RA-18: pledge and transfer on the Shenzhen certificate', () => {
  it('puts a pledge on the encumbrance page without publicity (RA-09, RA-11)', async () => {
    const pledge = await ok(
      a.applicant.post(
        '/api/v1/rights-registrations',
        applyBody({
          regType: 'pledge',
          baseRegistrationId: firstId,
          counterpartyOrgId: ORG.buyer,
          pledgeInfo: { securedClaim: '贷款 500 万元' },
        }),
      ),
      201,
    );
    const url = `/api/v1/rights-registrations/${pledge.id}`;
    await ok(a.applicant.post(`${url}/submit`, {}));
    await ok(a.registry.post(`${url}/accept`, {}));
    await ok(a.registry.post(`${url}/formal-review`, {}));
    await ok(a.registry.post(`${url}/commission`, { evaluatorOrgId: ORG.evaluator }));
    await ok(a.evaluator.post(`${url}/report`, { passed: true, summary: '质押材料核验通过', reportSm3: SM3_A }));
    const d = await ok(a.registry.post(`${url}/decide`, { outcome: 'pass' }));
    expect(d.state).toBe('registered');
    const b = await bundleOf(certNo);
    expect(b.encumbrances).toEqual([expect.objectContaining({ type: 'pledge', party: '深圳市前海征信服务有限公司' })]);
    expect(b.status.value).toBe('valid');
  });

  it('registers the transfer directly and supersedes the old certificate with a new one for the new holder (RA-18)', async () => {
    const mine = await ok((await t.as('buyer.admin')).get('/api/v1/rights-registrations?role=mine'));
    const transfer = mine.items.find((r: { regType: string }) => r.regType === 'transfer');
    const url = `/api/v1/rights-registrations/${transfer.id}`;
    await ok(a.registry.post(`${url}/accept`, {}));
    await ok(a.registry.post(`${url}/formal-review`, {}));
    await ok(a.registry.post(`${url}/commission`, { evaluatorOrgId: ORG.evaluator }));
    await ok(a.evaluator.post(`${url}/report`, { passed: true, summary: '转移材料核验通过', reportSm3: SM3_A }));
    // RA-09: publishing a Shenzhen transfer is refused; it registers directly.
    expect((await ok(a.registry.post(`${url}/decide`, { outcome: 'pass' }))).state).toBe('registered');
    const reg = await ok(a.registry.get(url));
    const fresh = await bundleOf(reg.certificateNo);
    expect(fresh.certificate).toMatchObject({ supersedes: certNo, holder: { name: '深圳市前海征信服务有限公司' } });
    const old = await bundleOf(certNo);
    expect(old.status.value).toBe('superseded');
    const verify = await ok(t.anonymous.post('/api/v1/public/certificates/verify', { bundle: old }));
    expect(verify).toMatchObject({ result: '通过', status: 'superseded' });
  });
});

describe('RA-19 records readable only by parties, the registry and the evaluator', () => {
  it('answers 404 to an unrelated organization and to the public', async () => {
    const other = await t.as('lab.partner');
    expect((await other.get(`/api/v1/rights-registrations/${firstId}`)).statusCode).toBe(404);
    expect((await t.anonymous.get(`/api/v1/rights-registrations/${firstId}`)).statusCode).toBe(401);
    expect((await a.applicant.get(`/api/v1/rights-registrations/${firstId}`)).statusCode).toBe(200);
  });

  it('refuses review actions to the applicant (403) and to another registry (404)', async () => {
    const draft = await ok(a.applicant.post('/api/v1/rights-registrations', applyBody()), 201);
    await ok(a.applicant.post(`/api/v1/rights-registrations/${draft.id}/submit`, {}));
    expect((await a.applicant.post(`/api/v1/rights-registrations/${draft.id}/accept`, {})).statusCode).toBe(403);
    const otherRegistry = await t.as('authority.admin');
    expect((await otherRegistry.post(`/api/v1/rights-registrations/${draft.id}/accept`, {})).statusCode).toBe(404);
  });
});
