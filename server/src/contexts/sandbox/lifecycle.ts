import { definePermissions } from '../../kernel/workflow/authorize.js';
import { defineLifecycle, NEW } from '../../kernel/workflow/lifecycle.js';
import { EGR_01, EGR_09, EGR_10, EGR_11, EGR_13, SBX_01, SBX_02 } from './rules.js';

const MEMBERS = ['org_admin', 'developer', 'member', 'reviewer', 'auditor', 'security_officer', 'signatory'];
const SYSTEM = { roles: ['system'], actors: ['system'], relationships: ['any'] as const, kind: 'write' as const };

// sandbox.md "Actors": operators and collaborators work in their own Workspaces; authorities review.
definePermissions({
  'workspace.read': {
    kind: 'read',
    roles: [...MEMBERS, 'compliance_officer'],
    actors: ['any'],
    relationships: ['owner', 'ancestor_of', 'source_unit_of'],
  },
  'workspace.create': {
    kind: 'write',
    roles: ['org_admin', 'developer'],
    actors: ['operator', 'collaborator', 'lab_partner'],
    relationships: ['owner'],
    operating: true,
  },
  'workspace.seat': {
    kind: 'write',
    roles: ['org_admin'],
    actors: ['operator', 'collaborator', 'lab_partner'],
    relationships: ['owner'],
  },
  'workspace.freeze': {
    kind: 'approve',
    roles: ['reviewer', 'org_admin', 'system'],
    actors: ['authority', 'system'],
    relationships: ['authority_of'],
  },
  'workspace.system': { ...SYSTEM, relationships: ['any'] },
  'job.submit': {
    kind: 'write',
    roles: ['developer', 'org_admin'],
    actors: ['operator', 'collaborator', 'lab_partner'],
    relationships: ['owner'],
    operating: true,
  },
  'job.system': { ...SYSTEM, relationships: ['any'] },
  'egress.request': {
    kind: 'write',
    roles: ['developer', 'org_admin'],
    actors: ['operator', 'collaborator', 'lab_partner'],
    relationships: ['owner'],
    operating: true,
  },
  'egress.read': {
    kind: 'read',
    roles: [...MEMBERS, 'compliance_officer'],
    actors: ['any'],
    relationships: ['owner', 'ancestor_of', 'party_to'],
  },
  'egress.review': {
    kind: 'approve',
    roles: ['reviewer'],
    actors: ['authority'],
    relationships: ['authority_of'],
    selfForbidden: true,
  },
  // LAB-35 (decision 0100): a lab EgressRequest's first review is the lab initiator's security officer's; its org is
  // named on the request's review plan and so is a party to it. The labs rule checks the rest (never the partner).
  'egress.lab_review': {
    kind: 'approve',
    roles: ['security_officer'],
    actors: ['lab_initiator'],
    relationships: ['party_to'],
    selfForbidden: true,
  },
  'egress.download': { kind: 'write', roles: MEMBERS, actors: ['any'], relationships: ['party_to'] },
  'egress.system': { ...SYSTEM, relationships: ['any'] },
  'service.propose': {
    kind: 'write',
    roles: ['developer', 'org_admin'],
    actors: ['operator', 'collaborator'],
    relationships: ['owner'],
    operating: true,
  },
  'service.approve': {
    kind: 'approve',
    roles: ['reviewer'],
    actors: ['authority'],
    relationships: ['authority_of'],
    selfForbidden: true,
  },
  'service.read': {
    kind: 'read',
    roles: [...MEMBERS, 'compliance_officer'],
    actors: ['any'],
    relationships: ['owner', 'ancestor_of', 'party_to'],
  },
  'service.system': { ...SYSTEM, relationships: ['any'] },
});

