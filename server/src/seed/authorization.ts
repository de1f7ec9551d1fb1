import type { Tx } from '../kernel/db/tables.js';
import { sm3Hex } from '../kernel/crypto/sm3.js';
import type { Kernel } from '../kernel/kernel.js';
import { systemActor } from '../kernel/workflow/actor.js';
import { importObject } from '../kernel/workflow/transition.js';
import { getResourceForAuthorization } from '../contexts/catalog/service.js';
import {
  agreementLifecycle,
  applicationLifecycle,
  catalogEntryLifecycle,
  collaborationLifecycle,
  consentLifecycle,
  grantLifecycle,
  planLifecycle,
} from '../contexts/authorization/lifecycle.js';
import { egressLimits, egressPolicy, grantFields, type AcceptedItem } from '../contexts/authorization/egress-policy.js';
import type { EgressInput } from '../contexts/authorization/model.js';
import { obligationsFor } from '../contexts/authorization/service.js';
import { resourceId } from './catalog.js';
import { demoId } from './ids.js';
import { jid, oid, uid } from './identity.js';

// Demo data of authorization.md (issue 05): one active operation agreement for 珠海市数据运营有限公司,
// two approved scenarios with active grants and filed plans, one pending application, one collaborator.
// A third approved scenario has its own Grant only so the supervision seed can open an incident on it (issue 16):
// suspending a shared demo Grant would stop the sandbox, data-service and market demos.

export const DEMO_AGREEMENT_ID = demoId('agreement:zh-operator');
export const DEMO_GRANT_IDS = { verify: demoId('grant:enterprise-verify'), stats: demoId('grant:population-stats') };
/** The demo Grant the supervision seed's open incident suspends; no other demo flow uses it. */
export const DEMO_INCIDENT_GRANT_ID = demoId('grant:incident-demo');
const GRANTS = {
  verify: { id: DEMO_GRANT_IDS.verify, no: 'GR-2026-0001', collaboration: 'collaboration:zh-collab' },
  stats: { id: DEMO_GRANT_IDS.stats, no: 'GR-2026-0002', collaboration: null },
  incident: { id: DEMO_INCIDENT_GRANT_ID, no: 'GR-2026-0003', collaboration: 'collaboration:zh-collab:incident' },
};
const J = jid('440400');
const PATH_ACTOR = systemActor('seed-demo');
const j = (v: unknown) => JSON.stringify(v);

interface Demand {
  code: string;
  justification: string;
  masking?: { method: string; params?: Record<string, unknown> };
}
interface Scenario {
  key: 'verify' | 'stats' | 'pending' | 'incident';
  no: string;
  resource: string;
  title: string;
  description: string;
  objects: string[];
  industries: string[];
  indicators: string[];
  methods: string[];
  purpose: string;
  egress: EgressInput;
  demand: Demand[];
}
type Resource = NonNullable<Awaited<ReturnType<typeof getResourceForAuthorization>>>;

