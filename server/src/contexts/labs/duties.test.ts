import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { demoId } from '../../seed/ids.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { runLabClocks } from './usecases/duty-clock.js';
import { applicationBody, buildPartner, shortlistedLab } from './test/factories.js';

// labs.md duties while active (LAB-14…LAB-18), the duty view, the labs clock (lapse, findings, expiry) through the
// HTTP API on the demo lab (ZHLAB-2026-001, certified 2026-07-15, valid to 2029-07-15) with an injected clock.
const LAB = demoId('lab:transit');
const clock = new FixedClock(new Date('2026-10-10T02:00:00Z'));
let t: TestApp;
let partner: Client;
let initiator: Client;
let authority: Client;
let stranger: Client;
async function at(iso: string) {
  clock.set(iso);
  [partner, initiator, authority, stranger] = await Promise.all(
    ['lab.partner', 'lab.initiator', 'authority.admin', 'operator.admin'].map((l) => t.as(l)),
  );
}
beforeAll(async () => {
  t = await startTestApp({ clock });
  await at('2026-10-10T02:00:00Z');
}, 120_000);
afterAll(() => t?.close());

type Duty = { key: string; kind: string; ruleId: string; state: string; dueOn: string | null; actual: number };
async function duties(c: Client = partner) {
  const res = await c.get(`/api/v1/labs/${LAB}/duties`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    duties: Duty[];
    findings: { ruleId: string; period: { from: string }; actual: number }[];
    usagePrefill: { lines: { jobs: number; egress: number }[] };
    abilities: string[];
  };
}
const duty = (v: { duties: Duty[] }, key: string) => v.duties.find((d) => d.key === key)!;

describe('the duty view of an active lab (GET /labs/{id}/duties)', () => {
  it('shows each duty with its period, due date and state to both parties and the authority, 404 to others', async () => {
    const v = await duties();
    expect(duty(v, 'products:2026-07-15')).toMatchObject({
      ruleId: 'LAB-14',
      dueOn: '2029-07-15',
      state: 'due',
      expected: 1,
      actual: 0,
      shortfall: 1,
    });
    // The demo lab (seed/labs.ts seedLabDuties): one training in 2026, policy v1.0 approved 2025-11-20.
    expect(duty(v, 'trainings:2026-07-15')).toMatchObject({
      ruleId: 'LAB-15',
      dueOn: '2026-12-31',
      state: 'due',
      actual: 1,
    });
    expect(duty(v, 'security_policy:2025-11-20')).toMatchObject({ ruleId: 'LAB-16', dueOn: '2026-11-20', state: 'ok' });
    expect(duty(v, 'issue_reports:2026-07-15')).toMatchObject({ ruleId: 'LAB-18', state: 'ok' });
    expect(v.usagePrefill.lines).toHaveLength(1);
    expect(v.abilities).toContain('record_training');
    expect((await duties(initiator)).duties.length).toBe(v.duties.length);
    expect((await duties(authority)).abilities).toEqual([]);
    expect((await stranger.get(`/api/v1/labs/${LAB}/duties`)).statusCode).toBe(404);
  });

  it('LAB-17: the clock schedules each started quarter’s usage report, partner to initiator, with its due date', async () => {
    // The third quarter's report is in the demo (submitted); the clock schedules the fourth, which has started.
    expect((await runLabClocks(t.kernel)).scheduled).toBe(1);
    expect((await runLabClocks(t.kernel)).scheduled).toBe(0); // idempotent
    const v = await duties();
    expect(duty(v, 'usage_reports:2026-07-15')).toMatchObject({ ruleId: 'LAB-17', state: 'ok', actual: 1 });
    const q4 = duty(v, 'usage_reports:2026-10-01');
    expect(q4).toMatchObject({ ruleId: 'LAB-17', state: 'due', period: { from: '2026-10-01', to: '2026-12-31' } });
    expect(q4.dueOn! > '2026-12-31').toBe(true); // 10 working days after the quarter ends
    const reportId = (q4 as Duty & { evidence: { id: string }[] }).evidence[0]!.id;
    for (const c of [partner, initiator]) {
      const r = await c.get(`/api/v1/reports/${reportId}`);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({
        kind: 'lab_usage_quarterly',
        state: 'scheduled',
        subjectOrgId: expect.any(String),
      });
    }
    expect((await stranger.get(`/api/v1/reports/${reportId}`)).statusCode).toBe(404);
  });
});

describe('LAB-15 trainings (identity Training, labId + data_security)', () => {
  it('the partner records a training; a stranger cannot (404) and a bad body changes nothing (400)', async () => {
    const body = { title: '2026年第一次数据安全培训', heldOn: '2026-10-09', hours: 2 };
    const res = await partner.post(`/api/v1/labs/${LAB}/trainings`, body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ labId: LAB, kind: 'data_security', heldOn: '2026-10-09' });
    expect((await stranger.post(`/api/v1/labs/${LAB}/trainings`, body)).statusCode).toBe(404);
    expect((await authority.post(`/api/v1/labs/${LAB}/trainings`, body)).statusCode).toBe(403);
    expect((await partner.post(`/api/v1/labs/${LAB}/trainings`, { ...body, hours: -1 })).statusCode).toBe(400);
    expect((await partner.get(`/api/v1/labs/${LAB}/trainings`)).json().items).toHaveLength(2);
    expect(duty(await duties(), 'trainings:2026-07-15')).toMatchObject({ actual: 2, state: 'ok', shortfall: 0 });
  });
});

