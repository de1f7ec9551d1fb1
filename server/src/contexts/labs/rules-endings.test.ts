import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../kernel/profiles/index.js';
import {
  evaluationResult,
  LAB_20,
  LAB_22_EVALUATOR,
  LAB_22_JOINT,
  LAB_22_SCORES,
  LAB_23_ACCEPTED,
  LAB_23_ORDER,
  LAB_23_TERMINATE,
  LAB_26_SERIOUS,
  LAB_MERGE,
  partnerBan,
} from './rules-endings.js';

// labs.md LAB-20, LAB-22…LAB-26 as pure rules; each with the case that breaks it.
const p = loadProfile('zhuhai');
const INDICATORS = [
  { code: 'operation', name: '运行管理', weight: 25, description: '' },
  { code: 'security', name: '数据安全保障', weight: 30, description: '' },
  { code: 'outcomes', name: '成果产出', weight: 25, description: '' },
  { code: 'benefit', name: '应用效益', weight: 20, description: '' },
];
const scores = (n: number) => INDICATORS.map((i) => ({ indicatorCode: i.code, score: n, note: '' }));
const code = (r: { ok: boolean; code?: string }) => (r.ok ? 'ok' : r.code);

describe('LAB-22 the evaluator is a third party without a conflict', () => {
  const base = {
    evaluatorOrgId: 'E',
    initiatorOrgId: 'I',
    partnerOrgId: 'P',
    evaluatorIsEvaluator: true,
    declaredConflictBefore: false,
  };
  it('passes for an evaluator organization that is not a party', () => {
    expect(code(LAB_22_EVALUATOR.check(base, p))).toBe('ok');
  });
  it('refuses an organization that is no evaluator, a party, or one that declared a conflict', () => {
    expect(code(LAB_22_EVALUATOR.check({ ...base, evaluatorIsEvaluator: false }, p))).toBe(
      'LAB_EVALUATOR_NOT_THIRD_PARTY',
    );
    expect(code(LAB_22_EVALUATOR.check({ ...base, evaluatorOrgId: 'P' }, p))).toBe('LAB_EVALUATOR_CONFLICT');
    expect(code(LAB_22_EVALUATOR.check({ ...base, declaredConflictBefore: true }, p))).toBe('LAB_EVALUATOR_CONFLICT');
  });
  it('needs the initiator to concur before the evaluator starts', () => {
    expect(code(LAB_22_JOINT.check({ initiatorConcurred: true }, p))).toBe('ok');
    expect(code(LAB_22_JOINT.check({ initiatorConcurred: false }, p))).toBe('LAB_EVALUATION_NOT_CONCURRED');
  });
  it('scores every indicator of the set once, none unknown', () => {
    expect(code(LAB_22_SCORES.check({ indicators: INDICATORS, scores: scores(80) }, p))).toBe('ok');
    expect(code(LAB_22_SCORES.check({ indicators: INDICATORS, scores: scores(80).slice(1) }, p))).toBe(
      'LAB_INDICATORS_UNSCORED',
    );
    const extra = [...scores(80), { indicatorCode: 'x', score: 1, note: '' }];
    expect(code(LAB_22_SCORES.check({ indicators: INDICATORS, scores: extra }, p))).toBe('LAB_INDICATOR_UNKNOWN');
    const twice = [...scores(80), scores(80)[0]!];
    expect(code(LAB_22_SCORES.check({ indicators: INDICATORS, scores: twice }, p))).toBe('LAB_INDICATOR_TWICE');
  });
  it('results pass at evaluation.lab.passScore (weighted mean) and fail below it', () => {
    expect(evaluationResult(INDICATORS, scores(60), [], p)).toEqual({ total: 60, result: 'pass' });
    expect(evaluationResult(INDICATORS, scores(59), [], p)).toEqual({ total: 59, result: 'fail' });
    const mixed = [100, 0, 100, 100].map((score, n) => ({ indicatorCode: INDICATORS[n]!.code, score, note: '' }));
    expect(evaluationResult(INDICATORS, mixed, [], p).total).toBe(70);
  });
});

describe('LAB-25 refusal, obstruction, evasion or fraud fails the evaluation', () => {
  it('fails a sheet scored 95 with falsified figures', () => {
    const fraud = [{ kind: 'fraud' as const, facts: '伪造产品使用数据', evidenceRefs: [] }];
    expect(evaluationResult(INDICATORS, scores(95), fraud, p)).toEqual({ total: 95, result: 'fail' });
    expect(evaluationResult(INDICATORS, scores(95), [], p).result).toBe('pass');
  });
});

