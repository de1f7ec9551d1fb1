import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../kernel/workflow/actor.js';
import { demoId } from '../../seed/ids.js';
import { oid } from '../../seed/identity.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { applyRectification, liftRectification } from '../authorization/service.js';
import { auditLedger, flushLog } from '../ledger/service.js';

// LED-11 (issue 12 finding 2) for the identity changes of issue 12: deactivation and restore, role end,
// the rectification flag, real-name checks and position records are transitions, so the ledger audit stays clean.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('identity transitions of issue 12 keep the ledger audit clean', () => {
  it('deactivate/restore, role end, rectification on/off, real-name check and position leave no mismatch', async () => {
    const platform = await t.as('platform.admin');
    expect(
      (await platform.post(`/api/v1/orgs/${oid('evaluator')}/deactivate`, { reason: '测试注销' })).statusCode,
    ).toBe(200);
    expect((await platform.post(`/api/v1/orgs/${oid('evaluator')}/restore`, { reason: '恢复' })).statusCode).toBe(200);
    const authority = await t.as('authority.admin');
    const end = await authority.post(
      `/api/v1/orgs/${oid('zh-labpartner')}/actor-roles/${demoId('role:zh-labpartner:lab_partner')}/end`,
      { cause: 'revoked', reason: '协议终止' },
    );
    expect(end.statusCode).toBe(200);
    const actor = systemActor('supervision-rectification');
    await applyRectification(t.kernel, actor, { orgId: oid('zh-collab'), reason: '整改', deadline: '2027-01-01' });
    await liftRectification(t.kernel, actor, { orgId: oid('zh-collab'), reason: '验收' });
    const operator = await t.as('operator.admin');
    const dev = demoId('membership:operator.dev');
    expect(
      (
        await operator.put(`/api/v1/orgs/${oid('zh-operator')}/members/${dev}/real-name`, {
          idNumber: '11010519491231002X',
          mobile: '13912345678',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await operator.put(`/api/v1/orgs/${oid('zh-operator')}/members/${dev}/position`, {
          title: '技术总监',
          appointmentDocRef: '任命文件 2026-05',
        })
      ).statusCode,
    ).toBe(200);
    await flushLog(t.kernel, 'main', { forceCheckpoint: true });
    await flushLog(t.kernel, 'audit', { forceCheckpoint: true });
    const r = await auditLedger(t.kernel, { openIncident: false });
    expect(r.mismatches).toEqual([]);
    expect(r.clean).toBe(true);
  });
});
