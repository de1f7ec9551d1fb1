import type { Tx } from '../kernel/db/tables.js';
import type { Kernel } from '../kernel/kernel.js';
import { loadProfile } from '../kernel/profiles/index.js';
import { systemActor } from '../kernel/workflow/actor.js';
import { importObject } from '../kernel/workflow/transition.js';
import { rulebookLifecycle } from '../contexts/rights/lifecycle-rulebooks.js';
import {
  dataAssetLifecycle,
  objectionLifecycle,
  registrationLifecycle,
  valuationLifecycle,
} from '../contexts/rights/lifecycle.js';
import type { Duration, ObjectInfo, RegType, RightType } from '../contexts/rights/model.js';
import { groundsKey, validityOf } from '../contexts/rights/rules/index.js';
import { getRegistration, type RegistrationRow } from '../contexts/rights/store.js';
import { issueCertificate, noteOnCertificate } from '../contexts/rights/usecases/certificates.js';
import { dueAt, today } from '../contexts/rights/usecases/common.js';
import type { OrgInfo } from '../contexts/rights/usecases/orgs.js';
import { demoId } from './ids.js';
import { DEMO_ORGS, jid, oid } from './identity.js';

/**
 * Demo rights registrations (issue 17): a registered certificate of each right type (持有权,
 * 加工使用权, 产品经营权, Beijing data IP), one under a post-registration objection, one pledged,
 * so `GET /api/v1/public/certificates` answers a non-empty list after `npm start`; two asset cards, one with a
 * valuation history, for the asset register. Runs inside the
 * seeding transaction, so organizations come from the demo list rather than the identity service.
 */

const SM3_DEMO = 'c5e2f0c1a3b4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e';

function org(key: string): OrgInfo {
  const o = DEMO_ORGS.find((x) => x.key === key);
  if (!o) throw new Error(`demo org ${key} missing`);
  return { id: oid(key), name: o.name, uscc: o.uscc, jurisdictionId: jid(o.j), actors: o.actors };
}

interface DemoRegistration {
  key: string;
  no: string;
  profile: string;
  regType: RegType;
  rightType: RightType;
  subjectKind: string;
  registry: string;
  holder: string;
  counterparty?: string;
  base?: string;
  name: string;
}

const REGISTRATIONS: DemoRegistration[] = [
  {
    key: 'product-operation',
    no: 'SHENZHEN-R-2026-900001',
    profile: 'shenzhen',
    regType: 'first',
    rightType: 'product_operation',
    subjectKind: 'data_product',
    registry: 'lh-authority',
    holder: 'zh-operator',
    name: '罗湖区企业经营状态指数',
  },
  {
    key: 'resource-holding',
    no: 'SHENZHEN-R-2026-900002',
    profile: 'shenzhen',
    regType: 'first',
    rightType: 'resource_holding',
    subjectKind: 'data_resource',
    registry: 'lh-authority',
    holder: 'zh-operator',
    name: '罗湖区企业登记信息数据资源',
  },
  {
    key: 'processing-use',
    no: 'SHENZHEN-R-2026-900003',
    profile: 'shenzhen',
    regType: 'first',
    rightType: 'processing_use',
    subjectKind: 'data_resource',
    registry: 'lh-authority',
    holder: 'zh-collab',
    name: '企业画像加工数据集',
  },
  {
    key: 'data-ip',
    no: 'BEIJING-R-2026-900001',
    profile: 'beijing',
    regType: 'first',
    rightType: 'data_ip',
    subjectKind: 'data_ip',
    registry: 'zh-authority',
    holder: 'zh-labpartner',
    name: '城市道路拥堵特征数据集',
  },
  {
    key: 'pledge',
    no: 'SHENZHEN-R-2026-900004',
    profile: 'shenzhen',
    regType: 'pledge',
    rightType: 'resource_holding',
    subjectKind: 'data_resource',
    registry: 'lh-authority',
    holder: 'zh-operator',
    counterparty: 'buyer',
    base: 'resource-holding',
    name: '罗湖区企业登记信息数据资源',
  },
];

const regId = (key: string) => demoId(`rights-registration:${key}`);

/** The public board (issue 17): one first registration in publicity, so /public/publicity is alive after `npm start`. */
const IN_PUBLICITY: DemoRegistration = {
  key: 'in-publicity',
  no: 'SHENZHEN-R-2026-900005',
  profile: 'shenzhen',
  regType: 'first',
  rightType: 'product_operation',
  subjectKind: 'data_product',
  registry: 'lh-authority',
  holder: 'zh-operator',
  name: '罗湖区商圈客流指数',
};

/** Publicity runs from seeding for the profile's period; the rights clocks register it when it ends clean. */
async function seedInPublicity(trx: Tx, k: Kernel) {
  const now = k.clock.now();
  const period = loadProfile(IN_PUBLICITY.profile).get<Duration>('reg.publicity');
  const clocks = { publicityStart: now.toISOString(), publicityEnd: dueAt(k, now, period).toISOString() };
  await importRegistration(trx, k, IN_PUBLICITY, 'publicity', { clocks: JSON.stringify(clocks) });
}

