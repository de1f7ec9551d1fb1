import { describe, expect, it } from 'vitest';
import { addYears } from '../../kernel/calendar/calendar.js';
import { loadProfile } from '../../kernel/profiles/index.js';
import type { ConstructionPlan, DataScopeLine } from './model.js';
import {
  bigramCosine,
  certificationValidTo,
  changeKinds,
  changeTrack,
  LAB_01,
  LAB_01_GUIDE,
  LAB_02,
  LAB_03,
  LAB_04,
  LAB_04_SIMILAR,
  LAB_05,
  LAB_06,
  LAB_07,
  LAB_08,
  LAB_08_SEALS,
  LAB_09,
  LAB_10,
  LAB_12,
  LAB_21,
} from './rules.js';
import { applicationBody, sixSeals } from './test/factories.js';

const p = loadProfile('zhuhai');
const initiator = { id: 'i', name: '珠海市交通运输局', kind: 'gov_organ' };
const partner = { id: 'p', name: '珠海数智交通科技有限公司', kind: 'enterprise' };
const plan = applicationBody('g', 'p', 'i').constructionPlan as ConstructionPlan;

describe('LAB-01 the three documents and an open call', () => {
  it('refuses a submission without the 数据安全承诺书, naming it', () => {
    const r = LAB_01.check({ documents: { application: true, commitment: false, agreement: true } }, p);
    expect(r).toMatchObject({ ok: false, code: 'LAB_DOCUMENT_MISSING', params: { documents: '数据安全承诺书' } });
    expect(LAB_01.check({ documents: { application: true, commitment: true, agreement: true } }, p).ok).toBe(true);
  });
  it('refuses outside the guide window or without a published guide', () => {
    const guide = { state: 'published', windowFrom: '2026-05-15', windowTo: '2026-12-31' };
    expect(LAB_01_GUIDE.check({ guide, today: '2027-01-01' }, p)).toMatchObject({ code: 'LAB_GUIDE_NOT_OPEN' });
    expect(LAB_01_GUIDE.check({ guide: null, today: '2026-06-01' }, p).ok).toBe(false);
    expect(LAB_01_GUIDE.check({ guide: { ...guide, state: 'closed' }, today: '2026-06-01' }, p).ok).toBe(false);
    expect(LAB_01_GUIDE.check({ guide, today: '2026-12-31' }, p).ok).toBe(true);
  });
});

describe('LAB-02 six verified seals', () => {
  it('names the missing seal: the partner’s on the 数据安全承诺书 (scenario 2)', () => {
    const seals = sixSeals('i', 'p').filter((s) => !(s.orgId === 'p' && s.document === 'commitment'));
    const r = LAB_02.check({ seals, initiator, partner }, p);
    expect(r).toMatchObject({
      ok: false,
      code: 'LAB_SEAL_MISSING',
      params: { missing: '珠海数智交通科技有限公司/数据安全承诺书', seals: [{ orgId: 'p', document: 'commitment' }] },
    });
    expect(LAB_02.check({ seals: sixSeals('i', 'p'), initiator, partner }, p).ok).toBe(true);
  });
  it('an unverified seal does not count; a scanned one counts only while lab.acceptScannedSeals', () => {
    const seals = sixSeals('i', 'p').map((s, n) => (n === 0 ? { ...s, verified: false } : s));
    expect(LAB_02.check({ seals, initiator, partner }, p).ok).toBe(false);
    const scanned = sixSeals('i', 'p').map((s) => ({ ...s, kind: 'scanned' as const }));
    expect(LAB_02.check({ seals: scanned, initiator, partner }, p).ok).toBe(true);
    const strict = loadProfile('zhuhai', { 'lab.acceptScannedSeals': false });
    expect(LAB_02.check({ seals: scanned, initiator, partner }, strict).ok).toBe(false);
  });
});

describe('LAB-03 construction plan complete', () => {
  it('names the empty items and asks for a period indicator', () => {
    const r = LAB_03.check({ plan: { ...plan, focusProblems: ' ', periodIndicators: [] } }, p);
    expect(r).toMatchObject({
      ok: false,
      code: 'LAB_PLAN_INCOMPLETE',
      params: { items: 'focusProblems, periodIndicators' },
    });
    expect(LAB_03.check({ plan: null }, p).ok).toBe(false);
    expect(LAB_03.check({ plan }, p).ok).toBe(true);
  });
});

