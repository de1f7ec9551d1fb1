import { definePermissions } from '../../kernel/workflow/authorize.js';
import { defineLifecycle, NEW } from '../../kernel/workflow/lifecycle.js';
import {
  CAT_02,
  CAT_05,
  CLS_01,
  CLS_02,
  CLS_03,
  CLS_04,
  CLS_05,
  CLS_07,
  DET_05,
  DET_05_REVIEW,
  OPN_01,
  OPN_01_REQUEST,
  REASON_REQUIRED,
  REG_01,
  REG_05,
  REG_06,
  REG_07,
  SHR_01,
  SHR_02,
  SHR_04,
} from './rules.js';
import { CAT_04, CAT_07, CLS_04_NO_LOWERING, CLS_06, OPN_02 } from './rules/publish.js';
import { REG_08_RETENTION_CLASS } from './rules.js';
import { OBJ_01_DELETE, OPN_04, OPN_04_DELIVER, REQUEST_EXTENSION, SHR_02_APPROVER } from './rules/requests.js';

const READERS = [
  'org_admin',
  'reviewer',
  'member',
  'auditor',
  'security_officer',
  'catalog_manager',
  'developer',
  'signatory',
  'compliance_officer',
];

// catalog.md "Actors and what each may do" as permission data (role × actor type × relationship).
definePermissions({
  'resource.read': { kind: 'read', roles: READERS, actors: ['any'], relationships: ['source_unit_of', 'ancestor_of'] },
  'resource.edit': {
    kind: 'write',
    roles: ['catalog_manager', 'org_admin'],
    actors: ['source_unit'],
    relationships: ['source_unit_of'],
  },
  'resource.classify': {
    kind: 'write',
    roles: ['security_officer'],
    actors: ['source_unit', 'lab_initiator'],
    relationships: ['source_unit_of'],
  },
  // CAT-07: the parent jurisdiction's authority may be the reviewer (per profile); the CAT-07 rule decides which level.
  'resource.publish': {
    kind: 'approve',
    roles: ['reviewer'],
    actors: ['authority'],
    relationships: ['authority_of', 'ancestor_of'],
  },
  'resource.provider_consent': {
    kind: 'approve',
    roles: ['reviewer', 'org_admin'],
    actors: ['any'],
    relationships: ['party_to'],
  },
  'change.security_approve': {
    kind: 'approve',
    roles: ['security_officer'],
    actors: ['authority'],
    relationships: ['authority_of'],
  },
  'resource.suspend': {
    kind: 'write',
    roles: ['reviewer', 'catalog_manager'],
    actors: ['source_unit', 'authority'],
    relationships: ['source_unit_of', 'authority_of'],
  },
  'snapshot.upload': {
    kind: 'write',
    roles: ['catalog_manager', 'system'],
    actors: ['source_unit', 'system'],
    relationships: ['source_unit_of'],
  },
  'detection.create': {
    kind: 'write',
    roles: ['catalog_manager', 'system'],
    actors: ['source_unit', 'system'],
    relationships: ['source_unit_of'],
  },
  'detection.review': {
    kind: 'write',
    roles: ['security_officer'],
    actors: ['source_unit', 'lab_initiator'],
    relationships: ['source_unit_of'],
  },
  'classification.decide': {
    kind: 'write',
    roles: ['security_officer', 'system'],
    actors: ['source_unit', 'lab_initiator', 'system'],
    relationships: ['source_unit_of'],
  },
  'registration.edit': {
    kind: 'write',
    roles: ['catalog_manager', 'signatory'],
    actors: ['source_unit'],
    relationships: ['source_unit_of'],
  },
  'registration.submit': {
    kind: 'write',
    roles: ['signatory'],
    actors: ['source_unit'],
    relationships: ['source_unit_of'],
  },
  'registration.withdraw': {
    kind: 'write',
    roles: ['signatory', 'system'],
    actors: ['source_unit', 'system'],
    relationships: ['source_unit_of'],
  },
  'registration.review': { kind: 'approve', roles: ['reviewer'], actors: ['registry'], relationships: ['registry_of'] },
  'registration.system': {
    kind: 'write',
    roles: ['system', 'reviewer'],
    actors: ['system', 'registry'],
    relationships: ['registry_of'],
  },
  'objection.file': { kind: 'write', roles: READERS, actors: ['public', 'any'], relationships: ['any'] },
  'objection.system': { kind: 'write', roles: ['system'], actors: ['system'], relationships: ['any'] },
  'objection.handle': {
    kind: 'write',
    roles: ['reviewer', 'security_officer'],
    actors: ['registry', 'source_unit'],
    relationships: ['registry_of', 'source_unit_of'],
  },
  'request.file': {
    kind: 'write',
    roles: ['catalog_manager', 'org_admin', 'reviewer'],
    actors: ['any'],
    relationships: ['any'],
  },
  'request.system': { kind: 'write', roles: ['system'], actors: ['system'], relationships: ['any'] },
  'request.decide': {
    kind: 'approve',
    roles: ['reviewer'],
    actors: ['source_unit', 'authority'],
    relationships: ['source_unit_of', 'authority_of'],
  },
  'request.extend': { kind: 'approve', roles: ['reviewer'], actors: ['authority'], relationships: ['authority_of'] },
  'request.sign': {
    kind: 'write',
    roles: ['org_admin', 'signatory', 'reviewer', 'catalog_manager'],
    actors: ['any'],
    relationships: ['party_to'],
  },
  'request.deliver': {
    kind: 'write',
    roles: ['reviewer', 'catalog_manager', 'system'],
    actors: ['source_unit', 'system'],
    relationships: ['source_unit_of'],
  },
  'change.propose': {
    kind: 'write',
    roles: ['catalog_manager', 'reviewer'],
    actors: ['authority', 'operator', 'source_unit'],
    relationships: ['any'],
  },
  'change.consent': {
    kind: 'approve',
    roles: ['reviewer'],
    actors: ['source_unit'],
    relationships: ['source_unit_of'],
  },
  'change.apply': { kind: 'approve', roles: ['reviewer'], actors: ['authority'], relationships: ['authority_of'] },
});

