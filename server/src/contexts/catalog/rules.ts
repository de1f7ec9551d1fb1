import { fail, pass, rule } from '../../kernel/workflow/rules.js';
import { GRADE_RANK, type Grade } from './model.js';

/** The facts catalog rules see about one field (pure data, no I/O). */
export interface FieldFacts {
  id: string;
  code: string;
  nameZh: string;
  grade: Grade | null;
  personalInfo: boolean;
  sensitivePersonalInfo: boolean;
  classificationStatus: string;
  identifierKind?: string | null;
  desensitized?: boolean;
  sensitiveCategory?: string | null;
}

export interface ResourceFacts {
  id: string;
  nameZh: string;
  summary: string;
  sourceUnitOrgId: string | null;
  dataType: string | null;
  openMode: string | null;
  shareClass: string;
  shareConditions?: string | null;
  shareBasis?: string | null;
  openClass: string;
  openBasis?: string | null;
  grade: Grade | null;
  personalInfo: boolean;
  sensitivePersonalInfo: boolean;
  classificationStatus: 'unclassified' | 'confirmed';
  aggregationUplift?: boolean;
  upliftReason?: string | null;
  standardIdentifiers: { fieldCode: string; kind: string }[];
  fields: FieldFacts[];
  pendingDetections: number;
}

const maxGrade = (fields: { grade: Grade | null }[]): Grade =>
  fields.reduce<Grade>((m, f) => (f.grade && GRADE_RANK[f.grade] > GRADE_RANK[m] ? f.grade : m), 'general');

/** CLS-03 take the highest (就高从严): the derived resource classification from its fields. */
export function derivedClassification(fields: FieldFacts[]) {
  return {
    grade: maxGrade(fields),
    personalInfo: fields.some((f) => f.personalInfo),
    sensitivePersonalInfo: fields.some((f) => f.sensitivePersonalInfo),
  };
}

// SHR-01: sharing is the default; conditional / not_shared need reason and legal basis (003:L544).
export const SHR_01 = rule('SHR-01', (f: Pick<ResourceFacts, 'shareClass' | 'shareBasis' | 'shareConditions'>) => {
  if (f.shareClass === 'unconditional') return pass();
  if (!f.shareBasis?.trim())
    return fail('LEGAL_BASIS_REQUIRED', { field: 'shareBasis', shareClass: f.shareClass }, 422);
  if (f.shareClass === 'conditional' && !f.shareConditions?.trim())
    return fail('SHARE_CONDITIONS_REQUIRED', { field: 'shareConditions' }, 422);
  return pass();
});

// OPN-01 (checked part) and CLS-06: PI not desensitized → not_open; important → at most conditional (003:L554).
export const OPN_01 = rule('OPN-01', (f: Pick<ResourceFacts, 'openClass' | 'fields' | 'grade'>) => {
  if (f.openClass === 'not_open') return pass();
  const pi = f.fields.filter((x) => x.personalInfo && !x.desensitized);
  if (pi.length)
    return fail(
      'OPEN_CLASS_NOT_ALLOWED',
      { openClass: f.openClass, reason: 'personal_info', fields: pi.map((x) => x.code) },
      422,
    );
  const grade = f.grade ?? maxGrade(f.fields);
  if (GRADE_RANK[grade] >= GRADE_RANK.important && f.openClass === 'unconditional') {
    return fail('OPEN_CLASS_NOT_ALLOWED', { openClass: f.openClass, reason: 'important_data', fields: [] }, 422);
  }
  return pass();
});

// CLS-01: publishing (and classifying) needs confirmed classifications on every field and the resource (002:L195).
export const CLS_01 = rule('CLS-01', (f: Pick<ResourceFacts, 'fields' | 'classificationStatus'>) => {
  const open = f.fields.filter((x) => x.classificationStatus !== 'confirmed').map((x) => x.code);
  if (open.length || f.classificationStatus !== 'confirmed') {
    return fail('CLASSIFICATION_INCOMPLETE', {
      fields: open.join(', ') || '-',
      resource: f.classificationStatus !== 'confirmed',
    });
  }
  if (f.fields.length === 0)
    return fail('CLASSIFICATION_INCOMPLETE', { fields: '-', resource: true, reason: 'no_fields' });
  return pass();
});

