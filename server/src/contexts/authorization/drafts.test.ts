import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { FixedClock } from '../../kernel/clock.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { activeAgreement, applicationBody, ENTERPRISE_FIELDS, insertResource, justify } from './test/factories.js';

// Issue 14: "A failed application leaves an orphan draft, and the retry makes a second application."
// The create call checks the whole input (dates included) before anything is saved; a draft is resumed,
// edited and withdrawn by its owner only (transitions edit / edit_returned / withdraw).
const clock = new FixedClock(new Date('2026-09-28T02:00:00Z'));
let t: TestApp;
let authority: Client, operator: Client, samr: Client, other: Client;
let ent: string, agreementId: string;

beforeAll(async () => {
  t = await startTestApp({ clock });
  [authority, operator, samr, other] = await Promise.all(
    ['authority.admin', 'operator.admin', 'source.admin', 'transport.admin'].map((u) => t.as(u)),
  );
  ent = await insertResource(t.kernel.db, {
    name: '企业登记信息（草稿测试）',
    owner: 'zh-samr',
    fields: ENTERPRISE_FIELDS,
  });
  agreementId = await activeAgreement(
    authority,
    { 'zh-samr': samr },
    [{ resourceId: ent, fieldCodes: ENTERPRISE_FIELDS.map((f) => f.code), owner: 'zh-samr' }],
    '2026-09-28',
  );
}, 60_000);
afterAll(() => t?.close());

const rows = async () =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM scenario_application`.execute(t.kernel.db)).rows[0]!.n;
const items = () => [{ resourceId: ent, fieldCode: 'uscc', justification: justify }];
const failures = (r: { json(): any }) =>
  r.json().error.details.failures as { ruleId: string; code: string; params: { field: string } }[];

describe('ScenarioApplication create checks every date before saving (issue 14)', () => {
  it('an end before the start is 422 PERIOD_END_BEFORE_START on servicePeriod.to, and no row is created', async () => {
    const before = await rows();
    const r = await operator.post(
      '/api/v1/scenario-applications',
      applicationBody(agreementId, items(), { servicePeriod: { from: '2027-03-01', to: '2027-01-31' }, submit: true }),
    );
    expect(r.statusCode).toBe(422);
    expect(failures(r)).toEqual([
      expect.objectContaining({
        ruleId: 'AUTH-09',
        code: 'PERIOD_END_BEFORE_START',
        params: expect.objectContaining({ field: 'servicePeriod.to' }),
      }),
    ]);
    expect(r.json().error.message_zh).toContain('早于开始日期');
    expect(await rows()).toBe(before);
  });
  it('a usage limit in the past is 422 DATE_IN_PAST on usageTimeLimit, as a draft too, and no row is created', async () => {
    const before = await rows();
    const r = await operator.post(
      '/api/v1/scenario-applications',
      applicationBody(agreementId, items(), { usageTimeLimit: '2026-01-01' }),
    );
    expect(r.statusCode).toBe(422);
    expect(failures(r)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'DATE_IN_PAST', params: expect.objectContaining({ field: 'usageTimeLimit' }) }),
      ]),
    );
    expect(r.json().error.message_zh).toContain('数据使用时限');
    expect(await rows()).toBe(before);
  });
  it('a date past the agreement (AUTH-10) and an incomplete submission (AUTH-09) are refused in the create call; the retry makes one application', async () => {
    const before = await rows();
    const late = await operator.post(
      '/api/v1/scenario-applications',
      applicationBody(agreementId, items(), { usageTimeLimit: '2029-01-01', submit: true }),
    );
    expect(late.statusCode).toBe(422);
    expect(failures(late)[0]).toMatchObject({
      ruleId: 'AUTH-10',
      code: 'DATE_EXCEEDS_AGREEMENT',
      params: { field: 'usageTimeLimit' },
    });
    const short = await operator.post(
      '/api/v1/scenario-applications',
      applicationBody(agreementId, [{ resourceId: ent, fieldCode: 'uscc', justification: '太短' }], { submit: true }),
    );
    expect(short.statusCode).toBe(422);
    expect(failures(short)[0]).toMatchObject({ ruleId: 'AUTH-09', code: 'JUSTIFICATION_REQUIRED' });
    expect(await rows()).toBe(before);
    const ok = await operator.post(
      '/api/v1/scenario-applications',
      applicationBody(agreementId, items(), { submit: true }),
    );
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().state).toBe('submitted');
    expect(await rows()).toBe(before + 1);
  });
});

describe('a draft is resumed, edited and withdrawn by its owner only', () => {
  let id: string;
  it('the owner edits its draft (PUT, transition edit); wrong dates are refused and change nothing', async () => {
    const d = await operator.post('/api/v1/scenario-applications', applicationBody(agreementId, items()));
    expect(d.statusCode).toBe(201);
    id = d.json().id;
    expect((await operator.get(`/api/v1/scenario-applications/${id}`)).json().abilities).toEqual(
      expect.arrayContaining(['edit', 'submit', 'withdraw']),
    );
    const { agreementId: _a, ...body } = applicationBody(
      agreementId,
      [...items(), { resourceId: ent, fieldCode: 'name', justification: '核验结果需返回企业名称用于与申请材料比对' }],
      { scenario: { title: '改过的场景', description: '' } },
    );
    const bad = await operator.put(`/api/v1/scenario-applications/${id}`, {
      ...body,
      servicePeriod: { from: '2027-01-01', to: '2026-12-01' },
    });
    expect(bad.statusCode).toBe(422);
    expect((await operator.get(`/api/v1/scenario-applications/${id}`)).json().scenario.title).toBe(
      '企业登记信息核验服务',
    );
    const ok = await operator.put(`/api/v1/scenario-applications/${id}`, body);
    expect(ok.statusCode, ok.body).toBe(200);
    const a = (await operator.get(`/api/v1/scenario-applications/${id}`)).json();
    expect(a.scenario.title).toBe('改过的场景');
    expect(a.items.map((i: { fieldCode: string }) => i.fieldCode).sort()).toEqual(['name', 'uscc']);
  });
  it('another organization cannot edit or withdraw it', async () => {
    const { agreementId: _a, ...body } = applicationBody(agreementId, items());
    expect([403, 404]).toContain((await other.put(`/api/v1/scenario-applications/${id}`, body)).statusCode);
    expect([403, 404]).toContain((await other.post(`/api/v1/scenario-applications/${id}/withdraw`, {})).statusCode);
  });
  it('the owner withdraws (discards) the draft; it can no longer be edited', async () => {
    const w = await operator.post(`/api/v1/scenario-applications/${id}/withdraw`, {});
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json().state).toBe('withdrawn');
    const { agreementId: _a, ...body } = applicationBody(agreementId, items());
    expect((await operator.put(`/api/v1/scenario-applications/${id}`, body)).statusCode).toBe(409);
  });
});
