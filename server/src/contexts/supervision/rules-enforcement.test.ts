import { describe, expect, it } from 'vitest';
import { chinaCalendar } from '../../kernel/calendar/calendar.js';
import { loadProfile } from '../../kernel/profiles/index.js';
import { TERMINATION_REASONS } from '../authorization/model.js';
import { AGREEMENT_TERMINATION_REASONS } from './model-enforcement.js';
import {
  drillDuty,
  ENF_04,
  ENF_05,
  ENF_06,
  ENF_09_DECIDE,
  ENF_09_FILE,
  objectionDueAt,
  quarterOf,
  windDownRemaining,
} from './rules-enforcement.js';

const p = loadProfile('zhuhai');
const code = (r: { ok: boolean; code?: string }) => (r.ok ? 'PASS' : r.code);
const term = (o: Record<string, unknown> = {}) => ({
  targetType: 'OperationAgreement' as const,
  reasonCode: 'unlawful_data_use',
  evidenceFileIds: ['ev'],
  negotiationRecordFileId: null,
  ...o,
});

describe('ENF-04 / ENF-05 termination reasons', () => {
  it('ENF-04: the nine codes of authorization.md AUTH-23, evidence, and the negotiation record for reason 6', () => {
    expect([...AGREEMENT_TERMINATION_REASONS]).toEqual([...TERMINATION_REASONS]);
    for (const reasonCode of AGREEMENT_TERMINATION_REASONS)
      expect(code(ENF_04.check(term({ reasonCode, negotiationRecordFileId: 'n' }), p))).toBe('PASS');
    expect(code(ENF_04.check(term({ reasonCode: 'lab_revoked' }), p))).toBe('TERMINATION_REASON_INVALID');
    expect(code(ENF_04.check(term({ evidenceFileIds: [] }), p))).toBe('TERMINATION_EVIDENCE_REQUIRED');
    expect(code(ENF_04.check(term({ reasonCode: 'expired_or_operator_withdrawal', evidenceFileIds: [] }), p))).toBe(
      'PASS',
    );
    expect(code(ENF_04.check(term({ reasonCode: 'delivery_failure_unresolved' }), p))).toBe(
      'NEGOTIATION_RECORD_REQUIRED',
    );
  });
  it('ENF-05: a Lab ends only on the four lab codes; an agreement code on a Lab is refused', () => {
    for (const reasonCode of ['lab_rectification_failed', 'lab_revoked', 'lab_delisted', 'lab_serious_misconduct'])
      expect(code(ENF_05.check(term({ targetType: 'Lab', reasonCode }), p))).toBe('PASS');
    expect(code(ENF_05.check(term({ targetType: 'Lab', reasonCode: 'breach_of_agreement' }), p))).toBe(
      'TERMINATION_REASON_INVALID',
    );
    expect(code(ENF_04.check(term({ targetType: 'Lab', reasonCode: 'lab_revoked' }), p))).toBe('PASS');
  });
});

describe('ENF-06 wind-down', () => {
  const done = {
    agreementTerminationId: 'a',
    collaborations: [{ id: 'c1', state: 'terminated' }],
    grants: [{ id: 'g1', state: 'revoked' }],
    workspaces: [{ workspaceId: 'w1', grantId: 'g1', state: 'destroyed', destructionRecordId: 'd1' }],
    destructionRecords: [{ id: 'd1', state: 'verified' }],
  };
  it('passes only when every collaboration, Grant, Workspace and record has ended', () => {
    expect(code(ENF_06.check({ cascade: done }, p))).toBe('PASS');
    expect(windDownRemaining({ ...done, collaborations: [{ id: 'c1', state: 'active' }] })).toEqual([
      'collaboration:c1',
    ]);
    expect(windDownRemaining({ ...done, grants: [{ id: 'g1', state: 'suspended' }] })).toEqual(['grant:g1']);
    expect(windDownRemaining({ ...done, workspaces: [{ ...done.workspaces[0]!, state: 'closing' }] })).toEqual([
      'workspace:w1',
    ]);
    const r = ENF_06.check({ cascade: { ...done, destructionRecords: [{ id: 'd1', state: 'executed' }] } }, p);
    expect(r).toMatchObject({ ok: false, code: 'TERMINATION_WIND_DOWN_INCOMPLETE' });
  });
});

describe('ENF-09 SupervisoryObjection', () => {
  it('scenario 2: filed 2026-02-10, answered within 15 working days → due 2026-03-09 (14 and 28 Feb worked, 15–23 off)', () => {
    const due = objectionDueAt(new Date('2026-02-10T03:00:00Z'), chinaCalendar(), p);
    expect(due.toISOString()).toBe('2026-03-09T15:59:59.999Z');
  });
  it('filing needs the org’s own decision and grounds; a decision needs a reason', () => {
    const f = { grounds: '事实认定有误', targetFound: true, targetIsFilers: true };
    expect(code(ENF_09_FILE.check(f, p))).toBe('PASS');
    expect(code(ENF_09_FILE.check({ ...f, targetIsFilers: false }, p))).toBe('OBJECTION_TARGET_UNKNOWN');
    expect(code(ENF_09_FILE.check({ ...f, targetFound: false }, p))).toBe('OBJECTION_TARGET_UNKNOWN');
    expect(code(ENF_09_FILE.check({ ...f, grounds: ' ' }, p))).toBe('OBJECTION_GROUNDS_REQUIRED');
    expect(code(ENF_09_DECIDE.check({ reason: '' }, p))).toBe('OBJECTION_REASON_REQUIRED');
    expect(code(ENF_09_DECIDE.check({ reason: '证据不足' }, p))).toBe('PASS');
  });
});

describe('INC-07 drills', () => {
  it('scenario 7: plan filed 2026-01-20, never drilled → reminders 2026-11-21 and 2026-12-21, overdue from 2027-01-21 in 2027-Q1', () => {
    const due = '2027-01-20';
    expect(drillDuty(due, '2026-11-20', p)).toEqual({
      reminders: ['2026-11-21', '2026-12-21'],
      overdue: false,
      findingQuarter: null,
    });
    expect(drillDuty(due, '2027-01-20', p).overdue).toBe(false);
    expect(drillDuty(due, '2027-01-21', p)).toMatchObject({ overdue: true, findingQuarter: '2027-Q1' });
    expect(drillDuty(null, '2027-01-21', p)).toEqual({ reminders: [], overdue: false, findingQuarter: null });
    expect(quarterOf('2027-03-31')).toBe('2027-Q1');
    expect(quarterOf('2027-04-01')).toBe('2027-Q2');
  });
});
