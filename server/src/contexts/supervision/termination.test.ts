import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { FixedClock } from '../../kernel/clock.js';
import { demoId } from '../../seed/ids.js';
import { oid } from '../../seed/identity.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';

// supervision.md ENF-04 / ENF-06, acceptance scenario 10: the authority terminates the demo OperationAgreement for
// `unlawful_data_use`; every CollaborationAgreement is terminated, every Grant revoked, every Workspace closes and is
// purged, and each DestructionRecord verifies (by a second person) before the case is wound down.
const clock = new FixedClock(new Date('2026-11-10T02:00:00Z'));
let t: TestApp;
let authority: Client;
let op: Client;
beforeAll(async () => {
  t = await startTestApp({ clock });
  authority = await t.as('authority.admin');
  op = await t.as('operator.admin');
}, 120_000);
afterAll(() => t?.close());

const AGREEMENT = demoId('agreement:zh-operator');
const body = (o: Record<string, unknown> = {}) => ({
  targetType: 'OperationAgreement',
  targetId: AGREEMENT,
  reasonCode: 'unlawful_data_use',
  facts: '运营机构超出授权范围向第三方提供数据',
  evidenceFileIds: ['ev-watermark-trace'],
  ...o,
});
const states = async (table: 'collaboration_agreement' | 'data_grant', col = 'agreement_id') =>
  (
    await sql<{
      id: string;
      state: string;
    }>`SELECT id, state FROM ${sql.table(table)} WHERE ${sql.ref(col)} = ${AGREEMENT}`.execute(t.kernel.db)
  ).rows;

/** Three more collaborators' agreements under the demo Grants, so the cascade has four to end (scenario 10). */
async function fileCollaborations() {
  const terms = {
    conditions: '沙箱内',
    securityRequirements: '等保',
    serviceFees: '无',
    terminationCases: '违约',
    breachLiability: '赔偿',
  };
  // The demo collaboration's Grant and data scope (AUTH-21: a scope within the Grant).
  const demo = (
    await sql<{ grant_id: string; data_scope: string[] }>`SELECT grant_id, data_scope FROM collaboration_agreement
      WHERE id = ${demoId('collaboration:zh-collab')}`.execute(t.kernel.db)
  ).rows[0]!;
  for (const from of ['2026-11-10', '2026-11-11', '2026-11-12']) {
    const c = await op.post('/api/v1/collaboration-agreements', {
      grantId: demo.grant_id,
      collaboratorOrgId: oid('zh-collab'),
      dataScope: demo.data_scope,
      validFrom: from,
      validTo: '2027-06-30',
      terms,
    });
    if (c.statusCode === 201) await authority.post(`/api/v1/collaboration-agreements/${c.json().id}/file`);
  }
}

describe('ENF-04 / ENF-06 scenario 10: termination cascade', () => {
  it('ENF-04: a reason outside the nine codes, a lab code, or no evidence is refused; only the authority proposes', async () => {
    const bad = await authority.post('/api/v1/terminations', body({ reasonCode: 'too_expensive' }));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ code: 'TERMINATION_REASON_INVALID', details: { ruleId: 'ENF-04' } });
    const lab = await authority.post('/api/v1/terminations', body({ reasonCode: 'lab_delisted' }));
    expect(lab.json().error.code).toBe('TERMINATION_REASON_INVALID');
    const bare = await authority.post('/api/v1/terminations', body({ evidenceFileIds: [] }));
    expect(bare.json().error.code).toBe('TERMINATION_EVIDENCE_REQUIRED');
    const nego = await authority.post('/api/v1/terminations', body({ reasonCode: 'delivery_failure_unresolved' }));
    expect(nego.json().error.code).toBe('NEGOTIATION_RECORD_REQUIRED');
    expect((await op.post('/api/v1/terminations', body())).statusCode).toBe(403);
    expect((await states('data_grant')).every((g) => g.state !== 'revoked')).toBe(true); // nothing changed
  });

  it('decided → every collaboration terminated, every Grant revoked; Workspaces purged; wound down once each record verifies', async () => {
    await fileCollaborations();
    const collabs = await states('collaboration_agreement');
    expect(collabs.length).toBeGreaterThanOrEqual(4);
    const res = await authority.post('/api/v1/terminations', body());
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expect(res.json()).toMatchObject({ state: 'proposed', subjectOrgId: oid('zh-operator') });
    expect((await authority.post('/api/v1/terminations', body())).json().error.code).toBe('TERMINATION_ALREADY_OPEN');
    // The operator reads the case that concerns it, and may not decide it.
    expect((await op.get(`/api/v1/terminations/${id}`)).statusCode).toBe(200);
    expect((await op.post(`/api/v1/terminations/${id}/decide`, {})).statusCode).toBe(403);

    const d = await authority.post(`/api/v1/terminations/${id}/decide`, {
      liabilityReferral: { to: 'public_security', note: '涉嫌非法提供数据，移送公安机关' },
    });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toMatchObject({ state: 'effective', liabilityReferral: { to: 'public_security' } });
    expect((await states('collaboration_agreement')).map((c) => c.state)).toEqual(collabs.map(() => 'terminated'));
    const grants = await states('data_grant');
    expect(grants.length).toBeGreaterThanOrEqual(2);
    expect(grants.every((g) => g.state === 'revoked')).toBe(true);

    // The records exist once the Workspaces are purged, but a second person has not verified them yet.
    const early = await authority.post(`/api/v1/terminations/${id}/wind-down`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({
      code: 'TERMINATION_WIND_DOWN_INCOMPLETE',
      details: { ruleId: 'ENF-06' },
    });
    expect(early.json().error.message_zh).toContain('destruction_record:');
    const ws = (
      await sql<{ id: string; state: string; destruction: { destructionRecordId: string } | null }>`
        SELECT id, state, destruction FROM sandbox_workspace WHERE grant_id = ANY(${grants.map((g) => g.id)}::uuid[])`.execute(
        t.kernel.db,
      )
    ).rows;
    expect(ws.length).toBeGreaterThan(0);
    expect(ws.every((w) => w.state === 'destroyed' && w.destruction?.destructionRecordId)).toBe(true);

    const reviewer = await t.as('authority.reviewer');
    for (const w of ws) {
      const v = await reviewer.post(
        `/api/v1/destruction-records/${w.destruction!.destructionRecordId}/verification`,
        {},
      );
      expect(v.statusCode, v.body).toBe(200);
      expect(v.json()).toMatchObject({ state: 'verified', verification: { result: 'clean' } });
    }
    const done = await authority.post(`/api/v1/terminations/${id}/wind-down`);
    expect(done.statusCode, done.body).toBe(200);
    const view = done.json();
    expect(view.state).toBe('wound_down');
    expect(view.cascade.collaborations.every((c: { state: string }) => c.state === 'terminated')).toBe(true);
    expect(view.cascade.grants.every((g: { state: string }) => g.state === 'revoked')).toBe(true);
    expect(view.cascade.workspaces.every((w: { state: string }) => w.state === 'destroyed')).toBe(true);
    expect(view.cascade.destructionRecords).toHaveLength(ws.length);
    expect(view.cascade.destructionRecords.every((r: { state: string }) => r.state === 'verified')).toBe(true);
    const ev = (
      await sql<{
        event_type: string;
      }>`SELECT event_type FROM event WHERE object_id = ${id} ORDER BY occurred_at`.execute(t.kernel.db)
    ).rows.map((r) => r.event_type);
    expect(ev).toEqual(expect.arrayContaining(['Termination.propose', 'Termination.decide', 'Termination.wind_down']));
  });
});
