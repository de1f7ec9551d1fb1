import { z } from 'zod';

// products-market.md objects, inputs and views. Part 1 (this code): DataProduct, ComplianceReview,
// ProductRegistration, Listing, FeeCap, PriceFiling, revenue cycles (MPR). Part 2 adds, beside these:
// usecases/orders.ts, usecases/contracts.ts, usecases/deliveries.ts, usecases/settlement.ts, store/market.ts
// (Order, Contract, Delivery, UsageRecord, Settlement, RevenueShare, bills) and rules/trading.ts.

export const PRODUCT_FORMS = [
  'dataset',
  'data_service_api',
  'analysis_report',
  'model',
  'tool',
  'intelligent_solution',
  'verification_service',
] as const;
export const PRODUCT_CATEGORIES = ['public_governance_welfare', 'industry'] as const;
export const DELIVERY_MODES = ['api_key', 'file_egress', 'sandbox_seat', 'model_service'] as const;
export const CHARGING_UNITS = ['item', 'call', 'period', 'volume'] as const;
export const CHECK_ITEMS = ['CR-1', 'CR-2', 'CR-3', 'CR-4', 'CR-5', 'CR-6', 'CR-7', 'CR-8', 'CR-9'] as const;
export const CHECK_RESULTS = ['pass', 'fail', 'n_a'] as const;
export type ProductForm = (typeof PRODUCT_FORMS)[number];
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];
export type CheckCode = (typeof CHECK_ITEMS)[number];
export type CheckResult = (typeof CHECK_RESULTS)[number];

export const IdParam = z.object({ id: z.uuid() });

/** The signed statement on source, rights, quality and use (004:L1291–1295). */
export const Declaration = z.object({
  source: z.string().min(1).max(2000),
  rights: z.string().min(1).max(2000),
  quality: z.string().min(1).max(2000),
  use: z.string().min(1).max(2000),
  signedBy: z.string().min(1).max(100),
  signedAt: z.string().max(40),
});
export type Declaration = z.infer<typeof Declaration>;

export const CreateProductInput = z.object({
  name: z.string().min(1).max(200),
  form: z.enum(PRODUCT_FORMS),
  grantIds: z.array(z.uuid()).min(1).max(20),
  /** Field codes or Chinese field names; PM-02 checks them against the grants. */
  fieldsUsed: z.array(z.string().min(1).max(100)).min(1).max(500),
  personalInfo: z.string().min(1).max(30),
  deliveryModes: z.array(z.enum(DELIVERY_MODES)).min(1),
  declaration: Declaration.nullable().default(null),
  categoryTags: z.array(z.string().min(1).max(60)).max(30).default([]),
  labId: z.uuid().nullable().default(null),
  /** LAB-31: the free research Order (freeBasis lab_research) whose outputs this product was derived from. */
  derivedFromOrderId: z.uuid().nullable().default(null),
  description: z.string().max(4000).nullable().default(null),
  /** A data service/API product's sandbox data service (the gateway answers its buyers' keys through it, PM-02). */
  serviceId: z.uuid().nullable().default(null),
});
export type CreateProductInput = z.infer<typeof CreateProductInput>;

/** One checklist line; evaluators and authority reviewers record CR-4…CR-6 (the others are computed). */
export const CheckItem = z.object({
  code: z.enum(CHECK_ITEMS),
  result: z.enum(CHECK_RESULTS),
  evidenceFileIds: z.array(z.string()),
  checkedBy: z.string().nullable(),
  checkedAt: z.string().nullable(),
  automatic: z.boolean(),
  note: z.string().nullable(),
  minK: z.number().int().nullable(),
});
export type CheckItem = z.infer<typeof CheckItem>;