/** DataResource (catalog.md Lifecycles). Field edits happen in draft through `update`. */
export const resourceLifecycle = defineLifecycle({
  objectType: 'DataResource',
  table: 'data_resource',
  states: ['draft', 'classified', 'published', 'suspended', 'retired'],
  transitions: {
    create: {
      from: [NEW],
      to: 'draft',
      permission: 'resource.edit',
      rules: [SHR_01, CAT_05],
      eventType: 'resource.create',
    },
    update: {
      from: ['draft'],
      to: 'draft',
      permission: 'resource.edit',
      rules: [SHR_01, CAT_05, OPN_02],
      eventType: 'resource.update',
    },
    // CAT-04: the providing unit in another jurisdiction consents before publication.
    provider_consent: {
      from: ['classified'],
      to: 'classified',
      permission: 'resource.provider_consent',
      eventType: 'resource.provider_consent',
    },
    classify: {
      from: ['draft'],
      to: 'classified',
      permission: 'resource.classify',
      rules: [DET_05, CLS_01, CLS_03, CLS_02, CLS_04, OPN_01, CLS_07],
      eventType: 'resource.classify',
    },
    reopen: { from: ['classified'], to: 'draft', permission: 'resource.edit', eventType: 'resource.reopen' },
    // CAT-02 review (issue 14): the authority reviewer returns a classified resource to its source unit with a reason instead of publishing.
    return: {
      from: ['classified'],
      to: 'draft',
      permission: 'resource.publish',
      rules: [REASON_REQUIRED],
      eventType: 'resource.return',
    },
    publish: {
      from: ['classified'],
      to: 'published',
      permission: 'resource.publish',
      rules: [CAT_07, CLS_01, CLS_03, CLS_05, OPN_01, CLS_07, CAT_05, CAT_04],
      eventType: 'resource.publish',
    },
    suspend: {
      from: ['published'],
      to: 'suspended',
      permission: 'resource.suspend',
      rules: [REASON_REQUIRED],
      eventType: 'resource.suspend',
    },
    resume: { from: ['suspended'], to: 'published', permission: 'resource.suspend', eventType: 'resource.resume' },
    catalog_change: {
      from: ['published'],
      to: 'published',
      permission: 'change.apply',
      eventType: 'resource.catalog_change',
    },
    // CLS-03/CLS-08: a field of a published (or suspended) resource classified higher or as PI lifts
    // the resource's grade and PI flags; the state stays, the change is an event like any other.
    reclassify: {
      from: ['published'],
      to: 'published',
      permission: 'classification.decide',
      eventType: 'resource.reclassify',
    },
    reclassify_suspended: {
      from: ['suspended'],
      to: 'suspended',
      permission: 'classification.decide',
      eventType: 'resource.reclassify',
    },
    // OBJ-01: a correction after an objection is a new version of the published resource.
    correct: { from: ['published'], to: 'published', permission: 'objection.handle', eventType: 'resource.correct' },
    retire: {
      from: ['published', 'suspended'],
      to: 'retired',
      permission: 'resource.suspend',
      rules: [REASON_REQUIRED],
      eventType: 'resource.retire',
    },
  },
});