function objectInfo(name: string): ObjectInfo {
  return {
    name,
    version: '1.0',
    form: 'dataset',
    source: 'authorized',
    acquisitionMethod: '公共数据授权运营',
    updateCycle: 'monthly',
    scenarios: ['金融风控', '营商环境分析'],
    scope: '深圳市罗湖区',
    grade: 'general',
    declaredGrounds: [],
  };
}

async function importRegistration(
  trx: Tx,
  k: Kernel,
  d: DemoRegistration,
  state = 'registered',
  extra: Record<string, string> = {},
): Promise<RegistrationRow> {
  const registry = org(d.registry);
  const id = regId(d.key);
  await importObject(
    trx,
    k.workflow,
    registrationLifecycle,
    state,
    {
      id,
      registration_no: d.no,
      profile: d.profile,
      reg_type: d.regType,
      right_type: d.rightType,
      subject_kind: d.subjectKind,
      base_registration_id: d.base ? regId(d.base) : null,
      registry_org_id: registry.id,
      registry_jurisdiction_id: registry.jurisdictionId,
      applicant_org_id: oid(d.holder),
      holder_org_id: oid(d.holder),
      counterparty_org_id: d.counterparty ? oid(d.counterparty) : null,
      evaluator_org_id: oid('evaluator'),
      object_info: JSON.stringify(objectInfo(d.name)),
      evidence: JSON.stringify([{ name: '实质性审查报告.pdf', kind: 'third_party_report', sm3: SM3_DEMO }]),
      content_agreed: true,
      review_report: JSON.stringify({
        passed: true,
        summary: '审查通过',
        reportSm3: SM3_DEMO,
        evaluatorOrgId: oid('evaluator'),
      }),
      ...extra,
    },
    systemActor('demo-seed'),
    registry.jurisdictionId,
  );
  const row = await getRegistration(trx, id);
  if (!row) throw new Error(`demo registration ${d.key} missing`);
  return row;
}

export async function seedRights(trx: Tx, k: Kernel) {
  const certs = new Map<string, Awaited<ReturnType<typeof issueCertificate>>>();
  const day = today(k);
  for (const d of REGISTRATIONS) {
    const row = await importRegistration(trx, k, d);
    const p = loadProfile(d.profile);
    if (d.regType === 'first') {
      const cert = await issueCertificate(trx, k, p, {
        registration: row,
        unitId: row.id,
        kind: 'registration',
        holder: org(d.holder),
        registry: org(d.registry),
        validFrom: day,
        validTo: validityOf(day, p),
        supersedes: null,
      });
      certs.set(d.key, cert);
    } else if (d.base && d.counterparty) {
      const base = certs.get(d.base);
      if (base)
        await noteOnCertificate(trx, k, base, 'encumbrance_added', {
          type: 'pledge',
          party: org(d.counterparty).name,
          date: day,
          regId: row.id,
        });
    }
  }
  await seedInPublicity(trx, k);
  await seedObjection(trx, k, certs.get('processing-use'));
  await seedDataAssets(trx, k);
  await seedRulebook(trx, k);
}

interface DemoCost {
  incurredOn: string;
  amountFen: number;
  component: string;
  expensed: boolean;
  capitalize: boolean;
}

interface DemoAsset {
  key: string;
  holder: string;
  name: string;
  isPublic: boolean;
  cls: string;
  mode: string;
  costs: DemoCost[];
  marks: Array<{ rightType: string; grantee: string; grantRef: string; date: string }>;
  cycle: string;
}

const cost = (incurredOn: string, amountFen: number, component: string): DemoCost => ({
  incurredOn,
  amountFen,
  component,
  expensed: false,
  capitalize: true,
});

/**
 * Asset register demo (issue 17): the operator's product card (无形资产, two valuations for its history) and
 * 市场监管局's public data asset 企业登记信息 carrying a product-operation authorization mark (scenario 8).
 */
const ASSETS: DemoAsset[] = [
  {
    key: 'luohu-index',
    holder: 'zh-operator',
    name: '罗湖区企业经营状态指数',
    isPublic: false,
    cls: 'intangible',
    mode: 'purchased',
    costs: [cost('2025-11-20', 2_000_000_00, 'price'), cost('2026-02-10', 500_000_00, 'cleaning')],
    marks: [],
    cycle: 'monthly',
  },
  {
    key: 'enterprise-registry',
    holder: 'zh-samr',
    name: '企业登记信息',
    isPublic: true,
    cls: 'intangible',
    mode: 'self_developed',
    costs: [cost('2025-03-01', 800_000_00, 'integration'), cost('2025-09-01', 200_000_00, 'security_management')],
    marks: [
      {
        rightType: 'product_operation',
        grantee: '珠海市数据运营有限公司',
        grantRef: 'ZH-GR-2026-001',
        date: '2026-01-15',
      },
    ],
    cycle: 'daily',
  },
];

