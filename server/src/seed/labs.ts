import type { Tx } from '../kernel/db/tables.js';
import type { Kernel } from '../kernel/kernel.js';
import { systemActor } from '../kernel/workflow/actor.js';
import { importObject } from '../kernel/workflow/transition.js';
import { openLabGrants, resumeLabGrants } from '../contexts/authorization/service.js';
import { agreementLifecycle, applicationLifecycle, guideLifecycle, labLifecycle } from '../contexts/labs/lifecycle.js';
import { bigramCosine, certificationValidTo } from '../contexts/labs/rules.js';
import type { CreateApplicationInput, DraftAgreementInput, PublishGuideInput, Seal } from '../contexts/labs/model.js';
import { SEAL_DOCUMENTS } from '../contexts/labs/model.js';
import { issueLabPlaque } from '../contexts/rights/service.js';
import { trainingLifecycle } from '../contexts/identity/usecases/trainings.js';
import { reportLifecycle } from '../contexts/supervision/lifecycle.js';
import { reportDueAt } from '../contexts/supervision/rules.js';
import { resourceId } from './catalog.js';
import { seedLabEndings } from './labs-endings.js';
import { seedLabEgress } from './labs-egress.js';
import { demoId } from './ids.js';
import { jid, oid } from './identity.js';

/**
 * Labs demo (issue 18): the 2026 call (申报指南) of the Zhuhai authority; one certified lab of 珠海市科技创新局
 * (lab.initiator) and 珠海横琴数创科技有限公司 (lab.partner) with its filed agreement, its Grant and its plaque; and
 * a second application of the same parties under review. Scenario codes differ from the acceptance tests' own.
 */
const ZH = jid('440400');
const ZH_PATH = ['000000', '440000', '440400'].map(jid);
const actor = systemActor('demo-seed');
const INITIATOR = oid('zh-sti');
const PARTNER = oid('zh-labpartner');
const GUIDE = demoId('lab-guide:2026');
const LAB = demoId('lab:transit');
const AGREEMENT = demoId('lab-agreement:transit');
const CERTIFIED_AT = '2026-07-15';
const field = (code: string) => demoId(`catalog-field:bus-card:${code}`);
const located = { jurisdiction_id: ZH, jurisdiction_path: JSON.stringify(ZH_PATH) };

const TRANSIT = applicationBody(GUIDE, PARTNER, INITIATOR, {
  name: '珠海市公交出行数据创新应用实验室',
  scenarioCode: 'TRAFFIC.TRANSIT_FLOW',
  scenarioSummary: '融合公交线路与站点数据，分析通勤出行规律，支撑公交线网和班次优化',
});
const LIFELINE = applicationBody(GUIDE, PARTNER, INITIATOR, {
  name: '珠海市城市生命线安全数据创新应用实验室',
  domain: '城市治理',
  scenarioCode: 'CITY.LIFELINE',
  scenarioSummary: '燃气、供水、排水管网监测数据融合，城市生命线风险预警与处置',
  researchDirection: '城市生命线风险预警',
});

export async function seedLabs(trx: Tx, k: Kernel): Promise<void> {
  const g = guideBody();
  await importObject(
    trx,
    k.workflow,
    guideLifecycle,
    'published',
    {
      id: GUIDE,
      guide_no: 'ZHLAB-GUIDE-2026-01',
      title: g.title,
      year: g.year,
      window_from: g.windowFrom,
      window_to: g.windowTo,
      domains: JSON.stringify(g.domains),
      indicators: JSON.stringify(g.indicators),
      description: g.description,
      authority_org_id: oid('zh-authority'),
      published_at: '2026-05-15T01:00:00Z',
      ...located,
    },
    actor,
    ZH,
  );
  await seedApplication(trx, k, demoId('lab-application:transit'), TRANSIT, 'shortlisted', 'ZHLAB-APP-2026-0001');
  await seedApplication(trx, k, demoId('lab-application:lifeline'), LIFELINE, 'under_review', 'ZHLAB-APP-2026-0002');
  await seedCertifiedLab(trx, k);
  await seedLabDuties(trx, k);
  await seedLabEndings(trx, k); // evaluation and exit (seed/labs-endings.ts, decision 0087)
  await seedLabEgress(trx, k); // a lab egress awaiting the initiator's security officer (LAB-35, decision 0100)
}

