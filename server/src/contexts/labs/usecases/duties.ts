import { endOfShanghaiDay, shanghaiDate } from '../../../kernel/calendar/calendar.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { authorize } from '../../../kernel/workflow/authorize.js';
import { labTrainings } from '../../identity/service.js';
import { labProductReviews } from '../../products/service.js';
import { grantUsageCounts } from '../../sandbox/service.js';
import { labIncidents, labReports, type LabReportFact } from '../../supervision/service.js';
import { DataScopeLine } from '../model.js';
import { DutyFinding, type DutyView, type LabDutiesView, SecurityPolicy } from '../model-duties.js';
import {
  LAB_18,
  countedDuty,
  dutyState,
  policyDueOn,
  trainingWarning,
  trainingYears,
  usageQuarters,
} from '../rules-duties.js';
import * as store from '../store.js';
import { asStrings, today } from './common.js';
import { getLab, labSubject } from './labs.js';

/**
 * The lab's running duties (labs.md LAB-14…LAB-18, decision 0085), computed from the evidence other contexts hold:
 * products and their ComplianceReviews (products' port), trainings (identity's), the security policy (the lab's own
 * row), quarterly usage reports and issue reports (supervision's). Reads only: the clock (usecases/duty-clock.ts)
 * schedules reports and records findings.
 */

/** The co-construction period = the certification period (labs.md LAB-14, default chosen by us). */
export const labPeriod = (l: store.LabRow) =>
  l.certified_at && l.valid_to ? { from: l.certified_at, to: l.valid_to } : null;

/** The obligation every quarterly report of the lab names (supervision_report.obligation_ref). */
export const usageObligation = (labId: string) => `lab:${labId}:usage`;

export async function labDuties(k: Kernel, actor: Actor, labId: string): Promise<LabDutiesView> {
  const lab = await getLab(k, actor, labId);
  const asOf = today(k);
  const duties = await dutiesOf(k, lab, asOf);
  return {
    labId: lab.id,
    labNo: lab.lab_no,
    labState: lab.state,
    asOf,
    period: labPeriod(lab),
    duties,
    findings: findingsOf(lab),
    usagePrefill: await usagePrefill(k, lab, asOf),
    abilities: dutyAbilities(k, actor, lab),
  };
}

/** Every duty row of the lab as of `asOf`; none before certification. */
export async function dutiesOf(k: Kernel, lab: store.LabRow, asOf: string): Promise<DutyView[]> {
  const period = labPeriod(lab);
  if (!period) return [];
  return [
    ...(await productDuty(k, lab, period, asOf)),
    ...(await trainingDuties(k, lab, period, asOf)),
    policyDuty(k, lab, period, asOf),
    ...(await reportDuties(k, lab, period, asOf)),
    await issueDuty(k, lab, period, asOf),
  ];
}

type Period = { from: string; to: string };

/** LAB-14: lab products that passed ComplianceReview in the period; due on the period's last day. */
async function productDuty(k: Kernel, lab: store.LabRow, period: Period, asOf: string): Promise<DutyView[]> {
  const products = await labProductReviews(k.db, lab.id);
  const passed = products.filter((p) => p.passedAt && inPeriod(shanghaiDate(new Date(p.passedAt)), period));
  const evidence = products.map((p) => ({
    type: 'DataProduct' as const,
    id: p.productId,
    label: `${p.code} ${p.name}`,
    on: p.passedAt ? shanghaiDate(new Date(p.passedAt)) : null,
    state: p.passedAt ? 'passed' : p.productState,
  }));
  const c = { period, expected: k.profile.get<number>('lab.minCompliantProducts'), actual: passed.length };
  return [countedDuty('products', 'LAB-14', c, period.to, asOf, evidence)];
}

/** LAB-15: data-security trainings per calendar year; the current and the previous year are shown. */
async function trainingDuties(k: Kernel, lab: store.LabRow, period: Period, asOf: string): Promise<DutyView[]> {
  const years = trainingYears(period.from, period.to, asOf).slice(-2);
  const min = k.profile.get<number>('lab.minTrainingsPerYear');
  return Promise.all(
    years.map(async (y) => {
      const held = await labTrainings(k.db, lab.id, { ...y, kind: 'data_security' });
      const evidence = held.map((t) => ({
        type: 'Training' as const,
        id: t.id,
        label: t.title,
        on: t.heldOn,
        state: 'recorded',
      }));
      const c = { period: y, expected: min, actual: held.length };
      return countedDuty('trainings', 'LAB-15', c, y.to, asOf, evidence, trainingWarning(y, held.length, asOf));
    }),
  );
}