const SCENARIOS: Scenario[] = [
  {
    key: 'verify',
    no: 'SA-2026-0001',
    resource: 'enterprise-registration',
    title: '企业登记信息核验服务',
    description: '为金融机构提供企业主体真实性核验与按区聚合查询，原始数据不出域。',
    objects: ['商业银行', '融资担保机构'],
    industries: ['金融'],
    indicators: ['单次核验响应 < 1 秒', '覆盖全市在册企业'],
    methods: ['sandbox_query', 'data_service'],
    purpose: 'industry',
    egress: {
      // Models (授信评分) and reports may leave too, always through human review (sandbox EGR-08).
      allowedOutputKinds: ['aggregate', 'service_answer', 'model', 'report_document'],
      minGroupSize: 10,
      smallCellSuppression: true,
      dp: null,
    },
    demand: [
      { code: 'tyshxydm', justification: '核验服务的主键，用于确认企业主体身份' },
      { code: 'qymc', justification: '核验请求需比对企业名称是否与登记一致' },
      { code: 'clrq', justification: '按成立年限统计企业存续情况，支持授信评估' },
      { code: 'djjg', justification: '区分登记机关以便按辖区开展聚合统计分析' },
      { code: 'ssq', justification: '按所属区聚合查询企业数量与分布情况' },
    ],
  },
  {
    key: 'stats',
    no: 'SA-2026-0002',
    resource: 'vaccination',
    title: '区域人口统计',
    description: '按所属区统计接种人口规模，服务公共卫生资源配置；直接标识符全部脱敏。',
    objects: ['卫生健康主管部门', '社区卫生服务中心'],
    industries: ['卫生健康'],
    indicators: ['按区按月输出人口统计表'],
    methods: ['sandbox_query'],
    purpose: 'public_welfare',
    egress: {
      allowedOutputKinds: ['aggregate'],
      minGroupSize: 10,
      smallCellSuppression: true,
      dp: { mechanism: 'laplace', epsilonBudget: 2 },
    },
    demand: [
      {
        code: 'xm',
        justification: '仅用于去重校验，姓名按掩码处理不出沙箱',
        masking: { method: 'mask', params: { keepFirst: 1 } },
      },
      {
        code: 'sfzh',
        justification: '以假名化身份证号去重计数，避免重复统计人口',
        masking: { method: 'hmac_pseudonym' },
      },
      { code: 'ssq', justification: '按所属区统计人口分布，是本场景的核心维度' },
      { code: 'ymmc', justification: '按疫苗名称分类统计接种人口结构与规模' },
      {
        code: 'jzrq',
        justification: '按接种月份统计人口变化趋势，支撑资源配置',
        masking: { method: 'truncate', params: { to: 'month' } },
      },
    ],
  },
  {
    key: 'pending',
    no: 'SA-2026-0003',
    resource: 'enterprise-registration',
    title: '小微企业普惠金融授信辅助',
    description: '为银行提供小微企业画像的聚合统计，辅助普惠授信。',
    objects: ['商业银行'],
    industries: ['金融'],
    indicators: ['小微企业授信审批时长下降 30%'],
    methods: ['sandbox_query', 'model_scoring'],
    purpose: 'industry',
    egress: { allowedOutputKinds: ['aggregate', 'model'], minGroupSize: 10, smallCellSuppression: true, dp: null },
    demand: [
      { code: 'tyshxydm', justification: '用于关联授信对象，确认小微企业主体身份' },
      { code: 'zczb', justification: '按注册资本区间划分小微企业规模分层统计' },
      { code: 'clrq', justification: '按成立年限评估企业经营稳定性与存续情况' },
    ],
  },
  {
    key: 'incident',
    no: 'SA-2026-0004',
    resource: 'enterprise-registration',
    title: '企业经营主体画像分析',
    description: '按所属区与注册资本区间输出企业经营主体画像统计，服务招商研判；法定代表人姓名脱敏。',
    objects: ['招商主管部门'],
    industries: ['招商引资'],
    indicators: ['按区按季度输出企业画像统计表'],
    methods: ['sandbox_query'],
    purpose: 'public_welfare',
    egress: { allowedOutputKinds: ['aggregate'], minGroupSize: 10, smallCellSuppression: true, dp: null },
    demand: [
      { code: 'qymc', justification: '用于去重计数，确认企业经营主体数量' },
      {
        code: 'fddbr',
        justification: '仅用于识别同一法定代表人名下企业，姓名按掩码处理',
        masking: { method: 'mask', params: { keepFirst: 1 } },
      },
      { code: 'zczb', justification: '按注册资本区间划分企业规模，是画像的核心维度' },
      { code: 'ssq', justification: '按所属区统计企业分布，服务区域招商研判' },
    ],
  },
];

