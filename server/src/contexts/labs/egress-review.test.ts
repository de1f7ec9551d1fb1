import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import type { Profile } from '../../kernel/profiles/index.js';
import { resourceId } from '../../seed/catalog.js';
import { demoId } from '../../seed/ids.js';
import { DEMO_LAB_EGRESS } from '../../seed/labs-egress.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { LAB_35, LAB_35_REVIEWER } from './rules-egress.js';
import { ATTESTATION, agreementBody, applicationBody, ORG, publishGuide } from './test/factories.js';
import { ok, failures } from './test/http.js';

// labs.md LAB-35 (decision 0100) through the HTTP API: a lab EgressRequest is reviewed by the initiator's security
// officer, and by the authority as second reviewer when it touches an `important` field (or is a record_list);
// never by the partner. The sandbox asks labs through its lab seam; its own egress review is otherwise unchanged.
const LAB = demoId('lab:transit');
const clock = new FixedClock(new Date('2027-01-05T02:00:00Z'));
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

const field = (code: string) => demoId(`catalog-field:bus-card:${code}`);

/** The partner's Workspace on the lab Grant, one aggregate job and its EgressRequest (checks passed). */
async function labEgress(grantId: string): Promise<any> {
  const listed = ok(await partner.get('/api/v1/workspaces')).items.find((w: any) => w.grantId === grantId);
  const ws = listed?.seats.length ? listed : ok(await partner.post('/api/v1/workspaces', { grantId }), 201);
  const job = ok(
    await partner.post(`/api/v1/workspaces/${ws.id}/jobs`, {
      sql: 'SELECT 线路, count(*) AS 刷卡次数 FROM 公交刷卡记录 GROUP BY 线路',
    }),
    201,
  );
  const e = ok(
    await partner.post('/api/v1/egress-requests', {
      workspaceId: ws.id,
      sourceJobId: job.id,
      outputKind: 'aggregate_table',
      declaredUse: 'own_analysis',
      justification: '线路客流汇总',
    }),
    201,
  );
  expect(e.status).toBe('awaiting_review');
  return e;
}
const review = (c: Client, id: string, decision: string, reason = '符合实验室数据出域要求') =>
  c.post(`/api/v1/egress-requests/${id}/reviews`, { decision, reason });
const stateOf = async (id: string) => ok(await initiator.get(`/api/v1/egress-requests/${id}`)).status;

describe('LAB-35 the demo lab (one `general` line): the initiator’s security officer reviews', () => {
  let grantId: string;
  beforeAll(async () => {
    grantId = ok(await partner.get(`/api/v1/labs/${LAB}/agreements`)).items[0].grantIds[0];
  });

  it('the officer sees it (list and dossier); the authority and the partner may not review first; the officer approves', async () => {
    const e = await labEgress(grantId);
    expect(e).toMatchObject({ awaitingReviewBy: 'lab_initiator', reviewerOrgIds: [ORG.initiator] });
    // The initiator's to-do source: its list of requests awaiting review holds the lab's request.
    const queue = ok(await initiator.get('/api/v1/egress-requests?state=awaiting_review&pageSize=200')).items;
    expect(queue.map((x: any) => x.id)).toContain(e.id);
    expect(ok(await initiator.get(`/api/v1/egress-requests/${e.id}`)).contributions[0].fields).toEqual(['线路']);
    // An org with no part in it does not learn it exists.
    expect((await (await t.as('operator.dev')).get(`/api/v1/egress-requests/${e.id}`)).statusCode).toBe(404);

    // The authority alone is not the lab's reviewer (LAB-35): refused, nothing changes.
    const early = await review(authority, e.id, 'approve');
    expect(early.statusCode, early.body).toBe(422);
    expect(failures(early)).toMatchObject([{ ruleId: 'LAB-35', code: 'LAB_EGRESS_NEEDS_OFFICER' }]);
    // Never the partner (its own request), whatever it sends.
    for (const d of ['approve', 'deny']) {
      const own = await review(partner, e.id, d);
      expect(own.statusCode, own.body).toBe(422);
      expect(failures(own)).toMatchObject([{ ruleId: 'LAB-35', code: 'LAB_EGRESS_REVIEWER_PARTNER' }]);
    }
    expect(await stateOf(e.id)).toBe('awaiting_review');

    // A general line and an aggregate: the officer's approval completes LAB-35 and releases.
    const approved = ok(await review(initiator, e.id, 'approve'));
    expect(approved).toMatchObject({ status: 'approved', awaitingReviewBy: null });
    expect(approved.reviews).toMatchObject([{ reviewerOrgId: ORG.initiator, decision: 'approve' }]);
    expect(approved.release?.watermarkCode).toMatch(/^WM-/);
    // Decided: no second decision by anyone.
    expect((await review(authority, e.id, 'deny')).statusCode).toBe(409);
  });

  it('the officer may deny or return (EGR-09 reason required)', async () => {
    const e = await labEgress(grantId);
    expect((await review(initiator, e.id, 'deny', ' ')).statusCode).toBe(422);
    expect(ok(await review(initiator, e.id, 'deny', '超出实验室研发用途')).status).toBe('denied');
    const r = await labEgress(grantId);
    expect(ok(await review(initiator, r.id, 'return', '请补充用途说明')).status).toBe('returned');
  });
});

