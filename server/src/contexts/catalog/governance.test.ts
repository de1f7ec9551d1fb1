import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type Client } from '../../test/harness.js';
import { resourceId } from '../../seed/catalog.js';
import { oid } from '../../seed/identity.js';
import { DEMO_GRANT_IDS } from '../../seed/authorization.js';
import { loadProfile } from '../../kernel/profiles/index.js';
import { CLS_02 } from './rules.js';
import { getResourceForAuthorization } from './usecases/resources.js';
import { classifiedResource } from './test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const ruleIds = (res: { json(): any }) =>
  (res.json().error?.details?.failures ?? []).map((f: any) => `${f.ruleId}:${f.code}`);

describe('CLS-06 important data into the authorized catalog', () => {
  const rid = resourceId('taxi-trajectory'); // important (whereabouts), published
  let id: string;
  it('without assessment, important-data catalog entry and security approval the application is refused', async () => {
    const op = await t.as('operator.admin');
    id = (await op.post('/api/v1/change-requests', { type: 'add', resourceId: rid, reason: '交通出行分析' })).json().id;
    expect((await (await t.as('transport.admin')).post(`/api/v1/change-requests/${id}/consent`, {})).json().state).toBe(
      'consented',
    );
    const res = await (await t.as('authority.reviewer')).post(`/api/v1/change-requests/${id}/apply`, {});
    expect(res.statusCode).toBe(409);
    expect(ruleIds(res)).toContain('CLS-06:IMPORTANT_DATA_REVIEW_INCOMPLETE');
    expect(res.json().error.details.failures.find((f: any) => f.ruleId === 'CLS-06').params.missing).toBe(
      'riskAssessmentRef, importantCatalogRef, securityApproval',
    );
  });

  it('with both references and the security officer’s approval, a second person (the reviewer) applies it', async () => {
    const op = await t.as('operator.admin');
    const full = (
      await op.post('/api/v1/change-requests', {
        type: 'add',
        resourceId: rid,
        riskAssessmentRef: 'RA-2026-017.pdf',
        importantCatalogRef: 'ZYML-440400-0031',
      })
    ).json().id;
    await (await t.as('transport.admin')).post(`/api/v1/change-requests/${full}/consent`, {});
    expect(
      (await (await t.as('authority.reviewer')).post(`/api/v1/change-requests/${full}/security_approve`, {}))
        .statusCode,
    ).toBe(403); // not a security officer
    const sec = await t.as('authority.admin');
    expect(
      (await sec.post(`/api/v1/change-requests/${full}/security_approve`, { reason: '已评估' })).json().state,
    ).toBe('consented');
    const same = await sec.post(`/api/v1/change-requests/${full}/apply`, {});
    expect(same.json().error.details.failures.find((f: any) => f.ruleId === 'CLS-06').params.missing).toBe(
      'secondPerson',
    );
    expect(
      (await (await t.as('authority.reviewer')).post(`/api/v1/change-requests/${full}/apply`, {})).json().state,
    ).toBe('applied');
  });

  it('general data needs none of it (出生医学证明签发统计 is applied without CLS-06 items)', async () => {
    const op = await t.as('operator.admin');
    const g = (
      await op.post('/api/v1/change-requests', { type: 'add', resourceId: resourceId('birth-certificates') })
    ).json().id;
    await (await t.as('health.admin')).post(`/api/v1/change-requests/${g}/consent`, {});
    expect((await (await t.as('authority.reviewer')).post(`/api/v1/change-requests/${g}/apply`, {})).json().state).toBe(
      'applied',
    );
  });
});

/** A classified resource of 珠海市市场监督管理局 whose data is provided by a unit of 罗湖 (shared in). */
async function classifiedSharedIn(src: Client, providingUnitId: string) {
  return classifiedResource(src, {
    nameZh: '跨区企业迁入信息',
    summary: '由深圳市罗湖区提供的迁入企业信息',
    keywords: undefined,
    providingUnitId,
  });
}

describe('CAT-04 resources shared in from another jurisdiction need the providing unit’s consent', () => {
  let id: string;
  it('publishing without it is refused (409 PROVIDER_CONSENT_REQUIRED)', async () => {
    id = await classifiedSharedIn(await t.as('source.admin'), oid('lh-authority'));
    const res = await (await t.as('authority.admin')).post(`/api/v1/resources/${id}/publish`, {});
    expect(res.statusCode).toBe(409);
    expect(ruleIds(res)).toContain('CAT-04:PROVIDER_CONSENT_REQUIRED');
  });
  it('only the providing unit consents (another unit: 404); then the authority publishes', async () => {
    expect(
      (await (await t.as('transport.admin')).post(`/api/v1/resources/${id}/provider-consent`, {})).statusCode,
    ).toBe(404);
    expect(
      (await (await t.as('luohu.reviewer')).post(`/api/v1/resources/${id}/provider-consent`, {})).json().state,
    ).toBe('classified');
    expect((await (await t.as('authority.admin')).post(`/api/v1/resources/${id}/publish`, {})).json().state).toBe(
      'published',
    );
    // The contract authorization reads (AUTH-07's shared-in check).
    expect(await getResourceForAuthorization(t.kernel.db, id)).toMatchObject({
      sharedFromOtherRegion: true,
      providerConsentRecorded: true,
    });
  });
  it('a providing unit inside the jurisdiction needs no consent', async () => {
    const own = await classifiedSharedIn(await t.as('source.admin'), oid('zh-transport'));
    expect((await (await t.as('authority.admin')).post(`/api/v1/resources/${own}/publish`, {})).json().state).toBe(
      'published',
    );
  });
});

