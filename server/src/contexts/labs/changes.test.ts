import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourceId } from '../../seed/catalog.js';
import { demoId } from '../../seed/ids.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { getGrantForUse } from '../authorization/service.js';

// labs.md acceptance scenarios 8 and 9 (LAB-21) on the demo's certified lab ZHLAB-2026-001.
let t: TestApp;
let authority: Client;
let initiator: Client;
let partner: Client;
let labId: string;
beforeAll(async () => {
  t = await startTestApp();
  authority = await t.as('authority.admin');
  initiator = await t.as('lab.initiator');
  partner = await t.as('lab.partner');
  labId = (await partner.get('/api/v1/labs?state=active')).json().items[0].id;
}, 120_000);
afterAll(() => t?.close());

const taxi = (code: string) => demoId(`catalog-field:taxi-trajectory:${code}`);

describe('LabChangeRequest: the track comes from the diff', () => {
  it('scenario 8: the partner adds a dataset as a "general" change; approval track; the Grant exists only after approval', async () => {
    const res = await partner.post(`/api/v1/labs/${labId}/change-requests`, {
      kind: 'general',
      track: 'filing',
      reason: '新增出租车轨迹数据用于接驳分析',
      diff: {
        dataScopeAdd: [
          {
            dataResourceId: resourceId('taxi-trajectory'),
            fieldIds: [taxi('hphm'), taxi('dwsj')],
            classification: { category: '交通出行', grade: 'general' },
            rawAllowed: false,
            supplyMethod: 'db_view',
            validTo: '2029-07-14',
          },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      track: 'approval',
      kinds: ['data_scope'],
      claimedKind: 'general',
      state: 'submitted',
    });
    expect(res.json().grantIds).toEqual([]);
    const id = res.json().id;
    expect(
      (await initiator.post(`/api/v1/lab-change-requests/${id}/decide`, { decision: 'approved' })).statusCode,
    ).toBe(403);
    const ok = await authority.post(`/api/v1/lab-change-requests/${id}/decide`, { decision: 'approved' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().state).toBe('approved');
    const [grantId] = ok.json().grantIds;
    const g = (await getGrantForUse(t.kernel.db, grantId))!;
    expect(g).toMatchObject({ state: 'active', operatorOrgId: demoId('org:zh-labpartner') });
  });

  it('scenario 9: a milestone moved by two months through a supplementary agreement is effective at filing', async () => {
    const diff = { researchSchedule: [{ milestone: 'OD 模型上线', dueDate: '2027-05-31' }] };
    const missing = await initiator.post(`/api/v1/labs/${labId}/change-requests`, { reason: '进度调整', diff });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.details.failures[0]).toMatchObject({
      ruleId: 'LAB-21',
      code: 'LAB_SUPPLEMENT_REQUIRED',
    });
    const filed = await initiator.post(`/api/v1/labs/${labId}/change-requests`, {
      reason: '进度调整',
      diff,
      supplementaryAgreementFileId: 'file-supplement-1',
    });
    expect(filed.json()).toMatchObject({ track: 'filing', state: 'effective', kinds: ['general'] });
    expect(filed.json().decidedAt).not.toBeNull();
    const list = (await authority.get(`/api/v1/labs/${labId}/change-requests`)).json();
    expect(list.items.map((c: { state: string }) => c.state)).toEqual(['effective', 'approved']);
    const stranger = await t.as('operator.admin');
    expect((await stranger.get(`/api/v1/labs/${labId}/change-requests`)).statusCode).toBe(404);
  });
});