describe('LAB-35 in the demo: the transit lab’s request waits for lab.initiator', () => {
  it('is on the officer’s list with its checked preview; the authority does not review it first; the officer approves', async () => {
    const queue = ok(await initiator.get('/api/v1/egress-requests?state=awaiting_review&pageSize=200')).items;
    const seeded = queue.find((x: any) => x.id === DEMO_LAB_EGRESS.pending);
    expect(seeded).toMatchObject({ awaitingReviewBy: 'lab_initiator', reviewerOrgIds: [ORG.initiator] });
    const dossier = ok(await initiator.get(`/api/v1/egress-requests/${DEMO_LAB_EGRESS.pending}`));
    expect(dossier.preview[0]).toBe('线路,刷卡次数');
    expect(dossier.preview.length).toBeGreaterThan(1);
    expect(failures(await review(authority, DEMO_LAB_EGRESS.pending, 'approve'))).toMatchObject([
      { ruleId: 'LAB-35', code: 'LAB_EGRESS_NEEDS_OFFICER' },
    ]);
    const approved = ok(await review(initiator, DEMO_LAB_EGRESS.pending, 'approve'));
    expect(approved.status).toBe('approved');
    expect(approved.release?.watermarkCode).toMatch(/^WM-/);
  });
});

describe('LAB-35 a lab whose line is graded `important`: the authority reviews second', () => {
  let grantId: string;
  beforeAll(async () => {
    const guideId = await publishGuide(authority);
    const body = applicationBody(guideId, ORG.partner, ORG.initiator, {
      name: '珠海市公交重要数据创新应用实验室',
      scenarioCode: 'TEST.EGRESS_IMPORTANT',
      scenarioSummary: '重要数据出域复核测试场景'.repeat(3),
    });
    const draft = ok(await initiator.post('/api/v1/lab-applications', body), 201);
    ok(await initiator.post(`/api/v1/lab-applications/${draft.id}/submit`));
    ok(await authority.post(`/api/v1/lab-applications/${draft.id}/accept`));
    const { labId } = ok(
      await authority.post(`/api/v1/lab-applications/${draft.id}/shortlist`, { directorAttested: true }),
    );
    const agreement = agreementBody([
      { resourceId: resourceId('bus-card'), fieldIds: [field('xl'), field('sczd'), field('sksj')] },
    ]);
    agreement.dataScope[0]!.classification.grade = 'important';
    const a = ok(await initiator.post(`/api/v1/labs/${labId}/agreements`, agreement), 201);
    const seals = [ORG.initiator, ORG.partner].map((orgId) => ({ orgId, kind: 'e_seal', verified: true }));
    ok(await initiator.post(`/api/v1/lab-agreements/${a.id}/sign`, { signedAt: '2027-01-05', seals }));
    grantId = ok(await authority.post(`/api/v1/lab-agreements/${a.id}/file`)).grantIds[0];
    ok(await initiator.post(`/api/v1/labs/${labId}/attestation`, ATTESTATION));
    ok(await authority.post(`/api/v1/labs/${labId}/certify`));
    partner = await t.as('lab.partner');
  }, 120_000);

  it('the officer’s approval leaves it awaiting the authority (not approved); the authority approves', async () => {
    const e = await labEgress(grantId);
    const first = ok(await review(initiator, e.id, 'approve'));
    expect(first).toMatchObject({ status: 'awaiting_second_review', awaitingReviewBy: 'authority', release: null });
    // The authority's to-do source holds it; the officer cannot complete it alone.
    const queue = ok(await authority.get('/api/v1/egress-requests?state=awaiting_second_review&pageSize=200')).items;
    expect(queue.map((x: any) => x.id)).toContain(e.id);
    const again = await review(initiator, e.id, 'approve');
    expect(again.statusCode, again.body).toBe(422);
    expect(failures(again)).toMatchObject([{ ruleId: 'LAB-35', code: 'LAB_EGRESS_NEEDS_AUTHORITY' }]);
    expect(await stateOf(e.id)).toBe('awaiting_second_review');
    const done = ok(await review(authority, e.id, 'approve', '复核同意'));
    expect(done.status).toBe('approved');
    expect(done.reviews.map((r: any) => r.reviewerOrgId)).toEqual([ORG.initiator, ORG.authority]);
    expect(done.release?.watermarkCode).toMatch(/^WM-/);
  });

  it('a Grant suspension holds it and the resumption returns it to the second review, the first review kept', async () => {
    const e = await labEgress(grantId);
    ok(await review(initiator, e.id, 'approve'));
    ok(await authority.post(`/api/v1/grants/${grantId}/suspend`, { reason: '安全事件处置期间暂停' }));
    expect(await stateOf(e.id)).toBe('held');
    ok(await authority.post(`/api/v1/grants/${grantId}/resume`, { reason: '整改验收通过' }));
    expect(await stateOf(e.id)).toBe('awaiting_second_review'); // not back to the officer (sandbox.md: open ⇄ held)
    const done = ok(await review(authority, e.id, 'approve', '复核同意'));
    expect(done.reviews.map((r: any) => r.reviewerOrgId)).toEqual([ORG.initiator, ORG.authority]);
  });

  it('the authority may deny at the second review', async () => {
    const e = await labEgress(grantId);
    ok(await review(initiator, e.id, 'approve'));
    expect(ok(await review(authority, e.id, 'deny', '涉及重要数据，不予出域')).status).toBe('denied');
  });

  it('with lab.egressSecondReviewer off, the officer’s approval is enough', async () => {
    const orig = t.kernel.profile;
    t.kernel.profile = {
      id: orig.id,
      has: (key) => orig.has(key),
      get: ((key: string) => (key === 'lab.egressSecondReviewer' ? false : orig.get(key))) as Profile['get'],
    };
    try {
      const e = await labEgress(grantId);
      expect(ok(await review(initiator, e.id, 'approve')).status).toBe('approved');
    } finally {
      t.kernel.profile = orig;
    }
  });
});

