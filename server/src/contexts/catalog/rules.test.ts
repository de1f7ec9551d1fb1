import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../kernel/profiles/index.js';
import {
  CAT_02,
  CAT_05,
  CLS_01,
  CLS_03,
  CLS_04,
  CLS_05,
  CLS_05_GRANT,
  CLS_07,
  DET_05,
  DET_05_REVIEW,
  OPN_01,
  OPN_01_REQUEST,
  REG_01,
  REG_02,
  REG_05,
  REG_06,
  REG_07,
  SHR_01,
  SHR_02,
  SHR_04,
  derivedClassification,
  type FieldFacts,
  type RegistrationFacts,
  type ResourceFacts,
} from './rules.js';

const p = loadProfile('zhuhai');
const field = (code: string, o: Partial<FieldFacts> = {}): FieldFacts => ({
  id: code,
  code,
  nameZh: code,
  grade: 'general',
  personalInfo: false,
  sensitivePersonalInfo: false,
  classificationStatus: 'confirmed',
  ...o,
});
const resource = (o: Partial<ResourceFacts> = {}): ResourceFacts => ({
  id: 'r1',
  nameZh: '机动车登记信息',
  summary: '机动车登记',
  sourceUnitOrgId: 'org',
  dataType: 'structured',
  openMode: 'sandbox',
  shareClass: 'unconditional',
  openClass: 'not_open',
  grade: 'general',
  personalInfo: false,
  sensitivePersonalInfo: false,
  classificationStatus: 'confirmed',
  standardIdentifiers: [],
  fields: [field('hphm')],
  pendingDetections: 0,
  ...o,
});
const code = (r: { ok: boolean } & Record<string, any>) => (r.ok ? null : r.code);

describe('SHR-01 sharing is the default; restricted classes need legal basis', () => {
  it('passes unconditional sharing without a basis', () => expect(code(SHR_01.check(resource(), p))).toBeNull());
  it('refuses conditional sharing without legal basis (422 LEGAL_BASIS_REQUIRED)', () => {
    const r = SHR_01.check(resource({ shareClass: 'conditional', shareConditions: '履职' }), p);
    expect(r).toMatchObject({ ok: false, code: 'LEGAL_BASIS_REQUIRED', status: 422 });
  });
  it('refuses conditional sharing without conditions', () =>
    expect(code(SHR_01.check(resource({ shareClass: 'conditional', shareBasis: '法规' }), p))).toBe(
      'SHARE_CONDITIONS_REQUIRED',
    ));
  it('accepts not_shared with a basis', () =>
    expect(code(SHR_01.check(resource({ shareClass: 'not_shared', shareBasis: '法规' }), p))).toBeNull());
});

describe('OPN-01 PI and important data limit the open class', () => {
  it('refuses opening a resource with PI fields', () =>
    expect(
      code(OPN_01.check(resource({ openClass: 'unconditional', fields: [field('xm', { personalInfo: true })] }), p)),
    ).toBe('OPEN_CLASS_NOT_ALLOWED'));
  it('refuses unconditional opening of important data, allows conditional', () => {
    expect(code(OPN_01.check(resource({ openClass: 'unconditional', grade: 'important' }), p))).toBe(
      'OPEN_CLASS_NOT_ALLOWED',
    );
    expect(code(OPN_01.check(resource({ openClass: 'conditional', grade: 'important' }), p))).toBeNull();
  });
  it('allows not_open always', () =>
    expect(code(OPN_01.check(resource({ fields: [field('xm', { personalInfo: true })] }), p))).toBeNull());
});

describe('CLS-01 confirmed classifications before publishing', () => {
  it('refuses when a field is unclassified (CLASSIFICATION_INCOMPLETE)', () => {
    const r = CLS_01.check(resource({ fields: [field('a'), field('b', { classificationStatus: 'unclassified' })] }), p);
    expect(r).toMatchObject({ ok: false, code: 'CLASSIFICATION_INCOMPLETE' });
  });
  it('refuses when the resource itself is unclassified', () =>
    expect(code(CLS_01.check(resource({ classificationStatus: 'unclassified' }), p))).toBe(
      'CLASSIFICATION_INCOMPLETE',
    ));
  it('passes when all are confirmed', () => expect(code(CLS_01.check(resource(), p))).toBeNull());
});

describe('CLS-03 take the highest (scenario 3)', () => {
  const fields = [
    field('hphm'),
    field('syrxm', { personalInfo: true }),
    field('xsgj', { grade: 'important', personalInfo: true, sensitivePersonalInfo: true }),
  ];
  it('refuses a general resource over an important field (422 GRADE_BELOW_FIELDS)', () => {
    expect(
      CLS_03.check(resource({ grade: 'general', fields, personalInfo: true, sensitivePersonalInfo: true }), p),
    ).toMatchObject({ ok: false, code: 'GRADE_BELOW_FIELDS', status: 422 });
  });
  it('derives important with PI and sensitive PI', () =>
    expect(derivedClassification(fields)).toEqual({
      grade: 'important',
      personalInfo: true,
      sensitivePersonalInfo: true,
    }));
  it('refuses PI flags below the fields', () =>
    expect(code(CLS_03.check(resource({ grade: 'important', fields, personalInfo: false }), p))).toBe(
      'PI_FLAGS_BELOW_FIELDS',
    ));
  it('passes at the derived grade', () =>
    expect(
      code(CLS_03.check(resource({ grade: 'important', fields, personalInfo: true, sensitivePersonalInfo: true }), p)),
    ).toBeNull());
});

