import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { runRightsClocks } from './usecases/clocks.js';
import { actors, applyBody, ok, ORG, registerFirst, reviewUpToDecision, type Actors } from './test/factories.js';

// Scenario 5 (Guizhou renewal, RA-14) and RA-15 (an unrenewed Guizhou certificate is cancelled and announced).
const clock = new FixedClock(new Date('2025-04-21T02:00:00Z'));
let t: TestApp;
let a: Actors;
const guizhou = {
  profile: 'guizhou',
  registryOrgId: ORG.zhuhaiRegistry,
  objectInfo: { ...applyBody().objectInfo, agreementEnd: '2031-12-31' },
};
const registeredOn = () => clock.set('2025-06-30T02:00:00Z');
let renewed: { id: string; certNo: string };
let lapsing: { id: string; certNo: string };
const bundleOf = async (no: string) => ok(t.anonymous.get(`/api/v1/public/certificates/${encodeURIComponent(no)}`));

beforeAll(async () => {
  t = await startTestApp({ clock });
  a = await actors(t, 'operator.admin', 'authority.admin');
  renewed = await registerFirst(t, a, registeredOn, guizhou);
  clock.set('2025-04-21T02:00:00Z');
  await a.relogin();
  lapsing = await registerFirst(t, a, registeredOn, guizhou);
}, 180_000);
afterAll(() => t?.close());

describe('RA scenario 5: Guizhou renewal (RA-14, RA-15)', () => {
  it('numbers Guizhou certificates as OIDs and gives them 2 years (to 2027-06-30)', async () => {
    expect(renewed.certNo).toMatch(/^1\.2\.156\.3088\.52\.2025\.\d+$/);
    expect((await bundleOf(renewed.certNo)).certificate.validTo).toBe('2027-06-30');
  });

  it('refuses a renewal before the window opens (RENEWAL_WINDOW_CLOSED)', async () => {
    clock.set('2027-05-20T02:00:00Z');
    await a.relogin();
    const d = await ok(
      a.applicant.post(
        '/api/v1/rights-registrations',
        applyBody({ ...guizhou, regType: 'renewal', baseRegistrationId: renewed.id }),
      ),
      201,
    );
    const res = await a.applicant.post(`/api/v1/rights-registrations/${d.id}/submit`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('RENEWAL_WINDOW_CLOSED');
  });

  it('renews on 2027-06-05 to 2029-06-30, superseding the old certificate', async () => {
    clock.set('2027-06-05T02:00:00Z');
    await a.relogin();
    const d = await ok(
      a.applicant.post(
        '/api/v1/rights-registrations',
        applyBody({ ...guizhou, regType: 'renewal', baseRegistrationId: renewed.id }),
      ),
      201,
    );
    await ok(a.applicant.post(`/api/v1/rights-registrations/${d.id}/submit`, {}));
    await reviewUpToDecision(a, d.id);
    expect((await ok(a.registry.post(`/api/v1/rights-registrations/${d.id}/decide`, { outcome: 'pass' }))).state).toBe(
      'registered',
    );
    const reg = await ok(a.applicant.get(`/api/v1/rights-registrations/${d.id}`));
    const fresh = await bundleOf(reg.certificateNo);
    expect(fresh.certificate.validTo).toBe('2029-06-30');
    expect((await bundleOf(renewed.certNo)).status.value).toBe('superseded');
  });

  it('cancels and announces the unrenewed certificate on 2027-07-01 (cert.autoCancelOnLapse)', async () => {
    clock.set('2027-06-30T15:00:00Z');
    await runRightsClocks(t.kernel);
    expect((await bundleOf(lapsing.certNo)).status.value).toBe('valid');
    clock.set('2027-07-01T01:00:00Z');
    const out = await runRightsClocks(t.kernel);
    expect(out.cancelled).toBe(1);
    const b = await bundleOf(lapsing.certNo);
    expect(b.status.value).toBe('cancelled');
    expect(b.log.events.at(-1).leaf).toMatchObject({ event: 'status', status: 'cancelled' });
    const list = await ok(t.anonymous.get('/api/v1/public/certificates?pageSize=100'));
    expect(list.items.find((i: { number: string }) => i.number === lapsing.certNo).status).toBe('cancelled');
  });
});
