import { definePermissions } from '../../kernel/workflow/authorize.js';
import { defineLifecycle, NEW } from '../../kernel/workflow/lifecycle.js';
import * as r from './rules/index.js';

// authorization.md permissions as data (identity.md permission model): role × actor type × relationship.
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
const AUTH_STAFF = ['org_admin', 'reviewer'];
definePermissions({
  'agreement.read': {
    kind: 'read',
    roles: READERS,
    actors: ['any'],
    relationships: ['owner', 'party_to', 'source_unit_of', 'ancestor_of'],
  },
  'agreement.manage': { kind: 'write', roles: AUTH_STAFF, actors: ['authority'], relationships: ['authority_of'] },
  'agreement.sign': {
    kind: 'approve',
    roles: ['org_admin', 'signatory'],
    actors: ['authority'],
    relationships: ['authority_of'],
  },
  'agreement.terminate': { kind: 'approve', roles: AUTH_STAFF, actors: ['authority'], relationships: ['authority_of'] },
  // Suspension follows a Rectification order, which supervision may apply from a job (AUTH-24).
  'agreement.suspend': {
    kind: 'approve',
    roles: AUTH_STAFF,
    actors: ['authority', 'system'],
    relationships: ['authority_of'],
  },
  'catalog_entry.consent': {
    kind: 'approve',
    roles: ['org_admin', 'reviewer', 'catalog_manager'],
    actors: ['source_unit'],
    relationships: ['source_unit_of'],
  },
  'scenario.read': {
    kind: 'read',
    roles: READERS,
    actors: ['any'],
    relationships: ['owner', 'source_unit_of', 'ancestor_of'],
  },
  'scenario.submit': {
    kind: 'write',
    roles: ['org_admin', 'reviewer', 'developer'],
    actors: ['operator'],
    relationships: ['owner'],
    operating: true,
  },
  'scenario.review': { kind: 'write', roles: AUTH_STAFF, actors: ['authority'], relationships: ['authority_of'] },
  'scenario.approve': { kind: 'approve', roles: ['reviewer'], actors: ['authority'], relationships: ['authority_of'] },
  'consent.decide': {
    kind: 'approve',
    roles: ['org_admin', 'reviewer', 'catalog_manager'],
    actors: ['source_unit'],
    relationships: ['source_unit_of'],
  },
  'grant.read': {
    kind: 'read',
    roles: READERS,
    actors: ['any'],
    relationships: ['owner', 'grantee_of', 'source_unit_of', 'ancestor_of'],
  },
  'grant.manage': {
    kind: 'approve',
    roles: AUTH_STAFF,
    actors: ['authority', 'system'],
    relationships: ['authority_of'],
  },
  'plan.submit': {
    kind: 'write',
    roles: ['org_admin', 'security_officer'],
    actors: ['operator', 'lab_partner'],
    relationships: ['owner'],
  },
  'plan.accept': { kind: 'approve', roles: AUTH_STAFF, actors: ['authority'], relationships: ['authority_of'] },
  'collaboration.file': {
    kind: 'write',
    roles: ['org_admin'],
    actors: ['operator'],
    relationships: ['owner'],
    operating: true,
  },
  'collaboration.accept': {
    kind: 'approve',
    roles: AUTH_STAFF,
    actors: ['authority'],
    relationships: ['authority_of'],
  },
  'collaboration.exit': {
    kind: 'write',
    roles: ['org_admin'],
    actors: ['operator', 'collaborator'],
    relationships: ['owner', 'party_to'],
  },
  'authorization.clock': { kind: 'write', roles: ['system'], actors: ['system'], relationships: ['any'] },
});

const CLOCK = 'authorization.clock';