describe('CLS-04 uplift needs a reason', () => {
  it('refuses raising above the field maximum without reason', () =>
    expect(code(CLS_04.check(resource({ grade: 'important' }), p))).toBe('UPLIFT_REASON_REQUIRED'));
  it('accepts with a reason', () =>
    expect(code(CLS_04.check(resource({ grade: 'important', upliftReason: '汇聚后可推断个人行踪' }), p))).toBeNull());
});

describe('CLS-05 core data stays out (scenario 4)', () => {
  const core = resource({ fields: [field('yq', { grade: 'core' })], grade: 'core' });
  it('refuses core data into the authorized catalog (409 CORE_DATA_FORBIDDEN)', () =>
    expect(CLS_05.check({ ...core, target: 'authorized_catalog' }, p)).toMatchObject({
      ok: false,
      code: 'CORE_DATA_FORBIDDEN',
    }));
  it('allows publishing a core resource that stays not_open, refuses an open one', () => {
    expect(code(CLS_05.check({ ...core, target: 'publish' }, p))).toBeNull();
    expect(code(CLS_05.check({ ...core, openClass: 'conditional', target: 'publish' }, p))).toBe('CORE_DATA_FORBIDDEN');
  });
  it('makes a resource with one core field ungrantable (CORE_DATA_NOT_GRANTABLE)', () => {
    const r = CLS_05_GRANT.check(
      {
        resources: [
          {
            id: 'r',
            nameZh: '疫情',
            registered: true,
            fields: [
              { id: 'a', code: 'a', grade: 'general' },
              { id: 'b', code: 'b', grade: 'core' },
            ],
          },
        ],
      },
      p,
    );
    expect(r).toMatchObject({ ok: false, code: 'CORE_DATA_NOT_GRANTABLE', status: 409 });
  });
  it('grants a resource without core fields', () =>
    expect(
      code(
        CLS_05_GRANT.check(
          {
            resources: [
              { id: 'r', nameZh: 'x', registered: true, fields: [{ id: 'a', code: 'a', grade: 'important' }] },
            ],
          },
          p,
        ),
      ),
    ).toBeNull());
});

describe('REG-02 registered before authorization (scenario 5)', () => {
  it('refuses an unregistered resource (409 RESOURCE_NOT_REGISTERED)', () => {
    const r = REG_02.check(
      { resources: [{ id: 'r1', nameZh: '医疗机构执业登记信息', registered: false, fields: [] }] },
      p,
    );
    expect(r).toMatchObject({
      ok: false,
      code: 'RESOURCE_NOT_REGISTERED',
      status: 409,
      params: { resourceIds: ['r1'] },
    });
  });
  it('passes registered resources', () =>
    expect(code(REG_02.check({ resources: [{ id: 'r1', nameZh: 'x', registered: true, fields: [] }] }, p))).toBeNull());
});

describe('CLS-07 sensitive PI only through sandbox or model/verification', () => {
  const f = [field('sfzh', { personalInfo: true, sensitivePersonalInfo: true })];
  it('refuses api mode', () =>
    expect(code(CLS_07.check(resource({ openMode: 'api', fields: f }), p))).toBe('OPEN_MODE_NOT_ALLOWED'));
  it('allows sandbox', () => expect(code(CLS_07.check(resource({ openMode: 'sandbox', fields: f }), p))).toBeNull());
});

describe('CAT-02 authorized entries are complete', () => {
  it('lists every missing item', () => {
    const r = CAT_02.check(resource({ summary: '', openMode: null, fields: [] }), p);
    expect(r).toMatchObject({
      ok: false,
      code: 'CATALOG_ENTRY_INCOMPLETE',
      params: { missing: 'summary, fields, openMode' },
    });
  });
  it('passes a complete entry', () => expect(code(CAT_02.check(resource(), p))).toBeNull());
});

describe('CAT-05 standard identifiers name declared fields', () => {
  it('refuses an unknown field', () =>
    expect(code(CAT_05.check(resource({ standardIdentifiers: [{ fieldCode: 'nope', kind: 'uscc' }] }), p))).toBe(
      'STANDARD_IDENTIFIER_UNKNOWN',
    ));
  it('passes a declared one', () =>
    expect(
      code(CAT_05.check(resource({ standardIdentifiers: [{ fieldCode: 'hphm', kind: 'id_number' }] }), p)),
    ).toBeNull());
});

