import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, jid, uid } from '../../seed/identity.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { usccCheckChar } from './codes.js';

// PER-06: an active exchange needs exactly one active compliance_officer whose membership records a
// senior-management position (title + appointment document, attested by org_admin).
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

async function actingFor(login: string, orgId: string) {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: login, password: DEMO_PASSWORD, orgId },
  });
  const cookie = String(r.headers['set-cookie']).split(';')[0]!;
  const headers = { cookie, 'x-csrf-token': r.json().csrfToken as string };
  return {
    put: (url: string, payload: unknown) =>
      t.app.inject({ method: 'PUT', url, headers, payload: payload as Record<string, unknown> }),
  };
}

describe('PER-06 exchange compliance officer', () => {
  it('grants exchange only with one compliance officer in a recorded senior-management position, and keeps exactly one', async () => {
    const authority = await t.as('authority.admin');
    const stem = '91440400MA7K99001';
    const org = (
      await authority.post('/api/v1/orgs', {
        entityKind: 'enterprise',
        nameZh: '珠海数据交易所有限公司',
        uscc: `${stem}${usccCheckChar(stem)}`,
        registeredAddress: '珠海市横琴',
        homeJurisdictionId: jid('440400'),
      })
    ).json().id as string;
    expect((await (await t.as('authority.reviewer')).post(`/api/v1/orgs/${org}/verify`, {})).statusCode).toBe(200);
    const adminM = randomUUID();
    const officerM = randomUUID();
    await sql`INSERT INTO membership (id, user_id, org_id, roles, state, version) VALUES
      (${adminM}, ${uid('collaborator.admin')}, ${org}, '["org_admin"]', 'active', 1), (${officerM}, ${uid('lab.initiator')}, ${org}, '["member"]', 'active', 1)`.execute(
      t.kernel.db,
    );
    const platform = await t.as('platform.admin');
    const body = {
      actor: 'exchange',
      jurisdictionId: jid('440400'),
      basisType: 'designation',
      basisRef: '珠府函〔2026〕12号',
    };
    const none = await platform.post(`/api/v1/orgs/${org}/actor-roles`, body);
    expect(none.statusCode).toBe(409);
    expect(none.json().error).toMatchObject({ code: 'COMPLIANCE_OFFICER_COUNT', details: { ruleId: 'PER-06' } });
    const noPosition = await platform.post(`/api/v1/orgs/${org}/actor-roles`, {
      ...body,
      complianceOfficerMembershipId: officerM,
    });
    expect(noPosition.json().error.code).toBe('COMPLIANCE_OFFICER_POSITION_MISSING');

    const admin = await actingFor('collaborator.admin', org);
    expect(
      (
        await admin.put(`/api/v1/orgs/${org}/members/${adminM}/position`, {
          title: '总经理',
          appointmentDocRef: '任命文件 2026-01',
        })
      ).json().error.code,
    ).toBe('SELF_ACTION_FORBIDDEN');
    expect(
      (
        await admin.put(`/api/v1/orgs/${org}/members/${officerM}/position`, {
          title: '副总经理（合规）',
          appointmentDocRef: '董事会决议 2026-03',
        })
      ).statusCode,
    ).toBe(200);
    const ok = await platform.post(`/api/v1/orgs/${org}/actor-roles`, {
      ...body,
      complianceOfficerMembershipId: officerM,
    });
    expect(ok.statusCode).toBe(201);
    const roles = (
      await sql<{ roles: string[] }>`SELECT roles FROM membership WHERE id = ${officerM}`.execute(t.kernel.db)
    ).rows[0]!.roles;
    expect(roles).toContain('compliance_officer');

    // The one officer cannot be removed while the exchange role is active.
    const removed = await admin.put(`/api/v1/orgs/${org}/members/${officerM}/roles`, { roles: ['member'] });
    expect(removed.statusCode).toBe(409);
    expect(removed.json().error).toMatchObject({ code: 'COMPLIANCE_OFFICER_COUNT', details: { ruleId: 'PER-06' } });
    expect(
      (
        await admin.put(`/api/v1/orgs/${org}/members/${officerM}/roles`, {
          roles: ['member', 'compliance_officer', 'auditor'],
        })
      ).statusCode,
    ).toBe(200);
  });
});
