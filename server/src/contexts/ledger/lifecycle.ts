import { definePermissions } from '../../kernel/workflow/authorize.js';
import { defineLifecycle, NEW } from '../../kernel/workflow/lifecycle.js';
import {
  LED_14_NOT_PERMANENT,
  LED_15_RETENTION_ENDED,
  LED_16_APPROVALS,
  LED_18_NO_LEGAL_HOLD,
  LED_20_CONTRACT,
  LED_VERIFIER_SECOND_PERSON,
} from './rules.js';

definePermissions({
  // LED-11: only the tamper audit opens tampering incidents; supervision adds human paths.
  'incident.open_tampering': { kind: 'write', roles: ['system'], actors: ['system'], relationships: ['any'] },
  // LED-16: the platform proposes deletion batches (a job or a platform admin).
  'destruction.propose': {
    kind: 'write',
    roles: ['system', 'platform_admin', 'admin'],
    actors: ['system', 'platform_admin'],
    relationships: ['any'],
  },
  // LED-16: the data owner org and the authority of the jurisdiction approve; each approval is a fact.
  'destruction.approve': {
    kind: 'approve',
    roles: ['org_admin', 'admin', 'reviewer'],
    actors: [
      'authority',
      'operator',
      'source_unit',
      'collaborator',
      'lab_initiator',
      'lab_partner',
      'buyer',
      'registry',
    ],
    relationships: ['authority_of', 'ancestor_of', 'owner'],
  },
  'destruction.execute': { kind: 'write', roles: ['system'], actors: ['system'], relationships: ['any'] },
  'destruction.verify': {
    kind: 'write',
    roles: ['admin', 'reviewer', 'security', 'audit'],
    actors: ['authority', 'platform_admin'],
    relationships: ['authority_of', 'ancestor_of', 'platform'],
  },
  'destruction.retry': { kind: 'write', roles: ['system'], actors: ['system'], relationships: ['any'] },
});

/** Minimal Incident (supervision.md owns the full lifecycle); the audit opens `tampering` ones. */
export const incidentLifecycle = defineLifecycle({
  objectType: 'Incident',
  table: 'incident',
  retentionClass: 'supervision',
  states: ['open'],
  transitions: {
    open_tampering: { from: [NEW], to: 'open', permission: 'incident.open_tampering', eventType: 'Incident.opened' },
    // ledger.md DestructionRecord: verification_failed opens an Incident of type `other`.
    open_residue: { from: [NEW], to: 'open', permission: 'incident.open_tampering', eventType: 'Incident.opened' },
  },
});

/** DestructionRecord (ledger.md Lifecycles): proposed → approved → executed → verified | verification_failed; SBX-14 deletions start at executed. */
export const destructionLifecycle = defineLifecycle({
  objectType: 'DestructionRecord',
  table: 'destruction_record',
  retentionClass: 'ledger_header',
  states: ['proposed', 'approved', 'executed', 'verified', 'verification_failed'],
  transitions: {
    propose: {
      from: [NEW],
      to: 'proposed',
      permission: 'destruction.propose',
      rules: [LED_14_NOT_PERMANENT, LED_15_RETENTION_ENDED, LED_18_NO_LEGAL_HOLD],
    },
    approve: {
      from: ['proposed'],
      to: 'approved',
      permission: 'destruction.approve',
      rules: [LED_14_NOT_PERMANENT, LED_16_APPROVALS, LED_18_NO_LEGAL_HOLD, LED_20_CONTRACT],
    },
    execute: {
      from: ['approved'],
      to: 'executed',
      permission: 'destruction.execute',
      rules: [LED_14_NOT_PERMANENT, LED_18_NO_LEGAL_HOLD],
    },
    // sandbox.md SBX-14: a deletion the platform must make (a closed Workspace's temporary data) is
    // recorded as executed, with no approval batch; a legal hold still stops it, and a second person verifies.
    // Its mandate and approvals are the recorded decisions that ordered it (retention.ts mandateFrom, decision 0061).
    record_mandated: {
      from: [NEW],
      to: 'executed',
      permission: 'destruction.execute',
      eventType: 'DestructionRecord.mandated_executed',
      rules: [LED_18_NO_LEGAL_HOLD],
    },
    verify: {
      from: ['executed'],
      to: 'verified',
      permission: 'destruction.verify',
      rules: [LED_VERIFIER_SECOND_PERSON],
    },
    fail_verification: {
      from: ['executed'],
      to: 'verification_failed',
      permission: 'destruction.verify',
      rules: [LED_VERIFIER_SECOND_PERSON],
    },
    retry: { from: ['verification_failed'], to: 'approved', permission: 'destruction.retry' },
  },
});