/** Classification history: a new confirmed one supersedes the previous (never lost). */
export const classificationLifecycle = defineLifecycle({
  objectType: 'Classification',
  table: 'classification',
  states: ['proposed', 'confirmed', 'superseded'],
  transitions: {
    confirm_field: {
      from: [NEW],
      to: 'confirmed',
      permission: 'classification.decide',
      rules: [CLS_04_NO_LOWERING],
      eventType: 'classification.confirm',
    },
    confirm_resource: {
      from: [NEW],
      to: 'confirmed',
      permission: 'classification.decide',
      rules: [CLS_03, CLS_02, CLS_04],
      eventType: 'classification.confirm',
    },
    supersede: {
      from: ['confirmed', 'proposed'],
      to: 'superseded',
      permission: 'classification.decide',
      eventType: 'classification.supersede',
    },
  },
});

/** DataSnapshot: uploading → stored | failed (catalog.md DataSnapshot.status). */
export const snapshotLifecycle = defineLifecycle({
  objectType: 'DataSnapshot',
  table: 'data_snapshot',
  states: ['uploading', 'stored', 'failed'],
  transitions: {
    begin: { from: [NEW], to: 'uploading', permission: 'snapshot.upload', eventType: 'snapshot.begin' },
    store: { from: ['uploading'], to: 'stored', permission: 'snapshot.upload', eventType: 'snapshot.store' },
    fail: { from: ['uploading'], to: 'failed', permission: 'snapshot.upload', eventType: 'snapshot.fail' },
  },
});

/** Detection: a suggestion a human accepts or rejects (DET-05). */
export const detectionLifecycle = defineLifecycle({
  objectType: 'Detection',
  table: 'detection',
  states: ['pending', 'accepted', 'rejected', 'superseded'],
  transitions: {
    suggest: { from: [NEW], to: 'pending', permission: 'detection.create', eventType: 'detection.suggest' },
    accept: {
      from: ['pending'],
      to: 'accepted',
      permission: 'detection.review',
      rules: [DET_05_REVIEW],
      eventType: 'detection.accept',
    },
    reject: {
      from: ['pending'],
      to: 'rejected',
      permission: 'detection.review',
      rules: [DET_05_REVIEW],
      eventType: 'detection.reject',
    },
    supersede: {
      from: ['pending'],
      to: 'superseded',
      permission: 'detection.create',
      eventType: 'detection.supersede',
    },
  },
});

/**
 * ResourceRegistration (公共数据资源登记), states exactly as catalog.md lists them.
 * REG-08: its records and materials keep the ledger retention class `registration`, kept for
 * `reg.retentionYears` (30; guizhou 20) by ledger.md LED-14/LED-15 before any destruction.
 */
