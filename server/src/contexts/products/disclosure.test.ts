import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { oid } from '../../seed/identity.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { runDisclosureClocks } from './usecases/disclosures.js';

// products-market.md acceptance scenario 11 (PM-30): overdue disclosure, publication, correction, all versions public.
const clock = new FixedClock(new Date('2027-03-20T02:00:00Z'));
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t?.close());

const page = async (org: string) => (await t.anonymous.get(`/api/v1/public/disclosures/${org}/2026`)).json();

describe('scenario 11: annual disclosure', () => {
  it('an unpublished 2026 disclosure is overdue on 2027-04-01; published 04-03 and corrected 04-10, both versions stay public', async () => {
    const op = oid('zh-operator');
    const dev = await t.as('operator.dev');
    const gen = await dev.post('/api/v1/disclosures', { year: 2026 });
    expect(gen.statusCode, gen.body).toBe(201);
    expect(gen.json()).toMatchObject({ state: 'draft', role: 'operator', reportVersion: 1 });
    expect(Object.keys(gen.json().sections).sort()).toEqual([
      'authorizedResources',
      'feeStandards',
      'organization',
      'products',
    ]);
    expect((await page(op)).status).toBe('pending');
    // IAM-13: the author does not review its own draft.
    expect((await dev.post(`/api/v1/disclosures/${gen.json().id}/review`)).statusCode).toBe(403);

    clock.set('2027-04-01T02:00:00Z');
    expect(await runDisclosureClocks(t.kernel)).toBe(1);
    const late = await page(op);
    expect(late).toMatchObject({ status: 'overdue', statusZh: '未按期披露', versions: [] });

    clock.set('2027-04-03T02:00:00Z');
    const admin = await t.as('operator.admin');
    expect((await admin.post(`/api/v1/disclosures/${gen.json().id}/review`)).json().state).toBe('reviewed');
    const pub = await admin.post(`/api/v1/disclosures/${gen.json().id}/publish`);
    expect(pub.statusCode, pub.body).toBe(200);
    expect(await page(op)).toMatchObject({ status: 'published', statusZh: '已披露' });

    clock.set('2027-04-10T02:00:00Z');
    const dev2 = await t.as('operator.dev');
    const cor = await dev2.post(`/api/v1/disclosures/${gen.json().id}/corrections`, { reason: '补充收费标准' });
    expect(cor.statusCode, cor.body).toBe(201);
    expect(cor.json()).toMatchObject({ reportVersion: 2, correctionOf: gen.json().id });
    const admin2 = await t.as('operator.admin');
    await admin2.post(`/api/v1/disclosures/${cor.json().id}/review`);
    expect((await admin2.post(`/api/v1/disclosures/${cor.json().id}/publish`)).statusCode).toBe(200);
    const both = await page(op);
    expect(both.versions.map((v: { reportVersion: number }) => v.reportVersion)).toEqual([1, 2]);
    expect(both.versions[0].publishedAt.slice(0, 10)).toBe('2027-04-03');
  });

  it('the authority discloses its own information, authorizations and fee caps', async () => {
    const gen = await (await t.as('authority.reviewer')).post('/api/v1/disclosures', { year: 2026 });
    expect(gen.statusCode, gen.body).toBe(201);
    expect(gen.json().role).toBe('authority');
    expect(Object.keys(gen.json().sections).sort()).toEqual(['authorizations', 'feeCaps', 'organization']);
    const admin = await t.as('authority.admin');
    expect((await admin.post(`/api/v1/disclosures/${gen.json().id}/review`)).statusCode).toBe(200);
    expect((await admin.post(`/api/v1/disclosures/${gen.json().id}/publish`)).statusCode).toBe(200);
    // A second generation for the same year is a correction, not a new draft.
    expect((await admin.post('/api/v1/disclosures', { year: 2026 })).json().error.code).toBe('DISCLOSURE_EXISTS');
  });

  it('a buyer is no discloser', async () => {
    expect((await (await t.as('buyer.admin')).post('/api/v1/disclosures', { year: 2026 })).statusCode).toBe(403);
  });
});