/** OperationAgreement (授权运营协议). "In force" = active, expiring or suspended (IAM-05). */
export const agreementLifecycle = defineLifecycle({
  objectType: 'OperationAgreement',
  table: 'operation_agreement',
  retentionClass: 'permanent',
  states: [
    'draft',
    'selecting',
    'awarded',
    'active',
    'suspended',
    'termination_pending',
    'expiring',
    'expired',
    'terminated',
  ],
  transitions: {
    create: { from: [NEW], to: 'draft', permission: 'agreement.manage', rules: [r.AUTH_14_CATALOG, r.AUTH_07] },
    start_selection: {
      from: ['draft'],
      to: 'selecting',
      permission: 'agreement.manage',
      rules: [r.AUTH_01, r.AUTH_14_CATALOG, r.AUTH_07, r.AUTH_08],
    },
    award: {
      from: ['selecting'],
      to: 'awarded',
      permission: 'agreement.manage',
      rules: [r.AUTH_02, r.AUTH_03, r.AUTH_04, r.AUTH_05],
    },
    renew: { from: [NEW], to: 'awarded', permission: 'agreement.manage', rules: [r.AUTH_06] },
    sign: { from: ['awarded'], to: 'active', permission: 'agreement.sign', rules: [r.AUTH_06_SIGNED] },
    suspend: { from: ['active', 'expiring'], to: 'suspended', permission: 'agreement.suspend' },
    // AUTH-32: only the authority lifts a suspension; an operator's SupervisoryObjection never does.
    resume: { from: ['suspended', 'termination_pending'], to: 'active', permission: 'agreement.suspend' },
    await_termination: { from: ['suspended'], to: 'termination_pending', permission: CLOCK, rules: [r.AUTH_25] },
    extend_rectification: { from: ['termination_pending'], to: 'suspended', permission: 'agreement.terminate' },
    start_expiring: { from: ['active'], to: 'expiring', permission: CLOCK },
    expire: { from: ['expiring', 'suspended', 'termination_pending', 'active'], to: 'expired', permission: CLOCK },
    terminate: {
      from: ['draft', 'selecting', 'awarded', 'active', 'suspended', 'termination_pending', 'expiring'],
      to: 'terminated',
      permission: 'agreement.terminate',
      rules: [r.AUTH_23, r.AUTH_28_TERMINATION],
    },
  },
});

/** One resource in an agreement's catalog, with its source unit's consent (AUTH-07, AUTH-08). */
export const catalogEntryLifecycle = defineLifecycle({
  objectType: 'AgreementCatalogEntry',
  table: 'agreement_catalog_entry',
  retentionClass: 'permanent',
  states: ['pending_consent', 'consented', 'refused'],
  transitions: {
    add: { from: [NEW], to: 'pending_consent', permission: 'agreement.manage' },
    consent: { from: ['pending_consent', 'refused'], to: 'consented', permission: 'catalog_entry.consent' },
    refuse: { from: ['pending_consent'], to: 'refused', permission: 'catalog_entry.consent' },
  },
});