/** Authorization demo: agreement, catalog, scenarios, grants, plans and a collaboration (after the catalog seeder). */
export async function seedAuthorization(trx: Tx, k: Kernel) {
  const resources = new Map<string, Resource>();
  for (const key of ['enterprise-registration', 'vaccination']) {
    const r = await getResourceForAuthorization(trx, resourceId(key));
    if (!r) return; // the catalog seed did not run: nothing to authorize
    resources.set(key, r);
  }
  await seedAgreement(trx, k, resources);
  for (const s of SCENARIOS) await seedScenario(trx, k, s, resources.get(s.resource)!);
}

async function seedAgreement(trx: Tx, k: Kernel, resources: Map<string, Resource>) {
  const docText = '珠海市公共数据资源授权运营协议（演示签署版）';
  const candidate = {
    orgId: oid('zh-operator'),
    outcome: 'awarded',
    score: 92,
    blacklistCheckedAt: '2025-12-20',
    extranetAccess: true,
    securityDepartment: '数据安全部',
    securityOfficerUserId: uid('operator.admin'),
  };
  await importObject(
    trx,
    k.workflow,
    agreementLifecycle,
    'active',
    {
      id: DEMO_AGREEMENT_ID,
      agreement_no: 'OA-zhuhai-2026-0001',
      profile_id: 'zhuhai',
      authority_org_id: oid('zh-authority'),
      jurisdiction_id: J,
      mode: 'whole_scope',
      title: '珠海市公共数据资源整体授权运营',
      operator_org_id: oid('zh-operator'),
      valid_from: '2026-01-01',
      valid_to: '2027-12-31',
      selection: j({
        method: 'public_tender',
        noticeFileId: 'demo-notice',
        noticeAt: '2025-12-01',
        awardedAt: '2025-12-28T02:00:00.000Z',
        candidates: [candidate],
      }),
      derived_rights_clause:
        '原始数据产权归数源单位所有；衍生数据权属按本协议约定分配；未经许可不得用于专利申报或学术成果独占性发布。',
      collaborator_rules:
        '协作单位须具备等保三级环境与数据安全负责人；违约或评估不合格即退出；入驻与退出均报实施机构备案。',
      obligations: j(obligationsFor(k, '2026-01-01')),
      documents: j([{ name: docText, fileId: 'demo-agreement-signed', sm3: sm3Hex(docText) }]),
      created_by: uid('authority.admin'),
    },
    PATH_ACTOR,
    J,
  );
  for (const [key, r] of resources) {
    await importObject(
      trx,
      k.workflow,
      catalogEntryLifecycle,
      'consented',
      {
        id: demoId(`agreement-catalog:${key}`),
        agreement_id: DEMO_AGREEMENT_ID,
        resource_id: r.id,
        resource_name_zh: r.nameZh,
        registration_code: r.registrationCode,
        source_unit_org_id: r.sourceUnitOrgId,
        field_codes: j(r.fields.map((f) => f.code)),
        usage_scope: '授权运营场景内使用',
        security_requirements: '沙箱内加工，结果经审核出域',
        update_frequency: 'daily',
        consent: j({
          userId: key === 'vaccination' ? uid('health.admin') : uid('source.admin'),
          at: '2025-12-15T02:00:00.000Z',
          decision: 'consent',
        }),
      },
      PATH_ACTOR,
      J,
    );
  }
}

