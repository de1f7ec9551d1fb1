import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../../../kernel/db/tables.js';
import { jid, oid } from '../../../seed/identity.js';
import type { FixedClock } from '../../../kernel/clock.js';
import type { Client, TestApp } from '../../../test/harness.js';
import { addedField, type GradedField, registeredResource } from '../../catalog/test/factories.js';

// Test factories. Authorization's own objects are built through its API (activeAgreement, applicationBody
// with overrides); the catalog's resources through the catalog's own builders (catalogResource,
// addedCatalogField → catalog/test/factories.ts), never by INSERT into its tables.
//
// One narrow exception remains (issue 13): `insertResource`, for routes/clocks/drafts tests whose fixtures are
// registered resources the catalog's rules never let exist at registration: a `core` field (REG-07 refuses
// registering core data; only a later reclassification gives one, which also opens a CLS-08 change filing)
// and a registered field with no grade (POPULATION_FIELDS `raw`: CLS-01 classify needs every field
// classified), with no resource-level grade and no data snapshot. Moving them to catalogResource changes what
// those tests exercise and their timelines (the publicity period); that is a follow-up of their own.

/** The demo login that acts for an org's catalog (catalog manager + security officer) or consents as its providing unit. */
const CATALOG_LOGIN: Record<string, string> = {
  'zh-samr': 'source.admin',
  'zh-transport': 'transport.admin',
  'zh-health': 'health.admin',
  'lh-authority': 'luohu.reviewer',
};

/**
 * A registered, published resource built through the catalog's own use cases (its test builders):
 * the same options as `insertResource`, minus what the catalog's rules forbid at registration (a core
 * or unclassified field: REG-07, CLS-01). `providingUnit` needs a demo login (CAT-04 consent through the API).
 * The test's clock is set back after the publicity period, so its own timeline is unchanged.
 */
export async function catalogResource(
  t: TestApp,
  clock: FixedClock,
  o: { name: string; owner: string; fields: FieldSpec[]; providingUnit?: string; providerConsent?: boolean },
) {
  const login = (org: string) => CATALOG_LOGIN[org] ?? fail(`no demo login acts for ${org}`);
  const consentBy = o.providerConsent && o.providingUnit ? login(o.providingUnit) : undefined;
  return registeredResource(t, clock, {
    source: login(o.owner),
    resource: { nameZh: o.name },
    fields: o.fields.map(gradedField),
    ...(o.providingUnit ? { providingUnit: { orgId: oid(o.providingUnit), consentBy } } : {}),
    // CAT-04: a resource shared in without its providing unit's consent (`providerConsent: false`) cannot be
    // published; it stays classified.
    publish: o.providerConsent !== false,
    keepTime: true,
  });
}

/** REG-03: a field added to a published resource after its registration, through a consented `modify`. */
export async function addedCatalogField(t: TestApp, resourceId: string, owner: string, f: FieldSpec) {
  return addedField(t, resourceId, gradedField(f), { source: CATALOG_LOGIN[owner] });
}

function gradedField(f: FieldSpec): GradedField {
  if (f.grade === 'core' || f.grade === null) fail(`field ${f.code}: a ${f.grade} field cannot be registered`);
  return {
    code: f.code,
    nameZh: f.name,
    grade: f.grade,
    personalInfo: f.personal,
    sensitivePersonalInfo: f.sensitive,
    directIdentifier: f.direct,
  };
}

function fail(message: string): never {
  throw new Error(`catalogResource: ${message}`);
}

export interface FieldSpec {
  code: string;
  name: string;
  grade: 'general' | 'important' | 'core' | null;
  personal?: boolean;
  sensitive?: boolean;
  direct?: boolean;
}

/** A resource row written straight into the catalog's tables — the narrow exception described above. */
export async function insertResource(
  db: Executor,
  o: { name: string; owner: string; registered?: boolean; fields: FieldSpec[] },
) {
  const id = randomUUID();
  const registered = o.registered !== false;
  await sql`INSERT INTO data_resource (id, resource_code, name_zh, summary, source_unit_org_id, jurisdiction_id, domain, data_type, format, update_frequency,
    share_class, open_class, registration_status, registration_code, catalog_types, state, version)
    VALUES (${id}, ${`T-${id.slice(0, 8)}`}, ${o.name}, ${'测试资源'}, ${oid(o.owner)}, ${jid('440400')}, ${'market'}, ${'table'}, ${'csv'}, ${'daily'},
    ${'conditional'}, ${'conditional'}, ${registered ? 'registered' : 'unregistered'}, ${registered ? `REG-${id.slice(0, 6)}` : null},
    ${['authorized_operation']}::text[], ${'published'}, 1)`.execute(db);
  for (const [seq, f] of o.fields.entries())
    await sql`INSERT INTO data_field (id, resource_id, seq, code, name_zh, value_type, grade, personal_info, sensitive_personal_info, direct_identifier, classification_status, registered_version)
      VALUES (${randomUUID()}, ${id}, ${seq}, ${f.code}, ${f.name}, ${'string'}, ${f.grade}, ${!!f.personal}, ${!!f.sensitive}, ${!!f.direct}, ${f.grade ? 'confirmed' : 'unclassified'}, ${registered ? 1 : null})`.execute(
      db,
    );
  return id;
}