// CLS-03: resource grade ≥ max(field grades); resource PI / sensitive = any field's (GB/T 43697-2024).
export const CLS_03 = rule(
  'CLS-03',
  (f: Pick<ResourceFacts, 'grade' | 'fields' | 'personalInfo' | 'sensitivePersonalInfo'>) => {
    if (!f.grade) return pass();
    const d = derivedClassification(f.fields);
    if (GRADE_RANK[f.grade] < GRADE_RANK[d.grade])
      return fail('GRADE_BELOW_FIELDS', { grade: f.grade, derivedGrade: d.grade }, 422);
    if ((d.personalInfo && !f.personalInfo) || (d.sensitivePersonalInfo && !f.sensitivePersonalInfo)) {
      return fail(
        'PI_FLAGS_BELOW_FIELDS',
        { personalInfo: d.personalInfo, sensitivePersonalInfo: d.sensitivePersonalInfo },
        422,
      );
    }
    return pass();
  },
);

/** A jurisdiction's grading rule for aggregation and correlation (`classification.aggregationRules`). */
export interface AggregationRule {
  id: string;
  nameZh: string;
  when: { minPersonalInfoFields?: number; sensitiveCategories?: string[] };
  grade: Grade;
}

const ruleMatches = (r: AggregationRule, fields: FieldFacts[]) =>
  (r.when.minPersonalInfoFields === undefined ||
    fields.filter((f) => f.personalInfo).length >= r.when.minPersonalInfoFields) &&
  (r.when.sensitiveCategories ?? []).every((c) => fields.some((f) => f.sensitiveCategory === c));

// CLS-02: grades general/important/core; the jurisdiction's rules on aggregation and correlation
// (e.g. many PI fields together, identity with whereabouts) set a floor for the resource grade
// above its fields' own (002:L209, L217; 004:L19919–19929).
export const CLS_02 = rule('CLS-02', (f: Pick<ResourceFacts, 'grade' | 'fields'>, profile) => {
  if (!f.grade) return pass();
  const hit = profile
    .get<AggregationRule[]>('classification.aggregationRules')
    .filter((r) => ruleMatches(r, f.fields) && GRADE_RANK[r.grade] > GRADE_RANK[f.grade!]);
  return hit.length
    ? fail('GRADE_BELOW_AGGREGATION_RULE', { grade: f.grade, required: hit[0]!.grade, rule: hit[0]!.nameZh }, 422)
    : pass();
});

// CLS-04: raising above the field maximum for combination risk needs a reason (004:L19929).
export const CLS_04 = rule(
  'CLS-04',
  (f: Pick<ResourceFacts, 'grade' | 'fields' | 'aggregationUplift' | 'upliftReason'>) => {
    if (!f.grade) return pass();
    const above = GRADE_RANK[f.grade] > GRADE_RANK[maxGrade(f.fields)];
    if ((above || f.aggregationUplift) && !f.upliftReason?.trim())
      return fail('UPLIFT_REASON_REQUIRED', { field: 'upliftReason' }, 422);
    return pass();
  },
);

const hasCore = (f: { grade?: Grade | null; fields: { grade: Grade | null }[] }) =>
  f.grade === 'core' || f.fields.some((x) => x.grade === 'core');

// CLS-05: core data never enters the open or authorized catalog or a registration (004:L8704, L11614, L13903).
export const CLS_05 = rule(
  'CLS-05',
  (
    f: Pick<ResourceFacts, 'grade' | 'fields' | 'openClass'> & {
      target: 'open_catalog' | 'authorized_catalog' | 'registration' | 'publish';
    },
  ) => {
    if (!hasCore(f)) return pass();
    // Publishing a core resource is allowed only when it stays out of the open catalog.
    if (f.target === 'publish' && f.openClass === 'not_open') return pass();
    return fail('CORE_DATA_FORBIDDEN', {
      target: f.target,
      fields: f.fields.filter((x) => x.grade === 'core').map((x) => x.code),
    });
  },
);

// CLS-07: sensitive-PI fields allow only sandbox or model_or_verification open modes (004:L1042–1044).
export const CLS_07 = rule('CLS-07', (f: Pick<ResourceFacts, 'openMode' | 'fields'>) => {
  if (!f.openMode || ['sandbox', 'model_or_verification'].includes(f.openMode)) return pass();
  const s = f.fields.filter((x) => x.sensitivePersonalInfo);
  return s.length ? fail('OPEN_MODE_NOT_ALLOWED', { openMode: f.openMode, fields: s.map((x) => x.code) }, 422) : pass();
});

