import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { resourceId } from '../../seed/catalog.js';
import { runRequestClocks } from './usecases/request-steps.js';

// catalog.md scenario 9 on the jiangsu profile: the provider itself replies within 5 WD.
const clock = new FixedClock(new Date('2026-03-02T02:00:00Z')); // Mon 2026-03-02 10:00 Shanghai
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock, profileId: 'jiangsu' });
});
afterAll(async () => {
  await t?.close();
});

const end = (d: string) => new Date(`${d}T23:59:59.999+08:00`).toISOString();

describe('catalog scenario 9: jiangsu (provider 5 WD, T−1 reminders, refusal with legal basis)', () => {
  let id: string;
  it('a conditional request from another unit gives the provider 5 WD', async () => {
    const req = await t.as('transport.admin'); // 苏州市人力资源和社会保障局 stands in
    const rid = resourceId('vaccination'); // conditional sharing, provided by zh-health (苏州市公积金管理中心 stands in)
    const d = (await req.get(`/api/v1/resources/${rid}`)).json();
    const res = await req.post('/api/v1/share-requests', {
      resourceId: rid,
      fieldIds: [d.fields[4].id],
      scenario: '公积金缴存核查',
      purpose: '缴存人员所属区统计',
      commitmentAccepted: true,
    });
    expect(res.json().state).toBe('under_review');
    id = res.json().id;
    const q = (await req.get('/api/v1/data-requests?kind=share')).json().items.find((x: any) => x.id === id);
    expect(q).toMatchObject({ approverModel: 'provider', clocks: { replyDue: end('2026-03-09') } });
  });

  it('no extension in jiangsu (409 EXTENSION_NOT_AVAILABLE)', async () => {
    const res = await (await t.as('authority.admin')).post(`/api/v1/data-requests/${id}/extend`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('EXTENSION_NOT_AVAILABLE');
  });

  it('no reminder two working days before the due date; on T−1 both sides see one', async () => {
    clock.set('2026-03-05T02:00:00Z'); // Thu: 2 WD left (Fri, Mon)
    expect((await runRequestClocks(t.kernel)).reminders).toBe(0);
    clock.set('2026-03-06T02:00:00Z'); // Fri: 1 WD left
    expect((await runRequestClocks(t.kernel)).reminders).toBe(2);
    expect((await runRequestClocks(t.kernel)).reminders).toBe(0); // once per step
    for (const user of ['transport.admin', 'health.admin']) {
      const items = (await (await t.as(user)).get('/api/v1/catalog-tasks?kind=reminder')).json().items;
      expect(items).toEqual([
        expect.objectContaining({ subjectType: 'DataRequest', subjectId: id, dueAt: end('2026-03-09'), state: 'open' }),
      ]);
    }
    expect((await (await t.as('source.admin')).get('/api/v1/catalog-tasks?kind=reminder')).json().items).toEqual([]);
  });

  it('SHR-04: a refusal lacking legal basis is rejected and changes nothing; with it, the request is refused', async () => {
    const provider = await t.as('health.admin');
    const bad = await provider.post(`/api/v1/data-requests/${id}/refuse`, { reason: '涉及个人信息' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('LEGAL_BASIS_REQUIRED');
    const q = (await provider.get('/api/v1/data-requests?kind=share')).json().items.find((x: any) => x.id === id);
    expect(q.state).toBe('under_review');
    const ok = await provider.post(`/api/v1/data-requests/${id}/refuse`, {
      reason: '涉及个人信息',
      legalBasis: '《个人信息保护法》第十三条',
    });
    expect(ok.json().state).toBe('refused');
  });
});
