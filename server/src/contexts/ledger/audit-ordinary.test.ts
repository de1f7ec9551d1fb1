import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GRANTS, DEMO_SERVICES, demoApiKeySecret } from '../../seed/sandbox.js';
import { oid } from '../../seed/identity.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { ensureSandboxDemo } from '../sandbox/test/factories.js';
import { auditLedger } from './usecases/audit.js';
import { flushLog } from './usecases/public-ledger.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await ensureSandboxDemo(t.kernel);
}, 120_000);
afterAll(() => t?.close());

async function cleanAudit() {
  await flushLog(t.kernel, 'main', { forceCheckpoint: true });
  await flushLog(t.kernel, 'audit', { forceCheckpoint: true });
  return auditLedger(t.kernel, { openIncident: false });
}

describe('LED-11 (c) the audit is clean after ordinary work (issue 12 finding 2)', () => {
  it('logins, failed logins, logouts, keys, invitations, a password change, data-service calls, exports, a job and its egress request, an evidence package and a legal hold leave a clean audit', async () => {
    // Several users log in; one mistypes first; one logs out.
    await expect(
      t.anonymous.post('/api/v1/auth/login', { username: 'buyer.admin', password: 'wrong-password' }),
    ).resolves.toMatchObject({ statusCode: 401 });
    const buyer = await t.as('buyer.admin');
    const operator = await t.as('operator.admin');
    const authority = await t.as('authority.admin');
    const source = await t.as('source.admin');
    await t.as('regulator.viewer');
    expect((await source.post('/api/v1/auth/logout')).statusCode).toBe(200);

    // An API key: created, used, refused from another address, revoked (a state change after audit-only entries).
    const key = await buyer.post(`/api/v1/orgs/${oid('buyer')}/api-keys`, {
      name: 'audit',
      scopes: [{ objectType: 'order', objectId: '00000000-0000-4000-8000-000000000012', actions: ['data.verify'] }],
      ipAllowList: ['127.0.0.1/32'],
    });
    expect(key.statusCode).toBe(201);
    const { secret, id: keyId } = key.json();
    await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${secret}` },
      remoteAddress: '127.0.0.1',
    });
    await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${secret}` },
      remoteAddress: '198.51.100.7',
    });
    expect((await buyer.post(`/api/v1/orgs/${oid('buyer')}/api-keys/${keyId}/revoke`)).statusCode).toBe(200);

    // An invitation, accepted; the new member logs in, then changes the password (a User transition after a login).
    const inv = await operator.post(`/api/v1/orgs/${oid('zh-operator')}/members`, {
      loginName: 'ledger.audit',
      realName: '审计测试',
      roles: ['developer'],
    });
    expect(inv.statusCode).toBe(201);
    expect(
      (
        await t.anonymous.post('/api/v1/auth/invitations/accept', {
          token: inv.json().invitationToken,
          password: 'Quiet-harbor-2026',
        })
      ).statusCode,
    ).toBe(200);
    const member = await t.as('ledger.audit', 'Quiet-harbor-2026');
    expect(
      (
        await member.post('/api/v1/auth/password', {
          oldPassword: 'Quiet-harbor-2026',
          newPassword: 'Bright-lantern-77',
        })
      ).statusCode,
    ).toBe(200);
    await t.as('ledger.audit', 'Bright-lantern-77');

    // Data-service calls with the demo key, a catalog export (twice: one audit object), a refused cross-tenant read.
    for (let i = 0; i < 3; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: `/api/v1/services/${DEMO_SERVICES.verify}/call`,
        headers: { authorization: `Bearer ${demoApiKeySecret(t.kernel)}` },
        payload: { 统一社会信用代码: '91440400MA5D11220X', 企业名称: '珠海市测试有限公司' },
      });
      expect(r.statusCode).toBeLessThan(500);
    }
    for (let i = 0; i < 2; i++) expect((await authority.get('/api/v1/catalog/export')).statusCode).toBeLessThan(500);
    await buyer.post(`/api/v1/orgs/${oid('zh-operator')}/api-keys`, {
      name: 'x',
      scopes: [],
      ipAllowList: ['127.0.0.1/32'],
    });

    // A sandbox job and its egress request; an evidence package; a legal hold placed and released.
    const dev = await t.as('operator.dev');
    const ws = (
      await sql<{ id: string }>`SELECT id FROM sandbox_workspace WHERE grant_id = ${DEMO_GRANTS.verify}
      AND holder_org_id = (SELECT holder_org_id FROM data_grant WHERE id = ${DEMO_GRANTS.verify})`.execute(t.kernel.db)
    ).rows[0]!;
    await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: 'SELECT * FROM 不存在的表' }); // refused by the sandbox: recorded too
    const job = await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, {
      sql: 'SELECT 所属区, count(*) AS n FROM 企业登记信息 GROUP BY 所属区',
    });
    expect(job.statusCode, job.body).toBeLessThan(300);
    const eg = await dev.post('/api/v1/egress-requests', {
      workspaceId: ws.id,
      sourceJobId: job.json().id,
      outputKind: 'aggregate_table',
      declaredUse: 'own_analysis',
      justification: '审计测试',
    });
    expect(eg.statusCode, eg.body).toBeLessThan(300);
    expect(
      (
        await authority.post('/api/v1/evidence-packages', {
          objectType: 'Workspace',
          objectId: ws.id,
          purpose: '审计测试',
        })
      ).statusCode,
    ).toBeLessThan(300);
    const hold = await authority.post('/api/v1/legal-holds', {
      objectType: 'Workspace',
      objectId: ws.id,
      reason: '审计测试',
    });
    expect(hold.statusCode).toBe(201);
    expect(
      (await authority.post(`/api/v1/legal-holds/${hold.json().id}/release`, { reason: '审计测试' })).statusCode,
    ).toBe(200);

    const r = await cleanAudit();
    expect(r.mismatches).toEqual([]);
    expect(r.clean).toBe(true);
  }, 120_000);
});