describe('LAB-35 pure rules', () => {
  const officer = { orgId: 'I', userId: 'u1', roles: ['security_officer'], actors: ['lab_initiator'] };
  const clerk = { orgId: 'I', userId: 'u2', roles: ['member'], actors: ['lab_initiator'] };
  const authorityReviewer = { orgId: 'A', userId: 'u3', roles: ['reviewer'], actors: ['authority'] };
  const partnerUser = { orgId: 'P', userId: 'u4', roles: ['security_officer'], actors: ['lab_partner'] };
  const who = (reviewer: typeof officer, stage: 'first' | 'second') =>
    LAB_35_REVIEWER.check(
      { reviewer, stage, initiatorOrgId: 'I', partnerOrgId: 'P', outputKind: 'record_list' },
      t.kernel.profile,
    );
  it('LAB_35_REVIEWER: the officer first, the authority second, never the partner', () => {
    expect(who(officer, 'first').ok).toBe(true);
    expect(who(clerk, 'first')).toMatchObject({ ok: false, code: 'LAB_EGRESS_NEEDS_OFFICER' });
    expect(who(authorityReviewer, 'first')).toMatchObject({ ok: false, code: 'LAB_EGRESS_NEEDS_OFFICER' });
    expect(who(partnerUser, 'first')).toMatchObject({ ok: false, code: 'LAB_EGRESS_REVIEWER_PARTNER' });
    expect(who(authorityReviewer, 'second').ok).toBe(true);
    expect(who(officer, 'second')).toMatchObject({ ok: false, code: 'LAB_EGRESS_NEEDS_AUTHORITY' });
  });
  it('LAB_35: a record_list needs the authority after the officer', () => {
    const f = (reviews: (typeof officer)[], outputKind: string) =>
      LAB_35.check(
        { reviews, initiatorOrgId: 'I', partnerOrgId: 'P', outputKind, touchesImportant: false },
        t.kernel.profile,
      );
    expect(f([officer], 'aggregate_table').ok).toBe(true);
    expect(f([officer], 'record_list')).toMatchObject({ ok: false, code: 'LAB_EGRESS_NEEDS_AUTHORITY' });
    expect(f([officer, authorityReviewer], 'record_list').ok).toBe(true);
  });
});