async function seedApplication(
  trx: Tx,
  k: Kernel,
  id: string,
  a: ReturnType<typeof applicationBody>,
  state: string,
  no: string,
) {
  const shortlisted = state === 'shortlisted';
  await importObject(
    trx,
    k.workflow,
    applicationLifecycle,
    state,
    {
      id,
      application_no: no,
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
      // LAB-04: the reviewer sees the certified lab beside the new application.
      similar_labs: JSON.stringify(
        shortlisted
          ? []
          : [
              {
                objectType: 'Lab',
                id: LAB,
                no: 'ZHLAB-2026-001',
                name: TRANSIT.name,
                scenarioCode: TRANSIT.scenarioCode,
                score: bigramCosine(a.scenarioSummary, TRANSIT.scenarioSummary),
              },
            ],
      ),
      director_attested: shortlisted,
      reviews: JSON.stringify(
        shortlisted
          ? [{ decision: 'shortlisted', reason: '材料齐全，场景清晰', by: null, at: '2026-06-20T02:00:00Z' }]
          : [],
      ),
      shortlist_round: shortlisted ? 1 : null,
      lab_id: shortlisted ? LAB : null,
      submitted_at: shortlisted ? '2026-06-05T02:00:00Z' : '2026-11-20T02:00:00Z',
      decided_at: shortlisted ? '2026-06-20T02:00:00Z' : null,
      created_by: null,
      ...located,
    },
    actor,
    ZH,
  );
}

/** The certified lab: filed agreement on 公交刷卡记录, its Grant (active), its plaque, certified 2026-07-15. */
async function seedCertifiedLab(trx: Tx, k: Kernel) {
  const validTo = certificationValidTo(CERTIFIED_AT, k.profile);
  const body = agreementBody(
    [{ resourceId: resourceId('bus-card'), fieldIds: [field('xl'), field('sczd'), field('sksj')] }],
    {
      usePeriod: { from: '2026-07-01', to: '2029-07-14' },
    },
  );
  body.dataScope[0]!.validTo = '2029-07-14';
  const grantIds = await openLabGrants(trx, k, actor, {
    labId: LAB,
    labNo: 'ZHLAB-2026-001',
    labName: TRANSIT.name,
    agreementId: AGREEMENT,
    partnerOrgId: PARTNER,
    jurisdictionId: ZH,
    jurisdictionPath: ZH_PATH,
    lines: body.dataScope.map((l) => ({
      dataResourceId: l.dataResourceId,
      fieldIds: l.fieldIds,
      grade: 'general' as const,
      rawAllowed: l.rawAllowed,
      validTo: l.validTo,
    })),
  });
  await resumeLabGrants(trx, k, actor, grantIds);
  const plaque = await issueLabPlaque(trx, k, {
    lab: { id: LAB, labNo: 'ZHLAB-2026-001', name: TRANSIT.name, domain: TRANSIT.domain },
    authority: { orgId: oid('zh-authority'), name: '珠海市政务服务和数据管理局' },
    holder: { orgId: PARTNER, name: '珠海横琴数创科技有限公司', uscc: '91440400MA5H33445Q' },
    initiator: '珠海市科技创新局',
    partner: '珠海横琴数创科技有限公司',
    certifiedAt: CERTIFIED_AT,
    validFrom: CERTIFIED_AT,
    validTo,
  });
  await importObject(
    trx,
    k.workflow,
    labLifecycle,
    'active',
    {
      id: LAB,
      lab_no: 'ZHLAB-2026-001',
      application_id: demoId('lab-application:transit'),
      name: TRANSIT.name,
      domain: TRANSIT.domain,
      initiator_org_id: INITIATOR,
      partner_org_id: PARTNER,
      scenario_code: TRANSIT.scenarioCode,
      scenario_summary: TRANSIT.scenarioSummary,
      research_direction: TRANSIT.researchDirection,
      director: JSON.stringify(TRANSIT.director),
      platform_attestation: JSON.stringify(ATTESTATION),
      // LAB-16: approved 2025-11-20, so the yearly renewal is overdue from 2026-11-21 (seedLabDuties).
      security_policy: JSON.stringify({ version: 'v1.0', approvedAt: '2025-11-20', fileId: 'file-lab-policy-v1' }),
      current_agreement_id: AGREEMENT,
      shortlisted_on: '2026-06-20',
      certified_at: CERTIFIED_AT,
      valid_to: validTo,
      plaque: JSON.stringify({ certificateId: plaque.id, certNo: plaque.cert_no, status: plaque.state }),
      ...located,
    },
    actor,
    ZH,
  );
  await importObject(
    trx,
    k.workflow,
    agreementLifecycle,
    'filed',
    {
      id: AGREEMENT,
      agreement_no: 'ZHLAB-2026-001-XY01',
      lab_id: LAB,
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
      signed_at: '2026-06-28',
      filed_at: '2026-07-01T02:00:00Z',
      filing_no: 'ZHLAB-BA-2026-0001',
      grant_ids: JSON.stringify(grantIds),
      created_by: null,
      ...located,
    },
    actor,
    ZH,
  );
}

