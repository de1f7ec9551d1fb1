import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { demoId } from '../../seed/ids.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { labGrantCheck } from './usecases/egress-rectification.js';

// labs.md scenario 6 (unapproved egress, LAB-19 → LAB-34, LAB-33) through the HTTP API on the demo lab, whose one
// scope line (公交IC卡刷卡记录) is raw (rawAllowed), with an injected clock.
const LAB = demoId('lab:transit');
const clock = new FixedClock(new Date('2026-11-02T02:00:00Z'));
let t: TestApp;
let partner: Client;
let initiator: Client;
let authority: Client;
beforeAll(async () => {
  t = await startTestApp({ clock });
  [partner, initiator, authority] = await Promise.all(
    ['lab.partner', 'lab.initiator', 'authority.admin'].map((l) => t.as(l)),
  );
}, 120_000);
afterAll(() => t?.close());

const ruleIds = (res: { json(): { error?: { details?: { failures?: { ruleId: string }[] } } } }) =>
  (res.json().error?.details?.failures ?? []).map((f) => f.ruleId);

describe('scenario 6: unapproved egress → rectification ordered, authority notified, egress blocked until accepted', () => {
  it('runs from the Incident to the accepted rectification', async () => {
    const grantId = (await partner.get(`/api/v1/labs/${LAB}/agreements`)).json().items[0].grantIds[0];
    const ws = await partner.post('/api/v1/workspaces', { grantId });
    expect(ws.statusCode, ws.body).toBe(201);
    const egress = () =>
      partner.post('/api/v1/egress-requests', {
        workspaceId: ws.json().id,
        sourceJobId: randomUUID(),
        outputKind: 'aggregate_table',
        declaredUse: 'own_analysis',
        justification: '客流 OD 汇总表',
      });
    expect(ruleIds(await egress())).not.toContain('LAB-34'); // refused for the missing job, not for the lab

    // LAB-19: an order without a recorded unapproved egress of this lab is refused, nothing changes.
    const items = [{ finding: '刷卡时间明细经文件导出', requiredAction: '删除外发文件并补办出域审批' }];
    const early = await initiator.post(`/api/v1/labs/${LAB}/egress-rectification`, { incidentId: randomUUID(), items });
    expect(early.statusCode).toBe(422);
    expect(ruleIds(early)).toEqual(['LAB-19']);
    expect((await initiator.get(`/api/v1/labs/${LAB}`)).json().state).toBe('active');

    const incident = await partner.post(`/api/v1/labs/${LAB}/issues`, {
      type: 'unapproved_egress',
      severity: 'general',
      discoveredAt: '2026-11-02T01:40:00Z',
      description: '平台检测到未经审批导出刷卡时间原始记录文件',
    });
    expect(incident.statusCode, incident.body).toBe(201);
    const incidentId = incident.json().incidentId;
    // Only the initiator orders (the partner may not, 403), on its own lab.
    expect((await partner.post(`/api/v1/labs/${LAB}/egress-rectification`, { incidentId, items })).statusCode).toBe(
      403,
    );
    const ordered = await initiator.post(`/api/v1/labs/${LAB}/egress-rectification`, { incidentId, items });
    expect(ordered.statusCode, ordered.body).toBe(200);
    expect(ordered.json()).toMatchObject({
      labState: 'rectifying',
      egressFrozen: true,
      rectification: { incidentId, deadline: '2026-12-02', notices: [{ recipient: 'authority' }] },
    });
    const rectificationId = ordered.json().rectification.rectificationId;
    // The authority sees the order (the Rectification lies in its jurisdiction) and the lab's state.
    expect((await authority.get(`/api/v1/rectifications/${rectificationId}`)).statusCode).toBe(200);
    expect((await authority.get(`/api/v1/labs/${LAB}/egress-rectification`)).json().egressFrozen).toBe(true);

    // No new EgressRequest while it is open: the sandbox asks labs (LAB-34; LAB-33 for this raw line), and the
    // partner, subject of an open Rectification, finds its Grants unusable anyway (AUTH-18).
    const blocked = await egress();
    expect(blocked.statusCode, blocked.body).toBeGreaterThanOrEqual(409);
    expect(ruleIds(blocked).some((r) => ['LAB-33', 'LAB-34', 'AUTH-18'].includes(r))).toBe(true);
    await expect(labGrantCheck(t.kernel, grantId, 'develop')).rejects.toMatchObject({
      details: { failures: [expect.objectContaining({ ruleId: 'LAB-33' })] },
    });
    await expect(labGrantCheck(t.kernel, grantId, 'egress')).rejects.toMatchObject({
      status: 422,
      details: { failures: [expect.objectContaining({ ruleId: 'LAB-34' })] },
    });

    // Not back to active before the Rectification is accepted.
    const tooSoon = await initiator.post(`/api/v1/labs/${LAB}/egress-rectification/close`);
    expect(tooSoon.statusCode).toBe(422);
    expect(ruleIds(tooSoon)).toEqual(['LAB-19']);
    const submitted = await partner.post(`/api/v1/rectifications/${rectificationId}/submit`, {
      evidence: [['外发文件删除记录.pdf', '出域审批补办单.pdf']],
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const accepted = await initiator.post(`/api/v1/rectifications/${rectificationId}/decide`, { outcome: 'accepted' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const closed = await initiator.post(`/api/v1/labs/${LAB}/egress-rectification/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      labState: 'active',
      egressFrozen: false,
      rectification: { state: 'accepted' },
    });
    await expect(labGrantCheck(t.kernel, grantId, 'egress')).resolves.toBeUndefined();
    await expect(labGrantCheck(t.kernel, grantId, 'develop')).resolves.toBeUndefined();
    expect(ruleIds(await egress())).not.toContain('LAB-34');
  });
});