export const ENTERPRISE_FIELDS: FieldSpec[] = [
  { code: 'uscc', name: '统一社会信用代码', grade: 'general' },
  { code: 'name', name: '企业名称', grade: 'general' },
  { code: 'legal_rep', name: '法定代表人', grade: 'general', personal: true, direct: true },
  { code: 'reg_capital', name: '注册资本', grade: 'important' },
  { code: 'est_date', name: '成立日期', grade: 'general' },
  { code: 'district', name: '所属区', grade: 'general' },
  { code: 'secret', name: '重要设施坐标', grade: 'core' },
];
export const POPULATION_FIELDS: FieldSpec[] = [
  { code: 'person_name', name: '姓名', grade: 'general', personal: true, direct: true },
  { code: 'id_no', name: '身份证号', grade: 'general', personal: true, sensitive: true, direct: true },
  { code: 'district', name: '所属区', grade: 'general' },
  { code: 'raw', name: '未分级字段', grade: null },
];

export const justify = '用于企业身份核验，确认授信对象主体真实存在';

/** An active agreement for zh-operator over the given catalog, built through the API (AUTH-01…08). */
export async function activeAgreement(
  authority: Client,
  consenters: Record<string, Client>,
  catalog: { resourceId: string; fieldCodes: string[]; owner: string }[],
  signOn: string,
) {
  const created = await authority.post('/api/v1/operation-agreements', {
    title: '珠海市公共数据资源授权运营（测试）',
    mode: 'whole_scope',
    jurisdictionId: jid('440400'),
    derivedRightsClause: '原始数据权属归数源单位，衍生数据按协议约定分配',
    catalog: catalog.map(({ resourceId, fieldCodes }) => ({ resourceId, fieldCodes })),
  });
  if (created.statusCode !== 201) throw new Error(`create agreement: ${created.body}`);
  const id = created.json().id as string;
  const detail = (await authority.get(`/api/v1/operation-agreements/${id}`)).json();
  for (const e of detail.catalog) {
    const owner = catalog.find((c) => c.resourceId === e.resourceId)!.owner;
    const r = await consenters[owner]!.post(`/api/v1/agreement-catalog-entries/${e.id}/decide`, {
      decision: 'consent',
    });
    if (r.statusCode !== 200) throw new Error(`consent: ${r.body}`);
  }
  const steps: [string, unknown][] = [
    ['selection', { method: 'competitive_negotiation', noticeFileId: 'notice-1', noticeAt: signOn }],
    ['award', { awardOrgId: oid('zh-operator'), candidates: [qualifiedCandidate(signOn)] }],
    [
      'sign',
      { validFrom: signOn, documents: [{ name: '授权运营协议（签署版）', fileId: 'doc-1', sm3: 'a'.repeat(64) }] },
    ],
  ];
  for (const [path, body] of steps) {
    const r = await authority.post(`/api/v1/operation-agreements/${id}/${path}`, body);
    if (r.statusCode !== 200) throw new Error(`${path}: ${r.body}`);
  }
  return id;
}

export function qualifiedCandidate(checkedAt: string, orgKey = 'zh-operator') {
  const items = [
    'no_major_violation',
    'not_blacklisted',
    'can_carry_cost',
    'sound_accounts',
    'tax_social_insurance',
    'knows_rules',
    'professional_team',
    'internal_rules',
    'security_officer_and_department',
    'security_rules',
    'ecosystem',
    'processing_capability',
    'public_data_experience',
    'extranet_access',
    'hardware_software',
    'data_security_capability',
    'qualifications_credit',
    'sales_system',
    'risk_emergency_management',
    'regulator_response',
    'no_security_incident',
  ];
  return {
    orgId: oid(orgKey),
    qualification: Object.fromEntries(items.map((i) => [i, { result: 'pass', evidenceFileIds: [`ev-${i}`] }])),
    declaredIncidents: [],
    blacklistCheckedAt: checkedAt,
    securityOfficerUserId: '00000000-0000-4000-8000-000000000001',
    securityDepartment: '数据安全部',
    extranetAccess: true,
  };
}

export function applicationBody(agreementId: string, demandList: unknown[], o: Record<string, unknown> = {}) {
  return {
    agreementId,
    scenario: { title: '企业登记信息核验服务', description: '为金融机构提供企业主体核验' },
    serviceObjects: ['商业银行'],
    serviceScope: { regions: ['珠海市'], industries: ['金融'] },
    servicePeriod: { from: '2026-10-01', to: '2027-06-30' },
    expectedOutcome: { text: '缩短授信前主体核验时间', indicators: ['核验平均时长 < 1 秒'] },
    demandList,
    developmentMethods: ['sandbox_query', 'data_service'],
    usageTimeLimit: '2027-06-30',
    purposeCategory: 'industry',
    riskAssessment: { fileId: 'ra-1', responsiblePerson: '张伟', coversImportantFields: true },
    proposedEgress: { allowedOutputKinds: ['aggregate', 'service_answer'], minGroupSize: 5 },
    ...o,
  };
}
