import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../kernel/profiles/index.js';
import type { Rule } from '../../kernel/workflow/rules.js';
import { QUALIFICATION_ITEMS, type Candidate } from './model.js';
import * as r from './rules/index.js';
import type { ApprovalFacts, ApprovalItemFact, DemandFact, SubmissionFacts } from './rules/index.js';

const profile = loadProfile('zhuhai');
const luohu = loadProfile('luohu');
const check = <F>(rl: Rule<F>, f: F, p = profile) => rl.check(f, p);
const failsWith = (code: string) => expect.objectContaining({ ok: false, code });

const passAll = (): Candidate['qualification'] =>
  Object.fromEntries(
    Object.values(QUALIFICATION_ITEMS)
      .flat()
      .map((k) => [k, { result: 'pass' as const, evidenceFileIds: ['f1'] }]),
  );
const candidate = (o: Partial<Candidate> = {}): Candidate => ({
  orgId: '00000000-0000-4000-8000-000000000001',
  qualification: passAll(),
  declaredIncidents: [],
  blacklistCheckedAt: '2025-12-15',
  securityOfficerUserId: '00000000-0000-4000-8000-000000000002',
  securityDepartment: '数据安全部',
  extranetAccess: true,
  ...o,
});
const award = (c: Candidate, o = {}) => ({
  candidate: c,
  noticeAt: '2025-12-20',
  platformIncidentDates: [],
  today: '2026-01-05',
  ...o,
});

describe('AUTH-01 selection method', () => {
  it('accepts the three methods of the profile and refuses others', () => {
    for (const m of ['public_tender', 'invited_tender', 'competitive_negotiation'])
      expect(check(r.AUTH_01, { method: m, catalog: [] }).ok).toBe(true);
    expect(check(r.AUTH_01, { method: 'direct_award', catalog: [] })).toEqual(failsWith('SELECTION_METHOD_INVALID'));
  });
});

describe('AUTH-02…05 award qualification', () => {
  it('awards a candidate with every item passed, evidence, fresh blacklist check and security prerequisites', () => {
    for (const rl of [r.AUTH_02, r.AUTH_03, r.AUTH_04, r.AUTH_05])
      expect(check(rl, award(candidate()))).toEqual({ ok: true });
  });
  it('AUTH-02 refuses a pending item or a pass without evidence, naming it', () => {
    const q = passAll();
    q.sound_accounts = { result: 'pending', evidenceFileIds: ['x'] };
    q.extranet_access = { result: 'pass', evidenceFileIds: [] };
    const res = check(r.AUTH_02, award(candidate({ qualification: q })));
    expect(res).toEqual(failsWith('QUALIFICATION_FAILED'));
    expect((res as any).params.items).toBe('sound_accounts,extranet_access');
  });
  it('AUTH-03 (scenario 2) refuses a data leak on 2024-03-18 before a notice of 2025-12-20; one from 2022 passes', () => {
    expect(
      check(r.AUTH_03, award(candidate({ declaredIncidents: [{ date: '2024-03-18', kind: 'data_leak' }] }))),
    ).toEqual(failsWith('QUALIFICATION_FAILED'));
    expect(
      check(r.AUTH_03, award(candidate({ declaredIncidents: [{ date: '2022-12-20', kind: 'data_leak' }] }))).ok,
    ).toBe(true);
    expect(check(r.AUTH_03, award(candidate(), { platformIncidentDates: ['2025-06-01'] }))).toEqual(
      failsWith('QUALIFICATION_FAILED'),
    );
  });
  it('AUTH-04 refuses a blacklist check older than 30 days or missing', () => {
    expect(check(r.AUTH_04, award(candidate({ blacklistCheckedAt: '2025-12-05' })))).toEqual(
      failsWith('BLACKLIST_CHECK_STALE'),
    );
    expect(check(r.AUTH_04, award(candidate({ blacklistCheckedAt: null })))).toEqual(
      failsWith('BLACKLIST_CHECK_STALE'),
    );
    expect(check(r.AUTH_04, award(candidate({ blacklistCheckedAt: '2025-12-06' }))).ok).toBe(true);
  });
  it('AUTH-05 refuses a candidate without a security officer, department or extranet access', () => {
    const res = check(r.AUTH_05, award(candidate({ securityOfficerUserId: null, extranetAccess: false })));
    expect(res).toEqual(failsWith('SECURITY_PREREQUISITES_MISSING'));
    expect((res as any).params.missing).toBe('securityOfficer,extranetAccess');
  });
});

