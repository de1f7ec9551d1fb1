import { getGrantForUse, type GrantForUse } from '../contexts/authorization/service.js';
import {
  feeCapLifecycle,
  listingLifecycle,
  priceFilingLifecycle,
  productLifecycle,
  productRegistrationLifecycle,
  reviewLifecycle,
} from '../contexts/products/lifecycle.js';
import { CHECK_ITEMS } from '../contexts/products/model.js';
import { shanghaiDate } from '../kernel/calendar/calendar.js';
import type { Tx } from '../kernel/db/tables.js';
import type { Kernel } from '../kernel/kernel.js';
import { systemActor } from '../kernel/workflow/actor.js';
import { importObject } from '../kernel/workflow/transition.js';
import { DEMO_AGREEMENT_ID } from './authorization.js';
import { demoId } from './ids.js';
import { oid } from './identity.js';
import { DEMO_GRANTS } from './sandbox.js';

// Demo market of products-market.md part 1: listed products of four forms, each reviewed, registered and
// listed, with caps in force and filed prices, so /api/v1/public/products shows a living market.

interface DemoProduct {
  key: string;
  code: string;
  name: string;
  form: string;
  grant: 'verify' | 'stats';
  fields: string[];
  sourceUnit: string;
  /** null: a free public-welfare product (PM-13), filed at 0 without a cap. */
  cap: { unit: string; unitDefinition: string; capFen: number; priceFen: number } | null;
}

const PRODUCTS: DemoProduct[] = [
  {
    key: 'status-verify',
    code: 'DP-ZH-2026-000101',
    name: '企业经营状态核验API',
    form: 'verification_service',
    grant: 'verify',
    fields: ['统一社会信用代码', '企业名称'],
    sourceUnit: 'zh-samr',
    cap: { unit: 'call', unitDefinition: '每次调用', capFen: 80, priceFen: 60 },
  },
  {
    key: 'survival-report',
    code: 'DP-ZH-2026-000102',
    name: '珠海市企业存续分析报告',
    form: 'analysis_report',
    grant: 'verify',
    fields: ['成立日期', '登记机关', '所属区'],
    sourceUnit: 'zh-samr',
    cap: { unit: 'item', unitDefinition: '每份报告', capFen: 50_000, priceFen: 30_000 },
  },
  {
    key: 'district-dataset',
    code: 'DP-ZH-2026-000103',
    name: '区域企业分布统计数据集',
    form: 'dataset',
    grant: 'verify',
    fields: ['所属区', '登记机关'],
    sourceUnit: 'zh-samr',
    cap: { unit: 'period', unitDefinition: '每月', capFen: 200_000, priceFen: 150_000 },
  },
  {
    key: 'vaccination-stats',
    code: 'DP-ZH-2026-000104',
    name: '区域接种人口统计服务',
    form: 'data_service_api',
    grant: 'stats',
    fields: ['所属区', '疫苗名称'],
    sourceUnit: 'zh-health',
    cap: null,
  },
];

const j = (v: unknown) => JSON.stringify(v);

/** Seeds the demo market after the sandbox seeder (it needs the demo Grants). */
export async function seedProducts(trx: Tx, k: Kernel): Promise<void> {
  for (const d of PRODUCTS) {
    const grant = await getGrantForUse(trx, DEMO_GRANTS[d.grant]);
    if (!grant) continue; // the authorization seed has not run
    await seedOne(trx, k, d, grant);
  }
}

async function seedOne(trx: Tx, k: Kernel, d: DemoProduct, g: GrantForUse) {
  const actor = systemActor('demo-seed');
  const today = shanghaiDate(k.clock.now());
  const id = demoId(`product:${d.key}`);
  const regCode = `DPR-${today.slice(0, 4)}-${d.code.slice(-6)}`;
  const free = d.cap === null;
  const used = g.resources.flatMap((r) => r.fields).filter((f) => d.fields.includes(f.nameZh));
  await importObject(
    trx,
    k.workflow,
    productLifecycle,
    'active',
    {
      id,
      code: d.code,
      name_zh: d.name,
      form: d.form,
      category: free ? 'public_governance_welfare' : 'industry',
      scenario_application_id: g.scenarioApplicationId,
      grant_ids: j([g.id]),
      fields_used: j(used.map((f) => f.nameZh)),
      category_tags: j([]),
      source_unit_org_ids: j([oid(d.sourceUnit)]),
      producer_org_id: g.operatorOrgId,
      operator_org_id: g.operatorOrgId,
      ip_owner_org_id: g.operatorOrgId,
      built_from_free_data: free,
      personal_info: 'none',
      max_grade: used.some((f) => f.grade === 'important') ? 'important' : 'general',
      // Files leave through egress or are used in a sandbox seat; services answer by API key or as a model service.
      delivery_modes: j(
        d.form === 'dataset' || d.form === 'analysis_report'
          ? ['file_egress', 'sandbox_seat']
          : ['api_key', 'model_service'],
      ),
      declaration: j({
        source: g.grantNo,
        rights: '授权运营',
        quality: '经核验',
        use: '限于批准场景',
        signedBy: '张伟',
        signedAt: today,
      }),
      valid_to: g.validTo,
      registration_code: regCode,
      jurisdiction_id: g.jurisdictionId,
      jurisdiction_path: j(g.jurisdictionPath),
    },
    actor,
    g.jurisdictionId,
  );
  await seedReviewAndRegistration(trx, k, id, regCode, g, today);
  await importObject(
    trx,
    k.workflow,
    listingLifecycle,
    'live',
    {
      id: demoId(`listing:${d.key}`),
      product_id: id,
      venue: 'platform',
      registration_id: demoId(`product-registration:${id}`),
    },
    actor,
    g.jurisdictionId,
  );
  await seedPrice(trx, k, d, id, g, today);
}

