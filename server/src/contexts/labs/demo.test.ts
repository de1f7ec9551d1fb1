import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../../seed/ids.js';
import { startTestApp, type TestApp } from '../../test/harness.js';

// The labs demo (seed/labs.ts): what a new user sees after `npm start`.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 120_000);
afterAll(() => t?.close());

describe('labs demo seed', () => {
  it('shows a certified lab publicly and an application under review to both demo parties', async () => {
    const pub = (await t.anonymous.get('/api/v1/public/labs')).json();
    expect(pub.items).toContainEqual(
      expect.objectContaining({ labNo: 'ZHLAB-2026-001', state: 'active', validTo: '2029-07-15' }),
    );
    for (const login of ['lab.initiator', 'lab.partner']) {
      const c = await t.as(login);
      const apps = (await c.get('/api/v1/lab-applications')).json();
      expect(apps.items.map((a: { state: string }) => a.state).sort()).toEqual(['shortlisted', 'under_review']);
      const labs = (await c.get('/api/v1/labs')).json();
      expect(labs.items[0]).toMatchObject({ state: 'active', plaque: { status: 'valid' } });
      const agreements = (await c.get(`/api/v1/labs/${labs.items[0].id}/agreements`)).json();
      expect(agreements.items[0]).toMatchObject({ state: 'filed', grantIds: [expect.any(String)] });
    }
    const authority = await t.as('authority.admin');
    const review = (await authority.get('/api/v1/lab-applications?state=under_review')).json();
    expect(review.items[0].abilities).toContain('shortlist');
    // Duties (decision 0085): the Q3 usage report submitted, a training recorded, the policy renewal overdue.
    const duties = (await (await t.as('lab.partner')).get(`/api/v1/labs/${demoId('lab:transit')}/duties`)).json();
    const byKey = (key: string) => duties.duties.find((d: { key: string }) => d.key === key);
    expect(byKey('usage_reports:2026-07-15')).toMatchObject({ state: 'ok', evidence: [{ state: 'submitted' }] });
    expect(byKey('security_policy:2025-11-20')).toMatchObject({ state: 'overdue', dueOn: '2026-11-20' });
    expect(byKey('trainings:2026-07-15')).toMatchObject({ actual: 1 });
    const stranger = await t.as('operator.admin');
    expect((await stranger.get('/api/v1/labs')).json().total).toBe(0);
  });
});
