import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { demoId } from '../../seed/ids.js';
import { DEMO_GRANTS } from '../../seed/sandbox.js';
import { uid } from '../../seed/identity.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('SBX-01 / SBX-02 who may open a workspace on a grant', () => {
  it('answers 404 to an org that is neither holder nor collaborator, whatever the grant state', async () => {
    const buyer = await t.as('buyer.admin');
    const r = await buyer.post('/api/v1/workspaces', { grantId: DEMO_GRANTS.verify });
    expect(r.statusCode).toBe(404);
    await sql`UPDATE data_grant SET state = 'suspended' WHERE id = ${DEMO_GRANTS.verify}`.execute(t.kernel.db);
    const again = await buyer.post('/api/v1/workspaces', { grantId: DEMO_GRANTS.verify });
    expect(again.statusCode).toBe(404);
    expect(JSON.stringify(again.json())).not.toMatch(/suspended/);
  });

  it('refuses a seat for a user of another org (SEAT_NOT_MEMBER)', async () => {
    const op = await t.as('operator.admin');
    const r = await op.post('/api/v1/workspaces', { grantId: DEMO_GRANTS.stats, seats: [uid('buyer.admin')] });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('SEAT_NOT_MEMBER');
  });

  it('SBX-02 answers 403 NOT_A_SEAT to a member of the holder org who holds no seat (the rule answers the same)', async () => {
    // The collaborator's demo Workspace seats collaborator.dev only; its org_admin reads it but holds no seat.
    const admin = await t.as('collaborator.admin');
    const wsId = demoId('workspace:verify:zh-collab');
    expect((await admin.get(`/api/v1/workspaces/${wsId}`)).statusCode).toBe(200);
    const r = await admin.post(`/api/v1/workspaces/${wsId}/jobs`, { sql: 'SELECT 1' });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('NOT_A_SEAT');
  });
});
