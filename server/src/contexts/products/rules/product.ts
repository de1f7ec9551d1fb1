import type { Profile } from '../../../kernel/profiles/index.js';
import { fail, pass, rule } from '../../../kernel/workflow/rules.js';

/** A granted field as the product rules see it (from the authorization context's grant-use contract). */
export interface GrantedField {
  code: string;
  nameZh: string;
  grade: string;
  personalInfo: boolean;
  directIdentifier: boolean;
}

/** What PM-01…PM-04 and the checklist judge a product on; loaded by usecases/facts.ts. */
export interface ProductFacts {
  scenarioState: string | null;
  /** The scenario every cited grant was opened for (one product serves one approved scenario, PM-01). */
  grantScenarioIds: string[];
  scenarioApplicationId: string | null;
  grantsFound: number;
  grantsCited: number;
  /** Grants held by someone other than the producer's side (operator, its filed collaborator, the lab partner). */
  grantsNotHeld: string[];
  grantsInactive: string[];
  requestedFields: string[];
  grantedFields: GrantedField[];
  personalInfo: string;
  form: string;
  categoryTags: string[];
  hasDeclaration: boolean;
  today: string;
  grantValidTo: string | null;
  /** PM-11: the DataResources behind the fields used, as the catalog reports them (null state: not found). */
  inputResources: InputResource[];
  /** The sandbox data service a data service/API product names (PM-02); absent when it names none. */
  service?: BoundService | null;
  /** LAB-13/LAB-28: the lab whose filed agreement opened the cited Grants (null: no lab Grant cited). */
  lab?: LabBasis | null;
}

/** A lab product's basis as the labs context reports it (usecases/lab-basis.ts). */
export interface LabBasis {
  labId: string;
  labNo: string;
  labState: string;
  active: boolean;
  /** The cited Grants opened by that lab's filed agreement. */
  grantIds: string[];
}

/** A data service as the sandbox reports it (null grant: no such service), beside the product's own Grants. */
export interface BoundService {
  id: string;
  grantId: string | null;
  operatorOrgId: string | null;
  productGrantIds: string[];
  productOperatorOrgIds: string[];
}

/** The forms a buyer calls through the data-service gateway (products-market.md DataProduct.form). */
export const SERVICE_FORMS: readonly string[] = ['data_service_api', 'verification_service'];

/** An input DataResource of a product, read through the catalog's port. */
export interface InputResource {
  id: string;
  nameZh: string;
  state: string | null;
  /** Core-grade fields: a ground on which REG-07 refuses the resource (state secrets, core data). */
  coreFields: string[];
}

const PI_VALUES = ['none', 'anonymised'];
const GRADE_ORDER = ['public', 'general', 'important', 'core'];

/** The granted fields a product uses, matched by code or Chinese name; the rest are outside the grants. */
export function matchFields(requested: string[], granted: GrantedField[]) {
  const used: GrantedField[] = [];
  const outside: string[] = [];
  for (const r of requested) {
    const f = granted.find((g) => g.code === r || g.nameZh === r);
    if (f) used.push(f);
    else outside.push(r);
  }
  return { used, outside };
}

/** Highest classification grade among the inputs (就高从严); unknown grades count as general. */
export function maxGradeOf(fields: GrantedField[]): string {
  let best = 0;
  for (const f of fields) best = Math.max(best, Math.max(0, GRADE_ORDER.indexOf(f.grade)));
  return fields.length ? GRADE_ORDER[best]! : 'general';
}

// PM-01: a product is created only against an approved ScenarioApplication, the one its grants serve (002:L177).
export const PM_01 = rule('PM-01', (f: ProductFacts) => {
  if (f.lab) return labBasis(f.lab, f.grantsCited, f.grantScenarioIds);
  if (f.scenarioState !== 'approved' || !f.scenarioApplicationId)
    return fail('SCENARIO_NOT_APPROVED', { state: f.scenarioState }, 422);
  const other = f.grantScenarioIds.filter((s) => s !== f.scenarioApplicationId);
  return other.length ? fail('SCENARIO_NOT_APPROVED', { scenarios: other }, 422) : pass();
});

/**
 * PM-01 for a lab product (labs.md LAB-13, LAB-28; decision 0088): a lab Grant has no ScenarioApplication; the
 * lab's filed agreement (purpose lab_rnd_and_product_landing) is the basis, only while the lab is `active`, and
 * every cited Grant must be the lab's own — a lab Grant never serves another scenario's product.
 */
