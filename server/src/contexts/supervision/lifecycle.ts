import { definePermissions } from '../../kernel/workflow/authorize.js';
import { defineLifecycle, NEW } from '../../kernel/workflow/lifecycle.js';
import {
  BAN_PERIOD,
  INC_RECLASSIFY,
  CRD_01,
  CRD_03_DETERMINE,
  CRD_03_REPAIR,
  ENF_01,
  ENF_03,
  ENF_EVIDENCE,
  ENF_REJECT,
  EVA_01,
  EVA_04,
  INC_01,
  INC_06_CLOSE,
  REP_02,
  REP_03,
  REP_05,
  REP_RETURN,
} from './rules.js';
import { COMPLAINT_OUTCOME } from './rules-reporting.js';
import { EVA_OBJECTION, EVA_PERIOD, EVA_SCORES, EVA_SET } from './rules-evaluation.js';

/** `<action>_<state>` transitions that record a fact on the row and leave its state alone. */
const sameState = (states: string[], action: string, eventType: string) =>
  Object.fromEntries(
    states.map((s) => [`${action}_${s}`, { from: [s], to: s, permission: 'supervision.clock', eventType }]),
  );

/** supervision.md "Actors and what each may do", as data. */
const AUTHORITY_STAFF = ['org_admin', 'reviewer'];
const REPORTERS = ['org_admin', 'reviewer', 'security_officer', 'compliance_officer', 'developer'];
const SUBJECTS = ['operator', 'collaborator', 'lab_partner', 'lab_initiator', 'source_unit'];
definePermissions({
  'supervision.read': {
    kind: 'read',
    roles: [...REPORTERS, 'auditor', 'member'],
    actors: ['any'],
    relationships: ['owner', 'party_to', 'ancestor_of'],
  },
  'report.schedule': {
    kind: 'write',
    roles: AUTHORITY_STAFF,
    actors: ['authority', 'system'],
    relationships: ['authority_of'],
  },
  'report.submit': { kind: 'write', roles: REPORTERS, actors: SUBJECTS, relationships: ['owner'] },
  'report.review': { kind: 'approve', roles: AUTHORITY_STAFF, actors: ['authority'], relationships: ['authority_of'] },
  'supervision.clock': { kind: 'write', roles: [], actors: ['system'], relationships: ['any'] },
  // INC-01: any participant org opens an incident at once, rectification or not (never `operating`).
  'incident.report': { kind: 'write', roles: REPORTERS, actors: ['any'], relationships: ['owner'] },
  'incident.progress': { kind: 'write', roles: REPORTERS, actors: ['any'], relationships: ['owner'] },
  // Severity: the reporter may raise it, the authority may also lower it (INC_RECLASSIFY tells them apart).
  'incident.reclassify': {
    kind: 'write',
    roles: REPORTERS,
    actors: ['any'],
    relationships: ['owner', 'authority_of'],
  },
  'incident.decide': {
    kind: 'approve',
    roles: AUTHORITY_STAFF,
    actors: ['authority'],
    relationships: ['authority_of'],
  },
  // labs.md LAB-19/LAB-23: a lab_initiator orders and decides its own lab's rectification (party_to = the orderer).
  'rectification.order': {
    kind: 'approve',
    roles: AUTHORITY_STAFF,
    actors: ['authority', 'lab_initiator'],
    relationships: ['authority_of', 'party_to'],
  },
  'rectification.submit': { kind: 'write', roles: REPORTERS, actors: ['any'], relationships: ['owner'] },
  'credit.manage': { kind: 'approve', roles: AUTHORITY_STAFF, actors: ['authority'], relationships: ['authority_of'] },
  'evaluation.score': {
    kind: 'approve',
    roles: AUTHORITY_STAFF,
    actors: ['authority'],
    relationships: ['authority_of'],
  },
  // EVA-05 / supervision.md actors: a third-party evaluator scores the evaluations assigned to it.
  'evaluation.enter': {
    kind: 'write',
    roles: ['org_admin', 'reviewer'],
    actors: ['evaluator'],
    relationships: ['owner'],
  },
  'evaluation.object': { kind: 'write', roles: REPORTERS, actors: ['any'], relationships: ['party_to'] },
});