async function seedScenario(trx: Tx, k: Kernel, s: Scenario, r: Resource) {
  const appId = demoId(`scenario:${s.key}`);
  const pending = s.key === 'pending';
  const grantId = s.key === 'pending' ? null : GRANTS[s.key].id;
  const now = k.clock.now();
  const submittedAt = pending ? now : new Date('2026-02-02T02:00:00Z');
  await importObject(
    trx,
    k.workflow,
    applicationLifecycle,
    pending ? 'under_review' : 'approved',
    {
      id: appId,
      application_no: s.no,
      agreement_id: DEMO_AGREEMENT_ID,
      applicant_org_id: oid('zh-operator'),
      jurisdiction_id: J,
      scenario: j({ title: s.title, description: s.description }),
      service_objects: j(s.objects),
      service_scope: j({ regions: ['珠海市'], industries: s.industries }),
      service_period: j({ from: '2026-03-01', to: '2027-12-31' }),
      expected_outcome: j({ text: s.description, indicators: s.indicators }),
      development_methods: j(s.methods),
      usage_time_limit: '2027-12-31',
      purpose_category: s.purpose,
      risk_assessment: j({ fileId: `demo-risk-${s.key}`, responsiblePerson: '张伟', coversImportantFields: true }),
      proposed_egress: j(s.egress),
      source_unit_org_ids: [r.sourceUnitOrgId],
      submitted_at: submittedAt,
      review_due_at: k.calendar.dueAt(submittedAt, k.profile.get<number>('authorization.reviewWorkingDays')),
      consent_due_at: k.calendar.dueAt(submittedAt, k.profile.get<number>('authorization.consentWorkingDays')),
      reviews: j(
        pending
          ? []
          : [
              {
                userId: uid('authority.reviewer'),
                orgId: oid('zh-authority'),
                decision: 'approved',
                reason: '符合最小必要原则',
                at: '2026-02-20T02:00:00.000Z',
              },
            ],
      ),
      grant_id: grantId,
      decided_at: pending ? null : new Date('2026-02-20T02:00:00Z'),
      created_by: uid('operator.admin'),
    },
    PATH_ACTOR,
    J,
  );
  const items = s.demand.map((d, seq) => {
    const f = r.fields.find((x) => x.code === d.code);
    if (!f) throw new Error(`demo field ${s.resource}.${d.code} missing`);
    return {
      id: demoId(`demand:${s.key}:${d.code}`),
      application_id: appId,
      seq,
      resource_id: r.id,
      resource_name_zh: r.nameZh,
      source_unit_org_id: r.sourceUnitOrgId,
      field_id: f.id,
      field_code: f.code,
      field_name_zh: f.nameZh,
      data_type: f.dataType,
      grade_snapshot: f.grade,
      personal: f.personalInfo,
      sensitive_personal: f.sensitivePersonalInfo,
      direct_identifier: f.directIdentifier,
      justification: d.justification,
      requested_masking: j(d.masking ?? { method: 'none' }),
      requested_visibility: f.grade === 'important' ? 'aggregate_only' : 'masked_rows',
      consent: pending ? 'pending' : 'consent',
      consent_by: pending ? null : s.key === 'stats' ? uid('health.admin') : uid('source.admin'),
      consent_at: pending ? null : new Date('2026-02-10T02:00:00Z'),
      decision: pending ? null : 'accepted',
      decision_reason: pending ? null : '符合最小必要原则',
    };
  });
  await trx.insertInto('demand_item').values(items).execute();
  await importObject(
    trx,
    k.workflow,
    consentLifecycle,
    pending ? 'requested' : 'decided',
    {
      id: demoId(`consent:${s.key}`),
      application_id: appId,
      source_unit_org_id: r.sourceUnitOrgId,
      jurisdiction_id: J,
      due_at: k.calendar.dueAt(submittedAt, k.profile.get<number>('authorization.consentWorkingDays')),
      decided_by: pending ? null : items[0]!.consent_by,
      decided_at: pending ? null : new Date('2026-02-10T02:00:00Z'),
    },
    PATH_ACTOR,
    J,
  );
  if (!grantId) return;
  await seedGrant(trx, k, s, appId, grantId, r.sourceUnitOrgId, items);
}

