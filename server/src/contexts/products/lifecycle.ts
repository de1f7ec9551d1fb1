import { definePermissions } from '../../kernel/workflow/authorize.js';
import { defineLifecycle, NEW } from '../../kernel/workflow/lifecycle.js';
import { PM_01, PM_02, PM_04, PM_11 } from './rules/product.js';
import { PM_05, PM_06 } from './rules/review.js';
import { PM_07_REGISTRABLE, PM_08, PM_35, PUBLICITY_CLEARED } from './rules/registration.js';
import { PM_07, PM_09, PM_10, PM_12 } from './rules/listing.js';
import { LAB_31 } from './rules/lab-research.js';
import { PM_30 } from './rules/disclosure.js';
import { PM_13, PM_14_CAP, PM_14_FILING, PM_15, PM_16, PM_17_DISCOUNTS } from './rules/pricing.js';
import {
  PM_01_ORDER,
  PM_07_ORDER,
  PM_17_ORDER,
  PM_20_ORDER,
  PM_21,
  PM_22,
  PM_23,
  PM_32,
  PM_33,
} from './rules/orders.js';
import { PM_13_BILL, PM_25, PM_26 } from './rules/settlement.js';

const PRODUCERS = ['operator', 'collaborator', 'lab_partner'];
// products-market.md "Actors": producers make and price products; the authority reviews, caps and decides;
// the registry registers; evaluators check CR lines. Reads follow ownership, parties and jurisdiction.
definePermissions({
  'product.read': {
    kind: 'read',
    roles: ['org_admin', 'developer', 'member', 'reviewer', 'auditor'],
    actors: ['any'],
    relationships: ['owner', 'party_to', 'ancestor_of'],
  },
  'product.system': { kind: 'write', roles: ['system'], actors: ['system'], relationships: ['any'] },
  // PM-29: the operator's own annual operating report (Word), generated from its platform records.
  'operating_report.export': {
    kind: 'read',
    roles: ['org_admin', 'signatory', 'reviewer', 'auditor'],
    actors: ['operator'],
    relationships: ['owner'],
  },
  'product.edit': {
    kind: 'write',
    roles: ['org_admin', 'developer'],
    actors: PRODUCERS,
    relationships: ['owner'],
    operating: true,
  },
  'product.submit': {
    kind: 'write',
    roles: ['org_admin', 'signatory'],
    actors: PRODUCERS,
    relationships: ['owner'],
    operating: true,
  },
  'product.decide': { kind: 'approve', roles: ['reviewer'], actors: ['authority'], relationships: ['authority_of'] },
  // Evaluators check lines of any product they are engaged for; PM-06 refuses one from the producing org.
  'review.check': {
    kind: 'approve',
    roles: ['reviewer', 'org_admin'],
    actors: ['authority', 'evaluator'],
    relationships: ['authority_of', 'any'],
  },
  'product_registration.submit': {
    kind: 'write',
    roles: ['org_admin', 'signatory'],
    actors: PRODUCERS,
    relationships: ['owner'],
    operating: true,
  },
  'product_registration.review': {
    kind: 'approve',
    roles: ['reviewer'],
    actors: ['registry'],
    relationships: ['registry_of'],
  },
  'product_registration.system': {
    kind: 'write',
    roles: ['system', 'reviewer'],
    actors: ['system', 'registry'],
    relationships: ['registry_of'],
  },
  'listing.request': {
    kind: 'write',
    roles: ['org_admin', 'signatory'],
    actors: PRODUCERS,
    relationships: ['owner'],
    operating: true,
  },
  'listing.approve': { kind: 'approve', roles: ['reviewer'], actors: ['authority'], relationships: ['authority_of'] },
  'listing.system': {
    kind: 'write',
    roles: ['system', 'org_admin', 'signatory', 'reviewer'],
    actors: ['system', ...PRODUCERS, 'authority'],
    relationships: ['owner', 'authority_of'],
  },
  'fee_cap.set': {
    kind: 'approve',
    roles: ['reviewer', 'org_admin'],
    actors: ['authority'],
    relationships: ['authority_of'],
  },
  'fee_cap.system': { kind: 'write', roles: ['system'], actors: ['system'], relationships: ['any'] },
  'price_filing.file': {
    kind: 'write',
    roles: ['org_admin', 'signatory'],
    actors: ['operator'],
    relationships: ['owner'],
    operating: true,
  },
  'price_filing.decide': {
    kind: 'approve',
    roles: ['reviewer'],
    actors: ['authority'],
    relationships: ['authority_of'],
  },
  'price_filing.system': { kind: 'write', roles: ['system'], actors: ['system'], relationships: ['any'] },
  'disclosure.edit': {
    kind: 'write',
    roles: ['org_admin', 'signatory', 'developer', 'reviewer'],
    actors: ['operator', 'authority'],
    relationships: ['owner'],
  },
  // Another member of the disclosing org reviews the generated draft (IAM-13: not its author).
  'disclosure.review': {
    kind: 'write',
    roles: ['org_admin', 'signatory'],
    actors: ['operator', 'authority'],
    relationships: ['owner'],
    selfForbidden: true,
  },
  'disclosure.system': { kind: 'write', roles: ['system'], actors: ['system'], relationships: ['any'] },
});

