import { sql } from 'kysely';
import { z } from 'zod';
import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import { notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { activeActorRoles, type Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { dataRequestLifecycle } from '../lifecycle.js';
import type { ApproverFacts } from '../rules/requests.js';
import { resourceSubject } from './resources.js';
import * as store from '../store.js';
import { openTask } from './tasks.js';
import { type Tx } from '../../../kernel/db/tables.js';

/**
 * The working-day steps of a ShareRequest / OpenRequest after intake (catalog.md "Sharing and
 * opening"): extension, provider consultation, the OPN-04 instrument, delivery, and the clock
 * job that flags a missed step `overdue` (never approves it) and sends T−1 reminders to both sides.
 */
type Row = store.DataRequestRow;
/** A request the clock job reads, with its resource's owner and jurisdiction. */
type ClockRow = Row & { source_unit_org_id: string; jurisdiction_id: string; jurisdiction_path: string[] };
type Clocks = {
  replyDue?: string;
  providerDue?: string;
  deliverDue?: string;
  overdueSteps?: { step: string; dueAt: string; flaggedAt: string }[];
};

export function approverFacts(a: Actor, q: Row, r: store.ResourceRow): ApproverFacts {
  return {
    approverModel: q.approver_model ?? 'provider',
    state: q.state,
    actorIsProvider: a.orgId === r.source_unit_org_id,
    actorIsAuthority: activeActorRoles(a, 'authority').some((x) => x.jurisdictionId === r.jurisdiction_id),
  };
}

const daysKey = (q: Row, step: string) => `${q.kind === 'share' ? 'share' : 'open'}.${step}`;

/** Approval starts the delivery clock where the profile has one (sichuan: 2 WD after consent). */
export function withDeliverClock(k: Kernel, q: Row, now: Date): Clocks {
  const days = k.profile.get<number | null>(daysKey(q, 'deliverDays'));
  // Clocks are written only by these steps and fileRequest (JSON we wrote).
  const c: Clocks = { ...(q.clocks as Clocks) };
  return days ? { ...c, deliverDue: k.calendar.dueAt(now, days).toISOString() } : c;
}

async function load(trx: Tx, a: Actor, id: string) {
  const q = await store.getDataRequest(trx, id, true);
  const r = q ? await store.getResource(trx, q.resource_id as string) : undefined;
  if (
    !q ||
    !r ||
    (a.orgId !== q.requester_org_id &&
      a.orgId !== r.source_unit_org_id &&
      !a.readableJurisdictionIds.includes(r.jurisdiction_id))
  )
    throw notFound('DataRequest', id);
  return {
    q,
    r,
    subject: { ...resourceSubject(r), type: 'DataRequest', id, partyOrgIds: [q.requester_org_id as string] },
  };
}

/** The authority extends the reply clock from its current due date (sichuan: 03-10 → 03-17). */
export async function extendRequest(k: Kernel, a: Actor, id: string) {
  return k.db.transaction().execute(async (trx) => {
    const { q, subject } = await load(trx, a, id);
    const days = k.profile.get<number | null>(daysKey(q, 'extensionDays'));
    const c = q.clocks as Clocks;
    const from = c.replyDue ? new Date(c.replyDue) : k.clock.now();
    return transition(trx, k.workflow, {
      lifecycle: dataRequestLifecycle,
      action: 'extend',
      actor: a,
      object: q,
      subject,
      facts: { step: 'extend', days, approverModel: q.approver_model },
      input: { days },
      values: {
        clocks: JSON.stringify({ ...c, replyDue: days ? k.calendar.dueAt(from, days).toISOString() : c.replyDue }),
        overdue: false,
      },
    });
  });
}

/** The authority consults the provider, who gets `providerReplyDays` working days. */
export async function consultProvider(k: Kernel, a: Actor, id: string) {
  return k.db.transaction().execute(async (trx) => {
    const { q, subject } = await load(trx, a, id);
    const days = k.profile.get<number | null>(daysKey(q, 'providerReplyDays'));
    const c = q.clocks as Clocks;
    return transition(trx, k.workflow, {
      lifecycle: dataRequestLifecycle,
      action: 'consult_provider',
      actor: a,
      object: q,
      subject,
      facts: { step: 'consult_provider', days, approverModel: q.approver_model },
      input: { days },
      values: {
        clocks: JSON.stringify({
          ...c,
          providerDue: days ? k.calendar.dueAt(k.clock.now(), days).toISOString() : undefined,
        }),
        overdue: false,
      },
    });
  });
}

export const InstrumentInput = z.object({
  kind: z.enum(['pledge', 'agreement']),
  dataList: z.array(z.string().min(1).max(200)).max(500).default([]),
  purpose: z.string().max(1000).optional(),
  scenario: z.string().max(1000).optional(),
  securityMeasures: z.string().max(2000).optional(),
  term: z.string().max(200).optional(),
  disposalAtExpiry: z.string().max(1000).optional(),
  usageFeedback: z.string().max(1000).optional(),
  capacityEvidence: z.array(z.string().min(1).max(500)).max(50).optional(),
});
export type InstrumentInput = z.infer<typeof InstrumentInput>;

/** OPN-04: the applicant signs the pledge or agreement the profile requires. */
export async function signInstrument(k: Kernel, a: Actor, id: string, instrument: InstrumentInput) {
  return k.db.transaction().execute(async (trx) => {
    const { q, subject } = await load(trx, a, id);
    const facts = {
      required: k.profile.get<'pledge' | 'agreement'>('open.instrument'),
      instrument,
      capacityRequired: k.profile.get<boolean>('open.requireCapacityEvidence'),
    };
    return transition(trx, k.workflow, {
      lifecycle: dataRequestLifecycle,
      action: 'sign_agreement',
      actor: a,
      object: q,
      subject,
      facts,
      input: { kind: instrument.kind },
      values: {
        body: JSON.stringify({
          ...(q.body as object),
          instrument: { ...instrument, signedBy: a.userId, signedAt: k.clock.now().toISOString() },
        }),
      },
    });
  });
}

/** The provider delivers; a conditional open request only once its instrument is signed (OPN-04). */
export async function deliverRequest(k: Kernel, a: Actor, id: string) {
  return k.db.transaction().execute(async (trx) => {
    const { q, r, subject } = await load(trx, a, id);
    return transition(trx, k.workflow, {
      lifecycle: dataRequestLifecycle,
      action: 'deliver',
      actor: a,
      object: q,
      subject,
      facts: { kind: q.kind, openClass: r.open_class, state: q.state },
      input: {},
      values: { overdue: false },
    });
  });
}

/** The due date of the step a request is in, if its clock runs. */
function currentDue(q: Row): { step: string; due: string } | null {
  const c = q.clocks as Clocks;
  const due = ['under_review', 'extended'].includes(q.state)
    ? c.replyDue
    : q.state === 'provider_consulted'
      ? c.providerDue
      : q.state === 'approved'
        ? c.deliverDue
        : undefined;
  return due ? { step: q.state, due } : null;
}

/**
 * The request clock job: a step past its due date is flagged `overdue` for the authority
 * (the request stays where it is: never approved by silence); one working day before a due
 * date both the requester and the provider get a reminder task.
 */
export async function runRequestClocks(k: Kernel): Promise<{ overdue: number; reminders: number }> {
  const now = k.clock.now();
  const rows = (
    await sql<ClockRow>`SELECT q.*, r.source_unit_org_id, r.jurisdiction_id, j.path AS jurisdiction_path FROM data_request q JOIN data_resource r ON r.id = q.resource_id
    JOIN jurisdiction j ON j.id = r.jurisdiction_id WHERE q.state IN ('under_review', 'extended', 'provider_consulted', 'approved')`.execute(
      k.db,
    )
  ).rows;
  let overdue = 0,
    reminders = 0;
  for (const q of rows) {
    const d = currentDue(q);
    if (!d) continue;
    if (new Date(d.due) < now) {
      if (!q.overdue) overdue += await flagOverdue(k, q, d, now);
    } else if (k.calendar.workingDaysBetween(shanghaiDate(now), shanghaiDate(new Date(d.due))) <= 1) {
      reminders += await remind(k, q, d);
    }
  }
  return { overdue, reminders };
}

async function flagOverdue(k: Kernel, q: Row, d: { step: string; due: string }, now: Date) {
  const c = q.clocks as Clocks;
  const steps = [...(c.overdueSteps ?? []), { step: d.step, dueAt: d.due, flaggedAt: now.toISOString() }];
  const res = await k.db
    .updateTable('data_request')
    .set({ overdue: true, clocks: JSON.stringify({ ...c, overdueSteps: steps }) })
    .where('id', '=', q.id)
    .where('state', '=', q.state)
    .where('version', '=', q.version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

async function remind(k: Kernel, q: ClockRow, d: { step: string; due: string }) {
  let n = 0;
  await k.db.transaction().execute(async (trx) => {
    for (const org of [q.requester_org_id as string, q.source_unit_org_id as string]) {
      const key = `reminder:${q.id}:${d.step}:${d.due}:${org}`;
      const opened = await openTask(trx, k, {
        kind: 'reminder',
        ruleId: q.kind === 'share' ? 'SHR-02' : 'OPN-04',
        assigneeOrgId: org,
        jurisdictionId: q.jurisdiction_id,
        jurisdictionPath: q.jurisdiction_path,
        resourceId: q.resource_id,
        subjectType: 'DataRequest',
        subjectId: q.id,
        dedupeKey: key,
        details: { step: d.step, dueAt: d.due, kind: q.kind },
        dueAt: new Date(d.due),
      });
      if (opened) n++;
    }
  });
  return n;
}
