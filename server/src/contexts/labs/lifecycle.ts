import { definePermissions } from '../../kernel/workflow/authorize.js';
import { defineLifecycle, NEW } from '../../kernel/workflow/lifecycle.js';
import {
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
import { LAB_19, LAB_19_ACCEPTED } from './rules-egress.js';
import { LAB_20, LAB_23_ACCEPTED, LAB_23_ORDER, LAB_23_TERMINATE, LAB_MERGE } from './rules-endings.js';
import './lifecycle-endings.js';

/** labs.md "Actors and what each may do", as data. */
const AUTHORITY_STAFF = ['org_admin', 'reviewer'];
const LAB_WRITERS = ['org_admin', 'reviewer', 'developer', 'security_officer', 'signatory'];
const SIGNERS = ['org_admin', 'signatory'];
definePermissions({
  'lab.read': {
    kind: 'read',
    roles: [...LAB_WRITERS, 'member', 'auditor', 'compliance_officer'],
    actors: ['any'],
    relationships: ['owner', 'party_to', 'ancestor_of'],
  },
  'lab.guide.manage': { kind: 'write', roles: AUTHORITY_STAFF, actors: ['authority'], relationships: ['authority_of'] },
  // The partner writes the application and plan with the initiator (000:L29); only the initiator submits it.
  'lab_application.edit': {
    kind: 'write',
    roles: LAB_WRITERS,
    actors: ['lab_initiator', 'lab_partner'],
    relationships: ['owner', 'party_to'],
  },
  'lab_application.submit': { kind: 'write', roles: SIGNERS, actors: ['lab_initiator'], relationships: ['owner'] },
  'lab_application.review': {
    kind: 'write',
    roles: AUTHORITY_STAFF,
    actors: ['authority'],
    relationships: ['authority_of'],
  },
  'lab_application.decide': {
    kind: 'approve',
    roles: AUTHORITY_STAFF,
    actors: ['authority'],
    relationships: ['authority_of'],
  },
  // The initiator defines scope, purpose and term and classifies the data (000:L15); both parties seal.
  'lab_agreement.edit': { kind: 'write', roles: LAB_WRITERS, actors: ['lab_initiator'], relationships: ['owner'] },
  'lab_agreement.sign': { kind: 'approve', roles: SIGNERS, actors: ['lab_initiator'], relationships: ['owner'] },
  'lab_agreement.file': {
    kind: 'approve',
    roles: AUTHORITY_STAFF,
    actors: ['authority'],
    relationships: ['authority_of'],
  },
  // The platform attestation comes from the lab itself: the partner runs it, the initiator supervises (000:L46).
  'lab.attest': {
    kind: 'write',
    roles: LAB_WRITERS,
    actors: ['lab_initiator', 'lab_partner'],
    relationships: ['owner', 'party_to'],
  },
  'lab.certify': { kind: 'approve', roles: AUTHORITY_STAFF, actors: ['authority'], relationships: ['authority_of'] },
  // A change is asked by either party (the partner's seal on the supplement) and decided by the authority (000:L54–56).
  'lab_change.submit': {
    kind: 'write',
    roles: LAB_WRITERS,
    actors: ['lab_initiator', 'lab_partner'],
    relationships: ['owner', 'party_to'],
  },
  'lab_change.decide': {
    kind: 'approve',
    roles: AUTHORITY_STAFF,
    actors: ['authority'],
    relationships: ['authority_of'],
  },
  'lab.clock': { kind: 'write', roles: [], actors: ['system'], relationships: ['any'] },
  // Duties while active (LAB-15, LAB-16, LAB-18): the partner runs the lab and files them; the initiator may too.
  'lab.duty.file': {
    kind: 'write',
    roles: LAB_WRITERS,
    actors: ['lab_initiator', 'lab_partner'],
    relationships: ['owner', 'party_to'],
  },
  // LAB-19: the initiator orders its lab's egress rectification and closes it (decision 0086).
  'lab.egress.rectify': { kind: 'approve', roles: SIGNERS, actors: ['lab_initiator'], relationships: ['owner'] },
});

/** Guide (申报指南): published by the authority with its indicator set; closed when the call ends. */
export const guideLifecycle = defineLifecycle({
  objectType: 'LabGuide',
  table: 'lab_guide',
  states: ['published', 'closed'],
  transitions: {
    publish: { from: [NEW], to: 'published', permission: 'lab.guide.manage' },
    close: { from: ['published'], to: 'closed', permission: 'lab.guide.manage' },
  },
});

/**
 * LabApplication: draft → submitted → under_review → shortlisted | not_selected; under_review → returned →
 * submitted; draft | submitted | returned → withdrawn (labs.md Lifecycles).
 */
export const applicationLifecycle = defineLifecycle({
  objectType: 'LabApplication',
  table: 'lab_application',
  retentionClass: 'permanent',
  states: ['draft', 'submitted', 'under_review', 'returned', 'shortlisted', 'not_selected', 'withdrawn'],
  transitions: {
    create: { from: [NEW], to: 'draft', permission: 'lab_application.edit' },
    edit: { from: ['draft'], to: 'draft', permission: 'lab_application.edit', eventType: 'LabApplication.edited' },
    edit_returned: {
      from: ['returned'],
      to: 'returned',
      permission: 'lab_application.edit',
      eventType: 'LabApplication.edited',
    },
    submit: {
      from: ['draft', 'returned'],
      to: 'submitted',
      permission: 'lab_application.submit',
      rules: [LAB_01_GUIDE, LAB_01, LAB_02, LAB_03, LAB_04, LAB_05, LAB_07],
    },
    accept: { from: ['submitted'], to: 'under_review', permission: 'lab_application.review' },
    // LAB-04 / LAB-06: the reviewer's notes are events on the application; the state does not move.
    note: {
      from: ['under_review'],
      to: 'under_review',
      permission: 'lab_application.review',
      eventType: 'LabApplication.noted',
    },
    return: { from: ['under_review'], to: 'returned', permission: 'lab_application.review' },
    shortlist: {
      from: ['under_review'],
      to: 'shortlisted',
      permission: 'lab_application.decide',
      rules: [LAB_04, LAB_04_SIMILAR, LAB_05, LAB_06],
    },
    not_select: { from: ['under_review'], to: 'not_selected', permission: 'lab_application.decide' },
    withdraw: { from: ['draft', 'submitted', 'returned'], to: 'withdrawn', permission: 'lab_application.submit' },
  },
});

/** Findings are recorded in the state the lab is in (same-state transitions; the lifecycle has one `to` each). */
export const FINDING_STATES = ['active', 'rectifying', 'partner_change_pending', 'expired'] as const;
export const findingAction = (state: string) => `record_finding_${state}`;

/** Lab: shortlisted → agreement_filed → active (this slice); the later states are named for the lifecycle to come. */
export const labLifecycle = defineLifecycle({
  objectType: 'Lab',
  table: 'lab',
  retentionClass: 'permanent',
  states: [
    'shortlisted',
    'agreement_filed',
    'active',
    'rectifying',
    'partner_change_pending',
    'revoked',
    'delisted',
    'merged',
    'expired',
    'lapsed',
  ],
  transitions: {
    create: { from: [NEW], to: 'shortlisted', permission: 'lab_application.decide' },
    attest: {
      from: ['shortlisted'],
      to: 'shortlisted',
      permission: 'lab.attest',
      eventType: 'Lab.attested',
    },
    attest_filed: {
      from: ['agreement_filed'],
      to: 'agreement_filed',
      permission: 'lab.attest',
      eventType: 'Lab.attested',
    },
    file_agreement: {
      from: ['shortlisted'],
      to: 'agreement_filed',
      permission: 'lab_agreement.file',
      rules: [LAB_08, LAB_12],
    },
    // From `shortlisted` too, so that certifying before filing answers LAB-09 rather than a bare state refusal.
    certify: {
      from: ['shortlisted', 'agreement_filed'],
      to: 'active',
      permission: 'lab.certify',
      rules: [LAB_09, LAB_10],
    },
    lapse: { from: ['shortlisted'], to: 'lapsed', permission: 'lab.clock' },
    // Evaluation and exit (lifecycle-endings.ts; LAB-20, LAB-23, LAB-24, LAB-30; decision 0087).
    rectify_evaluation: {
      from: ['active'],
      to: 'rectifying',
      permission: 'lab.rectify',
      rules: [LAB_23_ORDER],
    },
    accept_rectification: {
      from: ['rectifying'],
      to: 'active',
      permission: 'lab.rectify',
      rules: [LAB_23_ACCEPTED],
    },
    terminate: {
      from: ['rectifying'],
      to: 'partner_change_pending',
      permission: 'lab.terminate',
      rules: [LAB_23_TERMINATE],
    },
    revoke: {
      from: ['active', 'rectifying', 'partner_change_pending'],
      to: 'revoked',
      permission: 'lab_change.decide',
    },
    delist: { from: ['active', 'rectifying'], to: 'delisted', permission: 'lab.end', rules: [LAB_20] },
    merge: { from: ['active'], to: 'merged', permission: 'lab.end', rules: [LAB_MERGE] },
    // Partner change (usecases/endings.ts): the approved new partner (LAB-05), then its agreement filed → active.
    change_partner: {
      from: ['partner_change_pending'],
      to: 'partner_change_pending',
      permission: 'lab_change.decide',
      eventType: 'Lab.partner_changed',
      rules: [LAB_05],
    },
    refile_agreement: {
      from: ['partner_change_pending'],
      to: 'active',
      permission: 'lab_agreement.file',
      rules: [LAB_08, LAB_12],
    },
    // Duties (usecases/duties.ts): a new security-policy version (LAB-16); a finding for the evaluation; expiry.
    renew_policy: { from: ['active'], to: 'active', permission: 'lab.duty.file', eventType: 'Lab.policyRenewed' },
    renew_policy_rectifying: {
      from: ['rectifying'],
      to: 'rectifying',
      permission: 'lab.duty.file',
      eventType: 'Lab.policyRenewed',
    },
    ...Object.fromEntries(
      FINDING_STATES.map((st) => [
        findingAction(st),
        { from: [st], to: st, permission: 'lab.clock', eventType: 'Lab.dutyFinding' },
      ]),
    ),
    expire: { from: ['active'], to: 'expired', permission: 'lab.clock' },
    // The partner-change clock ran out: the authority is prompted to decide revocation; the state stays (decision 0100).
    prompt_revocation: {
      from: ['partner_change_pending'],
      to: 'partner_change_pending',
      permission: 'lab.clock',
      eventType: 'Lab.revocationPrompted',
    },
    // LAB-19/LAB-34: unapproved egress → the initiator's rectification order; egress frozen until it is accepted.
    rectify_egress: { from: ['active'], to: 'rectifying', permission: 'lab.egress.rectify', rules: [LAB_19] },
    end_egress_rectification: {
      from: ['rectifying'],
      to: 'active',
      permission: 'lab.egress.rectify',
      rules: [LAB_19_ACCEPTED],
    },
  },
});

/** LabAgreement (共建协议): draft → signed → filed; authorization documents are kept permanently (LAB-27). */
export const agreementLifecycle = defineLifecycle({
  objectType: 'LabAgreement',
  table: 'lab_agreement',
  retentionClass: 'permanent',
  states: ['draft', 'signed', 'filed', 'terminated', 'expired', 'superseded'],
  transitions: {
    draft: { from: [NEW], to: 'draft', permission: 'lab_agreement.edit' },
    edit: { from: ['draft'], to: 'draft', permission: 'lab_agreement.edit', eventType: 'LabAgreement.edited' },
    sign: { from: ['draft'], to: 'signed', permission: 'lab_agreement.sign', rules: [LAB_08, LAB_12, LAB_08_SEALS] },
    file: { from: ['signed'], to: 'filed', permission: 'lab_agreement.file', rules: [LAB_08, LAB_12, LAB_08_SEALS] },
    // LAB-23: the initiator terminates the filed agreement when the rectification still fails (lifecycle-endings.ts).
    terminate: { from: ['filed'], to: 'terminated', permission: 'lab.terminate' },
    // The authority's ending decision (revocation, delisting, merge) ends a filed agreement still in force.
    end_by_decision: { from: ['filed'], to: 'terminated', permission: 'lab.end' },
  },
});

/** LabChangeRequest: approval track `submitted → approved | rejected`; filing track effective when filed (LAB-21). */
export const changeLifecycle = defineLifecycle({
  objectType: 'LabChangeRequest',
  table: 'lab_change_request',
  retentionClass: 'permanent',
  states: ['submitted', 'approved', 'rejected', 'effective'],
  transitions: {
    submit: { from: [NEW], to: 'submitted', permission: 'lab_change.submit', rules: [LAB_21] },
    file: { from: [NEW], to: 'effective', permission: 'lab_change.submit', rules: [LAB_21] },
    approve: { from: ['submitted'], to: 'approved', permission: 'lab_change.decide' },
    reject: { from: ['submitted'], to: 'rejected', permission: 'lab_change.decide' },
  },
});