describe('AUTH-06 term and renewal', () => {
  it('scenario 1: signed 2026-01-05 with a 2-year term ends 2028-01-04 (luohu)', () => {
    expect(r.agreementValidTo('2026-01-05', luohu.get<number>('authorization.termYears'))).toBe('2028-01-04');
    expect(r.agreementValidTo('2024-02-29', 2)).toBe('2026-02-28');
  });
  it('refuses direct renewal while the profile does not allow it, even when renewal_eligible', () => {
    expect(check(r.AUTH_06, { latestEvaluationActions: ['renewal_eligible'] }, luohu)).toEqual(
      failsWith('RENEWAL_NOT_ALLOWED'),
    );
  });
  it('refuses signing without SM3-hashed documents or with a back-dated start', () => {
    expect(check(r.AUTH_06_SIGNED, { documents: [], validFrom: '2026-01-05', today: '2026-01-05' })).toEqual(
      failsWith('SIGNED_DOCUMENTS_REQUIRED'),
    );
    expect(
      check(r.AUTH_06_SIGNED, { documents: [{ sm3: 'a' }], validFrom: '2026-01-04', today: '2026-01-05' }),
    ).toEqual(failsWith('BACKDATING_FORBIDDEN'));
  });
});

describe('AUTH-07 / AUTH-08 catalog', () => {
  const e = { resourceId: 'r', nameZh: '企业登记信息', registered: true, consent: 'consent' as const };
  it('refuses an unregistered resource and a catalog entry without consent', () => {
    expect(check(r.AUTH_07, { catalog: [{ ...e, registered: false }] })).toEqual(failsWith('RESOURCE_NOT_REGISTERED'));
    expect(check(r.AUTH_08, { catalog: [{ ...e, consent: 'pending' }] })).toEqual(failsWith('CATALOG_CONSENT_MISSING'));
    expect(check(r.AUTH_08, { catalog: [e] }).ok).toBe(true);
  });
  it('AUTH-07 / REG-03 refuses an entry listing a field added after the registration (FIELD_NOT_REGISTERED)', () => {
    expect(check(r.AUTH_07, { catalog: [{ ...e, unregisteredFields: ['new_col'] }] })).toEqual(
      failsWith('FIELD_NOT_REGISTERED'),
    );
    expect(check(r.AUTH_07, { catalog: [{ ...e, unregisteredFields: [] }] }).ok).toBe(true);
  });
  it('AUTH-07 / CAT-04 refuses data shared in from another jurisdiction until its providing unit consented', () => {
    expect(check(r.AUTH_07, { catalog: [{ ...e, sharedFromOtherRegion: true }] })).toEqual(
      failsWith('SHARED_IN_CONSENT_MISSING'),
    );
    expect(
      check(r.AUTH_07, { catalog: [{ ...e, sharedFromOtherRegion: true, providerConsentRecorded: true }] }).ok,
    ).toBe(true);
    expect(check(r.AUTH_07, { catalog: [{ ...e, sharedFromOtherRegion: false }] }).ok).toBe(true);
  });
});

