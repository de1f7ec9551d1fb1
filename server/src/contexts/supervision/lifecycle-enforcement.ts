import { definePermissions } from '../../kernel/workflow/authorize.js';
import { defineLifecycle, NEW } from '../../kernel/workflow/lifecycle.js';
import { ENF_04, ENF_05, ENF_06, ENF_09_DECIDE, ENF_09_FILE } from './rules-enforcement.js';

/** supervision.md enforcement lifecycles (issue 16 part A, decision 0078). */
const AUTHORITY_STAFF = ['org_admin', 'reviewer'];
const SUBJECT_STAFF = ['org_admin', 'reviewer', 'security_officer', 'compliance_officer'];
definePermissions({
  'termination.decide': {
    kind: 'approve',
    roles: AUTHORITY_STAFF,
    actors: ['authority'],
    relationships: ['authority_of'],
  },
  // ENF-03: a rectification deadline that passed proposes a termination by itself (the authority still decides).
  'termination.propose_clock': { kind: 'write', roles: [], actors: ['system'], relationships: ['any'] },
  // 002:L227: the subject of a supervisory decision objects to it (party_to = the org the decision concerns).
  'supervisory_objection.file': { kind: 'write', roles: SUBJECT_STAFF, actors: ['any'], relationships: ['party_to'] },
  'supervisory_objection.decide': {
    kind: 'approve',
    roles: AUTHORITY_STAFF,
    actors: ['authority'],
    relationships: ['authority_of'],
  },
});

/** Termination: proposed → decided → effective → wound_down; proposed → withdrawn. */
export const terminationLifecycle = defineLifecycle({
  objectType: 'Termination',
  table: 'supervision_termination',
  retentionClass: 'permanent',
  states: ['proposed', 'withdrawn', 'decided', 'effective', 'wound_down'],
  transitions: {
    propose: { from: [NEW], to: 'proposed', permission: 'termination.decide', rules: [ENF_04, ENF_05] },
    propose_overdue: { from: [NEW], to: 'proposed', permission: 'termination.propose_clock', rules: [ENF_04] },
    withdraw: { from: ['proposed'], to: 'withdrawn', permission: 'termination.decide' },
    decide: { from: ['proposed'], to: 'decided', permission: 'termination.decide', rules: [ENF_04, ENF_05] },
    take_effect: { from: ['decided'], to: 'effective', permission: 'termination.decide' },
    wind_down: { from: ['effective'], to: 'wound_down', permission: 'termination.decide', rules: [ENF_06] },
  },
});

/** SupervisoryObjection: filed → under_review → decided; an external remedy is a fact on the decided row. */
export const objectionLifecycle = defineLifecycle({
  objectType: 'SupervisoryObjection',
  table: 'supervision_objection',
  retentionClass: 'permanent',
  states: ['filed', 'under_review', 'decided'],
  transitions: {
    file: { from: [NEW], to: 'filed', permission: 'supervisory_objection.file', rules: [ENF_09_FILE] },
    review: { from: ['filed'], to: 'under_review', permission: 'supervisory_objection.decide' },
    decide: {
      from: ['filed', 'under_review'],
      to: 'decided',
      permission: 'supervisory_objection.decide',
      rules: [ENF_09_DECIDE],
    },
    record_remedy: {
      from: ['decided'],
      to: 'decided',
      permission: 'supervisory_objection.file',
      eventType: 'SupervisoryObjection.external_remedy',
    },
  },
});
