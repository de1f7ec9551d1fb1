import { addDays } from '../../../kernel/calendar/calendar.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { endLabGrants } from '../../authorization/service.js';
import { scheduleLabReports } from '../../supervision/service.js';
import { findingAction, FINDING_STATES, labLifecycle } from '../lifecycle.js';
import { Plaque } from '../model.js';
import type { DutyFinding, DutyView } from '../model-duties.js';
import type { LabTermination } from '../model-endings.js';
import { usageQuarters } from '../rules-duties.js';
import * as store from '../store.js';
import { listLabsForClock } from '../store-duties.js';
import { asStrings, json, today } from './common.js';
import { dutiesOf, findingsOf, labPeriod, usageObligation } from './duties.js';
import { labGrantIds, terminationOf } from './endings.js';
import { labSubject } from './labs.js';

/**
 * The labs clock (labs.md "Deadlines and clocks"; decision 0085), run by jobs.ts like the other contexts' clocks:
 * - `shortlisted → lapsed` when no agreement was filed within `lab.agreementFilingDays` of the shortlist;
 * - the quarterly usage Reports of running labs are scheduled as their quarters start (LAB-17);
 * - a duty whose period ended unmet becomes a finding for the evaluation, once (LAB-14/15/16/17);
 * - `active → expired` the day after validTo: the plaque pointer follows (rights' clock expires the Certificate at
 *   its validity end) and every Grant of the lab ends with it through authorization's port (labs.md "Grants end";
 *   a scope line may run past the certification, so the Grants' own validity is not enough; decision 0100).
 * - the partner-change clock: `lab.partnerChangeDays` after the entry into `partner_change_pending` the authority
 *   is prompted, once, to decide revocation (the state stays until it decides; decision 0100).
 * Every step is its own transaction and idempotent, so a failed run is simply retried by the next tick.
 */

const actor = systemActor('labs.clock');
const RUNNING = ['active', 'rectifying', 'partner_change_pending'];
const FINDING_KINDS = ['products', 'trainings', 'security_policy', 'usage_reports'];

export async function runLabClocks(k: Kernel) {
  const asOf = today(k);
  const out = { lapsed: 0, scheduled: 0, findings: 0, expired: 0, revocationPrompts: 0 };
  for (const lab of await listLabsForClock(k.db, ['shortlisted'])) {
    if (asOf > addDays(lab.shortlisted_on, k.profile.get<number>('lab.agreementFilingDays'))) {
      await step(k, lab, 'lapse', {});
      out.lapsed++;
    }
  }
  for (const lab of await listLabsForClock(k.db, RUNNING)) {
    out.scheduled += await scheduleReports(k, lab, asOf);
    out.findings += await recordFindings(k, lab, asOf);
    if (lab.state === 'active' && lab.valid_to && asOf > lab.valid_to) {
      await expire(k, lab.id);
      out.expired++;
    }
    if (lab.state === 'partner_change_pending' && (await promptRevocation(k, lab, asOf))) out.revocationPrompts++;
  }
  return out;
}

/** LAB-17: the partner files each started quarter's usage report to the initiator. */
function scheduleReports(k: Kernel, lab: store.LabRow, asOf: string) {
  const period = labPeriod(lab);
  if (!period) return Promise.resolve(0);
  return scheduleLabReports(
    k,
    usageQuarters(period.from, period.to, asOf).map((q) => ({
      obligationRef: usageObligation(lab.id),
      subjectOrgId: lab.partner_org_id,
      recipientOrgIds: [lab.initiator_org_id],
      jurisdictionId: lab.jurisdiction_id,
      jurisdictionPath: asStrings(lab.jurisdiction_path),
      period: q,
    })),
  );
}

/** Overdue duties of a counted period become findings (one per rule and period), for the annual evaluation. */
async function recordFindings(k: Kernel, lab: store.LabRow, asOf: string): Promise<number> {
  const known = new Set(findingsOf(lab).map(findingKey));
  const fresh = (await dutiesOf(k, lab, asOf))
    .filter((d) => d.state === 'overdue' && FINDING_KINDS.includes(d.kind))
    .map((d) => findingOf(d, k.clock.now()))
    .filter((f) => !known.has(findingKey(f)));
  if (!fresh.length) return 0;
  await k.db.transaction().execute(async (trx) => {
    const row = await store.getLab(trx, lab.id, true);
    if (!row || row.version !== lab.version) return; // changed since listed: the next run sees it
    if (!(FINDING_STATES as readonly string[]).includes(row.state)) return;
    await transition(trx, k.workflow, {
      lifecycle: labLifecycle,
      action: findingAction(row.state),
      actor,
      object: row,
      subject: labSubject(row),
      payload: { findings: fresh },
      values: { duty_findings: json([...findingsOf(row), ...fresh]) },
    });
  });
  return fresh.length;
}

const findingKey = (f: Pick<DutyFinding, 'ruleId' | 'period'>) => `${f.ruleId}:${f.period.from}`;
const findingOf = (d: DutyView, now: Date): DutyFinding => ({
  ruleId: d.ruleId,
  kind: d.kind,
  period: d.period,
  expected: d.expected,
  actual: d.actual,
  recordedAt: now.toISOString(),
});

/** `active → expired` the day after validTo; the lab's plaque pointer reads `expired` and its Grants end. */
async function expire(k: Kernel, labId: string) {
  await k.db.transaction().execute(async (trx) => {
    const row = await store.getLab(trx, labId, true);
    if (!row || row.state !== 'active') return;
    const held = Plaque.nullable().catch(null).parse(row.plaque);
    const plaque = held ? { ...held, status: 'expired' } : null;
    await transition(trx, k.workflow, {
      lifecycle: labLifecycle,
      action: 'expire',
      actor,
      object: row,
      subject: labSubject(row),
      facts: { validTo: row.valid_to },
      values: plaque ? { plaque: json(plaque) } : {},
    });
    await endLabGrants(trx, k, actor, await labGrantIds(trx, labId), 'lab_expired');
  });
}

/** The partner change was not approved within `lab.partnerChangeDays`: the authority is prompted once. */
async function promptRevocation(k: Kernel, lab: store.LabRow, asOf: string): Promise<boolean> {
  const t = terminationOf(lab);
  if (!t || t.revocationPrompt) return false;
  const dueOn = t.partnerChangeDueOn ?? addDays(t.terminatedOn, k.profile.get<number>('lab.partnerChangeDays'));
  if (asOf <= dueOn) return false;
  const next: LabTermination = {
    ...t,
    partnerChangeDueOn: dueOn,
    revocationPrompt: { promptedOn: asOf, notices: [{ recipient: 'authority', jurisdictionId: lab.jurisdiction_id }] },
  };
  await step(k, lab, 'prompt_revocation', { termination: json(next) });
  return true;
}

async function step(k: Kernel, lab: store.LabRow, action: string, values: Record<string, unknown>) {
  await k.db.transaction().execute(async (trx) => {
    const row = await store.getLab(trx, lab.id, true);
    if (!row || row.version !== lab.version) return;
    await transition(trx, k.workflow, {
      lifecycle: labLifecycle,
      action,
      actor,
      object: row,
      subject: labSubject(row),
      values,
    });
  });
}
