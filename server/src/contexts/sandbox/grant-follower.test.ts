import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { FixedClock } from '../../kernel/clock.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { DEMO_GRANTS, DEMO_SERVICES, demoApiKeySecret } from '../../seed/sandbox.js';
import { runAuthorizationClocks } from '../authorization/service.js';
import { ensureSandboxDemo } from './test/factories.js';
import { aggregateEgress } from './test/http.js';

// Grant transitions reach the sandbox in their own transaction (decision 0062): no sweep runs in this file.
const clock = new FixedClock(new Date());
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
  await ensureSandboxDemo(t.kernel);
}, 120_000);
afterAll(() => t?.close());

const call = () =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/services/${DEMO_SERVICES.verify}/call`,
    headers: { authorization: `Bearer ${demoApiKeySecret(t.kernel)}` },
    payload: { 统一社会信用代码: '91440400MA5D11223W', 企业名称: 'x' },
  });
const templateState = async () =>
  (
    await sql<{ state: string }>`SELECT state FROM sandbox_service WHERE id = ${DEMO_SERVICES.verify}`.execute(
      t.kernel.db,
    )
  ).rows[0]!.state;
const wsState = async (grantId: string) =>
  (
    await sql<{
      state: string;
    }>`SELECT state FROM sandbox_workspace WHERE grant_id = ${grantId} ORDER BY created_at`.execute(t.kernel.db)
  ).rows.map((r) => r.state);

/** operator.dev's Job on the verification Grant's Workspace and its EgressRequest (checks run). */
async function pendingEgress(sql: string) {
  const dev = await t.as('operator.dev');
  const ws = (await dev.get('/api/v1/workspaces'))
    .json()
    .items.find((w: { grantId: string; seats: unknown[] }) => w.grantId === DEMO_GRANTS.verify && w.seats.length);
  return { dev, eg: await aggregateEgress(dev, ws.id, sql) };
}

describe('sandbox scenario 12 / SBX-13: a suspension takes effect on the NEXT data-service call, and the Workspace freezes in the same transaction', () => {
  it('200 → suspend → 409 GRANT_SUSPENDED at once (no cache window), Workspace frozen, pending egress held → resume → 200, Workspace active', async () => {
    const { dev, eg } = await pendingEgress('SELECT 所属区, count(*) AS n FROM 企业登记信息 GROUP BY 所属区');
    expect(eg.status).toBe('awaiting_review');
    expect((await call()).statusCode).toBe(200); // the call facts are now cached

    const authority = await t.as('authority.admin');
    expect(
      (await authority.post(`/api/v1/grants/${DEMO_GRANTS.verify}/suspend`, { reason: '整改令' })).statusCode,
    ).toBe(200);
    const refused = await call();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('GRANT_SUSPENDED');
    expect(await wsState(DEMO_GRANTS.verify)).toEqual(['frozen', 'frozen']); // operator's and collaborator's
    expect((await dev.get(`/api/v1/egress-requests/${eg.id}`)).json().status).toBe('held');
    expect(await templateState()).toBe('suspended'); // sandbox.md Template lifecycle follows the Grant

    expect(
      (await authority.post(`/api/v1/grants/${DEMO_GRANTS.verify}/resume`, { reason: '整改验收通过' })).statusCode,
    ).toBe(200);
    expect((await call()).statusCode).toBe(200);
    expect(await wsState(DEMO_GRANTS.verify)).toEqual(['active', 'active']);
    expect(await templateState()).toBe('active');
    expect((await dev.get(`/api/v1/egress-requests/${eg.id}`)).json().status).toBe('awaiting_review');
  });

  it('a returned request is held with the Workspace and resumes returned, to its author, not to a reviewer', async () => {
    const { dev, eg } = await pendingEgress('SELECT count(*) AS n FROM 企业登记信息');
    const authority = await t.as('authority.admin');
    const back = await authority.post(`/api/v1/egress-requests/${eg.id}/reviews`, {
      decision: 'return',
      reason: '请补充用途说明',
    });
    expect(back.statusCode, back.body).toBe(200);
    const status = async () => (await dev.get(`/api/v1/egress-requests/${eg.id}`)).json().status;
    expect(await status()).toBe('returned');
    const grant = (path: string, reason: string) =>
      authority.post(`/api/v1/grants/${DEMO_GRANTS.verify}/${path}`, { reason });
    expect((await grant('suspend', '安全事件处置期间暂停')).statusCode).toBe(200);
    expect(await status()).toBe('held');
    expect((await grant('resume', '整改验收通过')).statusCode).toBe(200);
    expect(await status()).toBe('returned');
  });
});

describe("AUTH-18 in the data-service gateway: after the Grant's end date a call is refused at once", () => {
  it('the last day answers 200; the next day GRANT_EXPIRED before any expiry job; the job then expires the Grant and closes its Workspaces in that transaction', async () => {
    // The demo Grant ends 2027-12-31, after the demo contract; this Grant's period is moved inside the contract's.
    const end = (await sql<{ d: string }>`SELECT to_char(current_date + 30, 'YYYY-MM-DD') AS d`.execute(t.kernel.db))
      .rows[0]!.d;
    await sql`UPDATE data_grant SET valid_to = ${end} WHERE id = ${DEMO_GRANTS.verify}`.execute(t.kernel.db);
    clock.set(`${end}T15:00:00Z`); // 23:00 Asia/Shanghai on the last day
    const last = await call();
    expect(last.statusCode, last.body).toBe(200);
    clock.set(`${end}T16:00:01Z`); // 00:00:01 the day after
    const after = await call();
    expect(after.statusCode).toBe(409);
    expect(after.json().error).toMatchObject({ code: 'GRANT_EXPIRED', details: { ruleId: 'AUTH-18' } });
    expect(await wsState(DEMO_GRANTS.verify)).toEqual(['active', 'active']);
    await runAuthorizationClocks(t.kernel);
    expect(
      (await sql<{ state: string }>`SELECT state FROM data_grant WHERE id = ${DEMO_GRANTS.verify}`.execute(t.kernel.db))
        .rows[0]!.state,
    ).toBe('expired');
    expect(await wsState(DEMO_GRANTS.verify)).toEqual(['closing', 'closing']);
    expect(await templateState()).toBe('retired');
  });
});

describe("AUTH-26 / SBX-13: a revoked Grant's Workspace closes in the revocation's transaction and its open egress is withdrawn", () => {
  it('revoke → every Workspace of the Grant is closing when the request returns', async () => {
    clock.set(new Date());
    const authority = await t.as('authority.admin');
    const before = await wsState(DEMO_GRANTS.stats);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((s) => s === 'active')).toBe(true);
    const r = await authority.post(`/api/v1/grants/${DEMO_GRANTS.stats}/revoke`, { reason: '违规使用' });
    expect(r.statusCode, r.body).toBe(200);
    const states = await wsState(DEMO_GRANTS.stats);
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((s) => s === 'closing')).toBe(true);
  });
});