// CAT-02: authorized-operation entries need name, summary, source unit, fields, data type, open mode (002:L105).
export const CAT_02 = rule(
  'CAT-02',
  (f: Pick<ResourceFacts, 'nameZh' | 'summary' | 'sourceUnitOrgId' | 'fields' | 'dataType' | 'openMode'>) => {
    const missing: string[] = [];
    if (!f.nameZh?.trim()) missing.push('nameZh');
    if (!f.summary?.trim()) missing.push('summary');
    if (!f.sourceUnitOrgId) missing.push('sourceUnitId');
    if (!f.fields.length) missing.push('fields');
    if (!f.dataType) missing.push('dataType');
    if (!f.openMode) missing.push('openMode');
    return missing.length ? fail('CATALOG_ENTRY_INCOMPLETE', { missing: missing.join(', ') }, 422) : pass();
  },
);

// CAT-05: keys by standard identifiers, each naming a declared field of the right kind (003:L539).
export const CAT_05 = rule('CAT-05', (f: Pick<ResourceFacts, 'standardIdentifiers' | 'fields'>) => {
  const bad = f.standardIdentifiers
    .filter((s) => !f.fields.some((x) => x.code === s.fieldCode))
    .map((s) => s.fieldCode);
  return bad.length ? fail('STANDARD_IDENTIFIER_UNKNOWN', { fields: bad.join(', ') }, 422) : pass();
});

// DET-05: suggestions are never self-applied; classifying waits for every detection's review (000:L15).
export const DET_05 = rule('DET-05', (f: Pick<ResourceFacts, 'pendingDetections'>) =>
  f.pendingDetections > 0 ? fail('DETECTIONS_PENDING', { count: f.pendingDetections }) : pass(),
);

/** DET-05 on a review: a rejection carries its reason. */
export const DET_05_REVIEW = rule('DET-05', (f: { decision: 'accept' | 'reject'; reason?: string }) =>
  f.decision === 'reject' && !f.reason?.trim() ? fail('REJECT_REASON_REQUIRED', { field: 'reason' }, 422) : pass(),
);

export interface RegistrationFacts {
  resource: ResourceFacts;
  resourceState: string;
  materials: { kind: string }[];
  hasSnapshot: boolean;
  allowDeficient?: boolean;
  declarations?: { noStateSecrets: boolean; lawfulAcquisition: boolean; noOwnershipDispute: boolean };
  type: string;
  previousRegistered: boolean;
  activeRegistration: boolean;
}

const REQUIRED_MATERIALS = ['application', 'resource_info', 'compliance_statement'];

// REG-06: complete materials and a frozen snapshot; deficient acceptance only where the profile enables it (004:L23141–23147).
export const REG_06 = rule('REG-06', (f: RegistrationFacts, profile) => {
  const missing = REQUIRED_MATERIALS.filter((k) => !f.materials.some((m) => m.kind === k));
  if (!f.hasSnapshot) missing.push('resource_snapshot');
  if (!missing.length) return pass();
  if (profile.get<boolean>('registration.allowDeficientAcceptance') && f.hasSnapshot) return pass();
  return fail('MATERIALS_INCOMPLETE', { missing: missing.join(', ') }, 422);
});

// REG-07: refuse core data, state secrets, unlawful acquisition, unresolved ownership disputes (004:L23093–23105).
export const REG_07 = rule('REG-07', (f: RegistrationFacts) => {
  if (hasCore(f.resource))
    return fail('CORE_DATA_FORBIDDEN', {
      target: 'registration',
      fields: f.resource.fields.filter((x) => x.grade === 'core').map((x) => x.code),
    });
  const d = f.declarations;
  if (!d || !d.noStateSecrets || !d.lawfulAcquisition || !d.noOwnershipDispute) {
    return fail('REGISTRATION_GROUNDS_UNMET', { declarations: d ?? null }, 422);
  }
  return pass();
});

// REG-01 / REG-03 / REG-04: the registration type fits the resource's registration history.
export const REG_01 = rule('REG-01', (f: RegistrationFacts) => {
  if (f.activeRegistration) return fail('REGISTRATION_IN_PROGRESS', {});
  if (f.type === 'first' && f.previousRegistered) return fail('ALREADY_REGISTERED', {});
  if (f.type !== 'first' && !f.previousRegistered)
    return fail('RESOURCE_NOT_REGISTERED', { resourceIds: [f.resource.id] });
  // REG-04: a cancellation also covers a suspended or retired resource (retirement needs it).
  const states =
    f.type === 'cancellation' ? ['classified', 'published', 'suspended', 'retired'] : ['classified', 'published'];
  if (!states.includes(f.resourceState)) return fail('RESOURCE_NOT_CLASSIFIED', { state: f.resourceState });
  return pass();
});

// REG-08: registration records and materials are kept `reg.retentionYears` (ledger.md retention
// class `registration`, LED-14); the ledger refuses their destruction before (004:L13735–13737).
export const REG_08_RETENTION_CLASS = 'registration';