export const registrationLifecycle = defineLifecycle({
  objectType: 'ResourceRegistration',
  table: 'resource_registration',
  retentionClass: REG_08_RETENTION_CLASS,
  states: [
    'draft',
    'submitted',
    'accepted',
    'formal_review',
    'publicity',
    'code_assigned',
    'registered',
    'superseded',
    'cancelled',
    'returned',
    'not_accepted',
    'rejected',
    'objection_hold',
    'terminated',
    'withdrawn',
  ],
  transitions: {
    create: {
      from: [NEW],
      to: 'draft',
      permission: 'registration.edit',
      rules: [REG_01],
      eventType: 'registration.create',
    },
    submit: {
      from: ['draft'],
      to: 'submitted',
      permission: 'registration.submit',
      rules: [REG_01, REG_06, REG_07, CLS_01, CAT_02],
      eventType: 'registration.submit',
    },
    accept: {
      from: ['submitted'],
      to: 'accepted',
      permission: 'registration.review',
      eventType: 'registration.accept',
    },
    not_accept: {
      from: ['submitted'],
      to: 'not_accepted',
      permission: 'registration.review',
      rules: [REASON_REQUIRED],
      eventType: 'registration.not_accept',
    },
    return: {
      from: ['submitted'],
      to: 'returned',
      permission: 'registration.review',
      rules: [REASON_REQUIRED],
      eventType: 'registration.return',
    },
    resubmit: {
      from: ['returned'],
      to: 'submitted',
      permission: 'registration.submit',
      rules: [REG_06, REG_07],
      eventType: 'registration.resubmit',
    },
    withdraw: {
      from: ['returned', 'draft'],
      to: 'withdrawn',
      permission: 'registration.withdraw',
      eventType: 'registration.withdraw',
    },
    start_review: {
      from: ['accepted'],
      to: 'formal_review',
      permission: 'registration.review',
      eventType: 'registration.start_review',
    },
    post_publicity: {
      from: ['formal_review'],
      to: 'publicity',
      permission: 'registration.review',
      eventType: 'registration.publicity',
    },
    reject: {
      from: ['formal_review'],
      to: 'rejected',
      permission: 'registration.review',
      rules: [REASON_REQUIRED],
      eventType: 'registration.reject',
    },
    hold: {
      from: ['publicity'],
      to: 'objection_hold',
      permission: 'registration.system',
      eventType: 'registration.hold',
    },
    resume: {
      from: ['objection_hold'],
      to: 'publicity',
      permission: 'registration.review',
      eventType: 'registration.resume',
    },
    terminate: {
      from: ['objection_hold'],
      to: 'terminated',
      permission: 'registration.review',
      rules: [REASON_REQUIRED],
      eventType: 'registration.terminate',
    },
    assign_code: {
      from: ['publicity'],
      to: 'code_assigned',
      permission: 'registration.system',
      rules: [REG_05],
      eventType: 'registration.assign_code',
    },
    complete: {
      from: ['code_assigned'],
      to: 'registered',
      permission: 'registration.system',
      eventType: 'registration.registered',
    },
    supersede: {
      from: ['registered'],
      to: 'superseded',
      permission: 'registration.system',
      eventType: 'registration.supersede',
    },
    cancel: {
      from: ['registered'],
      to: 'cancelled',
      permission: 'registration.system',
      eventType: 'registration.cancel',
    },
  },
});

/** Objection (异议) about catalog data or a registration in publicity. */
export const objectionLifecycle = defineLifecycle({
  objectType: 'Objection',
  table: 'catalog_objection',
  states: [
    'received',
    'verifying',
    'corrected',
    'explained',
    'data_withdrawn',
    'deleted',
    'closed',
    'rejected_invalid',
  ],
  transitions: {
    file: { from: [NEW], to: 'received', permission: 'objection.file', eventType: 'objection.file' },
    verify: { from: ['received'], to: 'verifying', permission: 'objection.handle', eventType: 'objection.verify' },
    explain: {
      from: ['verifying'],
      to: 'explained',
      permission: 'objection.handle',
      rules: [REASON_REQUIRED],
      eventType: 'objection.explain',
    },
    correct: {
      from: ['verifying'],
      to: 'corrected',
      permission: 'objection.handle',
      rules: [REASON_REQUIRED],
      eventType: 'objection.correct',
    },
    close: {
      from: ['received', 'verifying'],
      to: 'closed',
      permission: 'objection.handle',
      eventType: 'objection.close',
    },
    // OPN-05: a rights objection is verifying in the transaction that receives it.
    verify_on_receipt: {
      from: ['received'],
      to: 'verifying',
      permission: 'objection.system',
      eventType: 'objection.verify',
    },
    // OPN-05: the unit's suspend button hides the objection's fields from the open catalog (and can reopen them).
    suspend_fields: {
      from: ['verifying'],
      to: 'verifying',
      permission: 'objection.handle',
      eventType: 'objection.suspend_fields',
    },
    reopen_fields: {
      from: ['verifying'],
      to: 'verifying',
      permission: 'objection.handle',
      eventType: 'objection.reopen_fields',
    },
    withdraw_data: {
      from: ['verifying'],
      to: 'data_withdrawn',
      permission: 'objection.handle',
      rules: [REASON_REQUIRED],
      eventType: 'objection.withdraw_data',
    },
    delete: {
      from: ['verifying'],
      to: 'deleted',
      permission: 'objection.handle',
      rules: [REASON_REQUIRED, OBJ_01_DELETE],
      eventType: 'objection.delete',
    },
    reject_invalid: {
      from: ['received', 'verifying'],
      to: 'rejected_invalid',
      permission: 'objection.handle',
      rules: [REASON_REQUIRED],
      eventType: 'objection.reject_invalid',
    },
  },
});