describe('DET-05 a human decides', () => {
  it('refuses classifying while suggestions are pending', () =>
    expect(code(DET_05.check(resource({ pendingDetections: 2 }), p))).toBe('DETECTIONS_PENDING'));
  it('refuses a rejection without reason', () =>
    expect(code(DET_05_REVIEW.check({ decision: 'reject' }, p))).toBe('REJECT_REASON_REQUIRED'));
  it('accepts without reason', () => expect(code(DET_05_REVIEW.check({ decision: 'accept' }, p))).toBeNull());
});

const regFacts = (o: Partial<RegistrationFacts> = {}): RegistrationFacts => ({
  resource: resource(),
  resourceState: 'published',
  materials: [{ kind: 'application' }, { kind: 'resource_info' }, { kind: 'compliance_statement' }],
  hasSnapshot: true,
  declarations: { noStateSecrets: true, lawfulAcquisition: true, noOwnershipDispute: true },
  type: 'first',
  previousRegistered: false,
  activeRegistration: false,
  ...o,
});

describe('REG-06 complete materials and a frozen snapshot', () => {
  it('refuses missing materials, listing them all (422 MATERIALS_INCOMPLETE)', () => {
    const r = REG_06.check(regFacts({ materials: [{ kind: 'application' }], hasSnapshot: false }), p);
    expect(r).toMatchObject({
      ok: false,
      code: 'MATERIALS_INCOMPLETE',
      status: 422,
      params: { missing: 'resource_info, compliance_statement, resource_snapshot' },
    });
  });
  it('accepts deficient materials where the profile enables it (anhui-style)', () => {
    const lenient = loadProfile('zhuhai', { 'registration.allowDeficientAcceptance': true });
    expect(code(REG_06.check(regFacts({ materials: [] }), lenient))).toBeNull();
  });
  it('passes complete materials', () => expect(code(REG_06.check(regFacts(), p))).toBeNull());
});

describe('REG-07 refusal grounds', () => {
  it('refuses core data', () =>
    expect(code(REG_07.check(regFacts({ resource: resource({ fields: [field('x', { grade: 'core' })] }) }), p))).toBe(
      'CORE_DATA_FORBIDDEN',
    ));
  it('refuses without the declarations', () =>
    expect(code(REG_07.check(regFacts({ declarations: undefined }), p))).toBe('REGISTRATION_GROUNDS_UNMET'));
});

describe('REG-01 registration type fits the history', () => {
  it('refuses a second first registration', () =>
    expect(code(REG_01.check(regFacts({ previousRegistered: true }), p))).toBe('ALREADY_REGISTERED'));
  it('refuses a change without a registered record', () =>
    expect(code(REG_01.check(regFacts({ type: 'change' }), p))).toBe('RESOURCE_NOT_REGISTERED'));
  it('refuses a draft resource', () =>
    expect(code(REG_01.check(regFacts({ resourceState: 'draft' }), p))).toBe('RESOURCE_NOT_CLASSIFIED'));
  it('refuses while another registration is in progress', () =>
    expect(code(REG_01.check(regFacts({ activeRegistration: true }), p))).toBe('REGISTRATION_IN_PROGRESS'));
});

describe('REG-05 code only after publicity without open objection', () => {
  it('refuses with an open objection', () =>
    expect(code(REG_05.check({ openObjections: 1, publicityEnded: true }, p))).toBe('OBJECTION_OPEN'));
  it('refuses before publicity ends', () =>
    expect(code(REG_05.check({ openObjections: 0, publicityEnded: false }, p))).toBe('PUBLICITY_NOT_ENDED'));
  it('passes after publicity', () =>
    expect(code(REG_05.check({ openObjections: 0, publicityEnded: true }, p))).toBeNull());
});

describe('SHR-02 / SHR-04 / OPN-01 requests', () => {
  it('refuses a request without purpose and commitment', () =>
    expect(
      SHR_02.check({ scenario: 'x', purpose: '', fieldIds: ['a'], commitmentAccepted: false, kind: 'share' }, p),
    ).toMatchObject({ ok: false, code: 'REQUEST_INCOMPLETE', params: { missing: 'purpose, commitmentAccepted' } }));
  it('refuses a refusal without legal basis (scenario 9)', () =>
    expect(code(SHR_04.check({ reason: '不符合' }, p))).toBe('LEGAL_BASIS_REQUIRED'));
  it('never delivers not_open data to an open request', () =>
    expect(
      code(
        OPN_01_REQUEST.check(
          {
            kind: 'open',
            resourceOpenClass: 'not_open',
            resourceShareClass: 'unconditional',
            fieldGrades: ['general'],
          },
          p,
        ),
      ),
    ).toBe('RESOURCE_NOT_OPEN'));
  it('never shares core data (share.allowCoreData = false)', () =>
    expect(
      code(
        OPN_01_REQUEST.check(
          { kind: 'share', resourceOpenClass: 'not_open', resourceShareClass: 'unconditional', fieldGrades: ['core'] },
          p,
        ),
      ),
    ).toBe('CORE_DATA_FORBIDDEN'));
});
