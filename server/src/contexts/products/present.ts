import type { z } from 'zod';
import type {
  CheckItem,
  DisclosureView,
  FeeCapView,
  ListingView,
  PriceFilingView,
  ProductView,
  RegistrationView,
  ReviewView,
  RevenueCycleView,
} from './model.js';
import type {
  DisclosureRow,
  FeeCapRow,
  ListingRow,
  PriceFilingRow,
  ProductRow,
  RegistrationRow,
  ReviewRow,
  RevenueCycleRow,
} from './store/tables.js';

// Row → view presenters (style.md "Presenters with a declared output type"). jsonb columns hold values this
// context wrote itself, so they are read back by shape.
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const day = (d: Date | string | null): string | null =>
  d === null ? null : d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

export const presentProduct = (p: ProductRow): ProductView => ({
  id: p.id,
  code: p.code,
  name: p.name_zh,
  form: p.form,
  category: p.category,
  state: p.state,
  version: p.version,
  productVersion: p.product_version,
  scenarioApplicationId: p.scenario_application_id,
  grantIds: strings(p.grant_ids),
  fieldsUsed: strings(p.fields_used),
  categoryTags: strings(p.category_tags),
  producerOrgId: p.producer_org_id,
  operatorOrgId: p.operator_org_id,
  ipOwnerOrgId: p.ip_owner_org_id,
  labId: p.lab_id,
  derivedFromOrderId: p.derived_from_order_id,
  builtFromFreeData: p.built_from_free_data,
  personalInfo: p.personal_info,
  maxGrade: p.max_grade,
  deliveryModes: strings(p.delivery_modes),
  validTo: day(p.valid_to),
  registrationCode: p.registration_code,
  description: p.description,
  serviceId: p.service_id,
  createdAt: p.created_at.toISOString(),
});

/** The checklist as stored: an array of CheckItem this context wrote (model.ts CheckItem). */
export const checklistOf = (r: ReviewRow): CheckItem[] => (Array.isArray(r.items) ? (r.items as CheckItem[]) : []);

export const presentReview = (r: ReviewRow): ReviewView => ({
  id: r.id,
  productId: r.product_id,
  productVersion: r.product_version,
  state: r.state,
  version: r.version,
  items: checklistOf(r),
  evaluatorReportId: r.evaluator_report_id,
  decision: r.decision,
  decidedBy: r.decided_by,
  decidedAt: iso(r.decided_at),
  reason: r.reason,
  validUntil: day(r.valid_until),
});

export const clocksOf = (r: RegistrationRow): Record<string, string> => {
  const c = r.clocks;
  if (!c || typeof c !== 'object' || Array.isArray(c)) return {};
  return Object.fromEntries(Object.entries(c).filter((e): e is [string, string] => typeof e[1] === 'string'));
};

export const presentRegistration = (r: RegistrationRow): z.infer<typeof RegistrationView> => ({
  id: r.id,
  productId: r.product_id,
  state: r.state,
  version: r.version,
  type: r.type,
  procedure: r.procedure,
  registryLevel: r.registry_level,
  registrationCode: r.registration_code,
  registrantOrgId: r.registrant_org_id,
  registryOrgId: r.registry_org_id,
  publicityStart: iso(r.publicity_start),
  publicityEnd: iso(r.publicity_end),
  clocks: clocksOf(r),
  objectionIds: strings(r.objection_ids),
  createdAt: r.created_at.toISOString(),
});

export const presentListing = (l: ListingRow): z.infer<typeof ListingView> => ({
  id: l.id,
  productId: l.product_id,
  state: l.state,
  version: l.version,
  venue: l.venue,
  exchangeOrgId: l.exchange_org_id,
  exchangeListingRef: l.exchange_listing_ref,
  registrationId: l.registration_id,
  restrictedEntries: strings(l.restricted_entries),
  delistReason: l.delist_reason,
  createdAt: l.created_at.toISOString(),
});

export const presentFeeCap = (c: FeeCapRow): z.infer<typeof FeeCapView> => ({
  id: c.id,
  state: c.state,
  version: c.version,
  authorityOrgId: c.authority_org_id,
  operationAgreementId: c.operation_agreement_id,
  operatorOrgId: c.operator_org_id,
  productId: c.product_id,
  productClass: c.product_class,
  chargingUnit: c.charging_unit,
  unitDefinition: c.unit_definition,
  capFen: Number(c.cap_fen),
  taxInclusive: c.tax_inclusive,
  isTrial: c.is_trial,
  revenueCycleId: c.revenue_cycle_id,
  writtenReportRef: c.written_report_ref,
  effectiveFrom: day(c.effective_from) ?? '',
  effectiveTo: day(c.effective_to) ?? '',
});

type Discount = { name: string; pct: number; eligibility: string };
export const discountsOf = (f: PriceFilingRow): Discount[] =>
  Array.isArray(f.discounts) ? (f.discounts as Discount[]) : [];

export const presentFiling = (f: PriceFilingRow): z.infer<typeof PriceFilingView> => ({
  id: f.id,
  filingNo: f.filing_no,
  state: f.state,
  version: f.version,
  productId: f.product_id,
  feeCapId: f.fee_cap_id,
  chargingUnit: f.charging_unit,
  unitDefinition: f.unit_definition,
  priceFen: Number(f.price_fen),
  pricingBasis: f.pricing_basis,
  scenario: f.scenario,
  scopeOfUse: f.scope_of_use,
  method: f.method,
  pricingMethod: f.pricing_method,
  discounts: discountsOf(f),
  filedAt: iso(f.filed_at),
  effectiveFrom: day(f.effective_from) ?? '',
  returnReason: f.return_reason,
});

export const presentCycle = (c: RevenueCycleRow): z.infer<typeof RevenueCycleView> => ({
  id: c.id,
  state: c.state,
  version: c.version,
  operationAgreementId: c.operation_agreement_id,
  cycleNo: c.cycle_no,
  start: day(c.start_date) ?? '',
  end: day(c.end_date) ?? '',
  mprFen: Number(c.mpr_fen),
  approvalDocNo: c.approval_doc_no,
  deductionFromPriorFen: Number(c.deduction_from_prior_fen),
  actualIndustryRevenueFen: c.actual_industry_revenue_fen === null ? null : Number(c.actual_industry_revenue_fen),
  excessFen: c.excess_fen === null ? null : Number(c.excess_fen),
});

export const presentDisclosure = (d: DisclosureRow): DisclosureView => ({
  id: d.id,
  state: d.state,
  version: d.version,
  subjectOrgId: d.subject_org_id,
  role: d.role,
  year: d.year,
  reportVersion: d.report_version,
  // sections is an object this context generated (usecases/disclosures.ts)
  sections:
    d.sections && typeof d.sections === 'object' && !Array.isArray(d.sections)
      ? (d.sections as Record<string, unknown>)
      : {},
  dueAt: d.due_at.toISOString(),
  publishedAt: iso(d.published_at),
  correctionOf: d.correction_of,
  correctionReason: d.correction_reason,
  createdAt: d.created_at.toISOString(),
});