const item = (o: Partial<DemandFact> = {}): DemandFact => ({
  resourceId: 'r1',
  resourceNameZh: '企业登记信息',
  fieldCode: 'uscc',
  fieldNameZh: '统一社会信用代码',
  justification: '用于企业身份核验，匹配授信对象主体',
  masking: 'none',
  registered: true,
  inCatalog: true,
  fieldKnown: true,
  grade: 'general',
  resourceGrade: null,
  personal: false,
  ...o,
});
const submission = (
  items: DemandFact[],
  o: Partial<SubmissionFacts['application']> = {},
  validTo = '2027-12-31',
): SubmissionFacts => ({
  application: {
    scenarioTitle: '小微企业普惠金融授信辅助',
    serviceObjects: ['银行'],
    regions: ['珠海市'],
    industries: [],
    servicePeriod: { from: '2026-03-01', to: '2027-06-30' },
    outcomeText: '提升授信效率',
    indicators: ['核验时长下降 50%'],
    developmentMethods: ['sandbox_query'],
    usageTimeLimit: '2027-06-30',
    ...o,
  },
  items,
  agreement: { validTo, inForce: true },
});

describe('AUTH-07 request: unregistered resource', () => {
  it('refuses a demand item on an unregistered resource with RESOURCE_NOT_REGISTERED', () => {
    expect(check(r.AUTH_07_REQUEST, { items: [item({ registered: false })] })).toEqual(
      failsWith('RESOURCE_NOT_REGISTERED'),
    );
  });
  it('REG-03: refuses a demand item on a field added after the registration with FIELD_NOT_REGISTERED', () => {
    expect(check(r.AUTH_07_REQUEST, { items: [item({ fieldRegistered: false })] })).toEqual(
      failsWith('FIELD_NOT_REGISTERED'),
    );
    expect(check(r.AUTH_07_REQUEST, { items: [item({ fieldRegistered: true })] }).ok).toBe(true);
  });
});

describe('AUTH-09 completeness and minimum necessary', () => {
  it('passes a complete application with justified catalog fields', () => {
    expect(check(r.AUTH_09, submission([item()])).ok).toBe(true);
  });
  it('scenario 4: names 法定代表人 when its justification is empty', () => {
    const res = check(
      r.AUTH_09,
      submission([item(), item({ fieldCode: 'legal_rep', fieldNameZh: '法定代表人', justification: '' })]),
    );
    expect(res).toEqual(failsWith('JUSTIFICATION_REQUIRED'));
    expect((res as any).params.field).toBe('法定代表人');
  });
  it('refuses a justification shorter than the profile minimum (15 characters)', () => {
    expect(check(r.AUTH_09, submission([item({ justification: '需要这个字段' })]))).toEqual(
      failsWith('JUSTIFICATION_REQUIRED'),
    );
  });
  it('refuses missing items of 002:L177, "all fields" and fields outside the catalog', () => {
    const res = check(r.AUTH_09, submission([item()], { serviceObjects: [], indicators: [] }));
    expect(res).toEqual(failsWith('APPLICATION_INCOMPLETE'));
    expect((res as any).params.fields).toBe('serviceObjects,expectedOutcome');
    expect(check(r.AUTH_09, submission([item({ fieldCode: '*' })]))).toEqual(failsWith('ALL_FIELDS_FORBIDDEN'));
    expect(check(r.AUTH_09, submission([item({ inCatalog: false })]))).toEqual(failsWith('FIELD_NOT_IN_CATALOG'));
  });
});

describe('AUTH-10 period within the agreement', () => {
  it('refuses a usage time limit after the agreement validTo', () => {
    expect(check(r.AUTH_10, submission([item()], { usageTimeLimit: '2028-01-01' }))).toEqual(
      failsWith('PERIOD_EXCEEDS_AGREEMENT'),
    );
    expect(
      check(
        r.AUTH_10,
        submission([item()], { usageTimeLimit: '2027-12-31', servicePeriod: { from: '2026-03-01', to: '2027-12-31' } }),
      ).ok,
    ).toBe(true);
  });
});

