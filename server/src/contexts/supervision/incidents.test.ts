import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { FixedClock } from '../../kernel/clock.js';
import { oid } from '../../seed/identity.js';
import { DEMO_GRANTS } from '../../seed/sandbox.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { ensureSandboxDemo } from '../sandbox/test/factories.js';
import { incidentBody } from './test/factories.js';

// Scenario 5: National Day, 09:20 Shanghai. The clock is injected; hour clocks run through the holiday (CAL-04).
const clock = new FixedClock(new Date('2026-10-02T01:20:00Z'));
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
  await ensureSandboxDemo(t.kernel);
}, 120_000);
afterAll(() => t?.close());

const grantState = async (id: string) =>
  (await sql<{ state: string }>`SELECT state FROM data_grant WHERE id = ${id}`.execute(t.kernel.db)).rows[0]!.state;

describe('INC-01/INC-02 scenario 5: a leak reported during National Day stops processing at once', () => {
  it('POST /incidents → 201, the Grant is suspended in the same answer, Workspaces frozen, jobs refused GRANT_SUSPENDED; tasks due 10:00 and 13:00', async () => {
    const op = await t.as('operator.admin');
    const dev = await t.as('operator.dev');
    const ws = (await dev.get('/api/v1/workspaces'))
      .json()
      .items.find((w: { grantId: string; seats: unknown[] }) => w.grantId === DEMO_GRANTS.verify && w.seats.length);
    expect(ws).toBeTruthy();

    const res = await op.post('/api/v1/incidents', incidentBody({ grantIds: [DEMO_GRANTS.verify] }));
    expect(res.statusCode, res.body).toBe(201);
    const inc = res.json();
    expect(inc.incidentNo).toMatch(/^INC-2026-\d{4}$/);
    expect(inc.suspendedGrantIds).toEqual([DEMO_GRANTS.verify]);
    expect(inc.processingStoppedAt).toBe('2026-10-02T01:20:00.000Z');
    expect(inc.notifications.map((n: { recipient: string; dueAt: string }) => [n.recipient, n.dueAt])).toEqual([
      ['authority', '2026-10-02T02:00:00.000Z'],
      ['provincial_cyberspace_office', '2026-10-02T05:00:00.000Z'],
    ]);
    expect(await grantState(DEMO_GRANTS.verify)).toBe('suspended');

    const job = await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: 'SELECT 1' });
    expect(job.statusCode).toBe(409);
    expect(job.json().error.code).toBe('GRANT_SUSPENDED');
    const states = await sql<{
      state: string;
    }>`SELECT state FROM sandbox_workspace WHERE grant_id = ${DEMO_GRANTS.verify}`.execute(t.kernel.db);
    expect(states.rows.every((r) => r.state === 'frozen')).toBe(true);

    // The regulator's desk counts it as open.
    const reg = await t.as('regulator.viewer');
    const ov = await reg.get('/api/v1/supervision/overview');
    expect(ov.statusCode, ov.body).toBe(200);
    expect(ov.json().incidents.bySeverity.relatively_major).toBeGreaterThanOrEqual(1);

    // INC-06: the authority cannot close it while notifications are unsent; resolution needs a root cause.
    expect((await op.post(`/api/v1/incidents/${inc.id}/contain`, {})).statusCode).toBe(200);
    expect((await op.post(`/api/v1/incidents/${inc.id}/resolve`, {})).json().error.code).toBe('ROOT_CAUSE_REQUIRED');
    expect((await op.post(`/api/v1/incidents/${inc.id}/resolve`, { rootCause: '脱敏规则遗漏' })).statusCode).toBe(200);
    const authority = await t.as('authority.admin');
    const refused = await authority.post(`/api/v1/incidents/${inc.id}/close`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details.failures[0].params.recipients).toBe('authority, provincial_cyberspace_office');
    for (const recipient of ['authority', 'provincial_cyberspace_office'])
      expect((await op.post(`/api/v1/incidents/${inc.id}/notifications`, { recipient })).statusCode).toBe(200);
    expect((await authority.post(`/api/v1/incidents/${inc.id}/close`, {})).json().state).toBe('closed');
    // Closing does not restore the Grant: that is a separate authority decision.
    expect(await grantState(DEMO_GRANTS.verify)).toBe('suspended');
    expect(
      (await authority.post(`/api/v1/grants/${DEMO_GRANTS.verify}/resume`, { reason: '处置完毕' })).statusCode,
    ).toBe(200);
  });
});