async function seedReviewAndRegistration(trx: Tx, k: Kernel, id: string, code: string, g: GrantForUse, today: string) {
  const actor = systemActor('demo-seed');
  const at = k.clock.now().toISOString();
  const items = CHECK_ITEMS.map((c) => ({
    code: c,
    result: c === 'CR-5' ? 'n_a' : 'pass',
    evidenceFileIds: [],
    checkedBy: c === 'CR-4' || c === 'CR-6' ? `${oid('evaluator')}:demo` : 'platform',
    checkedAt: at,
    automatic: !(c === 'CR-4' || c === 'CR-6'),
    note: null,
    minK: c === 'CR-6' ? 12 : null,
  }));
  const validUntil = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  await importObject(
    trx,
    k.workflow,
    reviewLifecycle,
    'passed',
    {
      id: demoId(`review:${id}`),
      product_id: id,
      product_version: '1.0.0',
      items: j(items),
      evaluator_report_id: 'EVAL-DEMO-2026-001',
      decision: 'passed',
      decided_at: at,
      valid_until: validUntil,
    },
    actor,
    g.jurisdictionId,
  );
  await importObject(
    trx,
    k.workflow,
    productRegistrationLifecycle,
    'registered',
    {
      id: demoId(`product-registration:${id}`),
      product_id: id,
      type: 'first',
      procedure: 'ordinary',
      registry_level: 'local',
      registrant_org_id: g.operatorOrgId,
      registry_org_id: oid('zh-authority'),
      jurisdiction_id: g.jurisdictionId,
      registration_code: code,
    },
    actor,
    g.jurisdictionId,
  );
}

async function seedPrice(trx: Tx, k: Kernel, d: DemoProduct, id: string, g: GrantForUse, today: string) {
  const actor = systemActor('demo-seed');
  const capId = d.cap ? demoId(`fee-cap:${d.key}`) : null;
  const year = today.slice(0, 4);
  if (d.cap)
    await importObject(
      trx,
      k.workflow,
      feeCapLifecycle,
      'in_force',
      {
        id: capId!,
        authority_org_id: oid('zh-authority'),
        operation_agreement_id: DEMO_AGREEMENT_ID,
        operator_org_id: g.operatorOrgId,
        jurisdiction_id: g.jurisdictionId,
        product_id: id,
        charging_unit: d.cap.unit,
        unit_definition: d.cap.unitDefinition,
        cap_fen: d.cap.capFen,
        tax_inclusive: true,
        basis: j({ resources: '数据、算力、存储资源', labour: '运维与数据治理人员', salesScale: '按上年调用量测算' }),
        is_trial: true, // the demo operator has no full operating year yet (NDRC-65 trial standard)
        written_report_ref: `珠政数报〔${year}〕${d.code.slice(-3)}号`,
        effective_from: `${year}-01-01`,
        effective_to: `${Number(year) + 2}-12-31`,
      },
      actor,
      g.jurisdictionId,
    );
  await importObject(
    trx,
    k.workflow,
    priceFilingLifecycle,
    'effective',
    {
      id: demoId(`price-filing:${d.key}`),
      filing_no: `PF-${year}-${d.code.slice(-6)}`,
      product_id: id,
      fee_cap_id: capId,
      operator_org_id: g.operatorOrgId,
      jurisdiction_id: g.jurisdictionId,
      charging_unit: d.cap?.unit ?? 'call',
      unit_definition: d.cap?.unitDefinition ?? '每次调用',
      price_fen: d.cap?.priceFen ?? 0,
      pricing_basis: d.cap ? '成本加合理利润，不高于上限收费标准' : '公益使用，免费',
      scenario: d.name,
      scope_of_use: d.cap ? '经批准场景内的行业使用' : '公共治理与公益事业',
      method: d.form === 'dataset' ? '文件经出域审批交付' : '接口调用',
      pricing_method: 'negotiated',
      filed_at: k.clock.now(),
      effective_from: `${year}-01-01`,
    },
    actor,
    g.jurisdictionId,
  );
}
