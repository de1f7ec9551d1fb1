import { expect } from 'vitest';
import type { Kernel } from '../../../kernel/kernel.js';
import { jid, oid } from '../../../seed/identity.js';
import type { Client } from '../../../test/harness.js';
import { buildOrg, type OrgOverrides } from '../../identity/test/factories.js';
import type { CreateApplicationInput, PublishGuideInput } from '../model.js';
import { guideBody } from '../../../seed/labs.js';

export { agreementBody, applicationBody, ATTESTATION, guideBody, sixSeals } from '../../../seed/labs.js';

// Test builders for labs (issue 18). Bodies take overrides; parents (organizations) are built through identity's
// factories; labs objects are built through the labs API as the demo accounts would build them.

/** Demo organizations (seed/identity.ts): 珠海市科技创新局 (lab_initiator) and its partner (lab_partner). */
export const ORG = {
  authority: oid('zh-authority'),
  initiator: oid('zh-sti'),
  partner: oid('zh-labpartner'),
};

/**
 * A partner organization (a verified enterprise). It needs no lab_partner role to be named on an application:
 * the initiator applies, and the role (with its security officer, PER-04) comes once the lab runs.
 */
export async function buildPartner(k: Kernel, o: OrgOverrides = {}) {
  return buildOrg(k, { entityKind: 'enterprise', ...o });
}

/** Publishes a guide as the authority and returns its id. */
export async function publishGuide(authority: Client, o: Partial<PublishGuideInput> = {}): Promise<string> {
  const res = await authority.post('/api/v1/lab-guides', guideBody(o));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** Drafts and submits an application as the initiator; returns the submit response. */
export async function submitApplication(initiator: Client, body: CreateApplicationInput) {
  const draft = await initiator.post('/api/v1/lab-applications', body);
  expect(draft.statusCode, draft.body).toBe(201);
  return {
    id: draft.json().id as string,
    res: await initiator.post(`/api/v1/lab-applications/${draft.json().id}/submit`),
  };
}

/** Submits, accepts and shortlists an application; returns the new lab's id. */
export async function shortlistedLab(initiator: Client, authority: Client, body: CreateApplicationInput) {
  const { id, res } = await submitApplication(initiator, body);
  expect(res.statusCode, res.body).toBe(200);
  expect((await authority.post(`/api/v1/lab-applications/${id}/accept`)).statusCode).toBe(200);
  const s = await authority.post(`/api/v1/lab-applications/${id}/shortlist`, { directorAttested: true });
  expect(s.statusCode, s.body).toBe(200);
  return { applicationId: id, labId: s.json().labId as string };
}

/** Designates a verified org (a city bureau) as lab initiator in Zhuhai, as the authority does (identity API). */
export async function designateInitiator(authority: Client, orgId: string) {
  const res = await authority.post(`/api/v1/orgs/${orgId}/actor-roles`, {
    actor: 'lab_initiator',
    jurisdictionId: jid('440400'),
    basisType: 'designation',
    basisRef: '珠数据〔2026〕实验室发起单位认定',
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
}