describe('INC-01 bad input and access', () => {
  it('discoveredAt in the future is refused 422 and nothing changes (no incident, Grant still active)', async () => {
    const op = await t.as('operator.admin');
    const before = await grantState(DEMO_GRANTS.stats);
    const res = await op.post(
      '/api/v1/incidents',
      incidentBody({ grantIds: [DEMO_GRANTS.stats], discoveredAt: '2026-10-02T10:00:00+08:00' }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('INCIDENT_DISCOVERED_AFTER_REPORT');
    expect(await grantState(DEMO_GRANTS.stats)).toBe(before);
  });
  it('a Grant the reporter neither holds nor works under answers 404 and suspends nothing', async () => {
    const buyer = await t.as('buyer.admin');
    const before = await grantState(DEMO_GRANTS.stats);
    const res = await buyer.post('/api/v1/incidents', incidentBody({ grantIds: [DEMO_GRANTS.stats] }));
    expect(res.statusCode).toBe(404);
    expect(await grantState(DEMO_GRANTS.stats)).toBe(before);
  });
  it('scenario 6: a collaborator opens a hidden_relationship_risk Incident; processing under the Grant stops and the authority is notified', async () => {
    const collab = await t.as('collaborator.admin');
    const res = await collab.post(
      '/api/v1/incidents',
      incidentBody({
        type: 'hidden_relationship_risk',
        severity: 'general',
        grantIds: [DEMO_GRANTS.verify],
        description: '企业登记信息与水电气缴费记录关联可能暴露商业秘密',
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(await grantState(DEMO_GRANTS.verify)).toBe('suspended');
    expect(res.json().notifications.map((n: { recipient: string }) => n.recipient)).toEqual(['authority']);
    // Another org's incident is not visible to the operator's competitor; the regulator reads it.
    expect((await (await t.as('buyer.admin')).get(`/api/v1/incidents/${res.json().id}`)).statusCode).toBe(404);
  });
});

describe('INC reclassification: only the authority lowers a severity, with a reason', () => {
  it('the reporter may raise general → major (adds the external task) but not lower it back; the authority may lower it back', async () => {
    const op = await t.as('operator.admin');
    const inc = (await op.post('/api/v1/incidents', incidentBody({ severity: 'general' }))).json();
    expect(inc.notifications.map((n: { recipient: string }) => n.recipient)).toEqual(['authority']);
    const up = await op.post(`/api/v1/incidents/${inc.id}/reclassify`, { severity: 'major', reason: '影响扩大' });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().notifications.map((n: { recipient: string }) => n.recipient)).toContain(
      'provincial_cyberspace_office',
    );
    const down = await op.post(`/api/v1/incidents/${inc.id}/reclassify`, { severity: 'general', reason: '误报' });
    expect(down.statusCode).toBe(403);
    expect(down.json().error.code).toBe('SEVERITY_LOWERING_FORBIDDEN');
    const authority = await t.as('authority.admin');
    const ok = await authority.post(`/api/v1/incidents/${inc.id}/reclassify`, {
      severity: 'general',
      reason: '核实为一般',
    });
    expect(ok.json().severity).toBe('general');
  });
});

describe('ENF-08 input: incidents reported by an org are on file for operator selection', () => {
  it('the operator now has an incident since 2023-12-01', async () => {
    const { hadIncidentSince } = await import('./usecases/incidents.js');
    expect(await hadIncidentSince(t.kernel, oid('zh-operator'), new Date('2023-12-01'))).toBe(true);
    expect(await hadIncidentSince(t.kernel, oid('buyer'), new Date('2023-12-01'))).toBe(false);
  });
});