async function seedGrant(
  trx: Tx,
  k: Kernel,
  s: Scenario,
  appId: string,
  grantId: string,
  sourceUnit: string,
  items: (Omit<AcceptedItem, 'requested_masking' | 'consent_conditions'> & { requested_masking: string })[],
) {
  const fields = grantFields(
    items.map((i) => ({ ...i, requested_masking: JSON.parse(i.requested_masking), consent_conditions: null })),
  );
  const policy = { ...egressPolicy(fields, s.egress, k.profile), limits: egressLimits(fields, k.profile) };
  const planId = demoId(`emergency-plan:${s.key}`);
  await importObject(
    trx,
    k.workflow,
    grantLifecycle,
    'active',
    {
      id: grantId,
      grant_no: GRANTS[s.key as keyof typeof GRANTS].no,
      grant_version: 1,
      basis: 'scenario_application',
      scenario_application_id: appId,
      agreement_id: DEMO_AGREEMENT_ID,
      holder_org_id: oid('zh-operator'),
      jurisdiction_id: J,
      source_unit_org_ids: [sourceUnit],
      purpose: j({
        scenario: { title: s.title, description: s.description },
        purposeCategory: s.purpose,
        serviceObjects: s.objects,
      }),
      fields: j(fields),
      egress_policy: j(policy),
      reviewers_required: policy.limits.reviewersRequired,
      data_services_allowed: s.methods.includes('data_service'),
      valid_from: '2026-03-01',
      valid_to: '2027-12-31',
      plan_due_at: new Date('2026-03-22T15:59:59Z'),
      emergency_plan_id: planId,
    },
    PATH_ACTOR,
    J,
  );
  await importObject(
    trx,
    k.workflow,
    planLifecycle,
    'filed',
    {
      id: planId,
      grant_id: grantId,
      holder_org_id: oid('zh-operator'),
      jurisdiction_id: J,
      incident_types: j(['loss', 'leak', 'tampering', 'destruction']),
      response_levels: '一级（特别重大）、二级（重大）、三级（较大）、四级（一般）',
      procedures: '发现→研判→启动预案→处置→向实施机构、区委网信及国家安全部门报告→复盘整改',
      roles: j([
        {
          role: '数据安全负责人',
          userId: uid('operator.admin'),
          name: '张伟',
          phone: '13800000000',
          securityOfficer: true,
        },
        { role: '应急处置联络人', userId: uid('operator.dev'), name: '刘洋', phone: '13800000001' },
      ]),
      reporting_chain: j([oid('zh-authority'), oid('zh-regulator'), '国家安全机关']),
      filing: j({
        submittedAt: '2026-02-25T02:00:00.000Z',
        acceptedAt: '2026-02-27T02:00:00.000Z',
        acceptedBy: uid('authority.admin'),
      }),
      drills: j([
        {
          date: '2026-06-15',
          scenario: '数据泄露应急演练',
          participants: ['张伟', '刘洋'],
          findings: '响应及时，通报链路畅通',
        },
      ]),
      next_drill_due: '2027-06-15',
      created_by: uid('operator.admin'),
    },
    PATH_ACTOR,
    J,
  );
  const collaboration = GRANTS[s.key as keyof typeof GRANTS].collaboration;
  if (collaboration) {
    await importObject(
      trx,
      k.workflow,
      collaborationLifecycle,
      'active',
      {
        id: demoId(collaboration),
        agreement_id: DEMO_AGREEMENT_ID,
        grant_id: grantId,
        operator_org_id: oid('zh-operator'),
        collaborator_org_id: oid('zh-collab'),
        jurisdiction_id: J,
        scenario_title: s.title,
        data_scope: j(s.key === 'verify' ? ['tyshxydm', 'qymc', 'ssq'] : ['qymc', 'zczb', 'ssq']),
        valid_from: '2026-03-15',
        valid_to: '2027-06-30',
        terms: j({
          conditions: '仅在授权运营平台沙箱内开展核验服务开发',
          securityRequirements: '等保三级；人员签署保密协议',
          serviceFees: '按开发人天结算',
          terminationCases: '违约、评估不合格或运营协议终止',
          breachLiability: '承担违约金并赔偿损失',
        }),
        entry_filing: j({ at: '2026-03-14T02:00:00.000Z', acceptedBy: uid('authority.admin') }),
        created_by: uid('operator.admin'),
      },
      PATH_ACTOR,
      J,
    );
  }
}