export const productLifecycle = defineLifecycle({
  objectType: 'DataProduct',
  table: 'data_product',
  retentionClass: 'business',
  states: ['draft', 'in_review', 'rejected', 'approved', 'registered', 'active', 'suspended', 'retired'],
  transitions: {
    create: { from: [NEW], to: 'draft', permission: 'product.edit', rules: [PM_01, PM_02, PM_04, PM_11] },
    // The demo and sandbox seeds import ready products; a system creation keeps its rules.
    create_system: { from: [NEW], to: 'draft', permission: 'product.system', eventType: 'DataProduct.create' },
    submit: {
      from: ['draft'],
      to: 'in_review',
      permission: 'product.submit',
      rules: [PM_01, PM_02, PM_04, PM_11],
    },
    approve: { from: ['in_review'], to: 'approved', permission: 'product.decide', rules: [PM_05, PM_06] },
    reject: { from: ['in_review'], to: 'rejected', permission: 'product.decide', rules: [PM_06] },
    return: { from: ['in_review'], to: 'draft', permission: 'product.decide', rules: [PM_06] },
    register: { from: ['approved'], to: 'registered', permission: 'product_registration.system' },
    go_live: { from: ['registered'], to: 'active', permission: 'listing.system' },
    suspend: { from: ['active'], to: 'suspended', permission: 'product.system' },
    resume: { from: ['suspended'], to: 'active', permission: 'product.system' },
    // A product never registered retires freely; a registered one needs its cancellation registration (PM-35).
    retire: { from: ['draft', 'rejected', 'approved'], to: 'retired', permission: 'product.system' },
    retire_registered: {
      from: ['registered', 'active', 'suspended'],
      to: 'retired',
      permission: 'product_registration.system',
      rules: [PM_35],
      eventType: 'DataProduct.retire',
    },
  },
});

export const reviewLifecycle = defineLifecycle({
  objectType: 'ComplianceReview',
  table: 'compliance_review',
  retentionClass: 'business',
  states: ['submitted', 'in_check', 'passed', 'failed', 'returned', 'expired'],
  transitions: {
    open: { from: [NEW], to: 'in_check', permission: 'product.submit', eventType: 'review.open' },
    check: {
      from: ['in_check'],
      to: 'in_check',
      permission: 'review.check',
      rules: [PM_06],
      eventType: 'review.check',
    },
    pass: {
      from: ['in_check'],
      to: 'passed',
      permission: 'product.decide',
      rules: [PM_05, PM_06],
      eventType: 'review.decided',
    },
    fail: {
      from: ['in_check'],
      to: 'failed',
      permission: 'product.decide',
      rules: [PM_06],
      eventType: 'review.decided',
    },
    return: {
      from: ['in_check'],
      to: 'returned',
      permission: 'product.decide',
      rules: [PM_06],
      eventType: 'review.decided',
    },
    expire: { from: ['passed'], to: 'expired', permission: 'product.system' },
  },
});

// ProductRegistration: the catalog's registration engine and clocks (catalog.md), plus second_review (PM-08).
export const productRegistrationLifecycle = defineLifecycle({
  objectType: 'ProductRegistration',
  table: 'product_registration',
  retentionClass: 'registration',
  states: [
    'submitted',
    'formal_review',
    'second_review',
    'publicity',
    'registered',
    'not_accepted',
    'rejected',
    'cancelled',
  ],
  transitions: {
    submit: { from: [NEW], to: 'submitted', permission: 'product_registration.submit', rules: [PM_07_REGISTRABLE] },
    accept: { from: ['submitted'], to: 'formal_review', permission: 'product_registration.review' },
    not_accept: { from: ['submitted'], to: 'not_accepted', permission: 'product_registration.review' },
    pass_first_review: { from: ['formal_review'], to: 'second_review', permission: 'product_registration.review' },
    post_publicity: {
      from: ['formal_review', 'second_review'],
      to: 'publicity',
      permission: 'product_registration.review',
      rules: [PM_08],
    },
    reject: { from: ['formal_review', 'second_review'], to: 'rejected', permission: 'product_registration.review' },
    complete: {
      from: ['publicity'],
      to: 'registered',
      permission: 'product_registration.system',
      rules: [PUBLICITY_CLEARED],
      eventType: 'ProductRegistration.registered',
    },
    cancel: { from: ['registered'], to: 'cancelled', permission: 'product_registration.system' },
  },
});