describe('CAT-07 sub-catalog reviewer level (zhuhai: same level)', () => {
  it('the parent jurisdiction’s authority may not publish a 珠海 resource (403 CATALOG_APPROVER_LEVEL); 珠海’s may', async () => {
    const rid = resourceId('trademark-pledge');
    const res = await (await t.as('gd.reviewer')).post(`/api/v1/resources/${rid}/publish`, {});
    expect(res.statusCode).toBe(403);
    expect(ruleIds(res)).toContain('CAT-07:CATALOG_APPROVER_LEVEL');
    expect((await (await t.as('authority.admin')).post(`/api/v1/resources/${rid}/publish`, {})).json().state).toBe(
      'published',
    );
  });
});

describe('OPN-02 leaving not_open needs evidence', () => {
  const rid = resourceId('special-equipment'); // draft, not_open
  it('without evidence: 422 OPEN_CLASS_EVIDENCE_REQUIRED and nothing changes', async () => {
    const c = await t.as('source.admin');
    const res = await c.put(`/api/v1/resources/${rid}`, { openClass: 'unconditional' });
    expect(res.statusCode).toBe(422);
    expect(ruleIds(res)).toContain('OPN-02:OPEN_CLASS_EVIDENCE_REQUIRED');
    expect((await c.get(`/api/v1/resources/${rid}`)).json().openClass).toBe('not_open');
  });
  it('with declassification evidence the class changes; staying not_open needs none', async () => {
    const c = await t.as('source.admin');
    expect((await c.put(`/api/v1/resources/${rid}`, { summary: '电梯、锅炉等特种设备使用登记信息' })).statusCode).toBe(
      200,
    );
    const res = await c.put(`/api/v1/resources/${rid}`, {
      openClass: 'unconditional',
      openClassEvidence: { kind: 'declassification', ref: '解密审批表-2026-08.pdf' },
    });
    expect(res.statusCode).toBe(200);
    expect((await c.get(`/api/v1/resources/${rid}`)).json().openClass).toBe('unconditional');
  });
});

describe('CLS-08 raising a published field’s grade (and CLS-04: never lower)', () => {
  const rid = resourceId('vaccination'); // registered; the demo grant 区域人口统计 carries 疫苗名称 but not 联系电话
  const grantId = DEMO_GRANT_IDS.stats;
  const field = async (code: string) =>
    (await (await t.as('health.admin')).get(`/api/v1/resources/${rid}`))
      .json()
      .fields.find((f: any) => f.code === code);
  const raise = (c: Client, fid: string, grade: string) =>
    c.post(`/api/v1/resources/${rid}/fields/${fid}/classification`, {
      category: '卫生健康/预防接种',
      grade,
      personalInfo: true,
      sensitivePersonalInfo: false,
    });

  it('setting a confirmed field lower is refused (422 GRADE_LOWERING_FORBIDDEN)', async () => {
    const jd = (await (await t.as('transport.admin')).get(`/api/v1/resources/${resourceId('taxi-trajectory')}`))
      .json()
      .fields.find((f: any) => f.code === 'jd');
    const res = await (await t.as('transport.admin')).post(
      `/api/v1/resources/${resourceId('taxi-trajectory')}/fields/${jd.id}/classification`,
      {
        category: '交通运输/轨迹',
        grade: 'general',
        personalInfo: true,
        sensitivePersonalInfo: true,
        sensitiveCategory: 'whereabouts',
      },
    );
    expect(res.statusCode).toBe(422);
    expect(ruleIds(res)).toContain('CLS-04:GRADE_LOWERING_FORBIDDEN');
  });

  it('raising a field no Grant carries leaves the Grant active but opens the change filing; the resource takes the highest', async () => {
    const h = await t.as('health.admin');
    expect((await raise(h, (await field('lxdh')).id, 'important')).statusCode).toBe(200);
    expect((await (await t.as('authority.admin')).get(`/api/v1/grants/${grantId}`)).json().state).toBe('active');
    const after = (await h.get(`/api/v1/resources/${rid}`)).json();
    expect(after.classification.grade).toBe('important');
    // CLS-03 through the one transition path: the resource's raised grade is an event, not a silent write.
    expect(after.history).toContainEqual(
      expect.objectContaining({ objectId: rid, eventType: 'resource.reclassify', from: 'published', to: 'published' }),
    );
    const filings = (await h.get('/api/v1/catalog-tasks?kind=change_filing'))
      .json()
      .items.filter((x: any) => x.ruleId === 'CLS-08');
    expect(filings).toEqual([
      expect.objectContaining({
        resourceId: rid,
        details: expect.objectContaining({ field: 'lxdh', to: 'important', suspendedGrantIds: [] }),
      }),
    ]);
  });

  it('raising a granted field suspends the Grant in the same transaction', async () => {
    const h = await t.as('health.admin');
    expect((await raise(h, (await field('ymmc')).id, 'important')).statusCode).toBe(200);
    expect((await (await t.as('authority.admin')).get(`/api/v1/grants/${grantId}`)).json().state).toBe('suspended');
    expect((await field('ymmc')).classification.grade).toBe('important');
  });
});

