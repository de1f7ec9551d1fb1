import type { Profile } from '../../../kernel/profiles/index.js';
import { fail, pass, rule } from '../../../kernel/workflow/rules.js';
import type { CheckItem, CheckResult } from '../model.js';
import { matchFields, maxGradeOf, negativeMatches, PM_01, rawPersonalFields, type ProductFacts } from './product.js';

/** The checklist lines the platform computes from the product's own facts (CR-1, 2, 3, 7, 8, 9, and CR-5 when n/a). */
export function automaticChecks(f: ProductFacts, profile: Profile): Partial<Record<CheckItem['code'], CheckResult>> {
  const { used, outside } = matchFields(f.requestedFields, f.grantedFields);
  const grantsOk = f.grantsFound === f.grantsCited && !f.grantsNotHeld.length;
  const inPeriod = !!f.grantValidTo && f.today <= f.grantValidTo && !f.grantsInactive.length;
  // PM-01's own answer: an approved scenario, or for a lab product the active lab's filed agreement (LAB-13/28).
  const scenarioOk = PM_01.check(f, profile).ok;
  const names = used.map((x) => x.nameZh);
  const prohibited = negativeMatches(
    { categoryTags: f.categoryTags, fieldNames: names, maxGrade: maxGradeOf(used) },
    profile,
  ).filter((e) => e.level === 'prohibited');
  const out: Partial<Record<CheckItem['code'], CheckResult>> = {
    'CR-1': grantsOk ? 'pass' : 'fail',
    'CR-2': outside.length || !inPeriod || !scenarioOk ? 'fail' : 'pass',
    'CR-3': rawPersonalFields(f).length ? 'fail' : 'pass',
    'CR-7': prohibited.length ? 'fail' : 'pass',
    'CR-8': f.hasDeclaration ? 'pass' : 'fail',
    'CR-9': scenarioOk ? 'pass' : 'fail',
  };
  // CR-5: a PIIA is needed only where personal information was processed (个人信息保护法 Art. 55).
  if (!used.some((x) => x.personalInfo)) out['CR-5'] = 'n_a';
  return out;
}

/** CR-6: the irreversibility test's smallest group must reach review.irreversibility.minK. */
export function irreversibilityResult(minK: number | null, claimed: CheckResult, profile: Profile): CheckResult {
  if (claimed !== 'pass') return claimed;
  return minK !== null && minK >= profile.get<number>('review.irreversibility.minK') ? 'pass' : 'fail';
}

export interface DecisionFacts {
  items: CheckItem[];
  deciderOrgId: string | null;
  producerOrgIds: string[];
  /** Org ids of whoever recorded the manual lines. */
  checkerOrgIds: string[];
  needsEvaluatorReport: boolean;
  evaluatorReportId: string | null;
}

// PM-05: every checklist item CR-1…CR-9 passes (or does not apply) before a review can pass.
export const PM_05 = rule('PM-05', (f: DecisionFacts) => {
  const bad = f.items.filter((i) => i.result === 'fail' || (i.result !== 'n_a' && !i.checkedAt)).map((i) => i.code);
  if (bad.length) return fail('CHECKLIST_NOT_PASSED', { items: bad }, 422);
  return f.needsEvaluatorReport && !f.evaluatorReportId ? fail('EVALUATOR_REPORT_REQUIRED', {}, 422) : pass();
});

// PM-06: the authority decides; nobody from the producing organization checks or signs (004:L22999).
export const PM_06 = rule('PM-06', (f: DecisionFacts) => {
  const related = [f.deciderOrgId, ...f.checkerOrgIds].filter((o) => o && f.producerOrgIds.includes(o));
  return related.length ? fail('REVIEWER_RELATED', {}, 422) : pass();
});

/** Default (ours): a third-party report is required when personal information is used or the grade ≥ important. */
export function needsEvaluatorReport(personalInfoUsed: boolean, maxGrade: string): boolean {
  return personalInfoUsed || maxGrade === 'important' || maxGrade === 'core';
}