describe('LAB-23 rectification, acceptance and termination', () => {
  it('orders a rectification only on a concluded failed evaluation of the lab', () => {
    expect(code(LAB_23_ORDER.check({ evaluation: { labMatches: true, result: 'fail' } }, p))).toBe('ok');
    expect(code(LAB_23_ORDER.check({ evaluation: { labMatches: true, result: 'pass' } }, p))).toBe(
      'LAB_EVALUATION_NOT_FAILED',
    );
    expect(code(LAB_23_ORDER.check({ evaluation: { labMatches: false, result: 'fail' } }, p))).toBe(
      'LAB_EVALUATION_NOT_FAILED',
    );
    expect(code(LAB_23_ORDER.check({ evaluation: null }, p))).toBe('LAB_EVALUATION_NOT_FAILED');
  });
  it('returns to active only on an accepted rectification', () => {
    expect(code(LAB_23_ACCEPTED.check({ rectificationState: 'accepted' }, p))).toBe('ok');
    expect(code(LAB_23_ACCEPTED.check({ rectificationState: 'submitted' }, p))).toBe('LAB_RECTIFICATION_NOT_ACCEPTED');
  });
  it('terminates only when still failing after the deadline', () => {
    const f = { rectificationState: 'ordered', deadline: '2027-09-03', today: '2027-09-04' };
    expect(code(LAB_23_TERMINATE.check(f, p))).toBe('ok');
    expect(code(LAB_23_TERMINATE.check({ ...f, rectificationState: 'overdue' }, p))).toBe('ok');
    expect(code(LAB_23_TERMINATE.check({ ...f, today: '2027-09-03' }, p))).toBe('LAB_RECTIFICATION_RUNNING');
    expect(code(LAB_23_TERMINATE.check({ ...f, rectificationState: 'accepted' }, p))).toBe(
      'LAB_RECTIFICATION_ACCEPTED',
    );
  });
});

describe('LAB-24 / LAB-26 ban lengths', () => {
  it('LAB-24: one year from the revocation decision (scenario 10)', () => {
    expect(partnerBan({ decidedOn: '2028-03-01', terminatedOn: '2028-02-20', serious: false }, p)).toEqual({
      ruleId: 'LAB-24',
      startsOn: '2028-03-01',
      endsOn: '2029-03-01',
    });
  });
  it('LAB-26: three years from the agreement termination in a serious case (scenario 11)', () => {
    expect(partnerBan({ decidedOn: '2028-03-01', terminatedOn: '2028-02-20', serious: true }, p)).toEqual({
      ruleId: 'LAB-26',
      startsOn: '2028-02-20',
      endsOn: '2031-02-20',
    });
  });
  it('LAB-26: only an evaluation with misconduct may be marked serious', () => {
    expect(code(LAB_26_SERIOUS.check({ misconduct: [{ kind: 'obstruction', facts: 'x', evidenceRefs: [] }] }, p))).toBe(
      'ok',
    );
    expect(code(LAB_26_SERIOUS.check({ misconduct: [] }, p))).toBe('LAB_NO_MISCONDUCT');
  });
});

describe('LAB-20 delisting needs a recorded basis', () => {
  const rect = (state: string | null, ofLab = true) => ({
    basis: { kind: 'rectification' as const, found: state !== null, ofLab, state },
  });
  const inc = (severity: string) => ({ basis: { kind: 'incident' as const, found: true, ofLab: true, severity } });
  it('passes on an overdue or rejected rectification, or a relatively major incident or worse', () => {
    for (const s of ['overdue', 'rejected']) expect(code(LAB_20.check(rect(s), p))).toBe('ok');
    for (const s of ['relatively_major', 'major', 'especially_major']) expect(code(LAB_20.check(inc(s), p))).toBe('ok');
  });
  it('refuses a running or accepted rectification, a general incident, or a basis of another lab', () => {
    expect(code(LAB_20.check(rect('ordered'), p))).toBe('LAB_DELISTING_BASIS_INSUFFICIENT');
    expect(code(LAB_20.check(rect('accepted'), p))).toBe('LAB_DELISTING_BASIS_INSUFFICIENT');
    expect(code(LAB_20.check(inc('general'), p))).toBe('LAB_DELISTING_BASIS_INSUFFICIENT');
    expect(code(LAB_20.check(rect('overdue', false), p))).toBe('LAB_DELISTING_BASIS_MISSING');
    expect(code(LAB_20.check(rect(null), p))).toBe('LAB_DELISTING_BASIS_MISSING');
  });
});

describe('merge (000:L53)', () => {
  it('needs another active lab as successor', () => {
    expect(code(LAB_MERGE.check({ selfId: 'a', successor: { id: 'b', state: 'active' } }, p))).toBe('ok');
    expect(code(LAB_MERGE.check({ selfId: 'a', successor: { id: 'a', state: 'active' } }, p))).toBe(
      'LAB_SUCCESSOR_INVALID',
    );
    expect(code(LAB_MERGE.check({ selfId: 'a', successor: { id: 'b', state: 'revoked' } }, p))).toBe(
      'LAB_SUCCESSOR_INVALID',
    );
    expect(code(LAB_MERGE.check({ selfId: 'a', successor: null }, p))).toBe('LAB_SUCCESSOR_INVALID');
  });
});