describe('CLS-02 jurisdiction grading rules for aggregation (classification.aggregationRules)', () => {
  const RULE = {
    id: 'pi-aggregation',
    nameZh: '两项以上个人信息汇聚',
    when: { minPersonalInfoFields: 2 },
    grade: 'important',
  };
  const facts = (grade: 'general' | 'important', pi: number) => ({
    grade,
    fields: Array.from({ length: 3 }, (_, i) => ({
      id: `${i}`,
      code: `f${i}`,
      nameZh: 'x',
      grade: 'general' as const,
      personalInfo: i < pi,
      sensitivePersonalInfo: false,
      classificationStatus: 'confirmed',
    })),
  });

  it('the rule: a matching combination sets a floor above the fields’ own grades; no rules, no floor', () => {
    const withRule = loadProfile('zhuhai', { 'classification.aggregationRules': [RULE] });
    expect(CLS_02.check(facts('general', 2), withRule)).toMatchObject({
      ok: false,
      code: 'GRADE_BELOW_AGGREGATION_RULE',
      params: { required: 'important' },
    });
    expect(CLS_02.check(facts('general', 1), withRule).ok).toBe(true);
    expect(CLS_02.check(facts('important', 2), withRule).ok).toBe(true);
    expect(CLS_02.check(facts('general', 3), loadProfile('zhuhai')).ok).toBe(true);
    const idWhere = loadProfile('zhuhai', {
      'classification.aggregationRules': [
        {
          id: 'id-where',
          nameZh: '身份+行踪',
          when: { sensitiveCategories: ['specific_identity', 'whereabouts'] },
          grade: 'important',
        },
      ],
    });
    const f = facts('general', 0);
    f.fields[0] = { ...f.fields[0]!, sensitiveCategory: 'specific_identity' } as any;
    expect(CLS_02.check(f, idWhere).ok).toBe(true);
    f.fields[1] = { ...f.fields[1]!, sensitiveCategory: 'whereabouts' } as any;
    expect(CLS_02.check(f, idWhere).ok).toBe(false);
  });

  it('configured for the deployment, it refuses a general grade for two PI fields; important with an uplift reason passes', async () => {
    expect(
      (
        await (
          await t.as('platform.admin')
        ).post('/api/v1/profile/overrides', {
          key: 'classification.aggregationRules',
          value: [RULE],
          reason: '主管部门分级规则',
        })
      ).statusCode,
    ).toBe(201);
    const src = await t.as('source.admin');
    const id = (
      await src.post('/api/v1/resources', {
        nameZh: '个体户联系人信息',
        summary: '个体户联系人姓名与手机号',
        domain: '市场监管',
        dataType: 'structured',
        openMode: 'sandbox',
        format: 'csv',
        updateFrequency: 'monthly',
        shareClass: 'unconditional',
        openClass: 'not_open',
        fields: [
          { code: 'xm', nameZh: '姓名', valueType: 'string' },
          { code: 'sj', nameZh: '手机号码', valueType: 'string' },
        ],
      })
    ).json().id;
    const d = (await src.get(`/api/v1/resources/${id}`)).json();
    for (const f of d.fields)
      expect(
        (
          await src.post(`/api/v1/resources/${id}/fields/${f.id}/classification`, {
            category: '市场监管/联系人',
            grade: 'general',
            personalInfo: true,
            sensitivePersonalInfo: false,
          })
        ).statusCode,
      ).toBe(200);
    const low = await src.post(`/api/v1/resources/${id}/classification`, {
      category: '市场监管/联系人',
      grade: 'general',
      personalInfo: true,
      sensitivePersonalInfo: false,
    });
    expect(low.statusCode).toBe(422);
    expect(ruleIds(low)).toContain('CLS-02:GRADE_BELOW_AGGREGATION_RULE');
    const ok = await src.post(`/api/v1/resources/${id}/classification`, {
      category: '市场监管/联系人',
      grade: 'important',
      personalInfo: true,
      sensitivePersonalInfo: false,
      aggregationUplift: true,
      upliftReason: '姓名与手机号汇聚',
    });
    expect(ok.statusCode).toBe(200);
    expect((await src.post(`/api/v1/resources/${id}/classify`, {})).json().state).toBe('classified');
  });
});