describe('AUTH-14 core data', () => {
  it('scenario 5: refuses a core field and any field of a core resource', () => {
    expect(check(r.AUTH_14, { items: [item({ grade: 'core' })] })).toEqual(failsWith('CORE_DATA_NOT_GRANTABLE'));
    expect(check(r.AUTH_14, { items: [item({ grade: 'general', resourceGrade: 'core' })] })).toEqual(
      failsWith('CORE_DATA_NOT_GRANTABLE'),
    );
    expect(check(r.AUTH_14, { items: [item({ grade: 'important' })] }).ok).toBe(true);
  });
});

describe('AUTH-16 personal data and grading', () => {
  const idNo = item({ fieldCode: 'legal_rep_id', fieldNameZh: '法定代表人身份证号', personal: true });
  it('scenario 6: refuses a personal field in clear without a legal basis, accepts pseudonymization', () => {
    expect(check(r.AUTH_16, { items: [idNo] })).toEqual(failsWith('PERSONAL_DATA_NEEDS_DEIDENTIFICATION'));
    expect(check(r.AUTH_16, { items: [{ ...idNo, masking: 'pseudonymize_hmac_sm3' }] }).ok).toBe(true);
    expect(
      check(r.AUTH_16, { items: [{ ...idNo, legalBasis: { kind: 'statute', evidenceFileId: 'law-1' } }] }).ok,
    ).toBe(true);
  });
  it('refuses an ungraded field and inherits the higher resource grade', () => {
    expect(check(r.AUTH_16, { items: [item({ grade: null })] })).toEqual(failsWith('CLASSIFICATION_MISSING'));
    expect(r.effectiveGrade({ grade: 'general', resourceGrade: 'important' })).toBe('important');
  });
});

const aItem = (o: Partial<ApprovalItemFact> = {}): ApprovalItemFact => ({
  ...item(),
  consent: 'consent',
  decision: 'accepted',
  decisionReason: '必要',
  ...o,
});
const approval = (items: ApprovalItemFact[], o: Partial<ApprovalFacts> = {}): ApprovalFacts => ({
  items,
  reviewer: { userId: 'u-rev', orgId: 'o-auth' },
  applicantOrgId: 'o-op',
  riskAssessment: { fileId: 'ra', responsiblePerson: '张伟', coversImportantFields: true },
  firstApproval: null,
  ...o,
});

describe('AUTH-11 per-item decisions', () => {
  it('refuses an item without a decision or reason, an approval with nothing accepted, and a self-review', () => {
    expect(check(r.AUTH_11, approval([aItem({ decisionReason: '' })]))).toEqual(failsWith('ITEM_DECISION_REQUIRED'));
    expect(check(r.AUTH_11, approval([aItem({ decision: 'rejected' })]))).toEqual(failsWith('NOTHING_ACCEPTED'));
    expect(check(r.AUTH_11, approval([aItem()], { applicantOrgId: 'o-auth' }))).toEqual(
      failsWith('SELF_REVIEW_FORBIDDEN'),
    );
    expect(check(r.AUTH_11, approval([aItem(), aItem({ decision: 'rejected' })])).ok).toBe(true);
  });
});

describe('AUTH-12 source-unit consent', () => {
  it('refuses approval while one source unit stayed silent, and never overrides a refusal', () => {
    expect(check(r.AUTH_12, approval([aItem(), aItem({ consent: 'pending' })]))).toEqual(
      failsWith('SOURCE_UNIT_CONSENT_MISSING'),
    );
    expect(check(r.AUTH_12, approval([aItem({ consent: 'refuse' })]))).toEqual(failsWith('SOURCE_UNIT_REFUSED'));
    expect(check(r.AUTH_12, approval([aItem(), aItem({ consent: 'refuse', decision: 'rejected' })])).ok).toBe(true);
  });
});