describe('LAB-04 duplicate scenarios per initiator', () => {
  it('refuses the same scenario code as a live lab of the initiator (scenario 3)', () => {
    const r = LAB_04.check({ sameScenario: { no: 'ZHLAB-2026-001', name: '智慧交通' } }, p);
    expect(r).toMatchObject({ ok: false, code: 'LAB_SCENARIO_DUPLICATE', params: { labNo: 'ZHLAB-2026-001' } });
    expect(LAB_04.check({ sameScenario: null }, p).ok).toBe(true);
  });
  it('a pair at 0.9 similarity waits for the reviewer’s note (scenario 4); below the threshold it does not', () => {
    const s = { objectType: 'Lab' as const, id: 'x', no: 'ZHLAB-2026-001', name: 'n', scenarioCode: 'A' };
    expect(LAB_04_SIMILAR.check({ similar: [{ ...s, score: 0.9 }], duplicateNote: false }, p)).toMatchObject({
      ok: false,
      code: 'LAB_SIMILAR_NEEDS_NOTE',
    });
    expect(LAB_04_SIMILAR.check({ similar: [{ ...s, score: 0.9 }], duplicateNote: true }, p).ok).toBe(true);
    expect(LAB_04_SIMILAR.check({ similar: [{ ...s, score: 0.84 }], duplicateNote: false }, p).ok).toBe(true);
  });
  it('similarity is the cosine of character-bigram counts', () => {
    expect(bigramCosine('公交客流', '公交客流')).toBe(1);
    expect(bigramCosine('公交客流', '医院挂号')).toBe(0);
    const v = bigramCosine('公交客流起讫点推算', '公交客流起讫点分析');
    expect(v).toBeGreaterThan(0.5);
    expect(v).toBeLessThan(1);
  });
});

describe('LAB-05 banned partner', () => {
  it('refuses with the ban’s last day and id (scenario 5)', () => {
    const r = LAB_05.check({ ban: { id: 'ban-1', endsOn: '2028-03-01' } }, p);
    expect(r).toMatchObject({
      ok: false,
      code: 'LAB_PARTNER_BANNED',
      params: { endsOn: '2028-03-01', banId: 'ban-1' },
    });
    expect(LAB_05.check({ ban: null }, p).ok).toBe(true);
  });
});

describe('LAB-06 director', () => {
  const director = { name: '郑浩', title: '', qualification: 'domain_expert' as const };
  it('needs the reviewer’s attestation and a director', () => {
    expect(LAB_06.check({ director, directorAttested: false }, p)).toMatchObject({ code: 'LAB_DIRECTOR_NOT_ATTESTED' });
    expect(LAB_06.check({ director: null, directorAttested: true }, p)).toMatchObject({ code: 'LAB_DIRECTOR_MISSING' });
    expect(LAB_06.check({ director, directorAttested: true }, p).ok).toBe(true);
  });
});

describe('LAB-07 organization kinds', () => {
  it('refuses an enterprise initiator and a natural-person partner', () => {
    expect(LAB_07.check({ initiator: { ...initiator, kind: 'enterprise' }, partner }, p)).toMatchObject({
      code: 'LAB_ORG_KIND_NOT_ALLOWED',
      params: { partyEn: 'initiator' },
    });
    expect(LAB_07.check({ initiator, partner: { ...partner, kind: 'natural_person' } }, p)).toMatchObject({
      params: { partyEn: 'partner' },
    });
    expect(LAB_07.check({ initiator, partner: { ...partner, kind: 'university' } }, p).ok).toBe(true);
    expect(LAB_07.check({ initiator, partner: { ...initiator } }, p).ok).toBe(false);
  });
});

const line = (o: Partial<DataScopeLine> = {}): DataScopeLine => ({
  dataResourceId: '00000000-0000-4000-8000-000000000001',
  fieldIds: ['00000000-0000-4000-8000-000000000002'],
  classification: { category: '交通', grade: 'general' },
  rawAllowed: true,
  supplyMethod: 'db_view',
  validTo: '2029-06-09',
  ...o,
});
const agreement = {
  dataScope: [line()],
  purpose: 'lab_rnd_and_product_landing',
  usePeriod: { from: '2026-06-01', to: '2029-06-09' },
  duties: { initiator: '供数', partner: '研发' },
  rights: { initiator: '使用成果', partner: '知识产权' },
  securityMeasures: { text: '分级防护' },
};

describe('LAB-08 agreement content and seals', () => {
  it('refuses any purpose but lab R&D, and names missing clauses', () => {
    expect(LAB_08.check({ ...agreement, purpose: 'commercial' }, p)).toMatchObject({ code: 'LAB_PURPOSE_INVALID' });
    expect(LAB_08.check({ ...agreement, dataScope: [], duties: { initiator: '', partner: 'x' } }, p)).toMatchObject({
      code: 'LAB_AGREEMENT_INCOMPLETE',
      params: { fields: 'dataScope, duties.initiator' },
    });
    expect(LAB_08.check(agreement, p).ok).toBe(true);
  });
  it('needs both parties’ seals', () => {
    const seals = [{ orgId: 'i', verified: true, kind: 'e_seal' }];
    expect(LAB_08_SEALS.check({ seals, initiator, partner }, p)).toMatchObject({
      code: 'LAB_AGREEMENT_SEAL_MISSING',
      params: { missing: partner.name },
    });
    const both = [...seals, { orgId: 'p', verified: true, kind: 'scanned' }];
    expect(LAB_08_SEALS.check({ seals: both, initiator, partner }, p).ok).toBe(true);
  });
});