export const CheckItemsInput = z.object({
  items: z
    .array(
      z.object({
        code: z.enum(['CR-4', 'CR-5', 'CR-6']),
        result: z.enum(CHECK_RESULTS),
        evidenceFileIds: z.array(z.string().max(100)).max(20).default([]),
        note: z.string().max(2000).nullable().default(null),
        minK: z.number().int().min(0).nullable().default(null),
      }),
    )
    .min(1)
    .max(3),
  evaluatorReportId: z.string().max(100).nullable().optional(),
});
export const ReviewDecisionInput = z.object({
  decision: z.enum(['passed', 'failed', 'returned']),
  reason: z.string().max(2000).nullable().default(null),
});

export const RegistrationInput = z.object({
  productId: z.uuid(),
  registryLevel: z.enum(['national', 'local']).default('local'),
  type: z.enum(['first', 'change', 'cancellation', 'revocation']).default('first'),
});
export const RegistryActionParam = z.object({
  id: z.uuid(),
  action: z.enum(['accept', 'pass_first_review', 'post_publicity', 'complete', 'reject', 'not_accept']),
});
export const ReasonInput = z.object({ reason: z.string().max(2000).nullable().default(null) });

export const ListingInput = z.object({
  productId: z.uuid(),
  venue: z.enum(['platform', 'exchange']),
  exchangeOrgId: z.uuid().nullable().default(null),
  /** The exchange's own listing number when filing a listing made there. */
  exchangeListingRef: z.string().max(100).nullable().default(null),
});

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const FeeCapInput = z.object({
  operationAgreementId: z.uuid(),
  operatorOrgId: z.uuid(),
  productId: z.uuid().nullable().default(null),
  productClass: z.enum(PRODUCT_FORMS).nullable().default(null),
  chargingUnit: z.enum(CHARGING_UNITS),
  unitDefinition: z.string().min(1).max(100),
  capFen: z.number().int().min(0),
  taxInclusive: z.boolean(),
  basis: z.object({ resources: z.string().max(2000), labour: z.string().max(2000), salesScale: z.string().max(2000) }),
  isTrial: z.boolean(),
  revenueCycleId: z.uuid().nullable().default(null),
  writtenReportRef: z.string().max(200).nullable().default(null),
  effectiveFrom: day,
  effectiveTo: day,
});
export type FeeCapInput = z.infer<typeof FeeCapInput>;

export const Discount = z.object({
  name: z.string().max(100),
  pct: z.number().min(0).max(100),
  eligibility: z.string(),
});
export const PriceFilingInput = z.object({
  productId: z.uuid(),
  feeCapId: z.uuid().nullable().default(null),
  chargingUnit: z.enum(CHARGING_UNITS),
  unitDefinition: z.string().min(1).max(100),
  priceFen: z.number().int().min(0),
  pricingBasis: z.string().max(2000).default(''),
  scenario: z.string().max(500).default(''),
  scopeOfUse: z.string().max(2000).default(''),
  method: z.string().max(2000).default(''),
  pricingMethod: z.enum(['negotiated', 'calculator', 'appraisal_recommendation']),
  discounts: z.array(Discount).max(10).default([]),
  effectiveFrom: day,
});
export type PriceFilingInput = z.infer<typeof PriceFilingInput>;

export const RevenueCycleInput = z.object({
  operationAgreementId: z.uuid(),
  operatorOrgId: z.uuid(),
  cycleNo: z.number().int().min(1),
  start: day,
  end: day,
  mprFen: z.number().int().min(0),
  approvalDocNo: z.string().min(1).max(100),
});
export const CloseCycleInput = z.object({ actualIndustryRevenueFen: z.number().int().min(0) });

export const ProductListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
  state: z.string().max(30).optional(),
});
export const PublicProductsQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
  form: z.enum(PRODUCT_FORMS).optional(),
  category: z.enum(PRODUCT_CATEGORIES).optional(),
  q: z.string().max(100).optional(),
});

// ---- Views (every route answers one of these; timestamps are ISO strings).