describe('AUTH-07 / REG-02 / REG-03 at approval', () => {
  it('refuses approving an accepted item whose resource or field is no longer registered; a rejected one does not block', () => {
    expect(check(r.AUTH_07_APPROVAL, approval([aItem({ registered: false })]))).toEqual(
      failsWith('RESOURCE_NOT_REGISTERED'),
    );
    expect(check(r.AUTH_07_APPROVAL, approval([aItem({ fieldRegistered: false })]))).toEqual(
      failsWith('FIELD_NOT_REGISTERED'),
    );
    expect(
      check(r.AUTH_07_APPROVAL, approval([aItem(), aItem({ fieldRegistered: false, decision: 'rejected' })])).ok,
    ).toBe(true);
  });
});

describe('AUTH-13 risk assessment', () => {
  it('refuses approval without a risk assessment file or a responsible person', () => {
    expect(check(r.AUTH_13, approval([aItem()], { riskAssessment: { fileId: 'ra' } }))).toEqual(
      failsWith('RISK_ASSESSMENT_MISSING'),
    );
  });
});

describe('AUTH-15 important fields', () => {
  const imp = aItem({ grade: 'important', fieldNameZh: '注册资本' });
  it('refuses an important field without the extra approval step, passes after a different reviewer endorsed', () => {
    expect(check(r.AUTH_15, approval([imp]))).toEqual(failsWith('SECOND_APPROVAL_REQUIRED'));
    expect(check(r.AUTH_15, approval([imp], { firstApproval: { userId: 'u-rev', orgId: 'o-auth' } }))).toEqual(
      failsWith('SECOND_APPROVAL_REQUIRED'),
    );
    expect(check(r.AUTH_15, approval([imp], { firstApproval: { userId: 'u-other', orgId: 'o-auth' } })).ok).toBe(true);
  });
  it('refuses when the risk assessment does not cover important fields; general-only needs no second approver', () => {
    expect(check(r.AUTH_15, approval([imp], { riskAssessment: { fileId: 'ra', responsiblePerson: 'x' } }))).toEqual(
      failsWith('IMPORTANT_RISK_COVERAGE_MISSING'),
    );
    expect(check(r.AUTH_15, approval([aItem()])).ok).toBe(true);
    expect(r.needsSecondApprover([imp], true)).toBe(true);
  });
});

describe('AUTH-17 plan before activation', () => {
  it('refuses activation without a filed plan', () => {
    expect(check(r.AUTH_17, { planState: null })).toEqual(failsWith('EMERGENCY_PLAN_MISSING'));
    expect(check(r.AUTH_17, { planState: 'submitted' })).toEqual(failsWith('EMERGENCY_PLAN_MISSING'));
    expect(check(r.AUTH_17, { planState: 'filed' }).ok).toBe(true);
  });
});

describe('AUTH-31 emergency plan content and drills', () => {
  const plan = {
    incidentTypes: ['loss', 'leak', 'tampering', 'destruction'],
    roles: [{ role: '数据安全负责人', securityOfficer: true }],
    reportingChain: ['authority'],
    responseLevels: '一级、二级',
    procedures: '发现—报告—处置',
  };
  it('requires the four incident types, the security officer and a reporting chain', () => {
    expect(check(r.AUTH_31, plan).ok).toBe(true);
    const res = check(r.AUTH_31, { ...plan, incidentTypes: ['loss', 'leak'], roles: [] });
    expect(res).toEqual(failsWith('EMERGENCY_PLAN_INCOMPLETE'));
    expect((res as any).params.missing).toContain('tampering/destruction');
  });
  it('schedules the next drill 12 months on, clamping month ends', () => {
    expect(r.nextDrillDue('2026-01-20', 12)).toBe('2027-01-20');
    expect(r.nextDrillDue('2024-02-29', 12)).toBe('2025-02-28');
  });
});