export const listingLifecycle = defineLifecycle({
  objectType: 'Listing',
  table: 'listing',
  retentionClass: 'trading',
  states: ['pending', 'live', 'suspended', 'withdrawn'],
  transitions: {
    request: { from: [NEW], to: 'pending', permission: 'listing.request', rules: [PM_10, LAB_31, PM_07, PM_09, PM_12] },
    go_live: {
      from: ['pending'],
      to: 'live',
      permission: 'listing.system',
      rules: [PM_10, LAB_31, PM_07, PM_09, PM_12],
    },
    approve_restricted: {
      from: ['pending'],
      to: 'live',
      permission: 'listing.approve',
      rules: [PM_10, LAB_31, PM_07, PM_09, PM_12],
    },
    suspend: { from: ['live'], to: 'suspended', permission: 'listing.approve' },
    // Review validity: when the review expires, live listings are suspended (existing contracts continue).
    lapse: { from: ['live'], to: 'suspended', permission: 'listing.system', eventType: 'Listing.review_expired' },
    resume: { from: ['suspended'], to: 'live', permission: 'listing.approve', rules: [PM_09] },
    withdraw: { from: ['pending', 'live', 'suspended'], to: 'withdrawn', permission: 'listing.system' },
  },
});

export const feeCapLifecycle = defineLifecycle({
  objectType: 'FeeCap',
  table: 'fee_cap',
  retentionClass: 'trading',
  states: ['draft', 'reported', 'in_force', 'superseded', 'expired'],
  transitions: {
    create: { from: [NEW], to: 'draft', permission: 'fee_cap.set' },
    report: { from: ['draft'], to: 'reported', permission: 'fee_cap.set', rules: [PM_14_CAP] },
    enforce: { from: ['reported'], to: 'in_force', permission: 'fee_cap.system' },
    supersede: { from: ['in_force'], to: 'superseded', permission: 'fee_cap.set' },
    expire: { from: ['in_force'], to: 'expired', permission: 'fee_cap.system' },
  },
});

const FILING_RULES = [PM_13, PM_14_FILING, PM_15, PM_16, PM_17_DISCOUNTS];
export const priceFilingLifecycle = defineLifecycle({
  objectType: 'PriceFiling',
  table: 'price_filing',
  retentionClass: 'trading',
  states: ['draft', 'filed', 'effective', 'returned', 'superseded', 'withdrawn'],
  transitions: {
    create: { from: [NEW], to: 'draft', permission: 'price_filing.file' },
    file: { from: ['draft'], to: 'filed', permission: 'price_filing.file', rules: FILING_RULES },
    accept: { from: ['filed'], to: 'effective', permission: 'price_filing.decide', rules: FILING_RULES },
    effect: { from: ['filed'], to: 'effective', permission: 'price_filing.system', rules: FILING_RULES },
    return: { from: ['filed'], to: 'returned', permission: 'price_filing.decide' },
    supersede: { from: ['effective'], to: 'superseded', permission: 'price_filing.system' },
    withdraw: { from: ['draft', 'filed', 'effective'], to: 'withdrawn', permission: 'price_filing.file' },
  },
});

export const revenueCycleLifecycle = defineLifecycle({
  objectType: 'RevenueCycle',
  table: 'revenue_cycle',
  retentionClass: 'trading',
  states: ['open', 'closed'],
  transitions: {
    record: { from: [NEW], to: 'open', permission: 'fee_cap.set', eventType: 'RevenueCycle.mpr_approved' },
    close: { from: ['open'], to: 'closed', permission: 'fee_cap.set' },
    carry: { from: ['open'], to: 'open', permission: 'fee_cap.set', eventType: 'RevenueCycle.deduction_carried' },
  },
});

// PM-30 disclosure: draft → reviewed → published; a draft past disclosure.dueDate turns overdue (未按期披露).
export const disclosureLifecycle = defineLifecycle({
  objectType: 'Disclosure',
  table: 'disclosure',
  retentionClass: 'permanent',
  states: ['draft', 'overdue', 'reviewed', 'published'],
  transitions: {
    generate: { from: [NEW], to: 'draft', permission: 'disclosure.edit' },
    review: { from: ['draft', 'overdue'], to: 'reviewed', permission: 'disclosure.review', rules: [PM_30] },
    publish: { from: ['reviewed'], to: 'published', permission: 'disclosure.review', rules: [PM_30] },
    overdue: { from: ['draft'], to: 'overdue', permission: 'disclosure.system' },
  },
});

