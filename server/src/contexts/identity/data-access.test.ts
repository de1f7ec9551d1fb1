import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../../seed/ids.js';
import { uid } from '../../seed/identity.js';
import { DEMO_GRANTS } from '../../seed/sandbox.js';
import { startTestApp, type TestApp } from '../../test/harness.js';

// PER-02 (and PER-03, LGN-07): a Workspace seat or any raw-data access requires a passed, unexpired
// background check, an NDA on file and a real-named user.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const membership = demoId('membership:operator.dev');

describe('PER-02 data access needs a passed, unexpired background check', () => {
  it("refuses a seat and a Job once the developer's check expired (409 DATA_ACCESS_PREREQUISITE), allows them once renewed", async () => {
    const dev = await t.as('operator.dev');
    const ws = (
      (await dev.get('/api/v1/workspaces')).json().items as {
        id: string;
        grantId: string;
        seats: { userId: string }[];
      }[]
    ).find((w) => w.grantId === DEMO_GRANTS.verify && w.seats.some((s) => s.userId === uid('operator.dev')))!;
    expect(ws).toBeTruthy();
    await sql`UPDATE membership SET background_check = '{"status":"passed","checkedAt":"2022-01-05","expiresAt":"2025-01-05"}' WHERE id = ${membership}`.execute(
      t.kernel.db,
    );
    const job = await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: 'SELECT 1' });
    expect(job.statusCode).toBe(409);
    expect(job.json().error).toMatchObject({ code: 'DATA_ACCESS_PREREQUISITE', details: { ruleId: 'PER-02' } });
    expect(job.json().error.message_en).toContain('background_check');
    const admin = await t.as('operator.admin');
    const seat = await admin.post('/api/v1/workspaces', { grantId: DEMO_GRANTS.stats, seats: [uid('operator.dev')] });
    expect(seat.statusCode).toBe(409);
    expect(seat.json().error.code).toBe('DATA_ACCESS_PREREQUISITE');
    // PER-03: the NDA too.
    await sql`UPDATE membership SET background_check = '{"status":"passed","checkedAt":"2026-01-05","expiresAt":"2029-01-05"}', nda = NULL WHERE id = ${membership}`.execute(
      t.kernel.db,
    );
    expect((await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: 'SELECT 1' })).json().error.message_en).toContain(
      'nda',
    );
    await sql`UPDATE membership SET nda = '{"docRef":"nda-2026","signedAt":"2026-01-05"}' WHERE id = ${membership}`.execute(
      t.kernel.db,
    );
    const ok = await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: 'SELECT 1' });
    expect(ok.json().error?.code).not.toBe('DATA_ACCESS_PREREQUISITE');
  });
});