/**
 * The demo lab's duties (LAB-15…LAB-17, decision 0085): a data-security training in 2026, the third-quarter usage
 * report submitted to the initiator (pre-filled figures); with the security policy approved on 2025-11-20 (the lab
 * row), due for its yearly renewal on 2026-11-20, the duty page shows one duty overdue.
 */
async function seedLabDuties(trx: Tx, k: Kernel) {
  await importObject(
    trx,
    k.workflow,
    trainingLifecycle,
    'recorded',
    {
      id: demoId('training:transit-2026-1'),
      org_id: PARTNER,
      lab_id: LAB,
      title: '2026年第一次数据安全培训（数据分类分级与出域审核）',
      kind: 'data_security',
      held_on: '2026-09-18',
      hours: 3,
      attendee_user_ids: '[]',
      sign_in_sheet_ref: 'file-training-signin-2026-1',
    },
    actor,
    ZH,
  );
  const period = { from: CERTIFIED_AT, to: '2026-09-30' };
  const { dueAt, provisional } = reportDueAt('lab_usage_quarterly', period.to, k.calendar, k.profile);
  const figures = [
    { key: 'workspaces', value: 1, queryId: 'event.workspaces_opened', checkpointSize: 0 },
    { key: 'jobs', value: 46, queryId: 'event.jobs_submitted', checkpointSize: 0 },
    { key: 'incidents', value: 0, queryId: 'event.incidents_reported', checkpointSize: 0 },
  ];
  await importObject(
    trx,
    k.workflow,
    reportLifecycle,
    'submitted',
    {
      id: demoId('report:lab-transit-2026q3'),
      obligation_ref: `lab:${LAB}:usage`,
      kind: 'lab_usage_quarterly',
      subject_org_id: PARTNER,
      to_org_ids: JSON.stringify([INITIATOR]),
      period_from: period.from,
      period_to: period.to,
      due_at: dueAt,
      provisional,
      draft: JSON.stringify({
        figures,
        narrative: '2026 年第三季度实验室数据使用情况报告（演示）：公交刷卡记录用于客流 OD 推算',
      }),
      seal_ref: 'eseal:zh-labpartner',
      submitted_at: new Date('2026-10-12T02:00:00Z'),
      ...located,
    },
    actor,
    ZH,
  );
}

// Bodies of the labs API, shared by this seed and the labs tests (test/factories.ts re-exports them).

/** A call open from the measures' entry into force for five years (000:L71). */
export function guideBody(o: Partial<PublishGuideInput> = {}): PublishGuideInput {
  return {
    title: '2026年度珠海市数据创新应用实验室申报指南',
    year: 2026,
    windowFrom: '2026-05-15',
    windowTo: '2031-05-14',
    domains: ['交通', '医疗健康', '城市治理'],
    indicators: [
      { code: 'operation', name: '运行管理', weight: 25, description: '' },
      { code: 'security', name: '数据安全保障', weight: 30, description: '' },
      { code: 'outcomes', name: '成果产出', weight: 25, description: '' },
      { code: 'benefit', name: '应用效益', weight: 20, description: '' },
    ],
    description: '围绕数字关键技术突破、数据要素流通提速、数字化场景应用创新开展申报',
    ...o,
  };
}