describe('LAB-18 a data problem is reported at once as an Incident naming the lab', () => {
  it('on time within the hour; three hours late shows on the duty as overdue', async () => {
    const ok = await partner.post(`/api/v1/labs/${LAB}/issues`, {
      type: 'other',
      severity: 'general',
      discoveredAt: '2026-10-10T01:30:00Z',
      description: '公交刷卡记录存在重复卡号',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ onTime: true, incidentNo: expect.stringMatching(/^INC-/) });
    expect(duty(await duties(), 'issue_reports:2026-07-15')).toMatchObject({ state: 'ok', actual: 1 });
    const late = await partner.post(`/api/v1/labs/${LAB}/issues`, {
      type: 'other',
      severity: 'general',
      discoveredAt: '2026-10-09T23:00:00Z',
      description: '站点编码缺失',
    });
    expect(late.json().onTime).toBe(false);
    expect(duty(await duties(), 'issue_reports:2026-07-15')).toMatchObject({ state: 'overdue', shortfall: 1 });
    expect((await stranger.post(`/api/v1/labs/${LAB}/issues`, late.json())).statusCode).toBe(400);
  });
});

describe('shortlisted → lapsed when no agreement is filed within lab.agreementFilingDays', () => {
  it('shortlisted on 2026-10-10: still shortlisted on day 60 (2026-12-09), lapsed on 2026-12-10', async () => {
    const p2 = await buildPartner(t.kernel, { nameZh: '珠海港航数据科技有限公司' });
    const body = applicationBody(demoId('lab-guide:2026'), p2.id, undefined, {
      name: '珠海市港口物流数据创新应用实验室',
      scenarioCode: 'PORT.LOGISTICS',
      scenarioSummary: '港口集装箱作业与疏港车辆轨迹融合，预测堆场拥堵并优化集卡调度',
    });
    const { labId } = await shortlistedLab(initiator, authority, body);
    await at('2026-12-09T02:00:00Z');
    await runLabClocks(t.kernel);
    expect((await initiator.get(`/api/v1/labs/${labId}`)).json().state).toBe('shortlisted');
    await at('2026-12-10T02:00:00Z');
    expect((await runLabClocks(t.kernel)).lapsed).toBe(1);
    expect((await initiator.get(`/api/v1/labs/${labId}`)).json().state).toBe('lapsed');
    expect((await runLabClocks(t.kernel)).lapsed).toBe(0);
  });
});

describe('scenario 13: training shortfall → a finding in the evaluation inputs', () => {
  it('only one training in 2027: on 2028-01-01 the clock records a LAB-15 finding for 2027, once', async () => {
    await at('2027-05-01T02:00:00Z');
    const res = await partner.post(`/api/v1/labs/${LAB}/trainings`, {
      title: '2027年数据安全培训',
      heldOn: '2027-04-28',
      hours: 3,
    });
    expect(res.statusCode, res.body).toBe(201);
    await runLabClocks(t.kernel); // 2026 ended with two trainings: no finding for it
    await at('2028-01-01T02:00:00Z');
    await runLabClocks(t.kernel);
    await runLabClocks(t.kernel);
    const v = await duties();
    expect(duty(v, 'trainings:2027-01-01')).toMatchObject({ state: 'overdue', actual: 1, shortfall: 1 });
    const f2027 = v.findings.filter((f) => f.ruleId === 'LAB-15' && f.period.from === '2027-01-01');
    expect(f2027).toEqual([expect.objectContaining({ actual: 1, expected: 2 })]);
    // 2026 (from certification) had two: no finding (the negative case).
    expect(v.findings.some((f) => f.ruleId === 'LAB-15' && f.period.from === '2026-07-15')).toBe(false);
  });
});

describe('LAB-16 the security policy is renewed yearly', () => {
  it('overdue after 12 months; a new version puts it right and restarts the clock', async () => {
    const v = await duties();
    expect(duty(v, 'security_policy:2025-11-20')).toMatchObject({ state: 'overdue', dueOn: '2026-11-20' });
    expect(v.findings.some((f) => f.ruleId === 'LAB-16')).toBe(true);
    const policy = { version: 'v2.0', approvedAt: '2027-12-28', fileId: 'file-policy-v2' };
    expect((await stranger.post(`/api/v1/labs/${LAB}/security-policy`, policy)).statusCode).toBe(404);
    const res = await partner.post(`/api/v1/labs/${LAB}/security-policy`, policy);
    expect(res.statusCode, res.body).toBe(200);
    const after = duty(await duties(), 'security_policy:2027-12-28');
    expect(after).toMatchObject({ state: 'ok', dueOn: '2028-12-28' });
  });
});

describe('active → expired the day after validTo', () => {
  it('on 2029-07-15 still active; on 2029-07-16 the clock expires it, records LAB-14, and it leaves the public list', async () => {
    await at('2029-07-15T02:00:00Z');
    await runLabClocks(t.kernel);
    expect((await partner.get(`/api/v1/labs/${LAB}`)).json().state).toBe('active');
    await at('2029-07-16T02:00:00Z');
    expect((await runLabClocks(t.kernel)).expired).toBe(1);
    const lab = (await partner.get(`/api/v1/labs/${LAB}`)).json();
    expect(lab).toMatchObject({ state: 'expired', plaque: { status: 'expired' } });
    const pub = (await t.anonymous.get('/api/v1/public/labs')).json();
    expect(pub.items.some((l: { id: string }) => l.id === LAB)).toBe(false);
    const v = await duties();
    expect(v.findings.some((f) => f.ruleId === 'LAB-14')).toBe(true);
    expect(v.abilities).toEqual([]);
    const body = { title: '过期后的培训', heldOn: '2029-07-16', hours: 1 };
    expect((await partner.post(`/api/v1/labs/${LAB}/trainings`, body)).statusCode).toBe(409);
  });
});
