import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { FixedClock } from '../../kernel/clock.js';
import { demoId } from '../../seed/ids.js';
import { jid, oid } from '../../seed/identity.js';
import { DEMO_GRANT_IDS } from '../../seed/authorization.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { ENTERPRISE_FIELDS, insertResource, qualifiedCandidate } from '../authorization/test/factories.js';

// supervision.md ENF-07: Bans are checked by 统一社会信用代码 at operator selection (identity IAM-07 role grant,
// authorization AUTH-03 award) and at collaborator admission (the collaborator role, the CollaborationAgreement).
const clock = new FixedClock(new Date('2026-12-01T02:00:00Z'));
let t: TestApp;
let authority: Client;
let operator: Client;
async function at(iso: string) {
  clock.set(iso);
  authority = await t.as('authority.admin');
  operator = await t.as('operator.admin');
}
beforeAll(async () => {
  t = await startTestApp({ clock });
  await at('2026-12-01T02:00:00Z');
}, 120_000);
afterAll(() => t?.close());

const OPERATOR_USCC = '91440400MA5D11223W';
const COLLAB_USCC = '91440400MA5E223348';

const ban = (subjectUscc: string, scope: string) =>
  authority.post('/api/v1/bans', {
    subjectUscc,
    scope,
    reason: '整改逾期',
    basisDecisionId: '珠数据〔2026〕12号',
    startsOn: '2026-12-01',
    endsOn: '2027-11-30',
  });

const grantRole = (org: string, actor: string, basisType: string, basisRef: string, as = authority) =>
  as.post(`/api/v1/orgs/${oid(org)}/actor-roles`, {
    actor,
    jurisdictionId: jid('440400'),
    basisType,
    basisRef,
    validTo: '2099-12-31',
  });
const grantOperatorRole = () =>
  grantRole('zh-operator', 'operator', 'operation_agreement', demoId('agreement:zh-operator'));
// The collaborator role is the operator's to grant (IAM-04) but the operator cannot open another org's record, so
// the platform admin asks: the ban answers before who-may-grant does.
const grantCollaboratorRole = async () =>
  grantRole('zh-collab', 'collaborator', 'collaboration_agreement', 'CA-ENF07', await t.as('platform.admin'));
// The demo roles end first, so the grant under test is the one that counts (as selection.test.ts does).
const endRole = (org: string, actor: string) =>
  sql`UPDATE org_actor_role SET state = 'ended' WHERE org_id = ${oid(org)} AND actor = ${actor}`.execute(t.kernel.db);

async function award(noticeAt: string) {
  const ent = await insertResource(t.kernel.db, {
    name: '企业登记信息（禁入）',
    owner: 'zh-samr',
    fields: ENTERPRISE_FIELDS,
  });
  const r = await authority.post('/api/v1/operation-agreements', {
    title: '禁入测试',
    mode: 'whole_scope',
    jurisdictionId: jid('440400'),
    derivedRightsClause: '原始数据归数源单位',
    catalog: [{ resourceId: ent, fieldCodes: ['uscc'] }],
  });
  const id = r.json().id;
  const entry = (await authority.get(`/api/v1/operation-agreements/${id}`)).json().catalog[0];
  await (await t.as('source.admin')).post(`/api/v1/agreement-catalog-entries/${entry.id}/decide`, {
    decision: 'consent',
  });
  await authority.post(`/api/v1/operation-agreements/${id}/selection`, {
    method: 'public_tender',
    noticeFileId: 'n',
    noticeAt,
  });
  return authority.post(`/api/v1/operation-agreements/${id}/award`, {
    awardOrgId: oid('zh-operator'),
    candidates: [qualifiedCandidate(noticeAt)],
  });
}

// A collaboration under the demo statistics grant, on its first field, inside its term.
async function collaboration(validFrom = '2026-12-01') {
  const g = (await operator.get(`/api/v1/grants/${DEMO_GRANT_IDS.stats}`)).json();
  return operator.post('/api/v1/collaboration-agreements', {
    grantId: DEMO_GRANT_IDS.stats,
    collaboratorOrgId: oid('zh-collab'),
    dataScope: [g.fields[0].code],
    validFrom,
    validTo: '2027-12-30',
    terms: {
      conditions: '仅限沙箱内开发',
      securityRequirements: '等保三级',
      serviceFees: '按人天计费',
      terminationCases: '违约即终止',
      breachLiability: '承担赔偿责任',
    },
  });
}

describe('ENF-07 bans block operator selection and collaborator admission', () => {
  it('ENF-07 without a ban the operator role is granted and the collaboration agreement drafted', async () => {
    await endRole('zh-operator', 'operator');
    const op = await grantOperatorRole();
    expect(op.statusCode, op.body).toBe(201);
    const ca = await collaboration();
    expect(ca.statusCode, ca.body).toBe(201);
  });

  it('ENF-07 an operator_selection ban refuses the operator role (IAM-07) and the award (AUTH-03) with BANNED until its last day; both pass after it', async () => {
    expect((await ban(OPERATOR_USCC, 'operator_selection')).statusCode).toBe(201);
    await endRole('zh-operator', 'operator');
    const refused = await grantOperatorRole();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'BANNED', details: { until: '2027-11-30' } });
    expect(refused.json().error.message_zh).toContain('2027-11-30');
    const aw = await award('2026-12-01');
    expect(aw.statusCode).toBe(409);
    expect(aw.json().error).toMatchObject({ code: 'BANNED', details: { until: '2027-11-30' } });

    await at('2027-12-01T02:00:00Z');
    const again = await grantOperatorRole();
    expect(again.statusCode, again.body).toBe(201);
    expect((await award('2027-12-01')).statusCode).toBe(200);
    await at('2026-12-01T02:00:00Z');
  });

  it('ENF-07 a collaborator_admission ban refuses the collaborator role and the collaboration agreement; neither is BANNED after it', async () => {
    expect((await ban(COLLAB_USCC, 'collaborator_admission')).statusCode).toBe(201);
    await endRole('zh-collab', 'collaborator');
    const role = await grantCollaboratorRole();
    expect(role.statusCode).toBe(409);
    expect(role.json().error).toMatchObject({ code: 'BANNED', details: { until: '2027-11-30' } });
    const ca = await collaboration();
    expect(ca.statusCode).toBe(409);
    expect(ca.json().error).toMatchObject({ code: 'BANNED', details: { until: '2027-11-30' } });

    await at('2027-12-01T02:00:00Z');
    const after = await collaboration('2027-12-01');
    expect(after.statusCode, after.body).toBe(201);
    expect((await grantCollaboratorRole()).json().error.code).not.toBe('BANNED');
  });
});