/** LAB-16: the policy in force was approved at most N months ago (before the first version: since certification). */
function policyDuty(k: Kernel, lab: store.LabRow, period: Period, asOf: string): DutyView {
  const policy = SecurityPolicy.nullable().catch(null).parse(lab.security_policy);
  const approvedAt = policy?.approvedAt ?? period.from;
  const dueOn = policyDueOn(approvedAt, k.profile);
  const met = asOf <= dueOn;
  return {
    key: `security_policy:${approvedAt}`,
    kind: 'security_policy',
    ruleId: 'LAB-16',
    period: { from: approvedAt, to: dueOn },
    dueOn,
    state: dutyState(met, dueOn, asOf),
    expected: 1,
    actual: met ? 1 : 0,
    shortfall: met ? 0 : 1,
    warning: policy ? null : 'LAB_POLICY_NONE_FILED',
    evidence: policy
      ? [{ type: 'SecurityPolicy', id: policy.fileId, label: policy.version, on: policy.approvedAt, state: 'approved' }]
      : [],
  };
}

/** LAB-17: one row per started quarter; its Report (scheduled by the clock) carries the due date. */
async function reportDuties(k: Kernel, lab: store.LabRow, period: Period, asOf: string): Promise<DutyView[]> {
  const reports = await labReports(k.db, usageObligation(lab.id));
  return usageQuarters(period.from, period.to, asOf).map((q) =>
    reportDuty(
      q,
      reports.find((r) => r.periodFrom === q.from),
      asOf,
    ),
  );
}

function reportDuty(q: Period, r: LabReportFact | undefined, asOf: string): DutyView {
  const submitted = !!r?.submittedAt;
  const dueOn = r ? shanghaiDate(new Date(r.dueAt)) : null;
  const state = r?.state === 'overdue' ? 'overdue' : dutyState(submitted, dueOn, asOf);
  return {
    key: `usage_reports:${q.from}`,
    kind: 'usage_reports',
    ruleId: 'LAB-17',
    period: q,
    dueOn,
    state,
    expected: 1,
    actual: submitted ? 1 : 0,
    shortfall: submitted ? 0 : 1,
    warning: r?.late ? 'LAB_REPORT_LATE' : null,
    evidence: r ? [{ type: 'Report', id: r.id, label: `${q.from} – ${q.to}`, on: dueOn, state: r.state }] : [],
  };
}

/** LAB-18: every Incident naming the lab was reported within `lab.issueReportHours` of its discovery. */
async function issueDuty(k: Kernel, lab: store.LabRow, period: Period, asOf: string): Promise<DutyView> {
  const incidents = await labIncidents(k.db, lab.id);
  const onTime = incidents.filter(
    (i) => LAB_18.check({ discoveredAt: new Date(i.discoveredAt), reportedAt: new Date(i.reportedAt) }, k.profile).ok,
  );
  const late = incidents.length - onTime.length;
  return {
    key: `issue_reports:${period.from}`,
    kind: 'issue_reports',
    ruleId: 'LAB-18',
    period,
    dueOn: null,
    state: late ? 'overdue' : 'ok',
    expected: incidents.length,
    actual: onTime.length,
    shortfall: late,
    warning: null,
    evidence: incidents.map((i) => ({
      type: 'Incident' as const,
      id: i.id,
      label: `${i.incidentNo} ${i.type}`,
      on: shanghaiDate(new Date(i.discoveredAt)),
      state: i.state,
    })),
  };
}

/** LAB-17 pre-fill: per filed scope line, jobs and egress under its Grant in the quarter being reported. */
async function usagePrefill(k: Kernel, lab: store.LabRow, asOf: string) {
  const period = labPeriod(lab);
  const quarters = period ? usageQuarters(period.from, period.to, asOf) : [];
  const q = quarters[quarters.length - 1] ?? { from: asOf, to: asOf };
  const agreement = lab.current_agreement_id ? await store.getAgreement(k.db, lab.current_agreement_id) : undefined;
  const lines = agreement ? DataScopeLine.array().catch([]).parse(agreement.data_scope) : [];
  const grantIds = agreement ? asStrings(agreement.grant_ids) : [];
  const from = new Date(`${q.from}T00:00:00+08:00`);
  const counts = await grantUsageCounts(k.db, grantIds, from, endOfShanghaiDay(q.to));
  return {
    period: q,
    lines: lines.map((l, i) => {
      const c = counts[i];
      return {
        dataResourceId: l.dataResourceId,
        grantId: c?.grantId ?? null,
        rawAllowed: l.rawAllowed,
        jobs: c?.jobs ?? 0,
        egress: c?.egress ?? 0,
      };
    }),
  };
}

export const findingsOf = (lab: store.LabRow): DutyFinding[] => DutyFinding.array().catch([]).parse(lab.duty_findings);

const inPeriod = (d: string, p: Period) => d >= p.from && d <= p.to;

/** Buttons of the duty page follow the same permission the use cases check. */
function dutyAbilities(k: Kernel, actor: Actor, lab: store.LabRow): string[] {
  if (!['active', 'rectifying'].includes(lab.state)) return [];
  const may = authorize(actor, 'lab.duty.file', labSubject(lab), k.clock.now(), k.profile).allowed;
  return may ? ['record_training', 'renew_policy', 'report_issue'] : [];
}