const collab = (o: Partial<r.CollaborationFacts> = {}): r.CollaborationFacts => ({
  operatorOrgId: 'op',
  collaboratorOrgId: 'co',
  grant: { state: 'active', holderOrgId: 'op', validTo: '2028-01-04', fieldCodes: ['uscc', 'name'] },
  agreement: { validTo: '2028-01-04', inForce: true },
  validFrom: '2026-02-01',
  validTo: '2027-12-31',
  dataScope: ['uscc'],
  terms: { conditions: 'a', securityRequirements: 'b', serviceFees: 'c', terminationCases: 'd', breachLiability: 'e' },
  collaboratorIsHolder: false,
  ...o,
});

describe('AUTH-19…22 collaboration', () => {
  it('scenario 8: refuses a collaboration ending 2028-06-30 past the operator term 2028-01-04 (422), accepts 2027-12-31', () => {
    const res = check(r.AUTH_21, collab({ validTo: '2028-06-30' }));
    expect(res).toEqual(failsWith('TERM_EXCEEDS_OPERATOR_TERM'));
    expect((res as any).status).toBe(422);
    expect(check(r.AUTH_21, collab()).ok).toBe(true);
  });
  it('refuses a data scope wider than the grant and an operator collaborating with itself', () => {
    expect(check(r.AUTH_21, collab({ dataScope: ['uscc', 'phone'] }))).toEqual(failsWith('SCOPE_EXCEEDS_GRANT'));
    expect(check(r.AUTH_19, collab({ collaboratorOrgId: 'op' }))).toEqual(failsWith('REAUTHORIZATION_FORBIDDEN'));
  });
  it('AUTH-20 refuses an agreement lacking a minimum term of 002:L167', () => {
    expect(check(r.AUTH_20, collab({ terms: { conditions: 'a' } }))).toEqual(failsWith('COLLABORATION_TERMS_MISSING'));
  });
  it('AUTH-22 refuses an exit filed more than 10 working days after the exit date', () => {
    expect(check(r.AUTH_22, { exitDate: '2026-09-28', today: '2026-10-16', workingDaysSinceExit: 11 })).toEqual(
      failsWith('EXIT_FILING_LATE'),
    );
    expect(check(r.AUTH_22, { exitDate: '2026-09-28', today: '2026-10-15', workingDaysSinceExit: 10 }).ok).toBe(true);
  });
});

describe('AUTH-18 / AUTH-19 / AUTH-24 grant use', () => {
  const use = (o: Partial<r.UseFacts> = {}): r.UseFacts => ({
    state: 'active',
    validFrom: '2026-03-01',
    validTo: '2027-12-31',
    operatorOrgId: 'op',
    collaboratorOrgIds: ['co'],
    orgId: 'op',
    today: '2027-12-31',
    ...o,
  });
  it('lets the holder and a filed collaborator use an active grant on its last day', () => {
    for (const rl of [r.AUTH_18_USE, r.AUTH_19_USE, r.AUTH_24_USE]) expect(check(rl, use()).ok).toBe(true);
    expect(check(r.AUTH_19_USE, use({ orgId: 'co' })).ok).toBe(true);
  });
  it('refuses the day after validTo, a suspended grant, a pending one and a third party', () => {
    expect(check(r.AUTH_18_USE, use({ today: '2028-01-01' }))).toEqual(failsWith('GRANT_EXPIRED'));
    expect(check(r.AUTH_24_USE, use({ state: 'suspended' }))).toEqual(failsWith('GRANT_SUSPENDED'));
    expect(check(r.AUTH_18_USE, use({ state: 'pending_plan' }))).toEqual(failsWith('GRANT_NOT_ACTIVE'));
    expect(check(r.AUTH_19_USE, use({ orgId: 'buyer' }))).toEqual(failsWith('REAUTHORIZATION_FORBIDDEN'));
  });
});