/** The six seals: each of the three documents sealed by both parties (LAB-02). */
export function sixSeals(initiatorOrgId: string, partnerOrgId: string): Seal[] {
  return SEAL_DOCUMENTS.flatMap((document) =>
    [initiatorOrgId, partnerOrgId].map((orgId) => ({ orgId, document, kind: 'e_seal' as const, verified: true })),
  );
}

/** A complete application (scenario 1's lab by default) between `initiatorOrgId` and `partnerOrgId`. */
export function applicationBody(
  guideId: string,
  partnerOrgId: string,
  initiatorOrgId: string = oid('zh-sti'),
  o: Partial<CreateApplicationInput> = {},
): CreateApplicationInput {
  return {
    guideId,
    partnerOrgId,
    name: '珠海市智慧交通数据创新应用实验室',
    domain: '交通',
    scenarioCode: 'TRAFFIC.BUS_OD',
    scenarioSummary: '基于公交IC卡刷卡记录推算公交客流起讫点，优化线路与班次编排',
    researchDirection: '公交客流起讫点推算与线网优化',
    applicationForm: {
      unitInfo: [
        { orgId: initiatorOrgId, contact: '黄华 0756-2121000', summary: '市级行业主管部门' },
        { orgId: partnerOrgId, contact: '郑浩 0756-3336000', summary: '交通大数据企业' },
      ],
      staff: [{ name: '郑浩', role: '负责人', title: '高级工程师', timeSharePct: 60 }],
      attachments: ['营业执照.pdf'],
    },
    constructionPlan: {
      researchDirection: '公交客流起讫点推算',
      researchContent: '刷卡记录与站点匹配、OD 矩阵推算',
      focusProblems: '换乘识别、下车站点推断',
      dataSupply: '市交通运输局按季度供给脱敏刷卡记录',
      supportBase: '政务外网开发平台与专职团队 12 人',
      institutionalMeasures: '数据安全管理制度、保密协议、操作审计',
      expectedOutcomes: '公交客流指数与线网优化报告',
      goals: '三年内形成 2 个通过合规审核的数据产品',
      keyTasks: 'OD 推算模型、客流指数、线网评估工具',
      researchSchedule: [{ milestone: 'OD 模型上线', dueDate: '2027-03-31' }],
      periodIndicators: [{ name: '合规数据产品', target: '2', unit: '个' }],
    },
    securityCommitmentFileId: 'file-commitment',
    agreementDraftFileId: 'file-agreement-draft',
    seals: sixSeals(initiatorOrgId, partnerOrgId),
    director: { name: '郑浩', title: '高级工程师', qualification: 'domain_expert', cvFileId: 'file-cv' },
    ...o,
  };
}

/** A complete agreement with one scope line per resource (scenario 1's 公交IC卡刷卡记录 by default). */
export function agreementBody(
  lines: { resourceId: string; fieldIds: string[] }[],
  o: Partial<DraftAgreementInput> = {},
): DraftAgreementInput {
  return {
    dataScope: lines.map((l) => ({
      dataResourceId: l.resourceId,
      fieldIds: l.fieldIds,
      classification: { category: '交通出行', grade: 'general' as const },
      rawAllowed: true,
      supplyMethod: 'db_view' as const,
      validTo: '2029-06-09',
    })),
    purpose: 'lab_rnd_and_product_landing',
    usePeriod: { from: '2026-06-01', to: '2029-06-09' },
    duties: { initiator: '按约定范围供给数据并监督数据安全', partner: '在授权范围内研发并按季度报送使用情况' },
    rights: { initiator: '无偿使用实验室成果支持信息化建设', partner: '数据产品知识产权归产研单位' },
    securityMeasures: { text: '政务外网部署、分级防护、操作审计、保密协议', fileId: 'file-security' },
    initiatorProductUse: '用于本市公共治理的，实行有条件无偿使用',
    ...o,
  };
}

/** A platform attestation that passes LAB-10 (extranet; evaluated CPU, OS and database). */
export const ATTESTATION = {
  inGovExtranet: true,
  components: [
    { kind: 'cpu' as const, product: '鲲鹏920', evaluationRef: '安全可靠测评 2025-CPU-012' },
    { kind: 'os' as const, product: '银河麒麟V10', evaluationRef: '安全可靠测评 2025-OS-007' },
    { kind: 'database' as const, product: '达梦数据库V8', evaluationRef: '安全可靠测评 2025-DB-019' },
  ],
};