describe('LAB-12 classified scope lines', () => {
  it('refuses a line without grade, or one outlasting the use period, with its path', () => {
    const ungraded = { ...agreement, dataScope: [line(), line({ classification: { category: '', grade: null } })] };
    expect(LAB_12.check(ungraded, p)).toMatchObject({
      code: 'LAB_SCOPE_UNCLASSIFIED',
      params: { path: 'dataScope[1].classification.grade' },
    });
    expect(LAB_12.check({ ...agreement, dataScope: [line({ validTo: '2029-06-10' })] }, p)).toMatchObject({
      code: 'LAB_SCOPE_VALID_TO_AFTER_PERIOD',
      params: { path: 'dataScope[0].validTo' },
    });
    expect(LAB_12.check(agreement, p).ok).toBe(true);
  });
});

describe('LAB-09, LAB-10, LAB-11 certification', () => {
  const attestation = {
    inGovExtranet: true,
    components: [
      { kind: 'cpu' as const, product: '鲲鹏920', evaluationRef: '安可测评-2025-001' },
      { kind: 'os' as const, product: '麒麟V10', evaluationRef: '安可测评-2025-002' },
      { kind: 'database' as const, product: '达梦8', evaluationRef: '安可测评-2025-003' },
    ],
  };
  it('LAB-09: no certification before the agreement is filed', () => {
    expect(LAB_09.check({ agreementState: 'signed', attestation }, p)).toMatchObject({
      code: 'LAB_AGREEMENT_NOT_FILED',
    });
    expect(LAB_09.check({ agreementState: null, attestation }, p).ok).toBe(false);
    expect(LAB_09.check({ agreementState: 'filed', attestation }, p).ok).toBe(true);
  });
  it('LAB-10: extranet and evaluated CPU, OS and database', () => {
    const noDb = { ...attestation, components: attestation.components.slice(0, 2) };
    expect(LAB_10.check({ agreementState: 'filed', attestation: noDb }, p)).toMatchObject({
      code: 'LAB_PLATFORM_NOT_ATTESTED',
      params: { missing: 'database' },
    });
    const outside = { ...attestation, inGovExtranet: false };
    expect(LAB_10.check({ agreementState: 'filed', attestation: outside }, p).ok).toBe(false);
    expect(LAB_10.check({ agreementState: 'filed', attestation: null }, p).ok).toBe(false);
    expect(LAB_10.check({ agreementState: 'filed', attestation }, p).ok).toBe(true);
  });
  it('LAB-11: valid lab.certificationYears (3) to the same day; 29 Feb falls on 28 Feb', () => {
    expect(certificationValidTo('2026-06-10', p)).toBe('2029-06-10');
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(certificationValidTo('2026-06-10', loadProfile('zhuhai', { 'lab.certificationYears': 5 }))).toBe(
      '2031-06-10',
    );
  });
});

describe('LAB-21 the change track is computed from the diff', () => {
  it('data scope, security, supply, partner and revocation take the approval track; the rest filing', () => {
    expect(changeTrack(changeKinds({ dataScopeAdd: [line()] }))).toBe('approval');
    expect(changeTrack(changeKinds({ securityRequirements: '新增审计要求' }))).toBe('approval');
    expect(changeTrack(changeKinds({ supplyMode: 'operator_market' }))).toBe('approval');
    expect(changeTrack(changeKinds({ revocation: true }))).toBe('approval');
    expect(changeTrack(changeKinds({ researchSchedule: [{ milestone: 'OD 模型上线', dueDate: '2027-05-31' }] }))).toBe(
      'filing',
    );
    // A general edit that also touches the scope is an approval change: the requester cannot say otherwise.
    expect(changeKinds({ other: '调整', dataScopeAdd: [line()] })).toEqual(['data_scope', 'general']);
  });
  it('refuses an empty change and a filing-track change without its supplementary agreement', () => {
    expect(LAB_21.check({ kinds: [], supplementaryAgreementFileId: null }, p)).toMatchObject({
      code: 'LAB_CHANGE_EMPTY',
    });
    expect(LAB_21.check({ kinds: ['general'], supplementaryAgreementFileId: null }, p)).toMatchObject({
      code: 'LAB_SUPPLEMENT_REQUIRED',
    });
    expect(LAB_21.check({ kinds: ['general'], supplementaryAgreementFileId: 'f' }, p).ok).toBe(true);
    expect(LAB_21.check({ kinds: ['data_scope'], supplementaryAgreementFileId: null }, p).ok).toBe(true);
  });
});
