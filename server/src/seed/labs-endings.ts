import type { Tx } from '../kernel/db/tables.js';
import type { Kernel } from '../kernel/kernel.js';
import { systemActor } from '../kernel/workflow/actor.js';
import { importObject } from '../kernel/workflow/transition.js';
import { labEvaluationLifecycle } from '../contexts/labs/lifecycle-endings.js';
import { agreementLifecycle, applicationLifecycle, changeLifecycle, labLifecycle } from '../contexts/labs/lifecycle.js';
import type { LabEnding, LabTermination } from '../contexts/labs/model-endings.js';
import { issueLabPlaque, revokeLabPlaque } from '../contexts/rights/service.js';
import { banLifecycle } from '../contexts/supervision/lifecycle.js';
import { resourceId } from './catalog.js';
import { demoId } from './ids.js';
import { jid, oid } from './identity.js';
import { agreementBody, applicationBody, guideBody } from './labs.js';

/**
 * Labs demo, evaluation and exit (issue 18, decision 0087): the certified transit lab's 2026 annual evaluation,
 * concluded `pass` by the demo evaluator; and a revoked lab of 珠海市交通运输局 with 深圳市前海征信 — failed 2026
 * evaluation, rectification not accepted, agreement terminated, revocation approved, plaque revoked and a one-year
 * Ban (LAB-24) on its partner.
 */
const ZH = jid('440400');
const ZH_PATH = ['000000', '440000', '440400'].map(jid);
const located = { jurisdiction_id: ZH, jurisdiction_path: JSON.stringify(ZH_PATH) };
const actor = systemActor('demo-seed');
const GUIDE = demoId('lab-guide:2026');
const EVALUATOR = oid('evaluator');
const INDICATORS = guideBody().indicators;
const scores = (xs: number[]) => INDICATORS.map((i, n) => ({ indicatorCode: i.code, score: xs[n] ?? 0, note: '' }));
const stamp = (at: string) => ({ by: null, at });

export async function seedLabEndings(trx: Tx, k: Kernel): Promise<void> {
  await evaluation(trx, k, {
    id: demoId('lab-evaluation:transit-2026'),
    no: 'ZHLAB-2026-001-PG2026-01',
    labId: demoId('lab:transit'),
    initiator: oid('zh-sti'),
    scores: scores([88, 90, 80, 85]),
    total: 86,
    result: 'pass',
    at: '2026-11-25T02:00:00Z',
  });
  await revokedLab(trx, k);
}

async function evaluation(
  trx: Tx,
  k: Kernel,
  e: {
    id: string;
    no: string;
    labId: string;
    initiator: string;
    scores: ReturnType<typeof scores>;
    total: number;
    result: 'pass' | 'fail';
    at: string;
  },
) {
  await importObject(
    trx,
    k.workflow,
    labEvaluationLifecycle,
    'concluded',
    {
      id: e.id,
      evaluation_no: e.no,
      lab_id: e.labId,
      year: 2026,
      evaluator_org_id: EVALUATOR,
      indicators: JSON.stringify(INDICATORS),
      initiator_concurrence: JSON.stringify(stamp('2026-11-02T02:00:00Z')),
      conflict_declaration: JSON.stringify({
        hasConflict: false,
        statement: '与实验室双方无利益冲突',
        ...stamp('2026-11-03T02:00:00Z'),
      }),
      scores: JSON.stringify(e.scores),
      misconduct: '[]',
      total: e.total,
      result: e.result,
      concluded_at: e.at,
      created_by: null,
      ...located,
    },
    actor,
    ZH,
  );
}

const REVOKED = demoId('lab:parking');
const REVOKED_APP = demoId('lab-application:parking');
const REVOKED_AGREEMENT = demoId('lab-agreement:parking');
const REVOCATION = demoId('lab-change:parking-revocation');
const BAN = demoId('ban:parking-partner');
const INITIATOR = oid('zh-transport');
const PARTNER = oid('buyer');
const PARTNER_USCC = '91440300MA5G8K2L3A';

