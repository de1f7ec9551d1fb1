import { expect } from 'vitest';
import type { Kernel } from '../../../kernel/kernel.js';
import { jid, oid } from '../../../seed/identity.js';
import type { Client } from '../../../test/harness.js';
import { buildOrg, type OrgOverrides } from '../../identity/test/factories.js';
import type { CreateApplicationInput, DraftAgreementInput, PublishGuideInput, Seal } from '../model.js';
import { SEAL_DOCUMENTS } from '../model.js';

// Test builders for labs (issue 18). Bodies take overrides; parents (organizations) are built through identity's
// factories; labs objects are built through the labs API as the demo accounts would build them.

/** Demo organizations (seed/identity.ts): 珠海市科技创新局 (lab_initiator) and its partner (lab_partner). */
export const ORG = {
  authority: oid('zh-authority'),
  initiator: oid('zh-sti'),
  partner: oid('zh-labpartner'),
};

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
  initiatorOrgId: string = ORG.initiator,
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

/** A platform attestation that passes LAB-10 (extranet; evaluated CPU, OS and database). */
export const ATTESTATION = {
  inGovExtranet: true,
  components: [
    { kind: 'cpu' as const, product: '鲲鹏920', evaluationRef: '安全可靠测评 2025-CPU-012' },
    { kind: 'os' as const, product: '银河麒麟V10', evaluationRef: '安全可靠测评 2025-OS-007' },
    { kind: 'database' as const, product: '达梦数据库V8', evaluationRef: '安全可靠测评 2025-DB-019' },
  ],
};