export const ProductView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  form: z.string(),
  category: z.string(),
  state: z.string(),
  version: z.number().int(),
  productVersion: z.string(),
  scenarioApplicationId: z.string().nullable(),
  grantIds: z.array(z.string()),
  fieldsUsed: z.array(z.string()),
  categoryTags: z.array(z.string()),
  producerOrgId: z.string(),
  operatorOrgId: z.string(),
  ipOwnerOrgId: z.string().nullable(),
  labId: z.string().nullable(),
  derivedFromOrderId: z.string().nullable(),
  builtFromFreeData: z.boolean(),
  personalInfo: z.string(),
  maxGrade: z.string(),
  deliveryModes: z.array(z.string()),
  validTo: z.string().nullable(),
  registrationCode: z.string().nullable(),
  description: z.string().nullable(),
  serviceId: z.string().nullable(),
  createdAt: z.string(),
});
export type ProductView = z.infer<typeof ProductView>;

export const ReviewView = z.object({
  id: z.string(),
  productId: z.string(),
  productVersion: z.string(),
  state: z.string(),
  version: z.number().int(),
  items: z.array(CheckItem),
  evaluatorReportId: z.string().nullable(),
  decision: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
  validUntil: z.string().nullable(),
});
export type ReviewView = z.infer<typeof ReviewView>;

export const ProductDetailView = ProductView.extend({
  reviews: z.array(ReviewView),
});

export const RegistrationView = z.object({
  id: z.string(),
  productId: z.string(),
  state: z.string(),
  version: z.number().int(),
  type: z.string(),
  procedure: z.string(),
  registryLevel: z.string(),
  registrationCode: z.string().nullable(),
  registrantOrgId: z.string(),
  registryOrgId: z.string().nullable(),
  publicityStart: z.string().nullable(),
  publicityEnd: z.string().nullable(),
  clocks: z.record(z.string(), z.string()),
  objectionIds: z.array(z.string()),
  createdAt: z.string(),
});

export const ListingView = z.object({
  id: z.string(),
  productId: z.string(),
  state: z.string(),
  version: z.number().int(),
  venue: z.string(),
  exchangeOrgId: z.string().nullable(),
  exchangeListingRef: z.string().nullable(),
  registrationId: z.string().nullable(),
  restrictedEntries: z.array(z.string()),
  delistReason: z.string().nullable(),
  createdAt: z.string(),
});

export const FeeCapView = z.object({
  id: z.string(),
  state: z.string(),
  version: z.number().int(),
  authorityOrgId: z.string(),
  operationAgreementId: z.string(),
  operatorOrgId: z.string(),
  productId: z.string().nullable(),
  productClass: z.string().nullable(),
  chargingUnit: z.string(),
  unitDefinition: z.string(),
  capFen: z.number().int(),
  taxInclusive: z.boolean(),
  isTrial: z.boolean(),
  revenueCycleId: z.string().nullable(),
  writtenReportRef: z.string().nullable(),
  effectiveFrom: z.string(),
  effectiveTo: z.string(),
});

export const PriceFilingView = z.object({
  id: z.string(),
  filingNo: z.string(),
  state: z.string(),
  version: z.number().int(),
  productId: z.string(),
  feeCapId: z.string().nullable(),
  chargingUnit: z.string(),
  unitDefinition: z.string(),
  priceFen: z.number().int(),
  pricingBasis: z.string(),
  scenario: z.string(),
  scopeOfUse: z.string(),
  method: z.string(),
  pricingMethod: z.string(),
  discounts: z.array(Discount),
  filedAt: z.string().nullable(),
  effectiveFrom: z.string(),
  returnReason: z.string().nullable(),
});

export const RevenueCycleView = z.object({
  id: z.string(),
  state: z.string(),
  version: z.number().int(),
  operationAgreementId: z.string(),
  cycleNo: z.number().int(),
  start: z.string(),
  end: z.string(),
  mprFen: z.number().int(),
  approvalDocNo: z.string(),
  deductionFromPriorFen: z.number().int(),
  actualIndustryRevenueFen: z.number().int().nullable(),
  excessFen: z.number().int().nullable(),
});