async function seedDataAssets(trx: Tx, k: Kernel) {
  const sys = systemActor('demo-seed');
  for (const a of ASSETS) {
    const capitalizedFen = a.costs.reduce((sum, c) => sum + c.amountFen, 0);
    await importObject(
      trx,
      k.workflow,
      dataAssetLifecycle,
      'carded',
      {
        id: demoId(`rights-data-asset:${a.key}`),
        holder_org_id: oid(a.holder),
        name: a.name,
        is_public_data_asset: a.isPublic,
        basic: JSON.stringify({ structure: '结构化数据表', scale: '120 万条', cycle: a.cycle, desensitized: true }),
        rights: JSON.stringify({ holder: org(a.holder).name, path: '公共数据授权运营', type: 'product_operation' }),
        usage: JSON.stringify({ products: [`${a.name} API`], scenarios: ['金融风控', '营商环境分析'] }),
        management: JSON.stringify({ department: '数据资产管理部', grade: 'general', maintenance: '每月' }),
        recognition: JSON.stringify({
          pastTransactionOrEvent: true,
          ownedOrControlled: true,
          expectedInflow: true,
          reliableMeasurement: true,
        }),
        accounting: JSON.stringify({
          class: a.cls,
          acquisitionMode: a.mode,
          capitalizedFen,
          expensedFen: 0,
          costs: a.costs,
        }),
        book_value_fen: capitalizedFen,
        marks: JSON.stringify(a.marks),
        usage_synced_at: k.clock.now(),
      },
      sys,
    );
  }
  await seedValuations(trx, k);
}

/** Two reported valuations of the operator's card (cost method, then income method), two signers each (RA-29). */
async function seedValuations(trx: Tx, k: Kernel) {
  const signers = JSON.stringify([
    { name: '王评估', signed: true, attestsNoPresetValue: true },
    { name: '李评估', signed: true, attestsNoPresetValue: true },
  ]);
  const rows = [
    { key: '2025', baseDate: '2025-06-30', validUntil: '2026-06-30', methods: ['cost'], fen: 2_200_000_00 },
    { key: '2026', baseDate: '2026-01-31', validUntil: '2027-01-31', methods: ['income', 'cost'], fen: 2_600_000_00 },
  ];
  for (const v of rows) {
    await importObject(
      trx,
      k.workflow,
      valuationLifecycle,
      'reported',
      {
        id: demoId(`rights-valuation:luohu-index:${v.key}`),
        evaluator_org_id: oid('evaluator'),
        client_org_id: oid('zh-operator'),
        client_is_soe: false,
        asset_name: '罗湖区企业经营状态指数',
        stage: 'value_appraisal',
        purpose: '数据资产入表计量参考',
        base_date: v.baseDate,
        valid_until: v.validUntil,
        methods: JSON.stringify(v.methods),
        professionals: signers,
        reconciliation_note: v.methods.length > 1 ? '收益法反映产品收益能力，以收益法结论为准' : null,
        conclusion_fen: v.fen,
        data_asset_id: demoId('rights-data-asset:luohu-index'),
      },
      systemActor('demo-seed'),
    );
  }
}

/** An accepted post-registration objection on the processing-use certificate, noted on it (RA-12). */
async function seedObjection(trx: Tx, k: Kernel, cert: Awaited<ReturnType<typeof issueCertificate>> | undefined) {
  if (!cert) return;
  const grounds = '该加工数据集使用了我方未授权的原始数据';
  const id = demoId('rights-objection:processing-use');
  const now = k.clock.now();
  await importObject(
    trx,
    k.workflow,
    objectionLifecycle,
    'accepted',
    {
      id,
      registration_id: regId('processing-use'),
      objector_org_id: oid('buyer'),
      objector_name: org('buyer').name,
      phase: 'post_registration',
      grounds,
      grounds_key: groundsKey(grounds),
      accepted_at: now,
      resolve_due_at: new Date(now.getTime() + 15 * 86400_000),
    },
    systemActor('demo-seed'),
  );
  await noteOnCertificate(trx, k, cert, 'objection_noted', { objectionId: id, date: now.toISOString() });
}

/** RA-20: the Luohu registry's published business rules and fees (filed with the Shenzhen authority, 备案). */
async function seedRulebook(trx: Tx, k: Kernel) {
  const registry = org('lh-authority');
  const at = k.clock.now();
  const feeLines = [
    { item: '数据资源/产品首次登记', unit: '件', amountFen: 0 },
    { item: '变更、许可、质押登记', unit: '件', amountFen: 0 },
    { item: '登记证书纸质证明打印', unit: '份', amountFen: 2_000 },
  ];
  await importObject(
    trx,
    k.workflow,
    rulebookLifecycle,
    'published',
    {
      id: demoId('rulebook:lh-authority:1'),
      registry_org_id: registry.id,
      profile: 'shenzhen',
      version_no: 1,
      title: '罗湖区数据产权登记业务规则（试行）',
      summary: '数据资源和数据产品登记的申请、受理、审查、公示、发证及收费标准',
      rules_text: '第一条 为规范本机构数据产权登记业务，依据《深圳市数据产权登记管理暂行办法》制定本规则。\n第二条 ……',
      fee_lines: JSON.stringify(feeLines),
      authority_org_id: oid('sz-authority'),
      filed_at: at,
      published_at: at,
    },
    systemActor('demo-seed'),
    registry.jurisdictionId,
  );
}