/** Report: scheduled → drafted → submitted → accepted; submitted → returned → submitted; → overdue → submitted (late). */
export const reportLifecycle = defineLifecycle({
  objectType: 'Report',
  table: 'supervision_report',
  // LED-14 / labs.md LAB-27: feedback reports are never destroyed (retention class `permanent`).
  retentionClass: 'permanent',
  states: ['scheduled', 'drafted', 'submitted', 'returned', 'accepted', 'overdue'],
  transitions: {
    schedule: { from: [NEW], to: 'scheduled', permission: 'report.schedule' },
    draft: { from: ['scheduled'], to: 'drafted', permission: 'report.schedule', rules: [REP_02] },
    submit: { from: ['drafted', 'returned', 'overdue'], to: 'submitted', permission: 'report.submit', rules: [REP_03] },
    accept: { from: ['submitted'], to: 'accepted', permission: 'report.review', rules: [REP_RETURN] },
    return: { from: ['submitted'], to: 'returned', permission: 'report.review', rules: [REP_RETURN] },
    overdue: { from: ['scheduled', 'drafted'], to: 'overdue', permission: 'supervision.clock', rules: [REP_05] },
    // REP-05: the escalation item is a fact on the row; the state stays overdue.
    escalate: { from: ['overdue'], to: 'overdue', permission: 'supervision.clock', eventType: 'Report.escalated' },
    // REP-04/REP-05: a reminder sent and a due date recomputed by a calendar import (CAL-05) are events, not states.
    ...sameState(['scheduled', 'drafted', 'overdue'], 'remind', 'Report.reminded'),
    ...sameState(['scheduled', 'drafted'], 'recompute', 'Report.due_recomputed'),
  },
});

/** Incident: reported → contained → resolved → closed; closed → reopened → contained. */
export const incidentLifecycle = defineLifecycle({
  objectType: 'Incident',
  table: 'supervision_incident',
  states: ['reported', 'contained', 'resolved', 'closed', 'reopened'],
  transitions: {
    report: { from: [NEW], to: 'reported', permission: 'incident.report', rules: [INC_01] },
    // INC-04: a notification task marked sent is an event on the incident; the state does not move.
    ...Object.fromEntries(
      ['reported', 'contained', 'resolved'].map((s) => [
        `notified_${s}`,
        { from: [s], to: s, permission: 'incident.progress', eventType: 'Incident.notification_sent' },
      ]),
    ),
    ...Object.fromEntries(
      ['reported', 'contained', 'resolved'].map((s) => [
        `reclassify_${s}`,
        {
          from: [s],
          to: s,
          permission: 'incident.reclassify',
          rules: [INC_RECLASSIFY],
          eventType: 'Incident.reclassified',
        },
      ]),
    ),
    contain: { from: ['reported', 'reopened'], to: 'contained', permission: 'incident.progress' },
    resolve: { from: ['contained'], to: 'resolved', permission: 'incident.progress' },
    close: { from: ['resolved'], to: 'closed', permission: 'incident.decide', rules: [INC_06_CLOSE] },
    reopen: { from: ['closed'], to: 'reopened', permission: 'incident.decide' },
  },
});

/** Evaluation: scheduled → collecting → scoring → proposed → final (this slice records a scored proposal, then finalizes). */
export const evaluationLifecycle = defineLifecycle({
  objectType: 'Evaluation',
  table: 'supervision_evaluation',
  states: ['scheduled', 'collecting', 'scoring', 'proposed', 'final', 'objected', 'superseded'],
  transitions: {
    propose: { from: [NEW], to: 'proposed', permission: 'evaluation.score', rules: [EVA_01, EVA_04] },
    finalize: { from: ['proposed'], to: 'final', permission: 'evaluation.score', rules: [EVA_04] },
    // Part B (decision 0079): the authority schedules with a set version (EVA-07), a third-party evaluator scores.
    schedule: { from: [NEW], to: 'scheduled', permission: 'evaluation.score', rules: [EVA_SET, EVA_PERIOD] },
    score: { from: ['scheduled'], to: 'proposed', permission: 'evaluation.enter', rules: [EVA_SCORES, EVA_04] },
    // ENF-09: the evaluated org objects to a final result; dismissed → final again, upheld → a new version.
    object: { from: ['final'], to: 'objected', permission: 'evaluation.object', rules: [EVA_OBJECTION] },
    dismiss_objection: { from: ['objected'], to: 'final', permission: 'evaluation.score' },
    supersede: { from: ['objected'], to: 'superseded', permission: 'evaluation.score' },
  },
});

