import { expect } from 'vitest';
import { oid } from '../../../seed/identity.js';
import type { Client, TestApp } from '../../../test/harness.js';
import { runRightsClocks } from '../usecases/clocks.js';

/** Demo organizations the rights tests act as (seed/identity.ts). */
export const ORG = {
  luohuRegistry: oid('lh-authority'),
  zhuhaiRegistry: oid('zh-authority'),
  operator: oid('zh-operator'),
  collaborator: oid('zh-collab'),
  buyer: oid('buyer'),
  evaluator: oid('evaluator'),
};

export const SM3_A = 'a'.repeat(64);

/** An application body with overrides (a first registration of a product's operation right in Shenzhen). */
export function applyBody(over: Record<string, unknown> = {}) {
  return {
    profile: 'shenzhen',
    regType: 'first',
    rightType: 'product_operation',
    subjectKind: 'data_product',
    registryOrgId: ORG.luohuRegistry,
    holderOrgId: ORG.operator,
    contentAgreed: true,
    objectInfo: {
      name: '罗湖区企业经营状态指数',
      version: '1.0',
      source: 'authorized',
      acquisitionMethod: '公共数据授权运营',
      updateCycle: 'monthly',
      scenarios: ['金融风控'],
      scope: '罗湖区',
    },
    evidence: [{ name: '实质性审查报告.pdf', kind: 'third_party_report', sm3: SM3_A }],
    ...over,
  };
}

export interface Actors {
  applicant: Client;
  registry: Client;
  evaluator: Client;
  /** Signs everyone in again (sessions idle out when a test moves the clock by days). */
  relogin(): Promise<void>;
}

export async function actors(t: TestApp, applicant = 'operator.admin', registry = 'luohu.reviewer'): Promise<Actors> {
  const a: Actors = {
    applicant: await t.as(applicant),
    registry: await t.as(registry),
    evaluator: await t.as('evaluator.admin'),
    async relogin() {
      a.applicant = await t.as(applicant);
      a.registry = await t.as(registry);
      a.evaluator = await t.as('evaluator.admin');
    },
  };
  return a;
}

// `json(): any` mirrors light-my-request's own signature: tests read answers of many shapes.
export async function ok(res: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
}

/** Drafts and submits; answers the registration id. */
export async function applyAndSubmit(
  a: Actors,
  over: Record<string, unknown> = {},
  submit: Record<string, unknown> = {},
) {
  const reg = await ok(a.applicant.post('/api/v1/rights-registrations', applyBody(over)), 201);
  await ok(a.applicant.post(`/api/v1/rights-registrations/${reg.id}/submit`, submit));
  return reg.id as string;
}

/** Accept → formal review → commission the evaluator → passing report: ready for the decision. */
export async function reviewUpToDecision(a: Actors, id: string, evaluator = true) {
  const url = `/api/v1/rights-registrations/${id}`;
  await ok(a.registry.post(`${url}/accept`, {}));
  await ok(a.registry.post(`${url}/formal-review`, {}));
  await ok(a.registry.post(`${url}/commission`, evaluator ? { evaluatorOrgId: ORG.evaluator } : {}));
  if (evaluator)
    await ok(a.evaluator.post(`${url}/report`, { passed: true, summary: '八项核查通过', reportSm3: SM3_A }));
}

/**
 * A registered first registration with its certificate: the whole procedure through the API, the
 * publicity window run out on the injected clock. Answers the registration id and certificate number.
 */
export async function registerFirst(
  t: TestApp,
  a: Actors,
  advance: (days: number) => void,
  over: Record<string, unknown> = {},
  publicityDays = 45,
) {
  const id = await applyAndSubmit(a, over);
  await reviewUpToDecision(a, id);
  const decided = await ok(a.registry.post(`/api/v1/rights-registrations/${id}/decide`, { outcome: 'pass' }));
  if (decided.state === 'publicity') {
    advance(publicityDays);
    await runRightsClocks(t.kernel);
    await a.relogin();
  }
  const reg = await ok(a.applicant.get(`/api/v1/rights-registrations/${id}`));
  expect(reg.state).toBe('registered');
  return { id, certNo: reg.certificateNo as string };
}