describe('AUTH-23 / AUTH-25 termination', () => {
  it('requires one of the 9 reasons, evidence, and a negotiation record for reason 6', () => {
    expect(check(r.AUTH_23, { evidenceFileIds: ['e'] })).toEqual(failsWith('TERMINATION_REASON_REQUIRED'));
    expect(check(r.AUTH_23, { reasonCode: 'bored', evidenceFileIds: ['e'] })).toEqual(
      failsWith('TERMINATION_REASON_REQUIRED'),
    );
    expect(check(r.AUTH_23, { reasonCode: 'breach_of_agreement', evidenceFileIds: [] })).toEqual(
      failsWith('TERMINATION_EVIDENCE_REQUIRED'),
    );
    expect(check(r.AUTH_23, { reasonCode: 'delivery_failure_unresolved', evidenceFileIds: ['e'] })).toEqual(
      failsWith('NEGOTIATION_RECORD_REQUIRED'),
    );
    expect(check(r.AUTH_23, { reasonCode: 'breach_of_agreement', evidenceFileIds: ['e'] }).ok).toBe(true);
  });
  it('moves to termination_pending only after the rectification deadline', () => {
    expect(check(r.AUTH_25, { rectificationDeadline: '2026-10-01', today: '2026-10-01' })).toEqual(
      failsWith('RECTIFICATION_DEADLINE_NOT_PASSED'),
    );
    expect(check(r.AUTH_25, { rectificationDeadline: '2026-10-01', today: '2026-10-02' }).ok).toBe(true);
  });
});

describe('AUTH-28 scope_reduce narrowing / AUTH-29 publication approvals', () => {
  const narrow = (o: Partial<r.NarrowFacts> = {}): r.NarrowFacts => ({
    grantState: 'active',
    latestEvaluation: { result: 'pass', actions: ['scope_reduce'] },
    currentFieldCodes: ['a', 'b'],
    removeFieldCodes: ['a'],
    ...o,
  });
  it('AUTH-28: narrows an active Grant on a scope_reduce Evaluation; refuses another state, no such Evaluation, an unknown field, nothing or everything removed', () => {
    expect(check(r.AUTH_28_NARROW, narrow()).ok).toBe(true);
    expect(check(r.AUTH_28_NARROW, narrow({ grantState: 'suspended' }))).toEqual(failsWith('GRANT_NOT_ACTIVE'));
    expect(check(r.AUTH_28_NARROW, narrow({ latestEvaluation: null }))).toEqual(
      failsWith('EVALUATION_RESULT_REQUIRED'),
    );
    expect(
      check(r.AUTH_28_NARROW, narrow({ latestEvaluation: { result: 'pass', actions: ['renewal_eligible'] } })),
    ).toEqual(failsWith('EVALUATION_RESULT_REQUIRED'));
    expect(check(r.AUTH_28_NARROW, narrow({ removeFieldCodes: ['z'] }))).toEqual(failsWith('SCOPE_REDUCE_INVALID'));
    expect(check(r.AUTH_28_NARROW, narrow({ removeFieldCodes: [] }))).toEqual(failsWith('SCOPE_REDUCE_INVALID'));
    expect(check(r.AUTH_28_NARROW, narrow({ removeFieldCodes: ['a', 'b'] }))).toEqual(
      failsWith('SCOPE_REDUCE_INVALID'),
    );
  });
  it('AUTH-29: approved only with the authority AND every source unit', () => {
    const f = { authorityApproved: true, sourceUnitOrgIds: ['u1', 'u2'], approvedSourceUnits: ['u1', 'u2'] };
    expect(check(r.AUTH_29_APPROVALS, f).ok).toBe(true);
    expect(check(r.AUTH_29_APPROVALS, { ...f, authorityApproved: false })).toEqual(
      failsWith('PUBLICATION_APPROVALS_MISSING'),
    );
    expect(check(r.AUTH_29_APPROVALS, { ...f, approvedSourceUnits: ['u1'] })).toEqual(
      failsWith('PUBLICATION_APPROVALS_MISSING'),
    );
  });
});