/** ScenarioApplication (授权使用申请, 002:L177). `endorse` is the first of two approvals (AUTH-15). */
export const applicationLifecycle = defineLifecycle({
  objectType: 'ScenarioApplication',
  table: 'scenario_application',
  retentionClass: 'permanent',
  states: ['draft', 'submitted', 'under_review', 'returned', 'approved', 'rejected', 'withdrawn'],
  transitions: {
    create: { from: [NEW], to: 'draft', permission: 'scenario.submit' },
    submit: {
      from: ['draft', 'returned'],
      to: 'submitted',
      permission: 'scenario.submit',
      rules: [r.AUTH_14, r.AUTH_07_REQUEST, r.AUTH_09, r.AUTH_10, r.AUTH_16],
    },
    // The owner resumes and edits its draft, or its returned application (issue 14); the state stays.
    edit: { from: ['draft'], to: 'draft', permission: 'scenario.submit', eventType: 'ScenarioApplication.edit' },
    edit_returned: {
      from: ['returned'],
      to: 'returned',
      permission: 'scenario.submit',
      eventType: 'ScenarioApplication.edit',
    },
    accept: { from: ['submitted'], to: 'under_review', permission: 'scenario.review' },
    return: { from: ['under_review'], to: 'returned', permission: 'scenario.review' },
    endorse: {
      from: ['under_review'],
      to: 'under_review',
      permission: 'scenario.approve',
      rules: [r.AUTH_11, r.AUTH_12, r.AUTH_13, r.AUTH_14_APPROVAL, r.AUTH_07_APPROVAL, r.AUTH_16_APPROVAL],
    },
    approve: {
      from: ['under_review'],
      to: 'approved',
      permission: 'scenario.approve',
      rules: [r.AUTH_11, r.AUTH_12, r.AUTH_13, r.AUTH_14_APPROVAL, r.AUTH_07_APPROVAL, r.AUTH_15, r.AUTH_16_APPROVAL],
    },
    reject: { from: ['under_review', 'submitted'], to: 'rejected', permission: 'scenario.approve' },
    escalate: { from: ['under_review'], to: 'under_review', permission: CLOCK },
    escalate_submitted: { from: ['submitted'], to: 'submitted', permission: CLOCK },
    withdraw: {
      from: ['draft', 'submitted', 'under_review', 'returned'],
      to: 'withdrawn',
      permission: 'scenario.submit',
    },
  },
});

/** A source unit's answer for its items of one application (AUTH-12). */
export const consentLifecycle = defineLifecycle({
  objectType: 'SourceConsent',
  table: 'source_consent',
  retentionClass: 'permanent',
  states: ['requested', 'decided'],
  transitions: {
    request: { from: [NEW], to: 'requested', permission: 'scenario.review' },
    decide: { from: ['requested'], to: 'decided', permission: 'consent.decide' },
  },
});

/** Grant: field-level, purpose-bound, time-bound access with its egress policy. */
export const grantLifecycle = defineLifecycle({
  objectType: 'Grant',
  table: 'data_grant',
  retentionClass: 'permanent',
  states: ['pending_plan', 'active', 'suspended', 'superseded', 'expired', 'lapsed', 'revoked'],
  transitions: {
    open: { from: [NEW], to: 'pending_plan', permission: 'scenario.approve' },
    activate: { from: ['pending_plan'], to: 'active', permission: 'plan.accept', rules: [r.AUTH_17] },
    suspend: { from: ['active'], to: 'suspended', permission: 'grant.manage' },
    resume: { from: ['suspended'], to: 'active', permission: 'grant.manage' },
    supersede: { from: ['active'], to: 'superseded', permission: 'grant.manage' },
    // AUTH-28: the next version of a Grant narrowed by an Evaluation (scope_reduce); the old one is superseded.
    narrow: { from: [NEW], to: 'active', permission: 'grant.manage', rules: [r.AUTH_28_NARROW] },
    // LAB-13 (labs.md; decision 0081): a filed lab agreement opens one Grant per scope line, held until certification.
    open_lab: { from: [NEW], to: 'suspended', permission: 'grant.manage' },
    expire: { from: ['active', 'suspended'], to: 'expired', permission: CLOCK },
    lapse: { from: ['pending_plan'], to: 'lapsed', permission: CLOCK },
    revoke: { from: ['pending_plan', 'active', 'suspended'], to: 'revoked', permission: 'grant.manage' },
  },
});

