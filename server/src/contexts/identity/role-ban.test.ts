import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { loadProfile } from '../../kernel/profiles/index.js';
import { demoId } from '../../seed/ids.js';
import { jid, oid } from '../../seed/identity.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { PER_05, type RoleGrantFacts } from './rules.js';

// PER-05: a lab_partner whose role was revoked may not re-enter for lab.banYearsAfterRevocation (1) years
// from the day the revocation took effect, lab.banYearsSeriousMisconduct (3) after obstruction or fraud.
const clock = new FixedClock(new Date('2026-11-02T02:00:00Z'));
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t?.close());

const grantBody = {
  actor: 'lab_partner',
  jurisdictionId: jid('440400'),
  basisType: 'lab_certificate',
  basisRef: 'LAB-CERT-2026-01',
};
const grantLab = async () =>
  (await t.as('authority.admin')).post(`/api/v1/orgs/${oid('zh-labpartner')}/actor-roles`, grantBody);

describe('PER-05 ban after a lab_partner revocation', () => {
  it('rule: only lab_partner grants are checked; the latest ban end counts', () => {
    const p = loadProfile('zhuhai');
    const f = (over: Partial<RoleGrantFacts>): RoleGrantFacts => ({
      actor: 'lab_partner',
      blacklisted: false,
      incidentsInWindow: 0,
      otherActiveActors: [],
      grantorActor: 'authority',
      entityKind: 'enterprise',
      hasPrimarySecurityOfficer: true,
      today: '2027-01-01',
      endedLabPartnerRoles: [{ cause: 'revoked', endedOn: '2026-06-01' }],
      ...over,
    });
    expect(PER_05.check(f({}), p)).toMatchObject({ ok: false, code: 'ORG_BANNED', params: { until: '2027-06-01' } });
    expect(PER_05.check(f({ today: '2027-06-01' }), p).ok).toBe(true);
    expect(PER_05.check(f({ actor: 'buyer' }), p).ok).toBe(true);
    expect(PER_05.check(f({ endedLabPartnerRoles: [{ cause: 'agreement_ended', endedOn: '2026-10-01' }] }), p).ok).toBe(
      true,
    );
    expect(
      PER_05.check(
        f({
          endedLabPartnerRoles: [
            { cause: 'revoked', endedOn: '2026-06-01' },
            { cause: 'revoked_serious', endedOn: '2025-01-01' },
          ],
        }),
        p,
      ),
    ).toMatchObject({ ok: false, params: { until: '2028-01-01' } });
  });

  it('API: the authority revokes the role; a new grant is 409 ORG_BANNED for a year, 3 years after serious misconduct', async () => {
    const op = await t.as('operator.admin');
    const role = demoId('role:zh-labpartner:lab_partner');
    expect(
      (
        await op.post(`/api/v1/orgs/${oid('zh-labpartner')}/actor-roles/${role}/end`, {
          cause: 'revoked',
          reason: '越权',
        })
      ).statusCode,
    ).toBe(404);
    const authority = await t.as('authority.admin');
    const end = await authority.post(`/api/v1/orgs/${oid('zh-labpartner')}/actor-roles/${role}/end`, {
      cause: 'revoked',
      reason: '实验室协议终止',
      effectiveOn: '2026-10-01',
    });
    expect(end.statusCode).toBe(200);
    expect(end.json().state).toBe('ended');
    const banned = await grantLab();
    expect(banned.statusCode).toBe(409);
    expect(banned.json().error).toMatchObject({ code: 'ORG_BANNED', details: { ruleId: 'PER-05' } });
    clock.set('2027-10-01T02:00:00Z');
    const again = await grantLab();
    expect(again.statusCode).toBe(201);
    const serious = await (await t.as('authority.admin')).post(
      `/api/v1/orgs/${oid('zh-labpartner')}/actor-roles/${again.json().id}/end`,
      { cause: 'revoked_serious', reason: '阻挠监督检查' },
    );
    expect(serious.statusCode).toBe(200);
    clock.set('2030-09-30T02:00:00Z');
    expect((await grantLab()).json().error.code).toBe('ORG_BANNED');
    clock.set('2030-10-01T02:00:00Z');
    expect((await grantLab()).statusCode).toBe(201);
  });
});
