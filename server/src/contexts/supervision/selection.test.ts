import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { FixedClock } from '../../kernel/clock.js';
import { demoId } from '../../seed/ids.js';
import { jid, oid } from '../../seed/identity.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { ENTERPRISE_FIELDS, insertResource, qualifiedCandidate } from '../authorization/test/factories.js';
import { incidentBody } from './test/factories.js';

// supervision.md ENF-08, acceptance scenario 11: operator selection reads the applicant's Incidents (no longer a
// counter on the organization). The operator had a `leak` on 2024-05-06 and applies on 2026-12-01.
const clock = new FixedClock(new Date('2026-12-01T02:00:00Z'));
let t: TestApp;
let authority: Client;
async function at(iso: string) {
  clock.set(iso);
  authority = await t.as('authority.admin');
}
beforeAll(async () => {
  t = await startTestApp({ clock });
  await at('2026-12-01T02:00:00Z');
}, 120_000);
afterAll(() => t?.close());

const roleBody = {
  actor: 'operator',
  jurisdictionId: jid('440400'),
  basisType: 'operation_agreement',
  basisRef: demoId('agreement:zh-operator'),
  validTo: '2099-12-31',
};
const grantOperatorRole = () => authority.post(`/api/v1/orgs/${oid('zh-operator')}/actor-roles`, roleBody);
// The demo operator's designation role ends, so the grant under test is the one that counts (as identity's test does).
const endOperatorRole = () =>
  sql`UPDATE org_actor_role SET state = 'ended' WHERE org_id = ${oid('zh-operator')} AND actor = 'operator'`.execute(
    t.kernel.db,
  );

async function award(noticeAt: string) {
  const ent = await insertResource(t.kernel.db, {
    name: '企业登记信息（遴选）',
    owner: 'zh-samr',
    fields: ENTERPRISE_FIELDS,
  });
  const r = await authority.post('/api/v1/operation-agreements', {
    title: '遴选测试',
    mode: 'whole_scope',
    jurisdictionId: jid('440400'),
    derivedRightsClause: '原始数据归数源单位',
    catalog: [{ resourceId: ent, fieldCodes: ['uscc'] }],
  });
  const id = r.json().id;
  const entry = (await authority.get(`/api/v1/operation-agreements/${id}`)).json().catalog[0];
  const samr = await t.as('source.admin');
  await samr.post(`/api/v1/agreement-catalog-entries/${entry.id}/decide`, { decision: 'consent' });
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

describe('ENF-08 scenario 11: incidents, not a counter, decide operator selection', () => {
  it('with no incident on file the operator role is granted (IAM-07 passes); the organization counter is not read', async () => {
    await sql`UPDATE organization SET incidents_last_3_years = 5 WHERE id = ${oid('zh-operator')}`.execute(t.kernel.db);
    await endOperatorRole();
    const ok = await grantOperatorRole();
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('a leak discovered 2024-05-06 makes the applicant ineligible on 2026-12-01 (IAM-07 and AUTH-03), eligible again after 3 years', async () => {
    const op = await t.as('operator.admin');
    const inc = await op.post('/api/v1/incidents', incidentBody({ discoveredAt: '2024-05-06T10:00:00+08:00' }));
    expect(inc.statusCode, inc.body).toBe(201);
    await endOperatorRole();
    const refused = await grantOperatorRole();
    expect(refused.statusCode).toBe(409);
    expect(JSON.stringify(refused.json().error)).toContain('ORG_INCIDENT_HISTORY');

    const aw = await award('2026-12-01');
    expect(aw.statusCode).toBe(409);
    expect(aw.json().error.details.failures).toContainEqual(
      expect.objectContaining({ ruleId: 'AUTH-03', code: 'QUALIFICATION_FAILED' }),
    );
    // The window is 3 years back from the notice date: a notice on 2027-05-07 no longer sees the 2024-05-06 leak.
    await at('2027-05-07T02:00:00Z');
    expect((await award('2027-05-07')).statusCode).toBe(200);
  });
});