// Minimal trading records the data-service gateway already uses; part 2 grows them (orders, contracts).
export const orderLifecycle = defineLifecycle({
  objectType: 'Order',
  table: 'product_order',
  retentionClass: 'trading',
  states: [
    'draft',
    'submitted',
    'venue_review',
    'contracted',
    'delivering',
    'completed',
    'rejected',
    'cancelled',
    'disputed',
  ],
  transitions: {
    complete: { from: ['delivering'], to: 'completed', permission: 'product.system' },
    cancel: { from: ['draft', 'submitted', 'venue_review'], to: 'cancelled', permission: 'product.system' },
    // Part 2: the buyer places it at the frozen filed price; the operator's contract and delivery move it on.
    place: {
      from: [NEW],
      to: 'submitted',
      permission: 'order.place',
      rules: [PM_07_ORDER, PM_01_ORDER, PM_17_ORDER, PM_20_ORDER, PM_33],
    },
    contract: { from: ['submitted', 'venue_review'], to: 'contracted', permission: 'contract.file' },
    deliver: { from: ['contracted'], to: 'delivering', permission: 'contract.file' },
  },
});

export const contractLifecycle = defineLifecycle({
  objectType: 'Contract',
  table: 'contract',
  retentionClass: 'trading',
  states: ['draft', 'active', 'suspended', 'ended', 'terminated'],
  transitions: {
    suspend: { from: ['active'], to: 'suspended', permission: 'product.system' },
    resume: { from: ['suspended'], to: 'active', permission: 'product.system' },
    end: { from: ['active', 'suspended'], to: 'ended', permission: 'product.system' },
    // PM-21/PM-22: drawn on the platform, then filed (sealed copy, SM3 digest in the ledger payload).
    draw: { from: [NEW], to: 'draft', permission: 'contract.file', rules: [PM_21, PM_32] },
    file: { from: ['draft'], to: 'active', permission: 'contract.file', eventType: 'Contract.filed' },
  },
});

// Part 2 (PM-22…PM-27): Delivery, RevenueShare and Settlement.
definePermissions({
  'order.place': {
    kind: 'write',
    roles: ['org_admin', 'developer', 'signatory'],
    actors: ['any'],
    relationships: ['any'],
  },
  'contract.file': {
    kind: 'write',
    roles: ['org_admin', 'signatory'],
    actors: ['operator', 'collaborator', 'lab_partner', 'system'],
    relationships: ['owner'],
    operating: true,
  },
  // PM-24 "POST from meters only": the contract's operator (its meter integration) or a platform meter acting as
  // system (gateway, sandbox, egress). A buyer may read its contract but never meters its own use.
  'usage.meter': {
    kind: 'write',
    roles: ['org_admin', 'developer', 'signatory', 'system'],
    actors: ['operator', 'collaborator', 'lab_partner', 'system'],
    relationships: ['owner'],
  },
  'settlement.run': {
    kind: 'write',
    roles: ['org_admin', 'signatory', 'system'],
    actors: ['operator', 'collaborator', 'lab_partner', 'system'],
    relationships: ['owner'],
  },
});

export const deliveryLifecycle = defineLifecycle({
  objectType: 'Delivery',
  table: 'delivery',
  retentionClass: 'trading',
  states: ['provisioned', 'active', 'paused', 'ended', 'revoked'],
  transitions: {
    provision: { from: [NEW], to: 'active', permission: 'contract.file', rules: [PM_22, PM_23] },
    pause: { from: ['active'], to: 'paused', permission: 'contract.file' },
    resume: { from: ['paused'], to: 'active', permission: 'contract.file' },
    end: { from: ['active', 'paused'], to: 'ended', permission: 'contract.file' },
  },
});

export const revenueShareLifecycle = defineLifecycle({
  objectType: 'RevenueShare',
  table: 'revenue_share',
  retentionClass: 'trading',
  states: ['approved', 'superseded'],
  transitions: {
    approve: { from: [NEW], to: 'approved', permission: 'settlement.run', rules: [PM_26] },
    supersede: { from: ['approved'], to: 'superseded', permission: 'settlement.run' },
  },
});

export const settlementLifecycle = defineLifecycle({
  objectType: 'Settlement',
  table: 'settlement',
  retentionClass: 'trading',
  states: ['open', 'billed', 'paid_partial', 'paid', 'distributed', 'closed', 'written_off'],
  transitions: {
    bill: { from: [NEW], to: 'billed', permission: 'settlement.run', rules: [PM_13_BILL] },
    confirm_partial: {
      from: ['billed', 'paid_partial'],
      to: 'paid_partial',
      permission: 'settlement.run',
      rules: [PM_25],
    },
    confirm: { from: ['billed', 'paid_partial'], to: 'paid', permission: 'settlement.run', rules: [PM_25] },
    distribute: { from: ['paid'], to: 'distributed', permission: 'settlement.run' },
  },
});