// REG-05: the code is assigned only after publicity ends with no open objection.
export const REG_05 = rule('REG-05', (f: { openObjections: number; publicityEnded: boolean }) => {
  if (f.openObjections > 0) return fail('OBJECTION_OPEN', { count: f.openObjections });
  return f.publicityEnded ? pass() : fail('PUBLICITY_NOT_ENDED', {});
});

/** What authorization passes to REG-02 / CLS-05 about each resource (ResourceForAuthorization subset). */
export interface GrantCheckResource {
  id: string;
  nameZh: string;
  registered: boolean;
  fields: { id: string; code: string; grade: Grade; registered?: boolean }[];
}

// REG-02: only registered resources may enter an OperationAgreement catalog, a ScenarioApplication approval or a Grant (002:L101).
export const REG_02 = rule('REG-02', (f: { resources: GrantCheckResource[] }) => {
  const un = f.resources.filter((r) => !r.registered);
  return un.length
    ? fail(
        'RESOURCE_NOT_REGISTERED',
        { resourceIds: un.map((r) => r.id), names: un.map((r) => r.nameZh).join('、') },
        409,
      )
    : pass();
});

// REG-03: fields added after registration are not grantable until a `change` registration covers them.
export const REG_03 = rule('REG-03', (f: { resources: GrantCheckResource[]; fieldCodes?: string[] }) => {
  const un = f.resources.flatMap((r) =>
    r.fields
      .filter((x) => x.registered === false && (!f.fieldCodes || f.fieldCodes.includes(x.code)))
      .map((x) => `${r.nameZh}.${x.code}`),
  );
  return un.length ? fail('FIELD_NOT_REGISTERED', { fields: un.join('、') }, 409) : pass();
});

// CLS-05 for grants: a resource with a core (核心) field is never grantable (authorization.md CORE_DATA_NOT_GRANTABLE).
export const CLS_05_GRANT = rule('CLS-05', (f: { resources: GrantCheckResource[] }) => {
  const core = f.resources.filter((r) => r.fields.some((x) => x.grade === 'core'));
  return core.length
    ? fail(
        'CORE_DATA_NOT_GRANTABLE',
        {
          resourceIds: core.map((r) => r.id),
          names: core.map((r) => r.nameZh).join('、'),
          fields: core.flatMap((r) => r.fields.filter((x) => x.grade === 'core').map((x) => x.code)),
        },
        409,
      )
    : pass();
});

// SHR-02 / OPN-04 fields complete: scenario, purpose, minimum fields and the commitment (004:L19667–19673).
export const SHR_02 = rule(
  'SHR-02',
  (f: { scenario: string; purpose: string; fieldIds: string[]; commitmentAccepted: boolean; kind: string }) => {
    const missing: string[] = [];
    if (!f.scenario?.trim()) missing.push('scenario');
    if (!f.purpose?.trim()) missing.push('purpose');
    if (!f.fieldIds.length) missing.push('fieldIds');
    if (!f.commitmentAccepted) missing.push('commitmentAccepted');
    return missing.length ? fail('REQUEST_INCOMPLETE', { missing: missing.join(', ') }, 422) : pass();
  },
);

// OPN-01 for requests: 不予开放 data is never delivered to an open request; core data is never shared (CLS-05).
export const OPN_01_REQUEST = rule(
  'OPN-01',
  (f: { kind: string; resourceOpenClass: string; resourceShareClass: string; fieldGrades: Grade[] }, profile) => {
    if (f.fieldGrades.includes('core') && !profile.get<boolean>('share.allowCoreData'))
      return fail('CORE_DATA_FORBIDDEN', { target: f.kind });
    if (f.kind === 'open' && f.resourceOpenClass === 'not_open') return fail('RESOURCE_NOT_OPEN', {});
    if (f.kind === 'share' && f.resourceShareClass === 'not_shared') return fail('RESOURCE_NOT_SHARED', {});
    return pass();
  },
);

// SHR-04: refusals carry reasons and legal basis (004:L19728–19730).
export const SHR_04 = rule('SHR-04', (f: { reason?: string; legalBasis?: string }) =>
  !f.reason?.trim() || !f.legalBasis?.trim()
    ? fail('LEGAL_BASIS_REQUIRED', { field: !f.reason?.trim() ? 'reason' : 'legalBasis' }, 422)
    : pass(),
);

/** Reason required for a side transition (returned, not_accepted, rejected, suspended, refused). */
export const REASON_REQUIRED = rule('REASON', (f: { reason?: string }) =>
  f.reason?.trim() ? pass() : fail('REASON_REQUIRED', { field: 'reason' }, 422),
);