/** Rectification: ordered → submitted → accepted; submitted → rejected → submitted; ordered | rejected → overdue. */
export const rectificationLifecycle = defineLifecycle({
  objectType: 'Rectification',
  table: 'supervision_rectification',
  states: ['ordered', 'submitted', 'accepted', 'rejected', 'overdue', 'escalated'],
  transitions: {
    order: { from: [NEW], to: 'ordered', permission: 'rectification.order', rules: [ENF_01] },
    submit: {
      from: ['ordered', 'rejected'],
      to: 'submitted',
      permission: 'rectification.submit',
      rules: [ENF_EVIDENCE],
    },
    accept: { from: ['submitted'], to: 'accepted', permission: 'rectification.order', rules: [ENF_REJECT] },
    reject: { from: ['submitted'], to: 'rejected', permission: 'rectification.order', rules: [ENF_REJECT] },
    overdue: { from: ['ordered', 'rejected'], to: 'overdue', permission: 'supervision.clock', rules: [ENF_03] },
  },
});

/** CreditRecord: draft → determined → published; published → repaired | expired | revoked (CRD-02, CRD-03). */
export const creditRecordLifecycle = defineLifecycle({
  objectType: 'CreditRecord',
  table: 'supervision_credit_record',
  states: ['draft', 'determined', 'published', 'objection_pending', 'revoked', 'repaired', 'expired'],
  transitions: {
    record: { from: [NEW], to: 'draft', permission: 'credit.manage', rules: [CRD_01] },
    determine: { from: ['draft'], to: 'determined', permission: 'credit.manage', rules: [CRD_03_DETERMINE] },
    publish: { from: ['determined'], to: 'published', permission: 'credit.manage' },
    repair: { from: ['published'], to: 'repaired', permission: 'credit.manage', rules: [CRD_03_REPAIR] },
    expire: { from: ['published'], to: 'expired', permission: 'supervision.clock' },
    // ENF-09 (decision 0078): a SupervisoryObjection holds the record; upheld → revoked, otherwise published again.
    object: { from: ['published'], to: 'objection_pending', permission: 'supervisory_objection.file' },
    uphold_objection: { from: ['objection_pending'], to: 'revoked', permission: 'supervisory_objection.decide' },
    dismiss_objection: { from: ['objection_pending'], to: 'published', permission: 'supervisory_objection.decide' },
  },
});

/** Ban: active → expired (day after endsOn) | lifted (by decision, reason required). */
export const banLifecycle = defineLifecycle({
  objectType: 'Ban',
  table: 'supervision_ban',
  states: ['active', 'expired', 'lifted'],
  transitions: {
    record: { from: [NEW], to: 'active', permission: 'credit.manage', rules: [BAN_PERIOD] },
    // ENF-09 (decision 0078): an upheld SupervisoryObjection lifts the Ban, its reason on the row.
    lift: { from: ['active'], to: 'lifted', permission: 'supervisory_objection.decide' },
  },
});

// ---- Part B (decision 0079): the holiday calendar, complaints ----
definePermissions({
  // supervision.md actors: platform_admin imports the holiday calendar; every import is a new version (CAL-05).
  'calendar.import': { kind: 'write', roles: ['sys_admin'], actors: ['platform_admin'], relationships: ['platform'] },
  // 投诉举报 (seed 001): anyone files; the authority of the jurisdiction handles the case.
  'complaint.file': {
    kind: 'write',
    roles: [...REPORTERS, 'auditor', 'member', 'sys_admin', 'security_admin', 'audit_admin'],
    actors: ['public', 'any'],
    relationships: ['any'],
  },
  'complaint.handle': {
    kind: 'approve',
    roles: AUTHORITY_STAFF,
    actors: ['authority'],
    relationships: ['authority_of'],
  },
});

/** WorkCalendar version: official until a newer import of the same year supersedes it. */
export const workCalendarLifecycle = defineLifecycle({
  objectType: 'WorkCalendar',
  table: 'work_calendar',
  states: ['official', 'superseded'],
  transitions: {
    import: { from: [NEW], to: 'official', permission: 'calendar.import' },
    supersede: { from: ['official'], to: 'superseded', permission: 'calendar.import' },
  },
});

/** Complaint (投诉举报): filed → accepted → closed; filed → closed (not admissible, with a reason). */
export const complaintLifecycle = defineLifecycle({
  objectType: 'Complaint',
  table: 'supervision_complaint',
  states: ['filed', 'accepted', 'closed'],
  transitions: {
    file: { from: [NEW], to: 'filed', permission: 'complaint.file' },
    accept: { from: ['filed'], to: 'accepted', permission: 'complaint.handle' },
    close: { from: ['filed', 'accepted'], to: 'closed', permission: 'complaint.handle', rules: [COMPLAINT_OUTCOME] },
  },
});
