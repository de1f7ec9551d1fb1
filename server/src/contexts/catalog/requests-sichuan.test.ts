import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { resourceId } from '../../seed/catalog.js';
import { runRequestClocks } from './usecases/request-steps.js';

// catalog.md scenario 8 on the sichuan profile: the authority decides after consulting the provider.
const clock = new FixedClock(new Date('2025-03-03T02:00:00Z')); // Mon 2025-03-03 10:00 Shanghai
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock, profileId: 'sichuan' });
});
afterAll(async () => {
  await t?.close();
});

const end = (d: string) => new Date(`${d}T23:59:59.999+08:00`).toISOString();
const at = (d: string) => clock.set(`${d}T02:00:00Z`);

/** A conditional ShareRequest (社会保险参保信息 stands in as 预防接种登记信息, conditional sharing). */
async function fileConditional() {
  const req = await t.as('transport.admin');
  const rid = resourceId('vaccination');
  const d = (await req.get(`/api/v1/resources/${rid}`)).json();
  const res = await req.post('/api/v1/share-requests', {
    resourceId: rid,
    fieldIds: [d.fields[4].id],
    scenario: '医保参保核查',
    purpose: '参保人员所属区统计',
    dutyBasis: '《社会保险法》',
    commitmentAccepted: true,
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

const get = async (id: string) =>
  (await (await t.as('transport.admin')).get('/api/v1/data-requests?kind=share&pageSize=100'))
    .json()
    .items.find((x: any) => x.id === id);

describe('catalog scenario 8: sichuan chain (extension, provider consultation, delivery)', () => {
  let id: string;
  it('received Mon 2025-03-03: under review, reply due 2025-03-10', async () => {
    at('2025-03-03');
    id = await fileConditional();
    expect(await get(id)).toMatchObject({
      state: 'under_review',
      approverModel: 'authority_consults_provider',
      clocks: { replyDue: end('2025-03-10') },
    });
  });

  it('SHR-02 approver model: the provider may not decide before it is consulted (403 REQUEST_APPROVER_MISMATCH)', async () => {
    const res = await (await t.as('health.admin')).post(`/api/v1/data-requests/${id}/approve`, {});
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('REQUEST_APPROVER_MISMATCH');
  });

  it('the authority extends: the due date moves from 2025-03-10 to 2025-03-17; the requester cannot extend', async () => {
    expect((await (await t.as('transport.admin')).post(`/api/v1/data-requests/${id}/extend`, {})).statusCode).toBe(403);
    const res = await (await t.as('authority.admin')).post(`/api/v1/data-requests/${id}/extend`, {});
    expect(res.json().state).toBe('extended');
    expect((await get(id)).clocks.replyDue).toBe(end('2025-03-17'));
  });

  it('the provider gets 3 WD; it consents on day 2 and delivery is due 2 WD after consent', async () => {
    at('2025-03-11');
    expect(
      (await (await t.as('authority.admin')).post(`/api/v1/data-requests/${id}/consult-provider`, {})).json().state,
    ).toBe('provider_consulted');
    expect((await get(id)).clocks.providerDue).toBe(end('2025-03-14'));
    at('2025-03-13');
    expect(
      (await (await t.as('authority.admin')).post(`/api/v1/data-requests/${id}/approve`, {})).json().error.code,
    ).toBe('REQUEST_APPROVER_MISMATCH');
    expect(
      (await (await t.as('health.admin')).post(`/api/v1/data-requests/${id}/approve`, { reason: '同意共享' })).json()
        .state,
    ).toBe('approved');
    expect((await get(id)).clocks.deliverDue).toBe(end('2025-03-17'));
  });

  it('a missed delivery is flagged overdue; delivering later still works', async () => {
    at('2025-03-18');
    expect((await runRequestClocks(t.kernel)).overdue).toBeGreaterThanOrEqual(1);
    expect(await get(id)).toMatchObject({ state: 'approved', overdue: true });
    expect((await (await t.as('health.admin')).post(`/api/v1/data-requests/${id}/deliver`, {})).json().state).toBe(
      'delivered',
    );
  });

  it('a provider that misses its 3 WD is overdue, not approved', async () => {
    at('2025-03-03');
    const other = await fileConditional();
    await (await t.as('authority.admin')).post(`/api/v1/data-requests/${other}/consult-provider`, {});
    expect((await get(other)).clocks.providerDue).toBe(end('2025-03-06'));
    at('2025-03-05');
    await runRequestClocks(t.kernel);
    expect(await get(other)).toMatchObject({ state: 'provider_consulted', overdue: false });
    at('2025-03-07');
    await runRequestClocks(t.kernel);
    const q = await get(other);
    expect(q).toMatchObject({ state: 'provider_consulted', overdue: true });
    expect(q.clocks.overdueSteps).toEqual([
      expect.objectContaining({ step: 'provider_consulted', dueAt: end('2025-03-06') }),
    ]);
  });
});

describe('CAT-07 sichuan: sub-catalogs are reviewed by the parent jurisdiction', () => {
  it('珠海’s own authority may not publish (403 CATALOG_APPROVER_LEVEL); the 广东 authority may', async () => {
    const rid = resourceId('trademark-pledge');
    const own = await (await t.as('authority.admin')).post(`/api/v1/resources/${rid}/publish`, {});
    expect(own.statusCode).toBe(403);
    expect(own.json().error.details.failures.map((f: any) => f.ruleId)).toContain('CAT-07');
    expect((await (await t.as('gd.reviewer')).post(`/api/v1/resources/${rid}/publish`, {})).json().state).toBe(
      'published',
    );
  });
});
