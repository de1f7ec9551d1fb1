import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { applicationLifecycle } from '../lifecycle.js';
import * as store from '../store.js';
import { applicationSubject } from '../subjects.js';
import { lockApplication } from './application-content.js';
import { json, today } from './common.js';

// An application leaves review without a Grant: returned to the operator, rejected, or withdrawn.

/** Props of rejectApplication. */
export interface RejectApplicationProps {
  /** The decision's reason, recorded in the reviews and on every item without its own. */
  reason: string;
  /** Per-item reasons by demand item id. */
  itemReasons: Record<string, string>;
}

/**
 * Returns the application to the operator with reasons (Props: `reason`, shown to the operator);
 * the review clock stops (used days are kept).
 */
export async function returnApplication(k: Kernel, actor: Actor, id: string, reason: string) {
  return k.db.transaction().execute(async (trx) => {
    const app = await lockApplication(trx, actor, id);
    const used = app.submitted_at
      ? k.calendar.workingDaysBetween(shanghaiDate(new Date(app.submitted_at)), today(k))
      : 0;
    const review = {
      actor: actor.userId,
      orgId: actor.orgId,
      decision: 'returned',
      reason,
      at: k.clock.now().toISOString(),
    };
    return transition(trx, k.workflow, {
      lifecycle: applicationLifecycle,
      action: 'return',
      actor,
      object: app,
      subject: applicationSubject(app),
      input: { reason },
      values: {
        review_days_used: app.review_days_used + used,
        review_due_at: null,
        reviews: json([...app.reviews, review]),
      },
    });
  });
}

/** Rejects the application with a reason (per item where given). */
export async function rejectApplication(k: Kernel, actor: Actor, id: string, input: RejectApplicationProps) {
  return k.db.transaction().execute(async (trx) => {
    const app = await lockApplication(trx, actor, id);
    const review = {
      userId: actor.userId,
      orgId: actor.orgId,
      decision: 'rejected',
      reason: input.reason,
      at: k.clock.now().toISOString(),
    };
    const r = await transition(trx, k.workflow, {
      lifecycle: applicationLifecycle,
      action: 'reject',
      actor,
      object: app,
      subject: applicationSubject(app),
      input,
      values: { decided_at: k.clock.now(), reviews: json([...app.reviews, review]) },
    });
    for (const i of await store.listDemandItems(trx, id))
      await store.setItemDecision(trx, i.id, 'rejected', input.itemReasons[i.id] ?? input.reason);
    return r;
  });
}

/** The owner withdraws its application (draft, returned or in review). */
export async function withdrawApplication(k: Kernel, actor: Actor, id: string) {
  return k.db.transaction().execute(async (trx) => {
    const app = await lockApplication(trx, actor, id);
    return transition(trx, k.workflow, {
      lifecycle: applicationLifecycle,
      action: 'withdraw',
      actor,
      object: app,
      subject: applicationSubject(app),
    });
  });
}
