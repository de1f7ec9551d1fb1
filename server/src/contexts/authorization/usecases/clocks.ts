import type { RawBuilder } from 'kysely';
import { addDays } from '../../../kernel/calendar/calendar.js';
import type { Tx } from '../../../kernel/db/tables.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { agreementLifecycle, applicationLifecycle, collaborationLifecycle, planLifecycle } from '../lifecycle.js';
import { transitionGrant } from './followers.js';
import * as store from '../store.js';
import { agreementSubject, applicationSubject, collaborationSubject, grantSubject, planSubject } from '../subjects.js';
import { cascadeGrants, clockActor } from './agreements.js';
import { json, today } from './common.js';

/**
 * The time-driven transitions of authorization.md (architecture §4: deadlines are data, a job
 * acts when they run out). Each step runs in its own transaction; rows are claimed with SKIP LOCKED.
 */
export async function runAuthorizationClocks(k: Kernel): Promise<Record<string, number>> {
  const t = today(k);
  const now = k.clock.now();
  const actor = clockActor();
  const counts: Record<string, number> = {};
  const step = async <R>(name: string, q: RawBuilder<R>, act: (trx: Tx, row: R) => Promise<unknown>) => {
    counts[name] = await k.db.transaction().execute(async (trx) => {
      const rows = (await q.execute(trx)).rows;
      for (const r of rows) await act(trx, r);
      return rows.length;
    });
  };
  const withPath = async <R extends { jurisdiction_id: string }>(trx: Tx, r: R) => ({
    ...r,
    jurisdiction_path: await store.jurisdictionPath(trx, r.jurisdiction_id),
  });

  // Grants end on their calendar date (validTo inclusive).
  await step('grantsExpired', store.DUE.grantsPastValidTo(t), async (trx, g) =>
    transitionGrant(trx, k, {
      action: 'expire',
      actor,
      object: g,
      subject: grantSubject(await withPath(trx, g)),
    }),
  );
  // No plan submitted within planFilingDays: the grant lapses (AUTH-17).
  await step('grantsLapsed', store.DUE.grantsPastPlanDue(now), async (trx, g) =>
    transitionGrant(trx, k, {
      action: 'lapse',
      actor,
      object: g,
      subject: grantSubject(await withPath(trx, g)),
    }),
  );
  await step(
    'agreementsExpiring',
    store.DUE.agreementsToExpiring(addDays(t, k.profile.get<number>('authorization.reselectionLeadDays'))),
    async (trx, a) =>
      transition(trx, k.workflow, {
        lifecycle: agreementLifecycle,
        action: 'start_expiring',
        actor,
        object: a,
        subject: agreementSubject(await withPath(trx, a)),
      }),
  );
  // End of the agreement revokes its remaining grants (AUTH-26).
  await step('agreementsExpired', store.DUE.agreementsPastValidTo(t), async (trx, a0) => {
    const a = await withPath(trx, a0);
    await transition(trx, k.workflow, {
      lifecycle: agreementLifecycle,
      action: 'expire',
      actor,
      object: a0,
      subject: agreementSubject(a),
    });
    await cascadeGrants(trx, k, actor, a, 'revoke', ['pending_plan', 'active', 'suspended'], null);
  });
  // AUTH-25: a missed rectification deadline; the authority decides, never the system.
  await step('agreementsTerminationPending', store.DUE.agreementsPastRectification(t), async (trx, a) =>
    transition(trx, k.workflow, {
      lifecycle: agreementLifecycle,
      action: 'await_termination',
      actor,
      object: a,
      subject: agreementSubject(await withPath(trx, a)),
      facts: { rectificationDeadline: a.suspension?.rectificationDeadline ?? null, today: t },
      values: {
        suspension: json({
          ...a.suspension,
          decisionDueAt: k.calendar
            .dueAt(now, k.profile.get<number>('authorization.terminationDecisionWorkingDays'))
            .toISOString(),
        }),
      },
    }),
  );
  // Review or consent clock ran out: an escalation item for the authority's org_admin; never auto-approval.
  await step('applicationsEscalated', store.DUE.applicationsOverdue(now), async (trx, s) => {
    const clocks = [
      s.review_due_at && new Date(s.review_due_at) < now && 'review',
      s.consent_due_at && new Date(s.consent_due_at) < now && 'consent',
    ].filter(Boolean) as string[];
    const fresh = clocks.filter((c) => !s.escalations.some((e) => e.clock === c));
    const app = await withPath(trx, s);
    await transition(trx, k.workflow, {
      lifecycle: applicationLifecycle,
      action: s.state === 'submitted' ? 'escalate_submitted' : 'escalate',
      actor,
      object: s,
      subject: applicationSubject(app),
      values: {
        escalations: json([
          ...s.escalations,
          ...fresh.map((clock) => ({ clock, at: now.toISOString(), to: 'authority.org_admin' })),
        ]),
      },
    });
  });
  await step('collaborationsActivated', store.DUE.collaborationsToActivate(t), async (trx, c) =>
    transition(trx, k.workflow, {
      lifecycle: collaborationLifecycle,
      action: 'activate',
      actor,
      object: c,
      subject: collaborationSubject(c, await withPath(trx, c)),
    }),
  );
  await step('collaborationsEnded', store.DUE.collaborationsPastValidTo(t), async (trx, c) =>
    transition(trx, k.workflow, {
      lifecycle: collaborationLifecycle,
      action: 'end',
      actor,
      object: c,
      subject: collaborationSubject(c, await withPath(trx, c)),
    }),
  );
  // AUTH-31: an overdue drill is flagged to the authority and the next assessment.
  await step('drillsOverdue', store.DUE.plansDrillOverdue(t), async (trx, p) =>
    transition(trx, k.workflow, {
      lifecycle: planLifecycle,
      action: 'flag_drill_overdue',
      actor,
      object: p,
      // The plan carries its Grant's holder and jurisdiction; a plan's subject names no source units.
      subject: planSubject(p, { ...(await withPath(trx, p)), source_unit_org_ids: [] }),
      values: { drill_overdue: true },
    }),
  );
  return counts;
}
