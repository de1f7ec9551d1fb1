import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import type { Tx } from '../../../kernel/db/tables.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Profile } from '../../../kernel/profiles/index.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import type { Duration, EvidenceFile, RegType, ReportInput } from '../model.js';
import { needsPublicity, needsSecondReview, type ReviewFacts, type RouteFacts } from '../rules/index.js';
import * as store from '../store.js';
import { clocksOf, dueAt, step, withClocks, withRegistration } from './common.js';
import { onRegistered, partiesOf, type Parties } from './effects.js';
import { orgInfo } from './orgs.js';

/** The registry's desk: acceptance, formal review, correction, commissioning, decisions (rights-assets.md lifecycle). */

const wd = (p: Profile, key: string): Duration => ({ days: p.get<number>(key), unit: 'WD' });

/** Accepts (RA-01…RA-04 were checked at submission); the review clock `reg.reviewWD` starts. */
export function acceptRegistration(k: Kernel, actor: Actor, id: string) {
  return withRegistration(k, actor, id, (trx, row, p) =>
    step(trx, k, row, 'accept', actor, {
      values: {
        clocks: withClocks(row, { reviewDueAt: dueAt(k, k.clock.now(), wd(p, 'reg.reviewWD')).toISOString() }),
      },
    }),
  );
}

/** Rejects at acceptance, stating the reasons (RA-04 grounds where they apply). */
export function rejectRegistration(k: Kernel, actor: Actor, id: string, input: { reason: string; grounds: string[] }) {
  return withRegistration(k, actor, id, (trx, row) =>
    step(trx, k, row, 'reject', actor, { input, values: { decision: JSON.stringify(input) } }),
  );
}

export function startFormalReview(k: Kernel, actor: Actor, id: string) {
  return withRegistration(k, actor, id, (trx, row) => step(trx, k, row, 'start_formal_review', actor));
}

/** Lists every defect once, in writing; the review clock pauses and `reg.correctionWD` starts. */
export function requestCorrection(k: Kernel, actor: Actor, id: string, defects: string[]) {
  return withRegistration(k, actor, id, (trx, row, p) => {
    const now = k.clock.now();
    const clocks = {
      reviewPausedAt: now.toISOString(),
      correctionDueAt: dueAt(k, now, wd(p, 'reg.correctionWD')).toISOString(),
    };
    return step(trx, k, row, 'request_correction', actor, {
      input: { defects },
      values: { decision: JSON.stringify({ defects }), clocks: withClocks(row, clocks) },
    });
  });
}

/** Complete materials: the review clock resumes with the working days it had left. */
export function resubmitRegistration(k: Kernel, actor: Actor, id: string, evidence: EvidenceFile[]) {
  return withRegistration(k, actor, id, (trx, row) => {
    const c = clocksOf(row);
    const now = k.clock.now();
    let reviewDueAt = c.reviewDueAt;
    if (c.reviewDueAt && c.reviewPausedAt) {
      const left = k.calendar.workingDaysBetween(
        shanghaiDate(new Date(c.reviewPausedAt)),
        shanghaiDate(new Date(c.reviewDueAt)),
      );
      reviewDueAt = k.calendar.dueAt(now, Math.max(0, left)).toISOString();
    }
    const all = [...(row.evidence as EvidenceFile[]), ...evidence]; // written by us through EvidenceFile
    return step(trx, k, row, 'resubmit', actor, {
      input: { evidence },
      values: {
        evidence: JSON.stringify(all),
        clocks: withClocks(row, { reviewDueAt, reviewPausedAt: undefined, correctionDueAt: undefined }),
      },
    });
  });
}

/** Formal check passed: substantive review, by a commissioned independent evaluator where the profile says so (RA-05). */
export async function commissionReview(k: Kernel, actor: Actor, id: string, evaluatorOrgId?: string) {
  const evaluator = evaluatorOrgId ? await orgInfo(k, evaluatorOrgId) : null;
  return withRegistration(k, actor, id, (trx, row) => {
    const facts: ReviewFacts = {
      evaluatorOrgId: evaluator?.id ?? null,
      evaluatorIsEvaluator: !!evaluator?.actors.includes('evaluator'),
      partyOrgIds: [row.applicant_org_id, row.holder_org_id, row.counterparty_org_id].filter((x): x is string => !!x),
      reportPassed: null,
    };
    return step(trx, k, row, 'commission', actor, {
      facts,
      input: { evaluatorOrgId: evaluator?.id ?? null },
      values: { evaluator_org_id: evaluator?.id ?? null },
    });
  });
}

/** The evaluator's substantive-review report (实质性审查报告), kept with its SM3. */
export function submitReport(k: Kernel, actor: Actor, id: string, input: ReportInput) {
  return withRegistration(k, actor, id, (trx, row) =>
    step(trx, k, row, 'report', actor, {
      facts: { passed: input.passed, checks: input.checks },
      input,
      values: { review_report: JSON.stringify({ ...input, evaluatorOrgId: actor.orgId ?? '' }) },
    }),
  );
}

/** The passing report on file (RA-05), or null. */
const reportPassed = (row: store.RegistrationRow) =>
  row.review_report ? (row.review_report as { passed: boolean }).passed : null; // written by submitReport

/**
 * The registry's decision after substantive (or second) review. Fail: refused, with the failure
 * notice due in `reg.failureNoticeWD`. Pass: second review (Guangdong ordinary), publicity
 * (RA-09 types) with `reg.publicity`, or straight to the certificate.
 */
export async function decideRegistration(
  k: Kernel,
  actor: Actor,
  id: string,
  input: { outcome: 'pass' | 'fail'; reason?: string },
) {
  const pre = await store.getRegistration(k.db, id);
  const parties = pre ? await partiesOf(k, pre) : null;
  return withRegistration(k, actor, id, async (trx, row, p) => {
    const now = k.clock.now();
    if (input.outcome === 'fail') {
      const failureNoticeDueAt = dueAt(k, now, wd(p, 'reg.failureNoticeWD')).toISOString();
      return step(trx, k, row, 'fail_review', actor, {
        input,
        values: { decision: JSON.stringify({ reason: input.reason }), clocks: withClocks(row, { failureNoticeDueAt }) },
      });
    }
    const route: RouteFacts = {
      regType: row.reg_type as RegType,
      procedure: row.procedure,
      fromSecondReview: row.state === 'second_review',
    };
    const facts = { ...route, reportPassed: reportPassed(row) };
    if (needsSecondReview(route, p)) return step(trx, k, row, 'to_second_review', actor, { facts, input });
    if (needsPublicity(route.regType, p)) {
      const d = p.get<Duration>(row.procedure === 'simple' ? 'reg.publicitySimple' : 'reg.publicity');
      const clocks = { publicityStart: now.toISOString(), publicityEnd: dueAt(k, now, d).toISOString() };
      return step(trx, k, row, 'publish', actor, { facts, input, values: { clocks: withClocks(row, clocks) } });
    }
    return registerWith(trx, k, row, p, parties, () => step(trx, k, row, 'register_directly', actor, { facts, input }));
  });
}

/** Runs the registering transition, then the registration's effects (certificate, encumbrance, …). */
export async function registerWith(
  trx: Tx,
  k: Kernel,
  row: store.RegistrationRow,
  p: Profile,
  parties: Parties | null,
  run: () => ReturnType<typeof step>,
) {
  const res = await run();
  const fresh = await store.getRegistration(trx, row.id);
  if (!fresh || !parties) throw new Error(`registration ${row.id} vanished`);
  await onRegistered(trx, k, p, fresh, parties);
  return res;
}