/** Fixed public shape (issue 15): `GET /api/v1/public/products`, live listings only. */
export const PublicPriceLine = z.object({ unit: z.string(), priceFen: z.number().int(), capFen: z.number().int() });
export const PublicProductView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  operator: z.string(),
  form: z.string(),
  category: z.string(),
  prices: z.array(PublicPriceLine),
});
export type PublicProductView = z.infer<typeof PublicProductView>;

/**
 * One live product for a buyer (issue 15, products-market.md "product page with price and cap"): the catalogue
 * item plus its terms of use and its sample schema — the used fields by Chinese name and value type, never
 * values, masking rules, personal-data flags or internal codes.
 */
export const PublicSchemaField = z.object({
  name: z.string(),
  /** A catalog value type (string, integer, decimal, date, …); `other` when the grant did not record one. */
  valueType: z.string(),
  description: z.string().optional(),
});
export const PublicProductTerms = z.object({
  /** The permitted use and its limits, in Chinese (by the product's category: free public governance/welfare use or priced industry use). */
  scope: z.string(),
  deliveryModes: z.array(z.string()),
  /** Last day of use (bounded by the Grant's term); null when agreed in the contract. */
  validTo: z.string().nullable(),
  registrationCode: z.string().nullable(),
  /** `none` or `anonymised` (PM-03): whether the product was built from anonymised personal information. */
  personalInfo: z.string(),
});
export const PublicProductDetailView = PublicProductView.extend({
  terms: PublicProductTerms,
  sampleSchema: z.array(PublicSchemaField),
});
export type PublicProductDetailView = z.infer<typeof PublicProductDetailView>;

/** Fixed public shape (issue 15): `GET /api/v1/public/prices` (收费公示, PM-18). */
export const PublicPriceView = z.object({
  productId: z.string(),
  unit: z.string(),
  priceFen: z.number().int(),
  capFen: z.number().int(),
  filingNo: z.string(),
});
export const PublicPricesView = z.object({ items: z.array(PublicPriceView) });

export const ReviewsView = z.object({ items: z.array(ReviewView) });
export const ListingsView = z.object({ items: z.array(ListingView) });
export const FeeCapsView = z.object({ items: z.array(FeeCapView) });
export const PriceFilingsView = z.object({ items: z.array(PriceFilingView) });
export const RevenueCyclesView = z.object({ items: z.array(RevenueCycleView) });
/** A transition's answer with the object it produced (TransitionView's fields plus the object). */
const Moved = z.object({ id: z.string(), state: z.string(), version: z.number().int() });
export const ProductMovedView = Moved.extend({ review: ReviewView });
export const FeeCapMovedView = Moved.extend({ feeCap: FeeCapView });
export const FilingMovedView = Moved.extend({ filing: PriceFilingView });
export const CycleMovedView = Moved.extend({ cycle: RevenueCycleView });

export const DisclosureInput = z.object({ year: z.number().int().min(2020).max(2100) });
export const CorrectionInput = z.object({ reason: z.string().min(2).max(2000) });
export const DisclosureParams = z.object({ orgId: z.uuid(), year: z.coerce.number().int().min(2020).max(2100) });
export const DisclosureView = z.object({
  id: z.string(),
  state: z.string(),
  version: z.number().int(),
  subjectOrgId: z.string(),
  role: z.string(),
  year: z.number().int(),
  reportVersion: z.number().int(),
  sections: z.record(z.string(), z.unknown()),
  dueAt: z.string(),
  publishedAt: z.string().nullable(),
  correctionOf: z.string().nullable(),
  correctionReason: z.string().nullable(),
  createdAt: z.string(),
});
export type DisclosureView = z.infer<typeof DisclosureView>;
export const DisclosuresView = z.object({ items: z.array(DisclosureView) });
/** The public page of one org's disclosure for a year: every published version, or 未按期披露 when overdue. */
export const PublicDisclosureView = z.object({
  orgId: z.string(),
  year: z.number().int(),
  status: z.enum(['published', 'pending', 'overdue']),
  statusZh: z.string(),
  dueAt: z.string(),
  versions: z.array(DisclosureView),
});