/** ShareRequest / OpenRequest (one table, `kind`). */
export const dataRequestLifecycle = defineLifecycle({
  objectType: 'DataRequest',
  table: 'data_request',
  states: [
    'submitted',
    'under_review',
    'extended',
    'provider_consulted',
    'approved',
    'agreement_signed',
    'delivered',
    'refused',
    'escalated',
    'withdrawn',
  ],
  transitions: {
    submit: {
      from: [NEW],
      to: 'submitted',
      permission: 'request.file',
      rules: [SHR_02, OPN_01_REQUEST],
      eventType: 'request.submit',
    },
    start_review: {
      from: ['submitted'],
      to: 'under_review',
      permission: 'request.system',
      eventType: 'request.start_review',
    },
    approve_at_once: {
      from: ['submitted'],
      to: 'approved',
      permission: 'request.system',
      eventType: 'request.approve',
    },
    approve: {
      from: ['under_review', 'extended', 'provider_consulted', 'escalated'],
      to: 'approved',
      permission: 'request.decide',
      rules: [SHR_02_APPROVER, OPN_01_REQUEST],
      eventType: 'request.approve',
    },
    refuse: {
      from: ['under_review', 'extended', 'provider_consulted', 'escalated'],
      to: 'refused',
      permission: 'request.decide',
      rules: [SHR_02_APPROVER, SHR_04],
      eventType: 'request.refuse',
    },
    extend: {
      from: ['under_review'],
      to: 'extended',
      permission: 'request.extend',
      rules: [REQUEST_EXTENSION],
      eventType: 'request.extend',
    },
    consult_provider: {
      from: ['under_review', 'extended'],
      to: 'provider_consulted',
      permission: 'request.extend',
      rules: [REQUEST_EXTENSION],
      eventType: 'request.consult_provider',
    },
    sign_agreement: {
      from: ['approved'],
      to: 'agreement_signed',
      permission: 'request.sign',
      rules: [OPN_04],
      eventType: 'request.sign_agreement',
    },
    deliver: {
      from: ['approved', 'agreement_signed'],
      to: 'delivered',
      permission: 'request.deliver',
      rules: [OPN_04_DELIVER],
      eventType: 'request.deliver',
    },
    escalate: {
      from: ['refused'],
      to: 'escalated',
      permission: 'request.file',
      rules: [REASON_REQUIRED],
      eventType: 'request.escalate',
    },
  },
});

/** ChangeRequest (CAT-03): consent before an authorized-operation entry changes. */
export const changeRequestLifecycle = defineLifecycle({
  objectType: 'ChangeRequest',
  table: 'change_request',
  states: ['pending_consent', 'consented', 'applied', 'refused', 'cancelled'],
  transitions: {
    propose: {
      from: [NEW],
      to: 'pending_consent',
      permission: 'change.propose',
      rules: [CLS_05],
      eventType: 'change.propose',
    },
    propose_own: {
      from: [NEW],
      to: 'consented',
      permission: 'change.propose',
      rules: [CLS_05],
      eventType: 'change.propose',
    },
    consent: { from: ['pending_consent'], to: 'consented', permission: 'change.consent', eventType: 'change.consent' },
    refuse: {
      from: ['pending_consent'],
      to: 'refused',
      permission: 'change.consent',
      rules: [REASON_REQUIRED],
      eventType: 'change.refuse',
    },
    apply: {
      from: ['consented'],
      to: 'applied',
      permission: 'change.apply',
      rules: [CAT_02, CLS_01, CLS_05, CLS_06],
      eventType: 'change.apply',
    },
    // CLS-06: the authority security officer's approval of important data, besides the reviewer's.
    security_approve: {
      from: ['consented'],
      to: 'consented',
      permission: 'change.security_approve',
      eventType: 'change.security_approve',
    },
  },
});
