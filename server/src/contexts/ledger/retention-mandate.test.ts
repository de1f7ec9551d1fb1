import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GRANTS } from '../../seed/sandbox.js';
import { uid } from '../../seed/identity.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { getGrantForUse } from '../authorization/service.js';
import { syncWorkspacesWithGrants } from '../sandbox/service.js';
import { ensureSandboxDemo } from '../sandbox/test/factories.js';
import { buildViews } from '../sandbox/usecases/masked-views.js';
import { auditLedger } from './usecases/audit.js';
import { mandateFrom, type DecisionRef } from './rules.js';
import { flushLog } from './usecases/public-ledger.js';

const OWNER = 'org-owner';
const d = (
  eventType: string,
  userId: string | null,
  orgId: string | null,
  at: string,
  objectType = 'Grant',
): DecisionRef => ({
  eventId: `e-${eventType}-${at}`,
  eventType,
  objectType,
  objectId: objectType === 'Grant' ? 'g1' : 'a1',
  toState: 'x',
  at,
  actor: { userId, orgId },
});

describe('LED-16 / LED-17 a mandated deletion carries the recorded decisions that ordered it (decision 0061)', () => {
  it("the owner approval is its person's last decision, the authority's a person of another org; the mandate is the trigger object's last decision", () => {
    const decisions = [
      d('ScenarioApplication.submit', 'u-op', OWNER, '2026-01-01T00:00:00.000Z', 'ScenarioApplication'),
      d('ScenarioApplication.approve', 'u-auth', 'org-auth', '2026-01-05T00:00:00.000Z', 'ScenarioApplication'),
      d('Grant.open', 'u-auth', 'org-auth', '2026-01-05T00:00:01.000Z'),
      d('Grant.revoke', 'u-auth2', 'org-auth', '2026-03-01T00:00:00.000Z'),
    ];
    const r = mandateFrom(decisions, { objectType: 'Grant', objectId: 'g1' }, OWNER);
    expect(r.mandate).toMatchObject({ eventType: 'Grant.revoke', actor: { userId: 'u-auth2' } });
    expect(r.approvals).toEqual([
      expect.objectContaining({
        role: 'owner',
        userId: 'u-op',
        orgId: OWNER,
        basis: expect.objectContaining({ eventType: 'ScenarioApplication.submit' }),
      }),
      expect.objectContaining({
        role: 'authority',
        userId: 'u-auth2',
        orgId: 'org-auth',
        basis: expect.objectContaining({ eventType: 'Grant.revoke' }),
      }),
    ]);
  });

  it("an expiry by the clock is nobody's approval: the authority's is the decision that fixed the term; system steps invent none", () => {
    const expiry = [
      d('Grant.open', 'u-auth', 'org-auth', '2026-01-05T00:00:00.000Z'),
      d('Grant.expire', 'system:authorization-clock', null, '2026-12-31T16:00:00.000Z'),
    ];
    const r = mandateFrom(expiry, { objectType: 'Grant', objectId: 'g1' }, OWNER);
    expect(r.mandate).toMatchObject({ eventType: 'Grant.expire' });
    expect(r.approvals).toEqual([
      expect.objectContaining({
        role: 'authority',
        userId: 'u-auth',
        basis: expect.objectContaining({ eventType: 'Grant.open' }),
      }),
    ]);
    const seeded = mandateFrom(
      [d('Grant.imported', 'system:seed-demo', null, '2026-01-01T00:00:00.000Z')],
      { objectType: 'Grant', objectId: 'g1' },
      OWNER,
    );
    expect(seeded).toEqual({ mandate: expect.objectContaining({ eventType: 'Grant.imported' }), approvals: [] });
    expect(mandateFrom([], undefined, OWNER)).toEqual({ mandate: null, approvals: [] });
  });
});

describe('SBX-14 a Workspace purged after the authority revokes its Grant: the record names the revocation and its officer (issue 12)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await ensureSandboxDemo(t.kernel);
    // This file destroys a Workspace: private view files, so shared demo files stay.
    t.kernel.dataDir = mkdtempSync(join(tmpdir(), 'led-mandate-'));
    const ws = (
      await sql<any>`SELECT * FROM sandbox_workspace WHERE grant_id = ${DEMO_GRANTS.verify} ORDER BY created_at LIMIT 1`.execute(
        t.kernel.db,
      )
    ).rows[0];
    const views = await buildViews(t.kernel, ws, (await getGrantForUse(t.kernel.db, DEMO_GRANTS.verify))!);
    await sql`UPDATE sandbox_workspace SET views = ${JSON.stringify(views)} WHERE id = ${ws.id}`.execute(t.kernel.db);
  }, 120_000);
  afterAll(() => t?.close());

  it('GET /destruction-records/{id} shows the mandate (Grant.revoke by the officer) and the authority approval based on it', async () => {
    const officer = await t.as('authority.admin');
    const revoked = await officer.post(`/api/v1/grants/${DEMO_GRANTS.verify}/revoke`, { reason: '违反授权用途' });
    expect(revoked.statusCode).toBe(200);
    await syncWorkspacesWithGrants(t.kernel);
    await syncWorkspacesWithGrants(t.kernel);
    const ws = (
      await sql<any>`SELECT * FROM sandbox_workspace WHERE grant_id = ${DEMO_GRANTS.verify} AND state = 'destroyed' LIMIT 1`.execute(
        t.kernel.db,
      )
    ).rows[0];
    expect(ws).toBeDefined();
    const rec = (
      await (await t.as('authority.reviewer')).get(`/api/v1/destruction-records/${ws.destruction.destructionRecordId}`)
    ).json();
    expect(rec.state).toBe('executed');
    expect(rec.mandate).toMatchObject({
      objectType: 'Grant',
      objectId: DEMO_GRANTS.verify,
      eventType: 'Grant.revoke',
      toState: 'revoked',
      actor: { userId: uid('authority.admin') },
    });
    expect(rec.approvals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          role: 'authority',
          userId: uid('authority.admin'),
          basis: expect.objectContaining({ eventId: rec.mandate.eventId }),
        }),
      ]),
    );
    // The demo application was imported by the seed (a system step): no owner approval is invented for it.
    expect(rec.approvals.filter((a: any) => a.role === 'owner')).toEqual([]);
    // The mandate is a real ledger entry of the Grant.
    const e = (
      await sql<any>`SELECT header FROM ledger_entry WHERE event_id = ${rec.mandate.eventId}`.execute(t.kernel.db)
    ).rows[0];
    expect(e.header).toMatchObject({ objectType: 'Grant', objectId: DEMO_GRANTS.verify, toState: 'revoked' });
    // The second person verifies; the whole flow (revocation, purge, verification) leaves a clean LED-11 audit.
    expect(
      (await (await t.as('authority.reviewer')).post(`/api/v1/destruction-records/${rec.id}/verification`, {})).json(),
    ).toMatchObject({ state: 'verified' });
    await flushLog(t.kernel, 'main', { forceCheckpoint: true });
    await flushLog(t.kernel, 'audit', { forceCheckpoint: true });
    expect((await auditLedger(t.kernel, { openIncident: false })).mismatches).toEqual([]);
  }, 120_000);
});
