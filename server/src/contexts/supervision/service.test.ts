import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { oid } from '../../seed/identity.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { actorOf } from '../identity/test/factories.js';
import {
  activeBanFor,
  incidentsOfOrgSince,
  latestEvaluationResult,
  openRectification,
  rectificationStatus,
} from './service.js';
import { evaluationBody, incidentBody } from './test/factories.js';

const clock = new FixedClock(new Date('2026-11-02T02:00:00Z'));
let t: TestApp;
let authority: Client;
beforeAll(async () => {
  t = await startTestApp({ clock });
  authority = await t.as('authority.admin');
}, 120_000);
afterAll(() => t?.close());

const USCC = '91440400MA5E2T3Q4X';
const ban = (scope: string, startsOn: string, endsOn: string) =>
  authority.post('/api/v1/bans', {
    subjectUscc: USCC,
    scope,
    reason: '实验室撤销',
    basisDecisionId: '珠数据〔2026〕12号',
    startsOn,
    endsOn,
  });

describe('supervision port (service.ts)', () => {
  it('ENF-07 activeBanFor: the blocking ban with its end date, the longest first; none before, after or for another code', async () => {
    expect(await activeBanFor(t.kernel.db, USCC, '2026-11-02')).toBeUndefined();
    expect((await ban('lab_application', '2026-11-02', '2027-11-01')).statusCode).toBe(201);
    expect((await ban('operator_selection', '2026-11-02', '2029-11-01')).statusCode).toBe(201);
    expect(await activeBanFor(t.kernel.db, USCC, '2026-11-02', 'lab_application')).toMatchObject({
      scope: 'lab_application',
      endsOn: '2027-11-01',
    });
    expect(await activeBanFor(t.kernel.db, USCC, '2026-11-02')).toMatchObject({ endsOn: '2029-11-01' });
    expect(await activeBanFor(t.kernel.db, USCC, '2027-11-02', 'lab_application')).toBeUndefined();
    expect(await activeBanFor(t.kernel.db, USCC, '2026-11-01')).toBeUndefined();
    expect(await activeBanFor(t.kernel.db, '91440400MA5D11223W', '2026-11-02')).toBeUndefined();
  });

  it('LAB-19 openRectification: a lab_initiator orders its lab’s rectification (nothing suspended) and accepts it; a partner may not order', async () => {
    const input = {
      subjectOrgId: oid('zh-labpartner'),
      measure: 'rectification' as const,
      basis: { kind: 'incident' as const, ref: '未经批准出域' },
      items: [{ finding: '原始数据导出', requiredAction: '删除导出文件并加固出域控制' }],
      deadline: '2026-12-02',
    };
    const partner = await actorOf(t.kernel, 'lab.partner');
    await expect(openRectification(t.kernel, partner, input)).rejects.toMatchObject({ status: 403 });
    const initiator = await actorOf(t.kernel, 'lab.initiator');
    const r = await openRectification(t.kernel, initiator, input);
    expect(r).toMatchObject({ state: 'ordered', deadline: '2026-12-02', accepted: false });
    const view = (await authority.get(`/api/v1/rectifications/${r.id}`)).json();
    expect(view.suspension).toBeNull(); // ENF-02 is the operator's; labs freeze their own egress (LAB-34)
    const lp = await t.as('lab.partner');
    expect((await lp.post(`/api/v1/rectifications/${r.id}/submit`, { evidence: [['f1']] })).statusCode).toBe(200);
    const li = await t.as('lab.initiator');
    const ok = await li.post(`/api/v1/rectifications/${r.id}/decide`, { outcome: 'accepted' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await rectificationStatus(t.kernel.db, r.id)).toMatchObject({ state: 'accepted', accepted: true });
  });

  it('latestEvaluationResult: only final evaluations count, newest first', async () => {
    const org = oid('zh-operator');
    expect(await latestEvaluationResult(t.kernel.db, org, 'operator_term')).toBeUndefined();
    const e = (
      await authority.post('/api/v1/evaluations', evaluationBody(org, { subjectKind: 'operator_term' }))
    ).json();
    expect(await latestEvaluationResult(t.kernel.db, org, 'operator_term')).toBeUndefined(); // proposed only
    expect((await authority.post(`/api/v1/evaluations/${e.id}/finalize`)).statusCode).toBe(200);
    expect(await latestEvaluationResult(t.kernel.db, org, 'operator_term')).toMatchObject({
      id: e.id,
      total: 57,
      result: 'fail',
      passed: false,
    });
  });

  it('ENF-08 incidentsOfOrgSince: the reporter’s incidents from a date on, not before it', async () => {
    const collab = await t.as('collaborator.admin');
    const res = await collab.post('/api/v1/incidents', incidentBody({ discoveredAt: '2026-11-01T09:00:00+08:00' }));
    expect(res.statusCode, res.body).toBe(201);
    const org = oid('zh-collab');
    expect((await incidentsOfOrgSince(t.kernel.db, org, new Date('2026-10-31T00:00:00Z'))).map((i) => i.id)).toContain(
      res.json().id,
    );
    expect(await incidentsOfOrgSince(t.kernel.db, org, new Date('2026-11-02T00:00:00Z'))).toEqual([]);
  });
});