function labBasis(lab: LabBasis, cited: number, scenarioIds: string[]) {
  if (!lab.active) return fail('LAB_BASIS_NOT_ACTIVE', { labNo: lab.labNo, state: lab.labState }, 422);
  const others = scenarioIds.filter((s) => s !== '');
  if (lab.grantIds.length < cited || others.length) return fail('LAB_BASIS_MIXED', { grants: others }, 422);
  return pass();
}

// PM-02: fieldsUsed ⊆ the cited grants' fields, the grants held by the producer's side (002:L177, L167).
export const PM_02 = rule('PM-02', (f: ProductFacts) => {
  if (f.grantsFound < f.grantsCited || f.grantsNotHeld.length)
    return fail('GRANT_NOT_HELD', { grants: f.grantsNotHeld }, 422);
  if (f.grantsInactive.length) return fail('GRANT_NOT_USABLE', { grants: f.grantsInactive }, 422);
  const { outside } = matchFields(f.requestedFields, f.grantedFields);
  if (outside.length) return fail('GRANT_SCOPE_EXCEEDED', { fields: outside }, 422);
  return f.service ? serviceBinding(f.service, f.form) : pass();
});

/**
 * PM-02 for a bound data service: only an API form answers through the gateway, and the service must be made on
 * one of the product's own Grants by the same operator, so a buyer's key never reaches another Grant's data.
 */
function serviceBinding(s: BoundService, form: string) {
  if (!SERVICE_FORMS.includes(form)) return fail('SERVICE_FORM_MISMATCH', { form, serviceId: s.id }, 422);
  const ours =
    s.grantId !== null &&
    s.productGrantIds.includes(s.grantId) &&
    s.operatorOrgId !== null &&
    s.productOperatorOrgIds.includes(s.operatorOrgId);
  return ours ? pass() : fail('SERVICE_NOT_OF_GRANT', { serviceId: s.id }, 422);
}

/**
 * PM-11: confidential and unpublished public data never enter the market (004:L1050–1052; 004:L13375): every
 * input DataResource is `published` in the catalog, and none carries what REG-07 refuses (core data).
 */
export const PM_11 = rule('PM-11', (f: ProductFacts) => {
  const confidential = f.inputResources.filter((r) => r.coreFields.length).map((r) => r.nameZh);
  if (confidential.length) return fail('INPUT_CONFIDENTIAL', { resources: confidential }, 422);
  const unpublished = f.inputResources.filter((r) => r.state !== 'published').map((r) => r.nameZh);
  return unpublished.length ? fail('INPUT_NOT_PUBLISHED', { resources: unpublished }, 422) : pass();
});

// PM-04: personalInfo ∈ {none, anonymised}, and no input is core data (004:L13373; 004:L11614).
export const PM_04 = rule('PM-04', (f: ProductFacts) => {
  if (!PI_VALUES.includes(f.personalInfo)) return fail('RAW_PERSONAL_DATA', { personalInfo: f.personalInfo }, 422);
  const { used } = matchFields(f.requestedFields, f.grantedFields);
  const core = used.filter((x) => x.grade === 'core').map((x) => x.nameZh);
  return core.length ? fail('CORE_DATA', { fields: core }, 422) : pass();
});

/**
 * PM-03 / CR-3: raw personal data is never a deliverable. A directly identifying personal field (身份证号…)
 * fails outright; other personal fields pass only when the product declares them anonymised (004:L22520–22522).
 */
export function rawPersonalFields(f: ProductFacts): string[] {
  const { used } = matchFields(f.requestedFields, f.grantedFields);
  return (
    used
      // An enterprise key (统一社会信用代码) identifies an organization, not a person: only personal fields count.
      .filter((x) => x.personalInfo && (x.directIdentifier || f.personalInfo !== 'anonymised'))
      .map((x) => x.nameZh)
  );
}

export const PM_03 = rule('PM-03', (f: ProductFacts) => {
  const raw = rawPersonalFields(f);
  return raw.length ? fail('RAW_PERSONAL_DATA', { fields: raw }, 422) : pass();
});

export type NegativeEntry = {
  id: string;
  level: 'prohibited' | 'restricted';
  tags: string[];
  grades: string[];
  sourceZh: string;
};

/** PM-10: the profile's negative-list entries a product matches, by category tag, field name or grade. */
export function negativeMatches(
  p: { categoryTags: string[]; fieldNames: string[]; maxGrade: string },
  profile: Profile,
): NegativeEntry[] {
  const list = profile.get<NegativeEntry[]>('market.negativeList');
  const words = new Set([...p.categoryTags, ...p.fieldNames]);
  return list.filter((e) => e.tags.some((t) => words.has(t)) || e.grades.includes(p.maxGrade));
}