/** sandbox.md Workspace lifecycle. */
export const workspaceLifecycle = defineLifecycle({
  objectType: 'Workspace',
  table: 'sandbox_workspace',
  retentionClass: 'sandbox_log',
  states: ['provisioning', 'active', 'frozen', 'closing', 'destroyed'],
  transitions: {
    create: {
      from: [NEW],
      to: 'provisioning',
      permission: 'workspace.create',
      rules: [SBX_01],
      eventType: 'workspace.create',
    },
    // The holder's Workspace, opened by the system when its Grant activates (authorization.md Grant lifecycle, decision 0062).
    provision: {
      from: [NEW],
      to: 'provisioning',
      permission: 'workspace.system',
      rules: [SBX_01],
      eventType: 'workspace.provision',
    },
    activate: { from: ['provisioning'], to: 'active', permission: 'workspace.system', eventType: 'workspace.activate' },
    add_seat: {
      from: ['active', 'provisioning'],
      to: 'active',
      permission: 'workspace.seat',
      rules: [SBX_02],
      eventType: 'workspace.add_seat',
    },
    freeze: { from: ['active'], to: 'frozen', permission: 'workspace.freeze', eventType: 'workspace.freeze' },
    // A new Grant version (AUTH-28 narrowing) only rebuilds the views: the Workspace follows it in its state.
    rebind: { from: ['active'], to: 'active', permission: 'workspace.system', eventType: 'workspace.rebind' },
    rebind_frozen: { from: ['frozen'], to: 'frozen', permission: 'workspace.system', eventType: 'workspace.rebind' },
    unfreeze: { from: ['frozen'], to: 'active', permission: 'workspace.freeze', eventType: 'workspace.unfreeze' },
    close: {
      from: ['active', 'frozen', 'provisioning'],
      to: 'closing',
      permission: 'workspace.system',
      eventType: 'workspace.close',
    },
    destroy: { from: ['closing'], to: 'destroyed', permission: 'workspace.system', eventType: 'workspace.destroy' },
  },
});

/** sandbox.md Job lifecycle (SBX-12: every transition is an event). */
export const jobLifecycle = defineLifecycle({
  objectType: 'Job',
  table: 'sandbox_job',
  retentionClass: 'sandbox_log',
  states: ['submitted', 'rejected', 'queued', 'running', 'succeeded', 'failed', 'stopped', 'cancelled'],
  transitions: {
    reject: { from: [NEW], to: 'rejected', permission: 'job.submit', eventType: 'job.reject' },
    submit: { from: [NEW], to: 'queued', permission: 'job.submit', eventType: 'job.submit' },
    start: { from: ['queued'], to: 'running', permission: 'job.system', eventType: 'job.start' },
    succeed: { from: ['running'], to: 'succeeded', permission: 'job.system', eventType: 'job.succeed' },
    stop: { from: ['running'], to: 'stopped', permission: 'job.system', eventType: 'job.stop' },
    fail: { from: ['running'], to: 'failed', permission: 'job.system', eventType: 'job.fail' },
    cancel: { from: ['queued', 'running'], to: 'cancelled', permission: 'job.system', eventType: 'job.cancel' },
  },
});