/** EmergencyPlan (应急处置预案): filing records acceptance, not the plan's merits. */
export const planLifecycle = defineLifecycle({
  objectType: 'EmergencyPlan',
  table: 'emergency_plan',
  retentionClass: 'permanent',
  states: ['draft', 'submitted', 'filed', 'activated', 'superseded'],
  transitions: {
    create: { from: [NEW], to: 'draft', permission: 'plan.submit' },
    submit: { from: ['draft'], to: 'submitted', permission: 'plan.submit', rules: [r.AUTH_31] },
    return: { from: ['submitted'], to: 'draft', permission: 'plan.accept' },
    file: { from: ['submitted'], to: 'filed', permission: 'plan.accept', rules: [r.AUTH_31] },
    record_drill: { from: ['filed'], to: 'filed', permission: 'plan.submit' },
    flag_drill_overdue: { from: ['filed'], to: 'filed', permission: CLOCK },
    activate: { from: ['filed'], to: 'activated', permission: 'plan.submit' },
    // INC-02: an Incident that stops the Grant activates its plan in the same transaction, as the system.
    activate_for_incident: { from: ['filed'], to: 'activated', permission: 'grant.manage' },
    stand_down: { from: ['activated'], to: 'filed', permission: 'plan.accept' },
    supersede: { from: ['filed'], to: 'superseded', permission: 'plan.accept' },
  },
});

/** CollaborationAgreement (开发利用协议, 002:L165–167). */
const COLLABORATION_STATES = ['draft', 'filed', 'active', 'suspended', 'ended', 'terminated'];
export const collaborationLifecycle = defineLifecycle({
  objectType: 'CollaborationAgreement',
  table: 'collaboration_agreement',
  retentionClass: 'permanent',
  states: COLLABORATION_STATES,
  transitions: {
    create: { from: [NEW], to: 'draft', permission: 'collaboration.file', rules: [r.AUTH_19, r.AUTH_20, r.AUTH_21] },
    file: {
      from: ['draft'],
      to: 'filed',
      permission: 'collaboration.accept',
      rules: [r.AUTH_19, r.AUTH_20, r.AUTH_21],
    },
    activate: { from: ['filed'], to: 'active', permission: CLOCK },
    suspend: { from: ['active', 'filed'], to: 'suspended', permission: 'grant.manage' },
    resume: { from: ['suspended'], to: 'active', permission: 'grant.manage' },
    exit: { from: ['active', 'filed'], to: 'ended', permission: 'collaboration.exit', rules: [r.AUTH_22] },
    end: { from: ['active', 'filed'], to: 'ended', permission: CLOCK },
    terminate: { from: ['draft', 'filed', 'active', 'suspended'], to: 'terminated', permission: 'grant.manage' },
    // AUTH-28: when its Grant is narrowed to a new version, a collaboration follows it in whatever state it
    // is (one event each, same state). A consequence the system applies, never an ability anyone is offered.
    ...Object.fromEntries(
      COLLABORATION_STATES.map((s) => [
        `follow_grant_${s}`,
        { from: [s], to: s, permission: CLOCK, eventType: 'CollaborationAgreement.follow_grant' },
      ]),
    ),
  },
});

// AUTH-29: the holder asks; the authority and each affected source unit decide (decision 0062).
definePermissions({
  'publication.request': {
    kind: 'write',
    roles: ['org_admin'],
    actors: ['operator', 'lab_partner'],
    relationships: ['owner'],
    operating: true,
  },
  'publication.decide': {
    kind: 'approve',
    roles: ['org_admin', 'reviewer', 'catalog_manager'],
    actors: ['authority', 'source_unit'],
    relationships: ['authority_of', 'source_unit_of'],
  },
});

/** Publication permission (ChangeRequest of type publication_permission, AUTH-29): both sides approve, one refusal ends it. */
export const publicationPermissionLifecycle = defineLifecycle({
  objectType: 'PublicationPermission',
  table: 'publication_permission',
  retentionClass: 'permanent',
  states: ['requested', 'approved', 'refused'],
  transitions: {
    request: { from: [NEW], to: 'requested', permission: 'publication.request' },
    decide: { from: ['requested'], to: 'requested', permission: 'publication.decide' },
    approve: { from: ['requested'], to: 'approved', permission: 'publication.decide', rules: [r.AUTH_29_APPROVALS] },
    refuse: { from: ['requested'], to: 'refused', permission: 'publication.decide' },
  },
});
