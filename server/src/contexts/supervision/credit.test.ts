import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { oid } from '../../seed/identity.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { runSupervisionClocks } from './usecases/clocks.js';

const clock = new FixedClock(new Date('2026-03-01T02:00:00Z'));
let t: TestApp;
let authority: Client;
async function at(iso: string) {
  clock.set(iso);
  authority = await t.as('authority.admin');
}
beforeAll(async () => {
  t = await startTestApp({ clock });
  await at('2026-03-01T02:00:00Z');
}, 120_000);
afterAll(() => t?.close());

const publicIds = async () =>
  (await t.anonymous.get('/api/v1/public/credit-records')).json().items.map((x: { id: string }) => x.id);

describe('CRD-02/CRD-03 scenario 12: a published bad-faith record, repaired after 6 months, leaves public view but stays on file', () => {
  it('record → determine (basis required) → publish (public, no login) → repair refused before 6 months, allowed on 2026-10-15', async () => {
    const rec = await authority.post('/api/v1/credit-records', {
      subjectUscc: '91440400MA5D11223W',
      subjectOrgId: oid('zh-operator'),
      kind: 'bad_faith',
      area: 'security',
      facts: '未按期报送安全报告且拒不整改',
      jointPunishment: true,
    });
    expect(rec.statusCode, rec.body).toBe(201);
    const id = rec.json().id;
    const noBasis = await authority.post(`/api/v1/credit-records/${id}/determine`, { basisDecisionId: ' ' });
    expect(noBasis.json().error.code).toBe('CREDIT_BASIS_REQUIRED');
    expect((await publicIds()).includes(id)).toBe(false); // a draft is never public
    await authority.post(`/api/v1/credit-records/${id}/determine`, { basisDecisionId: '珠数据〔2026〕1号' });
    const pub = await authority.post(`/api/v1/credit-records/${id}/publish`, { publicUntil: '2029-02-28' });
    expect(pub.json()).toMatchObject({ state: 'published', publicFrom: '2026-03-01' });
    const list = (await t.anonymous.get('/api/v1/public/credit-records')).json().items;
    const mine = list.find((x: { id: string }) => x.id === id);
    expect(mine).toMatchObject({ subjectUscc: '91440400MA5D11223W', jointPunishment: true });
    expect(mine.subjectOrgId).toBeUndefined(); // no internal ids on the public page

    await at('2026-08-31T02:00:00Z');
    const early = await authority.post(`/api/v1/credit-records/${id}/repair`, { evidence: '整改验收通过' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('CREDIT_REPAIR_TOO_EARLY');
    await at('2026-10-15T02:00:00Z');
    const ok = await authority.post(`/api/v1/credit-records/${id}/repair`, { evidence: '整改验收通过' });
    expect(ok.json().state).toBe('repaired');
    expect((await publicIds()).includes(id)).toBe(false);
    expect((await authority.get(`/api/v1/credit-records/${id}`)).json().state).toBe('repaired'); // kept on file
  });
  it('a record expires the day after publicUntil (never earlier) and leaves public view', async () => {
    await at('2026-03-01T02:00:00Z');
    const id = (
      await authority.post('/api/v1/credit-records', {
        subjectUscc: '91440400MA5E223348',
        kind: 'bad_faith',
        area: 'trading',
        facts: '违规转售数据产品',
      })
    ).json().id;
    await authority.post(`/api/v1/credit-records/${id}/determine`, { basisDecisionId: '珠数据〔2026〕2号' });
    await authority.post(`/api/v1/credit-records/${id}/publish`, { publicUntil: '2026-10-31' });
    await at('2026-10-31T15:00:00Z'); // 23:00 Shanghai on the last day
    await runSupervisionClocks(t.kernel);
    expect((await publicIds()).includes(id)).toBe(true);
    await at('2026-11-01T01:00:00Z');
    await runSupervisionClocks(t.kernel);
    expect((await publicIds()).includes(id)).toBe(false);
    expect((await authority.get(`/api/v1/credit-records/${id}`)).json().state).toBe('expired');
  });
  it('only the authority records credit facts', async () => {
    const op = await t.as('operator.admin');
    const res = await op.post('/api/v1/credit-records', {
      subjectUscc: '91440400MA5D11223W',
      kind: 'good_faith',
      area: 'trading',
      facts: 'x',
    });
    expect(res.statusCode).toBe(403);
  });
});