async function revokedLab(trx: Tx, k: Kernel) {
  const a = applicationBody(GUIDE, PARTNER, INITIATOR, {
    name: '珠海市智慧停车数据创新应用实验室',
    scenarioCode: 'TRAFFIC.PARKING_2026',
    scenarioSummary: '路内外停车泊位数据汇聚，停车诱导与泊位周转率分析',
    researchDirection: '停车资源优化',
  });
  await importObject(
    trx,
    k.workflow,
    applicationLifecycle,
    'shortlisted',
    {
      id: REVOKED_APP,
      application_no: 'ZHLAB-APP-2026-0003',
      guide_id: GUIDE,
      initiator_org_id: INITIATOR,
      partner_org_id: PARTNER,
      name: a.name,
      domain: a.domain,
      scenario_code: a.scenarioCode,
      scenario_summary: a.scenarioSummary,
      research_direction: a.researchDirection,
      application_form: JSON.stringify(a.applicationForm),
      construction_plan: JSON.stringify(a.constructionPlan),
      security_commitment_file_id: a.securityCommitmentFileId,
      agreement_draft_file_id: a.agreementDraftFileId,
      seals: JSON.stringify(a.seals),
      director: JSON.stringify(a.director),
      similar_labs: '[]',
      director_attested: true,
      reviews: JSON.stringify([{ decision: 'shortlisted', reason: '材料齐全', by: null, at: '2026-05-28T02:00:00Z' }]),
      shortlist_round: 1,
      lab_id: REVOKED,
      submitted_at: '2026-05-20T02:00:00Z',
      decided_at: '2026-05-28T02:00:00Z',
      created_by: null,
      ...located,
    },
    actor,
    ZH,
  );
  const plaque = await issueLabPlaque(trx, k, {
    lab: { id: REVOKED, labNo: 'ZHLAB-2026-002', name: a.name, domain: a.domain },
    authority: { orgId: oid('zh-authority'), name: '珠海市政务服务和数据管理局' },
    holder: { orgId: PARTNER, name: '深圳市前海征信服务有限公司', uscc: PARTNER_USCC },
    initiator: '珠海市交通运输局',
    partner: '深圳市前海征信服务有限公司',
    certifiedAt: '2026-06-15',
    validFrom: '2026-06-15',
    validTo: '2029-06-15',
  });
  const revoked = await revokeLabPlaque(trx, k, plaque.cert_no, 'lab_revoked');
  const termination: LabTermination = {
    terminatedOn: '2026-11-10',
    reason: '年度评估不合格，整改期满仍未通过验收，终止共建协议',
    by: null,
    agreementId: REVOKED_AGREEMENT,
    rectificationId: null,
    revokedGrantIds: [],
    banCandidate: { orgId: PARTNER, uscc: PARTNER_USCC, serious: false },
  };
  const ending: LabEnding = {
    kind: 'revoked',
    decidedOn: '2026-11-20',
    by: null,
    reason: '产研单位整改不合格，撤销实验室',
    basis: { kind: 'change_request', ref: REVOCATION },
    changeRequestId: REVOCATION,
    successorLabId: null,
    revokedGrantIds: [],
    plaqueStatus: revoked.state,
    bans: [{ id: BAN, ruleId: 'LAB-24', startsOn: '2026-11-20', endsOn: '2027-11-20' }],
    notices: [],
  };
  await importObject(
    trx,
    k.workflow,
    labLifecycle,
    'revoked',
    {
      id: REVOKED,
      lab_no: 'ZHLAB-2026-002',
      application_id: REVOKED_APP,
      name: a.name,
      domain: a.domain,
      initiator_org_id: INITIATOR,
      partner_org_id: PARTNER,
      scenario_code: a.scenarioCode,
      scenario_summary: a.scenarioSummary,
      research_direction: a.researchDirection,
      director: JSON.stringify(a.director),
      supply_mode: 'operator_market',
      current_agreement_id: REVOKED_AGREEMENT,
      shortlisted_on: '2026-05-28',
      certified_at: '2026-06-15',
      valid_to: '2029-06-15',
      plaque: JSON.stringify({ certificateId: plaque.id, certNo: plaque.cert_no, status: revoked.state }),
      termination: JSON.stringify(termination),
      ending: JSON.stringify(ending),
      ...located,
    },
    actor,
    ZH,
  );
  const body = agreementBody([
    { resourceId: resourceId('bus-card'), fieldIds: [demoId('catalog-field:bus-card:sczd')] },
  ]);
  await importObject(
    trx,
    k.workflow,
    agreementLifecycle,
    'terminated',
    {
      id: REVOKED_AGREEMENT,
      agreement_no: 'ZHLAB-2026-002-XY01',
      lab_id: REVOKED,
      agreement_version: 1,
      data_scope: JSON.stringify(body.dataScope),
      purpose: body.purpose,
      use_from: body.usePeriod.from,
      use_to: body.usePeriod.to,
      duties: JSON.stringify(body.duties),
      rights: JSON.stringify(body.rights),
      security_measures: JSON.stringify(body.securityMeasures),
      initiator_product_use: body.initiatorProductUse,
      seals: JSON.stringify([INITIATOR, PARTNER].map((orgId) => ({ orgId, kind: 'e_seal', verified: true }))),
      signed_at: '2026-06-05',
      filed_at: '2026-06-08T02:00:00Z',
      filing_no: 'ZHLAB-BA-2026-0002',
      grant_ids: '[]',
      created_by: null,
      ...located,
    },
    actor,
    ZH,
  );
  await evaluation(trx, k, {
    id: demoId('lab-evaluation:parking-2026'),
    no: 'ZHLAB-2026-002-PG2026-01',
    labId: REVOKED,
    initiator: INITIATOR,
    scores: scores([50, 40, 30, 50]),
    total: 42,
    result: 'fail',
    at: '2026-08-20T02:00:00Z',
  });
  await importObject(
    trx,
    k.workflow,
    changeLifecycle,
    'approved',
    {
      id: REVOCATION,
      request_no: 'ZHLAB-2026-002-BG01',
      lab_id: REVOKED,
      kinds: JSON.stringify(['revocation']),
      claimed_kind: 'revocation',
      track: 'approval',
      diff: JSON.stringify({ revocation: true }),
      reason: ending.reason,
      decision: JSON.stringify({ decision: 'approved', reason: '同意撤销', by: null, at: '2026-11-20T02:00:00Z' }),
      decided_at: '2026-11-20T02:00:00Z',
      created_by: null,
      ...located,
    },
    actor,
    ZH,
  );
  await importObject(
    trx,
    k.workflow,
    banLifecycle,
    'active',
    {
      id: BAN,
      subject_uscc: PARTNER_USCC,
      org_id: PARTNER,
      scope: 'lab_application',
      reason: 'LAB-24 ZHLAB-2026-002 珠海市智慧停车数据创新应用实验室：实验室撤销',
      basis_decision_id: 'ZHLAB-2026-002-BG01', // the revocation's change-request number (决定文号)
      starts_on: '2026-11-20',
      ends_on: '2027-11-20',
      ...located,
    },
    actor,
    ZH,
  );
}