/** sandbox.md EgressRequest lifecycle. */
export const egressLifecycle = defineLifecycle({
  objectType: 'EgressRequest',
  table: 'sandbox_egress_request',
  retentionClass: 'permanent',
  states: [
    'draft',
    'checking',
    'auto_failed',
    'awaiting_review',
    // LAB-35: a lab request the initiator's security officer approved, awaiting the authority's second review.
    'awaiting_second_review',
    'approved',
    'released',
    'denied',
    'returned',
    'expired',
    'withdrawn',
    'held',
  ],
  transitions: {
    submit: {
      from: [NEW],
      to: 'checking',
      permission: 'egress.request',
      rules: [EGR_01, EGR_11, EGR_13],
      eventType: 'egress.submit',
    },
    auto_fail: { from: ['checking'], to: 'auto_failed', permission: 'egress.system', eventType: 'egress.auto_fail' },
    checks_passed: {
      from: ['checking'],
      to: 'awaiting_review',
      permission: 'egress.system',
      eventType: 'egress.checks_passed',
    },
    approve: {
      from: ['awaiting_review', 'awaiting_second_review'],
      to: 'approved',
      permission: 'egress.review',
      rules: [EGR_09],
      eventType: 'egress.approve',
    },
    deny: {
      from: ['awaiting_review', 'awaiting_second_review'],
      to: 'denied',
      permission: 'egress.review',
      rules: [EGR_09],
      eventType: 'egress.deny',
    },
    return: {
      from: ['awaiting_review', 'awaiting_second_review'],
      to: 'returned',
      permission: 'egress.review',
      rules: [EGR_09],
      eventType: 'egress.return',
    },
    // LAB-35: the lab's first review (decision 0100). An approval that completes LAB-35 approves; one that leaves the
    // authority's review outstanding moves to awaiting_second_review.
    lab_approve: {
      from: ['awaiting_review'],
      to: 'approved',
      permission: 'egress.lab_review',
      rules: [EGR_09],
      eventType: 'egress.approve',
    },
    lab_pass: {
      from: ['awaiting_review'],
      to: 'awaiting_second_review',
      permission: 'egress.lab_review',
      rules: [EGR_09],
      eventType: 'egress.first_review',
    },
    lab_deny: {
      from: ['awaiting_review'],
      to: 'denied',
      permission: 'egress.lab_review',
      rules: [EGR_09],
      eventType: 'egress.deny',
    },
    lab_return: {
      from: ['awaiting_review'],
      to: 'returned',
      permission: 'egress.lab_review',
      rules: [EGR_09],
      eventType: 'egress.return',
    },
    release: {
      from: ['approved'],
      to: 'released',
      permission: 'egress.download',
      rules: [EGR_10],
      eventType: 'egress.release',
    },
    download: {
      from: ['released'],
      to: 'released',
      permission: 'egress.download',
      rules: [EGR_10],
      eventType: 'egress.download',
    },
    expire: { from: ['approved'], to: 'expired', permission: 'egress.system', eventType: 'egress.expire' },
    withdraw: {
      from: ['draft', 'checking', 'awaiting_review', 'awaiting_second_review', 'returned', 'held'],
      to: 'withdrawn',
      permission: 'egress.system',
      eventType: 'egress.withdraw',
    },
    hold: {
      from: ['awaiting_review', 'awaiting_second_review', 'draft', 'returned'],
      to: 'held',
      permission: 'egress.system',
      eventType: 'egress.hold',
    },
    // "any open state ⇄ held": a held request resumes in the state it was held in (held_from; migration 0123).
    resume: { from: ['held'], to: 'awaiting_review', permission: 'egress.system', eventType: 'egress.resume' },
    resume_second_review: {
      from: ['held'],
      to: 'awaiting_second_review',
      permission: 'egress.system',
      eventType: 'egress.resume',
    },
    resume_draft: { from: ['held'], to: 'draft', permission: 'egress.system', eventType: 'egress.resume' },
    resume_returned: { from: ['held'], to: 'returned', permission: 'egress.system', eventType: 'egress.resume' },
  },
});

/** DataProduct.template lifecycle (sandbox.md Template; SVC-01). */
export const serviceLifecycle = defineLifecycle({
  objectType: 'DataServiceTemplate',
  table: 'sandbox_service',
  retentionClass: 'business',
  states: ['proposed', 'approved', 'active', 'suspended', 'retired'],
  transitions: {
    propose: { from: [NEW], to: 'proposed', permission: 'service.propose', eventType: 'service.propose' },
    approve: { from: ['proposed'], to: 'approved', permission: 'service.approve', eventType: 'service.approve' },
    activate: {
      from: ['approved', 'suspended'],
      to: 'active',
      permission: 'service.system',
      eventType: 'service.activate',
    },
    suspend: { from: ['active'], to: 'suspended', permission: 'service.system', eventType: 'service.suspend' },
    retire: {
      from: ['proposed', 'approved', 'active', 'suspended'],
      to: 'retired',
      permission: 'service.system',
      eventType: 'service.retire',
    },
  },
});
