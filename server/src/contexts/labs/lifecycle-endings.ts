import { definePermissions } from '../../kernel/workflow/authorize.js';
import { defineLifecycle, NEW } from '../../kernel/workflow/lifecycle.js';
import { LAB_22_EVALUATOR, LAB_22_JOINT, LAB_22_LAB, LAB_22_SCORES, LAB_26_SERIOUS } from './rules-endings.js';

/** labs.md evaluation and exit: who may do what (Actors table), and the LabEvaluation lifecycle (LAB-22). */
const AUTHORITY_STAFF = ['org_admin', 'reviewer'];
const INITIATOR_STAFF = ['org_admin', 'reviewer', 'security_officer', 'signatory'];
const SIGNERS = ['org_admin', 'signatory'];
definePermissions({
  // LAB-22: the authority commissions the annual evaluation and concludes it; the initiator concurs (000:L58).
  'lab_evaluation.commission': {
    kind: 'approve',
    roles: AUTHORITY_STAFF,
    actors: ['authority'],
    relationships: ['authority_of'],
  },
  'lab_evaluation.concur': { kind: 'approve', roles: SIGNERS, actors: ['lab_initiator'], relationships: ['owner'] },
  // The evaluator declares its conflicts and enters scores on the evaluations assigned to it (party_to).
  'lab_evaluation.enter': {
    kind: 'write',
    roles: ['org_admin', 'reviewer'],
    actors: ['evaluator'],
    relationships: ['party_to'],
  },
  // LAB-23: the initiator orders the rectification of its lab, accepts it, or terminates the agreement.
  'lab.rectify': { kind: 'approve', roles: INITIATOR_STAFF, actors: ['lab_initiator'], relationships: ['owner'] },
  'lab.terminate': { kind: 'approve', roles: SIGNERS, actors: ['lab_initiator'], relationships: ['owner'] },
  // LAB-20 and 000:L53: delisting, merge and reorganization are the authority's.
  'lab.end': { kind: 'approve', roles: AUTHORITY_STAFF, actors: ['authority'], relationships: ['authority_of'] },
});

/**
 * LabEvaluation: commissioned (authority) → concurred (initiator) → evaluating (the evaluator declares no conflict)
 * | conflict_declared; evaluating → submitted (scores and findings; the result is computed) → concluded (authority;
 * frozen). A concluded evaluation with LAB-25 misconduct may be marked serious (LAB-26).
 */
export const labEvaluationLifecycle = defineLifecycle({
  objectType: 'LabEvaluation',
  table: 'lab_evaluation',
  retentionClass: 'permanent',
  states: ['commissioned', 'concurred', 'evaluating', 'conflict_declared', 'submitted', 'concluded'],
  transitions: {
    commission: {
      from: [NEW],
      to: 'commissioned',
      permission: 'lab_evaluation.commission',
      rules: [LAB_22_LAB, LAB_22_EVALUATOR],
    },
    concur: { from: ['commissioned'], to: 'concurred', permission: 'lab_evaluation.concur' },
    accept: {
      from: ['commissioned', 'concurred'],
      to: 'evaluating',
      permission: 'lab_evaluation.enter',
      rules: [LAB_22_JOINT],
    },
    declare_conflict: {
      from: ['commissioned', 'concurred'],
      to: 'conflict_declared',
      permission: 'lab_evaluation.enter',
    },
    submit: { from: ['evaluating'], to: 'submitted', permission: 'lab_evaluation.enter', rules: [LAB_22_SCORES] },
    // The authority sends a sheet back to the evaluator before concluding.
    return: { from: ['submitted'], to: 'evaluating', permission: 'lab_evaluation.commission' },
    conclude: { from: ['submitted'], to: 'concluded', permission: 'lab_evaluation.commission' },
    mark_serious: {
      from: ['concluded'],
      to: 'concluded',
      permission: 'lab_evaluation.commission',
      eventType: 'LabEvaluation.marked_serious',
      rules: [LAB_26_SERIOUS],
    },
  },
});
